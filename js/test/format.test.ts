import { describe, expect, it } from "vitest";
import { count, percent, signed } from "../src/format";
import { presentation } from "./fixture";
import cases from "./fixtures/format.json";

describe("format mirrors Python", () => {
  it.each(cases.count as [number, string][])("count(%s) is Python's %j", (value, python) => {
    expect(count(value, presentation)).toBe(python);
  });
  it.each(cases.percent as [number, string][])("percent(%s) is Python's %j", (value, python) => {
    expect(percent(value, presentation)).toBe(python);
  });
});

describe("format", () => {
  it("writes compact counts when the table asks for them", () => {
    const compact = { ...presentation, number_formats: { count: { compact: true } } };
    expect([999, 1234, 12_345, 1_250_000].map((n) => count(n, compact))).toEqual(["999", "1.2k", "12.3k", "1.2M"]);
  });
  it("signs scores on bipolar scales with a true minus", () => {
    const bipolar = { min: -2, integer_only: false };
    expect([-1.3, 2, 0].map((v) => signed(v, bipolar))).toEqual(["\u22121.3", "+2", "0"]);
    expect(signed(4, { min: 1, integer_only: true })).toBe("4");
  });
});
