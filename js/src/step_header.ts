// A step: the header of its column, with its kind, moment of truth and funnel figures.

import { detailsButton, iconButton } from "./buttons";
import type { Context } from "./context";
import { h } from "./dom";
import { reachText } from "./format";
import { intents } from "./intents";
import type { Column } from "./layout";
import { label, named } from "./presentation";

export function stepHeader(ctx: Context, column: Column, index: number): HTMLElement {
  const gridColumn = String(index + 2);
  if (column.kind === "empty") {
    const empty = h("div", {
      class: "jw-step jw-empty",
      role: "columnheader",
      "data-key": `empty:${column.stageId}`,
      "data-row": 1,
      "data-col": index,
      tabindex: -1,
      text: ctx.readOnly ? "No steps yet" : "No steps yet: + in the stage header adds one",
    });
    empty.style.gridRow = "2";
    empty.style.gridColumn = gridColumn;
    if (!ctx.readOnly) ctx.dropTarget(empty, ["steps"], (dragged) => intents.moveStep(dragged.id, column.stageId, 0));
    return empty;
  }
  const { id, step } = column;
  const moment = step.is_moment_of_truth === true;
  const name = String(step.name);
  const text = h("span", { class: "jw-text", text: name });
  ctx.text(`steps:${id}`, text);
  const header = h(
    "div",
    {
      class: `jw-step${moment ? " jw-moment" : ""}`,
      role: "columnheader",
      "data-id": id,
      "data-key": `steps:${id}`,
      "data-row": 1,
      "data-col": index,
      tabindex: -1,
      draggable: ctx.readOnly ? null : "true",
    },
    text,
  );
  header.style.gridRow = "2";
  header.style.gridColumn = gridColumn;
  const star = h("button", {
    type: "button",
    class: "jw-moment-toggle",
    "aria-pressed": String(moment),
    "aria-label": `Moment of truth: ${name}`,
    title: moment ? "Moment of truth (click to unmark)" : "Mark as a moment of truth",
    tabindex: -1,
    text: moment ? "★" : "☆",
    disabled: ctx.readOnly,
  });
  star.addEventListener("click", (event) => {
    event.stopPropagation();
    ctx.send(intents.toggleMoment(id, moment));
  });
  if (step.kind && step.kind !== "action") {
    header.append(h("span", { class: "jw-kind", text: named(ctx.presentation.step_kinds, step.kind) }));
  }
  const funnel = ctx.layout.funnel.get(id);
  if (funnel) header.append(funnelFigures(ctx, id, funnel));
  header.append(star); // the step's controls follow its text and figures
  ctx.selectable(header, id);
  ctx.editable(
    text,
    () => String(ctx.state.tables.steps?.get(id)?.name ?? ""),
    (value) => ctx.send(intents.rename("steps", id, "name", value)),
  );
  if (!ctx.readOnly) {
    header.append(
      detailsButton(name, () => ctx.inspect(`steps:${id}`)),
      iconButton("×", `Delete the step ${name}`, () => ctx.remove("steps", id)),
    );
    ctx.dragSource(header, "steps", id);
    ctx.dropTarget(header, ["steps"], (dragged) => {
      const siblings = ctx.layout.stepsIn(column.stageId).filter((s) => s !== dragged.id);
      return intents.moveStep(dragged.id, column.stageId, siblings.indexOf(id));
    });
  }
  return header;
}

/** Reach as a bar and labelled figures; the step with the biggest drop is marked. */
function funnelFigures(ctx: Context, id: string, funnel: { reach: number; conversion: number | null }): HTMLElement {
  const p = ctx.presentation;
  const share = ctx.layout.funnelMax > 0 ? funnel.reach / ctx.layout.funnelMax : 0;
  const bar = h("span", { class: "jw-reach-bar", "aria-hidden": "true" });
  bar.style.setProperty("--jw-reach", `${Math.round(share * 100)}%`);
  const drop = ctx.layout.biggestDrop === id;
  return h(
    "span",
    { class: `jw-reach${drop ? " jw-biggest-drop" : ""}` },
    bar,
    h("span", { class: "jw-reach-text", text: reachText(funnel.reach, funnel.conversion, p) }),
    drop ? h("span", { class: "jw-drop-mark", text: `▼ ${label(p, "biggest_drop")}` }) : null,
  );
}
