/**
 * @module bench/engine/process
 * The process every engine runs, defined once so the peers stay equivalent:
 *
 *   start → task "fill" (wait) → condition: amount ≥ 10,000? → approval (wait) → end
 *                                         └── default ──────────────────────────┘
 *
 * An instance starts with `{ amount }` as its input. The person doing "fill" completes it; the
 * condition then reads the amount. Every generated amount is at least the threshold but none is
 * the same, so the condition is really evaluated each time and every instance passes both wait
 * states (the default edge exists because kamflow requires one, as BPMN allows one).
 */

/** The condition's threshold: the approval branch is taken when `amount >= APPROVAL_THRESHOLD`. */
export const APPROVAL_THRESHOLD = 10_000;

/** Wait states each instance stops at: the task "fill" and the approval. */
export const WAIT_STATES = 2;

/**
 * Durable steps per instance: start → "fill" waits; "fill" completed → approval waits;
 * approved → end. Each is one state write, so the floor for a durable engine is
 * {@link DURABLE_STEPS} single-row transactions per instance.
 */
export const DURABLE_STEPS = 3;

/** The node ids, shared by the BPMN XML, the xstate machine and the kamflow flow. */
export const NODE = {
  start: "start",
  fill: "fill",
  check: "check",
  approval: "approval",
  end: "end",
} as const;

/** The input of instance `index`: distinct amounts, all on the approval branch. */
export function amountFor(index: number): number {
  return APPROVAL_THRESHOLD + ((index * 7_919) % 990_000);
}

/** The condition, as each peer evaluates it (a kamflow JSON Logic rule says the same). */
export function needsApproval(amount: number): boolean {
  return amount >= APPROVAL_THRESHOLD;
}
