/**
 * @module designer/forms/form-builder-store
 * The state of one open form builder: the document (a form definition, `form-doc.ts`), what is
 * selected, the last validation's issues and an undo/redo history of documents. One store per
 * builder (`createFormBuilderStore`), never a module singleton.
 *
 * Every document edit goes through `change`, which records the previous document. Typing in one
 * input is one undo step: edits sharing a `merge` tag within a second replace the last step
 * instead of adding one.
 */
import { createStore, type StoreApi } from "zustand/vanilla";
import type { Issue } from "../../../engine/errors/index.ts";
import type { FieldType, FormDoc, GroupKey, I18nString } from "./form-doc.ts";
import * as ops from "./form-doc.ts";

/** Undo depth: enough for a session, bounded so a long edit does not grow without end. */
const HISTORY_LIMIT = 100;
/** Edits with the same merge tag this close together are one undo step. */
const MERGE_MS = 1000;

export type Selection =
  | { readonly kind: "form" }
  | { readonly kind: "field"; readonly name: string }
  | { readonly kind: "section"; readonly key: string };

export interface FormBuilderState {
  readonly doc: FormDoc | undefined;
  readonly selection: Selection;
  readonly past: readonly FormDoc[];
  readonly future: readonly FormDoc[];
  /** Changed since loaded or saved. */
  readonly dirty: boolean;
  /** Issues of the last validation, in the UI's language. */
  readonly issues: readonly Issue[];

  load(doc: FormDoc): void;
  /** Applies an edit as one undo step (or merged into the last one with the same tag). */
  change(edit: (doc: FormDoc) => FormDoc, merge?: string): void;
  addField(
    type: FieldType,
    label: I18nString,
    target?: { group?: GroupKey; index?: number },
  ): string;
  moveField(name: string, group: GroupKey, index: number): void;
  removeField(name: string): void;
  renameField(from: string, to: string): boolean;
  addSection(title: I18nString): string;
  removeSection(key: string): void;
  moveSection(key: string, index: number): void;
  renameSection(from: string, to: string): boolean;
  select(selection: Selection): void;
  undo(): void;
  redo(): void;
  setIssues(issues: readonly Issue[]): void;
  markSaved(): void;
}

export type FormBuilderStore = StoreApi<FormBuilderState>;

/**
 * A store for one builder.
 * @example
 * const store = createFormBuilderStore();
 * store.getState().load(asDoc(definition));
 * store.getState().addField("text", { "zh-CN": "名称", en: "Name" });
 */
export function createFormBuilderStore(now: () => number = () => Date.now()): FormBuilderStore {
  return createStore<FormBuilderState>()((set, get) => {
    let lastMerge: { tag: string; at: number } | undefined;

    const change = (edit: (doc: FormDoc) => FormDoc, merge?: string) => {
      const { doc, past } = get();
      if (!doc) return;
      const next = edit(doc);
      if (next === doc) return;
      const at = now();
      const merging =
        merge !== undefined &&
        lastMerge?.tag === merge &&
        at - lastMerge.at < MERGE_MS &&
        past.length > 0;
      lastMerge = merge === undefined ? undefined : { tag: merge, at };
      set({
        doc: next,
        past: merging ? past : [...past, doc].slice(-HISTORY_LIMIT),
        future: [],
        dirty: true,
      });
    };

    return {
      doc: undefined,
      selection: { kind: "form" },
      past: [],
      future: [],
      dirty: false,
      issues: [],

      load: (doc) => {
        lastMerge = undefined;
        set({ doc, selection: { kind: "form" }, past: [], future: [], dirty: false, issues: [] });
      },

      change,

      addField: (type, label, target) => {
        let added = "";
        change((doc) => {
          const r = ops.addField(doc, type, label, target);
          added = r.name;
          return r.doc;
        });
        if (added) set({ selection: { kind: "field", name: added } });
        return added;
      },

      moveField: (name, group, index) => change((doc) => ops.moveField(doc, name, group, index)),

      removeField: (name) => {
        change((doc) => ops.removeField(doc, name));
        const s = get().selection;
        if (s.kind === "field" && s.name === name) set({ selection: { kind: "form" } });
      },

      renameField: (from, to) => {
        const doc = get().doc;
        if (!doc || from === to || ops.fieldNameProblem(doc, to)) return false;
        change((d) => ops.renameField(d, from, to));
        set({ selection: { kind: "field", name: to } });
        return true;
      },

      addSection: (title) => {
        let key = "";
        change((doc) => {
          const r = ops.addSection(doc, title);
          key = r.key;
          return r.doc;
        });
        if (key) set({ selection: { kind: "section", key } });
        return key;
      },

      removeSection: (key) => {
        change((doc) => ops.removeSection(doc, key));
        const s = get().selection;
        if (s.kind === "section" && s.key === key) set({ selection: { kind: "form" } });
      },

      moveSection: (key, index) => change((doc) => ops.moveSection(doc, key, index)),

      renameSection: (from, to) => {
        const doc = get().doc;
        if (!doc || from === to || ops.sectionKeyProblem(doc, to)) return false;
        change((d) => ops.renameSection(d, from, to));
        set({ selection: { kind: "section", key: to } });
        return true;
      },

      select: (selection) => set({ selection }),

      undo: () => {
        const { past, doc } = get();
        const previous = past.at(-1);
        if (!previous || !doc) return;
        lastMerge = undefined;
        set((s) => ({
          doc: previous,
          past: past.slice(0, -1),
          future: [doc, ...s.future],
          dirty: true,
          selection: keepSelection(s.selection, previous),
        }));
      },

      redo: () => {
        const { future, doc } = get();
        const [next, ...rest] = future;
        if (!next || !doc) return;
        lastMerge = undefined;
        set((s) => ({
          doc: next,
          past: [...s.past, doc],
          future: rest,
          dirty: true,
          selection: keepSelection(s.selection, next),
        }));
      },

      setIssues: (issues) => set({ issues }),

      markSaved: () => set({ dirty: false }),
    };
  });
}

/** The selection if it still exists in `doc`, else the form. */
function keepSelection(selection: Selection, doc: FormDoc): Selection {
  if (selection.kind === "field" && !Object.hasOwn(doc.dataSchema.properties, selection.name))
    return { kind: "form" };
  if (selection.kind === "section" && !doc.uiSchema?.sections?.some((s) => s.key === selection.key))
    return { kind: "form" };
  return selection;
}
