/**
 * @module server/http/validate
 * Checks a request body against its schema in `schemas/api` (the same schema the OpenAPI document
 * shows): every problem becomes an issue with a JSON pointer into the body, and the request is
 * answered 400 before anything is read or written.
 */
import type { Context } from "hono";
import { ajvErrorsToIssues, DefinitionError } from "../../engine/errors/index.ts";
import { validatorFor } from "../../schemas/ajv.ts";
import { jsonBody } from "./body.ts";

/** The body of `c`, checked against the schema `schema` (its `$id`). */
export async function validBody<T>(c: Context, schema: { readonly $id: string }): Promise<T> {
  const body = await jsonBody(c);
  const validate = validatorFor(schema.$id);
  if (!validate(body)) throw new DefinitionError(ajvErrorsToIssues(validate.errors));
  return body as T;
}

/** The body of a request that may have none (an empty body reads as `{}`). */
export async function optionalBody<T>(c: Context, schema: { readonly $id: string }): Promise<T> {
  const length = c.req.header("content-length");
  if (length === "0" || (length === undefined && !c.req.header("transfer-encoding")))
    return {} as T;
  return validBody<T>(c, schema);
}
