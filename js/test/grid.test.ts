// The WAI-ARIA grid pattern, the emotion row's geometry, and focus after actions.

import { describe, expect, it } from "vitest";
import { GAP } from "../src/geometry";
import { VERSION } from "./fixture";
import { key, mount } from "./mount";

const stops = (root: HTMLElement) =>
  [...root.querySelectorAll<HTMLElement>(".jw-grid [tabindex='0']")].filter((e) => !e.matches("button"));

describe("grid structure", () => {
  it("puts every cell in a row of the grid", () => {
    const { root } = mount();
    const grid = root.querySelector('[role="grid"]') as HTMLElement;
    const cells = grid.querySelectorAll('[role="gridcell"], [role="columnheader"], [role="rowheader"]');
    expect(cells.length).toBeGreaterThan(10);
    for (const cell of cells) expect(cell.parentElement?.getAttribute("role")).toBe("row");
    for (const child of grid.children) expect(child.getAttribute("role")).toBe("row");
  });

  it("has one tab stop, moved by the arrows, through the emotion row", () => {
    const { root } = mount();
    expect(stops(root)).toHaveLength(1);
    const step = root.querySelector<HTMLElement>('.jw-step[data-id="s1"]') as HTMLElement;
    step.focus();
    key(step, "ArrowDown");
    const emotion = document.activeElement as HTMLElement;
    expect(emotion.dataset.key).toBe("emotion:s1");
    expect(emotion.getAttribute("aria-label")).toBe("See ad, emotion +1 on \u22122…+2");
    key(emotion, "ArrowDown");
    expect((document.activeElement as HTMLElement).dataset.key).toBe("cell:l1:s1");
    key(document.activeElement as HTMLElement, "ArrowDown"); // into the cell's cards
    expect((document.activeElement as HTMLElement).dataset.key).toBe("cards:c1");
    key(document.activeElement as HTMLElement, "ArrowRight");
    expect((document.activeElement as HTMLElement).dataset.key).toBe("cell:l1:s2");
    key(document.activeElement as HTMLElement, "Home");
    expect((document.activeElement as HTMLElement).dataset.key).toBe("lanes:l1");
    expect(stops(root)).toHaveLength(1);
    // Lane labels and every stage header are reachable.
    key(document.activeElement as HTMLElement, "ArrowUp");
    key(document.activeElement as HTMLElement, "ArrowUp");
    key(document.activeElement as HTMLElement, "ArrowUp");
    key(document.activeElement as HTMLElement, "ArrowRight");
    key(document.activeElement as HTMLElement, "ArrowRight");
    key(document.activeElement as HTMLElement, "ArrowRight");
    expect((document.activeElement as HTMLElement).dataset.key).toBe("stages:b");
  });

  it("lets the active item's buttons into the tab order, and only its own", () => {
    const { root } = mount();
    const step = root.querySelector<HTMLElement>('.jw-step[data-id="s1"]') as HTMLElement;
    step.focus();
    const tabbable = [...root.querySelectorAll<HTMLElement>(".jw-grid button")].filter((b) => b.tabIndex === 0);
    expect(tabbable.length).toBeGreaterThan(0);
    for (const button of tabbable) expect(button.closest("[data-key]")).toBe(step);
  });

  it("Enter on a button inside an item presses it without starting an edit", () => {
    const { root, sent } = mount();
    const star = root.querySelector<HTMLElement>('.jw-step[data-id="s1"] .jw-moment-toggle') as HTMLElement;
    key(star, "Enter");
    expect(root.querySelector("textarea")).toBeNull();
    star.click(); // what the browser does for Enter on a button
    expect(sent).toEqual([[{ op: "update", table: "steps", id: "s1", values: { is_moment_of_truth: true } }]]);
  });

  it("Enter edits the item's text; Escape leaves the grid", () => {
    const { root } = mount();
    const lane = root.querySelector<HTMLElement>('[data-key="lanes:l1"]') as HTMLElement;
    lane.focus();
    key(lane, "Enter");
    const editor = root.querySelector("textarea") as HTMLTextAreaElement;
    expect(editor.value).toBe("Actions");
    key(editor, "Escape");
    expect(document.activeElement?.getAttribute("data-key")).toBe("lanes:l1");
    key(document.activeElement as HTMLElement, "Escape");
    expect(document.activeElement).toBe(root);
  });

  it("scores from the keyboard: Enter opens a number box, PageUp nudges", () => {
    const { root, sent } = mount();
    const cell = root.querySelector<HTMLElement>('[data-key="emotion:s2"]') as HTMLElement;
    cell.focus();
    key(cell, "PageUp");
    expect(sent.at(-1)).toEqual([
      { op: "insert", table: "emotions", row: { step_id: "s2", persona_id: "p1", variant: "as_is", score: 1 } },
    ]);
    key(cell, "Enter");
    const box = root.querySelector("input.jw-score-editor") as HTMLInputElement;
    box.value = "-2";
    key(box, "Enter");
    expect(sent.at(-1)?.[0]).toMatchObject({ op: "insert", row: { step_id: "s2", score: -2 } });
    expect(document.activeElement).toBe(root.querySelector('[data-key="emotion:s2"]'));
  });

  it("focuses the new card after + card, and the new stage after + Stage", () => {
    const { root, store } = mount();
    const add = root.querySelector<HTMLElement>('[data-key="cell:l1:s2"] .jw-add-card') as HTMLElement;
    add.focus();
    add.click();
    store.receive({
      type: "change",
      version: VERSION + 1,
      origin: "view",
      ops: [
        {
          op: "insert",
          table: "cards",
          row: { card_id: "new", lane_id: "l1", step_id: "s2", position: 0, text: "New card" },
        },
      ],
    });
    expect((document.activeElement as HTMLElement).dataset.key).toBe("cards:new");
    (root.querySelector('[data-action="add-stage"]') as HTMLElement).click();
    store.receive({
      type: "change",
      version: VERSION + 2,
      origin: "view",
      ops: [{ op: "insert", table: "stages", row: { stage_id: "st9", position: 3, name: "New stage" } }],
    });
    expect((document.activeElement as HTMLElement).dataset.key).toBe("stages:st9");
  });
});

describe("emotion geometry", () => {
  it.each([0.5, 1, 2])("puts every point at its column's centre, gaps included (zoom %s)", (zoom) => {
    const { root } = mount("edit", zoom);
    const width = Math.round(180 * zoom);
    const template = (root.querySelector(".jw-grid") as HTMLElement).style.gridTemplateColumns;
    expect(template).toContain(`${width}px`);
    const columns = [...root.querySelectorAll<HTMLElement>(".jw-step[data-id]")].map((s) => Number(s.dataset.col));
    for (const circle of root.querySelectorAll("circle[data-step]")) {
      const step = circle.getAttribute("data-step") as string;
      const col = Number(root.querySelector<HTMLElement>(`.jw-step[data-id="${step}"]`)?.dataset.col);
      expect(columns).toContain(col);
      expect(Number(circle.getAttribute("cx"))).toBe(col * (width + GAP) + width / 2);
    }
    const band = root.querySelector(".jw-moment-band") as SVGRectElement;
    const moment = Number(root.querySelector<HTMLElement>(".jw-step.jw-moment")?.dataset.col);
    expect(Number(band.getAttribute("x"))).toBe(moment * (width + GAP));
    const n = columns.length + 1; // + the empty stage's column
    expect(Number(root.querySelector(".jw-neutral")?.getAttribute("x2"))).toBe(n * width + (n - 1) * GAP);
  });
});
