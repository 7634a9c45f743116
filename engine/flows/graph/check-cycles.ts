/**
 * @module flows/graph/check-cycles
 * A loop must pass a wait state (a node whose type waits for a person, a timer, a call or a
 * child flow): without one it would spin within one step. Checked exactly: the graph without
 * its wait-state nodes must be acyclic; each strongly connected component left is one issue.
 * The interpreter's step limit remains the guard for loops that pass a wait that does not wait
 * (a date already past, a condition already true).
 */
import type { Issue } from "../../errors/index.ts";
import { type FlowGraph, nodeIssue } from "./flow-graph.ts";

/** Strongly connected components of `ids` under `next` (Tarjan, iterative). */
function components(ids: readonly string[], next: (id: string) => readonly string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: Array<{ id: string; i: number }> = [{ id: root, i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { id: string; i: number };
      const succ = next(frame.id);
      if (frame.i < succ.length) {
        const w = succ[frame.i++] as string;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ id: w, i: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.id, Math.min(low.get(frame.id) as number, index.get(w) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent)
        low.set(parent.id, Math.min(low.get(parent.id) as number, low.get(frame.id) as number));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop() as string;
          onStack.delete(w);
          component.push(w);
        } while (w !== frame.id);
        out.push(component);
      }
    }
  }
  return out;
}

/** Loops without a wait state, one issue per loop at its first node in document order. */
export function checkCycles(graph: FlowGraph): Issue[] {
  const running = [...graph.nodes.values()].filter((n) => !n.type.waitState(n.node.config));
  const inSubgraph = new Set(running.map((n) => n.node.id));
  const next = (id: string) =>
    graph
      .outgoing(id)
      .map((e) => e.target)
      .filter((t) => inSubgraph.has(t));
  const issues: Array<Issue & { order: number }> = [];
  for (const component of components([...inSubgraph], next)) {
    const [only] = component;
    const loops = component.length > 1 || (only !== undefined && next(only).includes(only));
    if (!loops) continue;
    const members = running.filter((n) => component.includes(n.node.id));
    const first = members[0];
    const nodes = members.map((n) => n.node.id);
    if (first)
      issues.push({
        ...nodeIssue(first, "FLOW_CYCLE_WITHOUT_WAIT", first.pointer, { nodes }),
        order: first.index,
      });
  }
  return issues.sort((a, b) => a.order - b.order).map(({ order: _order, ...rest }) => rest);
}
