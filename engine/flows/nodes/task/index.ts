/**
 * @module flows/nodes/task
 * The `task` node: a person fills a form or works on the record, and the path waits. Assignees
 * are resolved through the directory when the path enters. `claim`: one task offered to every
 * assignee, done by whoever claims it; `each`: one task per assignee, all must be completed.
 * The data a person enters is written to the record for the fields the node makes editable or
 * required (when the task uses the record's own form); it is the node's output either way.
 */
import { taskConfigSchema } from "../../../../schemas/flow/nodes/task.schema.ts";
import { ptrAt } from "../../../errors/index.ts";
import type { Effect } from "../../model/effects.ts";
import type { HistoryRecord } from "../../model/history.ts";
import type { JsonObject } from "../../model/json.ts";
import { taskDataUpdate } from "../../support/record-patch.ts";
import { defineNode } from "../define-node.ts";

/** The task node type. */
export const taskNode = defineNode({
  type: "task",
  configSchema: taskConfigSchema,
  ports: { inputs: ["in"], outputs: ["out"] },
  meta: {
    icon: "clipboard",
    label: { "zh-CN": "任务", en: "Task" },
    description: {
      "zh-CN": "由人员填写表单或处理记录，完成后继续。",
      en: "A person fills a form or works on the record; the flow waits until it is done.",
    },
    category: "people",
  },
  waitState: () => true,
  check: (node, ctx) => {
    const issues = [];
    const form = node.config.form;
    if (form !== undefined && ctx.formExists(form) === false) {
      issues.push(ctx.issue("FLOW_FORM_UNKNOWN", ptrAt(ctx.pointer, "config", "form"), { form }));
    }
    // Field permissions name fields of the record only when the task edits the record itself.
    if (form === undefined) {
      for (const path of Object.keys(node.config.fields ?? {})) {
        const issue = ctx.checkField(path, ptrAt(ctx.pointer, "config", "fields", path));
        if (issue) issues.push(issue);
      }
    }
    // Nobody approves a task: its ladder may remind, notify, escalate or reassign only.
    for (const [i, level] of (node.config.sla?.levels ?? []).entries()) {
      if (level.action !== "auto-approve" && level.action !== "auto-reject") continue;
      const at = ptrAt(ctx.pointer, "config", "sla", "levels", i, "action");
      issues.push(ctx.issue("FLOW_SLA_ACTION_UNSUPPORTED", at, { action: level.action }));
    }
    return issues;
  },
  enter: (config, ctx) => {
    const users = ctx.resolve(config.assignees, ptrAt(ctx.node.pointer, "config", "assignees"));
    if (users.length === 0) {
      return {
        kind: "fail",
        error: {
          code: "FLOW_NO_ASSIGNEES",
          pointer: ptrAt(ctx.node.pointer, "config", "assignees"),
        },
      };
    }
    const groups = config.assignment === "each" ? users.map((u) => [u]) : [users];
    const effects: Effect[] = [];
    const history: HistoryRecord[] = [];
    const tasks: string[] = [];
    for (const assignees of groups) {
      const taskId = ctx.newId("task");
      tasks.push(taskId);
      effects.push({
        type: "task.create",
        taskId,
        tokenId: ctx.token.id,
        nodeId: ctx.node.id,
        kind: "task",
        assignees,
        assignment: config.assignment === "claim" ? "claim" : "single",
        ...(config.form === undefined ? {} : { form: config.form }),
        ...(config.fields === undefined ? {} : { fields: config.fields }),
      });
      history.push({ type: "task.created", taskId, kind: "task", assignees });
    }
    const data: JsonObject = { completed: [] };
    return { kind: "wait", wait: { for: "task", tasks, data }, effects, history };
  },
  resume: (config, ctx, signal) => {
    const wait = ctx.token.wait;
    if (signal.type !== "task.completed" || !wait)
      return { kind: "wait", wait: wait ?? { for: "task" } };
    const before = (wait.data as { completed?: JsonObject[] } | undefined)?.completed ?? [];
    const entry: JsonObject = {
      taskId: signal.taskId,
      actor: signal.actor,
      data: signal.data ?? {},
    };
    const completed = [...before, entry];
    const effects =
      config.form === undefined ? taskDataUpdate(ctx, signal.data, config.fields) : [];
    if ((wait.tasks ?? []).length > 0) {
      return { kind: "wait", wait: { ...wait, data: { completed } }, effects };
    }
    const output: JsonObject =
      completed.length === 1
        ? { ...entry, outcome: signal.outcome }
        : { outcome: signal.outcome, completed };
    return { kind: "next", port: "out", effects, output };
  },
});
