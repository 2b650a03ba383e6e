"""The research tables: the v1 → v2 migration, the building methods, deletes and scales."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import journeywidgets as jw
from journeywidgets.io.json_schema import SCHEMA_VERSION

from .invariants import assert_invariants

OLD_FILE = Path(__file__).with_name("data") / "v1-bike-shop.journey.json"
"""Written by journeywidgets at schema version 1 (``datasets.bike_shop()`` plus three pieces
of evidence) with that release's ``save``, before the research tables existed."""


def test_a_version_1_file_loads_with_its_evidence_as_segments() -> None:
    assert '"schema_version": 1' in OLD_FILE.read_text(encoding="utf-8")
    journey = jw.load(OLD_FILE)
    assert SCHEMA_VERSION == 2
    segments = journey.segments
    assert segments.index.tolist() == ["evidence_1", "evidence_2", "evidence_3", "evidence_4"]
    assert segments.loc["evidence_1", "text"].startswith("The machine said declined")
    assert segments.loc["evidence_1", "emotion"] == -2
    assert segments.loc["evidence_3", "kind"] == "observation"
    assert str(segments.loc["evidence_3", "collected_at"]) == "2026-03-01 09:30:00+00:00"
    assert segments["start"].isna().all() and segments["end"].isna().all()
    # One participant per distinct free-text participant, in order of first use.
    participants = journey.participants
    assert participants["label"].tolist() == ["P3", "P7"]
    p3, p7 = participants.index
    assert segments["participant_id"].fillna("-").tolist() == [p3, p3, "-", p7]
    # "interview 3" of P3 is one notes source shared by both of P3's quotes.
    sources = journey.sources
    assert sources["name"].tolist() == ["interview 3"]
    assert sources.iloc[0]["kind"] == "notes" and sources.iloc[0]["participant_id"] == p3
    assert segments.loc["evidence_1", "source_id"] == sources.index[0]
    assert segments.loc["evidence_2", "source_id"] == sources.index[0]
    # Links keep their targets, now by segment_id.
    links = journey.evidence_links
    assert sorted(
        links[["segment_id", "target_table", "target_id"]].itertuples(index=False, name=None)
    ) == [
        ("evidence_1", "cards", "card_10"),
        ("evidence_2", "steps", "step_3"),
        ("evidence_3", "stages", "stage_3"),
        ("evidence_3", "steps", "step_6"),
    ]
    # The old default "assumed" became empty (computed); stated levels stay.
    levels = journey.cards["evidence_level"]
    assert levels.isna().sum() == 8
    assert sorted(levels.dropna()) == ["observed", "reported", "reported", "reported", "reported"]
    assert (journey.emotions["evidence_level"] == "reported").all()
    assert journey.version == 0 and not journey.can_undo
    assert_invariants(journey)


def test_a_migrated_file_saves_as_the_current_version(tmp_path: Path) -> None:
    journey = jw.load(OLD_FILE)
    path = journey.save(tmp_path / "new.journey.json")
    assert f'"schema_version": {SCHEMA_VERSION}' in path.read_text(encoding="utf-8")
    assert jw.load(path).equals(journey)


@pytest.fixture
def study() -> jw.Journey:
    j = jw.Journey("Study")
    j.add_stage("Buy", stage_id="buy")
    j.add_step("Pay", "buy", step_id="pay")
    return j


def test_building_a_coded_study(study: jw.Journey) -> None:
    persona = study.add_persona("Commuter")
    p1 = study.add_participant("P1", persona=persona, attributes={"age": 34, "city": "KL"})
    transcript = "I: How was paying?\nP1: 付款太慢了 😡, the card was declined."
    src = study.add_source("Interview P1", transcript, participant=p1)
    parent = study.add_code("Payment", color="#ff0000")
    child = study.add_code("Declined card", parent=parent)
    start = transcript.index("付款")
    seg = study.add_segment(source=src, start=start, end=start + 7, codes=[child], coder="Ana")
    assert study.segments.loc[seg, "text"] == "付款太慢了 😡"
    assert study.segments.loc[seg, "participant_id"] == p1
    assert study.segment_codes["code_id"].tolist() == [child]
    assert study.codes.loc[child, "parent_id"] == parent
    attributes = study.participant_attributes
    assert dict(zip(attributes["name"], attributes["value"], strict=True)) == {
        "age": "34",
        "city": "KL",
    }
    assert study.set_attribute(p1, "age", 35) == attributes.index[0]
    assert study.participant_attributes.iloc[0]["value"] == "35"
    study.code_segment(seg, parent)
    with pytest.raises(jw.ValidationError, match="is used by both"):
        study.code_segment(seg, parent)
    assert_invariants(study)


