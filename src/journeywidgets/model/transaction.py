"""Validating a batch of operations before anything changes.

A :class:`Transaction` reads the committed tables through an overlay of the rows its own
earlier operations touched, so an operation may refer to a row inserted earlier in the same
batch. It turns each requested op into *applied* ops (full rows, cascades spelled out, old
values kept) and checks the rules that span rows — unique positions, unique keys, scale
bounds — once, at the end. Only when the whole batch passes are the frames touched, so a
refused batch has nothing to roll back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from .errors import OperationError, ValidationError
from .ops import AppliedOp, Delete, Insert, Move, Op, SetMeta, Update
from .references import known_as, suggestion
from .scales import EmotionScale, get_scale
from .schema import META, TABLES, Column, Table, references_to, table
from .values import Value, coerce, coerce_row, is_missing, row_values

Row = dict[str, Value]
_SCORED = {"emotions": "score", "segments": "emotion", "code_mappings": "emotion"}
"""Columns that hold a score on the map's emotion scale."""


class Transaction:
    """One batch of operations, checked against ``frames`` and ``meta`` without changing them."""

    def __init__(
        self,
        frames: Mapping[str, pd.DataFrame],
        meta: Mapping[str, Value],
        new_id: Callable[[str, Callable[[str], bool]], str],
    ) -> None:
        self._frames = frames
        self.meta: dict[str, Value] = dict(meta)
        self._new_id = new_id
        self._rows: dict[str, dict[str, Row | None]] = {name: {} for name in TABLES}
        # Rows this batch inserted or changed, in batch order (a dict as an ordered set).
        self._touched: dict[str, dict[str, None]] = {name: {} for name in TABLES}
        self._reordered: set[str] = set()
        self._rekeyed: set[str] = set()
        self._scale_changed = False
        self.applied: list[AppliedOp] = []

    # -- reading through the overlay --------------------------------------------------

    def row(self, table_name: str, row_id: str) -> Row | None:
        """The row as it stands in this batch, or None if it does not exist."""
        rows = self._rows[table_name]
        if row_id in rows:
            return rows[row_id]
        frame = self._frames[table_name]
        if row_id not in frame.index:
            return None
        found = row_values(frame, row_id)
        rows[row_id] = found
        return found

    def exists(self, table_name: str, row_id: str) -> bool:
        return self.row(table_name, row_id) is not None

    def _near(self, table_name: str, given: str) -> str:
        """A did-you-mean for an unknown reference (only on the error path: it scans)."""
        if table_name not in self._frames:
            return ""
        return suggestion(given, known_as(self._frames[table_name], table_name))

    def where(self, table_name: str, conditions: Mapping[str, Value]) -> list[str]:
        """Ids of the rows whose columns equal ``conditions`` (None matches empty)."""
        frame = self._frames[table_name]
        mask = np.ones(len(frame), dtype=bool)
        for column, value in conditions.items():
            cells = frame[column].array
            if value is None:
                mask &= np.asarray(cells.isna())
            else:
                equal = cells == value
                mask &= (
                    equal.to_numpy(dtype=bool, na_value=False)
                    if hasattr(equal, "to_numpy")
                    else equal
                )
        overlay = self._rows[table_name]
        found = [i for i in frame.index[mask] if i not in overlay]
        found += [
            i
            for i, row in overlay.items()
            if row is not None and all(row.get(c) == v for c, v in conditions.items())
        ]
        return found

    @property
    def scale(self) -> EmotionScale:
        return get_scale(str(self.meta["emotion_scale"]))

    # -- operations -------------------------------------------------------------------

    def apply(self, op: Op) -> None:
        if isinstance(op, Insert):
            self._insert(table(op.table), dict(op.row))
        elif isinstance(op, Update):
            self._update(table(op.table), op.id, dict(op.values))
        elif isinstance(op, Delete):
            self._delete(table(op.table), op.id)
        elif isinstance(op, Move):
            self._move(table(op.table), op.id, op.position, dict(op.parent))
        elif isinstance(op, SetMeta):
            self._set_meta(op.field, op.value)
        else:
            raise OperationError(f"not an operation: {op!r}")

    def _insert(self, spec: Table, given: dict[str, Value]) -> None:
        row_id = given.pop(spec.id_column, None)
        if is_missing(row_id):
            row_id = self._new_id(spec.name, lambda i: self.exists(spec.name, i))
        row_id = coerce(Column(spec.id_column, "id", "", required=True), row_id)
        if self.exists(spec.name, row_id):
            raise ValidationError(
                "this id is already taken", table=spec.name, row=row_id, column=spec.id_column
            )
        # An empty value where the schema has a default means "not given".
        given = {k: v for k, v in given.items() if not (is_missing(v) and _has_default(spec, k))}
        row = coerce_row(spec, given, row=row_id)
        for column in spec.columns:
            if column.name not in row:
                if column.required and column.default is None and column.name != "position":
                    raise ValidationError(
                        "a value is required", table=spec.name, row=row_id, column=column.name
                    )
                row[column.name] = column.default
        self._check_references(spec, row_id, row, row)
        if spec.ordered and row["position"] is None:
            row["position"] = self._next_position(spec, row)
        self._check_row(spec, row_id, row)
        self._rows[spec.name][row_id] = row
        self._touched[spec.name][row_id] = None
        if spec.ordered:
            self._reordered.add(spec.name)
        if spec.unique_together:
            self._rekeyed.add(spec.name)
        self.applied.append(Insert(spec.name, {spec.id_column: row_id, **row}))

    def _update(self, spec: Table, row_id: str, given: dict[str, Value]) -> None:
        current = self._existing(spec, row_id)
        if spec.id_column in given:
            raise ValidationError(
                "ids are stable and cannot be changed; delete the row and insert a new one",
                table=spec.name,
                row=row_id,
                column=spec.id_column,
            )
        values = coerce_row(spec, given, row=row_id)
        changed = {k: v for k, v in values.items() if not _same(current[k], v)}
        if not changed:
            return
        self._check_references(spec, row_id, changed, {**current, **changed})
        merged = {**current, **changed}
        self._check_row(spec, row_id, merged)
        self._rows[spec.name][row_id] = merged
        self._touched[spec.name][row_id] = None
        if spec.ordered and ({"position", *(spec.order_within or ())} & changed.keys()):
            self._reordered.add(spec.name)
        if any(set(key) & changed.keys() for key in spec.unique_together):
            self._rekeyed.add(spec.name)
        old = {k: current[k] for k in changed}
        self.applied.append(Update(spec.name, row_id, changed, old=old))

    def _delete(self, spec: Table, row_id: str) -> None:
        current = self._existing(spec, row_id)
        # Dependents go first, so that undoing the batch (in reverse) restores the parent
        # before the rows that point at it.
        for other, column in references_to(spec.name):
            conditions: dict[str, Value] = {column.name: row_id}
            fk = column.foreign_key
            assert fk is not None
            if fk.table_column is not None:
                conditions[fk.table_column] = spec.name
            for dependent in self.where(other.name, conditions):
                if not self.exists(other.name, dependent):
                    continue  # already gone by another path of the cascade
                if fk.on_delete == "cascade":
                    self._delete(other, dependent)
                else:
                    self._update(other, dependent, {column.name: None})
        self._rows[spec.name][row_id] = None
        self._touched[spec.name].pop(row_id, None)
        self.applied.append(Delete(spec.name, row_id, old={spec.id_column: row_id, **current}))

    def _move(self, spec: Table, row_id: str, index: int, parent: dict[str, Value]) -> None:
        if not spec.ordered:
            raise OperationError(f"{spec.name} has no order; only ordered tables can be moved")
        current = self._existing(spec, row_id)
        within = spec.order_within or ()
        unknown = set(parent) - set(within)
        if unknown:
            allowed = ", ".join(within) or "none"
            raise ValidationError(
                f"cannot move by {', '.join(sorted(unknown))}; parent columns are: {allowed}",
                table=spec.name,
                row=row_id,
            )
        target = {c: current[c] for c in within} | coerce_row(spec, parent, row=row_id)
        siblings = sorted(
            (self._existing(spec, i)["position"], i)
            for i in self.where(spec.name, target)
            if i != row_id
        )
        order = [i for _, i in siblings]
        order.insert(max(0, min(index, len(order))), row_id)
        # Renumber only when needed: keep every sibling's position unless it collides.
        for position, sibling in enumerate(order):
            values: dict[str, Value] = {"position": position}
            if sibling == row_id:
                values |= {c: v for c, v in target.items() if not _same(current[c], v)}
            self._update(spec, sibling, values)

    def _set_meta(self, name: str, value: Value) -> None:
        column = META.get(name)
        if column is None:
            raise ValidationError(f"unknown meta field; fields are: {', '.join(META)}", column=name)
        try:
            value = coerce(column, value)
        except ValidationError as error:
            raise error.located(table="meta") from None
        if name == "emotion_scale":
            try:
                get_scale(str(value))
            except ValidationError as error:
                raise error.located(table="meta", column=name) from None
            self._scale_changed = True
        if _same(self.meta[name], value):
            return
        self.applied.append(SetMeta(name, value, old=self.meta[name]))
        self.meta[name] = value

    # -- checks -----------------------------------------------------------------------

    def _existing(self, spec: Table, row_id: str) -> Row:
        found = self.row(spec.name, row_id)
        if found is None:
            hint = suggestion(row_id, known_as(self._frames[spec.name], spec.name))
            raise ValidationError("no row has this id" + hint, table=spec.name, row=row_id)
        return found

    def _check_references(self, spec: Table, row_id: str, values: Row, row: Row) -> None:
        for name in values:
            fk = spec.column(name).foreign_key
            if fk is None:
                continue
            target = values[name]
            if target is None:
                continue
            target_table = fk.table if fk.table is not None else row[fk.table_column or ""]
            if not self.exists(str(target_table), str(target)):
                raise ValidationError(
                    f"refers to {target!r}, which is not in {target_table}"
                    + self._near(str(target_table), str(target)),
                    table=spec.name,
                    row=row_id,
                    column=name,
                )
        # A polymorphic reference changes meaning when its table column changes.
        for column in spec.columns:
            fk = column.foreign_key
            if fk and fk.table_column in values and column.name not in values:
                self._check_references(spec, row_id, {column.name: row[column.name]}, row)

    def _check_row(self, spec: Table, row_id: str, row: Row) -> None:
        if spec.exactly_one_of:
            given = [c for c in spec.exactly_one_of if row[c] is not None]
            if len(given) != 1:
                raise ValidationError(
                    f"set exactly one of {' or '.join(spec.exactly_one_of)}"
                    + (f" (both are set: {', '.join(given)})" if given else ""),
                    table=spec.name,
                    row=row_id,
                    column=spec.exactly_one_of[0],
                )

    @staticmethod
    def _check_score(spec: Table, row_id: str, row: Row, column: str, scale: EmotionScale) -> None:
        score = row[column]
        if score is None:
            return
        try:
            scale.check(float(score), aggregate=(row.get("n") or 1) > 1)
        except ValidationError as error:
            raise error.located(table=spec.name, row=row_id, column=column) from None

    def _next_position(self, spec: Table, row: Row) -> int:
        group = {c: row[c] for c in spec.order_within or ()}
        positions = [self._existing(spec, i)["position"] for i in self.where(spec.name, group)]
        return max(positions, default=-1) + 1

    def finish(self) -> list[AppliedOp]:
        """Check the rules that span rows, over the batch's end state; return the applied ops."""
        for name in self._reordered:
            spec = TABLES[name]
            self._check_unique(spec, ("position", *(spec.order_within or ())), "position")
        for name in self._rekeyed:
            spec = TABLES[name]
            for key in spec.unique_together:
                self._check_unique(spec, key, key[-1])
        # Scores are checked against the scale the batch ends with: a batch may change the
        # scale and the scores in either order (undo reverses the order).
        scale = self.scale
        for name, column in _SCORED.items():
            spec = TABLES[name]
            rows: Iterable[tuple[str, Row | None]]
            if self._scale_changed:
                rows = self._final_rows(spec, ("n", column) if name == "emotions" else (column,))
            else:
                rows = ((i, self._rows[name][i]) for i in self._touched[name])
            for row_id, row in rows:
                assert row is not None
                self._check_score(spec, row_id, row, column, scale)
        return self.applied

    def _final_rows(self, spec: Table, columns: Iterable[str]) -> Iterable[tuple[str, Row]]:
        """(id, row) of every row at the end of the batch, with just ``columns``."""
        columns = list(columns)
        frame = self._frames[spec.name]
        overlay = self._rows[spec.name]
        kept = frame.loc[~frame.index.isin(list(overlay)), columns]
        for row_id, values in zip(kept.index, kept.itertuples(index=False, name=None), strict=True):
            yield (
                str(row_id),
                dict(zip(columns, (None if is_missing(v) else v for v in values), strict=True)),
            )
        for row_id, row in overlay.items():
            if row is not None:
                yield row_id, {c: row[c] for c in columns}

    def _check_unique(self, spec: Table, key: tuple[str, ...], blame: str) -> None:
        """No two rows share the values of ``key``.

        A small batch looks up each row it touched; a large one (a file being loaded)
        checks the whole table at once.
        """
        overlay = self._rows[spec.name]
        touched = self._touched[spec.name]
        if len(touched) <= 32:
            # Newest first: the row that re-uses a value is the one to blame.
            for row_id in reversed(touched):
                row = overlay[row_id]
                assert row is not None
                same = self.where(spec.name, {c: row[c] for c in key})
                if len(same) > 1:
                    self._clash(spec, key, blame, row, sorted(same, key=lambda i: i != row_id))
            return
        frame = self._frames[spec.name]
        kept = frame.loc[~frame.index.isin(list(overlay)), list(key)]
        fresh = pd.DataFrame(
            [[row[c] for c in key] for row in overlay.values() if row is not None],
            index=[i for i, row in overlay.items() if row is not None],
            columns=list(key),
        )
        # Compare as objects so that an empty parent (a step before any stage) is one group.
        everything = pd.concat([kept.astype(object), fresh.astype(object)]).fillna("\0none")
        repeated = everything.duplicated(keep="first")
        if not repeated.any():
            return
        # Blame the row that re-uses a value (the later one), and name the one it clashes with.
        again = everything.index[repeated.to_numpy()][0]
        values = everything.loc[again]
        first = everything.index[(everything == values).all(axis=1).to_numpy()][0]
        row = {c: None if values[c] == "\0none" else values[c] for c in key}
        self._clash(spec, key, blame, row, [str(again), str(first)])

    @staticmethod
    def _clash(spec: Table, key: tuple[str, ...], blame: str, row: Row, same: list[str]) -> None:
        where = ", ".join(f"{c}={_show(row[c])}" for c in key if c != blame)
        raise ValidationError(
            f"{blame} {_show(row[blame])} is used by both {same[0]!r} and {same[1]!r}"
            + (f" ({where})" if where else ""),
            table=spec.name,
            row=same[0],
            column=blame,
        )


def _show(value: Any) -> str:
    return "empty" if value is None else repr(value)


def _has_default(spec: Table, name: str) -> bool:
    column = spec.by_name.get(name)
    return column is not None and column.default is not None


def _same(a: Value, b: Value) -> bool:
    """Equal as stored values: empty only equals empty, and True is not 1."""
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return bool(a == b)
