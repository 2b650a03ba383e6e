"""The journey's tables as CSV files (one folder) and as an Excel workbook.

Both hold every table, with its id column first and its columns in schema order, and the
map's meta as key/value rows. They are lossless: ids, values, dtypes (restored from the
schema, not guessed), empty cells (missing values) and any Unicode come back the same.

CSV: UTF-8, one file per table (``steps.csv`` …) plus ``meta.csv``; an empty field is a
missing value. Booleans are ``true``/``false``, times ISO 8601 in UTC, floats in Python's
shortest exact form.

Excel: one sheet per table plus ``meta``, and first a readable ``map`` sheet (steps as
columns, lanes as rows) in the workshop layout :func:`journeywidgets.io.grid.from_grid`
reads. Every text cell is written as text, never as a formula: a card reading
``=HYPERLINK(...)`` stays those characters in Excel. Reading refuses cells holding
formulas. Errors name the file, the sheet and the cell (or the CSV line and column).
"""

from __future__ import annotations

import csv
import math
import os
import re
import shutil
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError

from ..model import TABLES, FileFormatError, Journey, ValidationError
from ..model.ops import Insert, Op
from ..model.schema import META, Column
from ..model.values import to_python
from .atomic import atomic_write_with
from .text_file import read_text

J = TypeVar("J", bound=Journey)
META_NAME = "meta"
MAP_SHEET = "map"
_INT = re.compile(r"[+-]?[0-9]+")


# -- one cell ------------------------------------------------------------------------------


def to_text(value: object) -> str | None:
    """A stored value as text (None for a missing value)."""
    value = to_python(value)
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return str(value)


def from_cell(column: Column, value: object) -> object:
    """A cell (text from CSV, or a typed Excel value) as the column's Python value, before
    the model checks it. Raises ValueError with a short reason."""
    if value is None or (isinstance(value, str) and value == ""):
        return None
    kind = column.kind
    if not isinstance(value, str):
        if kind in ("string", "id", "enum"):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"expected text, got {value!r}")
            return to_text(value)  # Excel turned a numeric-looking id into a number
        return value
    if kind == "int":
        if not _INT.fullmatch(value.strip()):
            raise ValueError(f"expected a whole number, got {value!r}")
        return int(value)
    if kind == "float":
        try:
            number = float(value)
        except ValueError:
            raise ValueError(f"expected a number, got {value!r}") from None
        if not math.isfinite(number):
            raise ValueError(f"expected a finite number, got {value!r}")
        return number
    if kind == "bool":
        lowered = value.strip().lower()
        if lowered not in ("true", "false"):
            raise ValueError(f"expected true or false, got {value!r}")
        return lowered == "true"
    return value


def _rows(journey: Journey, name: str) -> Iterator[list[str | None]]:
    spec = TABLES[name]
    frame = getattr(journey, name)
    columns = spec.column_names
    for row_id, values in zip(
        frame.index, frame[columns].itertuples(index=False, name=None), strict=True
    ):
        yield [str(row_id), *(to_text(v) for v in values)]


def _header(name: str) -> list[str]:
    spec = TABLES[name]
    return [spec.id_column, *spec.column_names]


def _meta_rows(journey: Journey) -> list[list[str | None]]:
    return [[key, to_text(value)] for key, value in journey.meta.items()]


# -- building a journey from rows --------------------------------------------------------


def _build(
    into: type[J],
    meta: Mapping[str, object],
    tables: Mapping[str, list[tuple[dict[str, object], Any]]],
    locate: Any,
) -> J:
    """``tables`` maps a table to (row, place) pairs; ``locate(place, column)`` makes the
    FileFormatError for a problem at that place."""
    ops: list[Op] = []
    places: dict[tuple[str, str], Any] = {}
    for name in TABLES:
        spec = TABLES[name]
        for row, place in tables.get(name, []):
            places[(name, str(row.get(spec.id_column)))] = place
            ops.append(Insert(name, row))
    try:
        return into._from_ops(meta, ops)
    except ValidationError as problem:
        place = places.get((problem.table or "", problem.row or ""))
        raise locate(problem.table, place, problem.column, problem.reason) from None


