// Numbers as the map shows them, written to give the same strings as Python's formatting
// (checked by js/test/format.test.ts against a fixture that Python generates).

import type { Presentation } from "./presentation";

/** ``value.toFixed(digits)`` but ties go to even, as Python's format() does. */
export function fixed(value: number, digits: number): string {
  const scaled = value * 10 ** digits;
  if (Number.isInteger(scaled * 2) && !Number.isInteger(scaled)) {
    const even = 2 * Math.round(scaled / 2);
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

/** A count: "1,234" (Python ``f"{n:,.0f}"``), or "12.3k" when the table asks for compact. */
export function count(value: number, p?: Presentation): string {
  const compact = p?.number_formats?.count?.compact === true;
  const size = Math.abs(value);
  if (compact && size >= 1000) {
    const [divisor, suffix] = size >= 1e9 ? [1e9, "G"] : size >= 1e6 ? [1e6, "M"] : [1e3, "k"];
    return `${fixed(value / divisor, 1).replace(/\.0$/, "")}${suffix}`;
  }
  return grouped(fixed(value, 0));
}

/** A share: "76%" (Python ``f"{r:.0%}"``), with the table's number of digits. */
export function percent(value: number, p?: Presentation): string {
  const digits = Number(p?.number_formats?.percent?.digits ?? 0);
  return `${fixed(value * 100, digits)}%`;
}

/** A score on a scale: "−1.3", "+2", "0" on a bipolar scale; "4" on a 1…5 one. */
export function signed(value: number, scale: { min: number; integer_only: boolean }): string {
  const text = scale.integer_only ? fixed(value, 0) : String(Math.round(value * 10) / 10);
  if (value < 0) return `\u2212${text.replace("-", "")}`;
  return scale.min < 0 && value > 0 ? `+${text}` : text;
}
