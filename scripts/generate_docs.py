"""Write docs/tables.md from the model's schema (run by `make schema`; a test checks it)."""

from __future__ import annotations

import sys
from pathlib import Path

from journeywidgets.model.schema import META, TABLES, Column

OUT = Path(__file__).resolve().parent.parent / "docs" / "tables.md"


def _type(column: Column) -> str:
    if column.kind == "enum":
        return "one of " + ", ".join(f"`{c}`" for c in column.choices)
    text = {"id": "id", "string": "text", "int": "integer", "float": "number", "bool": "true/false",
            "datetime": "date-time (UTC)"}[column.kind]  # fmt: skip
    if column.foreign_key is not None:
        fk = column.foreign_key
        target = f"`{fk.table}`" if fk.table else f"the table named in `{fk.table_column}`"
        text = f"id in {target} (on delete: {fk.on_delete.replace('_', ' ')})"
    bounds = []
    if column.minimum is not None:
        bounds.append(f"≥ {column.minimum:g}")
    if column.maximum is not None:
        bounds.append(f"≤ {column.maximum:g}")
    return text + (f", {' and '.join(bounds)}" if bounds else "")


def _row(column: Column) -> str:
    needed = "required" if column.required else "optional"
    if column.default is not None:
        default = column.default
        needed += f", default `{str(default).lower() if isinstance(default, bool) else default}`"
    return (
        f"| `{column.name}` | {column.dtype} | {_type(column)} | {needed} | {column.description} |"
    )


def render() -> str:
    lines = [
        "# Tables",
        "",
        "<!-- Generated from journeywidgets.model.schema by scripts/generate_docs.py. -->",
        "",
        "Every table is a pandas DataFrame indexed by its id column. Columns use pandas'",
        "nullable dtypes, so an empty cell is `<NA>` in every column.",
        "",
        "## Map fields (`journey.meta`)",
        "",
        "| field | dtype | values | | meaning |",
        "|---|---|---|---|---|",
        *(_row(c) for c in META.values()),
    ]
    for spec in TABLES.values():
        lines += ["", f"## `{spec.name}`", "", spec.description, ""]
        lines.append(f"Index: `{spec.id_column}` (new ids look like `{spec.id_prefix}_1`).")
        if spec.ordered:
            within = ", ".join(f"`{c}`" for c in spec.order_within or ())
            where = f"among rows with the same {within}" if within else "in the table"
            lines.append(f"Ordered by `position`: unique {where}; left out, a new row goes last.")
        for key in spec.unique_together:
            lines.append(f"At most one row per {', '.join(f'`{c}`' for c in key)}.")
        if spec.exactly_one_of:
            lines.append(
                "Each row sets exactly one of "
                + " or ".join(f"`{c}`" for c in spec.exactly_one_of)
                + "."
            )
        lines += ["", "| column | dtype | values | | meaning |", "|---|---|---|---|---|"]
        lines += [_row(c) for c in spec.columns]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    OUT.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {OUT}\n")
