/**
 * @module designer/tiers/useTierValidation
 * Validation as you edit: the engine's own `validateTierModel` (the browser build, precompiled
 * schema validators, no eval) on the document being edited, a moment after the last change,
 * with the form's data schema and the used models, its issues in the UI's language. The
 * decision-table analysis (gaps, overlaps, shadowed rows) comes with it as warnings.
 */
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { localizeIssue } from "../../../engine/errors/index.ts";
import { kamflowEngine } from "../engine-browser/entry.ts";
import type { Language } from "../i18n/language.ts";
import type { TierEnvironment } from "./editor-context.ts";
import type { TierEditorStore } from "./tier-editor-store.ts";

/** Long enough that typing does not validate on every key. */
const DEBOUNCE_MS = 250;

export function useTierValidation(store: TierEditorStore, env: TierEnvironment): void {
  const { i18n } = useTranslation();
  const language = i18n.language as Language;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      const { model } = store.getState();
      if (!model) return;
      const result = kamflowEngine.validateTierModel(model, {
        ...(env.dataSchema ? { dataSchema: env.dataSchema } : {}),
        models: env.usedModels,
      });
      const issues = result.ok ? result.warnings : result.issues;
      store.getState().setIssues(
        issues.map((issue) => localizeIssue(issue, language)),
        model,
      );
    };
    run();
    let last = store.getState().model;
    const unsubscribe = store.subscribe((state) => {
      if (state.model === last) return;
      last = state.model;
      clearTimeout(timer);
      timer = setTimeout(run, DEBOUNCE_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [store, env, language]);
}
