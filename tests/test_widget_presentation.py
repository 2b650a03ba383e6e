"""The widget ships the look it shares with the picture (PRESENTATION.md)."""

from __future__ import annotations

import json
from pathlib import Path

from journeywidgets import JourneyMap
from journeywidgets.datasets import bike_shop
from journeywidgets.render import style
from journeywidgets.widgets.journey_map import presentation

KEYS = {
    "persona_colors", "single_curve_color", "stage_colors", "labels", "lane_types",
    "card_kinds", "step_kinds", "map_types", "severity_marks", "choices",
}  # fmt: skip


def test_presentation_is_json_and_has_what_the_front_end_reads() -> None:
    table = presentation()
    assert set(table) >= KEYS
    assert json.loads(json.dumps(table)) == table
    assert table["persona_colors"] == list(style.PERSONA_COLORS)  # one palette, Python's
    assert table["choices"]["lanes"]["blueprint_role"][0] == "physical_evidence"
    assert "service_blueprint" in table["choices"]["meta"]["map_type"]
    assert table["lane_types"]["pain_points"] == "Pain points"


def test_the_widget_and_the_standalone_page_carry_it(tmp_path: Path) -> None:
    journey = bike_shop()
    view = JourneyMap(journey)
    assert view._presentation == presentation()
    view.close()
    page = journey.to_html(tmp_path / "map.html")
    text = page.read_text(encoding="utf-8")
    assert '"_presentation":{' in text
    assert '"stage_colors":' in text
