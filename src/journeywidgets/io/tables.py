"""The journey's tables as CSV files (one folder) and as an Excel workbook.

Both hold every table, with its id column first and its columns in schema order, and the
map's meta as key/value rows. They are lossless: ids, values, dtypes (restored from the
schema, not guessed), empty cells (missing values) and any text a journey holds come back
the same (what text may hold: docs/file-format.md, "Characters").

CSV: UTF-8, one file per table (``steps.csv`` …) plus ``meta.csv``; an empty field is a
missing value. Booleans are ``true``/``false``, times ISO 8601 in UTC, floats in Python's
shortest exact form. Text that a spreadsheet would run as a formula (it begins with
``= + - @``, a tab, their full-width forms, or the guard itself) is written behind a
leading apostrophe, as OWASP advises against CSV injection; reading takes one leading
apostrophe off text, so the round trip is exact. The folder is saved atomically as a
whole (:func:`journeywidgets.io.atomic.atomic_folder`).

Excel: one sheet per table plus ``meta``, and first a readable ``map`` sheet (steps as
columns, lanes as rows) in the workshop layout :func:`journeywidgets.io.grid.from_grid`
reads. Every text cell is written as text, never as a formula: a card reading
``=HYPERLINK(...)`` stays those characters in Excel. Reading refuses cells holding
formulas, and reads every row a sheet holds, whatever its recorded size says.

Reading either needs every table (a missing file or sheet is refused, named), and reports
the first problem at its place: the file, line and column of a CSV, or the sheet and cell.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ..model import TABLES, FileFormatError, Journey, ValidationError
from ..model.ops import Insert, Op
from ..model.schema import META, Column
from ..model.values import saved_order, to_python
from .atomic import atomic_folder, atomic_write_with, recover
from .text_file import read_text

J = TypeVar("J", bound=Journey)
META_NAME = "meta"
MAP_SHEET = "map"
_INT = re.compile(r"[+-]?[0-9]{1,30}")
_TEXT_KINDS = ("string", "id", "enum")
_META_HEADER = ["key", "value"]
# Starts a formula in a spreadsheet (OWASP's list, with the full-width forms CJK input
# methods type), or is the guard itself (so that a text starting with it survives).
_FORMULA_START = tuple("=+-@\t\r'\uff1d\uff0b\uff0d\uff20")
_GUARD = "'"


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


def guard_formula(text: str) -> str:
    """Text for a CSV cell: behind an apostrophe when a spreadsheet would run it."""
    return _GUARD + text if text.startswith(_FORMULA_START) else text


def from_cell(column: Column, value: object) -> object:
    """A cell (text from CSV, or a typed Excel value) as the column's Python value, before
    the model checks it. Raises ValueError with a short reason."""
    if value is None or (isinstance(value, str) and value == ""):
        return None
    kind = column.kind
    if not isinstance(value, str):
        if kind in _TEXT_KINDS:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"expected text, got {value!r}")
            return to_text(value)  # Excel turned a numeric-looking id into a number
        return value
    if kind == "int":
        if not _INT.fullmatch(value.strip()):
            shown = value if len(value) <= 40 else value[:37] + "..."
            raise ValueError(f"expected a whole number, got {shown!r}")
        return int(value)
    if kind == "float":
        try:
            number = float(value)
        except ValueError:
            raise ValueError(f"expected a number, got {value[:40]!r}") from None
        if not math.isfinite(number):
            raise ValueError(f"expected a finite number, got {value[:40]!r}")
        return number
    if kind == "bool":
        lowered = value.strip().lower()
        if lowered not in ("true", "false"):
            raise ValueError(f"expected true or false, got {value[:40]!r}")
        return lowered == "true"
    return value


def _header(name: str) -> list[str]:
    spec = TABLES[name]
    return [spec.id_column, *spec.column_names]


def _columns(name: str) -> list[Column]:
    spec = TABLES[name]
    return [Column(spec.id_column, "id", "stable id"), *spec.columns]


def _column_texts(column: pd.Series, guard: bool) -> list[str | None]:
    """A column's cells as :func:`to_text` writes them, a column at a time (a large map has
    some 100,000 cells): text as it is, whole numbers and floats as Python writes them."""
    missing = column.isna().to_numpy()
    dtype = column.dtype
    if isinstance(dtype, pd.StringDtype):
        format_cell: Callable[[Any], str] = guard_formula if guard else str
    elif pd.api.types.is_bool_dtype(dtype):
        format_cell = _BOOL_TEXT.__getitem__
    elif pd.api.types.is_float_dtype(dtype):
        format_cell = repr
    elif pd.api.types.is_integer_dtype(dtype):
        format_cell = str
    else:
        format_cell = to_text  # type: ignore[assignment]  # times: not missing, so text
    return [
        None if gone else format_cell(value)
        for value, gone in zip(column.tolist(), missing, strict=True)
    ]


_BOOL_TEXT = {True: "true", False: "false"}


def _table_rows(journey: Journey, name: str, guard: bool) -> Iterator[list[str | None]]:
    """The table's rows as cells; text behind the formula guard when ``guard``."""
    spec = TABLES[name]
    frame = saved_order(spec, getattr(journey, name))
    ids = [guard_formula(str(i)) if guard else str(i) for i in frame.index]
    columns = [_column_texts(frame[column], guard) for column in spec.column_names]
    for cells in zip(ids, *columns, strict=True):
        yield list(cells)


