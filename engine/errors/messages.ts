/**
 * @module errors/messages
 * Renders catalog messages in zh-CN or en with `{param}` interpolation.
 */
import { catalog, type ErrorCode } from "./codes.ts";

export const locales = ["zh-CN", "en"] as const;
export type Locale = (typeof locales)[number];

function formatParam(value: unknown): string {
  if (Array.isArray(value)) return value.map(formatParam).join(", ");
  if (typeof value === "string") return value;
  if (value === undefined) return "";
  return JSON.stringify(value) ?? String(value);
}

/** Renders the message of `code` in `locale`, interpolating `{name}` from `params`. */
export function renderMessage(
  code: ErrorCode,
  locale: Locale,
  params: Readonly<Record<string, unknown>>,
): string {
  const entry = catalog[code];
  const template = entry[locale];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? formatParam(params[name]) : whole,
  );
}
