/**
 * @module designer/tiers/tier-editor-store
 * The state of one open tier-model editor: the model document itself (edited immutably at
 * paths, so what is saved is exactly what was opened plus the edits), the last validation's
 * issues, and an undo/redo history of documents. One store per editor
 * (`createTierEditorStore`), never a module singleton.
 *
 * Typing into one field is one undo step: `set(path, value, { coalesce: true })` replaces the
 * latest history entry's successor while consecutive edits hit the same path.
 */
import { createStore, type StoreApi } from "zustand/vanilla";
import type { Issue } from "../../../engine/errors/index.ts";
import type { TierModel } from "../../../engine/tiers/index.ts";
import { insertIn, moveIn, type Path, pointerOf, removeIn, setIn } from "./model-edit.ts";

/** Undo depth: enough for a session, bounded so a long edit does not grow without end. */
const HISTORY_LIMIT = 100;

export interface TierEditorState {
  readonly model: TierModel | undefined;
  readonly past: readonly TierModel[];
  readonly future: readonly TierModel[];
  /** Changed since loaded or saved. */
  readonly dirty: boolean;
  /** Issues (errors and warnings) of the last validation, in the UI's language. */
  readonly issues: readonly Issue[];
  /** The document `issues` were found in (a newer model means they may be stale). */
  readonly validated: TierModel | undefined;
  /** Pointer of the last coalescing edit; a different edit starts a new undo step. */
  readonly lastEdit: string | undefined;

  load(model: TierModel): void;
  /** Sets (or with `undefined` deletes) the value at `path`. */
  set(path: Path, value: unknown, options?: { coalesce?: boolean }): void;
  insert(path: Path, item: unknown, index?: number): void;
  remove(path: Path, index: number): void;
  move(path: Path, from: number, to: number): void;
  /** Applies any change to the whole document as one undo step. */
  update(change: (model: TierModel) => TierModel): void;
  undo(): void;
  redo(): void;
  setIssues(issues: readonly Issue[], validated: TierModel): void;
  markSaved(): void;
}

export type TierEditorStore = StoreApi<TierEditorState>;

/**
 * A store for one editor.
 * @example
 * const store = createTierEditorStore();
 * store.getState().load(model);
 * store.getState().set(["bands", 0, "min"], 70);
 */
export function createTierEditorStore(): TierEditorStore {
  return createStore<TierEditorState>()((set, get) => {
    /** Applies `change` as a new undo step (or folded into the last one when coalescing). */
    const apply = (change: (model: TierModel) => TierModel, coalesceKey?: string) => {
      const { model, past, lastEdit } = get();
      if (!model) return;
      const next = change(model);
      if (next === model) return;
      const fold = coalesceKey !== undefined && coalesceKey === lastEdit && past.length > 0;
      set({
        model: next,
        past: fold ? past : [...past, model].slice(-HISTORY_LIMIT),
        future: [],
        dirty: true,
        lastEdit: coalesceKey,
      });
    };

    return {
      model: undefined,
      past: [],
      future: [],
      dirty: false,
      issues: [],
      validated: undefined,
      lastEdit: undefined,

      load: (model) =>
        set({
          model,
          past: [],
          future: [],
          dirty: false,
          issues: [],
          validated: undefined,
          lastEdit: undefined,
        }),

      set: (path, value, options = {}) =>
        apply((m) => setIn(m, path, value), options.coalesce ? pointerOf(path) : undefined),
      insert: (path, item, index) => apply((m) => insertIn(m, path, item, index)),
      remove: (path, index) => apply((m) => removeIn(m, path, index)),
      move: (path, from, to) => apply((m) => moveIn(m, path, from, to)),
      update: (change) => apply(change),

      undo: () => {
        const { past, model, future } = get();
        const previous = past.at(-1);
        if (!previous || !model) return;
        set({
          model: previous,
          past: past.slice(0, -1),
          future: [model, ...future],
          dirty: true,
          lastEdit: undefined,
        });
      },

      redo: () => {
        const { past, model, future } = get();
        const [next, ...rest] = future;
        if (!next || !model) return;
        set({
          model: next,
          past: [...past, model],
          future: rest,
          dirty: true,
          lastEdit: undefined,
        });
      },

      setIssues: (issues, validated) => set({ issues, validated }),
      markSaved: () => set({ dirty: false, lastEdit: undefined }),
    };
  });
}
