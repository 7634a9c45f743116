/**
 * @module server/http/env
 * What every request carries through the middleware chain: its id, the locale of its messages
 * and — once authenticated — who is calling, in which workspace, with which role.
 */
import type { Locale } from "../../engine/errors/index.ts";
import type { Role } from "../../engine/store/index.ts";

/** The authenticated caller. */
export interface Caller {
  readonly userId: string;
  readonly workspaceId: string;
  readonly role: Role;
  /** How they authenticated: a browser session (cookie + CSRF) or an API token. */
  readonly via: "session" | "token";
}

/** Hono environment of the kamflow app. */
export interface AppEnv {
  Variables: {
    requestId: string;
    locale: Locale;
    caller: Caller;
  };
}
