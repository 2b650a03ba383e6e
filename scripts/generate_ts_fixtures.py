"""Write the TypeScript tests' fixtures from Python, so the two sides cannot drift.

    .venv/bin/python scripts/generate_ts_fixtures.py      (run by `make jstest`)

js/test/fixtures/presentation.json  the widget's ``_presentation`` table
js/test/fixtures/snapshot.json      ``protocol.snapshot()`` of a small journey that has
                                    every case the view draws (an unstaged step, an empty
                                    stage, a hidden lane, a to-be curve, user text that
                                    looks like HTML, CJK text)
js/test/fixtures/streams.json       change streams recorded from Python edits (renames,
                                    inserts, moves, cascading deletes, undo/redo, a scale
                                    change, a pandas edit): the first snapshot, every
                                    change message as the kernel sends it, the last snapshot
js/test/fixtures/format.json        every number rule of render/style.py (counts, shares,
                                    durations, reach text, the biggest drop): inputs and
                                    Python's outputs
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from journeywidgets import Journey
from journeywidgets.model import Change
from journeywidgets.render import style
from journeywidgets.widgets.journey_map import presentation
from journeywidgets.widgets.protocol import change_message, snapshot

OUT = Path(__file__).resolve().parent.parent / "js" / "test" / "fixtures"
XSS = "<img src=x onerror=alert(1)>"


def small_journey() -> Journey:
    j = Journey("Bike 自行车")
    j.add_persona("Mei", persona_id="p1")
    # Added out of order, so that rows arrive unsorted and the view must sort by position.
    j.add_stage("Purchase", stage_id="b")
    j.add_stage("Awareness", position=0, stage_id="a")
    j.add_stage("Empty", stage_id="c")
    j.add_step("Pay", "b", step_id="s3", kind="decision", moment_of_truth=True)
    j.add_step("Search", "a", step_id="s2")
    j.add_step("See ad", "a", position=0, step_id="s1")
    j.add_step("Before", None, step_id="s0")
    j.add_lane("Pain points", "pain_points", lane_id="l2")
    j.add_lane("Actions", "actions", position=0, lane_id="l1")
    j.add_lane("Hidden", "custom", lane_id="l3", visible=False)
    j.add_card("second", lane="l1", step="s1", card_id="c2", evidence_level="assumed")
    j.add_card("first", lane="l1", step="s1", position=0, card_id="c1", evidence_level="assumed")
    j.add_card(
        XSS, lane="l2", step="s3", card_id="x", kind="pain_point", severity=3,
        evidence_level="observed",
    )  # fmt: skip
    j.set_emotion("s1", 1, persona="p1")
    j.set_emotion("s3", -2, persona="p1", n=5)
    j.set_emotion("s3", 1, persona="p1", variant="to_be")
    return j


def record(journey: Journey, edits: list[Any]) -> dict[str, Any]:
    first = snapshot(journey)
    changes: list[dict[str, Any]] = []

    def observer(change: Change) -> None:
        changes.append(change_message(change, journey))

    journey.observe(observer)
    for edit in edits:
        edit(journey)
    journey.unobserve(observer)
    return {"first": first, "changes": changes, "last": snapshot(journey)}


def streams() -> dict[str, Any]:
    def pandas_edit(j: Journey) -> None:
        j.steps.loc["s2", "name"] = "Searches 搜索"
        j.sync()

    return {
        "edits": record(
            small_journey(),
            [
                lambda j: j.apply({"op": "update", "table": "steps", "id": "s1",
                                   "values": {"name": "Sees an ad"}}),
                lambda j: j.add_card("Too many ads", lane="l2", step="s1", kind="pain_point",
                                     severity=2),
                lambda j: j.apply({"op": "move", "table": "steps", "id": "s2", "position": 0,
                                   "parent": {"stage_id": "b"}}),
                lambda j: j.set_emotion("s2", -1, persona="p1"),
                lambda j: j.apply({"op": "delete", "table": "stages", "id": "a"}),
                lambda j: j.undo(),
                lambda j: j.redo(),
                lambda j: j.undo(),
                pandas_edit,
                lambda j: j.apply({"op": "set_meta", "field": "title", "value": "Renamed 改名"}),
                lambda j: j.set_emotion_scale("likert5"),
            ],
        )
    }  # fmt: skip


def formats() -> list[dict[str, Any]]:
    """Every number rule of render/style.py with Python's output (``format_examples``)."""
    return style.format_examples()


def write(name: str, value: Any) -> None:
    text = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    path = OUT / name
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write("presentation.json", presentation())
    write("snapshot.json", snapshot(small_journey()))
    write("streams.json", streams())
    write("format.json", formats())


if __name__ == "__main__":
    main()
