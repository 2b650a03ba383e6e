"""The portable plans: the funnel and the path counts written once with narwhals.

They run on the log's own engine (pandas, polars, DuckDB, PySpark) as lazy plans with
one collect each; only the small per-step summary and the pair counts reach Python.
The tuned DuckDB plans in sql_plans.py have the same semantics; the tests hold the two
to identical results.
"""

from __future__ import annotations

from typing import Any

import narwhals as nw
import pandas as pd
from tqdm.auto import tqdm

from .events import Checkpoints, EventLog
from .semantics import FunnelSemantics
from .sql_plans import ALL, TIMINGS


def funnel_narwhals(log: EventLog, semantics: FunnelSemantics, progress: bool) -> pd.DataFrame:
    """Per step and group: entered and the four time quantiles (``sql_plans.COLUMNS``)."""
    frame, columns, s = log.frame, log.columns, semantics
    _since = log.since()
    predicates = log.steps.predicates
    order, window, tie, limits, skippable = s.order, s.window, s.tie, s.limits, s.optional
    keep = [nw.col(columns.unit).alias("_unit"), nw.col(columns.time).alias("_t")]
    if columns.breakdown:
        keep.append(nw.col(columns.breakdown).alias("_group"))
    else:
        keep.append(nw.lit(ALL).alias("_group"))
    n = len(predicates)
    bar = tqdm(total=n + 1, desc="funnel", disable=not progress)
    kept = Checkpoints()
    # Each step's events, read from the log where it lives (a Parquet scan pushes the
    # filter down; reading the mapped events once into a table was slower in DuckDB).
    per_step = [frame.filter(p).select(keep) for p in predicates]

    # The anchor: one row per unit (first attempt) or one per attempt.
    first = per_step[0]
    if not s.attempts:
        starts = first.group_by("_unit").agg(nw.col("_t").min().alias("_s0"))
        starts = (
            starts.join(first.rename({"_t": "_s0"}), on=["_unit", "_s0"], how="inner")
            .group_by("_unit", "_s0")
            .agg(nw.col("_group").min())
        )
    else:
        starts = first.rename({"_t": "_s0"}).group_by("_unit", "_s0").agg(nw.col("_group").min())
    if s.exclude is not None:
        # Each row's first excluded event at or after its anchor: the end of its funnel.
        excluded = (
            s.exclude if isinstance(s.exclude, nw.Expr) else nw.col(columns.event).is_in(s.exclude)
        )
        ends = (
            starts.select("_unit", "_s0")
            .join(frame.filter(excluded).select(nw.col(columns.unit).alias("_unit"),
                                                nw.col(columns.time).alias("_x")), on="_unit")
            .filter(nw.col("_x") >= nw.col("_s0"))
            .group_by("_unit", "_s0")
            .agg(nw.col("_x").min())
        )  # fmt: skip
        starts = starts.join(ends, on=["_unit", "_s0"], how="left")
    starts = starts.with_columns(nw.col("_s0").alias("_p0"))
    bar.update()

    # reached[k]: the rows (units or attempts) that got to step k, with their time at every
    # step so far. Each builds on the one before only, so the plan stays a chain (a frame
    # used twice would be computed twice by SQL engines, doubling at every step).
    # A row is a unit (first attempt) or a unit's attempt, known by its first-step time.
    keys = ["_unit", "_s0"] if s.attempts else ["_unit"]
    reached = [kept.keep(starts)]
    for k in range(1, n):
        # _p{j}: the time the unit had got to step j (an optional step it skipped leaves it
        # where it was); strict order measures each step from there.
        carried_columns = [
            "_group",
            *(["_x"] if s.exclude is not None else []),
            *[f"_s{j}" for j in range(k)],
            *[f"_p{j}" for j in range(k)],
        ]
        candidates = reached[-1].join(per_step[k].select("_unit", "_t"), on="_unit", how="inner")
        since = f"_p{k - 1}" if order == "strict" else "_s0"
        candidates = candidates.filter(
            nw.col("_t") >= nw.col(since) - tie, nw.col("_t") <= nw.col("_s0") + window
        )
        if s.exclude is not None:
            candidates = candidates.filter(nw.col("_x").is_null() | (nw.col("_t") < nw.col("_x")))
        if order == "strict" and k in limits:
            candidates = candidates.filter(nw.col("_t") <= nw.col(f"_p{k - 1}") + limits[k])
        # Grouped by the row's key only; its group and earlier times depend on the key, so
        # min() just carries them (cheaper than grouping by every earlier time).
        carried = [nw.col(c).min() for c in carried_columns if c not in keys]
        arrived = candidates.group_by(*keys).agg(*carried, nw.col("_t").min().alias(f"_s{k}"))
        if k in skippable:  # everyone goes on; those who did the step have its time
            arrived = reached[-1].join(arrived.select(*keys, f"_s{k}"), on=keys, how="left")
        arrived = arrived.with_columns(
            nw.when(nw.col(f"_s{k}").is_null())
            .then(nw.col(f"_p{k - 1}"))
            .otherwise(nw.col(f"_s{k}"))
            .alias(f"_p{k}")
        )
        reached.append(kept.keep(arrived))
        bar.update()

    # One small aggregate per step, stacked: entered, and times from the previous and the
    # first step. In any order, a step is completed when the last of the first k is done.
    def done(k: int) -> nw.Expr:
        if order == "strict" or k == 0:
            return nw.col(f"_s{k}")
        return nw.max_horizontal(*[nw.col(f"_s{j}") for j in range(k + 1)])

    parts = []
    for k, frame_k in enumerate(reached):
        if s.anchor == "best" and s.count == "unique":
            # A unit counts once: with its earliest attempt that got this far.
            earliest = frame_k.group_by("_unit").agg(nw.col("_s0").min())
            frame_k = frame_k.join(earliest, on=["_unit", "_s0"], how="inner")
        if k in skippable:
            frame_k = frame_k.filter(~nw.col(f"_s{k}").is_null())
        if k:
            previous_done = nw.col(f"_p{k - 1}") if order == "strict" else done(k - 1)
            frame_k = frame_k.with_columns(
                done(k).alias("_ck"), previous_done.alias("_cp")
            ).with_columns(_since("_ck", "_cp").alias("_dp"), _since("_ck", "_s0").alias("_df"))
            aggregated = frame_k.group_by("_group").agg(
                nw.len().alias("entered"),
                nw.col("_dp").median().alias("median_prev"),
                nw.col("_dp").quantile(0.9, interpolation="linear").alias("p90_prev"),
                nw.col("_df").median().alias("median_first"),
                nw.col("_df").quantile(0.9, interpolation="linear").alias("p90_first"),
            )
        else:  # the first step has no time from a previous one
            aggregated = frame_k.group_by("_group").agg(nw.len().alias("entered"))
            aggregated = aggregated.with_columns(
                *[nw.lit(None, nw.Float64).alias(name) for name in TIMINGS]
            )
        parts.append(
            aggregated.with_columns(
                nw.col("entered").cast(nw.Int64), *[nw.col(t).cast(nw.Float64) for t in TIMINGS]
            )
            .with_columns(nw.lit(k, nw.Int64).alias("_k"))
            .select("_k", "_group", "entered", *TIMINGS)
        )
    try:
        stacked = nw.concat(parts, how="vertical").collect().to_pandas()
    finally:
        kept.release()
    bar.update()
    bar.close()
    return stacked


