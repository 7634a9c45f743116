/**
 * @module designer/i18n/language
 * Which language the designer speaks: the one chosen in the header (kept in localStorage), else
 * zh-CN for a browser that prefers Chinese, else English. Pure, so it is unit-tested in node.
 */

/** The designer's languages; zh-CN first, as the product's home market. */
export const LANGUAGES = ["zh-CN", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

/** The localStorage key of the chosen language. */
export const LANGUAGE_KEY = "kamflow.language";

const isLanguage = (value: string | null | undefined): value is Language =>
  (LANGUAGES as readonly string[]).includes(value ?? "");

/**
 * The language to start in.
 * @example initialLanguage(null, "zh-TW") // "zh-CN"
 */
export function initialLanguage(stored: string | null, browser: string | undefined): Language {
  if (isLanguage(stored)) return stored;
  return browser?.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

/** The text of an i18n value of the API (`{ "zh-CN": …, en: … }` or a plain string). */
export function localized(value: unknown, language: Language): string {
  if (typeof value === "string") return value;
  if (value && typeof value === "object") {
    const map = value as Record<string, unknown>;
    const text = map[language] ?? map["zh-CN"] ?? map.en;
    if (typeof text === "string") return text;
  }
  return "";
}