def _meta_rows(journey: Journey, guard: bool) -> list[list[str | None]]:
    rows = []
    for key, value in journey.meta.items():
        text = to_text(value)
        if guard and text is not None and META[key].kind in _TEXT_KINDS:
            text = guard_formula(text)
        rows.append([key, text])
    return rows


# -- reading: one assembly for both formats -------------------------------------------------


@dataclass
class _Sheet:
    """One table as a file holds it: its header and its rows, each row with its number in
    the file (the CSV line, or the spreadsheet row)."""

    header: list[str]
    rows: list[tuple[int, Sequence[object]]]
    ragged: bool = False  # a short row is a row with empty cells at its end (Excel's way)


Where = Callable[[str, int | None, int | None, str], FileFormatError]
"""``where(table, row_number, column_index, reason)``: the error at that place in the file
(``column_index`` from 0; None when the whole table or row is meant)."""


def _assemble(
    into: type[J], sheets: Mapping[str, _Sheet | None], where: Where, *, guarded: bool
) -> J:
    """The journey the sheets hold, built in one batch through the model's pipeline, or
    the first problem at its place. ``guarded``: text cells carry the formula guard."""
    meta = _read_meta(sheets.get(META_NAME), where, guarded)
    ops: list[Op] = []
    places: dict[tuple[str, str], tuple[int | None, list[str]]] = {}
    for name in TABLES:
        sheet = sheets.get(name)
        if sheet is None:
            raise where(name, None, None, f"the {name} table is missing")
        _check_header(name, sheet.header, where)
        columns = {c.name: c for c in _columns(name)}
        id_column = TABLES[name].id_column
        for number, cells in sheet.rows:
            if len(cells) > len(sheet.header):
                raise where(name, number, len(sheet.header), "a value outside the columns")
            if len(cells) < len(sheet.header) and not sheet.ragged:
                raise where(
                    name, number, None, f"{len(cells)} fields where the header has "
                    f"{len(sheet.header)}"
                )  # fmt: skip
            row: dict[str, object] = {}
            for index, (column_name, cell) in enumerate(zip(sheet.header, cells, strict=False)):
                column = columns[column_name]
                if guarded and isinstance(cell, str) and column.kind in _TEXT_KINDS:
                    cell = cell.removeprefix(_GUARD)
                try:
                    value = from_cell(column, cell)
                except ValueError as error:
                    raise where(name, number, index, f"column {column_name!r}: {error}") from None
                if value is not None:
                    row[column_name] = value
            places[(name, str(row.get(id_column)))] = (number, sheet.header)
            ops.append(Insert(name, row))
    try:
        return into._from_ops(meta, ops)
    except ValidationError as problem:
        table = problem.table or META_NAME
        found, header = places.get((table, problem.row or ""), (None, []))
        at = header.index(problem.column) if problem.column in header else None
        prefix = f"column {problem.column!r}: " if problem.column else ""
        raise where(table, found, at, prefix + problem.reason) from None


def _read_meta(sheet: _Sheet | None, where: Where, guarded: bool) -> dict[str, object]:
    if sheet is None:
        raise where(META_NAME, None, None, "the meta table is missing (the map's title …)")
    if sheet.header[:2] != _META_HEADER or len(sheet.header) > 2:
        raise where(META_NAME, 1, 0, "the first row must be: key, value")
    meta: dict[str, object] = {}
    for number, cells in sheet.rows:
        if len(cells) > 2:
            raise where(META_NAME, number, 2, "a value outside the columns")
        key = cells[0] if cells else None
        value = cells[1] if len(cells) > 1 else None
        if key not in META:
            raise where(
                META_NAME, number, 0, f"unknown meta field {key!r}; known: {', '.join(META)}"
            )
        if isinstance(value, str) and guarded and META[str(key)].kind in _TEXT_KINDS:
            value = value.removeprefix(_GUARD)
        if value not in (None, ""):
            meta[str(key)] = value if isinstance(value, str) else to_text(value)
    return meta


