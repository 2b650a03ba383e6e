// Editing in place: a text area over an item's text, or a number box over a score.
// Enter saves, Escape cancels, leaving the box saves; focus returns to the item.

import type { Context } from "./context";
import { h } from "./dom";
import type { Scale } from "./ops";

type Finish = (commit: boolean) => void;

function open(
  ctx: Context,
  input: HTMLTextAreaElement | HTMLInputElement,
  owner: string | null,
  apply: () => void,
  restore: () => void,
  multiline: boolean,
): void {
  ctx.ui.editing = true;
  input.focus();
  input.select();
  let done = false;
  const finish: Finish = (commit) => {
    if (done) return;
    done = true;
    ctx.ui.editing = false;
    restore();
    if (commit) apply();
    if (owner !== null) ctx.ui.active = owner;
    // The view redraws (if a change came in meanwhile) and puts focus back on the item.
    ctx.afterEdit();
  };
  input.addEventListener("keydown", (event) => {
    const key = (event as KeyboardEvent).key;
    event.stopPropagation();
    if (key === "Escape") finish(false);
    else if (key === "Enter" && !(multiline && (event as KeyboardEvent).shiftKey)) {
      event.preventDefault();
      finish(true);
    }
  });
  input.addEventListener("blur", () => finish(true));
}

export function editText(
  ctx: Context,
  text: HTMLElement,
  value: string,
  save: (value: string) => void,
  multiline: boolean,
): void {
  if (ctx.ui.editing) return;
  const input = h("textarea", { class: "jw-editor", rows: multiline ? 3 : 1, "aria-label": "Edit text" });
  input.value = value;
  const owner = text.closest<HTMLElement>("[data-key]")?.dataset.key ?? null;
  text.replaceWith(input);
  open(
    ctx,
    input,
    owner,
    () => {
      if (input.value !== value) save(input.value);
    },
    () => {
      input.replaceWith(text);
    },
    multiline,
  );
}

export function editNumber(
  ctx: Context,
  item: HTMLElement,
  value: number,
  scale: Scale,
  save: (value: number) => void,
): void {
  if (ctx.ui.editing) return;
  const input = h("input", {
    type: "number",
    class: "jw-editor jw-score-editor",
    min: scale.min,
    max: scale.max,
    step: scale.integer_only ? 1 : 0.1,
    "aria-label": `Score from ${scale.min} to ${scale.max}`,
  });
  input.value = String(value);
  item.append(input);
  open(
    ctx,
    input,
    item.dataset.key ?? null,
    () => {
      const next = Number(input.value);
      if (input.value.trim() !== "" && Number.isFinite(next) && next !== value) {
        save(Math.min(scale.max, Math.max(scale.min, next)));
      }
    },
    () => {
      input.remove();
    },
    false,
  );
}
