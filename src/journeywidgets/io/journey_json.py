"""``.journey.json``: the journey's own file format.

Layout (see docs/file-format.md): a header (``format``, ``schema_version``), the map's
``meta`` fields, and ``tables`` with one JSON object per row, one row per line, keys in
schema order, empty cells left out. Git diffs of a saved map therefore show exactly the
rows that changed.

Reading validates the document against the published JSON Schema, then builds the journey
in one batch through the model's operation pipeline, so a file obeys exactly the rules an
edit obeys. The first problem is reported with its JSON path, and nothing is loaded.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import jsonschema

from ..model import FileFormatError, Insert, Journey, ValidationError
from ..model.ops import to_json_value
from ..model.schema import TABLES
from ..model.values import saved_order, to_python
from .atomic import atomic_open
from .json_schema import FORMAT_NAME, SCHEMA_VERSION, published_schema
from .migrations import MIGRATIONS
from .text_file import read_text

J = TypeVar("J", bound=Journey)


# -- writing --------------------------------------------------------------------------


def to_document(journey: Journey) -> dict[str, Any]:
    """The journey as a JSON-able dict in the file's layout (also a widget's snapshot)."""
    meta = {k: to_json_value(v) for k, v in journey.meta.items() if v is not None}
    tables: dict[str, list[dict[str, Any]]] = {}
    for name, spec in TABLES.items():
        frame = saved_order(spec, getattr(journey, name))
        columns = spec.column_names
        rows = []
        for row_id, values in zip(
            frame.index, frame[columns].itertuples(index=False, name=None), strict=True
        ):
            row: dict[str, Any] = {spec.id_column: str(row_id)}
            for column, value in zip(columns, values, strict=True):
                value = to_python(value)
                if value is not None:
                    row[column] = to_json_value(value)
            rows.append(row)
        tables[name] = rows
    return {"format": FORMAT_NAME, "schema_version": SCHEMA_VERSION, "meta": meta, "tables": tables}


def dumps(journey: Journey) -> str:
    """The journey as ``.journey.json`` text."""
    document = to_document(journey)

    def line(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)

    parts = [
        "{",
        f'  "format": {line(document["format"])},',
        f'  "schema_version": {line(document["schema_version"])},',
        '  "meta": {',
        ",\n".join(f"    {line(k)}: {line(v)}" for k, v in document["meta"].items()),
        "  },",
        '  "tables": {',
    ]
    table_parts = []
    for name, rows in document["tables"].items():
        if rows:
            body = ",\n".join(f"      {line(row)}" for row in rows)
            table_parts.append(f"    {line(name)}: [\n{body}\n    ]")
        else:
            table_parts.append(f"    {line(name)}: []")
    parts += [",\n".join(table_parts), "  }", "}"]
    return "\n".join(p for p in parts if p) + "\n"


def save(journey: Journey, path: str | os.PathLike[str]) -> Path:
    """Write ``journey`` to ``path`` atomically (UTF-8); returns the path."""
    version = journey.version
    text = dumps(journey)
    target = Path(path)
    with atomic_open(target, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    journey._record_save(target, version)
    return target


# -- reading --------------------------------------------------------------------------


@cache
def _validator() -> jsonschema.protocols.Validator:
    # Imported on first load, not with the package: jsonschema's format checkers take
    # about a second to import, which every kernel start would otherwise pay.
    import jsonschema

    schema = published_schema()
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _pointer(parts: Any) -> str:
    return "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def from_document(document: object, *, into: type[J] = Journey, source: str | None = None) -> J:  # type: ignore[assignment]
    """Build a journey from a parsed document. Raises FileFormatError, naming the JSON path."""
    if not isinstance(document, dict):
        raise FileFormatError("a journey file must hold a JSON object", path=source, pointer="/")
    if document.get("format") != FORMAT_NAME:
        # Say what the file is when it is plainly something else (a notebook is the usual
        # mistake: `journeywidgets render analysis.ipynb`), and what a journey file is.
        what = "a Jupyter notebook, " if "nbformat" in document and "cells" in document else ""
        raise FileFormatError(
            f'{what}not a journey file: a .journey.json holds "format": '
            f'"{FORMAT_NAME}" (here: {document.get("format")!r}); journeys are read from '
            ".journey.json, Mermaid .mmd, .xlsx workbooks and CSV folders",
            path=source,
            pointer="/format",
        )
    version = document.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise FileFormatError(
            "schema_version must be a whole number", path=source, pointer="/schema_version"
        )
    if version > SCHEMA_VERSION:
        raise FileFormatError(
            f"written by a newer journeywidgets (schema version {version}; this one reads up to "
            f"{SCHEMA_VERSION}); upgrade journeywidgets to read it",
            path=source,
            pointer="/schema_version",
        )
    while version < SCHEMA_VERSION:
        if version not in MIGRATIONS:
            raise FileFormatError(
                f"no migration from schema version {version}",
                path=source,
                pointer="/schema_version",
            )
        document = MIGRATIONS[version](document)
        version += 1
        document["schema_version"] = version

    from jsonschema.exceptions import best_match

    error = best_match(_validator().iter_errors(document))
    if error is not None:
        raise FileFormatError(error.message, path=source, pointer=_pointer(error.absolute_path))

    tables: Mapping[str, list[dict[str, Any]]] = document["tables"]
    where: dict[tuple[str, str], int] = {}
    ops = []
    for name in TABLES:
        for index, row in enumerate(tables.get(name, [])):
            where[(name, row[TABLES[name].id_column])] = index
            ops.append(Insert(name, row))
    try:
        return into._from_ops(document["meta"], ops)
    except ValidationError as problem:
        if problem.table == "meta" or problem.table is None:
            parts: list[Any] = ["meta", problem.column] if problem.column else ["meta"]
        else:
            parts = ["tables", problem.table]
            if problem.row is not None and (problem.table, problem.row) in where:
                parts.append(where[(problem.table, problem.row)])
            if problem.column is not None:
                parts.append(problem.column)
        raise FileFormatError(problem.reason, path=source, pointer=_pointer(parts)) from None


class _HugeNumber(float):
    """An integer literal too long to be any value of a journey (Python refuses to read
    one of over 4,300 digits at all). Kept as infinity, so the schema or the model refuses
    it at its JSON path; named by its length in the message."""

    digits = 0

    def __repr__(self) -> str:
        return f"a {self.digits:,}-digit number"


def _parse_int(literal: str) -> int | float:
    if len(literal) <= 30:
        return int(literal)
    huge = _HugeNumber("-inf" if literal.startswith("-") else "inf")
    huge.digits = len(literal.lstrip("-"))
    return huge


_NESTING = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
MAX_NESTING = 64
"""Arrays and objects nest at most this deep (a journey file needs 4)."""


def _too_deep(text: str) -> tuple[int, int] | None:
    """Where nesting first goes deeper than MAX_NESTING, as (line, column), or None."""
    depth = 0
    for token in _NESTING.finditer(text):
        mark = token[0]
        if mark in "[{":
            depth += 1
            if depth > MAX_NESTING:
                offset = token.start()
                return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)
        elif mark in "]}":
            depth -= 1
    return None


def loads(text: str, *, into: type[J] = Journey, source: str | None = None) -> J:  # type: ignore[assignment]
    """Read a journey from ``.journey.json`` text."""
    deep = _too_deep(text)
    if deep is not None:
        raise FileFormatError(
            f"arrays and objects nest more than {MAX_NESTING} deep; a journey needs 4",
            path=source,
            line=deep[0],
            column=deep[1],
        )
    try:
        document = json.loads(text, parse_int=_parse_int)
    except json.JSONDecodeError as error:
        raise FileFormatError(
            f"not valid JSON: {error.msg}", path=source, line=error.lineno, column=error.colno
        ) from None
    return from_document(document, into=into, source=source)


def load(path: str | os.PathLike[str], *, into: type[J] = Journey) -> J:  # type: ignore[assignment]
    """Read a journey from a ``.journey.json`` file."""
    journey = loads(read_text(path), into=into, source=os.fspath(path))
    journey._record_save(path, journey.version)
    return journey


__all__ = ["MIGRATIONS", "dumps", "from_document", "load", "loads", "save", "to_document"]
