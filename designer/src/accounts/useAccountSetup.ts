/**
 * @module designer/accounts/useAccountSetup
 * Loads what the accounts screens need once: the workspace's published tier models (which say
 * which forms hold accounts) and the chosen account form's definition.
 */
import { useEffect, useState } from "react";
import { type ApiProblem, toProblem } from "../api/problem.ts";
import type { DefinitionSummary, ListReply } from "../api/types.ts";
import { useApi } from "../app-context.tsx";
import { accountForms, type FormBody, type TierModelBody } from "./account-model.ts";

export interface AccountSetup {
  readonly models: readonly TierModelBody[];
  readonly forms: readonly string[];
  /** Form names by key (localised by the caller). */
  readonly formNames: Readonly<Record<string, unknown>>;
  /** The chosen form's definition (undefined while it loads). */
  readonly form: FormBody | undefined;
  readonly problem: ApiProblem | undefined;
  /** The tier models are loaded (so `forms` is final). */
  readonly ready: boolean;
}

/** The definition a key has published (its export), for a kind. */
export const exported = (kind: string, key: string) =>
  `/api/v1/definitions/${kind}/${encodeURIComponent(key)}/export`;

/** The tier models and the account forms; `formKey` picks the form (default: the first). */
export function useAccountSetup(formKey: string | undefined): AccountSetup {
  const api = useApi();
  const [models, setModels] = useState<readonly TierModelBody[]>();
  const [formNames, setFormNames] = useState<Record<string, unknown>>({});
  const [form, setForm] = useState<FormBody>();
  const [problem, setProblem] = useState<ApiProblem>();

  useEffect(() => {
    let current = true;
    (async () => {
      const list = await api.get<ListReply<DefinitionSummary>>(
        "/api/v1/definitions?kind=tier-model",
      );
      const published = list.items.filter((d) => d.published !== null);
      const bodies = await Promise.all(
        published.map((d) => api.get<TierModelBody>(exported("tier-model", d.key))),
      );
      const forms = await api.get<ListReply<DefinitionSummary>>("/api/v1/definitions?kind=form");
      if (!current) return;
      setFormNames(Object.fromEntries(forms.items.map((f) => [f.key, f.name])));
      setModels(bodies);
    })().catch((error: unknown) => current && setProblem(toProblem(error)));
    return () => {
      current = false;
    };
  }, [api]);

  const forms = models ? accountForms(models) : [];
  const chosen = formKey ?? forms[0];
  useEffect(() => {
    if (!chosen) return;
    let current = true;
    setForm(undefined);
    api.get<FormBody>(exported("form", chosen)).then(
      (body) => current && setForm(body),
      (error: unknown) => current && setProblem(toProblem(error)),
    );
    return () => {
      current = false;
    };
  }, [api, chosen]);

  return {
    models: models ?? [],
    forms,
    formNames,
    form: form?.key === chosen ? form : undefined,
    problem,
    ready: models !== undefined,
  };
}
