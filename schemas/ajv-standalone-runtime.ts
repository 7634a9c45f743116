/**
 * @module schemas/ajv-standalone-runtime
 * The runtime helpers the generated validators in `schemas/compiled/` import, as named ESM
 * bindings. Ajv's helpers are CommonJS modules with `exports.default`; Node hands an ES importer
 * `module.exports` as the default while bundlers hand it `exports.default`, so each is unwrapped
 * here once, the same way under both.
 */
import * as equalModule from "ajv/dist/runtime/equal.js";
import * as ucs2lengthModule from "ajv/dist/runtime/ucs2length.js";
import { fullFormats } from "ajv-formats/dist/formats.js";

export { re2RegExp } from "./regexp.ts";
export { fullFormats };

function unwrap<T>(module: unknown): T {
  let value = (module as { default?: unknown }).default ?? module;
  if (typeof value !== "function") value = (value as { default?: unknown }).default;
  if (typeof value !== "function") throw new Error("Unexpected shape of an Ajv runtime module");
  return value as T;
}

/** Deep equality (`const`, `enum`, `uniqueItems`). */
export const equal = unwrap<(a: unknown, b: unknown) => boolean>(equalModule);
/** String length in code points (`minLength`, `maxLength`). */
export const ucs2length = unwrap<(s: string) => number>(ucs2lengthModule);
