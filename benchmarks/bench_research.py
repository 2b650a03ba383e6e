"""Research synthesis benchmark: aggregating emotion ratings over many participants.

Run:  make bench-research   (or: .venv/bin/python benchmarks/bench_research.py [--quick]
      [--before REV])

A generated study of 100 participants × 200 steps × 20 ratings each (400,000 ratings, in
random order): 400,000 segments with two codes each (a step code and an emotion code:
800,000 codings) and the code mappings, loaded into a journey through its op pipeline as a
file would be. Every figure is the median of several repeats in this one run, and each is
measured twice, side by side: with this tree's code ("after") and with the research code of
git revision ``--before`` ("before"; default: the last revision before the integer-coded
path), extracted into a temporary package, on the same frames. The answers of both are
compared (n and distribution exact, bootstrap intervals exact, t statistics within 1e-12)
before any time is shown.

- core: ``research.aggregate_ratings`` on a ratings frame (within participant, then across:
  n, mean, median, sd, the 95 % t interval and the distribution over the scale's points);
- core with the seeded percentile bootstrap (9,999 resamples per step);
- from the tables: what ``journey.aggregate_emotions(write=False)`` does, from segments,
  segment_codes and code_mappings to the tidy frame;
- the user's call ``journey.aggregate_emotions()``, writing 200 rows as one change (the
  before column applies the old code's ops to the same journey);
- floors: a plain pandas groupby computing less (no interval, no distribution), and the
  one hash pass over the codings' segment ids and code ids that any join of the tables
  needs (``pd.factorize``), beside the rest of the call.
"""

from __future__ import annotations

import argparse
import importlib
import io
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pandas as pd

from journeywidgets import Journey
from journeywidgets.model import Insert, Op
from journeywidgets.model.scales import get_scale
from journeywidgets.model.schema import TABLES
from journeywidgets.model.values import empty_frame, to_python
from journeywidgets.research import IntervalMethod, Study, aggregate_ratings, study_of
from journeywidgets.research.emotions import aggregate
from journeywidgets.research.ratings import objects
from timing import median_seconds  # benchmarks/timing.py

ROOT = Path(__file__).resolve().parent.parent
BEFORE = "d0be592"  # main before the integer-coded path (research/ratings.py)

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


def journey_of(study: Study) -> Journey:
    """The study's tables as a journey, built by one batch of inserts as loaders do."""
    ops: list[Op] = []
    for table in ("steps", "participants", "codes", "code_mappings", "segments", "segment_codes"):
        frame = study[table]
        columns = list(frame.columns)
        for row_id, row in zip(frame.index, frame.itertuples(index=False, name=None), strict=True):
            values = {c: to_python(v) for c, v in zip(columns, row, strict=True)}
            values = {k: v for k, v in values.items() if v is not None}
            ops.append(Insert(table, {str(frame.index.name): str(row_id), **values}))
    journey = Journey("Benchmark study")
    journey.apply(ops)
    return journey


