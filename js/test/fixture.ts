// Fixtures made by Python (scripts/generate_ts_fixtures.py, run by `make jstest`): the
// view is tested on what the kernel really sends, never on a hand-written copy.

import type { Snapshot } from "../src/ops";
import type { Presentation } from "../src/presentation";
import table from "./fixtures/presentation.json";
import small from "./fixtures/snapshot.json";

/** The presentation table as Python makes it. */
export const presentation = table as unknown as Presentation;

/** A small journey as the kernel sends it (a fresh copy each time). */
export function snapshot(): Snapshot {
  return structuredClone(small) as unknown as Snapshot;
}

/** The journey's version in the snapshot: the next change is ``version + 1``. */
export const VERSION = (small as { version: number }).version;
