"""The diff: what changed between a table as committed and a frame a user edited.

Used for in-place edits of the live frames (``journey.sync()``, run after every notebook
cell) and for assignment (``journey.steps = df``). The result is plain operations, which
then go through the same pipeline as every other edit.

The common case — the same rows in the same order, same dtypes — is compared column by
column with vectorised array comparisons; only the cells that differ are looked at one by
one.
"""

from __future__ import annotations

import ctypes
from collections.abc import Mapping

import numpy as np
import pandas as pd

from .errors import ValidationError
from .ops import Delete, Insert, Op, Update
from .schema import TABLES, Table
from .values import Value, to_python


def normalise_frame(spec: Table, given: object) -> pd.DataFrame:
    """Check a user's frame has the table's shape; accept the id as a column too."""
    if not isinstance(given, pd.DataFrame):
        raise ValidationError(f"expected a DataFrame, got {type(given).__name__}", table=spec.name)
    frame = given
    if spec.id_column in frame.columns:
        if not isinstance(frame.index, pd.RangeIndex):
            raise ValidationError(
                f"{spec.id_column!r} is both a column and not the index; keep it in one place",
                table=spec.name,
                column=spec.id_column,
            )
        frame = frame.set_index(spec.id_column)
    extra = [c for c in frame.columns if c not in spec.by_name]
    if extra:
        hint = " (to add a row of the map, use journey.add_lane)" if spec.name == "steps" else ""
        raise ValidationError(
            f"unknown column; {spec.name} has: {', '.join(spec.column_names)}{hint}",
            table=spec.name,
            column=str(extra[0]),
        )
    missing = [c for c in spec.column_names if c not in frame.columns]
    if missing:
        raise ValidationError(
            "this column is missing; every column of the table must stay",
            table=spec.name,
            column=missing[0],
        )
    duplicated = frame.index[frame.index.duplicated()]
    if len(duplicated):
        raise ValidationError(
            "this id appears more than once", table=spec.name, row=str(duplicated[0])
        )
    missing_ids = frame.index.isna()
    if missing_ids.any():
        position = int(np.flatnonzero(missing_ids)[0])
        raise ValidationError(
            f"the row at position {position} has no id", table=spec.name, column=spec.id_column
        )
    return frame


def diff_table(
    name: str, committed: pd.DataFrame, edited: pd.DataFrame
) -> tuple[list[Op], list[Op], list[Op]]:
    """Operations that turn ``committed`` into ``edited``: (inserts, updates, deletes)."""
    spec = TABLES[name]
    edited = normalise_frame(spec, edited)
    if committed.empty and edited.empty:
        return [], [], []
    columns = spec.column_names
    if committed.index.equals(edited.index):
        old, new = committed, edited
        added: list[str] = []
        removed: list[str] = []
    else:
        old_ids, new_ids = committed.index, edited.index
        removed = [str(i) for i in old_ids[~old_ids.isin(new_ids)]]
        added = [str(i) for i in new_ids[~new_ids.isin(old_ids)]]
        common = old_ids[old_ids.isin(new_ids)]
        old, new = committed.loc[common], edited.loc[common]

    changes: dict[str, dict[str, Value]] = {}
    for column in columns:
        for position in _changed_positions(old[column], new[column]):
            row_id = str(old.index[position])
            changes.setdefault(row_id, {})[column] = to_python(new[column].iloc[position])

    inserts: list[Op] = []
    if added:
        rows = edited.loc[added, columns]
        for row_id, values in zip(added, rows.itertuples(index=False, name=None), strict=True):
            inserts.append(Insert(name, {spec.id_column: row_id, **_python_row(columns, values)}))
    updates: list[Op] = [Update(name, row_id, values) for row_id, values in changes.items()]
    deletes: list[Op] = [Delete(name, row_id) for row_id in removed]
    return inserts, updates, deletes


def diff_tables(
    committed: Mapping[str, pd.DataFrame], edited: Mapping[str, pd.DataFrame]
) -> list[Op]:
    """Operations for several tables, in an order the pipeline accepts.

    Inserts come first, parents before children (a new step may sit in a new stage); then
    updates (a step moved out of a stage before that stage is deleted); then deletes,
    children before parents (so a cascade never deletes a row another delete names).
    """
    inserts: list[Op] = []
    updates: list[Op] = []
    deletes: list[Op] = []
    for name in TABLES:
        if name in edited:
            i, u, d = diff_table(name, committed[name], edited[name])
            inserts += i
            updates += u
            deletes = d + deletes
    return inserts + updates + deletes


def _python_row(columns: list[str], values: tuple[object, ...]) -> dict[str, Value]:
    return {c: to_python(v) for c, v in zip(columns, values, strict=True)}


def _changed_positions(old: pd.Series, new: pd.Series) -> np.ndarray:
    """Positions where two aligned columns differ; empty equals empty."""
    if old.dtype != new.dtype:
        # pandas changed the column's dtype (e.g. a float written into an integer column):
        # compare every cell as Python objects, so that 2 and 2.0 are equal and 2.5 is not.
        return _verify(old, new, np.arange(len(old)))
    if old.dtype == "string" and getattr(old.dtype, "storage", None) == "python":
        # Cells nobody touched hold the very same string objects on both sides (copies,
        # concats and sorts copy references), so comparing references finds every
        # candidate at C speed; only candidates are compared by value. (Only for strings
        # stored as Python objects: Arrow-backed strings, pandas' default when pyarrow is
        # installed, are compared by value below — their Python objects are made afresh on
        # each conversion, so their addresses mean nothing.)
        return _verify(old, new, np.flatnonzero(_references(old) != _references(new)))
    a, b = old.array, new.array
    old_na = np.asarray(a.isna())
    new_na = np.asarray(b.isna())
    with np.errstate(invalid="ignore"):
        differs = a != b
    if isinstance(differs, pd.api.extensions.ExtensionArray):
        differs = differs.to_numpy(dtype=bool, na_value=True)
    differs = np.asarray(differs, dtype=bool) & ~(old_na & new_na)
    differs |= old_na != new_na
    return np.flatnonzero(differs)


def _references(column: pd.Series) -> np.ndarray:
    """The addresses of the Python objects in an object-backed column, as integers."""
    cells = np.ascontiguousarray(np.asarray(column.array, dtype=object))
    if not len(cells):
        return np.zeros(0, dtype=np.uintp)
    # numpy refuses to view references as integers, so read the same buffer through
    # ctypes; ``cells`` stays alive (and unchanged) for as long as the view is used here.
    addresses = (ctypes.c_size_t * len(cells)).from_address(cells.ctypes.data)
    return np.array(np.ctypeslib.as_array(addresses), dtype=np.uintp)


def _verify(old: pd.Series, new: pd.Series, candidates: np.ndarray) -> np.ndarray:
    """The candidate positions whose values really differ."""
    a, b = old.array, new.array
    return np.array(
        [i for i in candidates if not _equal_objects(to_python(a[i]), to_python(b[i]))],
        dtype=np.intp,
    )


def _equal_objects(x: object, y: object) -> bool:
    if x is None or y is None:
        return x is None and y is None
    if isinstance(x, (bool, str)) or isinstance(y, (bool, str)):
        return type(x) is type(y) and x == y
    try:
        return bool(x == y)
    except (TypeError, ValueError):
        return False
