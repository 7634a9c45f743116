/**
 * @module flows/graph/check-rules
 * Compiles every rule of the flow against the schema of the data it will read: node and edge
 * rules against the flow scope (record fields of the form, declared variables), trigger
 * conditions against the record before and after. Rules a node type marks as reading something
 * else (a webhook's response, a subflow's child outcome) are left to the shape check.
 */
import { flowDefinitionSchema } from "../../../schemas/index.ts";
import type { Issue } from "../../errors/index.ts";
import { issue } from "../../errors/index.ts";
import { validateRule } from "../../rules/index.ts";
import { findRuleSites } from "../rule-sites.ts";
import type { FlowGraph } from "./flow-graph.ts";

const NODE_CONFIG = /^\/nodes\/(\d+)\/config(\/.*)?$/;

const under = (pointer: string, base: string) => pointer === base || pointer.startsWith(`${base}/`);

/** Which scope a rule at `pointer` reads: "flow", "trigger" or undefined (not checked here). */
function scopeOf(graph: FlowGraph, pointer: string): "flow" | "trigger" | undefined {
  if (under(pointer, "/trigger/condition")) return "trigger";
  if (under(pointer, "/trigger")) return undefined;
  const match = NODE_CONFIG.exec(pointer);
  if (match) {
    const at = graph.list[Number(match[1])];
    const rest = match[2] ?? "";
    if (at?.type.foreignRuleScopes.some((base) => under(rest, base))) return undefined;
  }
  return "flow";
}

/** The node id a pointer lies in. */
export function nodeIdAt(graph: FlowGraph, pointer: string): { nodeId?: string } {
  const match = /^\/nodes\/(\d+)(?:\/|$)/.exec(pointer);
  const at = match ? graph.list[Number(match[1])] : undefined;
  return at ? { nodeId: at.node.id } : {};
}

/** Issues of rules that read fields or variables their data does not have. */
export function checkRules(graph: FlowGraph, schemas: { flow: object; trigger: object }): Issue[] {
  const issues: Issue[] = [];
  for (const site of findRuleSites(flowDefinitionSchema, graph.definition)) {
    const scope = scopeOf(graph, site.pointer);
    if (!scope) continue;
    const dataSchema = scope === "flow" ? schemas.flow : schemas.trigger;
    for (const found of validateRule(site.rule, { dataSchema, pointer: site.pointer })) {
      issues.push({ ...found, ...nodeIdAt(graph, found.pointer) });
    }
  }
  return issues;
}

/** An issue when `path` is not a record field under the flow scope (none when record is open). */
export function fieldChecker(flowSchema: object, hasRecordSchema: boolean) {
  return (path: string, pointer: string, nodeId: string): Issue | undefined => {
    if (!hasRecordSchema) return undefined;
    const problems = validateRule({ var: `record.${path}` }, { dataSchema: flowSchema, pointer });
    return problems.length === 0
      ? undefined
      : issue("FLOW_FIELD_UNKNOWN", pointer, { path }, { nodeId });
  };
}
