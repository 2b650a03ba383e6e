"""Rubrics refuse bad entries by key; compare finds a shuffled, renamed, translated copy."""

from __future__ import annotations

from pathlib import Path

import pytest

import journeywidgets as jw
from journeywidgets.teaching import RubricError, load_rubric

from .teaching_maps import renamed


@pytest.mark.parametrize(
    ("rubric", "key", "says"),
    [
        ({"checks": {"JM999": 3}}, "checks.JM999", r"the checks are: JM101 \(no-persona\)"),
        ({"checks": {"JM101": -1}}, "checks.JM101.points", "must be ≥ 0"),
        (
            {"checks": {"too-few-steps": {"min_steps": "many"}}},
            "checks.too-few-steps.min_steps",
            "must be a number",
        ),
        ({"checks": {"JM301": {"min_steps": 0}}}, "checks.JM301.min_steps", "must be ≥ 1"),
        (
            {"checks": {"JM301": {"max_steps": 3}}},
            "checks.JM301.max_steps",
            "it has: points, severity, min_steps",
        ),
        ({"checks": {"JM101": {"severity": "fatal"}}}, "checks.JM101.severity", "must be one of"),
        ({"checks": {"JM101": 1}, "pass_mark": 120}, "pass_mark", "out of 100"),
        ({"checks": {}}, "checks", "at least one check"),
        ({"checks": {"JM101": 1}, "points": 3}, "points", "a rubric has"),
    ],
)
def test_bad_rubrics_are_refused_naming_the_key(
    rubric: dict[str, object], key: str, says: str
) -> None:
    with pytest.raises(RubricError, match=says) as caught:
        load_rubric(rubric)
    assert caught.value.key == key
    assert isinstance(caught.value, jw.JourneyError)


def test_a_yaml_rubric_file(tmp_path: Path) -> None:
    path = tmp_path / "week3.yaml"
    path.write_text(
        "name: Week 3\npass_mark: 50\nchecks:\n  JM101: 10\n  too-few-steps: {points: 5, min_steps: 8}\n",
        encoding="utf-8",
    )
    report = jw.check(jw.template("current_state"), path)
    assert report.rubric == "Week 3"
    assert report.score == pytest.approx(100 * 10 / 15, abs=0.01)  # 5 steps < 8
    assert report.passed is True
    path.write_text("checks:\n  JM1O1: 1\n", encoding="utf-8")
    with pytest.raises(RubricError, match=r"week3\.yaml, key .checks\.JM1O1."):
        jw.check(jw.template("current_state"), path)


def test_compare_finds_a_shuffled_renamed_translated_copy() -> None:
    reference = jw.template("canonical", "en")
    student = renamed(jw.template("canonical", "zh"))
    # Shuffle: the last step of the last stage moves to the front of the first stage.
    student.move("steps", "r_use_recommend", position=0, stage_id="r_discover")
    result = jw.compare(student, reference)
    steps = result.steps
    assert (steps["status"] == "matched").all()
    pairs = dict(zip(steps["reference_id"], steps["student_id"], strict=True))
    assert pairs == {ref: "r_" + ref for ref in reference.steps.index}
    assert "same term in another language" in steps["how"].iloc[0]
    late = set(steps.loc[steps["out_of_order"].astype(bool), "student_id"])
    assert late == {"r_use_recommend"}
    assert result.parts["steps"] == 1 and result.parts["order"] == pytest.approx(7 / 8)


def test_compare_reports_missing_extra_and_the_emotion_curve() -> None:
    reference = jw.template("current_state")
    student = renamed(jw.template("current_state"))
    student.remove("steps", "r_visit_wait")  # missing
    student.update("steps", "r_book_call", name="Phone the clinik at 8")  # reworded, typo
    extra = student.add_step("Ask a neighbour for a lift", "r_visit")  # extra
    student.set_emotion("r_visit_consult", 0, persona="r_persona")  # reference: +2
    result = jw.compare(student, reference)
    steps = result.steps.set_index("reference_id", drop=False)
    assert steps.loc["visit_wait", "status"] == "missing"
    assert steps.loc["book_call", "student_id"] == "r_book_call"
    assert "similar text" in steps.loc["book_call", "how"]
    assert result.steps.query("status == 'extra'")["student_id"].tolist() == [extra]
    emotions = result.emotions.set_index("reference_id")
    assert emotions.loc["visit_consult", "delta"] == pytest.approx(-1.0)  # +1 → 0 valence
    assert result.curve["high_matches"] is False
    assert result.curve["low_matches"] is True
    assert 0 < result.score < 100
    figure = result.plot()
    assert len(figure.axes) == 2
