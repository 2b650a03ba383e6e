import { describe, expect, it, vi } from "vitest";
import { badgeLabel, FindingsPanel, type MarksView } from "../src/findings";
import { cellHint, hints } from "../src/hints";
import type { Snapshot } from "../src/ops";
import { Store } from "../src/store";
import { MapView } from "../src/view";
import { presentation } from "./fixture";
import teaching from "./fixtures/teaching.json";

type Fixture = { snapshot: Snapshot; findings: MarksView; comparison: MarksView };
const data = () => structuredClone(teaching) as unknown as Fixture;

function mount(which: "findings" | "comparison" | null = "findings", mode: "edit" | "present" = "edit") {
  const root = document.createElement("div");
  document.body.replaceChildren(root);
  const fixture = data();
  const store = new Store(fixture.snapshot);
  let marks: MarksView | null = which === null ? null : fixture[which];
  const select = vi.fn();
  const panel = new FindingsPanel({ marks: () => marks, select });
  const view = new MapView(
    root,
    store.state,
    {
      visibleLanes: null,
      personas: null,
      mode,
      zoom: 1,
      presentation,
      decorators: [panel.decorate, hints(() => mode === "present")],
      onRender: panel.onRender,
    },
    { send: vi.fn(), undo: vi.fn(), redo: vi.fn(), select },
  );
  const setMarks = (next: MarksView | null) => {
    marks = next;
    view.render();
  };
  return { root, view, panel, select, fixture, store, setMarks };
}

const byKey = (root: HTMLElement, key: string) =>
  [...root.querySelectorAll<HTMLElement>(".jw-grid [data-key]")].find((e) => e.dataset.key === key);

describe("findings on the map", () => {
  it("badges exactly the items that findings point at, named for screen readers", () => {
    const { root, fixture } = mount();
    const anchored = fixture.findings.findings.filter((f) => f.anchor !== null);
    expect(anchored.length).toBeGreaterThan(1);
    const badges = [...root.querySelectorAll<HTMLElement>(".jw-finding-badge")];
    expect(badges).toHaveLength(new Set(anchored.map((f) => f.anchor)).size);
    for (const finding of anchored) {
      const item = byKey(root, finding.anchor ?? "");
      const badge = item?.querySelector<HTMLElement>(":scope > .jw-finding-badge");
      expect(badge, finding.anchor ?? "").toBeTruthy();
      expect(badge?.getAttribute("role")).toBe("img");
      expect(badge?.getAttribute("aria-label")).toMatch(/^1 finding: warning JM\d{3}, /);
      expect(badge?.getAttribute("aria-label")).toContain(finding.message);
      expect(item?.getAttribute("aria-describedby")?.split(" ")).toContain(badge?.id);
      // Coloured by severity through the presentation table's colour, not a guess.
      expect(item?.style.getPropertyValue("--jw-mark")).toBe(fixture.findings.colors?.warning);
    }
  });

  it("counts several findings on one item and takes the worst severity", () => {
    const view: MarksView = {
      version: 1,
      kind: "findings",
      colors: { error: "#B42318", warning: "#7D4E00" },
      findings: [
        { check: "JM302", severity: "warning", anchor: "steps:s1", item: "a", message: "no score", why: "" },
        { check: "JM201", severity: "error", anchor: "steps:s1", item: "a", message: "no steps", why: "" },
      ],
    };
    expect(badgeLabel(view, view.findings)).toBe("2 findings: warning JM302, no score; error JM201, no steps");
  });

  it("lists every finding in a labelled region; those about the map as a whole too", () => {
    const { root, fixture } = mount();
    const region = root.querySelector<HTMLElement>(".jw-aside [role=region]");
    expect(region?.hidden).toBe(false);
    const heading = region?.querySelector("h2");
    expect(region?.getAttribute("aria-labelledby")).toBe(heading?.id);
    const list = region?.querySelector("[role=list]");
    expect(list?.children).toHaveLength(fixture.findings.findings.length);
    const whole = fixture.findings.findings.find((f) => f.anchor === null);
    expect(list?.textContent).toContain(whole?.message);
    expect(region?.querySelectorAll("button.jw-finding-go")).toHaveLength(
      fixture.findings.findings.filter((f) => f.anchor !== null).length,
    );
  });

  it("clicking a finding selects and focuses its item", () => {
    const { root, select, fixture } = mount();
    const card = fixture.findings.findings.find((f) => f.anchor?.startsWith("cards:"));
    const button = [...root.querySelectorAll<HTMLButtonElement>(".jw-finding-go")].find(
      (b) => b.dataset.anchor === card?.anchor,
    );
    button?.click();
    expect(select).toHaveBeenCalledWith([card?.anchor?.slice("cards:".length)]);
    expect(document.activeElement).toBe(byKey(root, card?.anchor ?? ""));
  });

  it("a stage's finding focuses the stage without selecting (only steps and cards select)", () => {
    const { root, select, fixture } = mount();
    const stage = fixture.findings.findings.find((f) => f.anchor?.startsWith("stages:"));
    const button = [...root.querySelectorAll<HTMLButtonElement>(".jw-finding-go")].find(
      (b) => b.dataset.anchor === stage?.anchor,
    );
    button?.click();
    expect(select).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(byKey(root, stage?.anchor ?? ""));
  });

  it("writes user text as text: a card reading like HTML stays text in the badge and list", () => {
    const { root } = mount();
    expect(root.querySelector("img")).toBeNull();
    expect(root.querySelector(".jw-findings")?.textContent).toContain("<img src=x onerror=alert(1)>");
  });

  it("follows the trait: cleared marks leave no badge and hide the panel", () => {
    const { root, setMarks } = mount();
    expect(root.querySelectorAll(".jw-finding-badge").length).toBeGreaterThan(0);
    setMarks(null);
    expect(root.querySelectorAll(".jw-finding-badge")).toHaveLength(0);
    expect(root.querySelectorAll(".jw-has-findings")).toHaveLength(0);
    expect(root.querySelector<HTMLElement>(".jw-findings")?.hidden).toBe(true);
  });
});

