// Which keys pressed inside the map reach the notebook around it.
//
// The grid and the inspector carry ``data-lm-suppress-shortcuts``: lumino (JupyterLab and
// Notebook 7) then ignores their key events, so arrows, Enter, Escape, A, B, I, Delete do
// what the map says instead of the notebook's command mode (insert a cell, interrupt the
// kernel, delete a cell). A few of the notebook's shortcuts are expected to work from
// anywhere, and the map has no use of its own for them:
// - Ctrl/Cmd+S (and Shift+Ctrl/Cmd+S): save the notebook;
// - Shift+Enter on an item (not in a text box, where it is a new line): run the cell and
//   move on, the way out of any output.
// For those alone the attribute is lifted while the event travels. lumino listens on the
// document (in the capture phase in Notebook 7, the bubble phase in JupyterLab), so the
// lifting is done by a capture listener on the window, which runs before either. Only for
// maps in a notebook's outputs: the map editor's tab saves its own document on Ctrl/Cmd+S
// (labextension/src/panel.ts), and lifting there would save it twice in Notebook 7.

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

/** Let the notebook's shortcuts through from inside any map in this window (once per window). */
export function passNotebookShortcuts(view: Window | null): void {
  if (view === null || installed.has(view)) return;
  installed.add(view);
  let lifted: Element[] = [];
  // Put the attribute back once the event has travelled: at the window in the bubble phase,
  // or, if a listener stopped it on the way (lumino does when it runs a command), on the
  // next task or the next key, whichever comes first.
  const restore = () => {
    for (const element of lifted) element.setAttribute(SUPPRESS, "true");
    lifted = [];
  };
  view.addEventListener(
    "keydown",
    (event) => {
      restore();
      const target = event.target;
      if (!(target instanceof Element) || !target.closest(".jp-OutputArea .jw-root") || !isNotebookShortcut(event))
        return;
      for (
        let at = target.closest(`[${SUPPRESS}]`);
        at !== null;
        at = at.parentElement?.closest(`[${SUPPRESS}]`) ?? null
      )
        lifted.push(at);
      for (const element of lifted) element.removeAttribute(SUPPRESS);
      view.setTimeout(restore, 0);
    },
    true,
  );
  view.addEventListener("keydown", restore);
}
