"""Applying applied ops to DataFrames, and keeping rows in map order.

A journey keeps two sets of frames: the *committed* ones (what the last accepted operation
left) and the *live* ones it hands to users. Both receive the same applied ops through
:func:`apply_ops`. Live frames are changed in place, never replaced, so that a reference a
user holds (``steps = journey.steps``) keeps following the journey.
"""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any, cast

import numpy as np
import pandas as pd

from .ops import AppliedOp, Delete, Insert, SetMeta, Update
from .schema import TABLES, Table
from .values import frame_from_rows

Frames = MutableMapping[str, pd.DataFrame]


def replace_in_place(target: pd.DataFrame, source: pd.DataFrame) -> None:
    """Give ``target`` the rows of ``source`` while keeping ``target`` the same object.

    pandas has no public way to add many rows to a frame in place (``.loc`` enlargement
    takes one row at a time and copies the frame each time), so this uses the hook that
    pandas' own ``inplace=True`` methods use.
    """
    cast(Any, target)._update_inplace(source)


@dataclass(frozen=True)
class Step:
    """One run of same-kind ops on one table, prepared once for both sets of frames."""

    kind: str
    table: str
    ops: tuple[AppliedOp, ...]
    rows: pd.DataFrame | None = None


def plan(ops: Sequence[AppliedOp]) -> list[Step]:
    """Group ops into runs; runs of inserts get their rows built into one frame.

    Each table's frame is independent of the others, so ops are grouped by table first
    (keeping their order within a table); a batch that adds steps, cards and emotions in
    turn then costs one concat per table, not one per row.
    """
    by_table: dict[str, list[AppliedOp]] = {}
    for op in ops:
        if not isinstance(op, SetMeta):
            by_table.setdefault(op.table, []).append(op)
    steps = []
    for (kind, table_name), run in groupby(
        (op for table_ops in by_table.values() for op in table_ops),
        key=lambda op: (op.kind, _table(op)),
    ):
        run_ops = tuple(run)
        rows = None
        if kind == "insert":
            spec = TABLES[table_name]
            inserts = [op for op in run_ops if isinstance(op, Insert)]
            rows = frame_from_rows(
                spec,
                [str(op.row[spec.id_column]) for op in inserts],
                ({k: v for k, v in op.row.items() if k != spec.id_column} for op in inserts),
            )
        steps.append(Step(kind, table_name, run_ops, rows))
    return steps


def apply_ops(frames: Frames, steps: Sequence[Step], *, in_place: bool) -> None:
    """Apply planned ops to ``frames`` in order.

    With ``in_place`` the frame objects are kept (live frames); otherwise a table's frame may
    be replaced by a new one (committed frames, which nobody else holds).
    """

    def replace(name: str, new: pd.DataFrame) -> None:
        if in_place:
            replace_in_place(frames[name], new)
        else:
            frames[name] = new

    for step in steps:
        frame = frames[step.table]
        if step.rows is not None:
            replace(step.table, pd.concat([frame, step.rows]) if len(frame) else step.rows.copy())
        elif step.kind == "delete":
            replace(
                step.table, frame.drop(index=[op.id for op in step.ops if isinstance(op, Delete)])
            )
        else:
            for op in step.ops:
                assert isinstance(op, Update)
                for column, value in op.values.items():
                    frame.at[op.id, column] = pd.NA if value is None else value
    sort_in_map_order(
        frames, {step.table for step in steps if _may_reorder(step)}, in_place=in_place
    )


def _may_reorder(step: Step) -> bool:
    """Only new rows and changed positions or parents can put rows out of map order."""
    spec = TABLES[step.table]
    if not spec.ordered or step.kind == "delete":
        return False
    if step.kind == "insert":
        return True
    order_columns = {"position", *(spec.order_within or ())}
    return any(isinstance(op, Update) and order_columns & op.values.keys() for op in step.ops)


def _table(op: AppliedOp) -> str:
    assert not isinstance(op, SetMeta)
    return op.table


def sort_in_map_order(frames: Frames, touched: Iterable[str], *, in_place: bool) -> None:
    """Sort the rows of ordered tables as the map shows them.

    Steps follow their stage's order, then their own position; cards follow lane, then
    stage and step, then position. Row order is presentation only — ``position`` is the
    data — but a frame that reads like the map is what users expect to see. Only the
    ``touched`` tables and the tables ordered by them are sorted.
    """
    resort = set(touched)
    order_of: dict[str, pd.Index] = {}
    for name, spec in TABLES.items():
        if not spec.ordered:
            continue
        parents = [_parent_table(spec, column) for column in spec.order_within or ()]
        if name not in resort and not resort.intersection(parents):
            order_of[name] = frames[name].index
            continue
        resort.add(name)
        frame = frames[name]
        if name in parents:
            order = _tree_order(frame, spec.order_within[0])  # type: ignore[index]
        else:
            keys: list[np.ndarray] = []
            for column, parent in zip(spec.order_within or (), parents, strict=True):
                # get_indexer gives -1 for an empty parent (a step before any stage): first.
                keys.append(order_of[parent].get_indexer(frame[column].array))
            keys.append(frame["position"].to_numpy(dtype=float, na_value=np.inf))
            # np.lexsort sorts by the last key first.
            order = np.lexsort(keys[::-1]) if len(frame) else np.arange(0)
        if not np.array_equal(order, np.arange(len(frame))):
            if in_place:
                replace_in_place(frame, frame.iloc[order])
            else:
                frames[name] = frame.iloc[order]
        order_of[name] = frames[name].index


def _tree_order(frame: pd.DataFrame, parent_column: str) -> np.ndarray:
    """Row numbers of a tree (a table ordered within its own rows, like codes) in depth-first
    order: each row, then its children by position. Rows on a cycle come last."""
    children: dict[object, list[tuple[float, int]]] = {}
    positions = frame["position"].to_numpy(dtype=float, na_value=np.inf)
    index = {row_id: n for n, row_id in enumerate(frame.index)}
    for n, parent in enumerate(frame[parent_column].array):
        key = None if pd.isna(parent) or parent not in index else parent
        children.setdefault(key, []).append((positions[n], n))
    order: list[int] = []
    stack = sorted(children.get(None, []), reverse=True)
    while stack:
        _, n = stack.pop()
        order.append(n)
        stack += sorted(children.get(frame.index[n], []), reverse=True)
    seen = set(order)
    order += [n for n in range(len(frame)) if n not in seen]
    return np.asarray(order, dtype=np.intp)


def _parent_table(spec: Table, column: str) -> str:
    fk = spec.column(column).foreign_key
    assert fk is not None and fk.table is not None
    return fk.table
