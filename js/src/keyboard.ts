// Keys on the map: undo/redo anywhere; on an item, Enter edits, Space selects, Delete
// removes (a stage, step, lane or card), PageUp/PageDown (or + and −) change a score, I opens the details, arrows move,
// Escape leaves the grid. Keys on a button inside an item are the button's own.

import type { GridNav } from "./grid_keys";
import { editorOf, nudgerOf } from "./item_actions";
import { isNotebookShortcut } from "./notebook_keys";

export type KeyTarget = {
  grid: HTMLElement;
  nav: GridNav;
  readOnly: boolean;
  editing(): boolean;
  undo(): void;
  redo(): void;
  remove(table: string, id: string): void;
  select(id: string, adding: boolean): void;
  inspect(key: string): void;
  leave(): void;
};

/** Items Delete removes (one op each; the model deletes what hangs on them, undo restores it). */
const DELETABLE = new Set(["stages", "steps", "lanes", "cards"]);

const NUDGE: Record<string, 1 | -1> = { PageUp: 1, PageDown: -1, "+": 1, "=": 1, "-": -1 };

export function onKey(t: KeyTarget, event: KeyboardEvent): void {
  if (t.editing()) return;
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key;
  if (mod && (key.toLowerCase() === "z" || key.toLowerCase() === "y")) {
    event.preventDefault();
    if (key.toLowerCase() === "y" || event.shiftKey) t.redo();
    else t.undo();
    return;
  }
  if (isNotebookShortcut(event)) return; // Ctrl/Cmd+S, Shift+Enter: the notebook's (notebook_keys.ts)
  const target = event.target as HTMLElement;
  if (!t.grid.contains(target)) return;
  const item = target.closest<HTMLElement>("[data-key]");
  if (!item) return;
  const onItem = target === item;
  if (!onItem && (key === "Enter" || key === " ")) return; // a button's own activation
  if (key === "Escape") {
    event.preventDefault();
    t.leave();
    return;
  }
  if (!onItem) {
    if (key.startsWith("Arrow")) {
      event.preventDefault();
      item.focus();
    }
    return;
  }
  if (key === "Enter" || key === "F2") {
    const edit = t.readOnly ? undefined : editorOf(item);
    if (edit) {
      event.preventDefault();
      edit();
    }
    return;
  }
  if (key === " " && item.dataset.id) {
    event.preventDefault();
    t.select(item.dataset.id, true);
    return;
  }
  if ((key === "i" || key === "ContextMenu" || (key === "F10" && event.shiftKey)) && !t.readOnly) {
    const itemKey = item.dataset.key ?? "";
    // An emotion cell's points are a step's details; the row's header opens the personas.
    const scored = /^emotion:(?!empty:)(.+)$/.exec(itemKey)?.[1];
    const key = /^(stages|steps|lanes|cards):/.test(itemKey)
      ? itemKey
      : scored !== undefined
        ? `steps:${scored}`
        : itemKey.startsWith("emotion:")
          ? "personas:"
          : null;
    if (key !== null) {
      event.preventDefault();
      t.inspect(key);
    }
    return;
  }
  if ((key === "Delete" || key === "Backspace") && !t.readOnly && item.dataset.id) {
    const table = (item.dataset.key ?? "").split(":")[0] ?? "";
    if (DELETABLE.has(table)) {
      event.preventDefault();
      t.remove(table, item.dataset.id);
    }
    return;
  }
  const nudge = NUDGE[key];
  const nudger = nudgerOf(item);
  if (nudge !== undefined && nudger && !t.readOnly) {
    event.preventDefault();
    nudger(nudge);
    return;
  }
  if (key.startsWith("Arrow") || key === "Home" || key === "End") {
    event.preventDefault();
    const next = t.nav.next(item, key);
    if (next) t.nav.activate(next, true);
  }
}
