/**
 * @module designer/flows/FlowEditorPage
 * The route `/flows/:key`: opens the flow (its draft, else its latest published version) into a
 * store of its own and shows the editor. A chunk of its own: React Flow, elkjs and the engine's
 * validators load only here.
 */
import { ReactFlowProvider } from "@xyflow/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { type ApiProblem, toProblem } from "../api/problem.ts";
import { useApi } from "../app-context.tsx";
import { PageLoading } from "../components/PageLoading.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import type { Language } from "../i18n/language.ts";
import { CreateFlow } from "./CreateFlow.tsx";
import { FlowEditorContext } from "./editor-context.ts";
import { FlowEditor } from "./FlowEditor.tsx";
import { newFlow, type OpenedFlow, openFlow } from "./flow-api.ts";
import { headerOf, toRfEdges, toRfNodes } from "./flow-convert.ts";
import { createFlowEditorStore } from "./flow-editor-store.ts";
import { outputsOf } from "./node-registry.ts";
import type { EditorIssue } from "./useFlowValidation.ts";
import "./flow-editor.css";

export default function FlowEditorPage() {
  const { key = "" } = useParams();
  const api = useApi();
  const { t, i18n } = useTranslation();
  const [store] = useState(() => createFlowEditorStore<EditorIssue>());
  const [opened, setOpened] = useState<OpenedFlow>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [missing, setMissing] = useState(false);
  const show = (flow: OpenedFlow) => {
    const def = flow.definition;
    const edges = toRfEdges(def, outputsOf, i18n.language as Language, t("flowEditor.defaultEdge"));
    store.getState().load(headerOf(def), toRfNodes(def.nodes), edges);
    setOpened(flow);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: opened once per key; a language switch must not discard edits
  useEffect(() => {
    let current = true;
    openFlow(api, key).then(
      (flow) => {
        if (!current) return;
        if (flow) show(flow);
        else setMissing(true);
      },
      (error: unknown) => current && setProblem(toProblem(error)),
    );
    return () => {
      current = false;
    };
  }, [api, key, store]);

  if (problem) return <ProblemAlert problem={problem} />;
  if (missing && !opened)
    return <CreateFlow flowKey={key} onCreate={(name, form) => show(newFlow(key, name, form))} />;
  if (!opened) return <PageLoading />;
  return (
    <FlowEditorContext.Provider value={store}>
      <ReactFlowProvider>
        <FlowEditor flowKey={key} opened={opened} />
      </ReactFlowProvider>
    </FlowEditorContext.Provider>
  );
}
