/**
 * @module errors/messages
 * Renders catalog messages in zh-CN or en with `{param}` interpolation.
 */
import { catalog, type ErrorCode } from "./codes.ts";

export const locales = ["zh-CN", "en"] as const;
export type Locale = (typeof locales)[number];

/** A parameter given in every locale (a label, a validation's own message, a library's text). */
export type LocalizedParam = { readonly [L in Locale]: string };

function isLocalized(value: unknown): value is LocalizedParam {
  return (
    typeof value === "object" &&
    value !== null &&
    locales.every((l) => typeof (value as Record<string, unknown>)[l] === "string")
  );
}

function formatParam(value: unknown, locale: Locale): string {
  if (isLocalized(value)) return value[locale];
  if (Array.isArray(value)) return value.map((v) => formatParam(v, locale)).join(", ");
  if (typeof value === "string") return value;
  if (value === undefined) return "";
  return JSON.stringify(value) ?? String(value);
}

/**
 * Renders the message of `code` in `locale`, interpolating `{name}` from `params`. A parameter
 * given as `{ "zh-CN": …, en: … }` is rendered in the message's locale.
 */
export function renderMessage(
  code: ErrorCode,
  locale: Locale,
  params: Readonly<Record<string, unknown>>,
): string {
  const entry = catalog[code];
  const template = entry[locale];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? formatParam(params[name], locale) : whole,
  );
}
