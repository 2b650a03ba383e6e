// The operation vocabulary, word for word as in Python (journeywidgets/model/ops.py).
//
// Views send ops as *requests* (an insert without id, a move). The kernel checks them,
// and answers every view with *applied* ops: insert with full rows, update, delete and
// set_meta. A move never comes back as a move — the kernel resolves it into position
// updates — so views need no ordering logic of their own.

export type Value = string | number | boolean | null;
export type Row = Record<string, Value>;

export type Insert = { op: "insert"; table: string; row: Row };
export type Update = { op: "update"; table: string; id: string; values: Row };
export type Delete = { op: "delete"; table: string; id: string };
export type Move = {
  op: "move";
  table: string;
  id: string;
  position: number;
  parent?: Row;
};
export type SetMeta = { op: "set_meta"; field: string; value: Value };

export type Op = Insert | Update | Delete | Move | SetMeta;
export type AppliedOp = Insert | Update | Delete | SetMeta;

export type Scale = {
  scale_id: string;
  min: number;
  max: number;
  neutral: number;
  integer_only: boolean;
  labels: Record<string, string>;
};

/** A journey as the kernel sends it: the .journey.json document plus what views need. */
export type Snapshot = {
  version: number;
  meta: Row;
  tables: Record<string, Row[]>;
  id_columns: Record<string, string>;
  scale: Scale;
  /** Evidence links and levels, derived in Python (widgets/evidence_view.py). */
  evidence?: EvidenceView | null;
};

/** [segment_id, target_table, target_id, via ("link" by hand, "codes" by code mapping)] */
export type EvidenceLink = [string, string, string, string];

export type EvidenceView = {
  links: EvidenceLink[];
  levels: Record<string, Record<string, string>>;
  rule: string;
};

/** What changed of the evidence in one change (a level null: the item is gone). */
export type EvidenceDelta = {
  added: EvidenceLink[];
  removed: EvidenceLink[];
  levels: Record<string, Record<string, string | null>>;
};

export function applyEvidenceDelta(view: EvidenceView, delta: EvidenceDelta): EvidenceView {
  const key = (link: EvidenceLink) => link.slice(0, 3).join("\u0000");
  const removed = new Set(delta.removed.map(key));
  const links = [...view.links.filter((link) => !removed.has(key(link))), ...delta.added];
  const levels: Record<string, Record<string, string>> = { ...view.levels };
  for (const [table, changed] of Object.entries(delta.levels)) {
    const next = { ...(levels[table] ?? {}) };
    for (const [id, level] of Object.entries(changed)) {
      if (level === null) delete next[id];
      else next[id] = level;
    }
    levels[table] = next;
  }
  return { ...view, links, levels };
}

/** The journey as a view holds it: rows by id, per table. */
export type State = {
  version: number;
  meta: Row;
  tables: Record<string, Map<string, Row>>;
  idColumns: Record<string, string>;
  scale: Scale;
  evidence: EvidenceView | null;
};

export function fromSnapshot(snapshot: Snapshot): State {
  const tables: Record<string, Map<string, Row>> = {};
  for (const [name, rows] of Object.entries(snapshot.tables)) {
    const idColumn = snapshot.id_columns[name] ?? "id";
    tables[name] = new Map(rows.map((row) => [String(row[idColumn]), row]));
  }
  return {
    version: snapshot.version,
    meta: { ...snapshot.meta },
    tables,
    idColumns: snapshot.id_columns,
    scale: snapshot.scale,
    evidence: snapshot.evidence ?? null,
  };
}

/**
 * Apply applied ops to a state, returning a new state. Tables that an op touches are
 * copied, the rest shared: never mutate a state that a view may still be showing.
 */
export function applyOps(state: State, ops: AppliedOp[]): State {
  const tables = { ...state.tables };
  const copied = new Set<string>();
  const meta = { ...state.meta };
  const table = (name: string): Map<string, Row> => {
    if (!copied.has(name)) {
      tables[name] = new Map(tables[name] ?? []);
      copied.add(name);
    }
    return tables[name] as Map<string, Row>;
  };
  for (const op of ops) {
    switch (op.op) {
      case "insert": {
        const idColumn = state.idColumns[op.table] ?? "id";
        table(op.table).set(String(op.row[idColumn]), { ...op.row });
        break;
      }
      case "update": {
        const rows = table(op.table);
        const current = rows.get(op.id);
        if (current === undefined) throw new Error(`update of unknown ${op.table} row ${op.id}`);
        rows.set(op.id, { ...current, ...op.values });
        break;
      }
      case "delete":
        table(op.table).delete(op.id);
        break;
      case "set_meta":
        meta[op.field] = op.value;
        break;
      default:
        throw new Error(`not an applied op: ${JSON.stringify(op)}`);
    }
  }
  return { ...state, tables, meta };
}
