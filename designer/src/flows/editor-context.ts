/**
 * @module designer/flows/editor-context
 * Hands the editor's own store to the components under it (the canvas's node cards cannot take
 * props from the page), so the store stays per editor.
 */
import { createContext, useContext } from "react";
import { useStore } from "zustand";
import type { FlowEditorState, FlowEditorStore } from "./flow-editor-store.ts";
import type { EditorIssue } from "./useFlowValidation.ts";

export const FlowEditorContext = createContext<FlowEditorStore<EditorIssue> | null>(null);

/** The editor's store. */
export function useFlowEditorStore(): FlowEditorStore<EditorIssue> {
  const store = useContext(FlowEditorContext);
  if (!store) throw new Error("useFlowEditorStore() needs <FlowEditorContext> above it");
  return store;
}

/** A slice of the editor's state. */
export function useFlowEditor<T>(select: (state: FlowEditorState<EditorIssue>) => T): T {
  return useStore(useFlowEditorStore(), select);
}
