/**
 * @module runtime/testing/flows
 * Builds small flow definitions for runtime tests: a start, the given nodes in a line, an end.
 * Test-only.
 */
const t = (text: string) => ({ "zh-CN": text, en: text });

export interface LineNode {
  readonly id: string;
  readonly type: string;
  readonly config?: object;
}

/** start → …nodes → end, with `trigger` and the ticket form. */
export function lineFlow(
  key: string,
  trigger: object,
  nodes: readonly LineNode[],
  extra: object = {},
) {
  const all = [
    { id: "start", type: "start" },
    ...nodes,
    { id: "end", type: "end", config: { outcome: "done" } },
  ];
  return {
    kind: "flow",
    key,
    name: t(key),
    form: "ticket",
    trigger,
    nodes: all.map((n, i) => ({
      id: n.id,
      type: n.type,
      label: t(n.id),
      position: { x: 0, y: i * 100 },
      config: n.config ?? {},
    })),
    edges: all.slice(1).map((n, i) => ({ id: `e${i}`, source: all[i]?.id, target: n.id })),
    ...extra,
  };
}

/** A flow that sets `status` on its record and ends: shows that a trigger started it. */
export function markerFlow(key: string, trigger: object, status = key) {
  return lineFlow(key, trigger, [
    {
      id: "mark",
      type: "action",
      config: { operations: [{ kind: "set-fields", fields: { status } }] },
    },
  ]);
}
