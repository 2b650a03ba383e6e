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

import pandas as pd

if TYPE_CHECKING:
    from .events import EventLog
    from .semantics import FunnelSemantics

TIMINGS = ("median_prev", "p90_prev", "median_first", "p90_first")
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


def funnel_sql(log: EventLog, semantics: FunnelSemantics) -> tuple[pd.DataFrame, list[str]]:
    """Per step and group: entered and the four time quantiles, like the narwhals plan;
    and which of the mapped event names occur in the log (answered by the same query,
    so that the check costs no query of its own)."""
    columns, s = log.columns, semantics
    names = log.steps.all_named
    assert names is not None
    n = len(names)
    every = sorted({name for step in names for name in step})
    event = _name(columns.event)
    group = f", {_name(columns.breakdown)} AS g" if columns.breakdown else ""
    # The mapped events, projected and read once: every step reads them again.
    ctes = [
        f"ev AS MATERIALIZED (SELECT {_name(columns.unit)} AS u, {_name(columns.time)} AS t, "
        f"{event} AS e{group} FROM jw_events WHERE {event} IN {_names(every)})"
    ]
    first = f"e IN {_names(names[0])}"
    if s.attempts:
        least = ", min(g) AS g" if columns.breakdown else ""
        ctes.append(f"s AS (SELECT u, t AS s0{least} FROM ev WHERE {first} GROUP BY u, t)")
    elif columns.breakdown:  # the group of the first attempt (the least, if several tie)
        ctes.append(
            f"f AS (SELECT u, min(t) AS s0 FROM ev WHERE {first} GROUP BY u), "
            f"s AS (SELECT f.u, f.s0, min(ev.g) AS g FROM f JOIN ev ON ev.u = f.u "
            f"AND ev.t = f.s0 AND ev.{first} GROUP BY f.u, f.s0)"
        )
    else:  # one group: no column to carry
        ctes.append(f"s AS (SELECT u, min(t) AS s0 FROM ev WHERE {first} GROUP BY u)")
    # Each row carries its group, the end of its funnel (x), its position (p: the time it
    # got to the last step it did) and, in any order, when all steps so far were done (d).
    carried = [*(["g"] if columns.breakdown else []), *(["x"] if s.exclude else [])]
    if s.exclude:
        ctes.append(
            "x AS (SELECT s.u, s.s0, min(i.t) AS x FROM s JOIN (SELECT "
            f"{_name(columns.unit)} AS u, {_name(columns.time)} AS t FROM jw_events WHERE "
            f"{event} IN {_names(s.exclude)}) i ON i.u = s.u AND i.t >= s.s0 GROUP BY s.u, s.s0)"
        )
        start = "FROM s LEFT JOIN x USING (u, s0)"
    else:
        start = "FROM s"
    ctes.append(f"r0 AS MATERIALIZED (SELECT s.*, {'x, ' if s.exclude else ''}s0 AS p, "
                f"s0 AS d, s0 AS sk {start})")  # fmt: skip
    window = _micros(_us(s.window))
    tie = f" - {_micros(_us(s.tie))}" if s.tie else ""
    for k in range(1, n):
        # One join and one aggregate per step: a row's carried values depend on its key,
        # so any_value() carries them (cheaper than grouping by them or joining back).
        since = "r.p" if s.order == "strict" else "r.s0"
        conditions = [
            "ev.u = r.u",
            f"ev.e IN {_names(names[k])}",
            f"ev.t >= {since}{tie}",
            f"ev.t <= r.s0 + {window}",
        ]
        if s.exclude:
            conditions.append("(r.x IS NULL OR ev.t < r.x)")
        if s.order == "strict" and k in s.limits:
            conditions.append(f"ev.t <= r.p + {_micros(_us(s.limits[k]))}")
        join = "LEFT JOIN" if k in s.optional else "JOIN"
        kept = ", ".join(
            [f"any_value(r.{c}) AS {c}" for c in carried]
            + ["any_value(r.p) AS pp"]
            + (["any_value(r.d) AS dp"] if s.order == "any" else [])
        )
        arrived = (
            f"SELECT r.u, r.s0, {kept}, "
            f"min(ev.t) AS sk FROM r{k - 1} r {join} ev ON {' AND '.join(conditions)} "
            "GROUP BY r.u, r.s0"
        )
        done = "greatest(dp, sk)" if s.order == "any" else "sk"
        ctes.append(
            f"r{k} AS MATERIALIZED (SELECT *, coalesce(sk, pp) AS p, {done} AS d FROM ({arrived}))"
        )

    parts = []
    for k in range(n):
        where = " WHERE sk IS NOT NULL" if k in s.optional else ""
        if k:
            previous = "pp" if s.order == "strict" else "dp"
            step = f"epoch_us(d) - epoch_us({previous})"
            total = "epoch_us(d) - epoch_us(s0)"
            timings = (
                f"median({step})::DOUBLE, quantile_cont({step}, 0.9)::DOUBLE, "
                f"median({total})::DOUBLE, quantile_cont({total}, 0.9)::DOUBLE"
            )
        else:
            timings = "NULL::DOUBLE, NULL::DOUBLE, NULL::DOUBLE, NULL::DOUBLE"
        label, by = ("g", " GROUP BY g") if columns.breakdown else ("'(all)'", "")
        select = f"SELECT {k} AS _k, {label} AS _group, count(*) AS entered, {timings}"
        parts.append(f"{select}, NULL AS present FROM r{k}{where}{by}")
    parts.append(
        "SELECT -1, NULL, NULL, NULL, NULL, NULL, NULL, list(DISTINCT e ORDER BY e) FROM ev"
    )
    query = "WITH " + ", ".join(ctes) + " " + " UNION ALL ".join(parts)
    result: pd.DataFrame = log.frame.to_native().query("jw_events", query).df()
    result.columns = pd.Index([*COLUMNS, "present"])
    found = result["_k"] == -1
    present = [str(name) for name in result.loc[found, "present"].iloc[0]]
    stacked = result.loc[~found, COLUMNS].reset_index(drop=True)
    return stacked, present


