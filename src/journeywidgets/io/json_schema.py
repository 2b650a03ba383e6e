"""The JSON Schema of ``.journey.json``, generated from the model's table declarations.

The published file ``schemas/journey.schema.json`` is this function's output; a test keeps
the two identical (regenerate with ``python -m journeywidgets.io.json_schema``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from ..model.schema import META, TABLES, Column
from ..model.values import LARGEST_INTEGER

SCHEMA_VERSION = 2
FORMAT_NAME = "journeywidgets"
SCHEMA_FILE = Path(__file__).with_name("schemas") / "journey.schema.json"

_ID_PATTERN = r"^\S(.*\S)?$"


def _column_schema(column: Column) -> dict[str, Any]:
    nullable = not column.required or column.default is not None
    schema: dict[str, Any] = {"description": column.description}
    if column.kind == "enum":
        schema["enum"] = [*column.choices, *([None] if nullable else [])]
        return schema
    json_type = {
        "id": "string",
        "string": "string",
        "datetime": "string",
        "int": "integer",
        "float": "number",
        "bool": "boolean",
    }[column.kind]
    schema["type"] = [json_type, "null"] if nullable else json_type
    if column.kind == "id":
        schema["pattern"] = _ID_PATTERN
    if column.kind == "datetime":
        schema["format"] = "date-time"
    if column.nonblank:
        schema["pattern"] = r"\S"
    if column.pattern is not None:
        schema["pattern"] = f"^{column.pattern}$"
    minimum, maximum = column.minimum, column.maximum
    if column.kind == "int":
        minimum = -LARGEST_INTEGER if minimum is None else minimum
        maximum = LARGEST_INTEGER if maximum is None else maximum
    if minimum is not None:
        schema["minimum"] = minimum
    if maximum is not None:
        schema["maximum"] = maximum
    return schema


def journey_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) a ``.journey.json`` document must satisfy."""
    tables: dict[str, Any] = {}
    for name, spec in TABLES.items():
        properties = {
            spec.id_column: {"type": "string", "pattern": _ID_PATTERN, "description": "stable id"}
        }
        properties |= {c.name: _column_schema(c) for c in spec.columns}
        required = [spec.id_column] + [
            c.name
            for c in spec.columns
            if c.required and c.default is None and c.name != "position"
        ]
        tables[name] = {
            "description": spec.description,
            "type": "array",
            "items": {
                "type": "object",
                "properties": properties,
                "required": required,
                "additionalProperties": False,
            },
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://journeywidgets.dev/schema/journey-{SCHEMA_VERSION}.schema.json",
        "title": "journeywidgets journey map",
        "description": "A customer journey map: map fields (meta) and tables of rows.",
        "type": "object",
        "required": ["format", "schema_version", "meta", "tables"],
        "additionalProperties": False,
        "properties": {
            "format": {"const": FORMAT_NAME},
            "schema_version": {"const": SCHEMA_VERSION},
            "meta": {
                "type": "object",
                "properties": {name: _column_schema(column) for name, column in META.items()},
                "additionalProperties": False,
            },
            "tables": {
                "type": "object",
                "properties": tables,
                "additionalProperties": False,
            },
        },
    }


def published_schema() -> dict[str, Any]:
    """The schema file shipped in the package."""
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def render_schema() -> str:
    return json.dumps(journey_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    SCHEMA_FILE.parent.mkdir(exist_ok=True)
    SCHEMA_FILE.write_text(render_schema(), encoding="utf-8")
    sys.stdout.write(f"wrote {SCHEMA_FILE}\n")
