/**
 * @module test/reliability/flow-nodes
 * Builders for the flow definitions the reliability tests publish: labels in both languages,
 * positions, and (in `node`) the nodes they all use — start, a role's task, a wait of
 * `variables.pause` seconds, a webhook to the test's sink with an `Idempotency-Key` and retries,
 * end — plus `straightFlow`, which chains nodes one after another (e1, e2, … ; a webhook leaves
 * by its "success" handle).
 *
 * @example
 * straightFlow({
 *   key: "order", name: t("订单", "Order"), variables: { pause: pauseInput() },
 *   nodes: [node.start(), node.wait("pause", t("冷却", "Cool down"), at(0, 100)),
 *     node.webhook("hook", t("通知", "Notify"), at(0, 200), { url: `${sink.url}/hook`, body: {} }),
 *     node.end(at(0, 300))],
 * });
 */

/** A label in Chinese and English. */
export const t = (zh: string, en: string) => ({ "zh-CN": zh, en });
/** A node's position on the canvas. */
export const at = (x: number, y: number) => ({ x, y });

type Label = ReturnType<typeof t>;
type Position = ReturnType<typeof at>;

/** A number the flow takes as input. */
export const numberInput = (label: Label) => ({ type: "number", input: true, label });
/** The `pause` input: how many seconds `waitNode` waits. */
export const pauseInput = () => numberInput(t("等待秒数", "Pause seconds"));

/** The start node, id "start". */
const startNode = (position: Position = at(0, 0)) => ({
  id: "start",
  type: "start",
  label: t("开始", "Start"),
  position,
  config: {},
});

/** The end node, id "end", outcome "done". */
const endNode = (position: Position) => ({
  id: "end",
  type: "end",
  label: t("结束", "End"),
  position,
  config: { outcome: "done" },
});

/** A user task assigned to everyone holding `role`. */
const taskNode = (id: string, label: Label, position: Position, role: string) => ({
  id,
  type: "task",
  label,
  position,
  config: { assignees: [{ kind: "role", role }] },
});

/** A wait of `variables.pause` seconds. */
const waitNode = (id: string, label: Label, position: Position) => ({
  id,
  type: "wait",
  label,
  position,
  config: {
    kind: "duration",
    duration: { rule: { cat: ["PT", { var: "variables.pause" }, "S"] } },
  },
});

export interface WebhookOptions {
  /** Where it POSTs, e.g. `${sink.url}/hook`. */
  readonly url: string;
  /** The JSON body (JSONLogic rules in it are evaluated). */
  readonly body: Record<string, unknown>;
  /** Tries before the call fails. @default 20 */
  readonly maxAttempts?: number;
}

/** A webhook POST with an `Idempotency-Key`, a 5 s timeout and retries 1–2 s apart. */
const webhookNode = (id: string, label: Label, position: Position, hook: WebhookOptions) => ({
  id,
  type: "webhook",
  label,
  position,
  config: {
    method: "POST",
    url: hook.url,
    idempotencyHeader: "Idempotency-Key",
    body: hook.body,
    timeout: "PT5S",
    retries: { maxAttempts: hook.maxAttempts ?? 20, initialDelay: "PT1S", maxDelay: "PT2S" },
  },
});

/** The nodes: `node.start()`, `node.task(…)`, `node.wait(…)`, `node.webhook(…)`, `node.end(…)`. */
export const node = {
  start: startNode,
  task: taskNode,
  wait: waitNode,
  webhook: webhookNode,
  end: endNode,
};

/** The edge from `source` to `target` (by its "success" handle when `source` is a webhook). */
export interface Edge {
  readonly id: string;
  readonly source: string;
  readonly sourceHandle?: string;
  readonly target: string;
}

/**
 * A manual flow whose nodes run one after another, in the order given: edges e1, e2, … from
 * each node to the next.
 */
export function straightFlow(flow: {
  readonly key: string;
  readonly name: Label;
  readonly variables: Record<string, unknown>;
  readonly nodes: ReadonlyArray<{ readonly id: string; readonly type: string }>;
}) {
  const edges: Edge[] = flow.nodes.slice(1).map((target, i) => {
    const source = flow.nodes[i] as { id: string; type: string };
    return {
      id: `e${i + 1}`,
      source: source.id,
      ...(source.type === "webhook" ? { sourceHandle: "success" } : {}),
      target: target.id,
    };
  });
  return {
    kind: "flow",
    key: flow.key,
    name: flow.name,
    trigger: { type: "manual" },
    variables: flow.variables,
    nodes: flow.nodes,
    edges,
  };
}
