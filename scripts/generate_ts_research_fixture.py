"""Write the evidence panel's fixture from Python, so the panel is tested on what the
kernel really sends (``protocol.snapshot`` with its ``evidence`` part).

    .venv/bin/python scripts/generate_ts_research_fixture.py     (run by `make jstest`)

js/test/fixtures/research.json  {"snapshot": …, "linked": change message of a manual link}
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from journeywidgets import Journey
from journeywidgets.model import Change
from journeywidgets.widgets.protocol import change_message, snapshot

OUT = Path(__file__).resolve().parent.parent / "js" / "test" / "fixtures" / "research.json"
XSS = "<img src=x onerror=alert(1)>"


def study() -> Journey:
    j = Journey("Study 研究")
    j.add_persona("Commuter", persona_id="commuter")
    j.add_stage("Shop", stage_id="shop")
    j.add_step("Browse", "shop", step_id="browse")
    j.add_step("Checkout", "shop", step_id="checkout")
    j.add_lane("Pain points", "pain_points", lane_id="pains")
    j.add_card("a guess", lane="pains", step="browse", card_id="guess")
    j.add_participant("P1", participant_id="p1", persona="commuter")
    j.add_participant("P2", participant_id="p2")
    # An astral character before the quote: offsets are code points, JavaScript's are not.
    text = "Hi 😀 there. The fees at checkout were hidden 隐藏的费用. I left."
    j.add_source("Interview P1", text, participant="p1", source_id="t1")
    j.add_code("moment", code_id="moment")
    j.add_code("checkout", parent="moment", code_id="at_checkout")
    j.add_code("furious", code_id="furious")
    j.add_code("hidden fees", code_id="fees")
    j.add_code("annoyed", code_id="annoyed")
    start = text.index("The fees")
    end = text.index(" I left")
    codes = ["at_checkout", "furious", "fees"]
    j.add_segment(source="t1", start=start, end=end, codes=codes, segment_id="q1")
    j.add_segment(XSS, participant="p2", codes=["at_checkout", "annoyed"], segment_id="q2")
    j.add_segment("Browsing was fine", participant="p2", segment_id="q3")
    j.map_codes(
        {"at_checkout": "checkout", "furious": -2, "annoyed": -1, "fees": {"lane": "pains"}}
    )
    j.aggregate_emotions(across_personas=True)  # one point, n = 2, with an interval
    return j


def main() -> None:
    j = study()
    first = snapshot(j)
    changes: list[dict[str, Any]] = []

    def observer(change: Change) -> None:
        changes.append(change_message(change, j))

    j.observe(observer)
    j.link_evidence("q3", "browse")
    j.unobserve(observer)
    OUT.write_text(
        json.dumps({"snapshot": first, "linked": changes[0]}, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
