"""Single-machine plans for DuckDB: the funnel and the path counts as one query each.

The same semantics as the narwhals plans in funnel.py and paths.py, for DuckDB relations
whose steps are given by event names. DuckDB runs one query with materialised common
table expressions much faster than the narwhals plans' query per step (this DuckDB client
spends tens of milliseconds per query). The tests run both plans on the same logs and
require identical results.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

import duckdb
import pandas as pd

if TYPE_CHECKING:
    from .events import EventLog
    from .semantics import FunnelSemantics

TIMINGS = ("median_prev", "p90_prev", "median_first", "p90_first")
ALL = "(all)"  # the group label without a breakdown
_OUT_OF_RANGE = "journeywidgets: a timestamp outside the packed funnel's range"


class OutOfPackingRange(Exception):
    """A timestamp lies outside the years 829-3111 (a sentinel such as 9999-12-31): the
    packed funnel cannot answer for this log; the narwhals plan can."""


COLUMNS = ["_k", "_group", "entered", *TIMINGS]


def _name(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _names(values: Sequence[str]) -> str:
    return "(" + ", ".join(_text(v) for v in values) + ")"


def _micros(value: int) -> str:
    return f"to_microseconds({int(value)})"


def _us(delta: dt.timedelta) -> int:
    return delta // dt.timedelta(microseconds=1)


# Steps are packed with the time into one integer per event (step × STEP + microseconds), so
# that a unit's mapped events are one list: the funnel's chain is then list filters on one
# row per unit, with no join. Times must lie within ±2^55 µs of 1970 (the years 829-3111)
# and the steps be fewer than 64, so that no step's range overlaps another's.
STEP = 2**56
SPAN = 2**55
MAX_STEPS = 63


def funnel_sql(log: EventLog, semantics: FunnelSemantics) -> tuple[pd.DataFrame, list[str]]:
    """Per step and group: entered and the four time quantiles, like the narwhals plan;
    and which of the mapped event names occur in the log (answered by the same query,
    so that the check costs no query of its own).

    One grouped pass over the mapped (and excluded) events gives each unit — or each
    attempt — a list of its events, step and time packed in one integer; each step is
    then the least element of that list in the step's range after the previous step
    (DuckDB's list_filter and list_min), and one aggregate gives every step's figures."""
    columns, s = log.columns, semantics
    names = log.steps.all_named
    assert names is not None and len(names) <= MAX_STEPS
    n = len(names)
    every = sorted({name for step in names for name in step})
    event = _name(columns.event)
    breakdown = columns.breakdown is not None
    # Which steps (and -1: the exclusion) each event name stands for; a name may stand for
    # several, and its event is then in the list once per step.
    stands_for = [(name, k) for k, step in enumerate(names) for name in step]
    stands_for += [(name, -1) for name in s.exclude or []]
    table = ", ".join(f"({_text(name)}, {k})" for name, k in stands_for)
    read = sorted({name for name, _ in stands_for})
    g = f", {_name(columns.breakdown)} AS g" if columns.breakdown else ""
    t = (
        f"CASE WHEN abs(epoch_us({_name(columns.time)})) < {SPAN} THEN "
        f"epoch_us({_name(columns.time)}) ELSE error({_text(_OUT_OF_RANGE)}) END"
    )
    ev = (
        f"SELECT {_name(columns.unit)} AS u, {t} AS t, m.k{g} FROM jw_events "
        f"JOIN (VALUES {table}) m(name, k) ON CAST({event} AS VARCHAR) = m.name "
        f"WHERE {event} IN {_names(read)}"
    )
    lists = [f"list(k * {STEP} + t) FILTER (WHERE k > 0) AS l"]
    if s.exclude:
        lists.append("list(t) FILTER (WHERE k = -1) AS xl")
    if s.attempts:  # a row per attempt: each distinct time at the first step
        least = ", min(g) AS g" if breakdown else ""
        rows = (
            f"SELECT a.*, per.* EXCLUDE (u) FROM (SELECT u, t AS s0{least} FROM ev WHERE k = 0 "
            f"GROUP BY u, t) a JOIN (SELECT u, {', '.join(lists)} FROM ev GROUP BY u) per "
            "USING (u)"
        )
    else:  # a row per unit, anchored on its first attempt (its least group, if several tie)
        anchor = "min({'t': t, 'g': g}) FILTER (WHERE k = 0) AS a" if breakdown else (
            "min(t) FILTER (WHERE k = 0) AS s0"
        )  # fmt: skip
        rows = f"SELECT {anchor}, {', '.join(lists)} FROM ev GROUP BY u"
        if breakdown:
            rows = f"SELECT a.t AS s0, a.g AS g, * EXCLUDE (a) FROM ({rows})"
        rows = f"SELECT * FROM ({rows}) WHERE s0 IS NOT NULL"
    x = "list_min(list_filter(xl, lambda v: v >= s0))" if s.exclude else None
    chain = f"SELECT *{f', {x} AS x' if x else ''}, s0 AS p0, s0 AS d0 FROM ({rows})"
    window, tie = _us(s.window), _us(s.tie)
    for k in range(1, n):
        since = f"p{k - 1}" if s.order == "strict" else "s0"
        bounds = [f"s0 + {window}"] + (["x - 1"] if x else [])
        if s.order == "strict" and k in s.limits:
            bounds.append(f"p{k - 1} + {_us(s.limits[k])}")
        # least() passes over a NULL bound (no excluded event); a dead row's NULL p fails.
        high = f"least({', '.join(bounds)})" if len(bounds) > 1 else bounds[0]
        lo, hi = f"{k * STEP} + {since} - {tie}", f"{k * STEP} + {high}"
        found = f"list_min(list_filter(l, lambda v: v >= {lo} AND v <= {hi})) - {k * STEP}"
        if s.order == "strict":
            p = f"coalesce(s{k}, p{k - 1})" if k in s.optional else f"s{k}"
            d = f"s{k}"
        else:  # done when the last of the steps so far is; NULL once one is missing
            p = f"s{k}"
            d = f"CASE WHEN s{k} IS NOT NULL AND d{k - 1} IS NOT NULL "
            d += f"THEN greatest(d{k - 1}, s{k}) END"
        chain = (
            f"SELECT *, {d} AS d{k}, {p} AS p{k} FROM (SELECT *, {found} AS s{k} FROM ({chain}))"
        )
    # Every step's figures in one aggregate: a step's time and its time from the first
    # are NULL for rows that did not get there, which the aggregates pass over.
    figures = ["count(*) AS n0"]
    for k in range(1, n):
        done = f"s{k}" if s.order == "strict" else f"d{k}"
        before = f"p{k - 1}" if s.order == "strict" else f"d{k - 1}"
        step, total = f"{done} - {before}", f"{done} - s0"
        figures.append(
            f"count({done}) AS n{k}, median({step})::DOUBLE, quantile_cont({step}, 0.9)::DOUBLE, "
            f"median({total})::DOUBLE, quantile_cont({total}, 0.9)::DOUBLE"
        )
    label, by = ("g", " GROUP BY g") if breakdown else (_text(ALL), "")
    present = (
        f"(SELECT list(DISTINCT e ORDER BY e) FROM (SELECT CAST({event} AS VARCHAR) AS e "
        f"FROM jw_events WHERE {event} IN {_names(every)}))"
    )
    query = (
        f"WITH ev AS ({ev}) SELECT {label} AS _group, {', '.join(figures)}, {present} AS present "
        f"FROM ({chain}){by}"
    )
    try:
        wide = log.frame.to_native().query("jw_events", query).fetchall()
    except duckdb.InvalidInputException as error:
        if _OUT_OF_RANGE in str(error):
            raise OutOfPackingRange(str(error)) from None
        raise
    rows_out = []
    present_names: set[str] = set()
    for row in wide:
        group, counts, present_names = row[0], row[1:-1], set(row[-1] or [])
        rows_out.append([0, group, counts[0], None, None, None, None])
        for k in range(1, n):
            base = 1 + 5 * (k - 1)
            rows_out.append([k, group, *counts[base : base + 5]])
    stacked = pd.DataFrame(rows_out, columns=COLUMNS)
    return stacked, sorted(present_names)


def paths_sql(log: EventLog) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Transitions and off-map counts as one query (the narwhals plan runs two, with three
    window passes)."""
    names = log.steps.all_named
    assert names is not None
    step_ids, unit, time = log.steps.step_ids, log.columns.unit, log.columns.time
    cases = " ".join(
        f"WHEN e IN {_names(n)} THEN {_text(step)}"
        for step, n in zip(step_ids, names, strict=True) if n
    )  # fmt: skip
    every = _names(sorted({name for n in names for name in n}))
    events = (
        f"SELECT {_name(unit)} AS u, {_name(time)} AS t, CAST({_name(log.columns.event)} AS "
        "VARCHAR) AS e FROM jw_events"
    )
    # The distinct event names come first (a read of the event column alone), each given a
    # small integer in the order ties in time are broken by (label, then off the map before
    # on it, as in the narwhals plan). Then one grouped pass gives each unit one row: its
    # events as a sorted list of (time, code), from which its transitions are list
    # functions. A window over the log (PARTITION BY unit, with LAG) and
    # count(DISTINCT unit) per pair give the same answer, but both are operators over every
    # event keyed by the unit's text: at 100 M events under a 4 GB memory limit they spilled
    # 25 GB and took 25 times the CPU of 10 M; the grouped pass, like the funnel's, does
    # not spill there. Distinct units per pair are counted per unit row (list_distinct of the pair's
    # integer key), so no operator holds (pair, unit) keys. The median is taken of each
    # pair's list of gaps (DuckDB's grouped median() holds far more memory here). Off-map
    # events are few and counted apart (carrying them in every unit's list cost a fifth).
    query = f"""
        WITH names AS MATERIALIZED (
            SELECT e, CASE {cases} ELSE e END AS label, e IN {every} AS on_map
            FROM (SELECT DISTINCT CAST({_name(log.columns.event)} AS VARCHAR) AS e
                  FROM jw_events)),
        codes AS MATERIALIZED (SELECT e, label, on_map,
                         (row_number() OVER (ORDER BY label, on_map))::INTEGER AS c
                  FROM names),
        units AS MATERIALIZED (
            SELECT list_transform(range(1, len(l)), lambda i: {{'pc': l[i].c,
                       'c': l[i + 1].c, 'gap': l[i + 1].t - l[i].t}}) AS moves
            FROM (SELECT list_sort(list({{'t': epoch_us(t), 'c': c}})) AS l
                  FROM ({events}) LEFT JOIN codes USING (e) GROUP BY u)),
        moves AS (
            SELECT m.pc, m.c, count(*) AS n, list_median(list(m.gap))::DOUBLE AS gap
            FROM (SELECT unnest(moves) AS m FROM units) GROUP BY ALL),
        seen AS (  -- per unit, each pair's key (pc << 32 | c) once
            SELECT (k >> 32)::INTEGER AS pc, (k & 4294967295)::INTEGER AS c, count(*) AS units
            FROM (SELECT unnest(list_distinct(list_transform(moves,
                      lambda m: (m.pc::BIGINT << 32) | m.c))) AS k FROM units)
            GROUP BY ALL),
        away AS (
            SELECT c, count(*) AS n, count(DISTINCT u) AS units
            FROM ({events}) JOIN codes USING (e) WHERE NOT on_map GROUP BY c)
        SELECT 'transition' AS kind, a.label AS previous, b.label AS label,
               a.on_map AS previous_on_map, b.on_map AS on_map, n, units, gap
        FROM moves LEFT JOIN seen USING (pc, c) JOIN codes a ON a.c = moves.pc
        LEFT JOIN codes b ON b.c = moves.c
        UNION ALL
        SELECT 'off_map', NULL, e, NULL, NULL, n, units, NULL
        FROM away JOIN codes USING (c)"""
    both = log.frame.to_native().query("jw_events", query).df()
    moves = both[both["kind"] == "transition"]
    transitions = pd.DataFrame(
        {
            "from": moves["previous"].to_numpy(),
            "to": moves["label"].to_numpy(),
            "from_step": moves["previous_on_map"].astype(bool).to_numpy(),
            "to_step": moves["on_map"].astype(bool).to_numpy(),
            "count": moves["n"].astype("int64").to_numpy(),
            "units": moves["units"].astype("int64").to_numpy(),
            "median_gap": moves["gap"].astype("float64").to_numpy(),
        }
    )
    away = both[both["kind"] == "off_map"]
    off_map = pd.DataFrame(
        {
            "event": away["label"].to_numpy(),
            "events": away["n"].astype("int64").to_numpy(),
            "units": away["units"].astype("int64").to_numpy(),
        }
    )
    return transitions, off_map
