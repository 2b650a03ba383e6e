"""Research synthesis: codes → map meanings, emotion aggregates, evidence strength."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import journeywidgets as jw
from journeywidgets.model import Insert
from journeywidgets.research import EvidenceRule, IntervalMethod, aggregate_ratings

from .research_study import (
    FIVE,
    add_participants,
    add_segment,
    base_map,
    five_at_checkout,
    map_moments_and_emotions,
    rate,
)

MEANS = [-1.5, -2.0, -0.5, 0.5, -1.0]


# -- map_codes --------------------------------------------------------------------------


def test_map_codes_stores_one_row_per_code_and_is_one_undoable_change() -> None:
    j = base_map()
    version = j.version
    j.map_codes(
        {"moment/checkout": "checkout", "furious": -2, "pain/hidden fees": {"lane": "pains"}}
    )
    assert j.version == version + 1
    rows = j.code_mappings.set_index("code_id")
    assert rows.loc["at_checkout", "step_id"] == "checkout"
    assert rows.loc["furious", "emotion"] == -2
    assert rows.loc["fees", "lane_id"] == "pains"
    assert pd.isna(rows.loc["fees", "card_text"])
    j.undo()
    assert j.code_mappings.empty


def test_map_codes_again_updates_the_same_row_and_none_removes_it() -> None:
    j = base_map()
    j.map_codes({"at_checkout": "checkout"})
    (row_id,) = j.code_mappings.index
    j.map_codes({"at_checkout": {"stage": "pay"}})
    assert list(j.code_mappings.index) == [row_id]
    assert j.code_mappings.at[row_id, "stage_id"] == "pay"
    assert pd.isna(j.code_mappings.at[row_id, "step_id"])
    j.map_codes({"at_checkout": None})
    assert j.code_mappings.empty


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"no such code": "checkout"}, "no code 'no such code'"),
        ({"furious": 3}, "code 'furious': score 3 is outside the bipolar5 scale (-2 to 2)"),
        ({"furious": 1.5}, "not a whole number"),
        (
            {"furious": {"persona": "nobody"}},
            "no persona 'nobody'; the personas are: commuter (Commuter), student (Student)",
        ),
        ({"at_browse": "nowhere"}, "'nowhere' is not a step, stage, lane or persona id"),
        ({"fees": {"lane": "pains", "kind": "gripe"}}, "card kind 'gripe' is not one of"),
        (
            {"fees": {"lane": "pains", "emotion": -1}},
            "exactly one of step, stage, lane, emotion, persona",
        ),
        ({"fees": {"stage": "pay", "text": "x"}}, "kind and text belong to a card theme"),
    ],
)
def test_map_codes_refuses_bad_input_and_changes_nothing(mapping: dict, message: str) -> None:
    j = base_map()
    version = j.version
    with pytest.raises(jw.ValidationError, match=None) as caught:
        j.map_codes({"moment/checkout": "checkout", **mapping})
    assert message.replace("-2", "−2") in str(caught.value) or message in str(caught.value)
    assert j.version == version and j.code_mappings.empty


def test_a_card_theme_gets_a_card_at_each_step_where_its_segments_are() -> None:
    j = base_map()
    add_participants(j, {"p1": None, "p2": None})
    add_segment(j, "a", "p1", ["at_checkout", "fees"])
    add_segment(j, "b", "p2", ["at_checkout", "fees"])
    add_segment(j, "c", "p2", ["at_basket", "fees"])
    j.map_codes({"moment/checkout": "checkout", "moment/basket": "basket",
                 "hidden fees": {"lane": "pains", "kind": "pain_point"}})  # fmt: skip
    cards = j.cards.sort_values("step_id")
    assert list(zip(cards["step_id"], cards["text"], cards["kind"], strict=True)) == [
        ("basket", "hidden fees", "pain_point"),
        ("checkout", "hidden fees", "pain_point"),
    ]
    # Running again adds nothing; new coding at a new step adds that step's card.
    before = j.version
    j.map_codes({"hidden fees": {"lane": "pains", "kind": "pain_point"}})
    assert len(j.cards) == 2 and j.version == before
    add_segment(j, "d", "p1", ["at_browse", "fees"])
    j.map_codes({"moment/browse": "browse"})
    assert sorted(j.cards["step_id"]) == ["basket", "browse", "checkout"]
    links = j.supporting_segments()
    card_at_checkout = j.cards.index[j.cards["step_id"] == "checkout"][0]
    backing = links[(links["target_id"] == card_at_checkout)]
    assert sorted(backing["segment_id"]) == ["a", "b"] and set(backing["via"]) == {"codes"}


# -- aggregate_emotions -----------------------------------------------------------------


def test_five_participants_two_ratings_each() -> None:
    j = five_at_checkout()
    out = j.aggregate_emotions()
    assert len(out) == 1
    row = out.iloc[0]
    assert (row["step_id"], row["step"], row["variant"]) == ("checkout", "Checkout", "as_is")
    assert pd.isna(row["persona_id"])
    assert row["n"] == 5 and row["ratings"] == 10
    assert row["mean"] == pytest.approx(-0.9)
    assert row["median"] == pytest.approx(-1.0)
    assert row["sd"] == pytest.approx(math.sqrt(0.925))
    low, high = stats.t.interval(0.95, 4, loc=np.mean(MEANS), scale=stats.sem(MEANS))
    assert low < -2  # the t interval leaves the scale; a mean of its points cannot
    assert (row["ci_low"], row["ci_high"]) == (-2, pytest.approx(high))
    assert "t interval" in row["interval"]
    # −1.5 and −0.5 are halfway: they go away from neutral.
    assert [row[p] for p in ("-2", "-1", "0", "1", "2")] == [2, 2, 0, 1, 0]


def test_aggregate_is_written_onto_emotions_as_one_undoable_change() -> None:
    j = five_at_checkout()
    version = j.version
    j.aggregate_emotions()
    assert j.version == version + 1
    (emotion,) = j.emotions.itertuples()
    assert (emotion.step_id, emotion.score, emotion.n, emotion.source) == (
        "checkout",
        -0.9,
        5,
        "interview",
    )
    assert emotion.median == -1 and emotion.sd == pytest.approx(math.sqrt(0.925))
    assert pd.isna(emotion.evidence_level)  # computed from support, not typed in
    j.undo()
    assert j.emotions.empty


def test_running_again_after_more_coding_updates_the_same_row() -> None:
    j = five_at_checkout()
    j.aggregate_emotions()
    (row_id,) = j.emotions.index
    add_participants(j, {"p6": None})
    rate(j, "p6", "checkout", [2])
    out = j.aggregate_emotions()
    assert list(j.emotions.index) == [row_id]
    assert j.emotions.at[row_id, "n"] == 6
    assert j.emotions.at[row_id, "score"] == pytest.approx((sum(MEANS) + 2) / 6)
    assert out.iloc[0]["n"] == 6


def test_a_step_no_rating_backs_any_more_is_cleared() -> None:
    j = five_at_checkout()
    j.aggregate_emotions()
    (row_id,) = j.emotions.index
    j.map_codes({"moment/checkout": None})
    assert j.aggregate_emotions().empty
    assert pd.isna(j.emotions.at[row_id, "score"]) and pd.isna(j.emotions.at[row_id, "n"])


def test_personas_are_never_pooled_unless_asked() -> None:
    j = base_map()
    add_participants(j, {"a": "commuter", "b": "commuter", "c": "student", "d": None})
    map_moments_and_emotions(j)
    rate(j, "a", "browse", [2])
    rate(j, "b", "browse", [1])
    rate(j, "c", "browse", [-2])
    rate(j, "d", "browse", [0])
    out = j.aggregate_emotions(write=False)
    by_persona = {
        (None if pd.isna(p) else p): (n, m)
        for p, n, m in zip(out["persona_id"], out["n"], out["mean"], strict=True)
    }
    assert by_persona == {None: (1, 0.0), "commuter": (2, 1.5), "student": (1, -2.0)}
    assert list(out["persona"].fillna("")) == ["", "Commuter", "Student"]
    pooled = j.aggregate_emotions(across_personas=True)
    assert len(pooled) == 1 and pooled.iloc[0]["n"] == 4
    assert pooled.iloc[0]["mean"] == pytest.approx(0.25)


def test_one_participant_with_two_different_ratings_is_rounded_on_an_integer_scale() -> None:
    j = base_map()
    add_participants(j, {"a": None})
    map_moments_and_emotions(j)
    rate(j, "a", "browse", [-2, -1])
    out = j.aggregate_emotions()
    assert (
        out.iloc[0]["mean"] == -1.5
        and pd.isna(out.iloc[0]["sd"])
        and pd.isna(out.iloc[0]["ci_low"])
    )
    assert j.emotions.iloc[0]["score"] == -2  # half away from neutral, as the scale rounds


def test_stated_emotion_wins_over_codes_and_segments_without_participant_count_once_each() -> None:
    j = base_map()
    map_moments_and_emotions(j)
    add_segment(j, "x", None, ["at_basket", "furious"], emotion=1.0)
    add_segment(j, "y", None, ["at_basket", "furious"])
    out = j.aggregate_emotions(write=False)
    assert out.iloc[0]["n"] == 2 and out.iloc[0]["mean"] == pytest.approx(-0.5)


def test_bootstrap_is_seeded_and_states_its_method() -> None:
    j = five_at_checkout()
    first = j.aggregate_emotions(interval="bootstrap", seed=7, write=False)
    again = j.aggregate_emotions(interval="bootstrap", seed=7, write=False)
    assert first[["ci_low", "ci_high"]].equals(again[["ci_low", "ci_high"]])
    # Means of five values fall on a grid, so wide intervals from two seeds may agree;
    # with few resamples the seed shows.
    few = [
        tuple(
            j.aggregate_emotions(interval="bootstrap", seed=s, resamples=200, write=False).iloc[0][
                ["ci_low", "ci_high"]
            ]
        )
        for s in (0, 1)
    ]
    assert few[0] != few[1]
    row = first.iloc[0]
    assert min(MEANS) <= row["ci_low"] < -0.9 < row["ci_high"] <= max(MEANS)
    assert (
        row["interval"]
        == "95% percentile bootstrap of the mean over participants (9999 resamples, seed 7)"
    )


SEVEN = {"p1": [-2, -1], "p2": [-2], "p3": [0, 0, 1], "p4": [1, 2], "p5": [-1],
         "p6": [2, 1, 1], "p7": [-2, 0]}  # fmt: skip
"""Seven participants rating the basket: means −1.5, −2, 1/3, 1.5, −1, 4/3, −1."""


def test_seeded_intervals_are_pinned_on_a_hand_built_study() -> None:
    # The numbers are what the aggregation gave before it was rewritten on integer codes
    # (research/ratings.py) and after: a change to resampling or seeding shows here.
    j = base_map()
    add_participants(j, dict.fromkeys(SEVEN))
    map_moments_and_emotions(j)
    for participant, values in SEVEN.items():
        rate(j, participant, "basket", values)
    means = [sum(v) / len(v) for v in SEVEN.values()]
    t90 = j.aggregate_emotions(write=False, confidence=0.9).iloc[0]
    assert (t90["n"], t90["ratings"], t90["median"]) == (7, 14, -1.0)
    assert t90["mean"] == pytest.approx(np.mean(means), abs=1e-15)
    assert t90["sd"] == pytest.approx(np.std(means, ddof=1), abs=1e-15)
    expected = stats.t.interval(0.9, 6, loc=np.mean(means), scale=stats.sem(means))
    assert (t90["ci_low"], t90["ci_high"]) == pytest.approx(expected, abs=1e-12)
    assert (t90["ci_low"], t90["ci_high"]) == pytest.approx(
        (-1.355037912590507, 0.6883712459238405), abs=1e-12
    )
    for seed, resamples, low, high in (
        (7, 9999, -1.2380952380952384, 0.619047619047619),
        (1, 500, -1.2857142857142858, 0.6327380952380934),
    ):
        row = j.aggregate_emotions(
            interval="bootstrap", seed=seed, resamples=resamples, write=False
        ).iloc[0]
        assert (row["ci_low"], row["ci_high"]) == pytest.approx((low, high), abs=1e-12)


def test_bad_aggregation_options_are_refused() -> None:
    j = five_at_checkout()
    with pytest.raises(jw.ValidationError, match="interval must be one of t, bootstrap"):
        j.aggregate_emotions(interval="normal")  # type: ignore[arg-type]
    with pytest.raises(jw.ValidationError, match="variant must be one of as_is, to_be"):
        j.aggregate_emotions(variant="maybe")


# -- the aggregation core on hand-built frames ------------------------------------------


def _ratings(rows: list[tuple[str, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "step_id": [r[0] for r in rows],
            "persona_id": pd.array([None] * len(rows), dtype="string"),
            "variant": "as_is",
            "participant": [r[1] for r in rows],
            "value": [r[2] for r in rows],
        }
    )


def test_core_on_a_continuous_scale_counts_five_points() -> None:
    rows = [("s", "a", 0.0), ("s", "b", 12.5), ("s", "c", 100.0), ("s", "d", 60.0)]
    out = aggregate_ratings(_ratings(rows), jw.get_scale("percent"))
    assert [out.iloc[0][p] for p in ("0", "25", "50", "75", "100")] == [2, 0, 1, 0, 1]


def test_core_refuses_a_rating_off_the_scale() -> None:
    with pytest.raises(jw.ValidationError, match="rating 3 is outside the bipolar5 scale"):
        aggregate_ratings(_ratings([("s", "a", 3.0)]), jw.get_scale("bipolar5"))


def test_interval_is_clipped_to_the_scale() -> None:
    rows = [("s", "a", 2.0), ("s", "b", 2.0), ("s", "c", 1.0)]
    out = aggregate_ratings(_ratings(rows), jw.get_scale("bipolar5"), IntervalMethod("t"))
    assert out.iloc[0]["ci_high"] == 2.0 and out.iloc[0]["ci_low"] < 5 / 3


# -- evidence strength ------------------------------------------------------------------


def test_support_counts_segments_and_participants_and_the_rule_decides() -> None:
    j = five_at_checkout()
    j.aggregate_emotions()
    table = j.evidence_support().set_index(["table", "item_id"])
    checkout = table.loc[("steps", "checkout")]
    assert (checkout["segments"], checkout["participants"]) == (10, 5)
    assert checkout["computed_level"] == "reported" and checkout["level"] == "reported"
    assert table.loc[("stages", "pay"), "participants"] == 5  # through its step
    assert table.loc[("steps", "browse"), "level"] == "assumed"
    emotion_id = j.emotions.index[0]
    assert table.loc[("emotions", emotion_id), "participants"] == 5
    strict = j.evidence_support(EvidenceRule(min_participants=6)).set_index(["table", "item_id"])
    assert strict.loc[("steps", "checkout"), "level"] == "inferred"


def test_observed_kinds_and_the_manual_level_wins() -> None:
    j = base_map()
    add_participants(j, {"a": None, "b": None})
    j.map_codes({"moment/basket": "basket"})
    add_segment(j, "o1", "a", ["at_basket"], kind="observation")
    add_segment(j, "o2", "b", ["at_basket"], kind="observation")
    rule = EvidenceRule(min_participants=2)
    assert j.evidence_support(rule).set_index("item_id").loc["basket", "level"] == "observed"
    j.update("steps", "basket", evidence_level="assumed")
    row = j.evidence_support(rule).set_index("item_id").loc["basket"]
    assert (row["computed_level"], row["manual_level"], row["level"]) == (
        "observed",
        "assumed",
        "assumed",
    )


def test_a_manual_link_backs_its_item_and_counts_as_a_rating_of_an_emotion_point() -> None:
    j = base_map()
    add_participants(j, {"a": None})
    emotion = j.set_emotion("browse", -1)
    add_segment(j, "q", "a", [], emotion=-2.0)
    j.apply(
        Insert(
            "evidence_links", {"segment_id": "q", "target_table": "emotions", "target_id": emotion}
        )
    )
    assert j.evidence_support().set_index("item_id").loc[emotion, "segments"] == 1
    out = j.aggregate_emotions(write=False)
    assert (out.iloc[0]["step_id"], out.iloc[0]["n"], out.iloc[0]["mean"]) == ("browse", 1, -2.0)


# -- quotes, matrix, saturation ---------------------------------------------------------


def test_quotes_give_participant_source_context_and_codes() -> None:
    j = base_map()
    add_participants(j, {"a": "student"})
    text = "We browsed a while. Then the fees at checkout 让我很生气 and I left. Never again."
    start = text.index("Then")
    end = text.index(" and I left")
    j.apply(
        Insert(
            "sources",
            {"source_id": "t1", "participant_id": "a", "name": "Interview A", "text": text},
        )
    )
    add_segment(
        j,
        "q",
        "a",
        ["at_checkout", "furious"],
        text=text[start:end],
        source_id="t1",
        start=start,
        end=end,
    )
    map_moments_and_emotions(j)
    out = j.quotes("checkout", context=10)
    (row,) = out.itertuples()
    assert (row.participant, row.persona_id, row.source, row.text) == (
        "A",
        "student",
        "Interview A",
        text[start:end],
    )
    assert row.before == " a while. " and row.after == " and I lef"
    assert row.codes == "checkout; furious" and row.via == "codes"
    with pytest.raises(jw.ValidationError, match="'nope' is not a stage, step, card or emotion id"):
        j.quotes("nope")
    assert j.quotes("Checkout", context=10).equals(out)  # the step's name, as its id
    with pytest.raises(jw.ValidationError, match=r"(?i)did you mean 'checkout'"):
        j.quotes("Chekout")
    j.add_stage("Browse", stage_id="browsing")  # now a stage and a step share a name
    with pytest.raises(jw.ValidationError, match=r"names a stage and a step.*give the id"):
        j.quotes("Browse")


def test_evidence_matrix_counts_segments_per_participant_and_step() -> None:
    j = five_at_checkout()
    add_participants(j, {"quiet": None})
    rate(j, "p1", "browse", [1])
    matrix = j.evidence_matrix()
    assert list(matrix.columns) == ["browse", "basket", "checkout"]
    assert list(matrix.index) == ["p1", "p2", "p3", "p4", "p5", "quiet"]
    assert matrix.loc["p1"].tolist() == [1, 0, 2]
    assert matrix.loc["quiet"].tolist() == [0, 0, 0]
    named = j.evidence_matrix(names=True)
    assert named.loc["P1", "Checkout"] == 2


def test_saturation_counts_new_codes_per_interview_in_collection_order() -> None:
    j = base_map()
    add_participants(j, {"late": None, "early": None, "undated": None})
    add_segment(j, "1", "early", ["at_browse", "furious"], collected_at="2026-01-01")
    add_segment(j, "2", "late", ["at_browse", "fees"], collected_at="2026-02-01")
    add_segment(j, "3", "undated", ["fees", "furious"])
    out = j.saturation()
    assert list(out["participant_id"]) == ["early", "late", "undated"]
    assert list(out["new_codes"]) == [2, 1, 0] and list(out["cumulative_codes"]) == [2, 3, 3]
    assert out.iloc[1]["new"] == ("hidden fees",)
    assert list(out["share"]) == pytest.approx([2 / 3, 1, 1])
    assert list(j.saturation(order="position")["participant_id"]) == ["late", "early", "undated"]


def test_hand_built_five_is_what_the_docs_say() -> None:
    assert [sum(v) / len(v) for v in FIVE.values()] == MEANS


def test_a_persona_code_makes_its_participants_speak_for_that_persona() -> None:
    j = base_map()
    add_participants(j, {"a": None, "b": "student"})
    j.apply([Insert("codes", {"code_id": "is_commuter", "name": "commuter"})])
    map_moments_and_emotions(j)
    j.map_codes({"is_commuter": {"persona": "Commuter"}})
    add_segment(j, "who_a", "a", ["is_commuter"])  # any segment of a's says who a is
    add_segment(j, "who_b", "b", ["is_commuter"])  # b's persona is set: it stays
    rate(j, "a", "browse", [2])
    rate(j, "b", "browse", [-2])
    out = j.aggregate_emotions(write=False)
    assert dict(zip(out["persona_id"], out["mean"], strict=True)) == {
        "commuter": 2.0,
        "student": -2.0,
    }


def test_every_reading_works_on_a_journey_without_research() -> None:
    j = jw.Journey()
    j.add_stage("S", stage_id="s")
    j.add_step("one", "s", step_id="one")
    assert j.aggregate_emotions().empty and j.emotions.empty
    assert j.supporting_segments().empty
    assert list(j.evidence_support()["level"]) == ["assumed", "assumed"]
    assert j.quotes("one").empty
    assert j.evidence_matrix().shape == (0, 1)
    assert j.saturation().empty
    assert j.map_codes({}) is None
