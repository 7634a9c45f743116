/**
 * @module schemas/schema-list
 * Every kamflow schema, registered with Ajv by `$id` and emitted to `schemas/json/`.
 * A new schema module is added here once.
 */
import { jobsApiSchemas } from "./api/jobs.schema.ts";
import { kpisApiSchemas } from "./api/kpis.schema.ts";
import { orgApiSchemas } from "./api/org.schema.ts";
import { recordApiSchemas } from "./api/records.schema.ts";
import { apiRequestSchemas } from "./api/requests.schema.ts";
import { apiResponseSchemas } from "./api/responses.schema.ts";
import { templatesApiSchemas } from "./api/templates.schema.ts";
import { webhooksApiSchemas } from "./api/webhooks.schema.ts";
import { businessCalendarSchema } from "./calendar.schema.ts";
import { i18nStringSchema } from "./common/i18n-string.schema.ts";
import { jsonLogicRuleSchema } from "./common/json-logic-rule.schema.ts";
import { approverSpecSchema } from "./flow/approver-spec.schema.ts";
import { flowDefinitionSchema } from "./flow/flow-definition.schema.ts";
import { flowNodeSchema } from "./flow/flow-node.schema.ts";
import { slaSchema } from "./flow/sla.schema.ts";
import { triggerSchema } from "./flow/trigger.schema.ts";
import { formDefinitionSchema } from "./form-definition.schema.ts";
import { templatePackSchema } from "./template-pack.schema.ts";
import { templateSampleDataSchema } from "./template-sample-data.schema.ts";
import { tierModelSchema } from "./tier-model.schema.ts";

export const allSchemas = [
  i18nStringSchema,
  jsonLogicRuleSchema,
  formDefinitionSchema,
  tierModelSchema,
  approverSpecSchema,
  slaSchema,
  triggerSchema,
  flowNodeSchema,
  flowDefinitionSchema,
  templatePackSchema,
  templateSampleDataSchema,
  businessCalendarSchema,
  ...apiRequestSchemas,
  ...apiResponseSchemas,
  ...recordApiSchemas,
  ...orgApiSchemas,
  ...jobsApiSchemas,
  ...webhooksApiSchemas,
  ...kpisApiSchemas,
  ...templatesApiSchemas,
] as const;
