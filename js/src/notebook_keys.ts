// Which keys pressed inside the map reach the notebook around it.
//
// The grid and the inspector are the map's: arrows, Enter, Escape, A, B, I, Delete do what
// the map says, not what the notebook's command mode would (insert a cell, interrupt the
// kernel, delete a cell). lumino (JupyterLab and Notebook 7) skips a shortcut when it
// meets ``data-lm-suppress-shortcuts`` walking up from the event's target *before* it
// meets an element the shortcut's selector matches; the command-mode selectors (".jp-Notebook.jp-mod-commandMode :focus")
// match the focused element itself, so the attribute must be on the target, not only on
// the grid around it. A few of the notebook's shortcuts are expected to work from
// anywhere, and the map has no use of its own for them:
// - Ctrl/Cmd+S (and Shift+Ctrl/Cmd+S): save the notebook;
// - Shift+Enter on an item (not in a text box, where it is a new line): run the cell and
//   move on, the way out of any output.
// So while a key event travels from inside the grid or the inspector, its target carries
// the attribute, or, for those shortcuts, no element on its path does. lumino listens on
// the document (in the capture phase in Notebook 7, the bubble phase in JupyterLab); a
// capture listener on the window runs before either. The notebook's shortcuts pass only
// from maps in a notebook's outputs: the map editor's tab saves its own document on
// Ctrl/Cmd+S (labextension/src/panel.ts), and letting it through too would save twice.

const SUPPRESS = "data-lm-suppress-shortcuts";
const installed = new WeakSet<object>();

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.matches("textarea, select, input:not([type=checkbox]):not([type=button])");
}

/** Whether a key pressed inside the map is the notebook's, not the map's. */
export function isNotebookShortcut(event: KeyboardEvent): boolean {
  const accel = event.ctrlKey || event.metaKey;
  if (accel && !event.altKey && event.key.toLowerCase() === "s") return true;
  return event.key === "Enter" && event.shiftKey && !accel && !event.altKey && !isTextEntry(event.target);
}

/** Route key events from inside any map in this window as above (installed once per window). */
export function passNotebookShortcuts(view: Window | null): void {
  if (view === null || installed.has(view)) return;
  installed.add(view);
  let lifted: Element[] = [];
  let marked: Element[] = [];
  // Undo the marks once the event has travelled: at the window in the bubble phase, or, if a
  // listener stopped it on the way (lumino does when it runs a command), on the next task
  // or the next key, whichever comes first.
  const restore = () => {
    for (const element of lifted) element.setAttribute(SUPPRESS, "true");
    for (const element of marked) element.removeAttribute(SUPPRESS);
    lifted = [];
    marked = [];
  };
  view.addEventListener(
    "keydown",
    (event) => {
      restore();
      const target = event.target;
      if (!(target instanceof Element) || !target.closest(`.jw-root [${SUPPRESS}]`)) return;
      if (isNotebookShortcut(event) && target.closest(".jp-OutputArea")) {
        for (
          let at = target.closest(`[${SUPPRESS}]`);
          at !== null;
          at = at.parentElement?.closest(`[${SUPPRESS}]`) ?? null
        )
          lifted.push(at);
        for (const element of lifted) element.removeAttribute(SUPPRESS);
      } else if (!target.hasAttribute(SUPPRESS)) {
        target.setAttribute(SUPPRESS, "true");
        marked.push(target);
      }
      view.setTimeout(restore, 0);
    },
    true,
  );
  view.addEventListener("keydown", restore);
}
