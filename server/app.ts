/**
 * @module server/app
 * The Hono application. For now it serves health only; the API, authentication, the scheduler
 * and the designer arrive with the server issue. Errors are RFC 9457 problem+json, never stacks.
 */
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";

export interface AppInfo {
  readonly version: string;
}

function problem(status: number, title: string, code: string, detail: string) {
  return { type: `urn:kamflow:error:${code}`, title, status, detail, code, issues: [] };
}

/** Creates the application; `info` is what `/healthz` reports. */
export function createApp(info: AppInfo) {
  const app = new Hono();
  app.use(secureHeaders());
  app.get("/healthz", (c) => c.json({ status: "ok", version: info.version }));
  app.notFound((c) =>
    c.json(
      problem(404, "Not Found", "NOT_FOUND", `No route for ${c.req.method} ${c.req.path}`),
      404,
      {
        "content-type": "application/problem+json",
      },
    ),
  );
  app.onError((error, c) => {
    console.error(error);
    return c.json(
      problem(500, "Internal Server Error", "INTERNAL", "An unexpected error occurred."),
      500,
      {
        "content-type": "application/problem+json",
      },
    );
  });
  return app;
}
