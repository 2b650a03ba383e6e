// What a map view needs from the place it is mounted in, and the one session per model.
//
// A host is anywidget's model API (get/set/on/off/send/save_changes), so in a notebook the
// widget model itself is the host; outside a notebook (a standalone page, a document
// editor) anything with these six methods can mount the same view.

import type { MarksView } from "./findings";
import type { Op, Row, Snapshot, State } from "./ops";
import type { Presentation } from "./presentation";
import type { SavedFile } from "./save_state";
import { type Change, Store } from "./store";

/** The traits the kernel's JourneyMap syncs (journeywidgets/widgets/journey_map.py). */
export type MapTraits = {
  _snapshot: Snapshot;
  _presentation: Presentation;
  selected: string[];
  visible_lanes: string[] | null;
  personas: string[] | null;
  mode: "edit" | "compact" | "present";
  zoom: number;
  /** Where the kernel last saved the journey (save_state.ts); absent where no kernel is. */
  _saved?: SavedFile;
  /** Findings or a comparison marked on the items (teaching/findings_view.py). */
  _findings?: MarksView | null;
};

type Handler = (...args: never[]) => void;

/** The anywidget model API a view is mounted on. */
export interface Host<T extends Record<string, unknown> = MapTraits> {
  get<K extends keyof T & string>(key: K): T[K];
  set<K extends keyof T & string>(key: K, value: T[K]): void;
  on(event: string, handler: Handler): void;
  off(event: string, handler: Handler): void;
  send(content: unknown): void;
  save_changes(): void;
}

/** A refusal from the kernel, with where it happened (widgets/protocol.py). */
export type Rejection = {
  type: "rejected";
  request: string | null;
  message: string;
  reason?: string;
  table: string | null;
  row: string | null;
  column: string | null;
};

type Message = Change | { type: "snapshot"; snapshot: Snapshot } | Rejection;

let sessions = 0;

/**
 * One per widget model, shared by all its views: the journey's store, the requests sent,
 * and the routing of the kernel's answers. Created in anywidget's ``initialize``.
 */
export class Session {
  readonly store: Store;
  private requests = 0;
  private readonly id = `${Date.now().toString(36)}-${++sessions}`;
  /** request → the view that sent it, so that only that view shows a refusal. */
  private readonly askers = new Map<string, (rejection: Rejection) => void>();
  private readonly onMessage: (message: Message) => void;
  private readonly onSnapshot: () => void;
  private readonly keepSnapshot: () => void;

  constructor(readonly host: Host) {
    this.store = new Store(host.get("_snapshot"));
    const written = new SnapshotWriter();
    this.keepSnapshot = this.store.subscribe((state) => written.into(host.get("_snapshot"), state));
    this.onMessage = (message) => {
      if (message.type === "change") {
        if (this.store.receive(message) === "gap") this.sync();
      } else if (message.type === "snapshot") {
        this.store.reset(message.snapshot);
      } else if (message.type === "rejected" && message.request !== null) {
        const asker = this.askers.get(message.request);
        this.askers.delete(message.request);
        asker?.(message);
      }
    };
    this.onSnapshot = () => this.store.reset(host.get("_snapshot"));
    host.on("msg:custom", this.onMessage);
    host.on("change:_snapshot", this.onSnapshot);
    // A model created late, or after a reload, may hold an old snapshot: ask to catch up.
    this.sync();
  }

  /** Send ops to the kernel; ``onRejected`` hears if the kernel refuses them. */
  send(ops: Op[], onRejected: (rejection: Rejection) => void): string {
    const request = `${this.id}:${++this.requests}`;
    this.askers.set(request, onRejected);
    this.host.send({ type: "ops", request, ops });
    return request;
  }

  undo(): void {
    this.host.send({ type: "undo" });
  }

  redo(): void {
    this.host.send({ type: "redo" });
  }

  sync(): void {
    this.host.send({ type: "sync", version: this.store.state.version });
  }

  dispose(): void {
    this.keepSnapshot();
    this.host.off("msg:custom", this.onMessage);
    this.host.off("change:_snapshot", this.onSnapshot);
  }
}

/**
 * Keeps the model's ``_snapshot`` the journey its views show, so that a notebook saved
 * right after edits made only in the map holds them. The widget manager saves a notebook's
 * widget state from its models' attributes (ipywidgets' ``serialize_state`` reads
 * ``model.get_state()``), and the kernel refreshes ``_snapshot`` only after a cell runs.
 *
 * The snapshot is rewritten in place, not with ``set``: ipywidgets queues every ``set``
 * for the kernel, so the whole journey would cross the wire with the next selection's
 * ``save_changes``, and ``change:_snapshot`` would reset the store it came from. Tables
 * an edit did not touch keep their rows (applyOps shares their maps), so an edit costs
 * the rows of the tables it touched.
 */
class SnapshotWriter {
  private readonly rows = new WeakMap<Map<string, Row>, Row[]>();

  into(snapshot: Snapshot | undefined, state: State): void {
    if (snapshot === undefined || snapshot === null) return;
    const tables: Record<string, Row[]> = {};
    for (const [name, table] of Object.entries(state.tables)) {
      let rows = this.rows.get(table);
      if (rows === undefined) {
        rows = [...table.values()];
        this.rows.set(table, rows);
      }
      tables[name] = rows;
    }
    Object.assign(snapshot, {
      version: state.version,
      meta: { ...state.meta },
      tables,
      scale: state.scale,
      evidence: state.evidence,
    });
  }
}
