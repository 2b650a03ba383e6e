"""docs/teaching.md lists every check, as scripts/generate_teaching_docs.py writes it."""

from __future__ import annotations

import runpy
from pathlib import Path

from journeywidgets.teaching.checks import CHECKS

ROOT = Path(__file__).parent.parent


def test_the_check_table_is_generated() -> None:
    render = runpy.run_path(str(ROOT / "scripts" / "generate_teaching_docs.py"))["render"]
    text = (ROOT / "docs" / "teaching.md").read_text(encoding="utf-8")
    assert text == render(text), "run: make teaching-docs"
    for check_id in CHECKS:
        assert f"| `{check_id}` |" in text
