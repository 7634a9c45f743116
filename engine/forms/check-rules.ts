/**
 * @module forms/check-rules
 * Checks form rules against the fields and sections they govern and read: targets exist, rules
 * read only declared fields (never prototype members), computed fields are not also required,
 * validation keys are unique, and computed fields form no cycle. Also yields the order in which
 * computed fields are evaluated.
 */
import type { FormDefinition } from "../../schemas/index.ts";
import { type Issue, issue, ptrAt } from "../errors/index.ts";
import { ruleFieldRefs } from "./rule-refs.ts";

/** What a rule governs. */
export type FormRuleKind =
  | "visibility"
  | "sectionVisibility"
  | "requiredIf"
  | "computed"
  | "validation";

/** One rule of a form with its target and its pointer in the definition. */
export interface FormRuleEntry {
  readonly kind: FormRuleKind;
  /** Field name, section key, or validation key. */
  readonly target: string;
  readonly rule: unknown;
  readonly pointer: string;
}

const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);

/** Every rule of a definition in a stable order: visibility, required-if, computed, validations. */
export function listFormRules(def: FormDefinition): FormRuleEntry[] {
  const rules = def.rules;
  if (!rules) return [];
  const out: FormRuleEntry[] = [];
  const add = (
    kind: FormRuleKind,
    map: Readonly<Record<string, unknown>> | undefined,
    at: string,
  ) => {
    for (const [target, rule] of Object.entries(map ?? {})) {
      out.push({ kind, target, rule, pointer: ptrAt(at, target) });
    }
  };
  add("visibility", rules.visibility?.fields, "/rules/visibility/fields");
  add("sectionVisibility", rules.visibility?.sections, "/rules/visibility/sections");
  add("requiredIf", rules.requiredIf, "/rules/requiredIf");
  add("computed", rules.computed, "/rules/computed");
  rules.validations?.forEach((v, i) => {
    out.push({
      kind: "validation",
      target: v.key,
      rule: v.rule,
      pointer: `/rules/validations/${i}/rule`,
    });
  });
  return out;
}

/** Result of checking rules: issues, the rules not worth compiling, and the computed order. */
export interface RuleCheck {
  readonly issues: Issue[];
  /** Pointers of rules that already have an issue (compiling them would repeat it). */
  readonly rejected: ReadonlySet<string>;
  /** Computed field names, each after the computed fields it reads. */
  readonly computedOrder: readonly string[];
}

function checkTargets(def: FormDefinition, fields: Record<string, unknown>, out: Issue[]): void {
  const rules = def.rules ?? {};
  const sections = new Set((def.uiSchema?.sections ?? []).map((s) => s.key));
  const computed = rules.computed ?? {};
  const needField = (name: string, pointer: string) => {
    if (!Object.hasOwn(fields, name))
      out.push(issue("FORM_UNKNOWN_FIELD", pointer, { field: name }));
  };
  for (const name of Object.keys(rules.visibility?.fields ?? {})) {
    needField(name, ptrAt("/rules/visibility/fields", name));
  }
  for (const key of Object.keys(rules.visibility?.sections ?? {})) {
    if (!sections.has(key)) {
      out.push(
        issue("FORM_UNKNOWN_SECTION", ptrAt("/rules/visibility/sections", key), { section: key }),
      );
    }
  }
  for (const name of Object.keys(rules.requiredIf ?? {})) {
    const at = ptrAt("/rules/requiredIf", name);
    needField(name, at);
    if (Object.hasOwn(computed, name))
      out.push(issue("FORM_COMPUTED_REQUIRED", at, { field: name }));
  }
  for (const name of Object.keys(computed)) needField(name, ptrAt("/rules/computed", name));
  def.dataSchema.required?.forEach((name, i) => {
    if (Object.hasOwn(computed, name)) {
      out.push(issue("FORM_COMPUTED_REQUIRED", ptrAt("/dataSchema/required", i), { field: name }));
    }
  });
  const keys = new Set<string>();
  rules.validations?.forEach((v, i) => {
    const at = ptrAt("/rules/validations", i);
    if (keys.has(v.key)) out.push(issue("FORM_DUPLICATE_KEY", ptrAt(at, "key"), { key: v.key }));
    keys.add(v.key);
    v.fields.forEach((name, j) => {
      needField(name, ptrAt(at, "fields", j));
    });
  });
}

/** Orders computed fields so each follows those it reads; cyclic ones are reported. */
function orderComputed(deps: Map<string, Set<string>>, out: Issue[]): string[] {
  const order: string[] = [];
  const done = new Set<string>();
  let progressed = true;
  while (progressed) {
    progressed = false;
    for (const [name, needs] of deps) {
      if (done.has(name) || [...needs].some((n) => !done.has(n))) continue;
      order.push(name);
      done.add(name);
      progressed = true;
    }
  }
  const stuck = new Set([...deps.keys()].filter((n) => !done.has(n)));
  // Drop fields that merely read a cycle (nothing stuck reads them), leaving the cycles.
  let pruned = true;
  while (pruned) {
    pruned = false;
    for (const name of stuck) {
      if (![...stuck].some((other) => deps.get(other)?.has(name))) {
        stuck.delete(name);
        pruned = true;
      }
    }
  }
  const [first] = stuck;
  if (first !== undefined) {
    out.push(issue("FORM_COMPUTED_CYCLE", ptrAt("/rules/computed", first), { fields: [...stuck] }));
  }
  return order;
}

/**
 * Checks the rules of a schema-valid definition.
 * @example
 * checkRules(def).issues // → [{ code: "RULE_UNKNOWN_FIELD", pointer: "/rules/computed/gp/*\/0/var", … }]
 */
export function checkRules(def: FormDefinition): RuleCheck {
  const issues: Issue[] = [];
  const fields = def.dataSchema.properties as Record<string, unknown>;
  checkTargets(def, fields, issues);
  const rejected = new Set<string>();
  const computed = def.rules?.computed ?? {};
  const deps = new Map<string, Set<string>>();
  for (const entry of listFormRules(def)) {
    const reads = new Set<string>();
    for (const ref of ruleFieldRefs(entry.rule, entry.pointer)) {
      const member = ref.path.split(".").find((segment) => FORBIDDEN.has(segment));
      if (member !== undefined) {
        issues.push(issue("RULE_FORBIDDEN_PATH", ref.pointer, { path: ref.path, member }));
        rejected.add(entry.pointer);
      } else if (!Object.hasOwn(fields, ref.field)) {
        issues.push(issue("RULE_UNKNOWN_FIELD", ref.pointer, { path: ref.path }));
        rejected.add(entry.pointer);
      } else if (Object.hasOwn(computed, ref.field)) {
        reads.add(ref.field);
      }
    }
    if (entry.kind === "computed") deps.set(entry.target, reads);
  }
  const computedOrder = orderComputed(deps, issues);
  return { issues, rejected, computedOrder };
}
