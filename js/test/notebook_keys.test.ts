// The notebook's Save and Shift+Enter reach it from inside a map in a notebook's output;
// every other key pressed in the grid stays the map's.

import { afterEach, describe, expect, it } from "vitest";
import { key, mount } from "./mount";

/** Whether lumino would run a shortcut bound to ``selector`` for this event: walking up
 * from the target, it gives up at data-lm-suppress-shortcuts and runs at the first match
 * (its targetDistance). Seen while the event travels, as lumino sees it. */
function luminoRuns(target: HTMLElement, init: KeyboardEventInit, selector: string): boolean {
  let runs: boolean | null = null;
  const listen = (event: Event) => {
    runs = false;
    for (let at = event.target as Element | null; at !== null; at = at.parentElement) {
      if (at.hasAttribute("data-lm-suppress-shortcuts")) break;
      if (at.matches(selector)) {
        runs = true;
        break;
      }
    }
  };
  document.addEventListener("keydown", listen); // bubble phase, as JupyterLab listens
  target.dispatchEvent(new KeyboardEvent("keydown", { bubbles: true, ...init }));
  document.removeEventListener("keydown", listen);
  return runs ?? false;
}

// The selectors of the notebook's own bindings: Save on the body; command mode on the focused
// element (":focus" in JupyterLab; here the item or field the key is pressed on).
const SAVE = "body";
const COMMAND_MODE = ".jp-OutputArea [data-key], .jp-OutputArea .jw-field";
const suppressedFor = (target: HTMLElement, init: KeyboardEventInit) =>
  !luminoRuns(target, init, init.ctrlKey || init.metaKey ? SAVE : COMMAND_MODE);

function inOutput() {
  const mounted = mount();
  const output = document.createElement("div");
  output.className = "jp-OutputArea";
  document.body.replaceChildren(output);
  output.append(mounted.root);
  return mounted;
}

describe("notebook shortcuts from inside the map", () => {
  afterEach(() => document.body.replaceChildren());

  it("lets Ctrl/Cmd+S and Shift+Enter through, and no other key", async () => {
    const { root, sent } = inOutput();
    const step = root.querySelector<HTMLElement>('[data-key="steps:s1"]') as HTMLElement;
    step.focus();
    expect(suppressedFor(step, { key: "s", ctrlKey: true })).toBe(false);
    expect(suppressedFor(step, { key: "s", metaKey: true })).toBe(false);
    expect(suppressedFor(step, { key: "Enter", shiftKey: true })).toBe(false);
    expect(root.querySelector(".jw-editor")).toBeNull(); // Shift+Enter is not the map's Enter
    for (const init of [{ key: "ArrowDown" }, { key: "a" }, { key: "i" }, { key: "Escape" }, { key: "Enter" }])
      expect(suppressedFor(step, init), init.key).toBe(true);
    await new Promise((done) => setTimeout(done, 0));
    expect(root.querySelector(".jw-scroll")?.getAttribute("data-lm-suppress-shortcuts")).toBe("true");
    expect(step.hasAttribute("data-lm-suppress-shortcuts")).toBe(false); // marks are undone
    expect(sent).toEqual([]);
  });

  it("keeps Shift+Enter in a text box, and every key outside a notebook's output", () => {
    const { root } = inOutput();
    const step = root.querySelector<HTMLElement>('[data-key="steps:s1"]') as HTMLElement;
    step.focus();
    key(step, "i");
    const field = root.querySelector<HTMLElement>('.jw-inspector [data-column="description"]') as HTMLElement;
    expect(suppressedFor(field, { key: "Enter", shiftKey: true })).toBe(true);
    expect(suppressedFor(field, { key: "s", ctrlKey: true })).toBe(false);
    const editor = mount(); // the map editor's tab saves its document itself
    const other = editor.root.querySelector<HTMLElement>('[data-key="steps:s1"]') as HTMLElement;
    expect(suppressedFor(other, { key: "s", ctrlKey: true })).toBe(true);
  });
});
