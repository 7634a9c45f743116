/**
 * @module designer/flows/history/flow-diff
 * What changed between two versions of a flow, node by node and edge by edge, for the visual
 * diff: each node and edge of both versions with a status (added, removed, changed, moved only,
 * same), the top-level fields that changed, and the JSON pointers of every difference — the same
 * pointers the server's `GET …/diff` answers (its differ, `diffDefinitions`, runs here on each
 * node), indexed into the version the item is in: the older for removals, the newer otherwise.
 * Header changes (name, trigger, variables…) are listed by pointer. Pure.
 */
import { diffDefinitions } from "../../../../engine/runtime/definition-diff.ts";
import type { FlowDefinition, FlowEdge, FlowNode } from "../../../../schemas/index.ts";

/** A node's status: `changed` is anything but its position; `moved` is its position alone. */
export type NodeStatus = "added" | "removed" | "changed" | "moved" | "same";
export type EdgeStatus = "added" | "removed" | "changed" | "same";

/** A node of either version and what became of it. */
export interface NodeDiff {
  readonly id: string;
  readonly status: NodeStatus;
  /** The node as drawn: the newer version's, the older's when removed. */
  readonly node: FlowNode;
  readonly before?: FlowNode;
  readonly after?: FlowNode;
  /** Top-level properties that differ (`type`, `label`, `config`, `position`…), sorted. */
  readonly fields: readonly string[];
  /** Document pointers of the differences (`/nodes/3/config/assignees/0`). */
  readonly pointers: readonly string[];
}

/** An edge of either version and what became of it. */
export interface EdgeDiff {
  readonly id: string;
  readonly status: EdgeStatus;
  readonly edge: FlowEdge;
  readonly before?: FlowEdge;
  readonly after?: FlowEdge;
  readonly fields: readonly string[];
  readonly pointers: readonly string[];
}

/** A difference outside the graph. */
export interface HeaderDiff {
  readonly pointer: string;
  readonly kind: "added" | "removed" | "changed";
}

export interface FlowDiff {
  /** The newer version's nodes in order, then the removed ones. */
  readonly nodes: readonly NodeDiff[];
  readonly edges: readonly EdgeDiff[];
  readonly header: readonly HeaderDiff[];
  readonly counts: Readonly<Record<NodeStatus, number>> & { readonly edges: number };
}

/** A flow document as far as the diff reads it. */
export type FlowDocument = Pick<FlowDefinition, "nodes" | "edges"> & Record<string, unknown>;

type Item = { readonly id: string };

/** Pointer differences of two items, under `at`, with the top-level properties they touch. */
function compare(before: unknown, after: unknown, at: string) {
  const d = diffDefinitions(before, after);
  const relative = [...d.added, ...d.removed, ...d.changed].sort();
  const fields = [...new Set(relative.map((p) => p.split("/")[1] ?? ""))].sort();
  return { fields, pointers: relative.map((p) => `${at}${p}`) };
}

function diffItems<T extends Item>(
  before: readonly T[],
  after: readonly T[],
  list: "nodes" | "edges",
) {
  const older = new Map(before.map((item, i) => [item.id, { item, i }]));
  const newer = new Set(after.map((item) => item.id));
  const rows: {
    id: string;
    kind: "added" | "removed" | "both";
    item: T;
    before?: T;
    after?: T;
    fields: string[];
    pointers: string[];
  }[] = [];
  after.forEach((item, i) => {
    const old = older.get(item.id);
    if (!old) {
      rows.push({
        id: item.id,
        kind: "added",
        item,
        after: item,
        fields: [],
        pointers: [`/${list}/${i}`],
      });
      return;
    }
    const { fields, pointers } = compare(old.item, item, `/${list}/${i}`);
    rows.push({ id: item.id, kind: "both", item, before: old.item, after: item, fields, pointers });
  });
  before.forEach((item, i) => {
    if (newer.has(item.id)) return;
    rows.push({
      id: item.id,
      kind: "removed",
      item,
      before: item,
      fields: [],
      pointers: [`/${list}/${i}`],
    });
  });
  return rows;
}

const header = (doc: FlowDocument) => {
  const { nodes: _n, edges: _e, ...rest } = doc;
  return rest;
};

/**
 * The node-level diff of two versions of a flow.
 * @example
 * const diff = diffFlows(published.body, toDefinition(header, nodes, edges, outputsOf));
 * diff.nodes.filter((n) => n.status === "added").map((n) => n.id) // ["task1"]
 */
export function diffFlows(before: FlowDocument, after: FlowDocument): FlowDiff {
  const nodes: NodeDiff[] = diffItems(before.nodes, after.nodes, "nodes").map((row) => {
    const status: NodeStatus =
      row.kind !== "both"
        ? row.kind
        : row.fields.length === 0
          ? "same"
          : row.fields.every((f) => f === "position")
            ? "moved"
            : "changed";
    return {
      id: row.id,
      status,
      node: row.item,
      ...(row.before ? { before: row.before } : {}),
      ...(row.after ? { after: row.after } : {}),
      fields: row.fields,
      pointers: status === "same" ? [] : row.pointers,
    };
  });
  const edges: EdgeDiff[] = diffItems(before.edges, after.edges, "edges").map((row) => {
    const status: EdgeStatus =
      row.kind !== "both" ? row.kind : row.fields.length === 0 ? "same" : "changed";
    return {
      id: row.id,
      status,
      edge: row.item,
      ...(row.before ? { before: row.before } : {}),
      ...(row.after ? { after: row.after } : {}),
      fields: row.fields,
      pointers: status === "same" ? [] : row.pointers,
    };
  });
  const h = diffDefinitions(header(before), header(after));
  const headerDiffs: HeaderDiff[] = [
    ...h.added.map((pointer) => ({ pointer, kind: "added" as const })),
    ...h.removed.map((pointer) => ({ pointer, kind: "removed" as const })),
    ...h.changed.map((pointer) => ({ pointer, kind: "changed" as const })),
  ].sort((a, b) => a.pointer.localeCompare(b.pointer));
  const count = (status: NodeStatus) => nodes.filter((n) => n.status === status).length;
  return {
    nodes,
    edges,
    header: headerDiffs,
    counts: {
      added: count("added"),
      removed: count("removed"),
      changed: count("changed"),
      moved: count("moved"),
      same: count("same"),
      edges: edges.filter((e) => e.status !== "same").length,
    },
  };
}

/** Whether the two versions are the same document. */
export const unchanged = (diff: FlowDiff): boolean =>
  diff.header.length === 0 &&
  diff.nodes.every((n) => n.status === "same") &&
  diff.edges.every((e) => e.status === "same");
