/**
 * @module designer/flows/useFlowValidation
 * Validation as you edit: the engine's own `validateFlow` (the browser build, no eval) on the
 * document the canvas shows, a moment after the last change, its issues in the UI's language.
 */
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { type Issue, localizeIssue } from "../../../engine/errors/index.ts";
import { kamflowEngine } from "../engine-browser/entry.ts";
import type { Language } from "../i18n/language.ts";
import { toDefinition } from "./flow-convert.ts";
import type { FlowEditorStore } from "./flow-editor-store.ts";
import { outputsOf } from "./node-registry.ts";

export type EditorIssue = Issue;

/** Long enough that typing or dragging does not validate on every event. */
const DEBOUNCE_MS = 250;

export function useFlowValidation(store: FlowEditorStore<EditorIssue>): void {
  const { i18n } = useTranslation();
  const language = i18n.language as Language;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last: readonly unknown[] = [];
    const run = () => {
      const { header, nodes, edges } = store.getState();
      if (!header) return;
      const doc = toDefinition(header, nodes, edges, outputsOf);
      const result = kamflowEngine.validateFlow(doc);
      const issues = result.ok ? result.warnings : result.issues;
      store.getState().setIssues(
        issues.map((issue) => localizeIssue(issue, language)),
        doc.nodes.map((n) => n.id),
      );
    };
    run();
    const unsubscribe = store.subscribe((state) => {
      // Selection, drags and measurements replace the arrays too, but keep each node's `data`
      // and edge's `data` object: comparing those references is cheap on a 200-node flow.
      const parts = [
        state.header,
        ...state.nodes.map((n) => n.data),
        ...state.edges.flatMap((e) => [e.source, e.target, e.sourceHandle, e.data]),
      ];
      if (parts.length === last.length && parts.every((p, i) => p === last[i])) return;
      last = parts;
      clearTimeout(timer);
      timer = setTimeout(run, DEBOUNCE_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [store, language]);
}
