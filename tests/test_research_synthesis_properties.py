"""Properties of the emotion aggregation, against a plain pandas groupby as the oracle."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

import journeywidgets as jw
from journeywidgets.research import IntervalMethod, aggregate_ratings

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
