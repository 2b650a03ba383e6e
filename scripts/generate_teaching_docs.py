"""Write the table of every check into docs/teaching.md, between its markers.

    .venv/bin/python scripts/generate_teaching_docs.py   (also: make teaching-docs)

tests/test_teaching_docs.py fails when the table is not what this script writes.
"""

from __future__ import annotations

from pathlib import Path

from journeywidgets.teaching.checks import CHECKS
from journeywidgets.teaching.messages import message

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "teaching.md"
START, END = "<!-- checks:start (generated) -->", "<!-- checks:end -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table() -> str:
    lines = [
        "| id | slug | severity | settings | finding | why it matters, what to do |",
        "|---|---|---|---|---|---|",
    ]
    for check in CHECKS.values():
        problem, why = message(check.id, "en")
        settings = ", ".join(f"`{k}` = {v:g}" for k, v in check.params.items())
        if check.heuristic:
            settings = (settings + "; " if settings else "") + "heuristic"
        lines.append(
            f"| `{check.id}` | `{check.slug}` | {check.severity} | {settings} "
            f"| {_cell(problem)} | {_cell(why)} |"
        )
    return "\n".join(lines)


def render(current: str) -> str:
    head, _, rest = current.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{table()}\n{END}{tail}"


if __name__ == "__main__":
    DOC.write_text(render(DOC.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote the check table in {DOC}")
