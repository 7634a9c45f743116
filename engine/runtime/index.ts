/**
 * @module runtime
 * The durable runtime: `createEngine({ store, clock })`.
 */

export type { FaultHook, Instance } from "./context.ts";
export { createEngine, type Engine, type EngineOptions } from "./create-engine.ts";
export { createDirectory } from "./directory.ts";
export type { DeliverOptions, DeliveryCounts, Performer } from "./outbox.ts";
export type { CompleteTask } from "./tasks.ts";
export type { FireOptions } from "./timers.ts";
