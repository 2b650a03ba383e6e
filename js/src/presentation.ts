// The one look, decided in Python (journeywidgets/render/style.py) and shipped in the
// ``_presentation`` trait, so that the live map, the standalone page and the matplotlib
// picture agree (see PRESENTATION.md). The front-end has no palette or wording of its own.

export type Presentation = {
  version: number;
  persona_colors: string[];
  single_curve_color: string;
  stage_colors: string[];
  labels: Record<string, string>;
  lane_types: Record<string, string>;
  card_kinds: Record<string, string>;
  step_kinds: Record<string, string>;
  map_types: Record<string, string>;
  severity_marks: Record<string, string>;
  number_formats?: Record<string, Record<string, unknown>>;
  [more: string]: unknown;
};

const REQUIRED = [
  "persona_colors",
  "single_curve_color",
  "stage_colors",
  "labels",
  "lane_types",
  "card_kinds",
  "step_kinds",
  "map_types",
  "severity_marks",
] as const;

/** What is missing from a presentation table (an empty list when it is complete). */
export function missing(value: unknown): string[] {
  if (typeof value !== "object" || value === null) return [...REQUIRED];
  return REQUIRED.filter((key) => !(key in value));
}

/** A label by key; a missing one shows as its key, so that the gap is seen, not hidden. */
export function label(p: Presentation, key: string): string {
  return p.labels[key] ?? key;
}

/** The display name of an enum value (lane type, card kind, …), or the value itself. */
export function named(table: Record<string, string>, value: unknown): string {
  const key = String(value ?? "");
  return table[key] ?? key.replaceAll("_", " ");
}

export function stageColor(p: Presentation, position: number): string {
  return p.stage_colors[position % Math.max(p.stage_colors.length, 1)] ?? "";
}

export function personaColor(p: Presentation, position: number): string {
  return p.persona_colors[position % Math.max(p.persona_colors.length, 1)] ?? p.single_curve_color;
}
