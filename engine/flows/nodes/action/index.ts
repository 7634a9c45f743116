/**
 * @module flows/nodes/action
 * The `action` node runs its operations in order, with no person involved, then continues. Each
 * operation sees the effect of the ones before it (a field set by the first is read by the
 * second): set record fields and set variables (values from JSON Logic), create a record of a
 * form (optionally linked to this record, its id saved in a variable), request a tier recompute.
 */
import { actionConfigSchema } from "../../../../schemas/flow/nodes/action.schema.ts";
import type { NodeConfig } from "../../../../schemas/index.ts";
import { ptrAt } from "../../../errors/index.ts";
import type { Effect } from "../../model/effects.ts";
import type { HistoryRecord } from "../../model/history.ts";
import { type JsonObject, toJson } from "../../model/json.ts";
import { setPath } from "../../support/paths.ts";
import { defineNode } from "../define-node.ts";
import type { NodeContext, RuleScope } from "../node-context.ts";
import type { NodeResult } from "../node-result.ts";

type Operation = NodeConfig<"action">["operations"][number];

/** Evaluates `rules` (keyed by path) against `scope`, each with its pointer below `base`. */
function values(
  ctx: NodeContext,
  rules: Readonly<Record<string, unknown>>,
  base: string,
  scope: RuleScope,
) {
  const out: JsonObject = {};
  for (const [key, rule] of Object.entries(rules))
    out[key] = toJson(ctx.evaluate(rule, ptrAt(base, key), scope));
  return out;
}

function run(operations: readonly Operation[], ctx: NodeContext): NodeResult {
  const effects: Effect[] = [];
  const history: HistoryRecord[] = [];
  let scope: RuleScope = ctx.scope;
  const variables: JsonObject = {};
  const from = { tokenId: ctx.token.id, nodeId: ctx.node.id };
  for (const [i, op] of operations.entries()) {
    const at = ptrAt(ctx.node.pointer, "config", "operations", i);
    const needsRecord =
      op.kind !== "set-variables" && !(op.kind === "create-record" && op.link === undefined);
    if (needsRecord && (!ctx.record || scope.record === null)) {
      return { kind: "fail", error: { code: "FLOW_NO_RECORD", pointer: at } };
    }
    const recordId = ctx.record?.id ?? "";
    if (op.kind === "set-fields") {
      const patch = values(ctx, op.fields, ptrAt(at, "fields"), scope);
      let record = scope.record ?? {};
      for (const [path, value] of Object.entries(patch)) record = setPath(record, path, value);
      scope = { ...scope, record };
      effects.push({ type: "record.update", recordId, patch, ...from });
      history.push({ type: "record.updated", patch });
    } else if (op.kind === "set-variables") {
      const set = values(ctx, op.variables, ptrAt(at, "variables"), scope);
      Object.assign(variables, set);
      scope = { ...scope, variables: { ...scope.variables, ...set } };
      history.push({ type: "variables.set", values: set });
    } else if (op.kind === "create-record") {
      let data: JsonObject = {};
      for (const [path, value] of Object.entries(
        values(ctx, op.fields, ptrAt(at, "fields"), scope),
      )) {
        data = setPath(data, path, value);
      }
      if (op.link !== undefined) data = setPath(data, op.link, recordId);
      const newId = ctx.newId("record");
      effects.push({ type: "record.create", recordId: newId, form: op.form, data, ...from });
      history.push({ type: "record.created", recordId: newId, form: op.form });
      if (op.saveIdAs !== undefined) {
        variables[op.saveIdAs] = newId;
        scope = { ...scope, variables: { ...scope.variables, [op.saveIdAs]: newId } };
      }
    } else {
      const requested = op.when === undefined || ctx.test(op.when, ptrAt(at, "when"), scope);
      if (requested) effects.push({ type: "tier.recompute", recordId, model: op.model, ...from });
      history.push({ type: "tier.recompute", model: op.model, requested });
    }
  }
  return { kind: "next", port: "out", effects, history, variables };
}

/** The action node type. */
export const actionNode = defineNode({
  type: "action",
  configSchema: actionConfigSchema,
  ports: { inputs: ["in"], outputs: ["out"] },
  meta: {
    icon: "bolt",
    label: { "zh-CN": "动作", en: "Action" },
    description: {
      "zh-CN": "自动设置记录字段或流程变量、创建记录、重新计算分级。",
      en: "Sets record fields or variables, creates a record, recomputes a tier.",
    },
    category: "automation",
  },
  check: (node, ctx) => {
    const issues = [];
    for (const [i, op] of node.config.operations.entries()) {
      const at = ptrAt(ctx.pointer, "config", "operations", i);
      if (op.kind === "set-fields") {
        for (const path of Object.keys(op.fields)) {
          const issue = ctx.checkField(path, ptrAt(at, "fields", path));
          if (issue) issues.push(issue);
        }
      } else if (op.kind === "create-record" && ctx.formExists(op.form) === false) {
        issues.push(ctx.issue("FLOW_FORM_UNKNOWN", ptrAt(at, "form"), { form: op.form }));
      }
    }
    return issues;
  },
  enter: (config, ctx) => run(config.operations, ctx),
});
