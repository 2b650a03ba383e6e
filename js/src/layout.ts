// Where everything goes: a pure function from a journey state to the map's arrangement.

import type { Row, State } from "./ops";
import { label, type Presentation, personaColor } from "./presentation";

export type Column =
  | { kind: "step"; id: string; step: Row; stageId: string | null }
  | { kind: "empty"; stageId: string };

export type StageBand = { id: string | null; row: Row | null; start: number; span: number };

export type Point = { column: number; stepId: string; emotionId: string; score: number };

export type Curve = {
  key: string;
  personaId: string | null;
  variant: string;
  label: string;
  color: string;
  points: Point[];
};

export type Layout = {
  columns: Column[];
  stages: StageBand[];
  lanes: Row[];
  cells: Map<string, Row[]>;
  curves: Curve[];
  columnOf: Map<string, number>;
  /** The reach and conversion a funnel put on a step (as metrics). */
  funnel: Map<string, Funnel>;
  /** The largest reach on the map (the full length of a reach bar). */
  funnelMax: number;
  /** The step whose conversion from the previous step is lowest. */
  biggestDrop: string | null;
  /** The first persona by position (who a new score is for), or null. */
  firstPersona: string | null;
  /** Ids of the steps of a stage, in order. */
  stepsIn(stageId: string | null): string[];
};

export type Funnel = { reach: number; conversion: number | null };

export type LayoutOptions = {
  visibleLanes: string[] | null;
  personas: string[] | null;
};

export const cellKey = (laneId: string, stepId: string): string => `${laneId}\u0000${stepId}`;

function byPosition(a: Row, b: Row): number {
  return Number(a.position) - Number(b.position);
}

function rows(state: State, table: string): [string, Row][] {
  return [...(state.tables[table] ?? new Map<string, Row>()).entries()];
}

export function layout(state: State, options: LayoutOptions, presentation: Presentation): Layout {
  const stages = rows(state, "stages").sort(([, a], [, b]) => byPosition(a, b));
  const stepsByStage = new Map<string | null, [string, Row][]>();
  for (const entry of rows(state, "steps")) {
    const stageId = (entry[1].stage_id as string | null) ?? null;
    const list = stepsByStage.get(stageId) ?? [];
    list.push(entry);
    stepsByStage.set(stageId, list);
  }
  const columns: Column[] = [];
  const bands: StageBand[] = [];
  const place = (stageId: string | null, row: Row | null) => {
    const steps = (stepsByStage.get(stageId) ?? []).sort(([, a], [, b]) => byPosition(a, b));
    const start = columns.length;
    for (const [id, step] of steps) columns.push({ kind: "step", id, step, stageId });
    // An empty stage keeps one column, so that steps can be added or dropped into it.
    if (steps.length === 0 && stageId !== null) columns.push({ kind: "empty", stageId });
    bands.push({ id: stageId, row, start, span: columns.length - start });
  };
  // Steps before any stage come first, as in Mermaid.
  if ((stepsByStage.get(null) ?? []).length) place(null, null);
  for (const [id, stage] of stages) place(id, stage);

  const columnOf = new Map<string, number>();
  columns.forEach((column, index) => {
    if (column.kind === "step") columnOf.set(column.id, index);
  });

  const lanes = rows(state, "lanes")
    .map(([, lane]) => lane)
    .filter((lane) =>
      options.visibleLanes === null ? lane.visible !== false : options.visibleLanes.includes(String(lane.lane_id)),
    )
    .sort(byPosition);

  const cells = new Map<string, Row[]>();
  for (const [, card] of rows(state, "cards")) {
    if (card.step_id === null || card.step_id === undefined) continue;
    const key = cellKey(String(card.lane_id), String(card.step_id));
    const list = cells.get(key) ?? [];
    list.push(card);
    cells.set(key, list);
  }
  for (const list of cells.values()) list.sort(byPosition);

  const funnel = funnels(state);
  let biggestDrop: string | null = null;
  let lowest = Number.POSITIVE_INFINITY;
  for (const column of columns) {
    const rate = column.kind === "step" ? funnel.get(column.id)?.conversion : null;
    if (column.kind === "step" && rate !== null && rate !== undefined && rate < lowest) {
      lowest = rate;
      biggestDrop = column.id;
    }
  }
  const personas = rows(state, "personas").sort(([, a], [, b]) => byPosition(a, b));
  return {
    columns,
    stages: bands,
    lanes,
    cells,
    curves: curves(state, options, columnOf, presentation),
    columnOf,
    funnel,
    funnelMax: Math.max(0, ...[...funnel.values()].map((f) => f.reach)),
    biggestDrop,
    firstPersona: personas.length ? String(personas[0]?.[0]) : null,
    stepsIn: (stageId) =>
      columns
        .filter((c): c is Extract<Column, { kind: "step" }> => c.kind === "step" && c.stageId === stageId)
        .map((c) => c.id),
  };
}

