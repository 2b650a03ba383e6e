// Why the kernel refused an edit, said in the map's words ("the step “Pay”: its name must
// not be blank") rather than with table, row and column ids.

import { h } from "./dom";
import type { Rejection } from "./host";
import type { State } from "./ops";

const NOUNS: Record<string, string> = {
  stages: "stage",
  steps: "step",
  lanes: "lane",
  cards: "card",
  personas: "persona",
  emotions: "score",
  evidence: "piece of evidence",
  metrics: "metric",
};

function short(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 40 ? `${line.slice(0, 39)}…` : line;
}

function nameOf(state: State, table: string, id: string): string | null {
  const row = state.tables[table]?.get(id);
  if (row === undefined) return null;
  if (table === "cards") return short(String(row.text ?? ""));
  if (table === "emotions") {
    const step = state.tables.steps?.get(String(row.step_id));
    return step ? `at ${short(String(step.name))}` : null;
  }
  return row.name === undefined || row.name === null ? null : short(String(row.name));
}

export function describe(rejection: Rejection, state: State): string {
  const reason =
    rejection.reason ?? rejection.message.replace(/^(table|row|column) '[^']*'(, (row|column) '[^']*')*: /, "");
  const { table, row, column } = rejection;
  if (table === null) return `That edit was not made: ${reason}`;
  const noun = NOUNS[table] ?? table.replaceAll("_", " ");
  const name = row === null ? null : nameOf(state, table, row);
  const what = name === null ? `a ${noun}` : name.startsWith("at ") ? `the ${noun} ${name}` : `the ${noun} “${name}”`;
  const field = column === null ? "" : ` (its ${column.replaceAll("_", " ")})`;
  return `That edit was not made to ${what}${field}: ${reason}`;
}

export class Banner {
  readonly element = h("div", { class: "jw-error", role: "alert", hidden: true });
  private timer: number | undefined;

  constructor() {
    this.element.addEventListener("click", () => this.hide());
  }

  show(message: string): void {
    this.element.textContent = message;
    this.element.hidden = false;
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.hide(), 8000);
  }

  hide(): void {
    this.element.hidden = true;
  }
}
