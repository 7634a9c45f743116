/**
 * @module designer/flows/useDraftActions
 * Save, publish and autosave. Save writes the draft under the ETag last read (a draft changed
 * elsewhere meanwhile is a 409, shown as such rather than overwritten); publish saves the draft
 * with the version note, then publishes it (the server validates in full; a 422 lists every issue
 * with its pointer).
 *
 * Autosave: once the graph is changed, the draft is saved after a quiet period
 * (`AUTOSAVE_DELAY_MS` without another change). Every write goes through one queue, so an
 * autosave never runs beside a manual save or publish, nor beside another autosave, and each
 * write sends the ETag the previous one received. A 409 stops autosaving for the editor's life
 * (the draft is someone else's now: reload) and shows the conflict; other failures show in the
 * toolbar and the next change tries again. Leaving the page with unsaved changes asks first.
 */
import { App } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiProblem, toProblem } from "../api/problem.ts";
import { useApi } from "../app-context.tsx";
import { useFlowEditorStore } from "./editor-context.ts";
import { type OpenedFlow, publishDraft, saveDraft } from "./flow-api.ts";
import { toDefinition } from "./flow-convert.ts";
import { outputsOf } from "./node-registry.ts";

/** The quiet period before an autosave. */
export const AUTOSAVE_DELAY_MS = 3000;

/** What the toolbar says about saving. */
export type SaveStatus =
  | { readonly kind: "idle" }
  | { readonly kind: "saving" }
  | { readonly kind: "saved"; readonly at: Date }
  | { readonly kind: "failed" }
  /** Autosave stopped: the draft was changed elsewhere. */
  | { readonly kind: "off" };

export interface DraftActions {
  /** A manual save or publish is queued or running. */
  readonly busy: boolean;
  readonly problem: ApiProblem | undefined;
  /** The version being edited: the draft's after a save. */
  readonly version: number;
  readonly hasDraft: boolean;
  readonly status: SaveStatus;
  /** Writes done (manual and automatic), for tests and the status's title. */
  readonly saves: number;
  save(): Promise<boolean>;
  publish(note: string): Promise<boolean>;
  dismiss(): void;
}

export function useDraftActions(opened: OpenedFlow): DraftActions {
  const api = useApi();
  const store = useFlowEditorStore();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [hasDraft, setHasDraft] = useState(opened.draftChecksum !== undefined);
  const [version, setVersion] = useState(opened.version);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  const [status, setStatus] = useState<SaveStatus>({ kind: "idle" });
  const [saves, setSaves] = useState(0);

  // Read by queued writes and timers, which must see the latest values, not a render's.
  const checksum = useRef(opened.draftChecksum);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const manual = useRef(0);
  const autosaving = useRef(false);
  const stopped = useRef(false);

  const conflict = (p: ApiProblem) =>
    p.status === 409
      ? new ApiProblem({
          ...p,
          title: t("flowEditor.conflict"),
          detail: t("flowEditor.conflictDetail"),
        })
      : p;

  /** Runs `work` after every write queued before it. */
  function enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = queue.current.then(work, work);
    queue.current = next.catch(() => undefined);
    return next;
  }

  /** The toolbar's status after a failed write; a 409 also stops autosaving. */
  const failedWrite = (error: unknown) => {
    const stale = toProblem(error).status === 409;
    if (stale) stopped.current = true;
    setStatus({ kind: stale ? "off" : "failed" });
  };

  /** Saves the graph as it is now; the editor stays "changed" if it was edited meanwhile. */
  async function write(note?: string): Promise<boolean> {
    const { header, nodes, edges } = store.getState();
    if (!header) return false;
    const document = toDefinition(header, nodes, edges, outputsOf);
    if (!stopped.current) setStatus({ kind: "saving" });
    let saved: Awaited<ReturnType<typeof saveDraft>>;
    try {
      saved = await saveDraft(api, document, checksum.current, note);
    } catch (error) {
      failedWrite(error);
      throw error;
    }
    checksum.current = saved.checksum;
    setHasDraft(true);
    setVersion(saved.version);
    setSaves((n) => n + 1);
    setStatus({ kind: "saved", at: new Date() });
    const now = store.getState();
    const same =
      (now.nodes === nodes && now.edges === edges) ||
      JSON.stringify(toDefinition(header, now.nodes, now.edges, outputsOf)) ===
        JSON.stringify(document);
    if (same) now.markSaved();
    return saved.issues.length === 0;
  }

  async function manually(work: () => Promise<void>): Promise<boolean> {
    manual.current++;
    setBusy(true);
    setProblem(undefined);
    try {
      await enqueue(work);
      return true;
    } catch (error) {
      setProblem(conflict(toProblem(error)));
      return false;
    } finally {
      manual.current--;
      setBusy(manual.current > 0);
    }
  }

  // Timers and listeners call the latest render's functions.
  const latest = useRef({ write, conflict, enqueue });
  latest.current = { write, conflict, enqueue };

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const cancel = () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    };
    const schedule = () => {
      cancel();
      timer = setTimeout(fire, AUTOSAVE_DELAY_MS);
    };
    async function fire() {
      timer = undefined;
      if (stopped.current || !store.getState().dirty) return;
      // A write is running or queued: try again after another quiet period.
      if (autosaving.current || manual.current > 0) return schedule();
      autosaving.current = true;
      try {
        await latest.current.enqueue(() => latest.current.write());
      } catch (error) {
        // Other failures show in the toolbar only; the next change tries again.
        const p = toProblem(error);
        if (p.status === 409) setProblem(latest.current.conflict(p));
      } finally {
        autosaving.current = false;
      }
    }
    const unsubscribe = store.subscribe((s, prev) => {
      if (!s.dirty) return cancel();
      if (s.nodes !== prev.nodes || s.edges !== prev.edges || !prev.dirty) schedule();
    });
    if (store.getState().dirty) schedule();

    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (!store.getState().dirty && !autosaving.current && manual.current === 0) return;
      event.preventDefault();
      // Older browsers ask only when returnValue is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", beforeUnload);
    return () => {
      cancel();
      unsubscribe();
      window.removeEventListener("beforeunload", beforeUnload);
    };
  }, [store]);

  return {
    busy,
    problem,
    version,
    hasDraft,
    status,
    saves,
    save: () =>
      manually(async () => {
        const valid = await write();
        message.success(t(valid ? "flowEditor.saved" : "flowEditor.savedWithIssues"));
      }),
    publish: (note) =>
      manually(async () => {
        await write(note);
        const published = await publishDraft(api, opened.definition.key);
        checksum.current = undefined;
        setHasDraft(false);
        setVersion(published);
        message.success(t("flowEditor.published", { version: published }));
      }),
    dismiss: () => setProblem(undefined),
  };
}
