// The inspector, the banner's words, the lane type tag.

import { describe, expect, it } from "vitest";
import { describe as describeRejection } from "../src/banner";
import { typeTag } from "../src/lane_label";
import { fromSnapshot } from "../src/ops";
import { snapshot } from "./fixture";
import { key, mount } from "./mount";

function change(field: HTMLElement, value: string | boolean): void {
  if (field instanceof HTMLInputElement && field.type === "checkbox") field.checked = value as boolean;
  else (field as HTMLInputElement).value = value as string;
  field.dispatchEvent(new Event("change", { bubbles: true }));
}

const field = (root: HTMLElement, column: string) =>
  root.querySelector<HTMLElement>(`.jw-inspector [data-column="${column}"]`) as HTMLElement;

describe("inspector", () => {
  it("edits a lane's type and blueprint role, then gives focus back to the lane", () => {
    const { root, sent } = mount();
    const lane = root.querySelector<HTMLElement>('[data-key="lanes:l1"]') as HTMLElement;
    lane.focus();
    key(lane, "i");
    expect(document.activeElement).toBe(field(root, "name"));
    change(field(root, "lane_type"), "touchpoints");
    change(field(root, "blueprint_role"), "frontstage");
    change(field(root, "blueprint_role"), "");
    expect(sent).toEqual([
      [{ op: "update", table: "lanes", id: "l1", values: { lane_type: "touchpoints" } }],
      [{ op: "update", table: "lanes", id: "l1", values: { blueprint_role: "frontstage" } }],
      [{ op: "update", table: "lanes", id: "l1", values: { blueprint_role: null } }],
    ]);
    key(field(root, "name"), "Escape");
    expect(root.querySelector(".jw-inspector")).toBeNull();
    expect(document.activeElement).toBe(root.querySelector('[data-key="lanes:l1"]'));
  });

  it("edits every card field a user needs", () => {
    const { root, sent } = mount();
    (root.querySelector('.jw-card[data-id="c1"] .jw-details') as HTMLElement).click();
    const columns = [...root.querySelectorAll<HTMLElement>(".jw-inspector [data-column]")].map((e) => e.dataset.column);
    expect(columns).toEqual([
      "text",
      "kind",
      "severity",
      "priority",
      "status",
      "owner",
      "channel",
      "evidence_level",
      "persona_id",
    ]);
    change(field(root, "kind"), "pain_point");
    change(field(root, "severity"), "2");
    change(field(root, "priority"), "5");
    change(field(root, "owner"), "Support team");
    change(field(root, "persona_id"), "p1");
    change(field(root, "evidence_level"), "observed");
    change(field(root, "status"), "in_progress");
    change(field(root, "evidence_level"), ""); // back to what the evidence says
    expect(sent.map((ops) => ops[0])).toEqual([
      { op: "update", table: "cards", id: "c1", values: { kind: "pain_point" } },
      { op: "update", table: "cards", id: "c1", values: { severity: 2 } },
      { op: "update", table: "cards", id: "c1", values: { priority: 5 } },
      { op: "update", table: "cards", id: "c1", values: { owner: "Support team" } },
      { op: "update", table: "cards", id: "c1", values: { persona_id: "p1" } },
      { op: "update", table: "cards", id: "c1", values: { evidence_level: "observed" } },
      { op: "update", table: "cards", id: "c1", values: { status: "in_progress" } },
      { op: "update", table: "cards", id: "c1", values: { evidence_level: null } },
    ]);
    const status = field(root, "status") as HTMLSelectElement;
    expect([...status.options].map((o) => o.value)).toEqual(["", "open", "in_progress", "solved", "wont_fix"]);
  });

  it("edits a step's emotion points: the named emotion and n, per curve", () => {
    const { root, sent } = mount();
    const cell = root.querySelector<HTMLElement>('[data-key="emotion:s3"]') as HTMLElement;
    cell.focus();
    key(cell, "i"); // the emotion cell's details are its step's, with its points
    expect(root.querySelector(".jw-inspector")?.getAttribute("data-inspecting")).toBe("steps:s3");
    const groups = [...root.querySelectorAll<HTMLElement>(".jw-inspector .jw-emotion-point")];
    expect(groups.map((g) => [g.dataset.id, g.querySelector("legend")?.textContent])).toEqual([
      ["emotion_2", "Mei: −2"],
      ["emotion_3", "Mei (to-be): +1"],
    ]);
    const n = groups[0]?.querySelector<HTMLInputElement>('[data-column="n"]') as HTMLInputElement;
    expect(n.value).toBe("5");
    change(n, "12");
    change(groups[1]?.querySelector<HTMLElement>('[data-column="label"]') as HTMLElement, "relieved 放心");
    change(n, "");
    expect(sent.map((ops) => ops[0])).toEqual([
      { op: "update", table: "emotions", id: "emotion_2", values: { n: 12 } },
      { op: "update", table: "emotions", id: "emotion_3", values: { label: "relieved 放心" } },
      { op: "update", table: "emotions", id: "emotion_2", values: { n: null } },
    ]);
    const header = root.querySelector<HTMLElement>('[data-key="emotion:"]') as HTMLElement;
    header.focus();
    key(header, "i"); // the row's header: the personas
    expect(root.querySelector(".jw-inspector")?.getAttribute("data-inspecting")).toBe("personas:");
  });

  it("edits a step's kind and moment of truth, a stage's colour, the map's type", () => {
    const { root, sent } = mount();
    (root.querySelector('.jw-step[data-id="s1"] .jw-details') as HTMLElement).click();
    change(field(root, "kind"), "touchpoint");
    change(field(root, "is_moment_of_truth"), true);
    (root.querySelector('.jw-stage[data-id="a"] .jw-details') as HTMLElement).click();
    change(field(root, "color"), "#112233");
    (root.querySelector('[data-action="map-details"]') as HTMLElement).click();
    change(field(root, "map_type"), "service_blueprint");
    change(field(root, "scenario"), "Buying a first bike");
    expect(sent.map((ops) => ops[0])).toEqual([
      { op: "update", table: "steps", id: "s1", values: { kind: "touchpoint" } },
      { op: "update", table: "steps", id: "s1", values: { is_moment_of_truth: true } },
      { op: "update", table: "stages", id: "a", values: { color: "#112233" } },
      { op: "set_meta", field: "map_type", value: "service_blueprint" },
      { op: "set_meta", field: "scenario", value: "Buying a first bike" },
    ]);
  });

  it("manages personas: rename, colour, show or hide a curve, add", () => {
    const { root, sent, actions } = mount();
    (root.querySelector('[data-action="add-persona"]') as HTMLElement).click();
    expect(sent.at(-1)).toEqual([{ op: "insert", table: "personas", row: { name: "New persona" } }]);
    change(field(root, "name"), "Mei 美");
    change(field(root, "color"), "#aa0000");
    change(field(root, "show"), false);
    expect(sent.slice(1).map((ops) => ops[0])).toEqual([
      { op: "update", table: "personas", id: "p1", values: { name: "Mei 美" } },
      { op: "update", table: "personas", id: "p1", values: { color: "#aa0000" } },
    ]);
    expect(actions.showPersonas).toHaveBeenLastCalledWith([]);
  });
});

