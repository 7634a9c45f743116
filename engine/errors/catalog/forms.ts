import { defineCatalog } from "./types.ts";

/** Codes of form definitions and record validation (engine/forms). Owned by the forms module. */
export const formsCatalog = defineCatalog({
  FORM_INVALID: {
    en: "The form definition is invalid: {detail}",
    "zh-CN": "表单定义无效：{detail}",
  },
});
