/**
 * @module flows/interpreter
 * Public entry of the interpreter: `step` and the types of its context and result.
 */
export type {
  Directory,
  DirectoryContext,
  DurationCalendar,
  IdSource,
  StepContext,
  StepLimits,
  StepResult,
} from "./context.ts";
export { DEFAULT_MAX_TRANSITIONS } from "./run.ts";
export { step } from "./step.ts";
