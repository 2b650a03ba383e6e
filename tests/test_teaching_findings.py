"""Findings and comparisons on the widget (the ``_findings`` trait) and on the picture
(render/annotations.py through ``journey.plot(findings=...)``)."""

from __future__ import annotations

import json

import pytest
from matplotlib.colors import to_hex
from matplotlib.patches import Rectangle

import journeywidgets as jw
from journeywidgets.render import style
from journeywidgets.render.annotations import Annotation
from journeywidgets.teaching.findings_view import picture_annotations


def defective() -> jw.Journey:
    journey = jw.template("current_state")
    journey.set_meta(scenario=None)  # JM102, about the map as a whole
    journey.update("stages", "book", goal=None)  # JM202 on a stage
    pain = journey.cards[journey.cards["kind"] == "pain_point"].index[0]
    journey.update("cards", pain, evidence_level="assumed")  # JM502 on a card
    return journey


def reference() -> jw.Journey:
    journey = jw.template("current_state")
    journey.remove("steps", "visit_wait")
    journey.add_step("Pay the bill at the desk", "follow_up", step_id="follow_up_pay")
    return journey


def test_the_trait_carries_the_findings_view_and_clears() -> None:
    journey = defective()
    report = journey.check()
    widget = jw.JourneyMap(journey, findings=report)
    view = widget._findings
    json.dumps(view)  # a synced trait must be JSON
    assert view["kind"] == "findings"
    anchors = {f["check"]: f["anchor"] for f in view["findings"]}
    pain = journey.cards[journey.cards["kind"] == "pain_point"].index[0]
    assert anchors == {"JM102": None, "JM202": "stages:book", "JM502": f"cards:{pain}"}
    assert view["colors"] == style.ANNOTATION_COLORS
    assert view["summary"] == f"Score {report.score:.0f}/100: 0 errors, 3 warnings, 0 notes"
    widget.show_findings(None)
    assert widget._findings is None
    assert jw.JourneyMap(journey)._findings is None
    assert journey.show(findings=report)._findings == view


def test_a_comparison_marks_matched_and_extra_items_and_lists_the_missing() -> None:
    journey = defective()
    widget = jw.JourneyMap(journey)
    widget.show_findings(jw.compare(journey, reference()))
    view = widget._findings
    assert view["kind"] == "comparison"
    by_anchor = {m["anchor"]: m for m in view["findings"] if m["anchor"] is not None}
    assert by_anchor["steps:visit_wait"]["severity"] == "extra"
    assert by_anchor["steps:book_call"]["severity"] == "matched"
    assert "Phone the clinic" in by_anchor["steps:book_call"]["message"]
    assert by_anchor["stages:book"]["severity"] == "matched"
    missing = [m for m in view["findings"] if m["severity"] == "missing"]
    assert [m["item"] for m in missing] == ["Pay the bill at the desk"]
    assert missing[0]["anchor"] is None
    assert view["counts"] == {"matched": 7, "missing": 1, "extra": 1}


def test_findings_of_the_wrong_kind_are_refused_by_name() -> None:
    widget = jw.JourneyMap(jw.template("current_state"))
    with pytest.raises(TypeError, match=r"CheckReport .* or a Comparison"):
        widget.show_findings({"findings": []})


def _outlines(figure: object) -> list[Rectangle]:
    ax = figure.axes[0]  # type: ignore[attr-defined]
    colours = set(style.ANNOTATION_COLORS.values())
    return [
        p
        for p in ax.patches
        if isinstance(p, Rectangle)
        and not p.get_fill()
        and to_hex(p.get_edgecolor()).upper() in colours
    ]


def _contains(box: Rectangle, x: float, y: float) -> bool:
    x0, y0 = box.get_xy()
    return x0 <= x <= x0 + box.get_width() and y0 <= y <= y0 + box.get_height()


def test_the_picture_outlines_the_items_findings_concern_and_labels_them() -> None:
    journey = defective()
    pain = journey.cards[journey.cards["kind"] == "pain_point"].index[0]
    pain_text = str(journey.cards.loc[pain, "text"])
    figure = journey.plot(findings=journey.check())
    ax = figure.axes[0]
    outlines = _outlines(figure)
    assert len(outlines) == 2  # the stage and the card; JM102 is about the whole map
    texts = {t.get_text(): t for t in ax.texts}
    card_text = next(t for s, t in texts.items() if s.replace("\n", " ").startswith(pain_text[:12]))
    stage_text = texts["Book"]
    (card_box,) = [b for b in outlines if _contains(b, *card_text.get_position())]
    (stage_box,) = [b for b in outlines if _contains(b, *stage_text.get_position())]
    warning = style.ANNOTATION_COLORS["warning"]
    assert to_hex(card_box.get_edgecolor()).upper() == warning
    # Each label sits inside its item's outline.
    assert _contains(card_box, *texts["JM502"].get_position())
    assert _contains(stage_box, *texts["JM202"].get_position())
    whole = [s for s in texts if s.startswith(style.LABELS["annotations_elsewhere"])]
    assert whole == [f"{style.LABELS['annotations_elsewhere']}: JM102"]


def test_the_picture_of_a_comparison_and_a_clean_map() -> None:
    journey = defective()
    figure = journey.plot(findings=jw.compare(journey, reference()))
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert texts.count("extra") == 1
    assert texts.count("matched") == 7
    assert any("missing “Pay the bill at the desk”" in t for t in texts)
    # No findings: nothing marked, and the picture is the plain one.
    clean = jw.template("current_state")
    assert len(clean.check()) == 0
    assert _outlines(clean.plot(findings=clean.check())) == []


def test_picture_annotations_are_generic_and_checked() -> None:
    journey = defective()
    marks = picture_annotations(journey, journey.check())
    assert {(m.key, m.severity, m.label) for m in marks} >= {(None, "warning", "JM102")}
    with pytest.raises(ValueError, match="severity 'bad' is not one of: error, warning"):
        Annotation("steps:x", "bad", "x")


def test_feedback_pictures_of_the_gradebook_mark_the_findings(tmp_path: object) -> None:
    from pathlib import Path

    import numpy as np
    from matplotlib.image import imread

    folder = Path(str(tmp_path))
    defective().save(folder / "ana.journey.json")
    jw.template("current_state").save(folder / "ben.journey.json")
    book = jw.gradebook(folder, progress=False, workers=1)
    assert list(book["warnings"]) == [3, 0]

    def warning_pixels(name: str) -> int:
        pixels = (imread(folder / "feedback" / name)[..., :3] * 255).round()
        warning = np.array([0x7D, 0x4E, 0x00])
        return int((np.abs(pixels - warning).max(axis=-1) <= 12).sum())

    assert warning_pixels("ana.png") > 50  # outlines and label badges in the warning colour
    assert warning_pixels("ben.png") == 0
