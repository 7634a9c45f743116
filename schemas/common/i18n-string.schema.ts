/**
 * An i18n string: the same user-facing text in zh-CN and en. Every label, name and help text of
 * a definition is one of these, because kamflow's users work in both languages.
 */
export const i18nStringSchema = {
  $id: "https://kamflow.dev/schemas/i18n-string.json",
  title: "I18n string",
  description:
    "User-facing text in Simplified Chinese (zh-CN) and English (en); both are required.",
  type: "object",
  additionalProperties: false,
  required: ["zh-CN", "en"],
  properties: {
    "zh-CN": {
      type: "string",
      title: "简体中文",
      description: "The text in Simplified Chinese.",
      minLength: 1,
      maxLength: 2000,
    },
    en: {
      type: "string",
      title: "English",
      description: "The text in English.",
      minLength: 1,
      maxLength: 2000,
    },
  },
} as const;

/** `$ref` to the i18n string schema, for use inside other schemas. */
export const i18nStringRef = { $ref: i18nStringSchema.$id } as const;
