/**
 * @module definitions/validate-definition
 * Validates any definition document by its `kind`: one registry of kinds, no switch elsewhere.
 * Cross-references (a tier model's form) resolve against the other definitions given.
 */
import { type Issue, issue, type Validation } from "../errors/kam-error.ts";
import { validateFlowShape, validateTemplatePackManifest } from "../flows/index.ts";
import { expandDataSchema, type FormDataSchema, validateFormDefinition } from "../forms/index.ts";
import { type TierModel, validateTierModel } from "../tiers/index.ts";

/** Definitions a document may refer to, by kind and key (e.g. the form a tier model reads). */
export interface DefinitionContext {
  readonly definitions?: readonly unknown[];
}

type KindValidator = (document: unknown, context: DefinitionContext) => Validation<unknown>;

function keyOf(document: unknown): string | undefined {
  const key = (document as { key?: unknown } | null)?.key;
  return typeof key === "string" ? key : undefined;
}

function ofKind(context: DefinitionContext, kind: string): unknown[] {
  return (context.definitions ?? []).filter((d) => (d as { kind?: unknown } | null)?.kind === kind);
}

/**
 * The record schema of form `formKey` among the context's definitions, if given and valid: the
 * data schema with what each field type implies (as records are validated), so rules may read
 * e.g. an attachment's sub-fields.
 */
function formSchema(context: DefinitionContext, formKey: unknown): object | undefined {
  const form = ofKind(context, "form").find((f) => keyOf(f) === formKey);
  if (form === undefined) return undefined;
  const checked = validateFormDefinition(form);
  return checked.ok ? expandDataSchema(checked.value.dataSchema as FormDataSchema) : undefined;
}

const validators: Readonly<Record<string, KindValidator>> = Object.freeze({
  form: (document) => validateFormDefinition(document),
  "tier-model": (document, context) => {
    const form = (document as { form?: unknown }).form;
    const dataSchema = formSchema(context, form);
    const result = validateTierModel(document, {
      dataSchema,
      // Used models are compiled, and so checked, by the tier validator when it resolves them.
      models: ofKind(context, "tier-model") as TierModel[],
    });
    if (!result.ok || dataSchema !== undefined || typeof form !== "string") return result;
    const unchecked = issue(
      "REFERENCE_NOT_CHECKED",
      "/form",
      { kind: "form", key: form },
      { severity: "warning" },
    );
    return { ...result, warnings: [unchecked, ...result.warnings] };
  },
  flow: (document) => validateFlowShape(document),
  "template-pack": (document) => validateTemplatePackManifest(document),
});

/** The kinds `validateDefinition` knows. */
export const definitionKinds: readonly string[] = Object.freeze(Object.keys(validators));

/**
 * Validates a definition document of any kind. Never throws.
 * @example
 * const result = validateDefinition(JSON.parse(text));
 * if (!result.ok) for (const i of result.issues) console.log(`${i.pointer}: ${i.message}`);
 */
export function validateDefinition(
  document: unknown,
  context: DefinitionContext = {},
): Validation<unknown> {
  const kind = (document as { kind?: unknown } | null)?.kind;
  if (typeof kind !== "string" || !Object.hasOwn(validators, kind)) {
    const issues: Issue[] = [issue("DEFINITION_KIND_UNKNOWN", "/kind", { kinds: definitionKinds })];
    return { ok: false, issues };
  }
  return (validators[kind] as KindValidator)(document, context);
}
