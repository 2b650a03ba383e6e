"""Funnels: how many units reach each step of the map, in order, within a window.

Written once with narwhals as one lazy plan (joins, a group-by, one collect), so that it
runs where the data lives: pandas, polars, DuckDB, PySpark. The plan builds one row per
unit (or per attempt) with the time it reached each step, then aggregates.

Semantics are parameters, because tools disagree and results move with them. Defaults:
unit = user; strict order; a 7-day window from the first step; anchored on each unit's
first attempt at the first step; equal timestamps count as in order; unique units are
counted; a breakdown value is the one on the anchoring event. ``result.attrs["semantics"]``
states what was used, in words. Times are compared at microsecond resolution (DuckDB's and
Spark's); pandas nanoseconds beyond that may make engines differ by a microsecond.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Mapping, Sequence
from typing import Any, Literal, cast

import narwhals as nw
import pandas as pd
from tqdm.auto import tqdm

from ..model import Journey
from .events import (
    Columns,
    EventLogError,
    EventLogWarning,
    as_lazy,
    check,
    microseconds_between,
    step_predicates,
    unmatched_names,
)

Order = Literal["strict", "any"]
Anchor = Literal["first", "best"]
Count = Literal["unique", "totals"]
ALL = "(all)"
_TIME_COLUMNS = (
    ("median_time_from_previous", "median_prev"),
    ("p90_time_from_previous", "p90_prev"),
    ("median_time_from_first", "median_first"),
    ("p90_time_from_first", "p90_first"),
)


def _us(value: dt.timedelta | str) -> int:
    delta: dt.timedelta = pd.Timedelta(value).to_pytimedelta()
    return delta // dt.timedelta(microseconds=1)


def _duration(microseconds: float) -> pd.Timedelta:
    """Whole microseconds, the same on every engine: a median of whole numbers is a whole
    or a half (rounded half up); engines' float noise beyond that is ignored."""
    halves = round(float(microseconds) * 2)
    duration: pd.Timedelta = pd.Timedelta(microseconds=(halves + 1) // 2)
    return duration


def _describe(
    columns: Columns, unit: str, order: Order, window: dt.timedelta | str, anchor: Anchor,
    count: Count, tie: dt.timedelta | str, step_windows: Mapping[str, Any] | None,
) -> str:  # fmt: skip
    parts = [
        f"unit: {unit} ({columns.unit!r})",
        "order: strict (each step after the one before)"
        if order == "strict"
        else "order: any (every step up to this one, in any order, after the first step)",
        f"window: {pd.Timedelta(window)} from the first step",
        "anchor: each unit's first attempt at the first step"
        if anchor == "first"
        else "anchor: the attempt at the first step that got furthest (earliest if tied)",
        "count: unique units" if count == "unique" else "count: every attempt (totals)",
        "ties: equal timestamps count as in order"
        + (f", and up to {pd.Timedelta(tie)} earlier" if _us(tie) else ""),
    ]
    if step_windows:
        limits = ", ".join(f"{k} ≤ {pd.Timedelta(v)}" for k, v in step_windows.items())
        parts.append(f"per-step limits from the previous step: {limits}")
    if columns.breakdown:
        parts.append(f"breakdown: {columns.breakdown!r} as on the anchoring event")
    return "; ".join(parts)


def funnel(
    events: Any,
    journey: Journey,
    *,
    steps: Sequence[str] | None = None,
    mapping: Mapping[str, Any] | None = None,
    unit: Literal["user", "session"] = "user",
    user: str = "user_id",
    session: str = "session_id",
    time: str = "timestamp",
    event: str = "event",
    order: Order = "strict",
    window: dt.timedelta | str = "7D",
    step_windows: Mapping[str, dt.timedelta | str] | None = None,
    anchor: Anchor = "first",
    count: Count = "unique",
    tie_tolerance: dt.timedelta | str = dt.timedelta(0),
    breakdown: str | None = None,
    progress: bool = False,
) -> pd.DataFrame:
    """Reach, conversion, drop-off and time per step; see the module doc for semantics.

    Parameters
    ----------
    events:
        The event log (any engine, or a Parquet/CSV path).
    journey:
        The map: its steps, and its ``event_mappings`` unless ``mapping`` is given.
    steps:
        The funnel's steps (ids or names), in order; default: every mapped step in map order.
    mapping:
        ``{step: event name(s) or a narwhals expression}``, instead of the stored mapping.
    unit, user, session, time, event:
        Count users or sessions, and the log's column names.
    order:
        ``"strict"`` (default) or ``"any"``.
    window:
        Longest time from the first step to any later step (default 7 days; the boundary
        counts: an event exactly ``window`` after converts).
    step_windows:
        ``{step: longest time from the previous step}``.
    anchor:
        ``"first"`` attempt at the first step (default) or the ``"best"`` attempt.
    count:
        ``"unique"`` units (default) or ``"totals"``: every attempt at the first step.
    tie_tolerance:
        Also count a step's event up to this long *before* the previous step's (clock skew
        between sources). Equal timestamps always count as in order.
    breakdown:
        A column of the log to group by (its value on the anchoring event).
    progress:
        Show a progress bar while the plan is built and run.

    Returns
    -------
    One row per step (and breakdown group): ``entered``, ``converted`` (went on to the next
    step), ``conversion_from_previous``, ``conversion_from_first``, ``dropped`` (left
    between the previous step and this one), and median / 90th percentile times from the
    previous and from the first step. ``attrs["semantics"]`` says what was counted.
    """
    if unit not in ("user", "session"):
        raise EventLogError(f"unit must be 'user' or 'session', not {unit!r}")
    if order not in ("strict", "any") or anchor not in ("first", "best"):
        raise EventLogError("order must be 'strict' or 'any'; anchor 'first' or 'best'")
    if count not in ("unique", "totals"):
        raise EventLogError(f"count must be 'unique' or 'totals', not {count!r}")
    columns = Columns(user if unit == "user" else session, time, event, breakdown)
    frame = as_lazy(events)
    check(frame, columns)
    _since = microseconds_between(frame)
    step_ids, predicates = step_predicates(journey, mapping, steps, event)
    missing = unmatched_names(frame, journey, mapping, event, step_ids)
    if missing:
        warnings.warn(
            f"these mapped event names never occur in column {event!r}: {', '.join(missing)} "
            "(their steps count zero; check the spelling)",
            EventLogWarning,
            stacklevel=2,
        )
    window_us, tie_us = _us(window), _us(tie_tolerance)
    limits = {
        index: _us(limit)
        for index, step in enumerate(step_ids)
        for key, limit in (step_windows or {}).items()
        if key == step or journey.steps.at[step, "name"] == key
    }

    keep = [nw.col(columns.unit).alias("_unit"), nw.col(columns.time).alias("_t")]
    if breakdown:
        keep.append(nw.col(breakdown).alias("_group"))
    else:
        keep.append(nw.lit(ALL).alias("_group"))
    per_step = [frame.filter(p).select(keep) for p in predicates]
    n = len(step_ids)
    bar = tqdm(total=n + 1, desc="funnel", disable=not progress)

    # The anchor: one row per unit (first attempt) or per attempt.
    first = per_step[0]
    if anchor == "first" and count == "unique":
        starts = first.group_by("_unit").agg(nw.col("_t").min().alias("_s0"))
        starts = (
            starts.join(first.rename({"_t": "_s0"}), on=["_unit", "_s0"], how="inner")
            .group_by("_unit", "_s0")
            .agg(nw.col("_group").min())
        )
    else:
        starts = first.rename({"_t": "_s0"}).group_by("_unit", "_s0").agg(nw.col("_group").min())
    keys = ["_unit", "_s0"]
    table = starts
    bar.update()
    for k in range(1, n):
        later = per_step[k].select("_unit", "_t")
        if order == "strict":
            wanted = list(dict.fromkeys([*keys, f"_s{k - 1}"]))
            base = table.filter(~nw.col(f"_s{k - 1}").is_null()).select(*wanted)
            joined = base.join(later, on="_unit", how="inner").filter(
                _since("_t", f"_s{k - 1}") >= -tie_us, _since("_t", "_s0") <= window_us
            )
            if k in limits:
                joined = joined.filter(_since("_t", f"_s{k - 1}") <= limits[k])
        else:
            base = table.select(*keys)
            joined = base.join(later, on="_unit", how="inner").filter(
                _since("_t", "_s0") >= -tie_us, _since("_t", "_s0") <= window_us
            )
        arrivals = joined.group_by(*keys).agg(nw.col("_t").min().alias(f"_s{k}"))
        table = table.join(arrivals, on=keys, how="left")
        bar.update()

    # When each unit had completed steps 1..k: in strict order the k-th step's time; in
    # any order the latest of the first k (and only if all k were done).
    done: list[nw.Expr] = [nw.col("_s0")]
    for k in range(1, n):
        if order == "strict":
            done.append(nw.col(f"_s{k}"))
        else:
            every = nw.all_horizontal(
                *[~nw.col(f"_s{j}").is_null() for j in range(k + 1)], ignore_nulls=False
            )
            latest = nw.max_horizontal(*[nw.col(f"_s{j}") for j in range(k + 1)])
            done.append(nw.when(every).then(latest))
    table = table.with_columns(*[d.alias(f"_c{k}") for k, d in enumerate(done)])

    if anchor == "best" and count == "unique":
        depth = nw.sum_horizontal(*[(~nw.col(f"_c{k}").is_null()).cast(nw.Int64) for k in range(n)])
        table = table.with_columns(depth.alias("_depth"))
        best = table.group_by("_unit").agg(nw.col("_depth").max())
        table = table.join(best, on=["_unit", "_depth"], how="inner")
        earliest = table.group_by("_unit").agg(nw.col("_s0").min())
        table = table.join(earliest, on=["_unit", "_s0"], how="inner")

    # Per row: reached or not, and the times; then only simple aggregations, which every
    # engine (pandas included) runs natively.
    measures: list[nw.Expr] = []
    aggregations: list[nw.Expr] = []
    for k in range(n):
        reached = ~nw.col(f"_c{k}").is_null()
        measures.append(reached.cast(nw.Int64).alias(f"_r{k}"))
        aggregations.append(nw.col(f"_r{k}").sum().alias(f"entered_{k}"))
        if k:
            measures += [
                nw.when(reached).then(_since(f"_c{k}", f"_c{k - 1}")).alias(f"_dp{k}"),
                nw.when(reached).then(_since(f"_c{k}", "_s0")).alias(f"_df{k}"),
            ]
            aggregations += [
                nw.col(f"_dp{k}").median().alias(f"median_prev_{k}"),
                nw.col(f"_dp{k}").quantile(0.9, interpolation="linear").alias(f"p90_prev_{k}"),
                nw.col(f"_df{k}").median().alias(f"median_first_{k}"),
                nw.col(f"_df{k}").quantile(0.9, interpolation="linear").alias(f"p90_first_{k}"),
            ]
    table = table.with_columns(*measures)
    summary = table.group_by("_group").agg(*aggregations).collect().to_pandas()
    bar.update()
    bar.close()

    if summary.empty or summary["entered_0"].sum() == 0:
        raise EventLogError(
            f"no unit reached the first step ({step_ids[0]!r}): the log has no events for it "
            f"in column {event!r} (is the log empty, or the mapping misspelt?)"
        )
    names = journey.steps["name"]
    rows = []
    for _, group in summary.sort_values("_group").iterrows():
        first_count = int(group["entered_0"])
        for k, step in enumerate(step_ids):
            entered = int(group[f"entered_{k}"])
            previous = int(group[f"entered_{k - 1}"]) if k else entered
            following = int(group[f"entered_{k + 1}"]) if k + 1 < n else None
            row: dict[str, Any] = {
                "step_number": k + 1,
                "step_id": step,
                "step": str(names[step]),
                "entered": entered,
                "converted": following,
                "conversion_from_previous": entered / previous if previous else None,
                "conversion_from_first": entered / first_count if first_count else None,
                "dropped": previous - entered,
            }
            for label, column in _TIME_COLUMNS:
                value = group.get(f"{column}_{k}") if k else None
                row[label] = None if value is None or pd.isna(value) else _duration(value)
            if breakdown:
                row = {breakdown: group["_group"], **row}
            rows.append(row)
    result = pd.DataFrame(rows)
    for column in ("entered", "dropped", "converted", "step_number"):
        result[column] = result[column].astype("Int64")
    for column in ("conversion_from_previous", "conversion_from_first"):
        result[column] = result[column].astype("Float64")
    for column in [
        c for c in result.columns if c.endswith(("from_previous", "from_first")) and "time" in c
    ]:
        result[column] = pd.to_timedelta(result[column])
    result.attrs["semantics"] = _describe(
        columns, unit, order, window, anchor, count, tie_tolerance, step_windows
    )
    result.attrs["kind"] = "funnel"
    result = cast(pd.DataFrame, result)
    return result