describe("the comparison view", () => {
  it("marks student steps matched or extra and lists the missing reference step", () => {
    const { root, fixture } = mount("comparison");
    const marks = fixture.comparison.findings;
    const extra = marks.find((m) => m.severity === "extra");
    const matched = marks.find((m) => m.severity === "matched" && m.anchor?.startsWith("steps:"));
    const missing = marks.find((m) => m.severity === "missing");
    expect(extra && matched && missing).toBeTruthy();
    expect(byKey(root, extra?.anchor ?? "")?.dataset.findings).toBe("extra");
    expect(byKey(root, matched?.anchor ?? "")?.dataset.findings).toBe("matched");
    const badge = byKey(root, extra?.anchor ?? "")?.querySelector(".jw-finding-badge");
    expect(badge?.textContent).toBe("extra");
    expect(badge?.getAttribute("aria-label")).toBe(`extra: ${extra?.message}`);
    const panel = root.querySelector<HTMLElement>(".jw-findings");
    expect(panel?.querySelector("h2")?.textContent).toBe(fixture.comparison.title);
    const rows = [...(panel?.querySelectorAll<HTMLElement>(".jw-finding") ?? [])];
    const missingRow = rows.find((r) => r.dataset.severity === "missing");
    expect(missingRow?.textContent).toContain(missing?.message);
    expect(missingRow?.querySelector("button")).toBeNull(); // nothing on the map to go to
  });
});

describe("hints in empty cells", () => {
  it("an empty cell shows its lane's description; a filled one shows none", () => {
    const { root, fixture } = mount(null);
    const lanes = fixture.snapshot.tables.lanes ?? [];
    const touchpoints = lanes.find((l) => l.lane_id === "touchpoints");
    const cells = [...root.querySelectorAll<HTMLElement>(".jw-cell")];
    const empty = cells.filter((c) => c.dataset.key?.startsWith("cell:touchpoints:") && !c.querySelector(".jw-card"));
    expect(empty.length).toBeGreaterThan(0);
    for (const cell of empty) {
      expect(cell.querySelector(".jw-cell-hint")?.textContent).toBe(String(touchpoints?.description));
    }
    for (const cell of cells.filter((c) => c.querySelector(".jw-card"))) {
      expect(cell.querySelector(".jw-cell-hint")).toBeNull();
    }
  });

  it("falls back to the stage's description, and shows nothing in present mode", () => {
    const { store } = mount(null);
    const state = store.state;
    const lane = state.tables.lanes?.get("touchpoints");
    if (lane) lane.description = null;
    const step = state.tables.steps?.get("book_call");
    const stage = state.tables.stages?.get(String(step?.stage_id));
    expect(cellHint(state, "cell:touchpoints:book_call")).toBe(String(stage?.description));
    const { root } = mount(null, "present");
    expect(root.querySelectorAll(".jw-cell-hint")).toHaveLength(0);
  });
});