function curves(state: State, options: LayoutOptions, columnOf: Map<string, number>, p: Presentation): Curve[] {
  const personas = rows(state, "personas").sort(([, a], [, b]) => byPosition(a, b));
  // The map-wide curve follows the theme's ink when the page defines one (dark themes).
  const colorOf = new Map<string | null, string>([[null, `var(--jw-single-curve, ${p.single_curve_color})`]]);
  for (const [index, [id, persona]] of personas.entries()) {
    colorOf.set(id, (persona.color as string | null) || personaColor(p, index));
  }
  const nameOf = new Map<string | null, string>(personas.map(([id, p]) => [id, String(p.name)]));
  const found = new Map<string, Curve>();
  for (const [emotionId, emotion] of rows(state, "emotions")) {
    const personaId = (emotion.persona_id as string | null) ?? null;
    if (options.personas !== null && personaId !== null && !options.personas.includes(personaId)) continue;
    const column = columnOf.get(String(emotion.step_id));
    if (column === undefined || emotion.score === null || emotion.score === undefined) continue;
    const variant = String(emotion.variant);
    const key = `${personaId ?? ""}\u0000${variant}`;
    let curve = found.get(key);
    if (curve === undefined) {
      const who = personaId === null ? label(p, "emotion_lane") : (nameOf.get(personaId) ?? personaId);
      curve = {
        key,
        personaId,
        variant,
        label: variant === "to_be" ? `${who} (${label(p, "to_be")})` : who,
        color: colorOf.get(personaId) ?? (colorOf.get(null) as string),
        points: [],
      };
      found.set(key, curve);
    }
    curve.points.push({ column, stepId: String(emotion.step_id), emotionId, score: Number(emotion.score) });
  }
  const ordered = [...found.values()];
  for (const curve of ordered) curve.points.sort((a, b) => a.column - b.column);
  const rank = (c: Curve) => (c.personaId === null ? -1 : personas.findIndex(([id]) => id === c.personaId));
  return ordered.sort((a, b) => rank(a) - rank(b) || a.variant.localeCompare(b.variant));
}

/** The metrics a funnel attaches (journeywidgets.analytics.attach_funnel), per step: the
 *  map-wide value when there is one, else the sum over segments (reach) or the pooled rate
 *  (as render/content.py reads them for the picture). */
function funnels(state: State): Map<string, Funnel> {
  const metricOf = new Map<string, { name: string; step: string }>();
  for (const [id, metric] of rows(state, "metrics")) {
    if (metric.step_id !== null && metric.step_id !== undefined) {
      metricOf.set(id, { name: String(metric.name), step: String(metric.step_id) });
    }
  }
  type Sum = { overall: number | null; total: number; numerator: number; denominator: number };
  const sums = new Map<string, Sum>();
  for (const [, value] of rows(state, "metric_values")) {
    const metric = metricOf.get(String(value.metric_id));
    if (metric === undefined) continue;
    const key = `${metric.name}\u0000${metric.step}`;
    const sum = sums.get(key) ?? { overall: null, total: 0, numerator: 0, denominator: 0 };
    if (value.segment === null || value.segment === undefined) sum.overall = Number(value.value);
    sum.total += Number(value.value);
    sum.numerator += Number(value.numerator ?? 0);
    sum.denominator += Number(value.denominator ?? 0);
    sums.set(key, sum);
  }
  const out = new Map<string, Funnel>();
  const steps = new Set([...metricOf.values()].map((m) => m.step));
  for (const step of steps) {
    const reached = sums.get(`Reach\u0000${step}`);
    if (reached === undefined) continue;
    const rate = sums.get(`Conversion from previous step\u0000${step}`);
    const conversion =
      rate === undefined ? null : (rate.overall ?? (rate.denominator ? rate.numerator / rate.denominator : null));
    out.set(step, { reach: reached.overall ?? reached.total, conversion });
  }
  return out;
}

/** Snap a score to the scale: clamp, and round on integer scales. */
export function snap(score: number, scale: { min: number; max: number; integer_only: boolean }): number {
  const clamped = Math.min(scale.max, Math.max(scale.min, score));
  return scale.integer_only ? Math.round(clamped) : Math.round(clamped * 10) / 10;
}
