/**
 * @module flows/graph/check-structure
 * The wiring: unique node and edge ids, exactly one start, edges between existing nodes by ports
 * their types have, every required output connected, one edge per output unless the type fans
 * out, and edge conditions only where a type chooses among edges.
 */
import type { Issue } from "../../errors/index.ts";
import { issue, ptrAt } from "../../errors/index.ts";
import { edgeIssue, type FlowGraph, nodeIssue } from "./flow-graph.ts";

function duplicateIds(graph: FlowGraph): Issue[] {
  const issues: Issue[] = [];
  const seenNodes = new Set<string>();
  for (const n of graph.list) {
    if (seenNodes.has(n.node.id)) {
      issues.push(
        nodeIssue(n, "FLOW_NODE_ID_DUPLICATE", ptrAt(n.pointer, "id"), { id: n.node.id }),
      );
    }
    seenNodes.add(n.node.id);
  }
  const seenEdges = new Set<string>();
  for (const e of graph.edges) {
    if (seenEdges.has(e.id))
      issues.push(
        edgeIssue(graph, e, "FLOW_EDGE_ID_DUPLICATE", ptrAt(e.pointer, "id"), { id: e.id }),
      );
    seenEdges.add(e.id);
  }
  return issues;
}

function starts(graph: FlowGraph): Issue[] {
  const found = graph.list.filter((n) => n.type.behavior.start);
  const [first, ...extra] = found;
  if (!first) return [issue("FLOW_START_MISSING", "/nodes")];
  return extra.map((n) => nodeIssue(n, "FLOW_START_MULTIPLE", n.pointer, { first: first.node.id }));
}

function edgeEnds(graph: FlowGraph): Issue[] {
  const issues: Issue[] = [];
  for (const e of graph.edges) {
    const source = graph.nodes.get(e.source);
    const target = graph.nodes.get(e.target);
    if (!source)
      issues.push(
        edgeIssue(graph, e, "FLOW_EDGE_SOURCE_UNKNOWN", ptrAt(e.pointer, "source"), {
          node: e.source,
        }),
      );
    else if (source.type.ports.outputs.length === 0) {
      issues.push(
        edgeIssue(graph, e, "FLOW_EDGE_FROM_NO_OUTPUT", ptrAt(e.pointer, "source"), {
          node: e.source,
        }),
      );
    } else if (
      e.handle !== undefined &&
      !source.type.ports.outputs.includes(e.handle) &&
      !source.type.ports.outcomeHandles
    ) {
      issues.push(
        edgeIssue(graph, e, "FLOW_EDGE_HANDLE_INVALID", ptrAt(e.pointer, "sourceHandle"), {
          handle: e.handle,
          expected: source.type.ports.outputs,
        }),
      );
    }
    if (!target)
      issues.push(
        edgeIssue(graph, e, "FLOW_EDGE_TARGET_UNKNOWN", ptrAt(e.pointer, "target"), {
          node: e.target,
        }),
      );
    else if (target.type.ports.inputs.length === 0) {
      issues.push(
        edgeIssue(graph, e, "FLOW_EDGE_TO_NO_INPUT", ptrAt(e.pointer, "target"), {
          node: e.target,
        }),
      );
    }
    const exclusive = source?.type.behavior.fanOut === "exclusive";
    if (source && !exclusive && e.condition !== undefined) {
      issues.push(
        edgeIssue(graph, e, "FLOW_EDGE_CONDITION_MISPLACED", ptrAt(e.pointer, "condition")),
      );
    } else if (source && !exclusive && e.default) {
      issues.push(
        edgeIssue(graph, e, "FLOW_EDGE_CONDITION_MISPLACED", ptrAt(e.pointer, "default")),
      );
    }
  }
  return issues;
}

function ports(graph: FlowGraph): Issue[] {
  const issues: Issue[] = [];
  for (const n of graph.nodes.values()) {
    const outgoing = graph.outgoing(n.node.id);
    for (const port of n.type.requiredOutputs(n.node.config)) {
      if (!outgoing.some((e) => e.port === port))
        issues.push(nodeIssue(n, "FLOW_PORT_UNCONNECTED", n.pointer, { port }));
    }
    if (n.type.behavior.fanOut) continue;
    const used = new Set<string>();
    for (const e of outgoing) {
      if (used.has(e.port))
        issues.push(edgeIssue(graph, e, "FLOW_PORT_EDGES_MULTIPLE", e.pointer, { port: e.port }));
      used.add(e.port);
    }
  }
  return issues;
}

/** Wiring issues of the graph. */
export function checkStructure(graph: FlowGraph): Issue[] {
  return [...duplicateIds(graph), ...starts(graph), ...edgeEnds(graph), ...ports(graph)];
}
