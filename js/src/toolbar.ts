// The bar above the map: its title, the buttons that add stages, lanes and personas, the
// map's details, undo and redo.

import type { Context } from "./context";
import { h } from "./dom";
import { intents } from "./intents";
import { named } from "./presentation";

export function toolbar(ctx: Context): { element: HTMLElement; title: HTMLElement } {
  const titleText = h("span", { class: "jw-title-text", text: String(ctx.state.meta.title ?? "") });
  const type = h("span", { class: "jw-kind", text: named(ctx.presentation.map_types, ctx.state.meta.map_type) });
  const title = h("div", { class: "jw-title" }, titleText, " ", type);
  ctx.editable(
    titleText,
    () => String(ctx.state.meta.title ?? ""),
    (text) => ctx.send(intents.setMeta("title", text)),
  );
  const button = (label: string, name: string, action: string, run: () => void) => {
    const b = h("button", {
      type: "button",
      class: "jw-button",
      "aria-label": name,
      title: name,
      "data-action": action,
      text: label,
    });
    b.addEventListener("click", run);
    return b;
  };
  const tools = ctx.readOnly
    ? []
    : [
        button("+ Stage", "Add a stage", "add-stage", () => {
          ctx.ui.focusNewIn = "stages";
          ctx.send(intents.addStage());
        }),
        button("+ Lane", "Add a lane", "add-lane", () => {
          ctx.ui.focusNewIn = "lanes";
          ctx.send(intents.addLane());
        }),
        button("+ Persona", "Add a persona", "add-persona", () => {
          ctx.inspect("personas:");
          ctx.send(intents.addPersona("New persona"));
        }),
        button("Map…", "Map title, type and scenario", "map-details", () => ctx.inspect("map:")),
        button("↶", "Undo (Ctrl+Z)", "undo", () => ctx.undo()),
        button("↷", "Redo (Shift+Ctrl+Z)", "redo", () => ctx.redo()),
      ];
  return { element: h("div", { class: "jw-toolbar" }, title, ...tools), title: titleText };
}

/** What an empty map says to do first. */
export function emptyHint(ctx: Context): HTMLElement | null {
  if (ctx.readOnly) return null;
  const steps = ctx.state.tables.steps?.size ?? 0;
  const stages = ctx.state.tables.stages?.size ?? 0;
  const lanes = ctx.layout.lanes.length;
  let text: string | null = null;
  if (stages === 0 && steps === 0)
    text = "An empty map. Start with + Stage, then + in the stage's header adds its steps.";
  else if (steps === 0) text = "Add the first step with + in a stage's header.";
  else if (lanes === 0) text = "Add a lane with + Lane to put cards under the steps.";
  else if (ctx.layout.curves.length === 0)
    text = "Score a step: drag its hollow point in the Emotion row, or press Enter on it.";
  return text === null ? null : h("p", { class: "jw-hint", text });
}
