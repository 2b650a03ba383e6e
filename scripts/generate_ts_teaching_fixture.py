"""Write the findings module's fixture from Python, so it is tested on what the kernel
really sends (``protocol.snapshot`` and ``teaching.findings_view``).

    .venv/bin/python scripts/generate_ts_teaching_fixture.py     (run by `make jstest`)

js/test/fixtures/teaching.json  {"snapshot": a current-state template with defects (a
                                stage without a goal, no scenario, an unevidenced pain
                                point, a card whose text looks like HTML, an emptied
                                cell), "findings": its check's view, "comparison": the
                                view of comparing it with a reference that lacks one of
                                its steps and has one it lacks}
"""

from __future__ import annotations

import json
from pathlib import Path

import journeywidgets as jw
from journeywidgets.teaching.findings_view import comparison_snapshot, findings_snapshot
from journeywidgets.widgets.protocol import snapshot

OUT = Path(__file__).resolve().parent.parent / "js" / "test" / "fixtures" / "teaching.json"
XSS = "<img src=x onerror=alert(1)>"


def reference() -> jw.Journey:
    """The template with one step taken out (the student's is extra) and one put in (the
    student's map misses it)."""
    journey = jw.template("current_state")
    journey.remove("steps", "visit_wait")
    journey.add_step("Pay the bill at the desk", "follow_up", step_id="follow_up_pay")
    return journey


def main() -> None:
    journey = jw.template("current_state")
    journey.set_meta(scenario=None)
    journey.update("stages", "book", goal=None)
    pains = journey.cards[journey.cards["kind"] == "pain_point"]
    journey.update("cards", pains.index[0], evidence_level="assumed", text=XSS)
    touchpoints = journey.cards[journey.cards["lane_id"] == "touchpoints"]
    journey.remove("cards", touchpoints.index[0])  # an empty cell, for its lane's hint
    value = {
        "snapshot": snapshot(journey),
        "findings": findings_snapshot(journey, journey.check()),
        "comparison": comparison_snapshot(jw.compare(journey, reference())),
    }
    text = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
        OUT.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
