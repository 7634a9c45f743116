/**
 * @module schemas/regexp
 * A linear-time regular-expression engine (RE2 semantics through re2js) for every `pattern` Ajv
 * compiles. User-written form patterns cannot hang the server: Ajv's default engine took 823 ms
 * on a 26-character input with `^(a|a)*$`; RE2 answers 10,000 characters in milliseconds.
 * RE2 has no backreferences or lookaround; such patterns are rejected when the schema compiles.
 */
import { RE2JS } from "re2js";

interface RegExpLike {
  test(input: string): boolean;
}

/** Ajv `code.regExp` engine: `(pattern, flags) => { test }`, with `code` naming it for codegen. */
export const re2RegExp = Object.assign(
  (pattern: string, _flags: string): RegExpLike => {
    const compiled = RE2JS.compile(pattern);
    return {
      test: (input: string) => compiled.matcher(input).find(),
      toString: () => `re2:${pattern}`,
    } as RegExpLike;
  },
  { code: "re2RegExp" },
);

/** Compiles a pattern with the same engine, for code outside Ajv; throws on RE2-invalid syntax. */
export function compileLinearPattern(pattern: string): RegExpLike {
  return re2RegExp(pattern, "u");
}
