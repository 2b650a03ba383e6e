// Where a lane meets a step: the cards put there, and a button to add one.

import { iconButton } from "./buttons";
import { card } from "./card";
import type { Context } from "./context";
import { h } from "./dom";
import { intents } from "./intents";
import { type Column, cellKey } from "./layout";
import type { Row } from "./ops";

export function cell(ctx: Context, lane: Row, column: Column, row: number, col: number): HTMLElement {
  const laneId = String(lane.lane_id);
  const stepName = column.kind === "step" ? String(column.step.name) : "no step";
  const cards = column.kind === "step" ? (ctx.layout.cells.get(cellKey(laneId, column.id)) ?? []) : [];
  const element = h("div", {
    class: "jw-cell",
    role: "gridcell",
    "data-row": row,
    "data-col": col,
    "data-key": column.kind === "step" ? `cell:${laneId}:${column.id}` : `cell:${laneId}:empty:${column.stageId}`,
    "aria-label": `${String(lane.name)} at ${stepName}, ${cards.length === 1 ? "1 card" : `${cards.length} cards`}`,
    tabindex: -1,
  });
  element.style.gridRow = String(row + 1);
  element.style.gridColumn = String(col + 2);
  if (column.kind !== "step") return element;
  const stepId = column.id;
  for (const row of cards) element.append(card(ctx, row));
  if (!ctx.readOnly) {
    const add = iconButton(
      "+",
      `Add a card to ${String(lane.name)} at ${stepName}`,
      () => {
        ctx.ui.focusNewIn = "cards";
        ctx.send(intents.addCard(laneId, stepId));
      },
      "jw-add-card",
    );
    element.append(add);
    ctx.dropTarget(element, ["cards"], (dragged) =>
      intents.moveCard(dragged.id, laneId, stepId, cards.filter((c) => c.card_id !== dragged.id).length),
    );
  }
  return element;
}
