"""Funnels: how many units reach each step of the map, in order, within a window.

Two plans with one meaning: the portable one, written once with narwhals
(narwhals_plans.py), runs where the data lives — pandas, polars, DuckDB, PySpark; the tuned
one (sql_plans.py) is one DuckDB query. Both build one row per unit (or per attempt) with
the time it reached each step, then aggregate; this module turns their per-step summary
into the result.

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
from typing import TYPE_CHECKING, Any, cast

import narwhals as nw
import pandas as pd

from ..model import Journey
from .events import (
    Columns,
    EventLogError,
    EventLogWarning,
    read_log,
    step_id,
    to_duration,
    unmatched_names,
)
from .narwhals_plans import funnel_narwhals
from .semantics import Anchor, Count, FunnelSemantics, Order
from .sql_plans import MAX_STEPS, TIMINGS, OutOfPackingRange, funnel_sql

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .events import LogOptions

_TIME_COLUMNS = (
    ("median_time_from_previous", "median_prev"),
    ("p90_time_from_previous", "p90_prev"),
    ("median_time_from_first", "median_first"),
    ("p90_time_from_first", "p90_first"),
)


def _us(value: dt.timedelta | str) -> int:
    delta: dt.timedelta = pd.Timedelta(value).to_pytimedelta()
    return delta // dt.timedelta(microseconds=1)


def _delta(value: dt.timedelta | str) -> dt.timedelta:
    """A duration at microsecond resolution (DuckDB's and Spark's)."""
    return dt.timedelta(microseconds=_us(value))


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
    **log_options: Unpack[LogOptions],
) -> pd.DataFrame:
    """Reach, conversion, drop-off and time per step; see the module doc for semantics.

    Parameters
    ----------
    events:
        The event log (any engine, or a Parquet/CSV path).
    journey:
        The map: its steps, and its ``event_mappings`` unless ``mapping`` is given.
    steps, mapping, unit, user, session, time, event, plan:
        How to read the log, as for :func:`paths` (see ``events.LogOptions``): the steps
        (ids or names, in order), ``{step: event name(s) or a narwhals expression}``
        instead of the stored mapping, count users or sessions, the log's column names,
        and ``plan="narwhals"`` to force the portable plan over the tuned DuckDB query.
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
        Show a progress bar while the narwhals plan is built and run.

    Returns
    -------
    One row per step (and breakdown group): ``entered``, ``converted`` (went on to the next
    step), ``conversion_from_previous``, ``conversion_from_first``, ``dropped`` (left
    between the previous step and this one), and median / 90th percentile times from the
    previous and from the first step. ``attrs["semantics"]`` says what was counted.

    Examples
    --------
    >>> from journeywidgets.analytics import funnel
    >>> from journeywidgets.datasets import event_log, shop_journey
    >>> log = event_log(1000, seed=0)  # user_id, session_id, timestamp, event, channel
    >>> result = funnel(log, shop_journey(), window="7D")
    >>> result[["step", "entered", "converted"]].head(3)
               step  entered  converted
    0      Ad click     1000        907
    1  Landing view      907        683
    2        Search      683        524
    >>> by_channel = funnel(log, shop_journey(), breakdown="channel", steps=["Search", "Payment"])
    >>> sorted(by_channel["channel"].unique())
    ['app', 'store', 'web']
    """
    if order not in ("strict", "any") or anchor not in ("first", "best"):
        raise EventLogError("order must be 'strict' or 'any'; anchor 'first' or 'best'")
    if count not in ("unique", "totals"):
        raise EventLogError(f"count must be 'unique' or 'totals', not {count!r}")
    log, tuned = read_log(events, journey, breakdown=breakdown, **log_options)
    columns, step_ids = log.columns, log.steps.step_ids
    skippable = frozenset(step_ids.index(step_id(journey, o)) for o in optional)
    if skippable and order != "strict":
        raise EventLogError("optional steps need order='strict'")
    if 0 in skippable:
        raise EventLogError("the first step anchors the funnel; it cannot be optional")
    # Filters compare timestamps with timestamps plus durations (cheap on every engine);
    # only the reported times are turned into microseconds.
    semantics = FunnelSemantics(
        order=order, anchor=anchor, count=count, window=_delta(window), tie=_delta(tie_tolerance),
        limits={
            index: _delta(limit)
            for index, step in enumerate(step_ids)
            for key, limit in (step_windows or {}).items()
            if key == step or journey.steps.at[step, "name"] == key
        },
        optional=skippable,
        exclude=exclude if exclude is None or isinstance(exclude, nw.Expr)
        else [exclude] if isinstance(exclude, str) else [str(e) for e in exclude],
    )  # fmt: skip
    # The tuned query answers every option but the best attempt counted once per unit,
    # an exclusion given as an expression, more than MAX_STEPS steps, and timestamps
    # outside the years its packing holds.
    tuned = (
        tuned
        and not (anchor == "best" and count == "unique")
        and not isinstance(exclude, nw.Expr)
        and len(step_ids) <= MAX_STEPS
    )
    if tuned:
        try:
            stacked, present = funnel_sql(log, semantics)
        except OutOfPackingRange:  # e.g. a 9999-12-31 sentinel: the portable plan answers
            tuned = False
        else:
            wanted = {name for names in log.steps.names if names for name in names}
            missing = sorted(wanted - set(present))
    if not tuned:
        missing = unmatched_names(log.frame, columns.event, log.steps)
        stacked = funnel_narwhals(log, semantics, progress)
    if missing:
        warnings.warn(
            f"these mapped event names never occur in column {columns.event!r}: "
            f"{', '.join(missing)} (their steps count zero; check the spelling)",
            EventLogWarning,
            stacklevel=2,
        )
    n = len(step_ids)
    summary = _wide(stacked, n)

    if summary.empty or summary["entered_0"].sum() == 0:
        raise EventLogError(
            f"no unit reached the first step ({step_ids[0]!r}): the log has no events for it "
            f"in column {columns.event!r} (is the log empty, or the mapping misspelt?)"
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
        columns, log.unit, order, window, anchor, count, tie_tolerance, step_windows,
        [step_ids[k] for k in sorted(skippable)], exclude is not None,
    )  # fmt: skip
    result.attrs["kind"] = "funnel"
    result = cast(pd.DataFrame, result)
    return result
