/**
 * @module flows/graph/check-reachability
 * Every node reachable from the start, and an end reachable from every node (so no path can be
 * stranded where the flow can never finish).
 */
import type { Issue } from "../../errors/index.ts";
import { type FlowGraph, nodeIssue } from "./flow-graph.ts";

/** Nodes from which a terminal node can be reached (terminal nodes included). */
function canFinish(graph: FlowGraph): Set<string> {
  const done = new Set<string>();
  const stack = [...graph.nodes.values()]
    .filter((n) => n.type.behavior.terminal)
    .map((n) => n.node.id);
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (done.has(id)) continue;
    done.add(id);
    for (const e of graph.incoming(id)) stack.push(e.source);
  }
  return done;
}

/** Reachability issues; none about reaching when the flow has no start (reported elsewhere). */
export function checkReachability(graph: FlowGraph): Issue[] {
  const issues: Issue[] = [];
  const start = [...graph.nodes.values()].find((n) => n.type.behavior.start);
  const reached = start ? graph.reachableFrom(start.node.id) : undefined;
  const finishing = canFinish(graph);
  for (const n of graph.nodes.values()) {
    if (reached && n !== start && !reached.has(n.node.id))
      issues.push(nodeIssue(n, "FLOW_NODE_UNREACHABLE"));
    if (!finishing.has(n.node.id)) issues.push(nodeIssue(n, "FLOW_END_UNREACHABLE"));
  }
  return issues;
}
