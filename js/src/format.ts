// Numbers as the map shows them, written to give the same strings as Python's formatting
// (checked by js/test/format.test.ts against a fixture that Python generates).

import type { Presentation } from "./presentation";

/** ``value.toFixed(digits)`` but ties go to even, as Python's format() does. Both round
 * the exact binary value; they differ only on exact ties, which are the odd multiples of
 * 2^-(digits+1) (0.25 to one digit; 0.35 is not one: it is stored as 0.34999…). */
export function fixed(value: number, digits: number): string {
  const tie = Number.isInteger(value * 2 ** (digits + 1)) && !Number.isInteger(value * 2 ** digits);
  if (tie) {
    const even = 2 * Math.round((value * 10 ** digits) / 2);
    return (even / 10 ** digits).toFixed(digits);
  }
  return value.toFixed(digits);
}

function grouped(text: string): string {
  const [whole = "", fraction] = text.split(".");
  const sign = whole.startsWith("-") ? "-" : "";
  const digits = sign ? whole.slice(1) : whole;
  const withCommas = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${withCommas}${fraction === undefined ? "" : `.${fraction}`}`;
}

const MINUS = "\u2212"; // a real minus sign, as typeset (style.MINUS)
const COMPACT_FROM = 10_000; // below this a count is written in full (style.COMPACT_FROM)
const SUFFIXES: [number, string][] = [
  [1e9, "B"],
  [1e6, "M"],
  [1e3, "k"],
];

/** Python's ``round(x, digits)``: ties to even. */
function roundTo(value: number, digits: number): number {
  return Number(fixed(value, digits));
}

/** A real minus sign, and none before a number that rounded to zero ("-0"). */
function minusSigned(text: string): string {
  if (!text.startsWith("-")) return text;
  return /[1-9]/.test(text) ? MINUS + text.slice(1) : text.slice(1);
}

/** A count (style.format_count): "9,876", and from ten thousand on, when compact, three
 * significant figures and a suffix: "12.3k", "123k", "4.56M", "7B". */
export function count(value: number, compact = true): string {
  const size = Math.abs(value);
  if (compact && roundTo(size, 0) >= COMPACT_FROM) {
    for (const [index, [divisor, suffix]] of SUFFIXES.entries()) {
      if (size < divisor) continue;
      let [scaleBy, name] = [divisor, suffix];
      let decimals = Math.max(0, 2 - Math.floor(Math.log10(size / divisor)));
      let rounded = roundTo(size / divisor, decimals);
      const bigger = SUFFIXES[index - 1];
      if (rounded >= 1000 && bigger) {
        [scaleBy, name] = bigger; // 999,950 is "1M", not "1000k"
        decimals = 2;
        rounded = roundTo(size / scaleBy, 2);
      }
      let text = rounded.toFixed(decimals);
      if (text.includes(".")) text = text.replace(/0+$/, "").replace(/\.$/, "");
      return (value < 0 ? MINUS : "") + text + name;
    }
  }
  return minusSigned(grouped(fixed(value, 0)));
}

/** A share (style.format_percent): 0.76 is "76%"; a value that would round to 0% or 100%
 * without being it says so ("<1%", ">99%"). */
export function percent(ratio: number, digits = 0): string {
  const value = ratio * 100;
  const text = fixed(value, digits);
  const step = (10 ** -digits).toFixed(digits);
  if (value > 0 && Number(text) === 0) return `<${step}%`;
  if (value < 100 && Number(text) >= 100) return `>${(100 - Number(step)).toFixed(digits)}%`;
  return `${minusSigned(text)}%`;
}

/** A length of time (style.format_duration): "45 s", "3 min 5 s", "1 h 32 min", "2 d 4 h";
 * under ten seconds to a tenth ("0.4 s"). */
export function duration(seconds: number): string {
  const total = Math.abs(seconds);
  const sign = seconds < 0 && roundTo(total, 1) ? MINUS : "";
  const tenths = roundTo(total, 1);
  if (tenths < 10) return `${sign}${String(tenths)} s`;
  const units: [number, string, number, string][] = [
    [86400, "d", 3600, "h"],
    [3600, "h", 60, "min"],
    [60, "min", 1, "s"],
  ];
  for (const [big, bigName, small, smallName] of units) {
    if (total >= big - small / 2) {
      const inSmall = roundTo(total / small, 0);
      const per = big / small;
      const whole = Math.floor(inSmall / per);
      const rest = inSmall - whole * per;
      return `${sign}${whole} ${bigName}${rest ? ` ${rest} ${smallName}` : ""}`;
    }
  }
  return `${sign}${roundTo(total, 0)} s`;
}

/** What a step's header says of a funnel (style.reach_text): "1,234 reached · 76% converted". */
export function reachText(reached: number | null, conversion: number | null, p?: Presentation): string {
  if (reached === null || Number.isNaN(reached)) return "";
  const word = (key: string, fallback: string) => p?.labels?.[key] ?? fallback;
  const parts = [`${count(reached)} ${word("reach", "reached")}`];
  if (conversion !== null && !Number.isNaN(conversion)) {
    parts.push(`${percent(conversion)} ${word("conversion", "converted")}`);
  }
  return parts.join(" · ");
}

/** Which step to mark (style.biggest_drop): the lowest conversion from the previous step,
 * the first of equals, if any step lost anyone. */
export function biggestDrop(conversions: (number | null)[]): number | null {
  let best: number | null = null;
  for (const [index, rate] of conversions.entries()) {
    if (rate === null || Number.isNaN(rate)) continue;
    if (rate < 1 && (best === null || rate < (conversions[best] ?? 0))) best = index;
  }
  return best;
}

/** A score as the map's labels write it (style.format_score): to a tenth, without ".0"
 * ("−1.3", "2", "62.5"); a plus sign on a scale that has negative scores ("+1.5"). */
export function score(value: number, scaleMin = 0): string {
  let text = fixed(value, 1);
  if (text.endsWith(".0")) text = text.slice(0, -2);
  text = minusSigned(text);
  return scaleMin < 0 && value > 0 && text !== "0" ? `+${text}` : text;
}

/** One curve's point on a step, as the emotion label reads it. */
export type LabelPoint = {
  curve?: string | null;
  score: number;
  ci_low?: number | null;
  ci_high?: number | null;
  n?: number | null;
  /** The interval's level (the map's ``emotion_confidence``); 0.95 where it is not set. */
  confidence?: number | null;
};

/** "95% interval" (style.interval_label): the level to a tenth of a percent. */
export function intervalLabel(confidence: number | null | undefined, p?: Presentation): string {
  const level = confidence === null || confidence === undefined ? 0.95 : confidence;
  return (p?.labels?.interval ?? "{level} interval").replace("{level}", `${score(level * 100)}%`);
}

/** What a screen reader hears on a step's emotion cell (style.emotion_label): "Checkout,
 * emotion −1.3 on −2…+2, 95% interval −1.8 to −0.8, 5 participants". */
export function emotionLabel(
  step: string,
  scaleMin: number,
  scaleMax: number,
  points: LabelPoint[],
  p?: Presentation,
): string {
  const word = (key: string, fallback: string) => p?.labels?.[key] ?? fallback;
  const scale = `on ${score(scaleMin, scaleMin)}…${score(scaleMax, scaleMin)}`;
  const emotion = word("emotion_point", "emotion");
  if (points.length === 0) return `${step}, ${emotion} ${word("not_scored", "not scored yet")} ${scale}`;
  const parts = points.map((point) => {
    let part = `${score(point.score, scaleMin)} ${scale}`;
    if (point.curve) part = `${point.curve} ${part}`;
    if (point.ci_low != null && point.ci_high != null) {
      part += `, ${intervalLabel(point.confidence, p)} ${score(point.ci_low, scaleMin)} to ${score(point.ci_high, scaleMin)}`;
    }
    if (point.n != null) {
      const people = point.n === 1 ? word("participant", "participant") : word("participants", "participants");
      part += `, ${count(point.n, false)} ${people}`;
    }
    return part;
  });
  return `${step}, ${emotion} ${parts.join("; ")}`;
}
