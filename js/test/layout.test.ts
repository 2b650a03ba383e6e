import { describe, expect, it } from "vitest";
import { cellKey, layout, snap } from "../src/layout";
import { fromSnapshot } from "../src/ops";
import { presentation, snapshot } from "./fixture";

const all = { visibleLanes: null, personas: null };

describe("layout", () => {
  it("orders columns: unstaged steps first, then stages by position, steps by position", () => {
    const { columns, stages } = layout(fromSnapshot(snapshot()), all, presentation);
    expect(columns.map((c) => (c.kind === "step" ? c.id : `empty:${c.stageId}`))).toEqual([
      "s0",
      "s1",
      "s2",
      "s3",
      "empty:c",
    ]);
    expect(stages.map((s) => [s.id, s.start, s.span])).toEqual([
      [null, 0, 1],
      ["a", 1, 2],
      ["b", 3, 1],
      ["c", 4, 1],
    ]);
  });

  it("shows visible lanes in order, or the ones asked for", () => {
    const state = fromSnapshot(snapshot());
    expect(layout(state, all, presentation).lanes.map((l) => l.lane_id)).toEqual(["l1", "l2"]);
    expect(layout(state, { ...all, visibleLanes: ["l3"] }, presentation).lanes.map((l) => l.lane_id)).toEqual(["l3"]);
  });

  it("puts cards in their cells by position", () => {
    const { cells } = layout(fromSnapshot(snapshot()), all, presentation);
    expect(cells.get(cellKey("l1", "s1"))?.map((c) => c.card_id)).toEqual(["c1", "c2"]);
  });

  it("draws one curve per persona and variant, to-be after as-is", () => {
    const { curves } = layout(fromSnapshot(snapshot()), all, presentation);
    expect(curves.map((c) => [c.label, c.points.map((p) => [p.column, p.score])])).toEqual([
      [
        "Mei",
        [
          [1, 1],
          [3, -2],
        ],
      ],
      ["Mei (to-be)", [[3, 1]]],
    ]);
    expect(layout(fromSnapshot(snapshot()), { ...all, personas: [] }, presentation).curves).toEqual([]);
  });

  it("snaps scores to the scale", () => {
    const scale = { min: -2, max: 2, integer_only: true };
    expect(snap(0.6, scale)).toBe(1);
    expect(snap(-7, scale)).toBe(-2);
    expect(snap(41.26, { min: 0, max: 100, integer_only: false })).toBe(41.3);
  });

  it("reads the reach and conversion a funnel attached to steps, summing segments", () => {
    const data = snapshot();
    data.tables.metrics = [
      { metric_id: "m1", name: "Reach", step_id: "s1" },
      { metric_id: "m2", name: "Conversion from previous step", step_id: "s1" },
      { metric_id: "m3", name: "Reach", step_id: "s3" },
    ];
    data.tables.metric_values = [
      { value_id: "v1", metric_id: "m1", value: 1200, segment: "web" },
      { value_id: "v2", metric_id: "m1", value: 34, segment: "app" },
      { value_id: "v3", metric_id: "m2", value: 0.8, numerator: 1000, denominator: 1250, segment: "web" },
      { value_id: "v4", metric_id: "m2", value: 0.5, numerator: 34, denominator: 68, segment: "app" },
      { value_id: "v5", metric_id: "m3", value: 7 },
    ];
    const { funnel, funnelMax, biggestDrop } = layout(fromSnapshot(data), all, presentation);
    expect(funnel.get("s1")?.reach).toBe(1234);
    expect(funnel.get("s1")?.conversion).toBeCloseTo(1034 / 1318); // (1000 + 34) / (1250 + 68)
    expect(funnel.get("s3")).toEqual({ reach: 7, conversion: null });
    expect(funnel.has("s2")).toBe(false);
    expect(funnelMax).toBe(1234);
    expect(biggestDrop).toBe("s1");
  });
});
