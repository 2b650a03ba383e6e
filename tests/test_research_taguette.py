"""Taguette 1.5.2's real exports, and QualCoder's coding report."""

from __future__ import annotations

import csv
import json
import sqlite3
import warnings
from pathlib import Path

import pytest

import journeywidgets as jw

from .invariants import assert_invariants
from .qda_fixtures import TAGUETTE, needs_fixtures

EXPORTS = TAGUETTE / "exports"


def _plan() -> dict:  # type: ignore[type-arg]
    return json.loads(
        (TAGUETTE / "inputs" / "highlights_plan_utf8_offsets.json").read_text("utf-8")
    )


@needs_fixtures
def test_the_project_database_gives_spans_in_code_points() -> None:
    with pytest.warns(jw.ResearchImportWarning, match="users, command log"):
        journey = jw.read_taguette(EXPORTS / "project.sqlite3")
    plan = _plan()
    assert journey.segments["text"].tolist() == [h["text"] for h in plan["highlights"]]
    for segment in journey.segments.itertuples():
        text = journey.sources.loc[segment.source_id, "text"]
        assert text[segment.start : segment.end] == segment.text
    # Tags per highlight, as Taguette stored them.
    codes = journey.codes["name"]
    for n, highlight in enumerate(plan["highlights"]):
        applied = journey.segment_codes[
            journey.segment_codes["segment_id"] == journey.segments.index[n]
        ]
        assert sorted(codes[applied["code_id"]]) == sorted(highlight["tags"])
    assert journey.sources["name"].tolist() == list(plan["docs"])
    assert journey.participants["label"].tolist() == list(plan["docs"])
    p4 = journey.sources.iloc[3]["text"]
    assert p4.splitlines()[1].startswith("P4 : Franchement, c'était pénible 😤")
    assert len(journey.codes) == 10  # "interesting" has no highlight but is a tag
    assert_invariants(journey)


@needs_fixtures
@pytest.mark.parametrize("name", ["highlights_all.csv", "highlights_all.xlsx"])
def test_highlight_exports_one_segment_per_highlight(name: str) -> None:
    journey = jw.read_taguette(EXPORTS / name)
    with (EXPORTS / "highlights_all.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 25 and len(journey.segment_codes) == 25
    assert len(journey.segments) == len({r["id"] for r in rows}) == 13
    assert journey.segments["text"].tolist() == [h["text"] for h in _plan()["highlights"]]
    assert journey.segments["start"].isna().all()  # the export has no positions
    assert sorted(journey.codes["name"]) == sorted({r["tag"] for r in rows})


@needs_fixtures
@pytest.mark.parametrize("name", ["codebook.csv", "codebook.xlsx", "codebook.qdc"])
def test_codebooks(name: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", jw.ResearchImportWarning)
        journey = jw.read_taguette(EXPORTS / name)
    assert journey.codes["name"].tolist()[:2] == ["interesting", "touchpoint.lecture slides"]
    assert journey.codes["name"].tolist()[-1] == "coût €"
    assert len(journey.codes) == 10
    if name != "codebook.qdc":
        assert journey.codes["description"].iloc[-1] == "Cost mentioned (non-ASCII tag name)"


@needs_fixtures
def test_code_guids_are_taguettes_own() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", jw.ResearchImportWarning)
        from_db = jw.read_taguette(EXPORTS / "project.sqlite3")
        from_qdc = jw.read_qdc(EXPORTS / "codebook.qdc")
    assert from_db.codes["origin"].tolist() == from_qdc.codes["origin"].tolist()


@needs_fixtures
def test_a_database_offset_inside_a_character_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "p.sqlite3"
    copy.write_bytes((EXPORTS / "project.sqlite3").read_bytes())
    with sqlite3.connect(copy) as connection:  # offset 72 is inside "é" of c'était (P4)
        connection.execute("update highlights set start_offset = 74 where id = 11")
    journey = jw.Journey()
    with pytest.raises(jw.FileFormatError, match="fit no character") as caught:
        jw.import_taguette(journey, copy)
    assert caught.value.pointer == "highlights row id=11"
    assert journey.segments.empty and journey.codes.empty


def test_a_highlights_csv_without_its_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text("id,document,content\n1,ID1,hello\n", encoding="utf-8")
    with pytest.raises(jw.FileFormatError, match="missing columns tag") as caught:
        jw.read_taguette(path)
    assert caught.value.line == 1


def _qualcoder_report(path: Path, rows: list[list[str]], *, by_case: bool = False) -> Path:
    """A coding report written the way QualCoder's report_codes.export_csv_file writes it
    (ccbogel/QualCoder c3204641): UTF-8 with BOM, every field quoted."""
    headings = ["Case", "Filename"] if by_case else ["File"]
    headings += ["Coder", "Coded", "Id", "Codename", "Coded_Memo", "Category", "Category"]
    if by_case:
        headings += ["CaseVar_age"]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=",", quotechar='"', quoting=csv.QUOTE_ALL)
        writer.writerow(headings)
        writer.writerows(rows)
    return path


def test_qualcoder_coding_report(tmp_path: Path) -> None:
    rows = [
        ["ID1.docx", "colin", "I'm happy to pay €200.", "ctid:3", "cost", "", "money", "course"],
        ["ID1.docx", "colin", "I'm happy to pay €200.", "ctid:4", "positive", "", "emotion", ""],
        ["ID2.odt", "colin", "searching the web did not help.\nReally.", "ctid:7", "negative",
         "memo 😟", "emotion", ""],
        ["photo.png", "colin", "image", "imid:1", "positive", "", "emotion", ""],
    ]  # fmt: skip
    path = _qualcoder_report(tmp_path / "report.csv", rows)
    with pytest.warns(jw.ResearchImportWarning, match="1 image and audio/video codings"):
        journey = jw.read_qualcoder(path)
    assert journey.segments["text"].tolist() == [
        "I'm happy to pay €200.",
        "searching the web did not help.\nReally.",
    ]
    assert journey.segments["memo"].tolist()[1] == "memo 😟"
    codes = journey.codes
    # Categories run leaf to root: "cost" sits under course > money.
    cost = codes.index[codes["name"] == "cost"][0]
    money = codes.loc[cost, "parent_id"]
    assert codes.loc[money, "name"] == "money"
    assert codes.loc[codes.loc[money, "parent_id"], "name"] == "course"
    assert len(journey.segment_codes) == 3
    assert journey.sources["name"].tolist() == ["ID1.docx", "ID2.odt"]


def test_qualcoder_case_report_gives_participants(tmp_path: Path) -> None:
    rows = [
        ["Anna", "focus.txt", "colin", "too busy", "ctid:1", "negative", "", "emotion", "", "34"],
        ["Ben", "focus.txt", "colin", "loved it", "ctid:2", "positive", "", "emotion", "", "51"],
    ]
    journey = jw.read_qualcoder(_qualcoder_report(tmp_path / "r.csv", rows, by_case=True))
    assert journey.participants["label"].tolist() == ["Anna", "Ben"]
    assert journey.participant_attributes["value"].tolist() == ["34", "51"]
    # One source per (file, case), so a segment's participant is its source's.
    assert journey.sources["name"].tolist() == ["focus.txt (Anna)", "focus.txt (Ben)"]
    assert_invariants(journey)


def test_qualcoder_report_missing_columns(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text('"File","Coder","Coded"\n"a","b","c"\n', encoding="utf-8-sig")
    with pytest.raises(jw.FileFormatError, match="missing columns id, codename"):
        jw.read_qualcoder(path)
