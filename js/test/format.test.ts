import { describe, expect, it } from "vitest";
import { biggestDrop, count, duration, percent, reachText, signed } from "../src/format";
import { presentation } from "./fixture";
import cases from "./fixtures/format.json";

type Case = { rule: string; input: unknown[]; output: unknown };

// Python's None arrives as null; render/style.py returns "" for it, as the map shows nothing.
const rules: Record<string, (...input: never[]) => unknown> = {
  count: (value: number | null, compact?: boolean) => (value === null ? "" : count(value, compact)),
  percent: (value: number | null, digits?: number) => (value === null ? "" : percent(value, digits)),
  duration: (value: number | null) => (value === null ? "" : duration(value)),
  reach: (reached: number | null, conversion: number | null) => reachText(reached, conversion, presentation),
  biggest_drop: (conversions: (number | null)[]) => biggestDrop(conversions),
};

describe("format mirrors Python's render/style.py", () => {
  it.each((cases as Case[]).map((c) => [c.rule, JSON.stringify(c.input), c] as const))("%s(%s)", (_rule, _input, c) => {
    const rule = rules[c.rule];
    expect(rule, `no TypeScript rule ${c.rule}`).toBeDefined();
    expect((rule as (...input: unknown[]) => unknown)(...c.input)).toBe(c.output);
  });
  it("has a case of every rule", () => {
    expect(new Set((cases as Case[]).map((c) => c.rule))).toEqual(new Set(Object.keys(rules)));
  });
});

describe("format", () => {
  it("signs scores on bipolar scales with a true minus", () => {
    const bipolar = { min: -2, integer_only: false };
    expect([-1.3, 2, 0].map((v) => signed(v, bipolar))).toEqual(["\u22121.3", "+2", "0"]);
    expect(signed(4, { min: 1, integer_only: true })).toBe("4");
  });
});
