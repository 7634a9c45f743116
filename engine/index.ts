/**
 * @module kamflow
 * Public entry of the engine library.
 */
export * from "./errors/index.ts";
export { type Clock, type ManualClock, manualClock, type RuleLogger } from "./ports.ts";
