"""Values of the journey tables: checking one value against its column, and building frames.

``coerce`` is the single gate every value passes through on its way into a journey (from
a method, the widget, a diffed DataFrame or a file), so its rules are the schema's rules.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
from collections.abc import Iterable, Mapping
from typing import Any, cast

import numpy as np
import pandas as pd

from .errors import ValidationError
from .references import suggestion
from .schema import TEXT, Column, Table

Value = Any
"""A Python scalar as stored in a table: str, int, float, bool, pd.Timestamp or None."""

LARGEST_INTEGER = 2**53 - 1
"""Whole numbers are held within ±(2**53 − 1): every one of them is exact as a JavaScript
number (the widget) and as a float (pictures, CSV), and fits pandas' Int64."""

# The one text codec of every format (see docs/file-format.md, "Characters"): text may hold
# any Unicode scalar value except these, which are refused when the text enters a journey,
# so that no writer ever meets text a format cannot carry or a reader would read back
# differently. Tab and line feed are kept; carriage return is refused (XML, so Excel and
# SVG, and Mermaid turn it into a line feed); other C0 controls, DEL and the C1 controls
# (NEL among them, a line break to some readers) have no place in a map's text and break
# XML; lone surrogates cannot be written as UTF-8; U+FEFF (a byte-order mark) is taken
# away by readers at the start of a file and breaks PDF export; U+FFFE and U+FFFF are not
# characters in XML.
_REFUSED_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")
_REFUSED_NAMES = {
    "\r": "a carriage return (use \\n for a line break)",
    "\ufeff": "a byte-order mark",
}


