import { describe, expect, it } from "vitest";
import { cellKey, layout, snap } from "../src/layout";
import { fromSnapshot } from "../src/ops";
import { snapshot } from "./fixture";

const all = { visibleLanes: null, personas: null };

describe("layout", () => {
  it("orders columns: unstaged steps first, then stages by position, steps by position", () => {
    const { columns, stages } = layout(fromSnapshot(snapshot()), all);
    expect(columns.map((c) => (c.kind === "step" ? c.id : `empty:${c.stageId}`))).toEqual([
      "s0", "s1", "s2", "s3", "empty:c",
    ]);
    expect(stages.map((s) => [s.id, s.start, s.span])).toEqual([[null, 0, 1], ["a", 1, 2], ["b", 3, 1], ["c", 4, 1]]);
  });

  it("shows visible lanes in order, or the ones asked for", () => {
    const state = fromSnapshot(snapshot());
    expect(layout(state, all).lanes.map((l) => l.lane_id)).toEqual(["l1", "l2"]);
    expect(layout(state, { ...all, visibleLanes: ["l3"] }).lanes.map((l) => l.lane_id)).toEqual(["l3"]);
  });

  it("puts cards in their cells by position", () => {
    const { cells } = layout(fromSnapshot(snapshot()), all);
    expect(cells.get(cellKey("l1", "s1"))?.map((c) => c.card_id)).toEqual(["c1", "c2"]);
  });

  it("draws one curve per persona and variant, to-be after as-is", () => {
    const { curves } = layout(fromSnapshot(snapshot()), all);
    expect(curves.map((c) => [c.label, c.points.map((p) => [p.column, p.score])])).toEqual([
      ["Mei", [[1, 1], [3, -2]]],
      ["Mei (to-be)", [[3, 1]]],
    ]);
    expect(layout(fromSnapshot(snapshot()), { ...all, personas: [] }).curves).toEqual([]);
  });

  it("snaps scores to the scale", () => {
    const scale = { min: -2, max: 2, integer_only: true };
    expect(snap(0.6, scale)).toBe(1);
    expect(snap(-7, scale)).toBe(-2);
    expect(snap(41.26, { min: 0, max: 100, integer_only: false })).toBe(41.3);
  });
});
