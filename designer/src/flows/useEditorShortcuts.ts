/**
 * @module designer/flows/useEditorShortcuts
 * The editor's keys (the help dialog lists them from `SHORTCUTS`): undo/redo, delete, copy, cut,
 * paste and duplicate (through the shared flow clipboard), save the draft, select all, nudge the
 * selection with the arrows, clear the selection, `?` for help. Not while typing in a field,
 * where those keys edit the text, nor inside a dialog or drawer. Copy, cut and paste answer the
 * browser's clipboard events rather than the keys, so the menu's Copy/Paste work too and the
 * system clipboard needs no permission.
 *
 * The listener runs in the capture phase, before React Flow's own handling of the arrows on a
 * focused node, so a nudge is always the editor's: one undo step per burst of presses.
 */
import { App } from "antd";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { Language } from "../i18n/language.ts";
import {
  copyFragment,
  type FlowClipboard,
  type FlowFragment,
  PASTE_OFFSET,
  pasteFragment,
  serializeFragment,
  sharedFlowClipboard,
} from "./clipboard.ts";
import { toRfEdges, toRfNodes } from "./flow-convert.ts";
import type { FlowEditorState } from "./flow-editor-store.ts";
import { outputsOf } from "./node-registry.ts";

/** What a key does. */
export type ShortcutCommand =
  | "undo"
  | "redo"
  | "delete"
  | "copy"
  | "cut"
  | "paste"
  | "duplicate"
  | "save"
  | "selectAll"
  | "clearSelection"
  | "nudge"
  | "help";

/** The keys of each command, for the help dialog; `Mod` is Ctrl, or ⌘ on a Mac. */
export const SHORTCUTS: readonly { readonly command: ShortcutCommand; readonly keys: string[] }[] =
  [
    { command: "undo", keys: ["Mod", "Z"] },
    { command: "redo", keys: ["Mod", "Shift", "Z"] },
    { command: "copy", keys: ["Mod", "C"] },
    { command: "cut", keys: ["Mod", "X"] },
    { command: "paste", keys: ["Mod", "V"] },
    { command: "duplicate", keys: ["Mod", "D"] },
    { command: "delete", keys: ["Delete"] },
    { command: "selectAll", keys: ["Mod", "A"] },
    { command: "clearSelection", keys: ["Esc"] },
    { command: "nudge", keys: ["←", "↑", "→", "↓"] },
    { command: "save", keys: ["Mod", "S"] },
    { command: "help", keys: ["?"] },
  ];

/** Pixels an arrow moves the selection; with Shift, four times as far (as React Flow does). */
export const NUDGE = 10;
/** Presses closer together than this are one nudge, one undo step. */
const NUDGE_BURST_MS = 800;

const ARROWS: Readonly<Record<string, readonly [number, number]>> = {
  arrowleft: [-1, 0],
  arrowright: [1, 0],
  arrowup: [0, -1],
  arrowdown: [0, 1],
};

type KeyLike = Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "shiftKey" | "altKey">;

/**
 * The command of a key press, if it is one of the editor's; for arrows, also the move.
 * @example shortcutOf({ key: "d", ctrlKey: true, metaKey: false, shiftKey: false, altKey: false })
 * // { command: "duplicate" }
 */
export function shortcutOf(
  event: KeyLike,
): { command: ShortcutCommand; dx?: number; dy?: number } | undefined {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (event.altKey) return undefined;
  if (mod) {
    const command = (
      {
        z: event.shiftKey ? "redo" : "undo",
        y: "redo",
        c: "copy",
        x: "cut",
        v: "paste",
        d: "duplicate",
        s: "save",
        a: "selectAll",
      } as const
    )[key];
    // Shift+Ctrl+C and the like belong to the browser (devtools), except Ctrl+Shift+Z.
    if (!command || (event.shiftKey && command !== "redo")) return undefined;
    return { command };
  }
  if (key === "delete" || key === "backspace") return { command: "delete" };
  if (key === "escape") return { command: "clearSelection" };
  if (event.key === "?") return { command: "help" };
  const arrow = ARROWS[key];
  if (arrow) {
    const step = event.shiftKey ? NUDGE * 4 : NUDGE;
    return { command: "nudge", dx: arrow[0] * step, dy: arrow[1] * step };
  }
  return undefined;
}

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

/** In a dialog or drawer (the help, the version history): its keys are its own. */
const inDialog = (target: EventTarget | null) =>
  target instanceof Element &&
  target.closest('[role="dialog"], .ant-modal-wrap, .ant-drawer') !== null;

type ShortcutState = Pick<
  FlowEditorState,
  | "nodes"
  | "edges"
  | "undo"
  | "redo"
  | "deleteSelection"
  | "insertGraph"
  | "onNodesChange"
  | "onEdgesChange"
  | "checkpoint"
>;

/** What the keys do beyond the store. */
export interface ShortcutActions {
  save(): void;
  help(): void;
}

