/**
 * @module server/http/locale
 * The locale of error messages: the first of zh-CN and en that Accept-Language asks for, by
 * quality; zh-CN when it names neither (kamflow's users are largely Chinese enterprises). A
 * browser sends the same header on every request, so recent answers are remembered.
 */
import type { Locale } from "../../engine/errors/index.ts";

/** Distinct headers remembered; past this the memo starts over (it is only a shortcut). */
const MEMO_SIZE = 256;
/** Longer headers (no browser sends one) are parsed every time, so the memo stays small. */
const MEMO_KEY_LIMIT = 200;
const memo = new Map<string, Locale>();

/** Picks the message locale for an Accept-Language header. */
export function localeOf(header: string | undefined): Locale {
  if (!header) return "zh-CN";
  if (header.length > MEMO_KEY_LIMIT) return parse(header);
  let locale = memo.get(header);
  if (locale === undefined) {
    locale = parse(header);
    if (memo.size >= MEMO_SIZE) memo.clear();
    memo.set(header, locale);
  }
  return locale;
}

function parse(header: string): Locale {
  const ranked = header
    .split(",")
    .map((part, i) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag, q: q ? Number(q.slice(2)) || 0 : 1, i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag === "zh" || tag.startsWith("zh-")) return "zh-CN";
    if (tag === "en" || tag.startsWith("en-")) return "en";
  }
  return "zh-CN";
}
