// What one view shows besides the journey: selection, where focus is, an edit in progress,
// the open inspector. Never synced to the kernel except the selection (the ``selected``
// trait), and never part of the journey's store.

export class UiState {
  selected = new Set<string>();
  /** The data-key of the item that has (or last had) focus: the grid's one tab stop. */
  active: string | null = null;
  /** An inline edit is open: redraws wait until it closes. */
  editing = false;
  redrawPending = false;
  /** The item whose details the inspector shows ("map" for the map itself), or null. */
  inspecting: string | null = null;
  /** After sending an insert, focus the row the kernel creates in this table. */
  focusNewIn: string | null = null;
}