def _typed_row(
    name: str, header: list[str], cells: Sequence[object], fail: Any
) -> dict[str, object]:
    spec = TABLES[name]
    columns = {c.name: c for c in spec.columns}
    row: dict[str, object] = {}
    for position, (column_name, cell) in enumerate(zip(header, cells, strict=False)):
        if column_name == spec.id_column:
            column = Column(spec.id_column, "id", "")
        else:
            column = columns[column_name]
        try:
            value = from_cell(column, cell)
        except ValueError as error:
            raise fail(position, column_name, str(error)) from None
        if value is not None:
            row[column_name] = value
    return row


def _check_header(name: str, header: list[str], fail: Any) -> None:
    spec = TABLES[name]
    known = {spec.id_column, *spec.column_names}
    for position, column in enumerate(header):
        if column not in known:
            raise fail(
                position,
                column,
                f"unknown column {column!r}; {name} has {', '.join(_header(name))}",
            )
    if spec.id_column not in header:
        raise fail(0, spec.id_column, f"the id column {spec.id_column!r} is missing")
    if len(set(header)) != len(header):
        raise fail(0, None, "a column appears twice")


def _meta_from(pairs: list[tuple[object, object, Any]], fail: Any) -> dict[str, object]:
    meta: dict[str, object] = {}
    for key, value, place in pairs:
        if key not in META:
            raise fail(place, f"unknown meta field {key!r}; known: {', '.join(META)}")
        if value not in (None, ""):
            meta[str(key)] = value if isinstance(value, str) else to_text(value)
    return meta


# -- CSV -----------------------------------------------------------------------------------


