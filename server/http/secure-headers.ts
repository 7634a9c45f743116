/**
 * @module server/http/secure-headers
 * The secure headers of every response, computed once: a strict Content Security Policy (no
 * inline script or style, no foreign origins, no framing) and the headers Hono's `secureHeaders`
 * sets by default (the same names and values). Its per-request work (building the header list,
 * then setting each header on a fetch `Headers` object and deleting `X-Powered-By`) was a
 * measurable share of a small request; these are constants, attached by server/http/response-headers.
 */
import type { MiddlewareHandler } from "hono";
import { type HeaderPair, withHeaders } from "./response-headers.ts";

/** The Content Security Policy: everything from 'self', no plugins, never framed. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * The policy of one designer page: CONTENT_SECURITY_POLICY with styles also allowed from `<style>`
 * elements that carry `nonce` (antd's CSS-in-JS injects those). Only the HTML response carries
 * it; every other response keeps the constant policy. Scripts stay 'self' only.
 * @example res.headers.set("Content-Security-Policy", policyWithStyleNonce(nonce))
 */
export function policyWithStyleNonce(nonce: string): string {
  return CONTENT_SECURITY_POLICY.replace("style-src 'self'", `style-src 'self' 'nonce-${nonce}'`);
}

/** Every secure header, as Hono's `secureHeaders` (defaults) sets them, plus the CSP. */
export const SECURE_HEADERS: readonly HeaderPair[] = [
  ["Cross-Origin-Resource-Policy", "same-origin"],
  ["Cross-Origin-Opener-Policy", "same-origin"],
  ["Origin-Agent-Cluster", "?1"],
  ["Referrer-Policy", "no-referrer"],
  ["Strict-Transport-Security", "max-age=15552000; includeSubDomains"],
  ["X-Content-Type-Options", "nosniff"],
  ["X-DNS-Prefetch-Control", "off"],
  ["X-Download-Options", "noopen"],
  ["X-Frame-Options", "SAMEORIGIN"],
  ["X-Permitted-Cross-Domain-Policies", "none"],
  ["X-XSS-Protection", "0"],
  ["Content-Security-Policy", CONTENT_SECURITY_POLICY],
];

/** The middleware: every response gets SECURE_HEADERS. */
export function secureHeaders(): MiddlewareHandler {
  return (c, next) => withHeaders(c, next, SECURE_HEADERS);
}
