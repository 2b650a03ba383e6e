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
    Checkpoints,
    Columns,
    EventLogError,
    EventLogWarning,
    as_lazy,
    check,
    microseconds_between,
    resolve_steps,
    step_id,
    to_duration,
    unmatched_names,
)
from .sql_plans import TIMINGS, funnel_sql

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


def _wide(stacked: pd.DataFrame, n: int) -> pd.DataFrame:
    """One row per group with entered_k and the time columns per step (0 if not reached)."""
    groups = sorted(stacked["_group"].dropna().unique().tolist(), key=str)
    rows = []
    for group in groups:
        mine = stacked[stacked["_group"] == group].set_index("_k")
        row: dict[str, Any] = {"_group": group}
        for k in range(n):
            row[f"entered_{k}"] = int(mine.at[k, "entered"]) if k in mine.index else 0
            for column in TIMINGS:
                row[f"{column}_{k}"] = mine.at[k, column] if k in mine.index else None
        rows.append(row)
    timings = [f"{c}_{k}" for k in range(n) for c in TIMINGS]
    wide: pd.DataFrame = pd.DataFrame(
        rows, columns=["_group", *[f"entered_{k}" for k in range(n)], *timings]
    )
    return wide


def _describe(
    columns: Columns, unit: str, order: Order, window: dt.timedelta | str, anchor: Anchor,
    count: Count, tie: dt.timedelta | str, step_windows: Mapping[str, Any] | None,
    optional: Sequence[str] = (), excluded: bool = False,
) -> str:  # fmt: skip
    parts = [
        f"unit: {unit} ({columns.unit!r})",
        "order: strict (each step after the one before)"
        if order == "strict"
        else "order: any (every step up to this one, in any order, after the first step)",
        f"window: {pd.Timedelta(window)} from the first step",
        "anchor: each unit's first attempt at the first step"
        if anchor == "first"
        else "anchor: best — a unit counts at a step if any of its attempts at the first step "
        "got there; times come from the earliest such attempt",
        "count: unique units" if count == "unique" else "count: every attempt (totals)",
        "ties: equal timestamps count as in order"
        + (f", and up to {pd.Timedelta(tie)} earlier" if _us(tie) else ""),
    ]
    if step_windows:
        limits = ", ".join(f"{k} ≤ {pd.Timedelta(v)}" for k, v in step_windows.items())
        parts.append(f"per-step limits from the previous step: {limits}")
    if columns.breakdown:
        parts.append(f"breakdown: {columns.breakdown!r} as on the anchoring event")
    if optional:
        parts.append(f"optional steps (counted, not required): {', '.join(optional)}")
    if excluded:
        parts.append("an excluded event after the anchor ends the unit's funnel")
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
    optional: Sequence[str] = (),
    exclude: Any = None,
    progress: bool = False,
    plan: Literal["auto", "narwhals"] = "auto",
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
        ``"first"`` attempt at the first step (default), or ``"best"``: a unit counts at a
        step if any attempt got there (times from the earliest such attempt).
    count:
        ``"unique"`` units (default) or ``"totals"``: every attempt at the first step.
    tie_tolerance:
        Also count a step's event up to this long *before* the previous step's (clock skew
        between sources). Equal timestamps always count as in order.
    breakdown:
        A column of the log to group by (its value on the anchoring event).
    optional:
        Steps (ids or names) that are counted but not required: a unit that skips one goes
        on to the next step from the step before it (strict order only).
    exclude:
        Event names (or a narwhals expression): such an event after the anchor ends that
        unit's funnel — later steps count only if they happen before it.
    progress:
        Show a progress bar while the plan is built and run.
    plan:
        ``"auto"`` (default): on DuckDB, with steps given by event names, one tuned SQL
        query (the same semantics; tests hold both plans to identical results); else the
        narwhals plan. ``"narwhals"``: always the narwhals plan.

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
    resolved = resolve_steps(journey, mapping, steps, event)
    step_ids, predicates = resolved.step_ids, resolved.predicates
    missing = unmatched_names(frame, event, resolved)
    if missing:
        warnings.warn(
            f"these mapped event names never occur in column {event!r}: {', '.join(missing)} "
            "(their steps count zero; check the spelling)",
            EventLogWarning,
            stacklevel=2,
        )
    # Filters compare timestamps with timestamps plus durations (cheap on every engine);
    # only the reported times are turned into microseconds.
    window_delta = dt.timedelta(microseconds=_us(window))
    tie = dt.timedelta(microseconds=_us(tie_tolerance))
    limits = {
        index: dt.timedelta(microseconds=_us(limit))
        for index, step in enumerate(step_ids)
        for key, limit in (step_windows or {}).items()
        if key == step or journey.steps.at[step, "name"] == key
    }

    skippable = {step_ids.index(step_id(journey, o)) for o in optional}
    if skippable and order != "strict":
        raise EventLogError("optional steps need order='strict'")
    if 0 in skippable:
        raise EventLogError("the first step anchors the funnel; it cannot be optional")

    n = len(step_ids)
    by_name = resolved.all_named
    excluded_names = (
        None if exclude is None or isinstance(exclude, nw.Expr)
        else [exclude] if isinstance(exclude, str) else [str(e) for e in exclude]
    )  # fmt: skip
    one_query = (
        plan == "auto"
        and frame.implementation is nw.Implementation.DUCKDB
        and by_name is not None
        and not (anchor == "best" and count == "unique")
        and not isinstance(exclude, nw.Expr)
    )
    if one_query:
        assert by_name is not None
        stacked = funnel_sql(
            frame.to_native(), unit=columns.unit, time=columns.time, event=event,
            breakdown=breakdown, names=by_name, order=order,
            attempts=not (anchor == "first" and count == "unique"),
            window_us=_us(window), tie_us=_us(tie_tolerance),
            limits_us={k: _us(v) for k, v in limits.items()}, optional=skippable,
            exclude=excluded_names,
        )  # fmt: skip
    else:
        keep = [nw.col(columns.unit).alias("_unit"), nw.col(columns.time).alias("_t")]
        if breakdown:
            keep.append(nw.col(breakdown).alias("_group"))
        else:
            keep.append(nw.lit(ALL).alias("_group"))
        n = len(step_ids)
        bar = tqdm(total=n + 1, desc="funnel", disable=not progress)
        kept = Checkpoints()
        # Each step's events, read from the log where it lives (a Parquet scan pushes the
        # filter down; reading the mapped events once into a table was slower in DuckDB).
        per_step = [frame.filter(p).select(keep) for p in predicates]

        # The anchor: one row per unit (first attempt) or one per attempt.
        first = per_step[0]
        if anchor == "first" and count == "unique":
            starts = first.group_by("_unit").agg(nw.col("_t").min().alias("_s0"))
            starts = (
                starts.join(first.rename({"_t": "_s0"}), on=["_unit", "_s0"], how="inner")
                .group_by("_unit", "_s0")
                .agg(nw.col("_group").min())
            )
        else:
            starts = (
                first.rename({"_t": "_s0"}).group_by("_unit", "_s0").agg(nw.col("_group").min())
            )
        if exclude is not None:
            # Each row's first excluded event at or after its anchor: the end of its funnel.
            excluded = exclude if isinstance(exclude, nw.Expr) else nw.col(event).is_in(
                [exclude] if isinstance(exclude, str) else [str(e) for e in exclude]
            )  # fmt: skip
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
        keys = ["_unit"] if anchor == "first" and count == "unique" else ["_unit", "_s0"]
        reached = [kept.keep(starts)]
        for k in range(1, n):
            # _p{j}: the time the unit had got to step j (an optional step it skipped leaves it
            # where it was); strict order measures each step from there.
            carried_columns = [
                "_group",
                *(["_x"] if exclude is not None else []),
                *[f"_s{j}" for j in range(k)],
                *[f"_p{j}" for j in range(k)],
            ]
            candidates = reached[-1].join(
                per_step[k].select("_unit", "_t"), on="_unit", how="inner"
            )
            since = f"_p{k - 1}" if order == "strict" else "_s0"
            candidates = candidates.filter(
                nw.col("_t") >= nw.col(since) - tie, nw.col("_t") <= nw.col("_s0") + window_delta
            )
            if exclude is not None:
                candidates = candidates.filter(
                    nw.col("_x").is_null() | (nw.col("_t") < nw.col("_x"))
                )
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
            if anchor == "best" and count == "unique":
                # A unit counts once: with its earliest attempt that got this far.
                earliest = frame_k.group_by("_unit").agg(nw.col("_s0").min())
                frame_k = frame_k.join(earliest, on=["_unit", "_s0"], how="inner")
            timings = TIMINGS
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
                    *[nw.lit(None, nw.Float64).alias(name) for name in timings]
                )
            parts.append(
                aggregated.with_columns(
                    nw.col("entered").cast(nw.Int64), *[nw.col(t).cast(nw.Float64) for t in timings]
                )
                .with_columns(nw.lit(k, nw.Int64).alias("_k"))
                .select("_k", "_group", "entered", *timings)
            )
        try:
            stacked = nw.concat(parts, how="vertical").collect().to_pandas()
        finally:
            kept.release()
        bar.update()
        bar.close()
    summary = _wide(stacked, n)

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
            before = max((j for j in range(k) if j not in skippable), default=None)
            previous = int(group[f"entered_{before}"]) if before is not None else entered
            after = min((j for j in range(k + 1, n) if j not in skippable), default=None)
            following = int(group[f"entered_{after}"]) if after is not None else None
            row: dict[str, Any] = {
                "step_number": k + 1,
                "step_id": step,
                "step": str(names[step]),
                "entered": entered,
                "converted": following,
                "conversion_from_previous": entered / previous if previous else None,
                "conversion_from_first": entered / first_count if first_count else None,
                "dropped": previous - entered,
                "optional": k in skippable,
            }
            for label, column in _TIME_COLUMNS:
                value = group.get(f"{column}_{k}") if k else None
                row[label] = None if value is None or pd.isna(value) else to_duration(value)
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
        columns, unit, order, window, anchor, count, tie_tolerance, step_windows,
        [step_ids[k] for k in sorted(skippable)], exclude is not None,
    )  # fmt: skip
    result.attrs["kind"] = "funnel"
    result = cast(pd.DataFrame, result)
    return result
