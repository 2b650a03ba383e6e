// Whether the file holds the map as it is: "Saved to bike.journey.json" or "Unsaved
// changes", in the toolbar. The kernel says which version it last saved and where (the
// ``_saved`` trait, set by journey.save and autosave); the map's own version says whether
// it has moved on since, so an edit flips the words without a word from the kernel.

import { h } from "./dom";

/** The ``_saved`` trait (journeywidgets/widgets/journey_map.py); null: in no file yet. */
export type SavedFile = { path: string; name: string; version: number } | null;

export type SaveStatus = "saved" | "unsaved" | "never";

/** What to say about ``saved`` for a map at ``version``. */
export function describeSave(saved: SavedFile, version: number): { status: SaveStatus; text: string; title: string } {
  if (saved === null)
    return {
      status: "never",
      text: "Not saved",
      title: "In no file yet: journey.save(path) or journey.autosave(path) keeps it",
    };
  if (saved.version === version) return { status: "saved", text: `Saved to ${saved.name}`, title: saved.path };
  return { status: "unsaved", text: "Unsaved changes", title: `Not yet in ${saved.path}` };
}

/**
 * The indicator. One element for the life of the view, moved into each new toolbar after a
 * redraw: a live region that is replaced is not announced, one whose text changes is.
 */
export class SaveState {
  readonly element: HTMLElement = h("span", { class: "jw-save-state", role: "status", "aria-live": "polite" });

  /** ``saved`` undefined: the host keeps no file (a standalone page), so nothing shows. */
  constructor(
    private readonly saved: () => SavedFile | undefined,
    private readonly version: () => number,
  ) {}

  /** Say what is saved now; the text changes only when the status does. */
  update(): void {
    const saved = this.saved();
    this.element.hidden = saved === undefined;
    if (saved === undefined) return;
    const { status, text, title } = describeSave(saved, this.version());
    if (this.element.textContent !== text) this.element.textContent = text;
    this.element.title = title;
    this.element.dataset.status = status;
  }

  /** After a redraw (the view rebuilds its toolbar): put the indicator back in it. */
  place(root: HTMLElement): void {
    const toolbar = root.querySelector(".jw-toolbar");
    if (toolbar !== null && this.element.parentElement !== toolbar) toolbar.append(this.element);
    this.update();
  }
}
