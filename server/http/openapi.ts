/**
 * @module server/http/openapi
 * The OpenAPI 3.1 document, generated from the route table (server/http/all-route-docs) and the
 * JSON Schemas in `schemas/` (request and response bodies are the very schemas the server
 * validates with and the tests check answers against). OpenAPI 3.1 uses JSON Schema 2020-12, so
 * the schemas go in as they are, under `components.schemas`, with `$ref`s rewritten to them.
 */
import { SCHEMA_BASE } from "../../schemas/common/ids.ts";
import { allSchemas } from "../../schemas/schema-list.ts";
import type { RouteDoc } from "./route-docs.ts";

/** Component name of a schema `$id`: `api/task-view.json` → `api.task-view`. */
export function componentName(id: string): string {
  return id
    .slice(SCHEMA_BASE.length)
    .replace(/\.json$/, "")
    .replaceAll("/", ".");
}

/**
 * Rewrites a schema's `$ref`s for its place under `components.schemas.<self>`: references to
 * other kamflow schemas point at their components, and local ones (`#`, `#/$defs/x`) at the
 * schema's own component — in the OpenAPI document `#` is the document, not the schema.
 */
function rewriteRefs(value: unknown, self: string): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, self));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === "$ref" && typeof inner === "string" && inner.startsWith(SCHEMA_BASE)) {
      const [id, fragment] = inner.split("#");
      out.$ref = `#/components/schemas/${componentName(id ?? "")}${fragment ? fragment : ""}`;
    } else if (key === "$ref" && typeof inner === "string" && inner.startsWith("#")) {
      out.$ref = `#/components/schemas/${self}${inner.slice(1)}`;
    } else if (key !== "$id") {
      out[key] = rewriteRefs(inner, self);
    }
  }
  return out;
}

const componentRef = (id: string) => ({ $ref: `#/components/schemas/${componentName(id)}` });
const PROBLEM_ID = `${SCHEMA_BASE}api/problem.json`;

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: "Invalid request: every problem with a JSON pointer",
  401: "Not signed in",
  403: "Not allowed for this caller",
  404: "Not found (or not visible to this caller)",
  409: "Conflict: changed meanwhile, or no longer open",
  413: "Body too large",
  422: "Refused: the request is understood but not allowed",
  429: "Too many requests",
  500: "Unexpected error (logged with its request id)",
  503: "The database cannot be reached for now: retry after the Retry-After seconds",
};

function operation(doc: RouteDoc) {
  const parameters: object[] = [];
  for (const match of doc.path.matchAll(/\{(\w+)\}/g)) {
    parameters.push({ name: match[1], in: "path", required: true, schema: { type: "string" } });
  }
  for (const [name, description] of Object.entries(doc.query ?? {})) {
    parameters.push({
      name,
      in: "query",
      required: false,
      description,
      schema: { type: "string" },
    });
  }
  if (doc.idempotent) {
    parameters.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description:
        "A repeated request with the same key returns the first result and changes nothing.",
      schema: { type: "string", maxLength: 200 },
    });
  }
  const responses: Record<string, object> = {};
  for (const [status, description] of Object.entries(doc.success)) {
    responses[status] =
      status === "204" || status === "304"
        ? { description }
        : {
            description,
            content: {
              [doc.contentType ?? "application/json"]: {
                schema: doc.response
                  ? componentRef(doc.response)
                  : doc.contentType
                    ? { type: "string" }
                    : { type: "object" },
              },
            },
          };
  }
  const auth = doc.auth !== false;
  const errors = new Set([
    400,
    ...(auth ? [401] : []),
    ...(doc.body ? [413] : []),
    ...(doc.errors ?? []),
    500,
    503,
  ]);
  for (const status of [...errors].sort()) {
    responses[String(status)] = {
      description: STATUS_TEXT[status] ?? "Error",
      content: { "application/problem+json": { schema: componentRef(PROBLEM_ID) } },
    };
  }
  return {
    tags: [doc.tag],
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    operationId: `${doc.method}${doc.path.replace(/[^a-zA-Z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(doc.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: componentRef(doc.body) } },
          },
        }
      : {}),
    responses,
    security: auth ? [{ session: [] }, { token: [] }] : [],
  };
}

/** The OpenAPI 3.1 document of `docs`. */
export function openApiDocument(docs: readonly RouteDoc[], version: string) {
  const paths: Record<string, Record<string, object>> = {};
  for (const doc of docs) {
    paths[doc.path] ??= {};
    (paths[doc.path] as Record<string, object>)[doc.method] = operation(doc);
  }
  const schemas: Record<string, unknown> = {};
  for (const schema of allSchemas) {
    const name = componentName((schema as { $id: string }).$id);
    schemas[name] = rewriteRefs(schema, name);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "kamflow API",
      version,
      description:
        "Key Account Management workflows: definitions, records, flows, tasks and approvals. " +
        "Errors are RFC 9457 problem+json in the language of Accept-Language (zh-CN, en).",
    },
    servers: [{ url: "/" }],
    tags: [...new Set(docs.map((d) => d.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas,
      securitySchemes: {
        session: {
          type: "apiKey",
          in: "cookie",
          name: "kam_session",
          description:
            "Browser session from POST /api/v1/auth/login; writes also need the X-CSRF-Token header.",
        },
        token: {
          type: "http",
          scheme: "bearer",
          description: "An API token from POST /api/v1/auth/tokens.",
        },
      },
    },
  };
}
