import { describe, expect, it } from "vitest";
import { NUDGE, SHORTCUTS, shortcutOf } from "./useEditorShortcuts.ts";

const key = (
  k: string,
  mods: { ctrl?: boolean; meta?: boolean; shift?: boolean; alt?: boolean } = {},
) =>
  shortcutOf({
    key: k,
    ctrlKey: mods.ctrl ?? false,
    metaKey: mods.meta ?? false,
    shiftKey: mods.shift ?? false,
    altKey: mods.alt ?? false,
  });

describe("shortcutOf", () => {
  it("maps Ctrl and ⌘ alike", () => {
    for (const mod of [{ ctrl: true }, { meta: true }]) {
      expect(key("c", mod)?.command).toBe("copy");
      expect(key("v", mod)?.command).toBe("paste");
      expect(key("x", mod)?.command).toBe("cut");
      expect(key("d", mod)?.command).toBe("duplicate");
      expect(key("s", mod)?.command).toBe("save");
      expect(key("a", mod)?.command).toBe("selectAll");
      expect(key("z", mod)?.command).toBe("undo");
      expect(key("Z", { ...mod, shift: true })?.command).toBe("redo");
      expect(key("y", mod)?.command).toBe("redo");
    }
  });

  it("leaves the browser's own chords alone", () => {
    expect(key("c", { ctrl: true, shift: true })).toBeUndefined();
    expect(key("s", { ctrl: true, alt: true })).toBeUndefined();
    expect(key("r", { ctrl: true })).toBeUndefined();
    expect(key("c")).toBeUndefined();
  });

  it("nudges by the arrows, four times as far with Shift", () => {
    expect(key("ArrowLeft")).toEqual({ command: "nudge", dx: -NUDGE, dy: 0 });
    expect(key("ArrowDown", { shift: true })).toEqual({ command: "nudge", dx: 0, dy: 4 * NUDGE });
  });

  it("knows Delete, Backspace, Escape and ?", () => {
    expect(key("Delete")?.command).toBe("delete");
    expect(key("Backspace")?.command).toBe("delete");
    expect(key("Escape")?.command).toBe("clearSelection");
    expect(key("?", { shift: true })?.command).toBe("help");
  });

  it("lists every command in the help", () => {
    const listed = new Set(SHORTCUTS.map((s) => s.command));
    for (const k of ["c", "v", "x", "d", "s", "a", "z", "y"])
      expect(listed.has(key(k, { ctrl: true })?.command ?? "undo")).toBe(true);
    expect(listed.size).toBe(SHORTCUTS.length);
  });
});
