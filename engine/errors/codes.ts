/**
 * @module errors/codes
 * The closed union of error codes: the keys of every domain catalog. Each domain owns its
 * catalog file under `catalog/`; this file only composes them.
 */
import { calendarsCatalog } from "./catalog/calendars.ts";
import { commonCatalog } from "./catalog/common.ts";
import { flowsCatalog } from "./catalog/flows.ts";
import { formsCatalog } from "./catalog/forms.ts";
import { httpCatalog } from "./catalog/http.ts";
import { rulesCatalog } from "./catalog/rules.ts";
import { runtimeCatalog } from "./catalog/runtime.ts";
import { shapeCatalog } from "./catalog/shape.ts";
import { storeCatalog } from "./catalog/store.ts";
import { templatesCatalog } from "./catalog/templates.ts";
import { tiersCatalog } from "./catalog/tiers.ts";
import { webhooksCatalog } from "./catalog/webhooks.ts";

export const catalog = Object.freeze({
  ...commonCatalog,
  ...shapeCatalog,
  ...rulesCatalog,
  ...formsCatalog,
  ...tiersCatalog,
  ...flowsCatalog,
  ...runtimeCatalog,
  ...storeCatalog,
  ...calendarsCatalog,
  ...httpCatalog,
  ...webhooksCatalog,
  ...templatesCatalog,
});

export type ErrorCode = keyof typeof catalog;

/** Every code, for exhaustiveness tests. */
export const errorCodes = Object.freeze(Object.keys(catalog)) as readonly ErrorCode[];
