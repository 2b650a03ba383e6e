"""The gradebook reproduces the known scores of 40 generated student maps."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import journeywidgets as jw

RUBRIC = {"name": "map frame", "checks": {"JM101": 4, "JM102": 3, "JM103": 2, "JM202": 3}}
POSSIBLE = 12


def student_map(number: int) -> tuple[jw.Journey, float]:
    """Defects by the bits of ``number``: no persona (4), no scenario (3), no expectations
    (2), and one of the three stages without a goal (3 × 1/3 = 1)."""
    journey = jw.template("current_state")
    lost = 0.0
    if number & 1:
        journey.remove("personas", "persona")
        lost += 4
    if number & 2:
        journey.set_meta(scenario=None)
        lost += 3
    if number & 4:
        journey.set_meta(expectations=None)
        lost += 2
    if number & 8:
        journey.update("stages", "visit", goal=None)
        lost += 1
    return journey, round(100 * (POSSIBLE - lost) / POSSIBLE, 2)


def test_gradebook_of_forty_maps_reproduces_their_scores(tmp_path: Path) -> None:
    expected = {}
    for number in range(40):
        journey, score = student_map(number)
        suffix = ".xlsx" if number % 10 == 3 else ".journey.json"
        journey.save(tmp_path / f"student{number:02d}{suffix}")
        expected[f"student{number:02d}"] = score
    (tmp_path / "broken.journey.json").write_text('{"format": "journeywidgets",', encoding="utf-8")
    (tmp_path / "latin1.mmd").write_bytes("journey\n  title Caf\xe9\n".encode("latin-1"))
    book = jw.gradebook(
        tmp_path, rubric=RUBRIC, reference=jw.template("current_state"), progress=False
    )
    assert len(book) == 42
    graded = book[book["status"] == "graded"].set_index("student")
    assert graded["score"].to_dict() == pytest.approx(expected)
    assert (graded.loc["student00", "compare_score"]) == 100
    unreadable = book[book["status"] == "unreadable"].set_index("student")
    assert set(unreadable.index) == {"broken", "latin1"}
    assert "broken.journey.json" in unreadable.loc["broken", "problem"]
    assert "not UTF-8" in unreadable.loc["latin1", "problem"]
    feedback = Path(graded.loc["student01", "feedback"]).read_text(encoding="utf-8")
    assert "![the map](student01.png)" in feedback and "JM101" in feedback
    assert (tmp_path / "feedback" / "student01.png").stat().st_size > 1000


def test_html_feedback_escapes_student_text(tmp_path: Path) -> None:
    journey = jw.template("current_state")
    journey.update("stages", "book", name="<script>alert(1)</script>", goal=None)
    journey.save(tmp_path / "mallory.journey.json")
    book = jw.gradebook(tmp_path, feedback_format="html", pictures=False, progress=False)
    page = Path(book.loc[0, "feedback"]).read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_a_list_of_files_two_of_one_student(tmp_path: Path) -> None:
    journey = jw.template("saas_trial")
    first = journey.save(tmp_path / "ana.journey.json")
    second = journey.to_excel(tmp_path / "ana.xlsx")
    book = jw.gradebook([first, second], pictures=False, progress=False)
    assert list(book["student"]) == ["ana", "ana.xlsx"]
    assert list(book["status"]) == ["graded", "graded"]
    assert (tmp_path / "feedback" / "ana.md").exists() and (
        tmp_path / "feedback" / "ana.xlsx.md"
    ).exists()


def test_worker_processes_give_the_table_one_process_gives(tmp_path: Path) -> None:
    for number in range(8):
        journey = jw.template("current_state")
        if number % 3 == 0:
            journey.set_meta(scenario=None)
        journey.save(tmp_path / f"s{number}.journey.json")
    (tmp_path / "broken.journey.json").write_text("{not json", encoding="utf-8")
    one = jw.gradebook(tmp_path, progress=False, pictures=False, workers=1)
    two = jw.gradebook(tmp_path, progress=False, pictures=False, workers=2)
    pd.testing.assert_frame_equal(one, two)
    assert list(one["status"]).count("unreadable") == 1
    with pytest.raises(jw.JourneyError, match="workers must be 1 or more"):
        jw.gradebook(tmp_path, progress=False, workers=0)


def test_a_broken_pool_still_grades_every_file_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import sys
    from concurrent.futures.process import BrokenProcessPool

    module = sys.modules["journeywidgets.teaching.gradebook"]

    class Broken:
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise BrokenProcessPool("a worker died")

    monkeypatch.setattr(module, "ProcessPoolExecutor", Broken)
    for number in range(8):
        jw.template("current_state").save(tmp_path / f"s{number}.journey.json")
    book = jw.gradebook(tmp_path, progress=False, pictures=False, workers=2)
    assert list(book["status"]) == ["graded"] * 8
    assert "grading the rest here" in caplog.text
