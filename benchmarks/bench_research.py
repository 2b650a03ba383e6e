"""Research synthesis benchmark: aggregating emotion ratings over many participants.

Run:  make bench-research   (or: .venv/bin/python benchmarks/bench_research.py [--quick])

A generated study of 100 participants × 200 steps × 20 ratings each (400,000 ratings, in
random order). Every figure is the median of several repeats in this one run:

- core: ``research.aggregate_ratings`` (within participant, then across: n, mean, median,
  sd, the 95 % t interval and the distribution over the scale's five points) on the
  ratings frame; the goal is ≤ 100 ms;
- baseline: a plain pandas groupby computing less (per-participant means, then count,
  mean, median and std per step; no interval, no distribution);
- bootstrap: the core with the seeded percentile bootstrap (9,999 resamples per step);
- from the tables: ``Study(...).ratings`` + the core, i.e. starting from segments (one
  per rating) with two codes each (a step code and an emotion code: 800,000 codings)
  and the code mappings, as ``journey.aggregate_emotions(write=False)`` does.
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd

from journeywidgets.model.scales import get_scale
from journeywidgets.model.schema import TABLES
from journeywidgets.model.values import empty_frame
from journeywidgets.research import IntervalMethod, Study, aggregate_ratings
from timing import median_seconds  # benchmarks/timing.py

TEXT = "string[python]"


def generate(participants: int, steps: int, per: int, seed: int = 1) -> tuple[pd.DataFrame, Study]:
    rng = np.random.default_rng(seed)
    count = participants * steps * per
    who = np.repeat(np.arange(participants), steps * per)
    where = np.tile(np.repeat(np.arange(steps), per), participants)
    value = np.clip(np.round(rng.normal(0, 1.1, count)), -2, 2)
    order = rng.permutation(count)
    who, where, value = who[order], where[order], value[order]
    ratings = pd.DataFrame(
        {
            "step_id": pd.array([f"step_{s}" for s in where], dtype=TEXT),
            "persona_id": pd.array([None] * count, dtype=TEXT),
            "variant": "as_is",
            "participant": [f"p{p}" for p in who],
            "value": value,
        }
    )
    frames = {name: empty_frame(spec) for name, spec in TABLES.items()}
    step_ids = pd.Index([f"step_{s}" for s in range(steps)], dtype=TEXT, name="step_id")
    frames["steps"] = pd.DataFrame(
        {
            "stage_id": pd.array([None] * steps, dtype=TEXT),
            "position": range(steps),
            "name": pd.array([f"Step {s}" for s in range(steps)], dtype=TEXT),
        },
        index=step_ids,
    ).reindex(columns=frames["steps"].columns)
    participant_ids = pd.Index([f"p{p}" for p in range(participants)], dtype=TEXT)
    frames["participants"] = pd.DataFrame(
        {
            "position": range(participants),
            "label": participant_ids.astype(object),
            "persona_id": pd.array([None] * participants, dtype=TEXT),
        },
        index=participant_ids.rename("participant_id"),
    ).reindex(columns=frames["participants"].columns)
    segment_ids = pd.Index([f"seg_{i}" for i in range(count)], dtype=TEXT, name="segment_id")
    frames["segments"] = pd.DataFrame(
        {
            "participant_id": pd.array([f"p{p}" for p in who], dtype=TEXT),
            "text": pd.array(["…"] * count, dtype=TEXT),
            "kind": pd.array(["quote"] * count, dtype=TEXT),
            "emotion": pd.array([None] * count, dtype="Float64"),
        },
        index=segment_ids,
    ).reindex(columns=frames["segments"].columns)
    points = [-2, -1, 0, 1, 2]
    code_ids = [f"at_{s}" for s in range(steps)] + [f"feel_{p}" for p in points]
    frames["codes"] = pd.DataFrame(
        {"position": range(len(code_ids)), "name": pd.array(code_ids, dtype=TEXT)},
        index=pd.Index(code_ids, dtype=TEXT, name="code_id"),
    ).reindex(columns=frames["codes"].columns)
    codings = pd.DataFrame(
        {
            "segment_id": pd.array(np.concatenate([segment_ids, segment_ids]), dtype=TEXT),
            "code_id": pd.array(
                [f"at_{s}" for s in where] + [f"feel_{int(v)}" for v in value], dtype=TEXT
            ),
        },
        index=pd.Index([f"c{i}" for i in range(2 * count)], dtype=TEXT, name="coding_id"),
    )
    frames["segment_codes"] = codings
    mappings = pd.DataFrame(
        {
            "code_id": pd.array(code_ids, dtype=TEXT),
            "step_id": pd.array([f"step_{s}" for s in range(steps)] + [None] * 5, dtype=TEXT),
            "emotion": pd.array([None] * steps + points, dtype="Float64"),
        },
        index=pd.Index([f"m{i}" for i in range(len(code_ids))], dtype=TEXT, name="code_mapping_id"),
    ).reindex(columns=frames["code_mappings"].columns)
    frames["code_mappings"] = mappings
    return ratings, Study(frames, get_scale("bipolar5"))


def pandas_baseline(ratings: pd.DataFrame) -> pd.DataFrame:
    keys = ["step_id", "persona_id", "variant"]
    per = ratings.groupby([*keys, "participant"], dropna=False, sort=False)["value"].mean()
    return per.groupby(level=keys, dropna=False, sort=False).agg(["count", "mean", "median", "std"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the participants")
    args = parser.parse_args()
    participants = 10 if args.quick else 100
    steps, per = 200, 20
    ratings, study = generate(participants, steps, per)
    scale = study.scale
    repeats = 3 if args.quick else 9

    core = median_seconds(lambda: aggregate_ratings(ratings, scale), repeats)
    baseline = median_seconds(lambda: pandas_baseline(ratings), repeats)
    boot = median_seconds(
        lambda: aggregate_ratings(ratings, scale, IntervalMethod("bootstrap")), max(1, repeats // 3)
    )

    def from_tables() -> None:
        fresh = Study(study.frames, scale)
        aggregate_ratings(fresh.ratings, scale)

    tables = median_seconds(from_tables, max(1, repeats // 3))

    mine = aggregate_ratings(ratings, scale).set_index("step_id")
    theirs = pandas_baseline(ratings).reset_index().set_index("step_id")
    assert np.allclose(mine["mean"].astype(float), theirs.loc[mine.index, "mean"])
    assert np.allclose(mine["median"].astype(float), theirs.loc[mine.index, "median"])
    assert (mine["n"].to_numpy() == theirs.loc[mine.index, "count"].to_numpy()).all()

    size = f"{participants} participants × {steps} steps × {per} ratings = {len(ratings):,}"
    print(f"Emotion aggregation, {size}; medians of {repeats} (bootstrap/tables: fewer)\n")
    print(f"| {'measure':<58} | {'median':>9} | {'vs pandas':>9} |")
    print(f"|{'-' * 60}|{'-' * 11}|{'-' * 11}|")
    for name, seconds in (
        ("core: n, mean, median, sd, t interval, distribution", core),
        ("baseline: pandas groupby (count, mean, median, std only)", baseline),
        ("core with the seeded bootstrap (9,999 resamples/step)", boot),
        ("from the tables: ratings from 800k codings + core", tables),
    ):
        print(f"| {name:<58} | {seconds * 1000:>6.0f} ms | {seconds / baseline:>8.2f}× |")
    print(f"\ngoal: core ≤ 100 ms — {'met' if core <= 0.1 else 'NOT met'}")


if __name__ == "__main__":
    main()
