// Python's change streams replayed through the TypeScript store end where Python ended.

import { describe, expect, it } from "vitest";
import { fromSnapshot, type Row, type Snapshot, type State } from "../src/ops";
import { type Change, Store } from "../src/store";
import recorded from "./fixtures/streams.json";

/** A state as plain data; an empty cell is absent, whether it came as null or not at all. */
function plain(state: State): unknown {
  const clean = (row: Row) => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null && v !== undefined));
  return {
    version: state.version,
    meta: clean(state.meta),
    scale: state.scale,
    tables: Object.fromEntries(
      Object.entries(state.tables)
        .map(([name, rows]) => [name, Object.fromEntries([...rows].map(([id, row]) => [id, clean(row)]).sort())])
        .sort(),
    ),
  };
}

describe("Python ↔ TypeScript", () => {
  for (const [name, stream] of Object.entries(recorded)) {
    it(`replays the "${name}" stream to Python's last snapshot`, () => {
      const store = new Store(stream.first as unknown as Snapshot);
      const changes = stream.changes as unknown as Change[];
      expect(changes.length).toBeGreaterThan(5);
      for (const change of changes) expect(store.receive(change)).toBe("applied");
      expect(plain(store.state)).toEqual(plain(fromSnapshot(stream.last as unknown as Snapshot)));
    });
  }
});