def _check_header(name: str, header: list[str], where: Where) -> None:
    known = set(_header(name))
    for index, column in enumerate(header):
        if column not in known:
            raise where(
                name, 1, index, f"unknown column {column!r}; {name} has {', '.join(_header(name))}"
            )
    if TABLES[name].id_column not in header:
        raise where(name, 1, 0, f"the id column {TABLES[name].id_column!r} is missing")
    if len(set(header)) != len(header):
        raise where(name, 1, None, "a column appears twice")


# -- CSV -----------------------------------------------------------------------------------


def to_csv(journey: Journey, folder: str | os.PathLike[str]) -> Path:
    """Write ``meta.csv`` and one CSV per table into ``folder`` (created if needed), the
    folder as a whole atomically: a reader sees the old tables or the new ones."""
    version = journey.version
    files = {META_NAME: (_META_HEADER, _meta_rows(journey, guard=True))}
    for name in TABLES:
        files[name] = (_header(name), list(_table_rows(journey, name, guard=True)))

    def write(staging: Path) -> None:
        for name, (header, rows) in files.items():
            with (staging / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow(header)
                writer.writerows([["" if v is None else v for v in row] for row in rows])

    target = atomic_folder(folder, write)
    journey._record_save(target, version)
    return target


def _read_csv_file(path: Path) -> _Sheet | None:
    """The file's records, each with the line it starts on; None when there is no file.
    Only CR and LF end a record (``str.splitlines`` would split on U+2028 and more)."""
    if not path.exists():
        return None
    reader = csv.reader(io.StringIO(read_text(path), newline=""), strict=True)
    records: list[tuple[int, Sequence[object]]] = []
    start = 1
    try:
        for record in reader:
            if record:
                records.append((start, record))
            start = reader.line_num + 1
    except csv.Error as error:
        raise FileFormatError(f"not valid CSV: {error}", path=str(path), line=start) from None
    if not records:
        raise FileFormatError("the file is empty; it needs its header row", path=str(path))
    header = [str(h) for h in records[0][1]]
    return _Sheet(header, [(n, list(cells)) for n, cells in records[1:]])


def read_csv(folder: str | os.PathLike[str], *, into: type[J] = Journey) -> J:  # type: ignore[assignment]
    """Read a folder written by :func:`to_csv`. Errors name the file, line and column."""
    base = Path(folder)
    recover(base)
    if not base.is_dir():
        raise FileFormatError("not a folder of journey CSV files", path=str(base))
    sheets = {name: _read_csv_file(base / f"{name}.csv") for name in (META_NAME, *TABLES)}

    def where(table: str, line: int | None, index: int | None, reason: str) -> FileFormatError:
        if line is None and table in sheets and sheets[table] is None:
            reason = f"{table}.csv is missing ({reason})"
        return FileFormatError(
            reason,
            path=str(base / f"{table}.csv"),
            line=line,
            column=None if index is None else index + 1,
        )

    journey = _assemble(into, sheets, where, guarded=True)
    journey._record_save(base, journey.version)
    return journey


# -- Excel ----------------------------------------------------------------------------------


def _text_cell(sheet: Any, value: object, **style: Any) -> object:
    """``value`` as a cell of ``sheet``, text always as text: openpyxl would store a text
    beginning with ``=`` as a formula and one reading ``#N/A`` as an error. Plain values
    go as they are (the fast path of a write-only sheet)."""
    is_text = isinstance(value, str)
    if not style and not (isinstance(value, str) and (value[:1] == "=" or value in ERROR_CODES)):
        return value
    cell = WriteOnlyCell(sheet, value)  # type: ignore[arg-type]  # a cell's value: text, a number
    if is_text:
        cell.data_type = "s"
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def _write_sheet(sheet: Any, header: list[str], rows: Iterable[list[str | None]]) -> None:
    sheet.freeze_panes = "B2"
    bold = Font(bold=True)
    sheet.append([_text_cell(sheet, name, font=bold) for name in header])
    for row in rows:  # the model refuses the characters Excel cannot hold
        sheet.append(
            [
                _text_cell(sheet, value)
                if value is not None and value.startswith(("=", "#"))
                else value
                for value in row
            ]
        )


def _map_sheet(sheet: Any, journey: Journey) -> None:
    frame = journey.to_frame()
    steps = journey.steps
    stage_names = {str(k): str(v) for k, v in journey.stages["name"].items()}
    rows: list[list[object]] = [["Stage"], ["Step"]]
    previous: object = None
    for stage_id, name in zip(steps["stage_id"], steps["name"], strict=True):
        stage = to_python(stage_id)  # None: a step before any stage
        # A stage's name in its first column only, as workshop sheets (merged cells) do.
        rows[0].append(stage_names.get(str(stage)) if stage != previous else None)
        rows[1].append(str(name))
        previous = stage
    fixed = {"stage_id", "stage", "step", "moment_of_truth"}
    for column in frame.columns:
        if column in fixed:
            continue
        label = "Emotion" if column == "emotion" else str(column)
        if column == "emotion" and frame[column].isna().all():
            continue
        rows.append([label, *(to_python(v) for v in frame[column])])
    for position in range(1, len(steps) + 2):  # a write-only sheet takes widths first
        sheet.column_dimensions[get_column_letter(position)].width = 24 if position > 1 else 18
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)
    for heading, *values in rows:
        sheet.append(
            [
                _text_cell(sheet, heading, alignment=wrap, font=bold),
                *(None if v is None else _text_cell(sheet, v, alignment=wrap) for v in values),
            ]
        )


