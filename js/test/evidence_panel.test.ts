import { describe, expect, it, vi } from "vitest";
import { itemsOf, quotesFor } from "../src/evidence";
import { EvidencePanel } from "../src/evidence_panel";
import type { Op, Snapshot } from "../src/ops";
import type { Change } from "../src/store";
import { Store } from "../src/store";
import { MapView } from "../src/view";
import { presentation } from "./fixture";
import research from "./fixtures/research.json";

const data = () => structuredClone(research) as unknown as { snapshot: Snapshot; linked: Change };

function mount(mode: "edit" | "present" = "edit") {
  const root = document.createElement("div");
  document.body.replaceChildren(root);
  const { snapshot, linked } = data();
  const store = new Store(snapshot);
  const sent: Op[][] = [];
  const panel = new EvidencePanel({
    state: () => store.state,
    readOnly: () => mode === "present",
    send: (ops) => sent.push(ops),
  });
  const view = new MapView(
    root,
    store.state,
    {
      visibleLanes: null,
      personas: null,
      mode,
      zoom: 1,
      presentation,
      decorators: [panel.decorate],
      onRender: panel.onRender,
    },
    { send: vi.fn(), undo: vi.fn(), redo: vi.fn(), select: vi.fn() },
  );
  store.subscribe((state, ops) => {
    view.update(state, ops);
    panel.render();
  });
  return { root, store, panel, sent, linked, view };
}

const byKey = (root: HTMLElement, key: string) =>
  [...root.querySelectorAll<HTMLElement>("[data-key]")].find((e) => e.dataset.key === key);

describe("evidence lookups", () => {
  it("lists a step's quotes with participant, source, context in code points and codes", () => {
    const state = new Store(data().snapshot).state;
    const quotes = quotesFor(state, { table: "steps", id: "checkout", label: "Checkout" });
    expect(quotes.map((q) => q.segmentId)).toEqual(["q1", "q2"]);
    const [first] = quotes;
    expect(first?.participant).toBe("P1");
    expect(first?.source).toBe("Interview P1");
    expect(first?.text).toBe("The fees at checkout were hidden 隐藏的费用.");
    expect(first?.before).toBe("Hi 😀 there. "); // the emoji is one code point, two UTF-16 units
    expect(first?.after).toBe(" I left.");
    expect(first?.codes).toEqual(["checkout", "furious", "hidden fees"]);
    expect(first?.via).toBe("codes");
    expect(quotesFor(state, { table: "steps", id: "checkout", label: "" }, { persona: "commuter" })).toHaveLength(1);
    expect(quotesFor(state, { table: "steps", id: "checkout", label: "" }, { participant: "p2" })[0]?.segmentId).toBe(
      "q2",
    );
  });

  it("an emotion cell stands for the step's emotion points", () => {
    const state = new Store(data().snapshot).state;
    const items = itemsOf(state, "emotion:checkout");
    expect(items.map((i) => i.table)).toEqual(["emotions"]);
    expect(quotesFor(state, items[0] as never).map((q) => q.segmentId)).toEqual(["q1", "q2"]);
  });
});

