/**
 * @module schemas/emitted
 * The JSON text of every schema as `schemas:emit` writes it, shared by the script and its
 * drift test.
 */
import { SCHEMA_BASE } from "./common/ids.ts";
import { allSchemas } from "./schema-list.ts";

export const SCHEMA_JSON_DIR = new URL("./json/", import.meta.url);

export interface EmittedSchema {
  readonly file: string;
  readonly text: string;
}

export function emittedSchemas(): EmittedSchema[] {
  return allSchemas.map((schema) => {
    const id = (schema as { $id: string }).$id;
    if (!id.startsWith(SCHEMA_BASE)) throw new Error(`Schema id ${id} is outside ${SCHEMA_BASE}`);
    return {
      file: id.slice(SCHEMA_BASE.length),
      text: `${JSON.stringify({ $schema: "https://json-schema.org/draft/2020-12/schema", ...schema }, null, 2)}\n`,
    };
  });
}
