/**
 * @module flows/validate-flow-shape
 * Shape validation of a flow definition: the JSON Schema (with each node's config checked
 * against its type's schema) and every JSON Logic rule compiled. Graph checks (one start,
 * reachability, default edges, matched joins) are a separate step.
 */
import { type FlowDefinition, flowDefinitionSchema } from "../../schemas/index.ts";
import { ajvErrorsToIssues } from "../errors/index.ts";
import { type Issue, issue, type Validation } from "../errors/kam-error.ts";
import { compileRules } from "./compile-rules.ts";
import { flowValidator, prepareDocument } from "./flow-ajv.ts";
import { classifyFlowError } from "./schema-issues.ts";

const NODE_INDEX = /^\/nodes\/(\d+)(?:\/|$)/;

/** Finds the id of the node a pointer lies in, for canvas highlighting. */
function nodeLocator(document: unknown) {
  return (pointer: string): { nodeId?: string } => {
    const match = NODE_INDEX.exec(pointer);
    if (!match || typeof document !== "object" || document === null) return {};
    const nodes = (document as { nodes?: unknown }).nodes;
    const node = Array.isArray(nodes) ? (nodes[Number(match[1])] as unknown) : undefined;
    const id =
      typeof node === "object" && node !== null ? (node as { id?: unknown }).id : undefined;
    return typeof id === "string" ? { nodeId: id } : {};
  };
}

/**
 * The node and edge lists over the schema's `maxItems`, checked before anything else. Ajv with
 * `allErrors` copies its error list for every failing list item (`vErrors.concat`), so a
 * 40,000-node flow (1 MiB of JSON) took minutes to reject; an over-long list is reported alone.
 */
export function oversizedLists(def: unknown): Issue[] {
  if (typeof def !== "object" || def === null) return [];
  const lists = ["nodes", "edges"] as const;
  return lists.flatMap((name) => {
    const list = (def as Record<string, unknown>)[name];
    const limit = flowDefinitionSchema.properties[name].maxItems;
    return Array.isArray(list) && list.length > limit
      ? [issue("SHAPE_TOO_MANY", `/${name}`, { limit })]
      : [];
  });
}

/**
 * Validates the shape of a flow definition. Never throws for bad input: every problem is an
 * issue with a code, a JSON pointer and, inside a node, the node's id.
 * @returns On success, a copy of the definition with schema defaults applied (e.g. an approval's
 *   `mode: "any"`), which is what `FlowDefinition` describes.
 * @example
 * const result = validateFlowShape(JSON.parse(text));
 * if (!result.ok) for (const i of result.issues) console.log(`${i.pointer}: ${i.message}`);
 */
export function validateFlowShape(def: unknown): Validation<FlowDefinition> {
  const oversized = oversizedLists(def);
  if (oversized.length > 0) return { ok: false, issues: oversized };
  const prepared = prepareDocument(def);
  if (!prepared.ok) return prepared;
  const document = prepared.value;
  const locate = nodeLocator(document);
  const validate = flowValidator(flowDefinitionSchema.$id);
  const valid = validate(document);
  const issues: Issue[] = valid
    ? []
    : ajvErrorsToIssues(validate.errors, { classify: classifyFlowError, locate });
  issues.push(...compileRules(flowDefinitionSchema, document, issues, locate));
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: document as FlowDefinition, warnings: [] };
}
