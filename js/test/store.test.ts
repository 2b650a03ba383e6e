import { describe, expect, it } from "vitest";
import { applyOps, fromSnapshot } from "../src/ops";
import { Store } from "../src/store";
import { snapshot, VERSION } from "./fixture";

describe("applyOps", () => {
  it("applies insert, update, delete and set_meta without touching the old state", () => {
    const before = fromSnapshot(snapshot());
    const after = applyOps(before, [
      { op: "insert", table: "cards", row: { card_id: "c9", lane_id: "l1", step_id: "s2", position: 0, text: "new" } },
      { op: "update", table: "steps", id: "s1", values: { name: "Sees an ad" } },
      { op: "delete", table: "cards", id: "c2" },
      { op: "set_meta", field: "title", value: "Renamed" },
    ]);
    expect(after.tables.cards?.get("c9")?.text).toBe("new");
    expect(after.tables.steps?.get("s1")?.name).toBe("Sees an ad");
    expect(after.tables.cards?.has("c2")).toBe(false);
    expect(after.meta.title).toBe("Renamed");
    // The old state is unchanged, and untouched tables are shared, not copied.
    expect(before.tables.steps?.get("s1")?.name).toBe("See ad");
    expect(before.tables.cards?.has("c2")).toBe(true);
    expect(after.tables.lanes).toBe(before.tables.lanes);
  });

  it("refuses a move: the kernel always resolves moves into updates", () => {
    const state = fromSnapshot(snapshot());
    expect(() => applyOps(state, [{ op: "move", table: "steps", id: "s1", position: 0 } as never])).toThrow(
      /not an applied op/,
    );
  });

  it("refuses an update of an unknown row", () => {
    const state = fromSnapshot(snapshot());
    expect(() => applyOps(state, [{ op: "update", table: "steps", id: "zz", values: {} }])).toThrow(/unknown/);
  });
});

describe("Store", () => {
  const change = (version: number, name: string) => ({
    type: "change" as const,
    version,
    origin: "python",
    ops: [{ op: "update" as const, table: "steps", id: "s1", values: { name } }],
  });

  it("applies the next version, ignores old ones, and reports gaps", () => {
    const store = new Store(snapshot());
    const seen: number[] = [];
    store.subscribe((state) => seen.push(state.version));
    expect(store.receive(change(VERSION + 1, "four"))).toBe("applied");
    expect(store.receive(change(VERSION + 1, "again"))).toBe("stale");
    expect(store.receive(change(VERSION + 3, "six"))).toBe("gap");
    expect(store.state.tables.steps?.get("s1")?.name).toBe("four");
    expect(seen).toEqual([VERSION + 1]);
  });

  it("takes a newer snapshot but not an older one", () => {
    const store = new Store(snapshot());
    store.receive(change(VERSION + 1, "four"));
    expect(store.reset({ ...snapshot(), version: VERSION - 1 })).toBe(false);
    expect(store.reset({ ...snapshot(), version: VERSION + 5 })).toBe(true);
    expect(store.state.version).toBe(VERSION + 5);
    expect(store.state.tables.steps?.get("s1")?.name).toBe("See ad");
  });

  it("takes the new scale a change carries", () => {
    const store = new Store(snapshot());
    const scale = { scale_id: "likert5", min: 1, max: 5, neutral: 3, integer_only: true, labels: {} };
    store.receive({ ...change(VERSION + 1, "x"), scale });
    expect(store.state.scale.max).toBe(5);
  });
});
