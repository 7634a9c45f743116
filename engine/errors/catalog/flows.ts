import { defineCatalog } from "./types.ts";

/** Codes of flow definitions and template packs (engine/flows). Owned by the flows module. */
export const flowsCatalog = defineCatalog({
  FLOW_INVALID: {
    en: "The flow definition is invalid: {detail}",
    "zh-CN": "流程定义无效：{detail}",
  },
});
