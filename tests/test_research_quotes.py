"""Quote sheets: the spreadsheet of quotes researchers keep."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import journeywidgets as jw

from .invariants import assert_invariants

SHEET = pd.DataFrame(
    {
        "Participant": ["P1", "P2", "P1", "P3"],
        "Quote": ["付款太慢了 😡", "Saya suka cuba tunggang", "No tracking number", "=SUM(A1)"],
        "Step": ["Pays at the counter", "Test ride in store", "Waits for delivery", None],
        "Codes": ["payment; frustration", "test ride", "delivery;frustration", None],
        "Emotion": [-2, 2, -1, None],
        "Age": [34, 23, 34, 41],
    }
)


def test_a_quote_sheet_links_quotes_to_the_map() -> None:
    journey = jw.datasets.bike_shop()
    before = len(journey.segments)
    report = jw.import_quotes(journey, SHEET)
    new = journey.segments.iloc[before:]
    assert new["text"].tolist() == SHEET["Quote"].tolist()  # a formula stays text
    assert new["emotion"].tolist()[:3] == [-2, 2, -1]
    labels = journey.participants["label"]
    assert labels[new["participant_id"]].tolist() == ["P1", "P2", "P1", "P3"]
    steps = dict(zip(journey.steps["name"], journey.steps.index, strict=True))
    links = journey.evidence_links[journey.evidence_links["segment_id"].isin(new.index)]
    assert links["target_id"].tolist() == [
        steps["Pays at the counter"], steps["Test ride in store"], steps["Waits for delivery"],
    ]  # fmt: skip
    codes = journey.codes["name"]
    coded = journey.segment_codes[journey.segment_codes["segment_id"] == new.index[0]]
    assert sorted(codes[coded["code_id"]]) == ["frustration", "payment"]
    ages = journey.participant_attributes
    assert ages[ages["name"] == "Age"]["value"].tolist() == ["34", "23", "41"]
    assert report.imported["segments"] == 4 and report.complete
    journey.undo()
    assert len(journey.segments) == before
    assert_invariants(journey)


def test_missing_steps_and_stages_are_created_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "quotes.csv"
    pd.DataFrame(
        {"respondent": ["A"], "verbatim": ["Queue!"], "stage": ["Store"], "step": ["Queue"]}
    ).to_csv(path, index=False)
    journey = jw.Journey()
    report = jw.import_quotes(journey, path)
    assert report.notes[-2:] == [
        "created the stage 'Store', named on row 2",
        "created the step 'Queue', named on row 2",
    ]
    assert journey.stages["name"].tolist() == ["Store"]
    assert journey.steps["name"].tolist() == ["Queue"]
    assert journey.steps["stage_id"].tolist() == journey.stages.index.tolist()


def test_bad_sheets_are_refused_with_the_row(tmp_path: Path) -> None:
    with pytest.raises(jw.FileFormatError, match="needs a quote column"):
        jw.read_quotes(pd.DataFrame({"participant": ["P1"]}))
    path = tmp_path / "q.csv"
    path.write_text("participant,quote,emotion\nP1,fine,1\nP2,bad,7\n", encoding="utf-8")
    journey = jw.Journey()
    with pytest.raises(jw.FileFormatError, match="outside the bipolar5 scale") as caught:
        jw.import_quotes(journey, path)
    assert caught.value.line == 3 and caught.value.column == 3
    assert journey.segments.empty and journey.participants.empty
    path.write_text("participant,quote,emotion\nP1,fine,lots\n", encoding="utf-8")
    with pytest.raises(jw.FileFormatError, match="not a number") as caught:
        jw.import_quotes(journey, path)
    assert caught.value.line == 2
