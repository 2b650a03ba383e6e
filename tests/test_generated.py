"""Files generated from the schema are committed; they must match the schema."""

from __future__ import annotations

import runpy
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_tables_doc_is_generated_from_the_schema() -> None:
    render = runpy.run_path(str(ROOT / "scripts" / "generate_docs.py"))["render"]
    assert (ROOT / "docs" / "tables.md").read_text(encoding="utf-8") == render(), "run: make schema"