def is_missing(value: object) -> bool:
    """True for None, pd.NA, NaT and NaN: everything a nullable column shows as empty."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def coerce(column: Column, value: object) -> Value:
    """Return ``value`` as column ``column`` stores it, or raise ValidationError.

    Empty values become None; so does empty text (``""``): a cleared cell is no text, and
    every file format then keeps it the same way. (A required column whose default is
    ``""``, a card's text, keeps it.) Text holding a character no format can carry is
    refused (:func:`check_text`). Numbers that pandas produced (numpy
    scalars, 2.0 in an integer column after an upcast) are accepted when they mean the
    same number.
    """
    if is_missing(value) or (isinstance(value, str) and value == "" and column.kind != "id"):
        if column.required:
            if value == "" and column.default == "":
                return ""  # the column's own default (a card's text): empty is allowed
            raise ValidationError("a value is required", column=column.name)
        return None
    kind = column.kind
    if kind in ("string", "id", "enum"):
        result: Value = _coerce_text(column, value)
    elif kind == "int":
        result = _coerce_int(column, value)
    elif kind == "float":
        result = _coerce_float(column, value)
    elif kind == "bool":
        if not isinstance(value, (bool, np.bool_)):
            raise ValidationError(f"expected true or false, got {value!r}", column=column.name)
        result = bool(value)
    else:
        result = _coerce_datetime(column, value)
    return result


def _coerce_text(column: Column, value: object) -> str:
    if not isinstance(value, str):
        raise ValidationError(
            f"expected text, got {type(value).__name__} {value!r}", column=column.name
        )
    text = str(value)  # a str subclass (numpy.str_) becomes a plain str
    check_text(text, column=column.name)
    if column.kind == "id":
        if not text or text != text.strip():
            raise ValidationError(
                f"an id must be non-empty with no surrounding spaces, got {text!r}",
                column=column.name,
            )
    elif column.kind == "enum":
        if text not in column.choices:
            raise ValidationError(
                f"{text!r} is not allowed; choose one of: {', '.join(column.choices)}"
                + suggestion(text, column.choices),
                column=column.name,
            )
    elif column.nonblank and not text.strip():
        raise ValidationError("must not be blank", column=column.name)
    if column.pattern is not None and not re.fullmatch(column.pattern, text):
        raise ValidationError(
            f"{text[:40]!r} is not {column.description}",
            column=column.name,
        )
    return text


def check_text(text: str, *, column: str | None = None) -> None:
    """Refuse text holding a character no format carries exactly (see ``_REFUSED_TEXT``)."""
    found = _REFUSED_TEXT.search(text)
    if found is None:
        return
    char = found[0]
    if "\ud800" <= char <= "\udfff":
        what = "a lone surrogate (not a character; it cannot be saved as UTF-8)"
    else:
        what = _REFUSED_NAMES.get(char, "a control character")
    raise ValidationError(
        f"U+{ord(char):04X}, {what}, at character {found.start() + 1} cannot be kept in text",
        column=column,
    )


def _short(value: object) -> str:
    """A number for a message, cut short: a 5,000-digit integer should not fill the screen."""
    shown = repr(value) if not isinstance(value, int) or abs(value) < 10**30 else "a huge number"
    return shown if len(shown) <= 40 else shown[:37] + "..."


def _coerce_int(column: Column, value: object) -> int:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise ValidationError(f"expected a whole number, got {_short(value)}", column=column.name)
    if isinstance(value, numbers.Integral):
        number = int(value)  # never through float: 10**400 has no float
    else:
        as_float = float(value)
        if not as_float.is_integer():  # NaN and infinities are not whole numbers either
            raise ValidationError(
                f"expected a whole number, got {_short(value)}", column=column.name
            )
        number = int(as_float)
    if abs(number) > LARGEST_INTEGER:
        raise ValidationError(
            f"{_short(number)} is outside the whole numbers a journey holds (±{LARGEST_INTEGER:,})",
            column=column.name,
        )
    _check_bounds(column, number)
    return number


def _coerce_float(column: Column, value: object) -> float:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise ValidationError(f"expected a number, got {_short(value)}", column=column.name)
    try:
        number = float(value)
    except OverflowError:  # an int beyond any float
        number = math.inf
    if math.isinf(number):
        raise ValidationError("must be a finite number", column=column.name)
    _check_bounds(column, number)
    return number


def _check_bounds(column: Column, number: float) -> None:
    if column.minimum is not None and number < column.minimum:
        raise ValidationError(
            f"{number:g} is below the minimum {column.minimum:g}", column=column.name
        )
    if column.maximum is not None and number > column.maximum:
        raise ValidationError(
            f"{number:g} is above the maximum {column.maximum:g}", column=column.name
        )


def _coerce_datetime(column: Column, value: object) -> pd.Timestamp:
    """Timestamps are stored in UTC; a value without a time zone is taken to be UTC."""
    if not isinstance(value, (str, dt.date, np.datetime64)):
        raise ValidationError(f"expected a date and time, got {value!r}", column=column.name)
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError) as error:
        raise ValidationError(
            f"cannot read {value!r} as a date and time ({error})", column=column.name
        ) from None
    if stamp is pd.NaT:
        raise ValidationError(f"cannot read {value!r} as a date and time", column=column.name)
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    return cast(pd.Timestamp, stamp.as_unit("us"))


def coerce_row(table: Table, values: Mapping[str, object], *, row: str | None) -> dict[str, Value]:
    """Coerce every given column of a row; unknown columns are refused."""
    out: dict[str, Value] = {}
    for name, value in values.items():
        column = table.by_name.get(name)
        if column is None:
            raise ValidationError(
                f"unknown column; {table.name} has: {', '.join(table.column_names)}",
                table=table.name,
                row=row,
                column=name,
            )
        try:
            out[name] = coerce(column, value)
        except ValidationError as error:
            raise error.located(table=table.name, row=row) from None
    return out


def empty_frame(table: Table) -> pd.DataFrame:
    """A table with no rows, its columns typed and its index named after the id column."""
    return frame_from_rows(table, [], [])


def frame_from_rows(
    table: Table, ids: list[str], rows: Iterable[Mapping[str, Value]]
) -> pd.DataFrame:
    """Build a typed frame from already-coerced rows (missing columns are empty)."""
    rows = list(rows)
    data = {
        c.name: pd.Series([r.get(c.name) for r in rows], dtype=c.dtype).array for c in table.columns
    }
    index = pd.Index(ids, dtype=TEXT, name=table.id_column)
    return pd.DataFrame(data, index=index)  # type: ignore[no-any-return]


def _natural(row_id: object) -> tuple[tuple[int, int | str], ...]:
    """ "card_9" before "card_10": digit runs compare as numbers."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part)
        for part in re.split(r"([0-9]+)", str(row_id))
        if part
    )


def saved_order(table: Table, frame: pd.DataFrame) -> pd.DataFrame:
    """The table's rows in the order every file writes them: an ordered table as the model
    keeps it (by position), any other by id (natural order). The order of an unordered
    frame is an accident of its history (an undone delete puts the row back at the end);
    files written in it would differ where nothing changed."""
    if table.ordered or frame.index.is_monotonic_increasing:
        return frame
    order = sorted(range(len(frame)), key=lambda i: _natural(frame.index[i]))
    return cast(pd.DataFrame, frame.iloc[order])


def row_values(frame: pd.DataFrame, row_id: str) -> dict[str, Value]:
    """One row as plain Python values (None for empty), in column order."""
    cells = frame.iloc[frame.index.get_loc(row_id)]
    return {name: to_python(value) for name, value in zip(frame.columns, cells, strict=True)}


def to_python(value: object) -> Value:
    """A table cell as a plain Python value: numpy scalars unwrapped, empties to None."""
    if is_missing(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value