describe("words, not ids", () => {
  it("says which item and field an error is about", () => {
    const state = fromSnapshot(snapshot());
    const rejection = {
      type: "rejected" as const,
      request: "r",
      message: "table 'steps', row 's1', column 'name': must not be blank",
      table: "steps",
      row: "s1",
      column: "name",
    };
    expect(describeRejection(rejection, state)).toBe(
      "That edit was not made to the step “See ad” (its name): must not be blank",
    );
    expect(
      describeRejection({ ...rejection, reason: "too long", table: "cards", row: "c1", column: "text" }, state),
    ).toBe("That edit was not made to the card “first” (its text): too long");
  });

  it("shows a lane's type only when it says more than the name", () => {
    expect(typeTag("Actions", "Actions", "actions")).toBeNull();
    expect(typeTag("Pain points", "Pain points", "pain_points")).toBeNull();
    expect(typeTag("Notes", "Custom", "custom")).toBeNull();
    expect(typeTag("What they do", "Actions", "actions")).toBe("Actions");
  });

  it("tells an empty map what to click first", () => {
    const empty = snapshot();
    for (const name of Object.keys(empty.tables)) empty.tables[name] = [];
    const { root } = mount("edit", 1, empty);
    expect(root.querySelector(".jw-hint")?.textContent).toContain("Start with + Stage");
    expect((root.querySelector('[data-action="add-stage"]') as HTMLElement).hidden).toBe(false);
  });
});
