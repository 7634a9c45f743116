/**
 * @module designer/forms/useFormValidation
 * Validation as you edit: the engine's own `validateFormDefinition` (the browser build, no eval)
 * on the document being edited, a moment after the last change, its issues in the UI's language.
 */
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { localizeIssue } from "../../../engine/errors/index.ts";
import { kamflowEngine } from "../engine-browser/entry.ts";
import type { Language } from "../i18n/language.ts";
import type { FormBuilderStore } from "./form-builder-store.ts";

/** Long enough that typing does not validate on every key. */
const DEBOUNCE_MS = 250;

export function useFormValidation(store: FormBuilderStore): void {
  const { i18n } = useTranslation();
  const language = i18n.language as Language;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      const { doc } = store.getState();
      if (!doc) return;
      const result = kamflowEngine.validateFormDefinition(doc);
      const issues = result.ok ? result.warnings : result.issues;
      store.getState().setIssues(issues.map((i) => localizeIssue(i, language)));
    };
    run();
    let last = store.getState().doc;
    const unsubscribe = store.subscribe((state) => {
      if (state.doc === last) return;
      last = state.doc;
      clearTimeout(timer);
      timer = setTimeout(run, DEBOUNCE_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [store, language]);
}