def paths_sql(log: EventLog) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Transitions and off-map counts as one query (the narwhals plan runs two, with three
    window passes)."""
    names = log.steps.all_named
    assert names is not None
    step_ids, unit, time = log.steps.step_ids, log.columns.unit, log.columns.time
    event = _name(log.columns.event)
    cases = " ".join(
        f"WHEN {event} IN {_names(n)} THEN {_text(step)}"
        for step, n in zip(step_ids, names, strict=True) if n
    )  # fmt: skip
    every = sorted({name for n in names for name in n})
    # One window pass with one lag (of the previous event's label, time and kind); the
    # off-map counts read the log again rather than keep the labelled log for a second use.
    query = f"""
        WITH seq AS (
            SELECT u, t, label, on_map, lag({{'label': label, 't': t, 'on_map': on_map}})
                   OVER (PARTITION BY u ORDER BY t, label) AS previous
            FROM (SELECT {_name(unit)} AS u, {_name(time)} AS t,
                         CASE {cases} ELSE CAST({event} AS VARCHAR) END AS label,
                         ({event} IN {_names(every)}) AS on_map
                  FROM jw_events))
        SELECT 'transition' AS kind, previous.label AS previous, label,
               previous.on_map AS previous_on_map, on_map, count(*) AS n,
               count(DISTINCT u) AS units,
               median(epoch_us(t) - epoch_us(previous.t))::DOUBLE AS gap
        FROM seq WHERE previous.label IS NOT NULL
        GROUP BY previous.label, label, previous.on_map, on_map
        UNION ALL
        SELECT 'off_map', NULL, CAST({event} AS VARCHAR), NULL, NULL, count(*),
               count(DISTINCT {_name(unit)}), NULL
        FROM jw_events WHERE NOT ({event} IN {_names(every)}) GROUP BY {event}"""
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
