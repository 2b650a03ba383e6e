// The inspector: one small form for the details of whatever is being inspected (a stage,
// step — with its emotion points —, lane, card, the personas, or the map itself). Every
// field sends one update when it changes; Escape or Close returns focus to the item.

import type { Context } from "./context";
import { h } from "./dom";
import { score as formatScore } from "./format";
import { intents } from "./intents";
import type { Row, Value } from "./ops";
import { label, named, type Presentation } from "./presentation";

type Kind = "text" | "textarea" | "select" | "checkbox" | "color" | "int" | "count";
type Field = {
  column: string;
  label: string;
  kind: Kind;
  optional?: boolean;
  /** What the empty choice of an optional menu means (default "—"). */
  empty?: string;
  choices?: [string, string][];
};

function choices(p: Presentation, table: string, column: string, names?: Record<string, string>): [string, string][] {
  const all = (p.choices as Record<string, Record<string, string[]>> | undefined)?.[table]?.[column] ?? [];
  return all.map((value) => [value, names ? named(names, value) : value.replaceAll("_", " ")]);
}

function range(from: number, to: number): [string, string][] {
  return Array.from({ length: to - from + 1 }, (_, i) => [String(from + i), String(from + i)]);
}

function fields(ctx: Context, table: string): Field[] {
  const p = ctx.presentation;
  const personas = [...(ctx.state.tables.personas?.values() ?? [])]
    .sort((a, b) => Number(a.position) - Number(b.position))
    .map((row): [string, string] => [String(row.persona_id), String(row.name)]);
  switch (table) {
    case "map":
      return [
        { column: "title", label: "Title", kind: "text" },
        {
          column: "map_type",
          label: "Type of map",
          kind: "select",
          choices: choices(p, "meta", "map_type", p.map_types),
        },
        { column: "scenario", label: "Scenario", kind: "textarea", optional: true },
      ];
    case "stages":
      return [
        { column: "name", label: "Name", kind: "text" },
        { column: "color", label: "Colour", kind: "color", optional: true },
        { column: "goal", label: "Customer's goal", kind: "textarea", optional: true },
      ];
    case "steps":
      return [
        { column: "name", label: "Name", kind: "text" },
        { column: "kind", label: "Kind of step", kind: "select", choices: choices(p, "steps", "kind", p.step_kinds) },
        { column: "is_moment_of_truth", label: "Moment of truth", kind: "checkbox" },
        { column: "description", label: "Description", kind: "textarea", optional: true },
      ];
    case "lanes":
      return [
        { column: "name", label: "Name", kind: "text" },
        {
          column: "lane_type",
          label: "Type of lane",
          kind: "select",
          choices: choices(p, "lanes", "lane_type", p.lane_types),
        },
        {
          column: "blueprint_role",
          label: "Blueprint role",
          kind: "select",
          optional: true,
          choices: choices(p, "lanes", "blueprint_role"),
        },
      ];
    case "cards":
      return [
        { column: "text", label: "Text", kind: "textarea" },
        {
          column: "kind",
          label: "Kind of card",
          kind: "select",
          optional: true,
          choices: choices(p, "cards", "kind", p.card_kinds),
        },
        { column: "severity", label: "Severity", kind: "int", optional: true, choices: range(1, 3) },
        { column: "priority", label: "Priority", kind: "int", optional: true, choices: range(1, 5) },
        { column: "status", label: "Status", kind: "select", optional: true, choices: choices(p, "cards", "status") },
        { column: "owner", label: "Owner", kind: "text", optional: true },
        { column: "channel", label: "Channel", kind: "text", optional: true },
        {
          column: "evidence_level",
          label: "Evidence",
          kind: "select",
          optional: true,
          empty: "— from the evidence",
          choices: choices(p, "cards", "evidence_level"),
        },
        { column: "persona_id", label: "Persona", kind: "select", optional: true, choices: personas },
      ];
    case "emotions":
      return [
        { column: "label", label: "Emotion named", kind: "text", optional: true },
        { column: "n", label: "Participants (n)", kind: "count", optional: true },
      ];
    case "personas":
      return [
        { column: "name", label: "Name", kind: "text" },
        { column: "kind", label: "Kind", kind: "select", choices: choices(p, "personas", "kind") },
        { column: "color", label: "Colour", kind: "color", optional: true },
      ];
    default:
      return [];
  }
}

function control(field: Field, value: Value, id: string, commit: (value: Value) => void): HTMLElement {
  const text = value === null || value === undefined ? "" : String(value);
  let input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  if (field.kind === "select" || field.kind === "int") {
    input = h("select", { id, class: "jw-field" });
    if (field.optional) input.append(h("option", { value: "", text: field.empty ?? "—" }));
    for (const [v, name] of field.choices ?? []) input.append(h("option", { value: v, text: name }));
    input.value = text;
  } else if (field.kind === "textarea") {
    input = h("textarea", { id, class: "jw-field", rows: 2 });
    input.value = text;
  } else if (field.kind === "count") {
    input = h("input", { id, class: "jw-field", type: "number", min: 1, step: 1, inputmode: "numeric" });
    input.value = text;
  } else if (field.kind === "checkbox") {
    input = h("input", { id, class: "jw-field", type: "checkbox" });
    input.checked = value === true;
  } else {
    input = h("input", { id, class: "jw-field", type: field.kind === "color" ? "color" : "text" });
    input.value = field.kind === "color" && text === "" ? "#888888" : text;
  }
  input.dataset.column = field.column;
  input.addEventListener("change", () => {
    if (input instanceof HTMLInputElement && input.type === "checkbox") return commit(input.checked);
    const raw = input.value;
    if (raw.trim() === "" && field.optional) return commit(null);
    commit(field.kind === "int" || field.kind === "count" ? Number(raw) : raw);
  });
  return input;
}

