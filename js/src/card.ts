// A card: a note in a cell, marked by its kind, severity and evidence.

import { detailsButton, iconButton } from "./buttons";
import type { Context } from "./context";
import { h } from "./dom";
import { intents } from "./intents";
import { cellKey } from "./layout";
import type { Row } from "./ops";
import { label, named } from "./presentation";

/** What a screen reader says for a card: its kind, severity, evidence, then its text. */
export function cardLabel(ctx: Context, card: Row, severity: number | null): string {
  const p = ctx.presentation;
  const parts = [named(p.card_kinds, card.kind ?? "note")];
  if (severity !== null) parts.push(`severity ${severity} of 3`);
  if (card.evidence_level === "assumed") parts.push(label(p, "assumed"));
  return `${parts.join(", ")}: ${String(card.text ?? "")}`;
}

export function card(ctx: Context, card: Row): HTMLElement {
  const id = String(card.card_id);
  const text = h("span", { class: "jw-text", text: String(card.text ?? "") });
  ctx.text(`cards:${id}`, text);
  // Snapshots leave empty cells out, so an empty value may be null or missing.
  const severity = card.severity === null || card.severity === undefined ? null : Number(card.severity);
  const element = h(
    "div",
    {
      class: `jw-card jw-card-${card.kind ?? "note"}`,
      role: "group",
      "aria-roledescription": "card",
      "aria-label": cardLabel(ctx, card, severity),
      "data-id": id,
      "data-key": `cards:${id}`,
      "data-evidence": String(card.evidence_level ?? ""),
      tabindex: -1,
      draggable: ctx.readOnly ? null : "true",
    },
    text,
  );
  if (card.kind === "pain_point" || severity !== null) {
    const marks = ctx.presentation.severity_marks;
    const badge = h("button", {
      type: "button",
      class: "jw-severity",
      "data-severity": severity ?? 0,
      "aria-label": `Severity ${severity ?? "not set"}`,
      title: "Severity: 1 trivial, 2 needs a workaround, 3 causes abandonment (click to change)",
      tabindex: -1,
      text: severity === null ? "·" : (marks[String(severity)] ?? String(severity)),
      disabled: ctx.readOnly,
    });
    badge.addEventListener("click", (event) => {
      event.stopPropagation();
      ctx.send(intents.cycleSeverity(id, severity));
    });
    element.append(badge);
  }
  ctx.selectable(element, id);
  ctx.editable(
    text,
    () => String(ctx.state.tables.cards?.get(id)?.text ?? ""),
    (value) => ctx.send(intents.rename("cards", id, "text", value)),
    true,
  );
  if (!ctx.readOnly) {
    const laneId = String(card.lane_id);
    const stepId = String(card.step_id);
    element.append(
      detailsButton("this card", () => ctx.inspect(`cards:${id}`)),
      iconButton("×", "Delete this card", () => ctx.remove("cards", id)),
    );
    ctx.dragSource(element, "cards", id);
    ctx.dropTarget(element, ["cards"], (dragged) => {
      const siblings = (ctx.layout.cells.get(cellKey(laneId, stepId)) ?? [])
        .map((c) => String(c.card_id))
        .filter((c) => c !== dragged.id);
      return intents.moveCard(dragged.id, laneId, stepId, siblings.indexOf(id));
    });
  }
  return element;
}
