/**
 * @module server/auth/secrets
 * Random secrets (session ids, CSRF and API tokens) and the digests stored in their place.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A new random secret: 32 bytes, base64url, with an optional prefix (`kam_` for API tokens). */
export function newSecret(prefix = ""): string {
  return prefix + randomBytes(32).toString("base64url");
}

/** The SHA-256 of a secret, hex: what the database keeps. */
export function digest(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Constant-time string equality. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
