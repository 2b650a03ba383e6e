"""Write the TypeScript tests' fixtures from Python, so the two sides cannot drift.

    python scripts/generate_ts_fixtures.py        (run by `make test` before vitest)

js/test/fixtures/presentation.json   the widget's ``_presentation`` table
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from journeywidgets.widgets.journey_map import presentation

OUT = Path(__file__).resolve().parent.parent / "js" / "test" / "fixtures"


def write(name: str, value: Any) -> None:
    text = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    path = OUT / name
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write("presentation.json", presentation())


if __name__ == "__main__":
    main()
