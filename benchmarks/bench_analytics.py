"""Analytics benchmarks: an 8-step funnel and directly-follows paths on generated logs.

Run:  make bench-analytics EVENTS=1M   (or: .venv/bin/python benchmarks/bench_analytics.py
      [--events 1M|10M|100M] [--repeats 3] [--memory-limit 4GB] [--data DIR]
      [--warm-up yes|no|auto])
Run time on the 2-core development machine under load: 1M about 2 min, 10M about 30 min
(3 repeats), 100M about 40-60 min for one repeat (its default; plus ~25 min to write
the log the first time — keep it with ``--data build/bench-data``).

The log comes from ``journeywidgets.datasets.event_log`` (about 10 events per user) and is
written to Parquet in a temporary folder, or in ``--data DIR/<events>`` to be kept and
reused (100M: ten files of 10M events, users numbered apart, generated one at a time in
their own processes; about 1.4 GB on disk; never committed). Contenders:

- journeywidgets on DuckDB: ``funnel(duckdb.read_parquet(path), journey)`` and
  ``paths(..., top=0)`` (the journey is built before the clock starts: a user has it);
- hand-written DuckDB SQL with the same semantics and the same statistics (strict order,
  first attempt, 7-day window, equal timestamps in order; counts, median and p90 times;
  directly-follows pairs with LAG, counts, distinct units and median gaps) — the SQL an
  analyst would write;
- tuned DuckDB SQL: the strongest hand-tuned SQL we wrote for these two questions. The
  funnel: one grouped pass over the mapped events gives each user one list of integers,
  step and time packed together, and each step is a list_filter/list_min on that row —
  no join. Paths: event names numbered first, one window pass over integers with one LAG
  of a struct, and each pair's median taken of its list of gaps (DuckDB's grouped
  median() spilled at 4 GB on 10M events). At 100M under a 4 GB limit this window plan
  spills and journeywidgets' own per-unit paths plan is faster (docs/analytics.md);
- plain pandas (not at 100M: it does not fit in memory): the log read into a DataFrame,
  then a merge chain / a groupby shift — the code an analyst would write;
- the floor: a bare scan of the Parquet log's three columns.

Every DuckDB contender runs with the same ``memory_limit`` and spills to a temporary
directory (both printed, with the bytes DuckDB reports spilling). Each repeat runs every
contender in a fresh Python process, one after the other (so that a change in the
machine's load hits all of them alike); a process runs its task twice — a warm-up, then
the timed call (no warm-up at 100M) — and reports its peak resident memory (VmHWM,
DuckDB's memory included) and the CPU time of the timed call (all threads; steadier than
wall time on a shared machine). Figures are medians over repeats; each measurement is
also printed to stderr as it is taken, so that a run cut short says how far it got.
Every contender's answer (counts per step and the median time from the previous step;
the number of transitions, of distinct pairs and of units per pair) is checked against
the others' before any time is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq

HERE = Path(__file__).parent
STEPS = 8
WINDOW_DAYS = 7
WINDOW_US = WINDOW_DAYS * 86_400 * 1_000_000
SIZES = {"1M": 100_000, "10M": 1_000_000, "100M": 10_000_000}  # events → users
CHUNK_USERS = 1_000_000  # 100M is written as files of this many users (10M events)
PACK = 2**56  # the tuned funnel's step × PACK + microseconds


def _names() -> str:
    from journeywidgets.datasets import FUNNEL_EVENTS

    return "(" + ", ".join(f"'{e}'" for e in FUNNEL_EVENTS) + ")"


def _source(path: str) -> str:
    return f"read_parquet('{path}')"


# -- the funnel ---------------------------------------------------------------------------


def sql_funnel(path: str) -> dict[str, Any]:
    """The same funnel and the same statistics (counts, median and 90th percentile times
    from the previous and the first step), as one DuckDB query: a join per step."""
    import duckdb

    from journeywidgets.datasets import FUNNEL_EVENTS

    window = f"INTERVAL {WINDOW_DAYS} DAY"
    ctes = [
        f"events AS (SELECT user_id, timestamp, event FROM {_source(path)})",
        "s0 AS (SELECT user_id, min(timestamp) AS t0, min(timestamp) AS t, "
        f"NULL::TIMESTAMPTZ AS tp FROM events WHERE event = '{FUNNEL_EVENTS[0]}' "
        "GROUP BY user_id)",
    ]
    for k, step in enumerate(FUNNEL_EVENTS[1:], 1):
        ctes.append(
            f"s{k} AS (SELECT p.user_id, p.t0, min(e.timestamp) AS t, p.t AS tp FROM s{k - 1} p "
            f"JOIN events e ON e.user_id = p.user_id AND e.event = '{step}' "
            f"AND e.timestamp >= p.t AND e.timestamp <= p.t0 + {window} "
            "GROUP BY p.user_id, p.t0, p.t)"
        )
    stats = " UNION ALL ".join(
        f"SELECT {k} AS k, count(*) AS n, "
        "median(epoch_us(t) - epoch_us(tp)), quantile_cont(epoch_us(t) - epoch_us(tp), 0.9), "
        "median(epoch_us(t) - epoch_us(t0)), quantile_cont(epoch_us(t) - epoch_us(t0), 0.9) "
        f"FROM s{k}"
        for k in range(STEPS)
    )
    rows = duckdb.sql(f"WITH {', '.join(ctes)} SELECT * FROM ({stats}) ORDER BY k").fetchall()
    return {"entered": [int(r[1]) for r in rows], "median_prev": [r[2] for r in rows]}


def tuned_funnel(path: str) -> dict[str, Any]:
    """The fastest correct SQL we found: one grouped pass over the mapped events gives each
    user one list of integers, step and time packed together (step × 2^56 + microseconds);
    each step is then the least element of that list in the step's range after the step
    before (list_filter, list_min) — no join at all — and one aggregate gives every step's
    statistics."""
    import duckdb

    from journeywidgets.datasets import FUNNEL_EVENTS

    code = " ".join(f"WHEN '{e}' THEN {k}" for k, e in enumerate(FUNNEL_EVENTS))
    chain = "SELECT s0, l FROM per WHERE s0 IS NOT NULL"
    for k in range(1, STEPS):
        lo, hi = f"{k * PACK} + s{k - 1}", f"{k * PACK} + s0 + {WINDOW_US}"
        found = f"list_min(list_filter(l, lambda x: x >= {lo} AND x <= {hi})) - {k * PACK}"
        chain = f"SELECT *, {found} AS s{k} FROM ({chain})"
    stats = ["count(s0)"]
    for k in range(1, STEPS):
        step, total = f"s{k} - s{k - 1}", f"s{k} - s0"
        stats.append(
            f"count(s{k}), median({step}), quantile_cont({step}, 0.9), median({total}), "
            f"quantile_cont({total}, 0.9)"
        )
    query = (
        f"WITH per AS (SELECT min(us) FILTER (WHERE k = 0) AS s0, "
        f"list(k * {PACK} + us) FILTER (WHERE k > 0) AS l FROM (SELECT user_id, "
        f"CASE event {code} END AS k, epoch_us(timestamp) AS us FROM {_source(path)} "
        f"WHERE event IN {_names()}) GROUP BY user_id) SELECT {', '.join(stats)} FROM ({chain})"
    )
    row = duckdb.sql(query).fetchall()[0]
    return {
        "entered": [int(row[0])] + [int(row[1 + 5 * (k - 1)]) for k in range(1, STEPS)],
        "median_prev": [None] + [row[2 + 5 * (k - 1)] for k in range(1, STEPS)],
    }


def pandas_funnel(path: str) -> dict[str, Any]:
    from journeywidgets.datasets import FUNNEL_EVENTS

    log = pd.read_parquet(path, columns=["user_id", "timestamp", "event"])
    window = pd.Timedelta(days=WINDOW_DAYS)
    first = log[log["event"] == FUNNEL_EVENTS[0]].groupby("user_id")["timestamp"].min()
    reached = pd.DataFrame({"t0": first, "t": first})
    counts = [len(reached)]
    for step in FUNNEL_EVENTS[1:]:
        later = log[log["event"] == step][["user_id", "timestamp"]]
        joined = reached.reset_index().merge(later, on="user_id")
        ok = (joined["timestamp"] >= joined["t"]) & (joined["timestamp"] <= joined["t0"] + window)
        nxt = joined[ok].groupby("user_id").agg(t0=("t0", "first"), t=("timestamp", "min"))
        reached = nxt
        counts.append(len(reached))
    return {"entered": counts, "median_prev": None}


_JOURNEY: Any = None


def _journey() -> Any:
    global _JOURNEY
    if _JOURNEY is None:
        from journeywidgets.datasets import shop_journey

        _JOURNEY = shop_journey()
    return _JOURNEY


def ours_funnel(path: str) -> dict[str, Any]:
    import duckdb

    from journeywidgets.analytics import funnel

    result = funnel(duckdb.read_parquet(path), _journey(), window=f"{WINDOW_DAYS}D")
    medians = [
        None if pd.isna(v) else v / pd.Timedelta(microseconds=1)
        for v in result["median_time_from_previous"]
    ]
    return {"entered": [int(v) for v in result["entered"]], "median_prev": medians}


# -- paths ----------------------------------------------------------------------------------


def sql_paths(path: str) -> dict[str, Any]:
    import duckdb

    query = f"""
        SELECT previous, event, count(*) AS n, count(DISTINCT user_id),
               median(epoch_us(timestamp) - epoch_us(previous_t)) FROM (
            SELECT user_id, event, timestamp,
                lag(event) OVER (PARTITION BY user_id ORDER BY timestamp, event) AS previous,
                lag(timestamp) OVER (PARTITION BY user_id ORDER BY timestamp, event)
                    AS previous_t
            FROM {_source(path)})
        WHERE previous IS NOT NULL GROUP BY previous, event"""
    rows = duckdb.sql(query).fetchall()
    return {"transitions": sum(int(r[2]) for r in rows), "pairs": len(rows),
            "units": sum(int(r[3]) for r in rows)}  # fmt: skip


def tuned_paths(path: str) -> dict[str, Any]:
    """The event names first (a read of the event column), each given a small integer in
    name order; then one window pass over integers (one LAG of a struct of the previous
    code and time), and each pair's median taken of its list of gaps (DuckDB's grouped
    median() holds far more memory here: it spilled at a 4 GB limit on 10M events)."""
    import duckdb

    query = f"""
        WITH codes AS MATERIALIZED (
            SELECT event, (row_number() OVER (ORDER BY event))::INTEGER AS c
            FROM (SELECT DISTINCT event FROM {_source(path)})),
        seq AS (
            SELECT u, c, us, lag({{'c': c, 'us': us}}) OVER (PARTITION BY u ORDER BY us, c)
                AS previous
            FROM (SELECT user_id AS u, epoch_us(timestamp) AS us, c
                  FROM {_source(path)} JOIN codes USING (event)))
        SELECT a.event, b.event, n, units, gap FROM (
            SELECT previous.c AS pc, c, count(*) AS n, count(DISTINCT u) AS units,
                   list_median(list(us - previous.us)) AS gap
            FROM seq WHERE previous.c IS NOT NULL GROUP BY ALL) m
        JOIN codes a ON a.c = m.pc JOIN codes b ON b.c = m.c"""
    rows = duckdb.sql(query).fetchall()
    return {"transitions": sum(int(r[2]) for r in rows), "pairs": len(rows),
            "units": sum(int(r[3]) for r in rows)}  # fmt: skip


def pandas_paths(path: str) -> dict[str, Any]:
    log = pd.read_parquet(path, columns=["user_id", "timestamp", "event"])
    log = log.sort_values(["user_id", "timestamp", "event"], kind="stable")
    log["previous"] = log.groupby("user_id")["event"].shift()
    pairs = log.dropna(subset=["previous"]).groupby(["previous", "event"]).size()
    return {"transitions": int(pairs.sum()), "pairs": len(pairs), "units": None}


def ours_paths(path: str) -> dict[str, Any]:
    import duckdb

    from journeywidgets.analytics import paths

    moves = paths(duckdb.read_parquet(path), _journey(), top=0).transitions
    return {"transitions": int(moves["count"].sum()), "pairs": len(moves),
            "units": int(moves["units"].sum())}  # fmt: skip


def scan(path: str) -> dict[str, Any]:
    """The floor: every value of the three columns read and decoded once."""
    import duckdb

    query = (
        "SELECT count(*), max(length(user_id)), max(timestamp), max(length(event)) "
        f"FROM {_source(path)}"
    )
    return {"rows": int(duckdb.sql(query).fetchall()[0][0])}


OURS, HAND, TUNED, PANDAS, SCAN = (
    "journeywidgets on DuckDB", "hand-written DuckDB SQL", "tuned DuckDB SQL", "plain pandas",
    "bare Parquet scan",
)  # fmt: skip
CONTENDERS = {
    ("scan", SCAN): scan,
    ("funnel", OURS): ours_funnel,
    ("funnel", HAND): sql_funnel,
    ("funnel", TUNED): tuned_funnel,
    ("funnel", PANDAS): pandas_funnel,
    ("paths", OURS): ours_paths,
    ("paths", HAND): sql_paths,
    ("paths", TUNED): tuned_paths,
    ("paths", PANDAS): pandas_paths,
}


def _peak_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss it is not inherited
    from the parent across fork and exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status (Linux only)")


def child(task: str, who: str, path: str, memory_limit: str, spill: str, warm: str) -> None:
    run = CONTENDERS[(task, who)]
    profile = Path(spill) / f"profile-{os.getpid()}.json"
    if who != PANDAS:
        import duckdb

        duckdb.execute(f"SET memory_limit = '{memory_limit}'")
        duckdb.execute(f"SET temp_directory = '{spill}'")
        _journey()
    if warm == "1":
        run(path)  # warm-up: imports, the client's first query, the page cache
    if who != PANDAS:
        # DuckDB's own account of the (last, i.e. main) query: bytes spilled to disk.
        duckdb.execute("PRAGMA enable_profiling = 'json'")
        duckdb.execute(f"PRAGMA profiling_output = '{profile}'")
    start, cpu = time.perf_counter(), _cpu_seconds()
    answer = run(path)
    seconds, cpu = time.perf_counter() - start, _cpu_seconds() - cpu
    spilled = None
    if profile.exists():
        spilled = json.loads(profile.read_text())["system"]["total_bytes_spilled"] / 1e6
        profile.unlink()
    print(json.dumps({"seconds": seconds, "cpu": cpu, "answer": answer, "peak_mb": _peak_mb(),
                      "spilled_mb": spilled}))  # fmt: skip


def _cpu_seconds() -> float:
    """User and system time of this process, all its threads (DuckDB's included): on a
    shared machine it moves much less with the load than the wall time does."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(
    task: str, who: str, path: str, memory_limit: str, spill: str, warm: bool
) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", task, who, path, memory_limit, spill,
         "1" if warm else "0"],
        capture_output=True, text=True,
    )  # fmt: skip
    if done.returncode:
        raise SystemExit(f"{who} ({task}) failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def agree(task: str, answers: dict[str, dict[str, Any]]) -> None:
    """Every contender's answer matches every other's, where both give the figure."""
    names = list(answers)
    for key in answers[names[0]]:
        given = {who: a[key] for who, a in answers.items() if a.get(key) is not None}
        first_who, first = next(iter(given.items()))
        for who, value in given.items():
            same = (
                all(
                    (x is None) == (y is None) and (x is None or abs(x - y) <= 1)
                    for x, y in zip(value, first, strict=True)
                )
                if isinstance(value, list)
                else value == first
            )
            if not same:
                raise SystemExit(f"{task}: {who} says {key} = {value}, {first_who} {first}")


def write_log(folder: Path, users: int) -> tuple[str, int]:
    """The log as Parquet: one file, or (100M) files of CHUNK_USERS users each, written
    one at a time in their own processes so that no process holds the whole log."""
    write = (
        "import sys; from journeywidgets.datasets import event_log; "
        "log = event_log(int(sys.argv[1]), seed=int(sys.argv[3])); "
        "prefix = sys.argv[3] + '-'; "
        "log['user_id'] = prefix + log['user_id']; log['session_id'] = prefix + log['session_id']; "
        "log.to_parquet(sys.argv[2]); print(len(log))"
    )
    chunks = max(1, users // CHUNK_USERS)
    events = 0
    for chunk in range(chunks):
        target = folder / f"events-{chunk:02d}.parquet"
        if target.exists():  # kept from an earlier run (--data)
            events += pq.ParquetFile(target).metadata.num_rows
            continue
        partial = target.with_suffix(".partial")
        made = subprocess.run(
            [sys.executable, "-c", write, str(min(users, CHUNK_USERS)), str(partial), str(chunk)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        partial.rename(target)  # a killed run leaves no half-written file to reuse
        events += int(made.stdout.strip())
    path = str(folder / "events-*.parquet") if chunks > 1 else str(folder / "events-00.parquet")
    return path, events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", choices=list(SIZES), default="1M")
    parser.add_argument(
        "--repeats", type=int, help="repeats to take the median of (default 3; 1 at 100M)"
    )
    parser.add_argument("--memory-limit", default="4GB", help="DuckDB's memory_limit")
    parser.add_argument(
        "--data",
        help="a folder to write the log in and keep (reused by the next run with the same "
        "--events); default: a temporary folder, removed after the run",
    )
    parser.add_argument(
        "--warm-up",
        choices=["yes", "no", "auto"],
        default="auto",
        help="run each task once before the timed call (auto: yes, except at 100M, where "
        "the warm-up would double a run of about an hour)",
    )
    parser.add_argument("--child", nargs=6, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return

    started = time.perf_counter()
    users = SIZES[args.events]
    args.repeats = args.repeats or (1 if args.events == "100M" else 3)
    warm = args.warm_up == "yes" or (args.warm_up == "auto" and args.events != "100M")
    with tempfile.TemporaryDirectory(prefix="bench-analytics-") as base:
        folder = Path(args.data) / args.events if args.data else Path(base)
        folder.mkdir(parents=True, exist_ok=True)
        spill = Path(base) / "spill"
        spill.mkdir()
        print(f"… writing {args.events} events as Parquet", file=sys.stderr, flush=True)
        path, events = write_log(folder, users)
        on_disk = sum(f.stat().st_size for f in folder.glob("*.parquet"))
        written = time.perf_counter() - started
        contenders = [c for c in CONTENDERS if not (args.events == "100M" and c[1] == PANDAS)]
        runs: dict[tuple[str, str], list[dict[str, Any]]] = {c: [] for c in contenders}
        loads = []
        for repeat in range(args.repeats):
            loads.append(os.getloadavg()[0])
            for task, who in contenders:
                print(f"… repeat {repeat + 1}: {task}, {who}", file=sys.stderr, flush=True)
                measured = measure(task, who, path, args.memory_limit, str(spill), warm)
                runs[(task, who)].append(measured)
                print(  # as it goes: a long run cut short still says how far it got
                    f"  {measured['seconds']:.2f} s, CPU {measured['cpu']:.2f} s, peak "
                    f"{measured['peak_mb']:,.0f} MB, spilled {measured['spilled_mb'] or 0:,.0f} MB",
                    file=sys.stderr, flush=True,
                )  # fmt: skip
        for task in ("funnel", "paths"):
            agree(task, {who: r[0]["answer"] for (t, who), r in runs.items() if t == task})
            for (t, who), measured in runs.items():
                if t == task and any(m["answer"] != measured[0]["answer"] for m in measured):
                    raise SystemExit(f"{who} gave different {task} answers in different repeats")
    total = time.perf_counter() - started

    seconds = {c: statistics.median(m["seconds"] for m in r) for c, r in runs.items()}
    cpus = {c: statistics.median(m["cpu"] for m in r) for c, r in runs.items()}
    peaks = {c: statistics.median(m["peak_mb"] for m in r) for c, r in runs.items()}
    spills = {c: max((m["spilled_mb"] or 0) for m in r) for c, r in runs.items()}
    floor = seconds[("scan", SCAN)]
    rows = []
    for task, who in contenders:
        hand, tuned = seconds.get((task, HAND)), seconds.get((task, TUNED))
        pandas_s, pandas_cpu = seconds.get((task, PANDAS)), cpus.get((task, PANDAS))
        s, peak, cpu = seconds[(task, who)], peaks[(task, who)], cpus[(task, who)]
        hand_peak, hand_cpu = peaks.get((task, HAND)), cpus.get((task, HAND))
        rows.append((
            task, who, f"{s:.2f}", f"{s / hand:.2f}×" if hand else "",
            f"{s / tuned:.2f}×" if tuned else "", f"{s / floor:.1f}×",
            f"{cpu:.2f}", f"{cpu / hand_cpu:.2f}×" if hand_cpu else "",
            f"{pandas_s / s:.1f}×" if pandas_s else "",
            f"{pandas_cpu / cpu:.1f}×" if pandas_cpu else "",
            f"{peak:,.0f}", f"{peak / hand_peak:.2f}×" if hand_peak else "",
            "" if who == PANDAS else f"{spills[(task, who)]:,.0f}",
        ))  # fmt: skip
    table = pd.DataFrame(
        rows,
        columns=["task", "contender", "seconds", "vs hand SQL", "vs tuned SQL", "vs scan",
                 "CPU s", "CPU vs hand", "pandas ÷ this", "pandas CPU ÷ this", "peak MB",
                 "peak vs hand", "spilled MB"],
    )  # fmt: skip
    funnel_answer = runs[("funnel", OURS)][0]["answer"]["entered"]
    paths_answer = runs[("paths", OURS)][0]["answer"]
    print(
        f"Analytics on {events:,} events ({on_disk / 1e6:,.0f} MB of Parquet), {users:,} users; "
        f"8-step strict funnel, {WINDOW_DAYS}-day window; directly-follows pairs.\n"
        f"DuckDB memory_limit {args.memory_limit}, spilling to a temporary directory; "
        f"{os.cpu_count()} cores, load average at each repeat's start: "
        f"{', '.join(f'{x:.1f}' for x in loads)}.\n"
        f"Median of {args.repeats} repeats, each contender in its own process ("
        f"{'a warm-up, then the timed call' if warm else 'no warm-up'}; spilled: DuckDB's "
        "bytes written to its temporary directory, the most of any repeat). Answers agree: funnel "
        f"{funnel_answer} (and the median times from the previous step), "
        f"{paths_answer['transitions']:,} transitions in {paths_answer['pairs']} pairs.\n"
    )
    print(table.to_string(index=False))
    print(f"\nThe whole run took {total / 60:.1f} min (writing the log: {written / 60:.1f} min).")


if __name__ == "__main__":
    main()
