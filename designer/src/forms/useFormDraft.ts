/**
 * @module designer/forms/useFormDraft
 * Save and publish. Save writes the draft under the ETag last read (a draft changed elsewhere
 * meanwhile is a 409, shown as such rather than overwritten; a new form's first save creates its
 * draft); publish saves the draft with the version note, then publishes it (the server validates
 * in full; a 422 lists every issue with its pointer).
 */
import { App } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiProblem, toProblem } from "../api/problem.ts";
import { useApi } from "../app-context.tsx";
import { useFormBuilderStore } from "./builder-context.ts";
import { type OpenedForm, publishFormDraft, saveFormDraft } from "./form-api.ts";

export interface FormDraft {
  readonly busy: boolean;
  readonly problem: ApiProblem | undefined;
  /** The version being edited (0 before the first save). */
  readonly version: number;
  readonly hasDraft: boolean;
  save(): Promise<boolean>;
  publish(note: string): Promise<boolean>;
  dismiss(): void;
}

export function useFormDraft(opened: OpenedForm): FormDraft {
  const api = useApi();
  const store = useFormBuilderStore();
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
          title: t("formBuilder.conflict"),
          detail: t("formBuilder.conflictDetail"),
        })
      : p;

  async function write(note?: string): Promise<boolean> {
    const { doc } = store.getState();
    if (!doc) return false;
    const saved = await saveFormDraft(api, doc, checksum, note);
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
        message.success(t(valid ? "formBuilder.saved" : "formBuilder.savedWithIssues"));
      }),
    publish: (note) =>
      run(async () => {
        await write(note);
        const key = store.getState().doc?.key ?? opened.doc.key;
        const published = await publishFormDraft(api, key);
        setChecksum(undefined);
        setVersion(published);
        message.success(t("formBuilder.published", { version: published }));
      }),
    dismiss: () => setProblem(undefined),
  };
}
