/**
 * @module designer/flows/inspector/inspector-data
 * What the inspector's pickers offer: users, teams and business roles of the workspace (from
 * the org API; a list the caller may not read stays empty and the picker takes typed keys), the
 * fields of the flow's form (its draft, else its latest version) and the flow's variables.
 * Loaded once per editor and handed down by context, so every picker shares one load.
 */
import { createContext, useContext, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { I18nString } from "../../../../schemas/index.ts";
import type { ApiClient } from "../../api/client.ts";
import { useApi } from "../../app-context.tsx";
import { type Language, localized } from "../../i18n/language.ts";
import { useFlowEditor } from "../editor-context.ts";

export interface UserChoice {
  readonly id: string;
  readonly name: string;
  readonly email?: string;
}
export interface TeamChoice {
  readonly key: string;
  readonly name: string;
  readonly depth: number;
}
/** A field of the record, as the flow's rules and approver specs name it. */
export interface RecordField {
  /** Dotted path under the record's data, e.g. `owner`. */
  readonly path: string;
  readonly label: string;
  /** JSON type of the field's schema. */
  readonly type: string;
  /** kamflow field kind (`x-kam-field`: user, users, select, money…). */
  readonly kind?: string;
  readonly options?: readonly { value: string; label: string }[];
}
export interface VariableChoice {
  readonly name: string;
  readonly type: string;
  readonly label: string;
}

export interface InspectorData {
  readonly users: readonly UserChoice[];
  readonly teams: readonly TeamChoice[];
  readonly roles: readonly string[];
  readonly formKey: string | undefined;
  readonly fields: readonly RecordField[];
  readonly variables: readonly VariableChoice[];
  readonly loading: boolean;
}

export const EMPTY_DATA: InspectorData = {
  users: [],
  teams: [],
  roles: [],
  formKey: undefined,
  fields: [],
  variables: [],
  loading: false,
};

export const InspectorDataContext = createContext<InspectorData>(EMPTY_DATA);

/** The pickers' choices. */
export const useInspectorData = (): InspectorData => useContext(InspectorDataContext);

interface TeamNode {
  readonly key: string;
  readonly name: string;
  readonly children?: readonly TeamNode[];
}

function flattenTeams(nodes: readonly TeamNode[], depth = 0): TeamChoice[] {
  return nodes.flatMap((n) => [
    { key: n.key, name: n.name, depth },
    ...flattenTeams(n.children ?? [], depth + 1),
  ]);
}

interface FormBody {
  readonly dataSchema?: { properties?: Record<string, Record<string, unknown>> };
  readonly uiSchema?: {
    order?: readonly string[];
    fields?: Record<string, { label?: I18nString; options?: Record<string, I18nString> }>;
  };
}

/**
 * The fields of a form definition, in its display order, with labels in `language`; nested
 * objects give their sub-fields as dotted paths.
 */
export function formFields(body: FormBody, language: Language): RecordField[] {
  const props = body.dataSchema?.properties ?? {};
  const ui = body.uiSchema?.fields ?? {};
  const order = [
    ...(body.uiSchema?.order ?? []).filter((k) => k in props),
    ...Object.keys(props).filter((k) => !(body.uiSchema?.order ?? []).includes(k)),
  ];
  const out: RecordField[] = [];
  for (const name of order) {
    const schema = props[name] ?? {};
    const meta = ui[name];
    const label = localized(meta?.label, language) || name;
    const values = Array.isArray(schema.enum) ? (schema.enum as unknown[]) : undefined;
    out.push({
      path: name,
      label,
      type: String(schema.type ?? "string"),
      ...(typeof schema["x-kam-field"] === "string" ? { kind: schema["x-kam-field"] } : {}),
      ...(values
        ? {
            options: values.map((v) => ({
              value: String(v),
              label: localized(meta?.options?.[String(v)], language) || String(v),
            })),
          }
        : {}),
    });
    const sub = schema.properties as Record<string, Record<string, unknown>> | undefined;
    if (schema.type === "object" && sub)
      for (const [child, childSchema] of Object.entries(sub))
        out.push({
          path: `${name}.${child}`,
          label: `${label} · ${child}`,
          type: String(childSchema.type ?? "string"),
        });
  }
  return out;
}

async function loadForm(api: ApiClient, key: string): Promise<FormBody | undefined> {
  const base = `/api/v1/definitions/form/${encodeURIComponent(key)}`;
  const { versions } = await api.get<{ versions: { version: number; status: string }[] }>(base);
  const pick =
    versions.filter((v) => v.status === "draft").at(-1) ??
    versions.filter((v) => v.status === "published").at(-1) ??
    versions.at(-1);
  if (!pick) return undefined;
  const { definition } = await api.get<{ definition: { body: FormBody } }>(
    `${base}/versions/${pick.version}`,
  );
  return definition.body;
}

/** A GET whose failure (a list the caller may not read, a network error) counts as empty. */
async function orEmpty<T>(load: Promise<T>, empty: T): Promise<T> {
  try {
    return await load;
  } catch {
    return empty;
  }
}

/** Loads the choices for the open flow. */
export function useLoadInspectorData(): InspectorData {
  const api = useApi();
  const { i18n } = useTranslation();
  const language = i18n.language as Language;
  const header = useFlowEditor((s) => s.header);
  const formKey =
    header?.form ??
    ((header?.trigger as { form?: unknown } | undefined)?.form as string | undefined);
  const [org, setOrg] = useState<Pick<InspectorData, "users" | "teams" | "roles">>();
  const [form, setForm] = useState<{ key: string; body: FormBody | undefined }>();

  useEffect(() => {
    let current = true;
    void Promise.all([
      orEmpty(api.get<{ items: UserChoice[] }>("/api/v1/users?status=active"), { items: [] }),
      orEmpty(api.get<{ items: TeamNode[] }>("/api/v1/teams"), { items: [] }),
      orEmpty(api.get<{ items: { role: string }[] }>("/api/v1/business-roles"), { items: [] }),
    ]).then(([users, teams, roles]) => {
      if (!current) return;
      setOrg({
        users: users.items.map((u) => ({
          id: u.id,
          name: u.name,
          ...(u.email ? { email: u.email } : {}),
        })),
        teams: flattenTeams(teams.items),
        roles: [...new Set(roles.items.map((r) => r.role))].sort(),
      });
    });
    return () => {
      current = false;
    };
  }, [api]);

  useEffect(() => {
    if (!formKey) return;
    let current = true;
    void orEmpty(loadForm(api, formKey), undefined).then(
      (body) => current && setForm({ key: formKey, body }),
    );
    return () => {
      current = false;
    };
  }, [api, formKey]);

  const variablesMap = header?.variables;
  return useMemo(() => {
    const variables = Object.entries(
      (variablesMap ?? {}) as Record<string, { type: string; label?: I18nString }>,
    ).map(([name, v]) => ({ name, type: v.type, label: localized(v.label, language) || name }));
    return {
      users: org?.users ?? [],
      teams: org?.teams ?? [],
      roles: org?.roles ?? [],
      formKey,
      fields: form && form.key === formKey && form.body ? formFields(form.body, language) : [],
      variables,
      loading: !org || (formKey !== undefined && form?.key !== formKey),
    };
  }, [org, form, formKey, variablesMap, language]);
}
