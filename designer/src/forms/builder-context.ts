/**
 * @module designer/forms/builder-context
 * Hands the builder's own store to the panels under it, so the store stays per builder.
 */
import { createContext, useContext } from "react";
import { useStore } from "zustand";
import type { FormBuilderState, FormBuilderStore } from "./form-builder-store.ts";

export const FormBuilderContext = createContext<FormBuilderStore | null>(null);

/** The builder's store. */
export function useFormBuilderStore(): FormBuilderStore {
  const store = useContext(FormBuilderContext);
  if (!store) throw new Error("useFormBuilderStore() needs <FormBuilderContext> above it");
  return store;
}

/** A slice of the builder's state. */
export function useFormBuilder<T>(select: (state: FormBuilderState) => T): T {
  return useStore(useFormBuilderStore(), select);
}
