/**
 * @module designer/tiers/editor-context
 * Hands the editor's own store, and what the browser-side checks need (the form's data schema,
 * the published models the model uses), to the components under the page.
 */
import { createContext, useContext } from "react";
import { useStore } from "zustand";
import type { TierModel } from "../../../engine/tiers/index.ts";
import type { TierEditorState, TierEditorStore } from "./tier-editor-store.ts";

export const TierEditorContext = createContext<TierEditorStore | null>(null);

/** What validation and the examples compile with. */
export interface TierEnvironment {
  readonly dataSchema: object | undefined;
  readonly usedModels: readonly TierModel[];
  /** Top-level field names of the form's records, for picking a rule's variable. */
  readonly fields: readonly string[];
}

export const TierEnvironmentContext = createContext<TierEnvironment>({
  dataSchema: undefined,
  usedModels: [],
  fields: [],
});

/** The editor's store. */
export function useTierEditorStore(): TierEditorStore {
  const store = useContext(TierEditorContext);
  if (!store) throw new Error("useTierEditorStore() needs <TierEditorContext> above it");
  return store;
}

/** A slice of the editor's state. */
export function useTierEditor<T>(select: (state: TierEditorState) => T): T {
  return useStore(useTierEditorStore(), select);
}

/** The open model (the page renders the editor only once it is loaded). */
export function useTierModel(): TierModel {
  const model = useTierEditor((s) => s.model);
  if (!model) throw new Error("useTierModel() before the model was loaded");
  return model;
}

export const useTierEnvironment = (): TierEnvironment => useContext(TierEnvironmentContext);