describe("EvidencePanel", () => {
  it("marks assumed items on the grid, with a legend", () => {
    const { root } = mount();
    expect(byKey(root, "steps:browse")?.classList.contains("jw-assumed")).toBe(true);
    expect(byKey(root, "steps:checkout")?.classList.contains("jw-assumed")).toBe(false);
    expect(byKey(root, "cards:guess")?.classList.contains("jw-assumed")).toBe(true);
    expect(root.querySelector(".jw-evidence-legend")?.textContent).toContain("assumed");
  });

  it("focusing a step lists its quotes as text, never HTML", () => {
    const { root } = mount();
    byKey(root, "steps:checkout")?.focus();
    const quotes = [...root.querySelectorAll(".jw-quote mark")].map((m) => m.textContent);
    expect(quotes).toEqual(["The fees at checkout were hidden 隐藏的费用.", "<img src=x onerror=alert(1)>"]);
    expect(root.querySelector(".jw-evidence img")).toBeNull();
    expect(root.querySelector(".jw-evidence-summary")?.textContent).toContain("2 quotes from 2 participants");
    const region = root.querySelector(".jw-evidence");
    expect(region?.getAttribute("role")).toBe("region");
    expect(root.querySelector(`#${region?.getAttribute("aria-labelledby")}`)?.textContent).toBe("Evidence");
  });

  it("filters by persona", () => {
    const { root } = mount();
    byKey(root, "steps:checkout")?.focus();
    const persona = root.querySelector<HTMLSelectElement>("select[id$='-persona']");
    if (!persona) throw new Error("no persona filter");
    persona.value = "commuter";
    persona.dispatchEvent(new Event("change"));
    expect(root.querySelectorAll(".jw-quote")).toHaveLength(1);
    expect(root.querySelector(".jw-evidence-summary")?.textContent).toContain("(1 shown)");
    expect(document.activeElement).toBe(root.querySelector("select[id$='-persona']"));
  });

  it("links a quote as an op, and the link shows once the kernel's change arrives", () => {
    const { root, sent, store, linked } = mount();
    byKey(root, "steps:browse")?.focus();
    const choice = root.querySelector<HTMLSelectElement>(".jw-link-choice");
    if (!choice) throw new Error("no link choice");
    choice.value = "q3";
    root.querySelector<HTMLButtonElement>(".jw-link")?.click();
    expect(sent).toEqual([
      [
        {
          op: "insert",
          table: "evidence_links",
          row: { segment_id: "q3", target_table: "steps", target_id: "browse" },
        },
      ],
    ]);
    expect(store.receive(linked)).toBe("applied");
    expect([...root.querySelectorAll(".jw-quote mark")].map((m) => m.textContent)).toEqual(["Browsing was fine"]);
    expect(byKey(root, "steps:browse")?.classList.contains("jw-assumed")).toBe(false);
    const unlink = root.querySelector<HTMLButtonElement>(".jw-unlink");
    expect(unlink?.getAttribute("aria-label")).toBe("Unlink the quote of P2 from Browse");
    unlink?.click();
    expect(sent[1]).toEqual([
      {
        op: "delete",
        table: "evidence_links",
        id: linked.ops[0]?.op === "insert" ? String(linked.ops[0].row.link_id) : "",
      },
    ]);
  });

  it("draws n and the interval on aggregated emotion points", () => {
    const { root, store } = mount();
    const point = [...(store.state.tables.emotions?.values() ?? [])][0];
    expect(point?.n).toBe(2);
    expect(root.querySelectorAll(".jw-spread")).toHaveLength(1);
    expect(root.querySelector(".jw-spread-n")?.textContent).toBe("n=2");
  });

  it("reads an aggregated point's interval and n out to a screen reader", () => {
    const { root } = mount();
    const cell = byKey(root, "emotion:checkout");
    expect(cell?.getAttribute("role")).toBe("gridcell");
    // The fixture's point: mean −1.5 of 2 participants, interval −2 to +2 (clipped).
    expect(cell?.getAttribute("aria-label")).toBe(
      "Checkout, emotion \u22121.5 on \u22122\u2026+2, 95% interval \u22122 to +2, 2 participants",
    );
    expect(byKey(root, "emotion:browse")?.getAttribute("aria-label")).toBe(
      "Browse, emotion not scored yet on \u22122\u2026+2",
    );
  });

  it("is read-only in present mode", () => {
    const { root } = mount("present");
    byKey(root, "steps:checkout")?.focus();
    expect(root.querySelectorAll(".jw-quote")).toHaveLength(2);
    expect(root.querySelector(".jw-link, .jw-unlink, .jw-link-choice")).toBeNull();
  });

  it("opens 500 quotes", () => {
    const { snapshot } = data();
    const segments = snapshot.tables.segments as Record<string, unknown>[];
    const links = snapshot.evidence?.links ?? [];
    for (let i = 0; i < 500; i++) {
      segments.push({ segment_id: `many${i}`, participant_id: "p2", text: `quote ${i}`, kind: "quote" });
      links.push([`many${i}`, "steps", "browse", "codes"]);
    }
    const state = new Store(snapshot).state;
    expect(quotesFor(state, { table: "steps", id: "browse", label: "Browse" })).toHaveLength(500);
  });
});
