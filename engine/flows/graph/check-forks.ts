/**
 * @module flows/graph/check-forks
 * Matches parallel nodes with joins. The rule enforced:
 * - Following each branch of a parallel node P (skipping over a nested parallel node to the join
 *   it is matched with), the joins first reached must be one join J, or none at all (every
 *   branch then ends at an end node, and the instance ends when its last path does).
 * - J closes P only: every edge into J comes from inside P's branches, and no other parallel node
 *   is matched with J; a join matched with no parallel node is an error (merge alternative
 *   branches by pointing their edges at one node instead).
 * - When P is joined, no branch may leave the fork: no end that does not terminate the
 *   instance (J would wait for it forever), no edge back into P, and no edge from outside the
 *   branches into them (a path without P's fork would reach J).
 * The interpreter relies on this: each path carries its forks, and a join counts the arrivals of
 * its innermost one.
 */
import type { Issue } from "../../errors/index.ts";
import { edgeIssue, type FlowGraph, type GraphNode, nodeIssue } from "./flow-graph.ts";

/** What following a parallel node's branches found. */
export interface ForkMatch {
  readonly fork: GraphNode;
  readonly join: string | undefined;
  readonly joins: ReadonlySet<string>;
  /** Nodes inside the branches (the fork, nested forks and their joins included). */
  readonly region: ReadonlySet<string>;
  readonly issues: readonly Issue[];
}

type Memo = Map<string, ForkMatch | "pending">;

function explore(graph: FlowGraph, fork: GraphNode, memo: Memo): ForkMatch {
  memo.set(fork.node.id, "pending");
  const region = new Set<string>([fork.node.id]);
  const joins = new Set<string>();
  const escapes: Issue[] = [];
  const stack = [...graph.outgoing(fork.node.id)];
  while (stack.length > 0) {
    const edge = stack.pop();
    if (!edge) break;
    const id = edge.target;
    if (id === fork.node.id) {
      escapes.push(
        edgeIssue(graph, edge, "FLOW_BRANCH_ESCAPES_JOIN", edge.pointer, { fork: fork.node.id }),
      );
      continue;
    }
    if (region.has(id)) continue;
    region.add(id);
    const at = graph.nodes.get(id);
    if (!at) continue;
    if (at.type.behavior.join) {
      joins.add(id);
      continue;
    }
    if (at.type.behavior.terminal) {
      if (!at.type.terminates(at.node.config))
        escapes.push(nodeIssue(at, "FLOW_BRANCH_ESCAPES_JOIN", at.pointer, { fork: fork.node.id }));
      continue;
    }
    let from = id;
    if (at.type.behavior.fanOut === "parallel") {
      const nested = matchFork(graph, at, memo);
      if (nested?.join !== undefined) {
        // The nested fork's branches are its own to check; they belong to this region too.
        for (const inner of nested.region) region.add(inner);
        from = nested.join;
      }
    }
    stack.push(...graph.outgoing(from));
  }
  const [join] = joins;
  const issues: Issue[] = [];
  if (joins.size > 1)
    issues.push(nodeIssue(fork, "FLOW_FORK_UNMATCHED", fork.pointer, { joins: [...joins] }));
  if (joins.size === 1 && join !== undefined) {
    issues.push(...escapes.map((i) => ({ ...i, params: { ...i.params, join } })));
    for (const id of region) {
      if (id === fork.node.id) continue;
      const code =
        id === join ? "FLOW_JOIN_INPUT_OUTSIDE_FORK" : "FLOW_BRANCH_ENTERED_FROM_OUTSIDE";
      for (const e of graph.incoming(id)) {
        if (!region.has(e.source))
          issues.push(edgeIssue(graph, e, code, e.pointer, { fork: fork.node.id }));
      }
    }
  }
  const match: ForkMatch = {
    fork,
    join: joins.size === 1 ? join : undefined,
    joins,
    region,
    issues,
  };
  memo.set(fork.node.id, match);
  return match;
}

/** The match of one parallel node (undefined while it is being computed: a nesting cycle). */
function matchFork(graph: FlowGraph, fork: GraphNode, memo: Memo): ForkMatch | undefined {
  const known = memo.get(fork.node.id);
  if (known === "pending") return undefined;
  return known ?? explore(graph, fork, memo);
}

/** Fork/join issues, and each join's matched parallel node with its branch count. */
export function checkForks(graph: FlowGraph): {
  issues: Issue[];
  matched: ReadonlyMap<string, { nodeId: string; width: number }>;
  /** Per parallel node, the nodes strictly inside its branches (neither it nor its join). */
  inside: ReadonlyArray<ReadonlySet<string>>;
} {
  const memo: Memo = new Map();
  const matches: ForkMatch[] = [];
  for (const n of graph.nodes.values()) {
    if (n.type.behavior.fanOut !== "parallel") continue;
    const match = matchFork(graph, n, memo);
    if (match) matches.push(match);
  }
  const issues: Issue[] = matches.flatMap((m) => m.issues);
  const matched = new Map<string, { nodeId: string; width: number }>();
  for (const n of graph.nodes.values()) {
    if (!n.type.behavior.join) continue;
    const forks = matches.filter((m) => m.join === n.node.id);
    const [only] = forks;
    if (!only) issues.push(nodeIssue(n, "FLOW_JOIN_UNMATCHED"));
    else if (forks.length > 1)
      issues.push(
        nodeIssue(n, "FLOW_JOIN_SHARED", n.pointer, { forks: forks.map((m) => m.fork.node.id) }),
      );
    else
      matched.set(n.node.id, {
        nodeId: only.fork.node.id,
        width: graph.outgoing(only.fork.node.id).length,
      });
  }
  const inside = matches.map(
    (m) => new Set([...m.region].filter((id) => id !== m.fork.node.id && id !== m.join)),
  );
  return { issues, matched, inside };
}
