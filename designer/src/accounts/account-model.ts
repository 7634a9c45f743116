/**
 * @module designer/accounts/account-model
 * What the accounts screens know of a workspace's account forms: the forms that tier models rate
 * (that is what makes a form's records "accounts"), each form's fields in the order it shows them
 * with their labels and kinds, and each model's tiers from best to worst (for badges and trends).
 * Pure: the screens load the definitions and hand them here.
 */
import { type Language, localized } from "../i18n/language.ts";

/** The parts of a form definition the accounts screens read. */
export interface FormBody {
  readonly key: string;
  readonly name?: unknown;
  readonly dataSchema: {
    readonly properties?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
    readonly required?: readonly string[];
  };
  readonly uiSchema?: {
    readonly sections?: ReadonlyArray<{ readonly fields?: readonly string[] }>;
    readonly order?: readonly string[];
    readonly fields?: Readonly<
      Record<string, { readonly label?: unknown; readonly options?: Record<string, unknown> }>
    >;
  };
}

/** The parts of a tier model the accounts screens read. */
export interface TierModelBody {
  readonly key: string;
  readonly name?: unknown;
  readonly form: string;
  readonly tiers: ReadonlyArray<{
    readonly key: string;
    readonly label?: unknown;
    readonly color?: string;
  }>;
}

/** How a field compares in filters (the list API's kinds) and shows in cells. */
export type FieldKind = "text" | "number" | "boolean" | "other";

export interface AccountField {
  readonly name: string;
  readonly label: string;
  readonly kind: FieldKind;
  /** The x-kam-field type (text, money, select, date, user, reference…). */
  readonly widget: string;
  /** Labels of a select's options, by value. */
  readonly options?: Readonly<Record<string, string>>;
}

const kindOf = (schema: Readonly<Record<string, unknown>>): FieldKind => {
  const type = schema.type;
  if (type === "string") return "text";
  if (type === "number" || type === "integer") return "number";
  if (type === "boolean") return "boolean";
  return "other";
};

/**
 * A form's fields as it shows them: its sections, then its order, then the rest.
 * @example fieldsOf(accountForm, "zh-CN")[0] // { name: "name", label: "客户名称", kind: "text", … }
 */
export function fieldsOf(form: FormBody, language: Language): AccountField[] {
  const properties = form.dataSchema.properties ?? {};
  const names = Object.keys(properties);
  const known = new Set(names);
  const shown = [
    ...(form.uiSchema?.sections ?? []).flatMap((s) => s.fields ?? []),
    ...(form.uiSchema?.order ?? []),
  ].filter((n) => known.has(n));
  return [...new Set([...shown, ...names])].map((name) => {
    const schema = properties[name] ?? {};
    const ui = form.uiSchema?.fields?.[name];
    const options = ui?.options
      ? Object.fromEntries(
          Object.entries(ui.options).map(([value, label]) => [value, localized(label, language)]),
        )
      : undefined;
    return {
      name,
      label: localized(ui?.label, language) || name,
      kind: kindOf(schema),
      widget: typeof schema["x-kam-field"] === "string" ? schema["x-kam-field"] : "text",
      ...(options ? { options } : {}),
    };
  });
}

/** The forms rated by tier models, each with its models; the form named `account` first. */
export function accountForms(models: readonly TierModelBody[]): string[] {
  const forms = [...new Set(models.map((m) => m.form))];
  return forms.sort(
    (a, b) => Number(b === "account") - Number(a === "account") || a.localeCompare(b),
  );
}

export type Trend = "up" | "down" | "new" | "same";

/**
 * Where a tier moved: up when the tier before ranks lower (tiers are listed best first), down
 * when higher, new when there was none.
 */
export function trendOf(model: TierModelBody, tier: string, previous: string | null): Trend {
  if (previous === null) return "new";
  const rank = (key: string) => model.tiers.findIndex((t) => t.key === key);
  const [now, before] = [rank(tier), rank(previous)];
  if (now < 0 || before < 0 || now === before) return "same";
  return now < before ? "up" : "down";
}
