import { defineCatalog } from "./types.ts";

/** Codes of tier models (engine/tiers). Owned by the tiers module. */
export const tiersCatalog = defineCatalog({
  TIER_MODEL_INVALID: {
    en: "The tier model is invalid: {detail}",
    "zh-CN": "分级模型无效：{detail}",
  },
});
