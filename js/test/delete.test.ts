// Delete on a focused stage, step, lane or card: one op, and focus on its neighbour once
// the kernel's change has redrawn the map.

import { describe, expect, it } from "vitest";
import type { AppliedOp } from "../src/ops";
import { VERSION } from "./fixture";
import { key, mount } from "./mount";

const active = () => (document.activeElement as HTMLElement).dataset.key;

function deleteAndApply(keyOfItem: string, applied: AppliedOp[]) {
  const mounted = mount();
  const item = mounted.root.querySelector<HTMLElement>(`[data-key="${keyOfItem}"]`) as HTMLElement;
  item.focus();
  key(item, "Delete");
  mounted.store.receive({ type: "change", version: VERSION + 1, origin: "view", ops: applied });
  return mounted;
}

describe("Delete", () => {
  it("removes a stage (one op) and moves focus to the next stage", () => {
    const { sent } = deleteAndApply("stages:a", [
      { op: "delete", table: "cards", id: "c1" },
      { op: "delete", table: "cards", id: "c2" },
      { op: "delete", table: "emotions", id: "emotion_1" },
      { op: "delete", table: "steps", id: "s1" },
      { op: "delete", table: "steps", id: "s2" },
      { op: "delete", table: "stages", id: "a" },
    ]);
    expect(sent).toEqual([[{ op: "delete", table: "stages", id: "a" }]]);
    expect(active()).toBe("stages:b");
  });

  it("moves focus to the previous stage when the last one goes", () => {
    const { sent } = deleteAndApply("stages:c", [{ op: "delete", table: "stages", id: "c" }]);
    expect(sent).toEqual([[{ op: "delete", table: "stages", id: "c" }]]);
    expect(active()).toBe("stages:b");
  });

  it("removes a lane and moves focus to the lane below, or above for the last", () => {
    const first = deleteAndApply("lanes:l1", [
      { op: "delete", table: "cards", id: "c1" },
      { op: "delete", table: "cards", id: "c2" },
      { op: "delete", table: "lanes", id: "l1" },
    ]);
    expect(first.sent).toEqual([[{ op: "delete", table: "lanes", id: "l1" }]]);
    expect(active()).toBe("lanes:l2");
    deleteAndApply("lanes:l2", [
      { op: "delete", table: "cards", id: "x" },
      { op: "delete", table: "lanes", id: "l2" },
    ]);
    expect(active()).toBe("lanes:l1");
  });

  it("moves focus from a deleted card to the next in its cell, then to the cell", () => {
    deleteAndApply("cards:c1", [{ op: "delete", table: "cards", id: "c1" }]);
    expect(active()).toBe("cards:c2");
    deleteAndApply("cards:x", [{ op: "delete", table: "cards", id: "x" }]);
    expect(active()).toBe("cell:l2:s3");
  });

  it("moves focus from a deleted step to the next step; × does the same", () => {
    deleteAndApply("steps:s1", [{ op: "delete", table: "steps", id: "s1" }]);
    expect(active()).toBe("steps:s2");
    const { root, sent, store } = mount();
    const button = root.querySelector<HTMLElement>('[data-key="lanes:l1"] [aria-label^="Delete the lane"]');
    button?.focus();
    button?.click();
    expect(sent).toEqual([[{ op: "delete", table: "lanes", id: "l1" }]]);
    store.receive({
      type: "change",
      version: VERSION + 1,
      origin: "view",
      ops: [{ op: "delete", table: "lanes", id: "l1" }],
    });
    expect(active()).toBe("lanes:l2");
  });

  it("does nothing on the map-wide rows, nor in presentation mode", () => {
    const { root, sent } = mount();
    for (const k of ["stage:", "emotion:", "emotion:s1", "corner:0"]) {
      const item = root.querySelector<HTMLElement>(`[data-key="${k}"]`) as HTMLElement;
      item.focus();
      key(item, "Delete");
    }
    expect(sent).toEqual([]);
    const present = mount("present");
    const stage = present.root.querySelector<HTMLElement>('[data-key="stages:a"]') as HTMLElement;
    stage.focus();
    key(stage, "Delete");
    expect(present.sent).toEqual([]);
  });
});
