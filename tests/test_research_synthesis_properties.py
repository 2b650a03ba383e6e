"""Properties of the emotion aggregation: the core against a plain pandas groupby, and the
whole path from coded segments against the rules written out one segment at a time."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import journeywidgets as jw
from journeywidgets.model import Insert
from journeywidgets.research import IntervalMethod, aggregate_ratings

from .research_study import (
    EMOTION_CODES,
    add_participants,
    base_map,
    map_moments_and_emotions,
    rate,
)

SCALE = jw.get_scale("bipolar5")

ratings_rows = st.lists(
    st.tuples(
        st.sampled_from(["s1", "s2", "s3"]),
        st.sampled_from([None, "commuter"]),
        st.sampled_from(["p1", "p2", "p3", "p4", "p5", "p6"]),
        st.integers(-2, 2),
    ),
    min_size=1,
    max_size=60,
)


def frame(rows: list[tuple[str, str | None, str, int]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "step_id": pd.array([r[0] for r in rows], dtype="string"),
            "persona_id": pd.array([r[1] for r in rows], dtype="string"),
            "variant": "as_is",
            "participant": [r[2] for r in rows],
            "value": [float(r[3]) for r in rows],
        }
    )


def oracle(ratings: pd.DataFrame) -> pd.DataFrame:
    """The same statistics, the slow obvious way."""
    keys = ["step_id", "persona_id", "variant"]
    per = ratings.groupby([*keys, "participant"], dropna=False)["value"].mean().reset_index()
    out = per.groupby(keys, dropna=False)["value"].agg(["count", "mean", "median", "std"])
    return out.reset_index()


def keyed(out: pd.DataFrame) -> pd.DataFrame:
    out = out.assign(persona_id=out["persona_id"].astype(object).fillna("-"))
    return out.sort_values(["step_id", "persona_id"]).reset_index(drop=True)


@settings(max_examples=60, deadline=None)
@given(ratings_rows)
def test_matches_a_plain_groupby(rows: list) -> None:
    ratings = frame(rows)
    mine = keyed(aggregate_ratings(ratings, SCALE))
    theirs = keyed(oracle(ratings))
    assert mine["n"].tolist() == theirs["count"].tolist()
    np.testing.assert_allclose(mine["mean"].astype(float), theirs["mean"])
    np.testing.assert_allclose(mine["median"].astype(float), theirs["median"])
    np.testing.assert_allclose(mine["sd"].astype(float), theirs["std"], equal_nan=True)
    points = [c for c in mine.columns if c in {"-2", "-1", "0", "1", "2"}]
    assert (mine[points].sum(axis=1) == mine["n"]).all()


@settings(max_examples=40, deadline=None)
@given(ratings_rows, st.randoms(use_true_random=False), st.sampled_from(["t", "bootstrap"]))
def test_invariant_to_the_order_of_segments(rows: list, rng, interval: str) -> None:
    method = IntervalMethod(interval, resamples=200)  # type: ignore[arg-type]
    shuffled = list(rows)
    rng.shuffle(shuffled)
    first = keyed(aggregate_ratings(frame(rows), SCALE, method))
    second = keyed(aggregate_ratings(frame(shuffled), SCALE, method))
    pd.testing.assert_frame_equal(first, second)


@settings(max_examples=40, deadline=None)
@given(ratings_rows, st.lists(st.integers(-2, 2), min_size=1, max_size=4))
def test_adding_a_participant_changes_n_by_one(rows: list, values: list[int]) -> None:
    before = keyed(aggregate_ratings(frame(rows), SCALE))
    step, persona = rows[0][0], rows[0][1]
    newcomer = [(step, persona, "newcomer", v) for v in values]
    after = keyed(aggregate_ratings(frame(rows + newcomer), SCALE))
    changed = (after["step_id"] == step) & (after["persona_id"] == (persona or "-"))
    assert after.loc[changed, "n"].tolist() == [before.loc[changed, "n"].iloc[0] + 1]
    assert after.loc[~changed, "n"].tolist() == before.loc[~changed, "n"].tolist()


# -- from the tables: coded segments → ratings → aggregate --------------------------------

CODES = ["at_browse", "at_basket", "at_checkout", *EMOTION_CODES, "is_student"]
STEP_OF = {"at_browse": "browse", "at_basket": "basket", "at_checkout": "checkout"}

segments_strategy = st.lists(
    st.tuples(
        st.sampled_from([None, "p1", "p2", "p3", "p4"]),  # who said it (None: nobody known)
        st.sets(st.sampled_from(CODES), max_size=4),
        st.sampled_from([None, None, -2.0, 1.0]),  # an emotion stated on the segment
        st.sampled_from([None, None, "browse"]),  # a link to a step made by hand
    ),
    min_size=1,
    max_size=25,
)
personas_strategy = st.fixed_dictionaries(
    {p: st.sampled_from([None, "commuter"]) for p in ("p1", "p2", "p3", "p4")}
)


def coded_study(personas: dict, segments: list, order: list[int] | None = None) -> jw.Journey:
    """A study of ``segments`` (in ``order``), every code mapped as base_map's are."""
    j = base_map()
    add_participants(j, personas)
    j.apply([Insert("codes", {"code_id": "is_student", "name": "student"})])
    map_moments_and_emotions(j)
    j.map_codes({"is_student": {"persona": "student"}})
    ops: list = []
    codings: list = []
    for n in order if order is not None else range(len(segments)):
        who, codes, stated, linked = segments[n]
        ops.append(
            Insert(
                "segments",
                {"segment_id": f"s{n}", "participant_id": who, "text": f"q{n}", "emotion": stated},
            )
        )
        codings += [Insert("segment_codes", {"segment_id": f"s{n}", "code_id": c}) for c in codes]
        if linked:
            codings.append(
                Insert(
                    "evidence_links",
                    {"segment_id": f"s{n}", "target_table": "steps", "target_id": linked},
                )
            )
    j.apply(ops + (codings[::-1] if order is not None else codings))
    return j


