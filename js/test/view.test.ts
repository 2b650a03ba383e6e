import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Op } from "../src/ops";
import { Store } from "../src/store";
import { MapView } from "../src/view";
import { presentation, snapshot, VERSION } from "./fixture";

function mount(mode: "edit" | "present" = "edit") {
  const root = document.createElement("div");
  document.body.replaceChildren(root);
  const sent: Op[][] = [];
  const actions = { send: (ops: Op[]) => sent.push(ops), undo: vi.fn(), redo: vi.fn(), select: vi.fn() };
  const store = new Store(snapshot());
  const view = new MapView(
    root,
    store.state,
    { visibleLanes: null, personas: null, mode, zoom: 1, presentation },
    actions,
  );
  store.subscribe((state, ops) => view.update(state, ops));
  return { root, sent, actions, store, view };
}

describe("MapView", () => {
  beforeEach(() => {
    window.alert = vi.fn();
  });

  it("shows user text as text, never as HTML", () => {
    const { root } = mount();
    const card = root.querySelector('[data-id="x"] .jw-text');
    expect(card?.textContent).toBe("<img src=x onerror=alert(1)>");
    expect(root.querySelector("img")).toBeNull();
    expect(window.alert).not.toHaveBeenCalled();
  });

  it("renders stages, steps, lanes and a moment of truth", () => {
    const { root } = mount();
    expect([...root.querySelectorAll(".jw-stage .jw-text")].map((e) => e.textContent)).toEqual([
      "No stage",
      "Awareness",
      "Purchase",
      "Empty",
    ]);
    expect(root.querySelector('.jw-step[data-id="s3"]')?.classList.contains("jw-moment")).toBe(true);
    expect(root.querySelectorAll(".jw-curve-line")).toHaveLength(2);
    expect(root.querySelector(".jw-title-text")?.textContent).toBe("Bike 自行车");
  });

  it("edits a step name in place: Enter sends one update op", () => {
    const { root, sent } = mount();
    const name = root.querySelector<HTMLElement>('.jw-step[data-id="s1"] .jw-text') as HTMLElement;
    name.dispatchEvent(new MouseEvent("dblclick", { bubbles: true }));
    const editor = root.querySelector("textarea") as HTMLTextAreaElement;
    editor.value = "Sees an ad 看到广告";
    editor.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    expect(sent).toEqual([[{ op: "update", table: "steps", id: "s1", values: { name: "Sees an ad 看到广告" } }]]);
  });

  it("Escape cancels an edit", () => {
    const { root, sent } = mount();
    const name = root.querySelector<HTMLElement>('.jw-card[data-id="c1"] .jw-text') as HTMLElement;
    name.dispatchEvent(new MouseEvent("dblclick", { bubbles: true }));
    const editor = root.querySelector("textarea") as HTMLTextAreaElement;
    editor.value = "typed";
    editor.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    expect(sent).toEqual([]);
    expect(root.querySelector('.jw-card[data-id="c1"] .jw-text')?.textContent).toBe("first");
  });

  it("patches text changes in place and redraws structural ones", () => {
    const { root, store } = mount();
    const element = root.querySelector('.jw-card[data-id="c1"]');
    store.receive({
      type: "change",
      version: VERSION + 1,
      origin: "python",
      ops: [{ op: "update", table: "cards", id: "c1", values: { text: "patched" } }],
    }); // prettier-ignore
    expect(root.querySelector('.jw-card[data-id="c1"]')).toBe(element); // same element
    expect(element?.querySelector(".jw-text")?.textContent).toBe("patched");
    store.receive({
      type: "change",
      version: VERSION + 2,
      origin: "python",
      ops: [{ op: "update", table: "cards", id: "c1", values: { position: 5 } }],
    }); // prettier-ignore
    expect(root.querySelector('.jw-card[data-id="c1"]')).not.toBe(element);
    expect([...root.querySelectorAll(".jw-cell .jw-card")].map((e) => (e as HTMLElement).dataset.id)).toEqual([
      "c2",
      "c1",
      "x",
    ]);
  });

  it("holds a redraw while someone is typing", () => {
    const { root, store } = mount();
    (root.querySelector('.jw-step[data-id="s2"] .jw-text') as HTMLElement).dispatchEvent(
      new MouseEvent("dblclick", { bubbles: true }),
    );
    store.receive({
      type: "change",
      version: VERSION + 1,
      origin: "python",
      ops: [{ op: "delete", table: "cards", id: "c2" }],
    }); // prettier-ignore
    expect(root.querySelector("textarea")).not.toBeNull();
    (root.querySelector("textarea") as HTMLTextAreaElement).dispatchEvent(
      new KeyboardEvent("keydown", { key: "Escape", bubbles: true }),
    );
    expect(root.querySelector('[data-id="c2"]')).toBeNull();
  });

  it("cycles pain-point severity and toggles moments of truth", () => {
    const { root, sent } = mount();
    (root.querySelector('[data-id="x"] .jw-severity') as HTMLElement).click();
    (root.querySelector('.jw-step[data-id="s1"] .jw-moment-toggle') as HTMLElement).click();
    expect(sent).toEqual([
      [{ op: "update", table: "cards", id: "x", values: { severity: null } }],
      [{ op: "update", table: "steps", id: "s1", values: { is_moment_of_truth: true } }],
    ]);
  });

  it("keyboard: Ctrl+Z undoes, Shift+Ctrl+Z redoes, Delete removes a focused card", () => {
    const { root, sent, actions } = mount();
    root.dispatchEvent(new KeyboardEvent("keydown", { key: "z", ctrlKey: true, bubbles: true }));
    root.dispatchEvent(new KeyboardEvent("keydown", { key: "Z", ctrlKey: true, shiftKey: true, bubbles: true }));
    expect(actions.undo).toHaveBeenCalledOnce();
    expect(actions.redo).toHaveBeenCalledOnce();
    const card = root.querySelector<HTMLElement>('.jw-card[data-id="c2"]') as HTMLElement;
    card.dispatchEvent(new KeyboardEvent("keydown", { key: "Delete", bubbles: true }));
    expect(sent).toEqual([[{ op: "delete", table: "cards", id: "c2" }]]);
  });

  it("presentation mode is read-only", () => {
    const { root } = mount("present");
    expect(root.querySelector(".jw-icon")).toBeNull();
    expect(root.querySelector("[draggable]")).toBeNull();
    (root.querySelector('.jw-step[data-id="s1"] .jw-text') as HTMLElement).dispatchEvent(
      new MouseEvent("dblclick", { bubbles: true }),
    );
    expect(root.querySelector("textarea")).toBeNull();
  });

  it("clicking selects; shift-click adds", () => {
    const { root, actions } = mount();
    (root.querySelector('.jw-step[data-id="s1"]') as HTMLElement).click();
    (root.querySelector('.jw-card[data-id="c1"]') as HTMLElement).dispatchEvent(
      new MouseEvent("click", { bubbles: true, shiftKey: true }),
    );
    expect(actions.select).toHaveBeenLastCalledWith(["s1", "c1"]);
  });
});
