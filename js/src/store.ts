// A view's copy of the journey, kept in step with the kernel by versioned changes.

import {
  type AppliedOp,
  applyEvidenceDelta,
  applyOps,
  type EvidenceDelta,
  type EvidenceView,
  fromSnapshot,
  type Scale,
  type Snapshot,
  type State,
} from "./ops";

export type Change = {
  type: "change";
  version: number;
  origin: string;
  ops: AppliedOp[];
  scale?: Scale;
  /** The whole evidence, when there was none before or is none now (null). */
  evidence?: EvidenceView | null;
  /** What changed of the evidence otherwise (widgets/evidence_view.py). */
  evidence_delta?: EvidenceDelta;
};

export type Outcome = "applied" | "stale" | "gap";

export class Store {
  state: State;
  private listeners = new Set<(state: State, ops: AppliedOp[] | null) => void>();

  constructor(snapshot: Snapshot) {
    this.state = fromSnapshot(snapshot);
  }

  /**
   * Take a change broadcast by the kernel. Changes are numbered; one that is not the next
   * number is either old news ("stale", ignored) or shows we missed some ("gap"): the
   * caller then asks the kernel for a snapshot.
   */
  receive(change: Change): Outcome {
    if (change.version <= this.state.version) return "stale";
    if (change.version !== this.state.version + 1) return "gap";
    const next = applyOps(this.state, change.ops);
    let evidence = change.evidence === undefined ? next.evidence : change.evidence;
    if (change.evidence_delta && evidence) evidence = applyEvidenceDelta(evidence, change.evidence_delta);
    this.state = { ...next, version: change.version, scale: change.scale ?? next.scale, evidence };
    this.emit(change.ops);
    return "applied";
  }

  /** Replace the state by a snapshot, unless it is older than what we have. */
  reset(snapshot: Snapshot): boolean {
    if (snapshot.version < this.state.version) return false;
    this.state = fromSnapshot(snapshot);
    this.emit(null);
    return true;
  }

  /** Call ``listener(state, ops)`` on every change; ops is null after a reset. */
  subscribe(listener: (state: State, ops: AppliedOp[] | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(ops: AppliedOp[] | null): void {
    for (const listener of this.listeners) listener(this.state, ops);
  }
}