def to_csv(journey: Journey, folder: str | os.PathLike[str]) -> Path:
    """Write ``meta.csv`` and one CSV per table into ``folder`` (created if needed)."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".journey-csv-", dir=target))
    try:
        files = {META_NAME: (["key", "value"], _meta_rows(journey))}
        for name in TABLES:
            files[name] = (_header(name), list(_rows(journey, name)))
        for name, (header, rows) in files.items():
            with (staging / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow(header)
                writer.writerows([["" if v is None else v for v in row] for row in rows])
        for name in files:  # each file replaces the old one in one rename
            os.replace(staging / f"{name}.csv", target / f"{name}.csv")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _read_csv_file(path: Path) -> list[list[str]]:
    text = read_text(path)
    try:
        return [row for row in csv.reader(text.splitlines(keepends=True), strict=True)]
    except csv.Error as error:
        raise FileFormatError(f"not valid CSV: {error}", path=str(path)) from None


def read_csv(folder: str | os.PathLike[str], *, into: type[J] = Journey) -> J:  # type: ignore[assignment]
    """Read a folder written by :func:`to_csv`. Errors name the file, line and column."""
    base = Path(folder)
    if not base.is_dir():
        raise FileFormatError("not a folder of journey CSV files", path=str(base))
    meta_path = base / f"{META_NAME}.csv"
    if not meta_path.exists():
        raise FileFormatError("meta.csv is missing (the map's title and settings)", path=str(base))
    meta_rows = _read_csv_file(meta_path)

    def meta_fail(line: int, reason: str) -> FileFormatError:
        return FileFormatError(reason, path=str(meta_path), line=line)

    if not meta_rows or meta_rows[0] != ["key", "value"]:
        raise meta_fail(1, "the first row must be: key,value")
    meta = _meta_from(
        [(r[0], r[1] if len(r) > 1 else None, n) for n, r in enumerate(meta_rows[1:], 2) if r],
        meta_fail,
    )

    tables: dict[str, list[tuple[dict[str, object], Any]]] = {}
    for name in TABLES:
        path = base / f"{name}.csv"
        if not path.exists():
            continue
        rows = _read_csv_file(path)
        if not rows:
            continue
        header = rows[0]

        def fail(
            position: int, column: str | None, reason: str, line: int = 1, p: Path = path
        ) -> FileFormatError:
            where = f"column {column!r}: " if column else ""
            return FileFormatError(where + reason, path=str(p), line=line, column=position + 1)

        _check_header(name, header, fail)
        tables[name] = []
        for line, cells in enumerate(rows[1:], 2):
            if not cells:
                continue
            if len(cells) != len(header):
                raise fail(0, None, f"{len(cells)} fields where the header has {len(header)}", line)
            row = _typed_row(
                name, header, cells, lambda pos, col, why, ln=line, f=fail: f(pos, col, why, ln)
            )
            tables[name].append((row, (path, line, header)))

    def locate(table: str | None, place: Any, column: str | None, reason: str) -> FileFormatError:
        if place is None:
            return FileFormatError(reason, path=str(base / f"{table or META_NAME}.csv"))
        path, line, header = place
        position = header.index(column) + 1 if column in header else None
        prefix = f"column {column!r}: " if column else ""
        return FileFormatError(prefix + reason, path=str(path), line=line, column=position)

    return _build(into, meta, tables, locate)


# -- Excel ----------------------------------------------------------------------------------


def _write_sheet(sheet: Any, header: list[str], rows: list[list[Any]]) -> None:
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([None] * len(row))
        for position, value in enumerate(row, 1):
            try:
                _set(sheet.cell(row=sheet.max_row, column=position), value)
            except IllegalCharacterError:
                bad = next(c for c in str(value) if ILLEGAL_CHARACTERS_RE.match(c))
                raise ValidationError(
                    f"Excel cannot hold the control character U+{ord(bad):04X}; remove it, "
                    "or save as .journey.json or CSV, which keep it",
                    table=sheet.title if sheet.title != META_NAME else "meta",
                    row=str(row[0]),
                    column=header[position - 1],
                ) from None
    sheet.freeze_panes = "B2"


def _set(cell: Any, value: object) -> None:
    """Put a value in a cell; text always as text (a leading '=' is not a formula)."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def _map_sheet(sheet: Any, journey: Journey) -> None:
    frame = journey.to_frame()
    steps = journey.steps
    stage_names = {str(k): str(v) for k, v in journey.stages["name"].items()}
    rows: list[list[object]] = [["Stage"], ["Step"]]
    previous = None
    for stage_id, name in zip(steps["stage_id"], steps["name"], strict=True):
        # A stage's name in its first column only, as workshop sheets (merged cells) do.
        rows[0].append(stage_names[str(stage_id)] if stage_id != previous else None)
        rows[1].append(str(name))
        previous = stage_id
    fixed = {"stage_id", "stage", "step", "moment_of_truth"}
    for column in frame.columns:
        if column in fixed:
            continue
        label = "Emotion" if column == "emotion" else str(column)
        if column == "emotion" and frame[column].isna().all():
            continue
        values = [to_python(v) for v in frame[column]]
        rows.append([label, *values])
    for row in rows:
        sheet.append([None] * len(row))
        for position, value in enumerate(row, 1):
            cell = sheet.cell(row=sheet.max_row, column=position)
            if isinstance(value, str):  # the map sheet is a view: drop what Excel cannot hold
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            _set(cell, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for position in range(1, len(steps) + 2):
        sheet.column_dimensions[get_column_letter(position)].width = 24 if position > 1 else 18
    for cell in sheet["A"]:
        cell.font = Font(bold=True)


def to_excel(journey: Journey, path: str | os.PathLike[str]) -> Path:
    """Write the journey as an ``.xlsx`` workbook (atomically); see the module doc."""
    workbook = Workbook()
    map_sheet = workbook.active
    assert map_sheet is not None  # a new workbook has one sheet
    map_sheet.title = MAP_SHEET
    _map_sheet(map_sheet, journey)
    _write_sheet(workbook.create_sheet(META_NAME), ["key", "value"], _meta_rows(journey))
    for name in TABLES:
        _write_sheet(workbook.create_sheet(name), _header(name), list(_rows(journey, name)))
    target = Path(path)
    atomic_write_with(target, workbook.save)
    return target


def read_excel(path: str | os.PathLike[str], *, into: type[J] = Journey) -> J:  # type: ignore[assignment]
    """Read a workbook written by :func:`to_excel`. Errors name the file, sheet and cell."""
    source = os.fspath(path)
    try:
        workbook = load_workbook(source, read_only=True, data_only=False)
    except FileNotFoundError:
        raise FileFormatError("no such file", path=source) from None
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise FileFormatError(
            f"not an Excel .xlsx workbook ({type(error).__name__}: {error})", path=source
        ) from None
    try:
        return _read_workbook(workbook, source, into)
    finally:
        workbook.close()


def _cells(sheet: Any, source: str) -> list[list[object]]:
    rows: list[list[object]] = []
    for row in sheet.iter_rows():
        values: list[object] = []
        for cell in row:
            if getattr(cell, "data_type", None) == "f":
                raise FileFormatError(
                    "holds a formula; journeywidgets reads values only (paste values instead)",
                    path=source,
                    sheet=sheet.title,
                    cell=cell.coordinate,
                )
            value = cell.value
            if (
                isinstance(value, str)
                and value.startswith("#")
                and getattr(cell, "data_type", None) == "e"
            ):
                raise FileFormatError(
                    f"holds the error {value}", path=source, sheet=sheet.title, cell=cell.coordinate
                )
            values.append(value)
        while values and values[-1] is None:
            values.pop()
        rows.append(values)
    while rows and not rows[-1]:
        rows.pop()
    return rows


def _read_workbook(workbook: Any, source: str, into: type[J]) -> J:
    if META_NAME not in workbook.sheetnames:
        raise FileFormatError(
            f"no {META_NAME!r} sheet: not a workbook written by journeywidgets "
            "(for a workshop grid use jw.from_grid)",
            path=source,
        )
    meta_rows = _cells(workbook[META_NAME], source)

    def meta_fail(row_number: int, reason: str) -> FileFormatError:
        return FileFormatError(reason, path=source, sheet=META_NAME, cell=f"A{row_number}")

    if not meta_rows or [str(v) for v in meta_rows[0][:2]] != ["key", "value"]:
        raise meta_fail(1, "the first row must be: key, value")
    meta = _meta_from(
        [(r[0], r[1] if len(r) > 1 else None, n) for n, r in enumerate(meta_rows[1:], 2) if r],
        meta_fail,
    )
    tables: dict[str, list[tuple[dict[str, object], Any]]] = {}
    for name in TABLES:
        if name not in workbook.sheetnames:
            continue
        rows = _cells(workbook[name], source)
        if not rows:
            continue
        header = [str(h) if h is not None else "" for h in rows[0]]

        def fail(
            position: int, column: str | None, reason: str, row_number: int = 1, sheet: str = name
        ) -> FileFormatError:
            where = f"column {column!r}: " if column else ""
            cell = f"{get_column_letter(position + 1)}{row_number}"
            return FileFormatError(where + reason, path=source, sheet=sheet, cell=cell)

        _check_header(name, header, fail)
        tables[name] = []
        for row_number, cells in enumerate(rows[1:], 2):
            if not cells:
                continue
            if len(cells) > len(header):
                raise fail(len(header), None, "a value outside the table's columns", row_number)
            row = _typed_row(
                name, header, cells, lambda pos, col, why, n=row_number, f=fail: f(pos, col, why, n)
            )
            tables[name].append((row, (name, row_number, header)))

    def locate(table: str | None, place: Any, column: str | None, reason: str) -> FileFormatError:
        if place is None:
            return FileFormatError(reason, path=source, sheet=table or META_NAME)
        sheet, row_number, header = place
        position = header.index(column) + 1 if column in header else 1
        prefix = f"column {column!r}: " if column else ""
        return FileFormatError(
            prefix + reason,
            path=source,
            sheet=sheet,
            cell=f"{get_column_letter(position)}{row_number}",
        )

    return _build(into, meta, tables, locate)
