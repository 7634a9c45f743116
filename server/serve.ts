/**
 * @module server/serve
 * Starts the HTTP server (port from --port, PORT or 8787) and stops it cleanly on SIGINT/SIGTERM.
 */
import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import { version } from "./version.ts";

export function startServer(port: number): Promise<void> {
  const app = createApp({ version });
  return new Promise((resolve) => {
    const server = serve(
      { fetch: app.fetch, port, hostname: process.env.HOST ?? "127.0.0.1" },
      (info) => {
        console.log(
          `kamflow ${version} listening on http://${info.address}:${info.port} (health: /healthz)`,
        );
      },
    );
    const stop = () => {
      server.close(() => resolve());
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
