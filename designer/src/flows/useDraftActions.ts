/**
 * @module designer/flows/useDraftActions
 * Save and publish. Save writes the draft under the ETag last read (a draft changed elsewhere
 * meanwhile is a 409, shown as such rather than overwritten); publish saves the draft with the
 * version note, then publishes it (the server validates in full; a 422 lists every issue with
 * its pointer).
 */
import { App } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiProblem, isApiProblem } from "../api/problem.ts";
import { useApi } from "../app-context.tsx";
import { useFlowEditorStore } from "./editor-context.ts";
import { type OpenedFlow, publishDraft, saveDraft } from "./flow-api.ts";
import { toDefinition } from "./flow-convert.ts";
import { outputsOf } from "./node-registry.ts";

export interface DraftActions {
  readonly busy: boolean;
  readonly problem: ApiProblem | undefined;
  /** The version being edited: the draft's after a save. */
  readonly version: number;
  readonly hasDraft: boolean;
  save(): Promise<boolean>;
  publish(note: string): Promise<boolean>;
  dismiss(): void;
}

const asProblem = (error: unknown) =>
  isApiProblem(error)
    ? error
    : new ApiProblem({ status: 0, code: "CLIENT", title: String(error) }, { cause: error });

export function useDraftActions(opened: OpenedFlow): DraftActions {
  const api = useApi();
  const store = useFlowEditorStore();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [checksum, setChecksum] = useState(opened.draftChecksum);
  const [version, setVersion] = useState(opened.version);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();

  const conflict = (p: ApiProblem) =>
    p.status === 409
      ? new ApiProblem({
          ...p,
          title: t("flowEditor.conflict"),
          detail: t("flowEditor.conflictDetail"),
        })
      : p;

  async function write(note?: string): Promise<boolean> {
    const { header, nodes, edges } = store.getState();
    if (!header) return false;
    const saved = await saveDraft(
      api,
      toDefinition(header, nodes, edges, outputsOf),
      checksum,
      note,
    );
    setChecksum(saved.checksum);
    setVersion(saved.version);
    store.getState().markSaved();
    return saved.issues.length === 0;
  }

  async function run(work: () => Promise<void>): Promise<boolean> {
    setBusy(true);
    setProblem(undefined);
    try {
      await work();
      return true;
    } catch (error) {
      setProblem(conflict(asProblem(error)));
      return false;
    } finally {
      setBusy(false);
    }
  }

  return {
    busy,
    problem,
    version,
    hasDraft: checksum !== undefined,
    save: () =>
      run(async () => {
        const valid = await write();
        message.success(t(valid ? "flowEditor.saved" : "flowEditor.savedWithIssues"));
      }),
    publish: (note) =>
      run(async () => {
        await write(note);
        const published = await publishDraft(api, opened.definition.key);
        setChecksum(undefined);
        setVersion(published);
        message.success(t("flowEditor.published", { version: published }));
      }),
    dismiss: () => setProblem(undefined),
  };
}
