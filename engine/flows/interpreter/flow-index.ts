/**
 * @module flows/interpreter/flow-index
 * A validated definition indexed for stepping: nodes by id with their pointer and type, and the
 * outgoing edges of each node with the port they leave by. Built once per definition object and
 * registry (a WeakMap, so a definition the runtime drops is collected with its index).
 */
import type { FlowDefinition, FlowNode } from "../../../schemas/index.ts";
import { ptr } from "../../errors/index.ts";
import type { OutgoingEdge } from "../nodes/node-context.ts";
import type { NodeRegistry, RegisteredNode } from "../nodes/registry.ts";

/** One node, ready to run. */
export interface IndexedNode {
  readonly node: FlowNode;
  readonly pointer: string;
  readonly type: RegisteredNode;
  readonly outgoing: readonly OutgoingEdge[];
}

/** The index of one definition. */
export interface FlowIndex {
  readonly definition: FlowDefinition;
  readonly nodes: ReadonlyMap<string, IndexedNode>;
  /** Id of the start node. */
  readonly start: string | undefined;
}

const indexes = new WeakMap<NodeRegistry, WeakMap<FlowDefinition, FlowIndex>>();

function build(definition: FlowDefinition, registry: NodeRegistry): FlowIndex {
  const types = new Map<string, RegisteredNode>();
  for (const node of definition.nodes) types.set(node.id, registry.require(node.type));
  const outgoing = new Map<string, OutgoingEdge[]>();
  for (const [i, edge] of definition.edges.entries()) {
    const list = outgoing.get(edge.source) ?? [];
    outgoing.set(edge.source, list);
    list.push({
      id: edge.id,
      target: edge.target,
      port: edge.sourceHandle ?? types.get(edge.source)?.defaultPort ?? "out",
      pointer: ptr("edges", i),
      ...(edge.condition === undefined ? {} : { condition: edge.condition }),
      default: edge.default === true,
    });
  }
  const nodes = new Map<string, IndexedNode>();
  let start: string | undefined;
  for (const [i, node] of definition.nodes.entries()) {
    const type = types.get(node.id) as RegisteredNode;
    if (type.behavior.start && start === undefined) start = node.id;
    nodes.set(node.id, {
      node,
      pointer: ptr("nodes", i),
      type,
      outgoing: Object.freeze(outgoing.get(node.id) ?? []),
    });
  }
  return { definition, nodes, start };
}

/** The index of `definition` for `registry` (cached). */
export function indexFlow(definition: FlowDefinition, registry: NodeRegistry): FlowIndex {
  let byDefinition = indexes.get(registry);
  if (!byDefinition) {
    byDefinition = new WeakMap();
    indexes.set(registry, byDefinition);
  }
  let index = byDefinition.get(definition);
  if (!index) {
    index = build(definition, registry);
    byDefinition.set(definition, index);
  }
  return index;
}