def rules_oracle(personas: dict, segments: list) -> dict:
    """n, mean and median per (step, persona), by the rules docs/research.md states,
    written out one segment at a time."""
    spoken: dict = {}  # a participant without a persona speaks for their codes' personas
    for n, (who, codes, _, _) in enumerate(segments):
        if "is_student" in codes:
            spoken.setdefault(who if who else f"#{n}", set()).add("student")
    per: dict = {}
    for n, (who, codes, stated, linked) in enumerate(segments):
        feelings = [EMOTION_CODES[c] for c in codes if c in EMOTION_CODES]
        value = stated if stated is not None else (np.mean(feelings) if feelings else None)
        if value is None:
            continue
        steps = {STEP_OF[c] for c in codes if c in STEP_OF} | ({linked} if linked else set())
        key = who if who else f"#{n}"
        own = personas.get(who) if who else None
        for_whom = {own} if own else (spoken.get(key) or {None})
        for step in steps:
            for persona in for_whom:
                per.setdefault((step, persona), {}).setdefault(key, []).append(value)
    out = {}
    for group, people in per.items():
        means = [float(np.mean(v)) for v in people.values()]
        out[group] = (len(means), float(np.mean(means)), float(np.median(means)))
    return out


def by_group(out: pd.DataFrame) -> dict:
    return {
        (r.step_id, None if pd.isna(r.persona_id) else r.persona_id): (
            int(r.n),
            float(r.mean),
            float(r.median),
        )
        for r in out.itertuples()
    }


@settings(max_examples=50, deadline=None)
@given(personas_strategy, segments_strategy)
def test_from_the_tables_the_rules_hold(personas: dict, segments: list) -> None:
    out = by_group(coded_study(personas, segments).aggregate_emotions(write=False))
    expected = rules_oracle(personas, segments)
    assert out.keys() == expected.keys()
    for group, (n, mean, median) in expected.items():
        assert out[group][0] == n
        assert out[group][1:] == (pytest.approx(mean, abs=1e-12), pytest.approx(median))


@settings(max_examples=30, deadline=None)
@given(
    personas_strategy,
    segments_strategy,
    st.randoms(use_true_random=False),
    st.sampled_from(["t", "bootstrap"]),
)
def test_from_the_tables_the_order_of_segments_and_codings_changes_nothing(
    personas: dict, segments: list, rng, interval: str
) -> None:
    order = list(range(len(segments)))
    rng.shuffle(order)
    options = {"interval": interval, "resamples": 200, "write": False}
    first = coded_study(personas, segments).aggregate_emotions(**options)
    second = coded_study(personas, segments, order).aggregate_emotions(**options)
    pd.testing.assert_frame_equal(first, second, check_exact=True)


@settings(max_examples=30, deadline=None)
@given(personas_strategy, segments_strategy, st.lists(st.integers(-2, 2), min_size=1, max_size=3))
def test_from_the_tables_a_new_participant_adds_one_to_n(
    personas: dict, segments: list, values: list[int]
) -> None:
    j = coded_study(personas, segments)
    before = by_group(j.aggregate_emotions(write=False))
    add_participants(j, {"newcomer": None})
    rate(j, "newcomer", "checkout", values)
    after = by_group(j.aggregate_emotions(write=False))
    assert after.pop(("checkout", None))[0] == before.pop(("checkout", None), (0,))[0] + 1
    assert {g: v[0] for g, v in after.items()} == {g: v[0] for g, v in before.items()}
