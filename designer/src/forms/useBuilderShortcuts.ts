/**
 * @module designer/forms/useBuilderShortcuts
 * The builder's keys: Ctrl/⌘+Z undo, Ctrl/⌘+Shift+Z (or Ctrl+Y) redo — not while typing in a
 * field, where those keys edit the text.
 */
import { useEffect } from "react";
import type { FormBuilderStore } from "./form-builder-store.ts";

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

export function useBuilderShortcuts(store: FormBuilderStore): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (typing(event.target)) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (!mod) return;
      const state = store.getState();
      if (key === "z") state[event.shiftKey ? "redo" : "undo"]();
      else if (key === "y") state.redo();
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [store]);
}
