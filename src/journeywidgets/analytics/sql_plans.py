"""Single-machine plans for DuckDB: the funnel and the path counts as one query each.

The same semantics as the narwhals plans in funnel.py and paths.py, for DuckDB relations
whose steps are given by event names. DuckDB runs one query with materialised common
table expressions much faster than the narwhals plans' query per step (this DuckDB client
spends tens of milliseconds per query). The tests run both plans on the same logs and
require identical results.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

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


def funnel_sql(
    relation: Any,
    *,
    unit: str,
    time: str,
    event: str,
    breakdown: str | None,
    names: list[list[str]],
    order: str,
    attempts: bool,
    window_us: int,
    tie_us: int,
    limits_us: dict[int, int],
    optional: set[int],
    exclude: list[str] | None,
) -> pd.DataFrame:
    """Per step and group: entered and the four time quantiles, like the narwhals plan."""
    n = len(names)
    every = sorted({name for step in names for name in step})
    group = _name(breakdown) if breakdown else "'(all)'"
    ctes = [
        f"ev AS MATERIALIZED (SELECT {_name(unit)} AS u, {_name(time)} AS t, "
        f"{_name(event)} AS e, {group} AS g FROM jw_events WHERE {_name(event)} IN {_names(every)})"
    ]
    first = f"e IN {_names(names[0])}"
    if attempts:
        ctes.append(f"s AS (SELECT u, t AS s0, min(g) AS g FROM ev WHERE {first} GROUP BY u, t)")
    else:
        ctes.append(
            f"f AS (SELECT u, min(t) AS s0 FROM ev WHERE {first} GROUP BY u), "
            f"s AS (SELECT f.u, f.s0, min(ev.g) AS g FROM f JOIN ev ON ev.u = f.u "
            f"AND ev.t = f.s0 AND ev.{first} GROUP BY f.u, f.s0)"
        )
    if exclude:
        ctes.append(
            "x AS (SELECT s.u, s.s0, min(i.t) AS x FROM s JOIN (SELECT "
            f"{_name(unit)} AS u, {_name(time)} AS t FROM jw_events WHERE {_name(event)} IN "
            f"{_names(exclude)}) i ON i.u = s.u AND i.t >= s.s0 GROUP BY s.u, s.s0)"
        )
        ctes.append(
            "r0 AS MATERIALIZED (SELECT s.*, x.x, s.s0 AS p0 FROM s LEFT JOIN x USING (u, s0))"
        )
    else:
        ctes.append("r0 AS MATERIALIZED (SELECT s.*, NULL AS x, s.s0 AS p0 FROM s)")
    for k in range(1, n):
        since = f"r.p{k - 1}" if order == "strict" else "r.s0"
        conditions = [
            "ev.u = r.u",
            f"ev.e IN {_names(names[k])}",
            f"ev.t >= {since} - {_micros(tie_us)}",
            f"ev.t <= r.s0 + {_micros(window_us)}",
            "(r.x IS NULL OR ev.t < r.x)",
        ]
        if order == "strict" and k in limits_us:
            conditions.append(f"ev.t <= r.p{k - 1} + {_micros(limits_us[k])}")
        ctes.append(
            f"a{k} AS (SELECT r.u, r.s0, min(ev.t) AS s{k} FROM r{k - 1} r JOIN ev ON "
            + " AND ".join(conditions)
            + " GROUP BY r.u, r.s0)"
        )
        join = "LEFT JOIN" if k in optional else "JOIN"
        ctes.append(
            f"r{k} AS MATERIALIZED (SELECT r.*, a.s{k}, coalesce(a.s{k}, r.p{k - 1}) AS p{k} "
            f"FROM r{k - 1} r {join} a{k} a USING (u, s0))"
        )

    def done(k: int) -> str:
        if order == "strict" or k == 0:
            return f"s{k}"
        return "greatest(" + ", ".join(f"s{j}" for j in range(k + 1)) + ")"

    parts = []
    for k in range(n):
        where = f" WHERE s{k} IS NOT NULL" if k in optional else ""
        if k:
            previous = f"p{k - 1}" if order == "strict" else done(k - 1)
            step = f"epoch_us({done(k)}) - epoch_us({previous})"
            total = f"epoch_us({done(k)}) - epoch_us(s0)"
            timings = (
                f"median({step})::DOUBLE, quantile_cont({step}, 0.9)::DOUBLE, "
                f"median({total})::DOUBLE, quantile_cont({total}, 0.9)::DOUBLE"
            )
        else:
            timings = "NULL::DOUBLE, NULL::DOUBLE, NULL::DOUBLE, NULL::DOUBLE"
        select = f"SELECT {k} AS _k, g AS _group, count(*) AS entered, {timings}"
        parts.append(f"{select} FROM r{k}{where} GROUP BY g")
    query = "WITH " + ", ".join(ctes) + " " + " UNION ALL ".join(parts)
    result: pd.DataFrame = relation.query("jw_events", query).df()
    result.columns = pd.Index(COLUMNS)
    return result


def paths_sql(
    relation: Any, *, unit: str, time: str, event: str, step_ids: list[str],
    names: list[list[str]],
) -> tuple[pd.DataFrame, pd.DataFrame]:  # fmt: skip
    """Transitions and off-map counts as one query (the narwhals plan runs two, with three
    window passes)."""

    event = _name(event)
    cases = " ".join(
        f"WHEN {event} IN {_names(n)} THEN {_text(step)}"
        for step, n in zip(step_ids, names, strict=True) if n
    )  # fmt: skip
    every = sorted({name for n in names for name in n})
    query = f"""
        WITH lab AS (
            SELECT {_name(unit)} AS u, {_name(time)} AS t,
                   CASE {cases} ELSE CAST({event} AS VARCHAR) END AS label,
                   ({event} IN {_names(every)}) AS on_map
            FROM jw_events),
        seq AS (
            SELECT u, t, label, on_map, lag(label) OVER w AS previous,
                   lag(t) OVER w AS previous_t, lag(on_map) OVER w AS previous_on_map
            FROM lab WINDOW w AS (PARTITION BY u ORDER BY t, label))
        SELECT 'transition' AS kind, previous, label, previous_on_map, on_map,
               count(*) AS n, count(DISTINCT u) AS units,
               median(epoch_us(t) - epoch_us(previous_t))::DOUBLE AS gap
        FROM seq WHERE previous IS NOT NULL GROUP BY previous, label, previous_on_map, on_map
        UNION ALL
        SELECT 'off_map', NULL, label, NULL, NULL, count(*), count(DISTINCT u), NULL
        FROM lab WHERE NOT on_map GROUP BY label"""
    both = relation.query("jw_events", query).df()
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
