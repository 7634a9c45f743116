/**
 * @module templates/pack-references
 * What a definition names by key — the forms, tier models and flows it reads — found where the
 * schemas put them, so a pack can prove it is self-contained before it is installed.
 * - a form: reference fields' `x-kam-form`;
 * - a flow: its `form`; its trigger's `form`, `model` and `records.form`; in node configs, a
 *   task's `form`, a subflow's `flow`, an action's `create-record` form and `recompute-tier`
 *   model; and the business roles its approver and assignee specs address.
 */
import { escapeToken } from "../errors/index.ts";

export interface Reference {
  readonly kind: "form" | "tier-model" | "flow";
  readonly key: string;
  /** Pointer inside the definition. */
  readonly pointer: string;
}

type Json = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Calls `visit` on every object inside `value`, with its pointer. */
function walk(value: unknown, pointer: string, visit: (o: Json, p: string) => void): void {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) walk(item, `${pointer}/${index}`, visit);
    return;
  }
  if (!isObject(value)) return;
  visit(value, pointer);
  for (const [key, child] of Object.entries(value))
    walk(child, `${pointer}/${escapeToken(key)}`, visit);
}

/** Forms a form's reference fields point to. */
export function formReferences(form: unknown): Reference[] {
  const refs: Reference[] = [];
  walk((form as Json | null)?.dataSchema, "/dataSchema", (o, p) => {
    const target = o["x-kam-form"];
    if (typeof target === "string")
      refs.push({ kind: "form", key: target, pointer: `${p}/x-kam-form` });
  });
  return refs;
}

const NODE_REFS: Readonly<Record<string, readonly (readonly [string, Reference["kind"]])[]>> = {
  task: [["form", "form"]],
  subflow: [["flow", "flow"]],
};

/** Forms, tier models and flows a flow names. */
export function flowReferences(flow: unknown): Reference[] {
  const doc = (isObject(flow) ? flow : {}) as Json;
  const refs: Reference[] = [];
  const add = (kind: Reference["kind"], key: unknown, pointer: string) => {
    if (typeof key === "string") refs.push({ kind, key, pointer });
  };
  add("form", doc.form, "/form");
  const trigger = isObject(doc.trigger) ? doc.trigger : {};
  add("form", trigger.form, "/trigger/form");
  add("tier-model", trigger.model, "/trigger/model");
  if (isObject(trigger.records)) add("form", trigger.records.form, "/trigger/records/form");
  const nodes = Array.isArray(doc.nodes) ? doc.nodes : [];
  nodes.forEach((node: unknown, index) => {
    if (!isObject(node) || !isObject(node.config)) return;
    const base = `/nodes/${index}/config`;
    // Own keys only: a node typed "constructor" or "toString" must not reach Object.prototype.
    const type = String(node.type);
    for (const [field, kind] of Object.hasOwn(NODE_REFS, type) ? (NODE_REFS[type] ?? []) : [])
      add(kind, node.config[field], `${base}/${field}`);
    if (node.type !== "action" || !Array.isArray(node.config.operations)) return;
    node.config.operations.forEach((action: unknown, i) => {
      if (!isObject(action)) return;
      if (action.kind === "create-record") add("form", action.form, `${base}/operations/${i}/form`);
      if (action.kind === "recompute-tier")
        add("tier-model", action.model, `${base}/operations/${i}/model`);
    });
  });
  return refs;
}

/** Business roles a flow's approver and assignee specs address (`{ kind: "role", role }`). */
export function flowRoles(flow: unknown): Array<{ key: string; pointer: string }> {
  const roles: Array<{ key: string; pointer: string }> = [];
  walk((flow as Json | null)?.nodes, "/nodes", (o, p) => {
    if (o.kind === "role" && typeof o.role === "string")
      roles.push({ key: o.role, pointer: `${p}/role` });
    if (o.kind === "manager-chain" && typeof o.untilRole === "string")
      roles.push({ key: o.untilRole, pointer: `${p}/untilRole` });
  });
  return roles;
}