_TRANSITION_COLUMNS = {
    "previous": "from",
    "label": "to",
    "previous_on_map": "from_step",
    "on_map": "to_step",
}


def paths_narwhals(log: EventLog, labelled: nw.LazyFrame[Any]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Directly-follows counts and off-map counts, from the labelled events."""
    order = ["t", "label", "on_map"]  # an off-map event named like a step goes first
    ordered = labelled.with_columns(
        nw.col("label").shift(1).over("unit", order_by=order).alias("previous"),
        nw.col("t").shift(1).over("unit", order_by=order).alias("previous_t"),
        nw.col("on_map").shift(1).over("unit", order_by=order).alias("previous_on_map"),
    ).filter(~nw.col("previous").is_null())
    transitions = (
        ordered.with_columns(gap=log.since()("t", "previous_t"))
        .group_by("previous", "label", "previous_on_map", "on_map")
        .agg(
            nw.len().alias("count"),
            nw.col("unit").n_unique().alias("units"),
            nw.col("gap").median().alias("median_gap"),
        )
        .collect()
        .to_pandas()
        .rename(columns=_TRANSITION_COLUMNS)
    )
    off_map = (
        labelled.filter(~nw.col("on_map"))
        .group_by("label")
        .agg(nw.len().alias("events"), nw.col("unit").n_unique().alias("units"))
        .collect()
        .to_pandas()
        .rename(columns={"label": "event"})
    )
    return transitions, off_map
