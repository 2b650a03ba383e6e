"""Operations: the only way a journey changes.

Five kinds, shared word for word with the front-end (``js/src/ops.ts``):

``insert``   add a row: ``{"op": "insert", "table": "steps", "row": {...}}``
``update``   change cells of a row: ``{"op": "update", "table", "id", "values": {...}}``
``delete``   remove a row and what depends on it: ``{"op": "delete", "table", "id"}``
``move``     reorder a row among its siblings, possibly under a new parent:
             ``{"op": "move", "table", "id", "position": 0, "parent": {"stage_id": "stage_2"}}``
``set_meta`` set a map-level field: ``{"op": "set_meta", "field": "title", "value": "…"}``

Ops as requested may leave things out (an insert without id or position). The pipeline
answers with *applied* ops: full rows, ``move`` resolved into ``update`` of positions,
cascades spelled out, and the previous values kept in ``old`` so that history can invert
them. Applied ops are what views receive and what undo reverses.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

import pandas as pd

from .errors import OperationError
from .values import Value


@dataclass(frozen=True)
class Insert:
    """Add a row to ``table``: ``{"op": "insert", "table": …, "row": {…}}``."""

    table: str
    row: Mapping[str, Value]
    kind: Literal["insert"] = dataclasses.field(default="insert", init=False, repr=False)


@dataclass(frozen=True)
class Update:
    """Change cells of row ``id``; ``old`` holds the previous values once applied."""

    table: str
    id: str
    values: Mapping[str, Value]
    old: Mapping[str, Value] | None = None
    kind: Literal["update"] = dataclasses.field(default="update", init=False, repr=False)


@dataclass(frozen=True)
class Delete:
    """Remove row ``id`` (and what depends on it); ``old`` is the removed row once applied."""

    table: str
    id: str
    old: Mapping[str, Value] | None = None
    kind: Literal["delete"] = dataclasses.field(default="delete", init=False, repr=False)


@dataclass(frozen=True)
class Move:
    """Put row ``id`` at ``position`` among its siblings, under ``parent`` if given."""

    table: str
    id: str
    position: int
    parent: Mapping[str, Value] = dataclasses.field(default_factory=dict)
    kind: Literal["move"] = dataclasses.field(default="move", init=False, repr=False)


_UNSET: Any = object()


@dataclass(frozen=True)
class SetMeta:
    """Set the map-level ``field`` to ``value``; ``old`` is the previous value once applied."""

    field: str
    value: Value
    old: Value = _UNSET
    kind: Literal["set_meta"] = dataclasses.field(default="set_meta", init=False, repr=False)


Op: TypeAlias = Insert | Update | Delete | Move | SetMeta
AppliedOp: TypeAlias = Insert | Update | Delete | SetMeta


def inverse(op: AppliedOp) -> AppliedOp:
    """The op that undoes an applied op."""
    if isinstance(op, Insert):
        return Delete(op.table, _row_id(op), old=op.row)
    if isinstance(op, Delete):
        if op.old is None:
            raise OperationError("only applied delete ops (with the old row) can be inverted")
        return Insert(op.table, op.old)
    if isinstance(op, Update):
        if op.old is None:
            raise OperationError("only applied update ops (with old values) can be inverted")
        return Update(op.table, op.id, op.old, old=op.values)
    if op.old is _UNSET:
        raise OperationError("only applied set_meta ops (with the old value) can be inverted")
    return SetMeta(op.field, op.old, old=op.value)


def _row_id(op: Insert) -> str:
    from .schema import table

    return str(op.row[table(op.table).id_column])


# ---------------------------------------------------------------------------------------
# JSON wire format


def to_json_value(value: Value) -> Any:
    """A cell as JSON: timestamps become ISO 8601 text in UTC ("…Z")."""
    if isinstance(value, pd.Timestamp):
        return value.tz_convert("UTC").isoformat().replace("+00:00", "Z")
    return value


def _json_row(row: Mapping[str, Value]) -> dict[str, Any]:
    return {k: to_json_value(v) for k, v in row.items()}


def op_to_json(op: Op, *, with_old: bool = False) -> dict[str, Any]:
    """The op as a JSON-able dict. ``old`` values are left out unless asked for: views
    never need them, and leaving them out keeps an edit's message small."""
    if isinstance(op, Insert):
        return {"op": "insert", "table": op.table, "row": _json_row(op.row)}
    if isinstance(op, Update):
        out: dict[str, Any] = {
            "op": "update",
            "table": op.table,
            "id": op.id,
            "values": _json_row(op.values),
        }
        if with_old and op.old is not None:
            out["old"] = _json_row(op.old)
        return out
    if isinstance(op, Delete):
        out = {"op": "delete", "table": op.table, "id": op.id}
        if with_old and op.old is not None:
            out["old"] = _json_row(op.old)
        return out
    if isinstance(op, Move):
        return {
            "op": "move",
            "table": op.table,
            "id": op.id,
            "position": op.position,
            "parent": _json_row(op.parent),
        }
    out = {"op": "set_meta", "field": op.field, "value": to_json_value(op.value)}
    if with_old and op.old is not _UNSET:
        out["old"] = to_json_value(op.old)
    return out


def op_from_json(data: object) -> Op:
    """Read an op sent as JSON (by the front-end, or saved). Raises OperationError."""
    if not isinstance(data, Mapping):
        raise OperationError(f"an operation must be an object, got {data!r}")
    kind = data.get("op")

    def need(key: str, typ: type | tuple[type, ...]) -> Any:
        if key not in data:
            raise OperationError(f"{kind} operation is missing {key!r}")
        value = data[key]
        if not isinstance(value, typ) or (isinstance(value, bool) and typ is int):
            raise OperationError(f"{kind} operation: {key!r} has the wrong type ({value!r})")
        return value

    if kind == "insert":
        return Insert(need("table", str), dict(need("row", Mapping)))
    if kind == "update":
        return Update(need("table", str), need("id", str), dict(need("values", Mapping)))
    if kind == "delete":
        return Delete(need("table", str), need("id", str))
    if kind == "move":
        parent = data.get("parent", {})
        if not isinstance(parent, Mapping):
            raise OperationError(f"move operation: 'parent' must be an object, got {parent!r}")
        return Move(need("table", str), need("id", str), need("position", int), dict(parent))
    if kind == "set_meta":
        if "value" not in data:
            raise OperationError("set_meta operation is missing 'value'")
        return SetMeta(need("field", str), data["value"])
    raise OperationError(
        f"unknown operation {kind!r}; operations are: insert, update, delete, move, set_meta"
    )
