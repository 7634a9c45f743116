/**
 * @module designer/flows/node-registry
 * The node types as the editor sees them: the engine registry's metadata (icon, zh/en label and
 * description, ports, config schema) from the browser build of the engine, plus each type's
 * starting config for a node dropped from the palette.
 */
import { kamflowEngine } from "../engine-browser/entry.ts";

export type NodeTypeInfo = (typeof kamflowEngine.nodeTypeMetadata)[number];

/** Every node type, in the registry's order. */
export const NODE_TYPES: readonly NodeTypeInfo[] = kamflowEngine.nodeTypeMetadata;

const byType = new Map(NODE_TYPES.map((info) => [info.type as string, info]));

/** A node type's metadata, if the registry knows it. */
export const nodeTypeInfo = (type: string): NodeTypeInfo | undefined => byType.get(type);

/**
 * A type's outputs (React Flow source handles); the first is the default output.
 * @example outputsOf("approval") // ["approved", "rejected", …]
 */
export const outputsOf = (type: string): readonly string[] => byType.get(type)?.ports.outputs ?? [];

/** A type's inputs (target handles). */
export const inputsOf = (type: string): readonly string[] => byType.get(type)?.ports.inputs ?? [];

interface SchemaLike {
  readonly type?: unknown;
  readonly default?: unknown;
  readonly required?: readonly string[];
  readonly properties?: Record<string, SchemaLike>;
}

/**
 * Starting configs that are valid as they are, for the types dropped most: a fresh node's first
 * issues are then about its wiring, not an empty required list.
 */
const STARTING_CONFIG: Readonly<Record<string, Record<string, unknown>>> = {
  task: { assignees: [{ kind: "record-owner" }] },
  approval: { approvers: [{ kind: "record-owner" }] },
  end: { outcome: "done" },
};

/**
 * The config a new node starts with: a known starting config, else each required property at its
 * schema default or an empty value of its type. Not necessarily valid: validation then says what
 * to fill in.
 * @example defaultConfig("end") // { outcome: "done" }
 */
export function defaultConfig(type: string): Record<string, unknown> {
  const known = STARTING_CONFIG[type];
  if (known) return structuredClone(known);
  const schema = byType.get(type)?.configSchema as SchemaLike | undefined;
  const config: Record<string, unknown> = {};
  for (const name of schema?.required ?? []) {
    const prop = schema?.properties?.[name];
    if (prop?.default !== undefined) config[name] = prop.default;
    else if (prop?.type === "array") config[name] = [];
    else if (prop?.type === "object") config[name] = {};
    else if (prop?.type === "string") config[name] = "";
  }
  return config;
}
