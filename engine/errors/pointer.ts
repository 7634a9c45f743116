/**
 * @module errors/pointer
 * RFC 6901 JSON pointers, built with one escaping helper and never by string concatenation.
 */

/** Escapes one reference token (`~` → `~0`, `/` → `~1`). */
export function escapeToken(token: string | number): string {
  return String(token).replace(/~/g, "~0").replace(/\//g, "~1");
}

/**
 * Builds a pointer from tokens, optionally below a base pointer.
 * @example ptr("nodes", 3, "config") // "/nodes/3/config"
 */
export function ptr(...tokens: ReadonlyArray<string | number>): string {
  return tokens.map((t) => `/${escapeToken(t)}`).join("");
}

/** Appends tokens to an existing pointer. */
export function ptrAt(base: string, ...tokens: ReadonlyArray<string | number>): string {
  return base + ptr(...tokens);
}

/** Splits a pointer into unescaped tokens. */
export function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}
