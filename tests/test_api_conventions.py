"""One convention for readers and writers: to_*(path=None) returns text without a path."""

from __future__ import annotations

import warnings
from pathlib import Path

import journeywidgets as jw
from journeywidgets.datasets import bike_shop


def test_to_json_returns_text_or_writes_a_path(tmp_path: Path) -> None:
    journey = bike_shop()
    text = journey.to_json()
    written = journey.to_json(tmp_path / "bike.journey.json")
    assert written == tmp_path / "bike.journey.json"
    assert written.read_text(encoding="utf-8") == text
    assert jw.read_json(written).equals(journey)
    assert jw.loads(text).equals(journey)


def test_to_mermaid_returns_the_export_or_writes_a_path(tmp_path: Path) -> None:
    journey = bike_shop()
    export = journey.to_mermaid()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", jw.MermaidWarning)  # what Mermaid cannot carry
        written = journey.to_mermaid(tmp_path / "bike.mmd")
    assert written.read_text(encoding="utf-8") == str(export)
    again = jw.read_mermaid(written)
    assert again.stages["name"].tolist() == journey.stages["name"].tolist()
    assert again.steps["name"].tolist() == journey.steps["name"].tolist()