def to_excel(journey: Journey, path: str | os.PathLike[str]) -> Path:
    """Write the journey as an ``.xlsx`` workbook (atomically); see the module doc.

    The sheets are written row by row (openpyxl's write-only mode): a cell object per cell,
    kept for the whole workbook, made a large map three times slower to write."""
    version = journey.version
    workbook = Workbook(write_only=True)
    _map_sheet(workbook.create_sheet(MAP_SHEET), journey)
    _write_sheet(workbook.create_sheet(META_NAME), _META_HEADER, _meta_rows(journey, guard=False))
    for name in TABLES:
        _write_sheet(workbook.create_sheet(name), _header(name), _table_rows(journey, name, False))
    target = Path(path)
    atomic_write_with(target, workbook.save)
    journey._record_save(target, version)
    return target


def read_excel(path: str | os.PathLike[str], *, into: type[J] = Journey) -> J:  # type: ignore[assignment]
    """Read a workbook written by :func:`to_excel`. Errors name the file, sheet and cell."""
    source = os.fspath(path)
    recover(source)
    try:
        workbook = load_workbook(source, read_only=True, data_only=False)
    except FileNotFoundError:
        raise FileFormatError("no such file", path=source) from None
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise FileFormatError(
            f"not an Excel .xlsx workbook ({type(error).__name__}: {error})", path=source
        ) from None
    try:
        if META_NAME not in workbook.sheetnames:
            raise FileFormatError(
                f"no {META_NAME!r} sheet: not a workbook written by journeywidgets "
                "(for a workshop grid use jw.from_grid)",
                path=source,
            )
        sheets = {
            name: _read_sheet(workbook[name], source) if name in workbook.sheetnames else None
            for name in (META_NAME, *TABLES)
        }
    finally:
        workbook.close()

    def where(table: str, row: int | None, index: int | None, reason: str) -> FileFormatError:
        cell = None if row is None else f"{get_column_letter((index or 0) + 1)}{row}"
        if row is None and sheets.get(table) is None:
            reason = f"no {table!r} sheet ({reason})"
            return FileFormatError(reason, path=source)
        return FileFormatError(reason, path=source, sheet=table, cell=cell)

    journey = _assemble(into, sheets, where, guarded=False)
    journey._record_save(source, journey.version)
    return journey


def formula_or_error(cell: Any) -> str | None:
    """Why a cell cannot be read as a value (it holds a formula or an error), or None."""
    kind = getattr(cell, "data_type", None)
    if kind == "f":
        return "holds a formula; journeywidgets reads values only (paste values instead)"
    if kind == "e":
        return f"holds the error {cell.value}"
    return None


def _read_sheet(sheet: Any, source: str) -> _Sheet:
    """Every row the sheet holds. The recorded size (``<dimension>``) is not trusted: a
    sheet whose rows go beyond it would otherwise be read in part."""
    sheet.reset_dimensions()
    rows: list[tuple[int, Sequence[object]]] = []
    for number, row in enumerate(sheet.iter_rows(), 1):
        values: list[object] = []
        for cell in row:
            problem = formula_or_error(cell)
            if problem is not None:
                raise FileFormatError(problem, path=source, sheet=sheet.title, cell=cell.coordinate)
            values.append(cell.value)
        while values and values[-1] is None:
            values.pop()
        if values:
            rows.append((number, values))
    if not rows:
        return _Sheet([], [], ragged=True)
    header = [str(h) if h is not None else "" for h in rows[0][1]]
    return _Sheet(header, rows[1:], ragged=True)
