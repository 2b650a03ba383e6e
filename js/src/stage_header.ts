// A stage: a header over its steps' columns, tinted with the stage's colour.

import { detailsButton, iconButton } from "./buttons";
import type { Context } from "./context";
import { h } from "./dom";
import { intents } from "./intents";
import type { StageBand } from "./layout";
import { stageColor } from "./presentation";

export function stageHeader(ctx: Context, band: StageBand, order: number): HTMLElement {
  const { id, row, start, span } = band;
  const name = row === null ? "No stage" : String(row.name);
  const text = h("span", { class: "jw-text", text: name });
  const header = h(
    "div",
    {
      class: "jw-stage",
      role: "columnheader",
      "aria-colspan": Math.max(span, 1),
      "data-key": id === null ? "stage:" : `stages:${id}`,
      "data-row": 0,
      "data-col": start,
      "data-span": Math.max(span, 1),
      tabindex: -1,
    },
    text,
  );
  header.style.gridRow = "1";
  header.style.gridColumn = `${start + 2} / span ${Math.max(span, 1)}`;
  if (id === null || row === null) return header;
  header.dataset.id = id;
  header.style.setProperty("--jw-stage-color", String(row.color || stageColor(ctx.presentation, order)));
  ctx.text(`stages:${id}`, text);
  ctx.editable(
    text,
    () => String(ctx.state.tables.stages?.get(id)?.name ?? ""),
    (value) => ctx.send(intents.rename("stages", id, "name", value)),
  );
  if (ctx.readOnly) return header;
  header.append(
    iconButton("+", `Add a step to ${name}`, () => {
      ctx.ui.focusNewIn = "steps";
      ctx.send(intents.addStep(id));
    }),
    detailsButton(name, () => ctx.inspect(`stages:${id}`)),
    iconButton("×", `Delete the stage ${name} and its steps`, () => ctx.remove("stages", id)),
  );
  ctx.dropTarget(header, ["steps"], (dragged) =>
    intents.moveStep(dragged.id, id, ctx.layout.stepsIn(id).filter((s) => s !== dragged.id).length),
  );
  return header;
}
