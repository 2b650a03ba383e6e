// The quotes behind an item, read from a view's state: what the evidence panel lists.
//
// Which segments back which item, and each item's level, are decided in Python
// (journeywidgets/research, sent as ``state.evidence``); this module only looks them up
// and joins the tables the snapshot carries (segments, participants, sources, codes).

import type { Row, State } from "./ops";

/** An item the panel can show: a stage, step, card or emotion point. */
export type Item = { table: string; id: string; label: string };

export type Quote = {
  segmentId: string;
  participantId: string | null;
  participant: string;
  personaId: string | null;
  source: string | null;
  before: string;
  text: string;
  after: string;
  codes: string[];
  via: "link" | "codes";
  /** The manual link's id, for unlinking (null for links the code mappings imply). */
  linkId: string | null;
};

export const CONTEXT = 80;

const str = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** The items a key of the grid stands for: "steps:id", "cards:id", "stages:id", or
 * "emotion:stepId" (every emotion point of that step). */
export function itemsOf(state: State, key: string): Item[] {
  const [kind, ...rest] = key.split(":");
  const id = rest.join(":");
  if (kind === "steps" || kind === "cards" || kind === "stages") {
    const row = state.tables[kind]?.get(id);
    if (!row) return [];
    const label = kind === "cards" ? String(row.text ?? "") : String(row.name ?? "");
    return [{ table: kind, id, label }];
  }
  if (kind === "emotion" && id && !id.startsWith("empty")) {
    const step = state.tables.steps?.get(id);
    const personas = state.tables.personas;
    return [...(state.tables.emotions?.values() ?? [])]
      .filter((row) => row.step_id === id)
      .map((row) => {
        const persona = row.persona_id == null ? null : personas?.get(String(row.persona_id));
        const who = persona ? String(persona.name) : "the map's curve";
        const variant = row.variant === "to_be" ? "to be" : "as is";
        return {
          table: "emotions",
          id: String(row.emotion_id),
          label: `Emotion at ${String(step?.name ?? id)}: ${who}, ${variant}`,
        };
      });
  }
  return [];
}

/** The evidence level of an item (manual level first), or null on a map without research. */
export function levelOf(state: State, table: string, id: string): string | null {
  return state.evidence?.levels[table]?.[id] ?? null;
}

/** Code-point slicing of source texts (segments count Unicode code points; JavaScript
 * strings count UTF-16 units). A text without astral characters needs no table. */
const offsets = new WeakMap<object, Map<string, Int32Array | null>>();

function unitOffsets(state: State, sourceId: string, text: string): Int32Array | null {
  let bySource = offsets.get(state.tables.sources ?? state);
  if (bySource === undefined) {
    bySource = new Map();
    offsets.set(state.tables.sources ?? state, bySource);
  }
  if (bySource.has(sourceId)) return bySource.get(sourceId) ?? null;
  let table: Int32Array | null = null;
  if (/[\uD800-\uDBFF]/.test(text)) {
    const points: number[] = [];
    for (let unit = 0; unit < text.length; unit++) {
      points.push(unit);
      const code = text.charCodeAt(unit);
      if (code >= 0xd800 && code <= 0xdbff && unit + 1 < text.length) unit++;
    }
    points.push(text.length);
    table = Int32Array.from(points);
  }
  bySource.set(sourceId, table);
  return table;
}

function slice(text: string, table: Int32Array | null, from: number, to: number): string {
  const clamp = (point: number) => Math.max(0, Math.min(point, table ? table.length - 1 : text.length));
  const unit = (point: number) => (table ? (table[clamp(point)] as number) : clamp(point));
  return text.slice(unit(from), unit(to));
}

/** The quotes backing ``item``, in segment order, narrowed by participant and persona. */
export function quotesFor(
  state: State,
  item: Item,
  filter: { participant?: string; persona?: string } = {},
  context = CONTEXT,
): Quote[] {
  const links = state.evidence?.links ?? [];
  const segments = state.tables.segments;
  if (!segments) return [];
  const manual = new Map<string, string>();
  for (const row of state.tables.evidence_links?.values() ?? []) {
    if (row.target_table === item.table && row.target_id === item.id)
      manual.set(String(row.segment_id), String(row.link_id));
  }
  const codesOf = new Map<string, string[]>();
  const codeNames = state.tables.codes;
  for (const row of state.tables.segment_codes?.values() ?? []) {
    const name = codeNames?.get(String(row.code_id))?.name;
    if (name == null) continue;
    const list = codesOf.get(String(row.segment_id)) ?? [];
    list.push(String(name));
    codesOf.set(String(row.segment_id), list);
  }
  const participants = state.tables.participants;
  const sources = state.tables.sources;
  const out: Quote[] = [];
  const seen = new Set<string>();
  for (const [segmentId, table, targetId, via] of links) {
    if (table !== item.table || targetId !== item.id || seen.has(segmentId)) continue;
    seen.add(segmentId);
    const segment = segments.get(segmentId);
    if (!segment) continue;
    const participantId = str(segment.participant_id);
    const participant = participantId ? participants?.get(participantId) : undefined;
    const personaId = str(participant?.persona_id);
    if (filter.participant && filter.participant !== participantId) continue;
    if (filter.persona && filter.persona !== personaId) continue;
    out.push({
      segmentId,
      participantId,
      participant: participant ? String(participant.label) : "no participant",
      personaId,
      source: sourceName(sources?.get(String(segment.source_id ?? ""))),
      ...contextOf(state, segment, context),
      text: String(segment.text ?? ""),
      codes: codesOf.get(segmentId) ?? [],
      via: via === "link" ? "link" : "codes",
      linkId: manual.get(segmentId) ?? null,
    });
  }
  return out;
}

function sourceName(source: Row | undefined): string | null {
  return source ? str(source.name) : null;
}

function contextOf(state: State, segment: Row, context: number): { before: string; after: string } {
  const source = state.tables.sources?.get(String(segment.source_id ?? ""));
  const text = source?.text;
  if (typeof text !== "string" || segment.start == null || segment.end == null) return { before: "", after: "" };
  const table = unitOffsets(state, String(segment.source_id), text);
  const start = Number(segment.start);
  const end = Number(segment.end);
  return { before: slice(text, table, start - context, start), after: slice(text, table, end, end + context) };
}

/** Segments that could be linked to ``item`` (not backing it yet), narrowed by the filter. */
export function candidates(
  state: State,
  item: Item,
  filter: { participant?: string; persona?: string } = {},
): { segmentId: string; label: string }[] {
  const backing = new Set(
    (state.evidence?.links ?? []).filter(([, t, i]) => t === item.table && i === item.id).map(([s]) => s),
  );
  const participants = state.tables.participants;
  const out: { segmentId: string; label: string }[] = [];
  for (const [segmentId, segment] of state.tables.segments ?? []) {
    if (backing.has(segmentId)) continue;
    const participantId = str(segment.participant_id);
    const participant = participantId ? participants?.get(participantId) : undefined;
    if (filter.participant && filter.participant !== participantId) continue;
    if (filter.persona && filter.persona !== str(participant?.persona_id)) continue;
    const text = String(segment.text ?? "");
    const short = text.length > 70 ? `${text.slice(0, 69)}…` : text;
    out.push({ segmentId, label: `${participant ? String(participant.label) : "no participant"}: ${short}` });
  }
  return out;
}
