/**
 * @module server/serve
 * Starts the HTTP server: opens the store (DATABASE_URL, default the embedded SQLite file),
 * migrates it, builds the engine and the app, and stops cleanly on SIGINT/SIGTERM.
 */
import { serve } from "@hono/node-server";
import { createEngine } from "../engine/runtime/index.ts";
import { openStore } from "../engine/store/index.ts";
import { createApp } from "./app.ts";
import { createLoginLimiter } from "./auth/rate-limit.ts";
import { version } from "./version.ts";

export interface ServeOptions {
  readonly port: number;
  readonly host?: string;
  readonly databaseUrl?: string;
}

export async function startServer(options: ServeOptions): Promise<void> {
  const store = await openStore(options.databaseUrl ?? process.env.DATABASE_URL);
  await store.migrate();
  const clock = { now: () => Date.now() };
  const engine = createEngine({ store, clock });
  const app = createApp({ engine, store, clock, limiter: createLoginLimiter(), version });
  await new Promise<void>((resolve) => {
    const server = serve(
      {
        fetch: app.fetch,
        port: options.port,
        hostname: options.host ?? process.env.HOST ?? "127.0.0.1",
      },
      (info) => {
        console.log(
          `kamflow ${version} listening on http://${info.address}:${info.port} (health: /healthz)`,
        );
      },
    );
    const stop = () => server.close(() => resolve());
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await store.close();
}
