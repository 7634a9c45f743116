/**
 * @module designer/tiers/useWhatIf
 * The what-if of the edited model: `POST /api/v1/definitions/tier-preview` with the document as
 * it is now (nothing is written). Once run, it follows the edits — a second after the last
 * change, when the model has no errors — and the refresh button runs it at once. Replies that
 * arrive out of order are dropped, so the matrix always belongs to the latest document.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { TierModel, TierPreview } from "../../../engine/tiers/index.ts";
import { type ApiProblem, toProblem } from "../api/problem.ts";
import { useApi } from "../app-context.tsx";
import { errorsOf } from "./issue-map.ts";
import { previewTierModel } from "./tier-api.ts";
import type { TierEditorStore } from "./tier-editor-store.ts";

/** Long enough that typing a threshold does not send a preview per key. */
const DEBOUNCE_MS = 800;

export interface WhatIf {
  readonly preview: TierPreview | undefined;
  /** The document the preview is of. */
  readonly previewed: TierModel | undefined;
  readonly loading: boolean;
  readonly problem: ApiProblem | undefined;
  /** Whether the preview follows the edits (after the first run). */
  readonly live: boolean;
  run(): void;
}

export function useWhatIf(store: TierEditorStore): WhatIf {
  const api = useApi();
  const [state, setState] = useState<{
    preview?: TierPreview | undefined;
    previewed?: TierModel | undefined;
    loading: boolean;
    problem?: ApiProblem | undefined;
  }>({ loading: false });
  const [live, setLive] = useState(false);
  const sequence = useRef(0);

  const run = useCallback(() => {
    const { model } = store.getState();
    if (!model) return;
    const mine = ++sequence.current;
    setLive(true);
    setState((s) => ({ ...s, loading: true }));
    previewTierModel(api, model).then(
      (preview) => {
        if (mine === sequence.current)
          setState({ preview, previewed: model, loading: false, problem: undefined });
      },
      (error: unknown) => {
        if (mine !== sequence.current) return;
        const problem = toProblem(error);
        setState((s) => ({ ...s, loading: false, problem }));
      },
    );
  }, [api, store]);

  useEffect(() => {
    if (!live) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = store.getState().model;
    let waiting = false;
    const unsubscribe = store.subscribe((s) => {
      if (s.model !== last) {
        last = s.model;
        waiting = true;
      }
      // Wait for the validation of the new document: a model with errors would only get a 422.
      if (!waiting || s.validated !== s.model) return;
      waiting = false;
      clearTimeout(timer);
      const blocking = errorsOf(s.issues).filter((i) => !i.pointer.startsWith("/examples"));
      if (blocking.length === 0) timer = setTimeout(run, DEBOUNCE_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [live, run, store]);

  return {
    preview: state.preview,
    previewed: state.previewed,
    loading: state.loading,
    problem: state.problem,
    live,
    run,
  };
}
