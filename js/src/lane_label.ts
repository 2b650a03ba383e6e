// A lane's label at the left of its row: its name, and its type when that says more.

import { detailsButton, iconButton } from "./buttons";
import type { Context } from "./context";
import { h } from "./dom";
import { intents } from "./intents";
import type { Row } from "./ops";
import { named } from "./presentation";

/** The type tag is shown only when it adds something: "Actions" of type actions has none. */
export function typeTag(name: string, typeName: string, type: string): string | null {
  const norm = (text: string) =>
    text
      .toLowerCase()
      .replace(/[\s_-]+/g, " ")
      .trim();
  if (type === "custom" || type === "" || norm(name) === norm(typeName) || norm(name) === norm(type)) return null;
  return typeName;
}

export function laneLabel(ctx: Context, lane: Row, row: number): HTMLElement {
  const id = String(lane.lane_id);
  const name = String(lane.name);
  const text = h("span", { class: "jw-text", text: name });
  const label = h(
    "div",
    {
      class: "jw-lane-label",
      role: "rowheader",
      "data-id": id,
      "data-key": `lanes:${id}`,
      "data-row": row,
      "data-col": -1,
      tabindex: -1,
    },
    text,
  );
  label.style.gridRow = String(row + 1);
  label.style.gridColumn = "1";
  const tag = typeTag(name, named(ctx.presentation.lane_types, lane.lane_type), String(lane.lane_type ?? ""));
  if (tag) label.append(h("span", { class: "jw-kind", text: tag }));
  ctx.text(`lanes:${id}`, text);
  ctx.editable(
    text,
    () => String(ctx.state.tables.lanes?.get(id)?.name ?? ""),
    (value) => ctx.send(intents.rename("lanes", id, "name", value)),
  );
  if (!ctx.readOnly) {
    label.append(
      detailsButton(name, () => ctx.inspect(`lanes:${id}`)),
      iconButton("×", `Delete the lane ${name} and its cards`, () => ctx.remove("lanes", id)),
    );
  }
  return label;
}
