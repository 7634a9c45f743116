/**
 * @module designer/flows/useEditorShortcuts
 * The editor's keys: Ctrl/⌘+Z undo, Ctrl/⌘+Shift+Z (or Ctrl+Y) redo, Delete/Backspace delete the
 * selection. Not while typing in a field, where those keys edit the text.
 */
import { useEffect } from "react";
import type { FlowEditorState } from "./flow-editor-store.ts";

type Commands = Pick<FlowEditorState, "undo" | "redo" | "deleteSelection">;

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

export function useEditorShortcuts(store: { getState(): Commands }): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (typing(event.target)) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const state = store.getState();
      if (mod && key === "z") state[event.shiftKey ? "redo" : "undo"]();
      else if (mod && key === "y") state.redo();
      else if (!mod && (key === "delete" || key === "backspace")) state.deleteSelection();
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [store]);
}
