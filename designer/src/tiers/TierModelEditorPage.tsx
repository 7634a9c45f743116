/**
 * @module designer/tiers/TierModelEditorPage
 * The route `/tier-models/:key`: opens the tier model (its draft, else its latest published
 * version) into a store of its own, with what the browser-side checks need (the form's data
 * schema, the published models it uses), validates it as it is edited, and shows the editor.
 * A chunk of its own; echarts loads later still, with the first what-if.
 */
import { useEffect, useMemo, useState } from "react";
import { useParams } from "react-router";
import type { TierModel } from "../../../engine/tiers/index.ts";
import { type ApiProblem, toProblem } from "../api/problem.ts";
import { useApi } from "../app-context.tsx";
import { PageLoading } from "../components/PageLoading.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import {
  TierEditorContext,
  type TierEnvironment,
  TierEnvironmentContext,
  useTierEditor,
} from "./editor-context.ts";
import { TierModelEditor } from "./TierModelEditor.tsx";
import { loadUsedModels, type OpenedTierModel, openTierModel } from "./tier-api.ts";
import { createTierEditorStore, type TierEditorStore } from "./tier-editor-store.ts";
import { useTierValidation } from "./useTierValidation.ts";
import "./tier-editor.css";

/** Top-level fields of a form's data schema, for picking a rule's variable. */
function fieldsOf(dataSchema: object | undefined): string[] {
  const properties = (dataSchema as { properties?: Record<string, unknown> } | undefined)
    ?.properties;
  return properties ? Object.keys(properties) : [];
}

function Loaded({ store, opened }: { store: TierEditorStore; opened: OpenedTierModel }) {
  const api = useApi();
  const uses = useTierEditor((s) => (s.model?.uses ?? []).join("\n"));
  const [used, setUsed] = useState<{ for: string; models: readonly TierModel[] }>(() => ({
    for: (opened.model.uses ?? []).join("\n"),
    models: opened.usedModels,
  }));
  const usedModels = used.models;

  // Models added to `uses` while editing are fetched, so validation and examples can use them.
  useEffect(() => {
    if (uses === used.for) return;
    let current = true;
    const keys = uses === "" ? [] : uses.split("\n");
    loadUsedModels(api, keys).then((models) => current && setUsed({ for: uses, models }));
    return () => {
      current = false;
    };
  }, [api, uses, used.for]);

  const env = useMemo<TierEnvironment>(
    () => ({
      dataSchema: opened.dataSchema,
      usedModels,
      fields: fieldsOf(opened.dataSchema),
    }),
    [opened.dataSchema, usedModels],
  );
  useTierValidation(store, env);
  return (
    <TierEnvironmentContext.Provider value={env}>
      <TierModelEditor opened={opened} />
    </TierEnvironmentContext.Provider>
  );
}

export default function TierModelEditorPage() {
  const { key = "" } = useParams();
  const api = useApi();
  const [store] = useState(() => createTierEditorStore());
  const [opened, setOpened] = useState<OpenedTierModel>();
  const [problem, setProblem] = useState<ApiProblem>();

  useEffect(() => {
    let current = true;
    setOpened(undefined);
    setProblem(undefined);
    openTierModel(api, key).then(
      (result) => {
        if (!current) return;
        store.getState().load(result.model);
        setOpened(result);
      },
      (error: unknown) => current && setProblem(toProblem(error)),
    );
    return () => {
      current = false;
    };
  }, [api, key, store]);

  if (problem)
    return (
      <section data-testid="tier-model-editor">
        <ProblemAlert problem={problem} />
      </section>
    );
  if (!opened) return <PageLoading />;
  return (
    <TierEditorContext.Provider value={store}>
      <Loaded store={store} opened={opened} />
    </TierEditorContext.Provider>
  );
}
