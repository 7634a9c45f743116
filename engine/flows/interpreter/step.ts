/**
 * @module flows/interpreter/step
 * The interpreter: one pure function from (definition, state, event, context) to the next state,
 * the effects the runtime applies with it in one transaction, and the history entries of the
 * decisions taken. No I/O, no clock or randomness except through the context.
 */
import type { FlowDefinition } from "../../../schemas/index.ts";
import type { FlowEvent } from "../model/events.ts";
import type { InstanceState } from "../model/state.ts";
import type { StepContext, StepResult } from "./context.ts";
import { dispatch } from "./dispatch.ts";
import { drain } from "./drain.ts";
import { closeRun, openRun } from "./run.ts";

/**
 * Applies one event to an instance.
 * @param definition A definition that passed `validateFlow` (its schema defaults applied); the
 *   same object across steps lets compiled rules be reused.
 * @param state The instance's stored state (`initialState(id)` before `start`); never mutated.
 * @returns The next state, the effects to apply with it (in order), the history to append, and
 *   `ignored` with a reason when the event did not apply (then `state` is returned as is).
 * @throws Error only on a programmer error (an unvalidated definition, a node type that is not
 *   registered); every failure of the flow itself becomes an incident in the state.
 * @example
 * let { state, effects } = step(flow, initialState("i1"), { type: "start", initiator: "u1" }, ctx);
 * ({ state, effects } = step(flow, state, { type: "task.completed", taskId, outcome: "complete", actor: "u2" }, ctx));
 */
export function step(
  definition: FlowDefinition,
  state: InstanceState,
  event: FlowEvent,
  context: StepContext,
): StepResult {
  const run = openRun(definition, state, context);
  const ignored = dispatch(run, event);
  if (ignored !== undefined) {
    return {
      state,
      effects: [],
      history: [{ at: context.now, type: "event.ignored", event: event.type, reason: ignored }],
      ignored,
    };
  }
  drain(run);
  return { state: closeRun(run), effects: run.effects, history: run.history };
}
