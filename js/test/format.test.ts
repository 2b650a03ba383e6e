import { describe, expect, it } from "vitest";
import { biggestDrop, count, duration, emotionLabel, type LabelPoint, percent, reachText, score } from "../src/format";
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
  score: (value: number | null, scaleMin: number) => (value === null ? "" : score(value, scaleMin)),
  emotion_label: (step: string, min: number, max: number, points: LabelPoint[]) =>
    emotionLabel(step, min, max, points, presentation),
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
  it("signs scores on bipolar scales with a true minus and keeps a tenth", () => {
    expect([-1.3, 2, 0, -0.04].map((v) => score(v, -2))).toEqual(["\u22121.3", "+2", "0", "0"]);
    expect(score(4, 1)).toBe("4");
    expect(score(-0.9, -2)).toBe("\u22120.9"); // an aggregate on an integer scale keeps it
  });
});
