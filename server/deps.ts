/**
 * @module server/deps
 * What the HTTP layer is built on: the engine, its store and clock, and the login limiter. Tests
 * pass a manual clock and a fresh store; `kamflow serve` passes the real ones.
 */
import type { Clock } from "../engine/ports.ts";
import type { Engine } from "../engine/runtime/index.ts";
import type { Store } from "../engine/store/index.ts";
import type { LoginLimiter } from "./auth/rate-limit.ts";

export interface ServerDeps {
  readonly engine: Engine;
  readonly store: Store;
  readonly clock: Clock;
  readonly limiter: LoginLimiter;
  readonly version: string;
  /** Largest request body in bytes. @default 1 MiB */
  readonly bodyLimit?: number;
  /** The designer's build served at `/`. @default designer/dist of this checkout */
  readonly designerDir?: string;
  /** Tests: check every answer against the route table and report what does not match. */
  readonly onResponseViolation?: (violation: string) => void;
  /** Aborted when the server stops: open event streams end, so the HTTP server can drain. */
  readonly shutdown?: AbortSignal;
}