export function useEditorShortcuts(
  store: { getState(): ShortcutState },
  actions: ShortcutActions,
  clipboard: FlowClipboard = sharedFlowClipboard,
): void {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  // The listener is added once per store; it reads the latest of these.
  const latest = useRef({ actions, t, language: i18n.language as Language, message });
  latest.current = { actions, t, language: i18n.language as Language, message };

  useEffect(() => {
    let lastNudge = Number.NEGATIVE_INFINITY;

    const insert = (fragment: FlowFragment, offset: number) => {
      const { nodes, edges, insertGraph } = store.getState();
      const { t, language } = latest.current;
      const pasted = pasteFragment(
        fragment,
        new Set(nodes.map((n) => n.id)),
        new Set(edges.map((e) => e.id)),
        offset,
      );
      const rfEdges = toRfEdges(pasted, outputsOf, language, t("flowEditor.defaultEdge"));
      insertGraph(toRfNodes(pasted.nodes), rfEdges);
    };

    const select = (selected: boolean) => {
      const { nodes, edges, onNodesChange, onEdgesChange } = store.getState();
      const nodeChanges = nodes
        .filter((n) => Boolean(n.selected) !== selected)
        .map((n) => ({ type: "select" as const, id: n.id, selected }));
      const edgeChanges = edges
        .filter((e) => Boolean(e.selected) !== selected)
        .map((e) => ({ type: "select" as const, id: e.id, selected }));
      if (nodeChanges.length > 0) onNodesChange(nodeChanges);
      if (edgeChanges.length > 0) onEdgesChange(edgeChanges);
    };

    /** Runs a command; false when there was nothing for it to do (the key keeps its default). */
    const run = (shortcut: NonNullable<ReturnType<typeof shortcutOf>>): boolean => {
      const state = store.getState();
      const { actions } = latest.current;
      switch (shortcut.command) {
        case "undo":
          state.undo();
          return true;
        case "redo":
          state.redo();
          return true;
        case "delete":
          state.deleteSelection();
          return true;
        case "copy":
        case "cut":
        case "paste":
          // The browser's copy, cut and paste events do these (onClipboard below).
          return false;
        case "duplicate": {
          const fragment = copyFragment(state.nodes, state.edges, outputsOf);
          // Ctrl+D is the browser's bookmark key: taken even with nothing to duplicate.
          if (fragment) insert(fragment, PASTE_OFFSET);
          return true;
        }
        case "save":
          actions.save();
          return true;
        case "selectAll":
          select(true);
          return true;
        case "clearSelection":
          if (!state.nodes.some((n) => n.selected) && !state.edges.some((e) => e.selected))
            return false;
          select(false);
          return true;
        case "help":
          actions.help();
          return true;
        case "nudge": {
          const moving = state.nodes.filter((n) => n.selected && n.draggable !== false);
          if (moving.length === 0) return false;
          const now = performance.now();
          if (now - lastNudge > NUDGE_BURST_MS) state.checkpoint();
          lastNudge = now;
          const { dx = 0, dy = 0 } = shortcut;
          state.onNodesChange(
            moving.map((n) => ({
              type: "position" as const,
              id: n.id,
              position: { x: n.position.x + dx, y: n.position.y + dy },
            })),
          );
          return true;
        }
      }
    };

    /** Copy and cut write the system clipboard, paste reads it: no permission prompt needed. */
    const onClipboard = (event: ClipboardEvent) => {
      if (event.defaultPrevented || typing(event.target) || inDialog(event.target)) return;
      const state = store.getState();
      const { t, message } = latest.current;
      if (event.type === "paste") {
        event.preventDefault();
        const read = clipboard.pasting(event.clipboardData?.getData("text/plain"));
        if (read) insert(read.fragment, PASTE_OFFSET * read.pasted);
        else void message.info(t("flowTools.nothingToPaste"));
        return;
      }
      // Text the user selected on the page is copied as text.
      if (!(window.getSelection()?.isCollapsed ?? true)) return;
      const fragment = copyFragment(state.nodes, state.edges, outputsOf);
      if (!fragment) return;
      event.preventDefault();
      event.clipboardData?.setData("text/plain", serializeFragment(fragment));
      clipboard.copied(fragment, event.clipboardData !== null);
      if (event.type === "cut") state.deleteSelection();
      void message.info(t("flowTools.copied", { count: fragment.nodes.length }));
    };

    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || typing(event.target) || inDialog(event.target)) return;
      const shortcut = shortcutOf(event);
      if (!shortcut || !run(shortcut)) return;
      event.preventDefault();
      // React Flow would move a focused node a second time.
      if (shortcut.command === "nudge") event.stopPropagation();
    };
    window.addEventListener("keydown", onKey, true);
    for (const type of ["copy", "cut", "paste"] as const)
      document.addEventListener(type, onClipboard);
    return () => {
      window.removeEventListener("keydown", onKey, true);
      for (const type of ["copy", "cut", "paste"] as const)
        document.removeEventListener(type, onClipboard);
    };
  }, [store, clipboard]);
}
