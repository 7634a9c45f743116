/**
 * @module server/docs/page
 * The interactive API docs at `/api/docs`: a small page that renders `/api/openapi.json` and lets
 * a signed-in user try each route, in zh-CN or en after the browser's language. Hand-written on
 * purpose: Swagger UI, Redoc and Scalar inject inline styles, which the Content Security Policy
 * (no `unsafe-inline`) forbids. Script and stylesheet are files of their own.
 */
import { readFileSync } from "node:fs";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.ts";

const asset = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), "utf8");

const HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>kamflow API</title>
<link rel="stylesheet" href="/api/docs/docs.css">
<script src="/api/docs/docs.js" defer></script>
</head>
<body></body>
</html>
`;

/** The docs page and its two assets. */
export function docsRoutes() {
  const app = new Hono<AppEnv>();
  const script = asset("docs.js");
  const style = asset("docs.css");
  app.get("/", (c) => c.html(HTML));
  app.get("/docs.js", (c) =>
    c.body(script, 200, { "content-type": "text/javascript; charset=utf-8" }),
  );
  app.get("/docs.css", (c) => c.body(style, 200, { "content-type": "text/css; charset=utf-8" }));
  return app;
}