def load_before(revision: str, into: Path) -> ModuleType:
    """The model and research packages of ``revision``, importable as ``jw_before``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "src/journeywidgets/model",
         "src/journeywidgets/research"],
        check=True, capture_output=True,
    ).stdout  # fmt: skip
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    package = into / "jw_before"
    (into / "src" / "journeywidgets").rename(package)
    (package / "__init__.py").write_text("")
    sys.path.insert(0, str(into))
    return importlib.import_module("jw_before.research")


def pandas_baseline(ratings: pd.DataFrame) -> pd.DataFrame:
    keys = ["step_id", "persona_id", "variant"]
    per = ratings.groupby([*keys, "participant"], dropna=False, sort=False)["value"].mean()
    return per.groupby(level=keys, dropna=False, sort=False).agg(["count", "mean", "median", "std"])


def hash_floor(journey: Journey) -> None:
    """One pass over the codings' segment ids and code ids, against the segments and the
    mapped codes: what any join of these tables has to do."""
    codings = journey.segment_codes
    for keys, values in (
        (journey.segments.index, codings["segment_id"]),
        (journey.code_mappings["code_id"], codings["code_id"]),
    ):
        pd.factorize(np.concatenate([objects(keys), objects(values)]))


def same(before: pd.DataFrame, after: pd.DataFrame, what: str) -> None:
    """The two answers agree: counts exactly, bootstrap ends exactly, t within 1e-12 absolute."""
    assert list(before.columns) == list(after.columns), what
    for column in before.columns:
        mine, theirs = after[column], before[column]
        if column in {"mean", "sd", "ci_low", "ci_high", "median"}:
            exact = what.startswith("bootstrap") and column.startswith("ci_")
            np.testing.assert_allclose(
                mine.astype(float), theirs.astype(float), rtol=0, atol=0 if exact else 1e-12,
                err_msg=f"{what}: {column}",
            )  # fmt: skip
        else:
            assert mine.astype(object).fillna("-").equals(theirs.astype(object).fillna("-")), (
                f"{what}: {column}"
            )


def keyed(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.assign(persona_id=frame["persona_id"].astype(object).fillna("-"))
    return frame.sort_values(["step_id", "persona_id", "variant"]).reset_index(drop=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the participants")
    parser.add_argument("--before", default=BEFORE, help=f"git revision (default {BEFORE})")
    args = parser.parse_args()
    participants = 10 if args.quick else 100
    steps, per = 200, 20
    ratings, generated = generate(participants, steps, per)
    scale = generated.scale
    repeats = 3 if args.quick else 7
    few = max(1, repeats // 2)
    started = time.perf_counter()
    journey = journey_of(generated)
    built = time.perf_counter() - started
    workdir = tempfile.TemporaryDirectory()
    old: Any = load_before(args.before, Path(workdir.name))
    old_emotions = importlib.import_module("jw_before.research.emotions")
    old_ops = importlib.import_module("jw_before.model.ops")
    boot = IntervalMethod("bootstrap")
    old_boot = old.IntervalMethod("bootstrap")

    def old_tables() -> pd.DataFrame:
        frames = {name: getattr(journey, name) for name in TABLES}
        return old_emotions.aggregate(old.Study(frames, journey.emotion_scale))

    def new_tables() -> pd.DataFrame:
        return aggregate(study_of(journey))

    def old_call() -> None:
        out = old_tables()
        frames = {name: getattr(journey, name) for name in TABLES}
        ops = old_emotions.emotion_ops(
            old.Study(frames, journey.emotion_scale), out, variants={"as_is"}
        )
        journey.apply([old_ops.op_to_json(op) for op in ops])

    # The answers first: both codes, every measured path.
    same(keyed(aggregate_ratings(ratings, scale)), keyed(old.aggregate_ratings(ratings, scale)),
         "core")  # fmt: skip
    same(
        keyed(old.aggregate_ratings(ratings, scale, old_boot)),
        keyed(aggregate_ratings(ratings, scale, boot)),
        "bootstrap core",
    )
    same(old_tables(), new_tables(), "from the tables")
    same(
        old_emotions.aggregate(old.Study(dict(study_of(journey).frames), scale), old_boot),
        aggregate(study_of(journey), boot),
        "bootstrap from the tables",
    )
    mine = aggregate_ratings(ratings, scale).set_index("step_id")
    theirs = pandas_baseline(ratings).reset_index().set_index("step_id")
    assert np.allclose(mine["mean"].astype(float), theirs.loc[mine.index, "mean"])
    assert (mine["n"].to_numpy() == theirs.loc[mine.index, "count"].to_numpy()).all()
    journey.aggregate_emotions()  # both write calls below then re-run on a written curve

    measures = [
        (
            "core: n, mean, median, sd, t interval, distribution",
            lambda: old.aggregate_ratings(ratings, scale),
            lambda: aggregate_ratings(ratings, scale),
            repeats,
        ),
        (
            "core with the seeded bootstrap (9,999 resamples/step)",
            lambda: old.aggregate_ratings(ratings, scale, old_boot),
            lambda: aggregate_ratings(ratings, scale, boot),
            few,
        ),
        (
            f"from the tables: {2 * len(ratings) // 1000}k codings → tidy frame (write=False)",
            old_tables,
            lambda: journey.aggregate_emotions(write=False),
            few,
        ),
        (
            "the user's call: journey.aggregate_emotions()",
            old_call,
            journey.aggregate_emotions,
            few,
        ),
    ]
    rows = [(name, *paired(was, now, times)) for name, was, now, times in measures]
    baseline = median_seconds(lambda: pandas_baseline(ratings), repeats)
    floor = median_seconds(lambda: hash_floor(journey), repeats)
    write_ops = emotion_ops_of(journey)
    apply_time = median_seconds(lambda: journey.apply(write_ops), repeats)

    size = f"{participants} participants × {steps} steps × {per} ratings = {len(ratings):,}"
    load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else []
    print(
        f"Emotion aggregation, {size}; medians of {repeats} (bootstrap, tables, call: {few}), "
        "before and after timed in turn"
    )
    print(f"journey built through the op pipeline in {built:.0f} s (not timed); "
          f"before = research code at {args.before}; load average {' '.join(load)}\n")  # fmt: skip
    print(f"| {'measure':<58} | {'before':>9} | {'after':>9} | {'speed-up':>8} |")
    print(f"|{'-' * 60}|{'-' * 11}|{'-' * 11}|{'-' * 10}|")
    for name, was, now in rows:
        print(f"| {name:<58} | {_ms(was)} | {_ms(now)} | {was / now:>7.1f}× |")
    print(f"| {'floor: pandas groupby (count, mean, median, std only)':<58} | {'':>9} | "
          f"{_ms(baseline)} | {'':>8} |")  # fmt: skip
    print(f"| {'floor: one hash pass over the codings (pd.factorize)':<58} | {'':>9} | "
          f"{_ms(floor)} | {'':>8} |")  # fmt: skip
    print(f"| {'of the call: writing 200 rows (journey.apply)':<58} | {'':>9} | "
          f"{_ms(apply_time)} | {'':>8} |")  # fmt: skip
    core, call = rows[0][2], rows[3][2]
    verdict = {True: "met", False: "NOT met"}
    print(f"\ngoal ≤ 100 ms: core {_ms(core).strip()} — {verdict[core <= 0.1]}; "
          f"the user's call {_ms(call).strip()} — {verdict[call <= 0.1]}")  # fmt: skip
    workdir.cleanup()


def paired(before: Any, after: Any, repeats: int) -> tuple[float, float]:
    """Medians of ``before`` and ``after`` timed in turn, so that a change in the shared
    machine's load falls on both."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeats):
        for run, into in ((before, times[0]), (after, times[1])):
            into.append(median_seconds(run, 1))
    return statistics.median(times[0]), statistics.median(times[1])


def emotion_ops_of(journey: Journey) -> list[Op]:
    """The ops the user's call applies (computed outside the timing)."""
    from journeywidgets.research.emotions import emotion_ops

    study = study_of(journey)
    return emotion_ops(study, aggregate(study), variants={"as_is"})


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:>6.0f} ms"


if __name__ == "__main__":
    main()
