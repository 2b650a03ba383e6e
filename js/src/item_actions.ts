// What Enter and the nudge keys do on an item, registered by the part that drew it and
// looked up by the keyboard handler (grid_keys.ts), so that neither knows the other.

const editors = new WeakMap<Element, () => void>();
const nudgers = new WeakMap<Element, (direction: 1 | -1) => void>();

export function onEdit(element: Element, edit: () => void): void {
  editors.set(element, edit);
}

export function onNudge(element: Element, nudge: (direction: 1 | -1) => void): void {
  nudgers.set(element, nudge);
}

/** The item's own editor, else that of its text (the span a builder made editable). */
export function editorOf(item: Element): (() => void) | undefined {
  const text = item.querySelector(":scope > .jw-text");
  return editors.get(item) ?? (text ? editors.get(text) : undefined);
}

export function nudgerOf(item: Element): ((direction: 1 | -1) => void) | undefined {
  return nudgers.get(item);
}
