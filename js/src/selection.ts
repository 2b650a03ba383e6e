// Selecting steps and cards with the pointer: click selects, Shift/Ctrl/⌘-click adds.
// The selection is UI state; it reaches Python through the ``selected`` trait.

import type { UiState } from "./ui_state";

export function toggleSelect(ui: UiState, id: string, adding: boolean): string[] {
  const next = adding ? new Set(ui.selected) : new Set<string>();
  if (adding && next.has(id)) next.delete(id);
  else next.add(id);
  ui.selected = next;
  return [...next];
}

/** Mark the elements of selected ids. */
export function showSelection(grid: HTMLElement, selected: Set<string>): void {
  for (const element of grid.querySelectorAll<HTMLElement>("[data-id]")) {
    element.classList.toggle("jw-selected", selected.has(element.dataset.id ?? ""));
    if (element.matches(".jw-step"))
      element.setAttribute("aria-selected", String(selected.has(element.dataset.id ?? "")));
  }
}
