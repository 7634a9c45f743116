import { defineCatalog } from "./types.ts";

/** Codes of template packs (engine/templates, runtime/template-admin). Owned by the templates module. */
export const templatesCatalog = defineCatalog({
  PACK_NOT_FOUND: {
    en: 'There is no template pack "{key}".',
    "zh-CN": "不存在模板包“{key}”。",
  },
  PACK_FILE_MISSING: {
    en: 'The pack lists the file "{path}", which does not exist in the pack folder.',
    "zh-CN": "模板包列出的文件“{path}”在模板包目录中不存在。",
  },
  PACK_FILE_INVALID: {
    en: 'The file "{path}" of the pack is not valid JSON: {detail}',
    "zh-CN": "模板包文件“{path}”不是有效的 JSON：{detail}",
  },
  PACK_KIND_MISMATCH: {
    en: 'This entry is listed under {list}, so its "kind" must be "{expected}", not "{actual}".',
    "zh-CN": '该条目列在 {list} 中，其 "kind" 必须为“{expected}”，而不是“{actual}”。',
  },
  PACK_DUPLICATE_KEY: {
    en: 'The pack has two {kind} definitions with the key "{key}".',
    "zh-CN": "模板包中有两个键为“{key}”的{kind}定义。",
  },
  PACK_CONTENT_MISSING: {
    en: 'The contents list the {kind} "{key}", but the pack does not embed it.',
    "zh-CN": "内容清单列出了{kind}“{key}”，但模板包未包含它。",
  },
  PACK_CONTENT_UNLISTED: {
    en: 'The pack embeds the {kind} "{key}", but its contents do not list it.',
    "zh-CN": "模板包包含{kind}“{key}”，但内容清单未列出它。",
  },
  PACK_REFERENCE_UNRESOLVED: {
    en: 'This refers to the {kind} "{key}", which the pack does not contain.',
    "zh-CN": "此处引用的{kind}“{key}”不在模板包中。",
  },
  PACK_ENGINE_INCOMPATIBLE: {
    en: "The pack needs kamflow {range}; this is kamflow {version}.",
    "zh-CN": "模板包需要 kamflow {range}；当前为 kamflow {version}。",
  },
  PACK_KPI_UNKNOWN: {
    en: 'There is no KPI "{key}"; use one of {kpis}.',
    "zh-CN": "不存在 KPI“{key}”；请使用以下之一：{kpis}。",
  },
  PACK_SAMPLE_FIELD_UNKNOWN: {
    en: 'The form "{form}" has no field "{field}".',
    "zh-CN": "表单“{form}”没有字段“{field}”。",
  },
  PACK_SAMPLE_REFERENCE_UNRESOLVED: {
    en: 'The sample data refers to the {kind} "{key}", which it does not define.',
    "zh-CN": "示例数据引用的{kind}“{key}”未在示例数据中定义。",
  },
  PACK_ROLE_UNDECLARED: {
    en: 'The flow addresses the business role "{role}", which the manifest does not declare in "roles".',
    "zh-CN": '流程引用了业务角色“{role}”，但清单的 "roles" 中未声明该角色。',
  },
  PACK_CONFLICT: {
    en: "{count} definition(s) of the pack differ from the workspace's published version: {keys}. Install with the policy skip or new-version, or change them back.",
    "zh-CN":
      "模板包中有 {count} 个定义与工作区已发布的版本不同：{keys}。请使用 skip 或 new-version 策略安装，或先将其改回。",
  },
  PACK_DOWNGRADE: {
    en: 'The workspace has version {installed} of the pack "{key}"; installing the older {version} is refused.',
    "zh-CN": "工作区已安装模板包“{key}”的 {installed} 版本；拒绝安装更旧的 {version} 版本。",
  },
  PACK_SAMPLE_DATA_MISSING: {
    en: 'The pack "{key}" ships no sample data.',
    "zh-CN": "模板包“{key}”不含示例数据。",
  },
  PACK_TOO_LARGE: {
    en: "The pack is too large: {detail}.",
    "zh-CN": "模板包过大：{detail}。",
  },
});
