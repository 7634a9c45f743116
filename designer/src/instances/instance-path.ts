/**
 * @module designer/instances/instance-path
 * Where a request has been and where it waits, from its history: the nodes it entered, the
 * edges it took, and the nodes entered more often than left (where tokens are now). Pure.
 */

export interface PathEntry {
  readonly kind: string;
  readonly nodeId: string | null;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface InstancePath {
  readonly visited: string[];
  readonly takenEdges: string[];
  readonly active: string[];
}

/** The path of a history; an ended instance waits nowhere. */
export function instancePath(entries: readonly PathEntry[], ended: boolean): InstancePath {
  const visited = new Set<string>();
  const taken = new Set<string>();
  const inside = new Map<string, number>();
  for (const e of entries) {
    if (e.kind === "node.entered" && e.nodeId) {
      visited.add(e.nodeId);
      inside.set(e.nodeId, (inside.get(e.nodeId) ?? 0) + 1);
    }
    if (e.kind === "node.left" && e.nodeId) {
      inside.set(e.nodeId, (inside.get(e.nodeId) ?? 0) - 1);
      if (typeof e.data.edgeId === "string") taken.add(e.data.edgeId);
    }
    if ((e.kind === "token.cancelled" || e.kind === "token.ended") && e.nodeId)
      inside.set(e.nodeId, Math.min(inside.get(e.nodeId) ?? 0, 0));
  }
  return {
    visited: [...visited],
    takenEdges: [...taken],
    active: ended ? [] : [...inside].filter(([, n]) => n > 0).map(([id]) => id),
  };
}