def test_a_span_must_lie_in_its_text_and_match_it(study: jw.Journey) -> None:
    src = study.add_source("S", "abc")
    with pytest.raises(jw.ValidationError, match="outside the source's text"):
        study.add_segment(source=src, start=1, end=9)
    with pytest.raises(jw.ValidationError, match="differs from the source's text"):
        study.add_segment("xy", source=src, start=1, end=3)
    other = study.add_participant("P2")
    owner = study.add_participant("P1")
    own = study.add_source("T", "hello", participant=owner)
    with pytest.raises(jw.ValidationError, match="not its source's"):
        study.add_segment(source=own, start=0, end=5, participant=other)
    assert study.segments.empty


def test_deleting_a_code_takes_its_subtree_and_codings(study: jw.Journey) -> None:
    top = study.add_code("Top")
    mid = study.add_code("Mid", parent=top)
    leaf = study.add_code("Leaf", parent=mid)
    seg = study.add_segment("a quote", codes=[leaf, top])
    change = study.remove("codes", top)
    assert change is not None
    assert study.codes.empty and study.segment_codes.empty
    assert seg in study.segments.index
    study.undo()
    assert set(study.codes.index) == {top, mid, leaf} and len(study.segment_codes) == 2
    assert_invariants(study)


def test_deleting_a_participant_keeps_their_material(study: jw.Journey) -> None:
    p = study.add_participant("P1", attributes={"plan": "gold"})
    src = study.add_source("S", "text", participant=p)
    seg = study.add_segment(source=src, start=0, end=4)
    study.remove("participants", p)
    assert study.participant_attributes.empty
    assert pd.isna(study.sources.loc[src, "participant_id"])
    assert pd.isna(study.segments.loc[seg, "participant_id"])
    study.remove("sources", src)
    assert study.segments.empty


def test_add_evidence_keeps_its_old_signature(study: jw.Journey) -> None:
    first = study.add_evidence("Queue was long", links="pay", participant="P9", source="visit")
    second = study.add_evidence("Still long", participant="P9", source="visit", emotion=-1)
    assert study.participants["label"].tolist() == ["P9"]
    assert len(study.sources) == 1 and study.sources.iloc[0]["kind"] == "notes"
    assert study.segments.loc[first, "source_id"] == study.segments.loc[second, "source_id"]
    assert study.evidence_links["segment_id"].tolist() == [first]
    study.undo()
    assert second not in study.segments.index and len(study.participants) == 1


def test_code_mappings_mean_exactly_one_thing(study: jw.Journey) -> None:
    code = study.add_code("frustrated")
    study.apply(jw.model.Insert("code_mappings", {"code_id": code, "emotion": -2.0}))
    other = study.add_code("paying")
    with pytest.raises(jw.ValidationError, match="exactly one of"):
        study.apply(
            jw.model.Insert("code_mappings", {"code_id": other, "emotion": -1, "step_id": "pay"})
        )
    with pytest.raises(jw.ValidationError, match="outside the bipolar5 scale"):
        study.apply(jw.model.Insert("code_mappings", {"code_id": other, "emotion": 7}))
    with pytest.raises(jw.ValidationError):
        study.apply(jw.model.Insert("code_mappings", {"code_id": code, "step_id": "pay"}))


def test_changing_the_scale_converts_ratings_and_spread(study: jw.Journey) -> None:
    code = study.add_code("happy")
    study.apply(jw.model.Insert("code_mappings", {"code_id": code, "emotion": 2.0}))
    seg = study.add_segment("great", emotion=-1)
    emotion = study.set_emotion("pay", 0.5, n=4, median=1.0, sd=1.0, ci_low=-0.5, ci_high=1.5)
    study.set_emotion_scale("likert5")
    assert study.segments.loc[seg, "emotion"] == 2
    assert study.code_mappings.iloc[0]["emotion"] == 5
    row = study.emotions.loc[emotion]
    assert (row["score"], row["median"], row["sd"], row["ci_low"], row["ci_high"]) == (
        3.5,
        4.0,
        1.0,
        2.5,
        4.5,
    )
    assert_invariants(study)


def test_new_research_tables_are_empty_typed_frames() -> None:
    journey = jw.Journey()
    assert journey.segments["start"].dtype == "Int64"
    assert journey.sources["collected_at"].dtype == "datetime64[us, UTC]"
    assert journey.emotions["sd"].dtype == "Float64"
    assert journey.steps["evidence_level"].isna().all()


def test_the_code_frame_lists_the_tree_depth_first() -> None:
    journey = jw.Journey()
    b = journey.add_code("B")
    a = journey.add_code("A", position=0)
    b1 = journey.add_code("B1", parent=b)
    a2 = journey.add_code("A2", parent=a)
    a1 = journey.add_code("A1", parent=a, position=0)
    a1x = journey.add_code("A1x", parent=a1)
    assert journey.codes.index.tolist() == [a, a1, a1x, a2, b, b1]
    journey.move("codes", b1, 0, parent_id=a)
    assert journey.codes.index.tolist() == [a, b1, a1, a1x, a2, b]
    assert_invariants(journey)
