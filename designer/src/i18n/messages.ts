/**
 * @module designer/i18n/messages
 * The designer's dictionaries: the shell's (`en.json`, `zh-CN.json`) and one pair per editor
 * feature under `features/`, each mounted under its own top-level key (`t("inspector.…")`), so
 * features keep their strings apart. `i18n.test.ts` keeps the two languages' keys equal.
 */
import en from "./en.json";
import account360En from "./features/account360.en.json";
import account360Zh from "./features/account360.zh-CN.json";
import accountsEn from "./features/accounts.en.json";
import accountsZh from "./features/accounts.zh-CN.json";
import adminOpsEn from "./features/adminOps.en.json";
import adminOpsZh from "./features/adminOps.zh-CN.json";
import adminOrgEn from "./features/adminOrg.en.json";
import adminOrgZh from "./features/adminOrg.zh-CN.json";
import dashboardEn from "./features/dashboard.en.json";
import dashboardZh from "./features/dashboard.zh-CN.json";
import flowToolsEn from "./features/flowTools.en.json";
import flowToolsZh from "./features/flowTools.zh-CN.json";
import formBuilderEn from "./features/formBuilder.en.json";
import formBuilderZh from "./features/formBuilder.zh-CN.json";
import inboxEn from "./features/inbox.en.json";
import inboxZh from "./features/inbox.zh-CN.json";
import inspectorEn from "./features/inspector.en.json";
import inspectorZh from "./features/inspector.zh-CN.json";
import instanceEn from "./features/instance.en.json";
import instanceZh from "./features/instance.zh-CN.json";
import simulateEn from "./features/simulate.en.json";
import simulateZh from "./features/simulate.zh-CN.json";
import tierEditorEn from "./features/tierEditor.en.json";
import tierEditorZh from "./features/tierEditor.zh-CN.json";
import zhCN from "./zh-CN.json";

export const messages = {
  en: {
    ...en,
    inspector: inspectorEn,
    flowTools: flowToolsEn,
    simulate: simulateEn,
    formBuilder: formBuilderEn,
    tierEditor: tierEditorEn,
    accounts: accountsEn,
    account360: account360En,
    inbox: inboxEn,
    instance: instanceEn,
    adminOrg: adminOrgEn,
    adminOps: adminOpsEn,
    dashboard: dashboardEn,
  },
  "zh-CN": {
    ...zhCN,
    inspector: inspectorZh,
    flowTools: flowToolsZh,
    simulate: simulateZh,
    formBuilder: formBuilderZh,
    tierEditor: tierEditorZh,
    accounts: accountsZh,
    account360: account360Zh,
    inbox: inboxZh,
    instance: instanceZh,
    adminOrg: adminOrgZh,
    adminOps: adminOpsZh,
    dashboard: dashboardZh,
  },
} as const;
