// The toolbar says whether the file holds the map; the model's snapshot follows the map's
// edits locally, so that a notebook saved right after them holds them.

import { describe, expect, it } from "vitest";
import type { MapTraits } from "../src/host";
import { describeSave } from "../src/save_state";
import widget, { mount } from "../src/widget";
import { fakeModel } from "./fake_model";
import { snapshot, VERSION } from "./fixture";

function fakeHost(saved: MapTraits["_saved"]) {
  // undefined: a host without the trait (the standalone page, the editor)
  return fakeModel(saved === undefined ? {} : { _saved: saved });
}

const change = (version: number, name: string) => ({
  type: "change",
  version,
  origin: "view",
  ops: [{ op: "update", table: "steps", id: "s1", values: { name } }],
});

const FILE = { path: "/work/maps/bike.journey.json", name: "bike.journey.json", version: VERSION };

describe("save state", () => {
  it("says saved, then unsaved after an edit, then saved again when the kernel saves", () => {
    const { host, emit } = fakeHost(FILE);
    const root = document.createElement("div");
    document.body.replaceChildren(root);
    mount(host, root);
    const status = root.querySelector<HTMLElement>(".jw-toolbar .jw-save-state");
    expect(status?.getAttribute("role")).toBe("status");
    expect(status?.getAttribute("aria-live")).toBe("polite");
    expect(status?.textContent).toBe("Saved to bike.journey.json");
    expect(status?.title).toBe(FILE.path);

    emit("msg:custom", change(VERSION + 1, "Edited 改"));
    expect(status?.textContent).toBe("Unsaved changes");
    expect(status?.dataset.status).toBe("unsaved");

    // a redraw (a new stage column) rebuilds the toolbar: the same live region moves in
    const toolbar = root.querySelector(".jw-toolbar");
    emit("msg:custom", {
      type: "change",
      version: VERSION + 2,
      origin: "view",
      ops: [{ op: "insert", table: "stages", row: { stage_id: "stage_new", name: "New", position: 99 } }],
    });
    expect(root.querySelector(".jw-toolbar")).not.toBe(toolbar);
    expect(root.querySelector(".jw-toolbar .jw-save-state")).toBe(status);

    host.set("_saved", { ...FILE, version: VERSION + 2 });
    emit("change:_saved");
    expect(status?.textContent).toBe("Saved to bike.journey.json");
  });

  it("says a map in no file is not saved, and shows nothing where the host keeps no file", () => {
    const never = fakeHost(null);
    const root = document.createElement("div");
    document.body.replaceChildren(root);
    mount(never.host, root);
    expect(root.querySelector(".jw-save-state")?.textContent).toBe("Not saved");

    const page = fakeHost(undefined);
    const other = document.createElement("div");
    document.body.replaceChildren(other);
    mount(page.host, other);
    expect(other.querySelector<HTMLElement>(".jw-save-state")?.hidden).toBe(true);
  });

  it("words each status", () => {
    expect(describeSave(FILE, VERSION).status).toBe("saved");
    expect(describeSave(FILE, VERSION + 1)).toMatchObject({ status: "unsaved", text: "Unsaved changes" });
    expect(describeSave(null, 0).status).toBe("never");
  });
});

describe("the model's snapshot", () => {
  it("holds every change the views received, without set or save_changes", () => {
    const { host, emit, traits, calls } = fakeHost(FILE);
    const cleanup = widget.initialize({ model: host as never } as never) as () => void;
    const held = traits._snapshot;
    const untouched = held.tables.stages;
    emit("msg:custom", change(VERSION + 1, "Edited in the map 地图"));
    expect(traits._snapshot).toBe(held); // written in place: nothing queued for the kernel
    expect(calls.set).toEqual([]);
    expect(calls.saves).toBe(0);
    expect(held.version).toBe(VERSION + 1);
    expect(held.tables.steps?.find((row) => row.step_id === "s1")?.name).toBe("Edited in the map 地图");
    expect(held.tables.stages).toEqual(untouched);

    // and it stays a snapshot the store reads back to the same journey
    const again = fakeHost(FILE);
    again.traits._snapshot = structuredClone(held);
    const other = document.createElement("div");
    document.body.replaceChildren(other);
    mount(again.host, other);
    expect(other.querySelector('.jw-step[data-id="s1"] .jw-text')?.textContent).toBe("Edited in the map 地图");
    cleanup();
  });
});
