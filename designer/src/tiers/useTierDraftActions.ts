/**
 * @module designer/tiers/useTierDraftActions
 * Save and publish. Save writes the draft under the ETag last read (a draft changed elsewhere
 * meanwhile is a 409, explained rather than overwritten); publish saves the draft with the
 * version note, then publishes it (the server validates in full; a 422 lists every issue with
 * its pointer).
 */
import { App } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiProblem, toProblem } from "../api/problem.ts";
import { useApi } from "../app-context.tsx";
import { type OpenedTierModel, publishTierDraft, saveTierDraft } from "./tier-api.ts";
import type { TierEditorStore } from "./tier-editor-store.ts";

export interface TierDraftActions {
  readonly busy: boolean;
  readonly problem: ApiProblem | undefined;
  /** The version being edited: the draft's after a save. */
  readonly version: number;
  readonly hasDraft: boolean;
  save(): Promise<boolean>;
  publish(note: string): Promise<boolean>;
  dismiss(): void;
}

export function useTierDraftActions(
  store: TierEditorStore,
  opened: OpenedTierModel,
): TierDraftActions {
  const api = useApi();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [checksum, setChecksum] = useState(opened.draftChecksum);
  const [version, setVersion] = useState(opened.version);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();

  const explain = (p: ApiProblem) =>
    p.status === 409
      ? new ApiProblem({
          ...p,
          title: t("tierEditor.conflict"),
          detail: t("tierEditor.conflictDetail"),
        })
      : p;

  async function write(note?: string): Promise<boolean> {
    const { model } = store.getState();
    if (!model) return false;
    const saved = await saveTierDraft(api, model, checksum, note);
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
      setProblem(explain(toProblem(error)));
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
        message.success(t(valid ? "tierEditor.saved" : "tierEditor.savedWithIssues"));
      }),
    publish: (note) =>
      run(async () => {
        await write(note);
        const published = await publishTierDraft(api, opened.model.key);
        setChecksum(undefined);
        setVersion(published);
        message.success(t("tierEditor.published", { version: published }));
      }),
    dismiss: () => setProblem(undefined),
  };
}
