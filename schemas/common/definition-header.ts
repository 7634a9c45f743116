/**
 * Property schemas every top-level definition document shares: `kind`, `key`, `name`,
 * `description`, `version`. Spread into each definition schema's `properties`.
 */
import { i18nStringRef } from "./i18n-string.schema.ts";

/** A definition key: lower-case, starts with a letter, letters/digits/`-`/`_`, at most 64 chars. */
export const keySchema = {
  type: "string",
  title: "Key",
  description:
    "Stable identifier, unique per kind in a workspace: lower-case letters, digits, '-' and '_', starting with a letter.",
  pattern: "^[a-z][a-z0-9_-]{0,63}$",
} as const;

export const definitionHeaderProperties = {
  key: keySchema,
  name: { ...i18nStringRef, title: "Name", description: "Display name in zh-CN and en." },
  description: {
    ...i18nStringRef,
    title: "Description",
    description: "What the definition is for, in zh-CN and en.",
  },
  version: {
    type: "integer",
    title: "Version",
    description: "Published version number, assigned on publish; absent on drafts.",
    minimum: 1,
  },
} as const;