let forms = 0;

export function inspector(ctx: Context, key: string, close: () => void): HTMLElement | null {
  const [table = "", id = ""] = key.split(/:(.*)/s);
  const form = ++forms;
  const section = h("section", { class: "jw-inspector", "aria-label": "Details", "data-inspecting": key });
  const row: Row | undefined = table === "map" ? ctx.state.meta : ctx.state.tables[table]?.get(id);
  const closeButton = h("button", {
    type: "button",
    class: "jw-button",
    "data-action": "close-inspector",
    text: "Close",
  });
  closeButton.addEventListener("click", close);
  section.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      close();
    }
  });
  const heading = (text: string) => h("h3", { class: "jw-inspector-title", text });
  const fieldRow = (field: Field, value: Value, commit: (value: Value) => void, suffix: string) => {
    const inputId = `jw-f${form}-${field.column}${suffix}`;
    return h(
      "div",
      { class: "jw-field-row" },
      h("label", { for: inputId, text: field.label }),
      control(field, value, inputId, commit),
    );
  };
  if (table === "personas") {
    section.append(heading("Personas and their curves"));
    const shown = ctx.shownPersonas();
    const personas = [...(ctx.state.tables.personas?.values() ?? [])].sort(
      (a, b) => Number(a.position) - Number(b.position),
    );
    if (personas.length === 0)
      section.append(h("p", { class: "jw-hint", text: "No personas yet: + Persona adds one." }));
    for (const persona of personas) {
      const pid = String(persona.persona_id);
      const group = h("fieldset", { class: "jw-persona", "data-id": pid }, h("legend", { text: String(persona.name) }));
      for (const field of fields(ctx, "personas")) {
        group.append(
          fieldRow(
            field,
            persona[field.column] ?? null,
            (value) => ctx.send(intents.setField("personas", pid, field.column, value)),
            `-${pid}`,
          ),
        );
      }
      const all = personas.map((p) => String(p.persona_id));
      group.append(
        fieldRow(
          { column: "show", label: "Show curve", kind: "checkbox" },
          shown === null || shown.includes(pid),
          (value) => {
            const now = shown ?? all;
            ctx.showPersonas(value === true ? [...new Set([...now, pid])] : now.filter((p) => p !== pid));
          },
          `-${pid}`,
        ),
      );
      section.append(group);
    }
    section.append(closeButton);
    return section;
  }
  if (row === undefined) return null;
  const title =
    table === "map"
      ? "Map"
      : `${({ stages: "Stage", steps: "Step", lanes: "Lane", cards: "Card" } as Record<string, string>)[table] ?? table}: ${String(row.name ?? row.text ?? "")}`;
  section.append(heading(title));
  section.setAttribute("aria-label", `Details of ${title}`);
  for (const field of fields(ctx, table)) {
    const commit = (value: Value) =>
      ctx.send(
        table === "map" ? intents.setMeta(field.column, value) : intents.setField(table, id, field.column, value),
      );
    section.append(fieldRow(field, row[field.column] ?? null, commit, ""));
  }
  if (table === "steps") section.append(...emotionPoints(ctx, id, fieldRow));
  section.append(closeButton);
  return section;
}

type FieldRow = (field: Field, value: Value, commit: (value: Value) => void, suffix: string) => HTMLElement;

/** A step's emotion points, one group per curve (persona and variant): its named emotion
 * and how many people it aggregates. The score itself is set on the curve. */
function emotionPoints(ctx: Context, stepId: string, fieldRow: FieldRow): HTMLElement[] {
  const scale = ctx.state.scale;
  const p = ctx.presentation;
  const points = [...(ctx.state.tables.emotions?.values() ?? [])].filter((row) => String(row.step_id) === stepId);
  return points.map((point) => {
    const eid = String(point.emotion_id);
    const persona = point.persona_id ? ctx.state.tables.personas?.get(String(point.persona_id)) : undefined;
    const name = persona ? String(persona.name) : label(p, "emotion_lane");
    const who = point.variant === "to_be" ? `${name} (${label(p, "to_be")})` : name;
    const score =
      point.score === null || point.score === undefined ? "no score" : formatScore(Number(point.score), scale.min);
    const group = h(
      "fieldset",
      { class: "jw-persona jw-emotion-point", "data-id": eid },
      h("legend", { text: `${who}: ${score}` }),
    );
    for (const field of fields(ctx, "emotions")) {
      group.append(
        fieldRow(
          field,
          point[field.column] ?? null,
          (value) => ctx.send(intents.setField("emotions", eid, field.column, value)),
          `-${eid}`,
        ),
      );
    }
    return group;
  });
}
