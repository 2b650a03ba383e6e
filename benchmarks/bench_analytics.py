"""Analytics benchmarks: an 8-step funnel and directly-follows paths on generated logs.

Run:  make bench-analytics   (or: .venv/bin/python benchmarks/bench_analytics.py
      [--users 100000] [--repeats 3])

The log comes from ``journeywidgets.datasets.event_log`` (about 10 events per user) and is
written to Parquet. Each contender runs in a fresh Python process, so that its peak memory
(the process's peak resident size, VmHWM, DuckDB's own memory included) is its own:

- journeywidgets on DuckDB: ``funnel(path, ...)`` / ``paths(path, ..., top=0)``, the log
  read lazily from Parquet by DuckDB;
- hand-written DuckDB SQL with the same semantics and the same statistics (strict order,
  first attempt, 7-day window, equal timestamps in order; counts, median and p90 times;
  directly-follows pairs with LAG, counts and median gaps);
- plain pandas: the log read into a DataFrame, then a merge chain / a groupby shift —
  the code an analyst would write.

Every contender's counts are checked against the others' before times are reported.
Times are medians of the repeats inside each process; load time (reading Parquet) is
included for every contender.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pandas as pd

HERE = Path(__file__).parent
STEPS = 8
WINDOW_DAYS = 7


def sql_funnel(path: str) -> list[int]:
    """The same funnel and the same statistics (counts, median and 90th percentile times
    from the previous and the first step), as one DuckDB query."""
    import duckdb

    from journeywidgets.datasets import FUNNEL_EVENTS

    window = f"INTERVAL {WINDOW_DAYS} DAY"
    ctes = [
        "events AS (SELECT user_id, timestamp, event FROM read_parquet('" + path + "'))",
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
    query = f"WITH {', '.join(ctes)} SELECT n FROM ({stats}) ORDER BY k"
    return [int(row[0]) for row in duckdb.sql(query).fetchall()]


def sql_paths(path: str) -> int:
    import duckdb

    query = f"""
        SELECT previous, event, count(*) AS n, count(DISTINCT user_id),
               median(epoch_us(timestamp) - epoch_us(previous_t)) FROM (
            SELECT user_id, event, timestamp,
                lag(event) OVER (PARTITION BY user_id ORDER BY timestamp, event) AS previous,
                lag(timestamp) OVER (PARTITION BY user_id ORDER BY timestamp, event)
                    AS previous_t
            FROM read_parquet('{path}'))
        WHERE previous IS NOT NULL GROUP BY previous, event"""
    rows = duckdb.sql(query).fetchall()
    return sum(int(r[2]) for r in rows)


def pandas_funnel(path: str) -> list[int]:
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
    return counts


def pandas_paths(path: str) -> int:
    log = pd.read_parquet(path, columns=["user_id", "timestamp", "event"])
    log = log.sort_values(["user_id", "timestamp", "event"], kind="stable")
    log["previous"] = log.groupby("user_id")["event"].shift()
    pairs = log.dropna(subset=["previous"]).groupby(["previous", "event"]).size()
    return int(pairs.sum())


def ours_funnel(path: str) -> list[int]:
    from journeywidgets.analytics import funnel
    from journeywidgets.datasets import shop_journey

    result = funnel(path, shop_journey(), window=f"{WINDOW_DAYS}D")
    return [int(v) for v in result["entered"]]


def ours_paths(path: str) -> int:
    from journeywidgets.analytics import paths
    from journeywidgets.datasets import shop_journey

    return int(paths(path, shop_journey(), top=0).transitions["count"].sum())


CONTENDERS = {
    ("funnel", "journeywidgets on DuckDB"): ours_funnel,
    ("funnel", "hand-written DuckDB SQL"): sql_funnel,
    ("funnel", "plain pandas"): pandas_funnel,
    ("paths", "journeywidgets on DuckDB"): ours_paths,
    ("paths", "hand-written DuckDB SQL"): sql_paths,
    ("paths", "plain pandas"): pandas_paths,
}


def _peak_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss it is not inherited
    from the parent across fork and exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status (Linux only)")


def child(task: str, who: str, path: str, repeats: int) -> None:
    run = CONTENDERS[(task, who)]
    times, answer = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        answer = run(path)
        times.append(time.perf_counter() - start)
    peak_mb = _peak_mb()
    print(
        json.dumps(
            {"seconds": sorted(times)[len(times) // 2], "answer": answer, "peak_mb": peak_mb}
        )
    )


def measure(task: str, who: str, path: str, repeats: int) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", task, who, path, str(repeats)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100_000, help="default 100,000 (~1M events)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        task, who, path, repeats = args.child
        child(task, who, path, int(repeats))
        return

    folder = Path(tempfile.mkdtemp())
    path = str(folder / "events.parquet")
    write = (
        "import sys; from journeywidgets.datasets import event_log; "
        "log = event_log(int(sys.argv[1])); log.to_parquet(sys.argv[2]); print(len(log))"
    )
    made = subprocess.run(
        [sys.executable, "-c", write, str(args.users), path], capture_output=True, text=True,
        check=True,
    )  # fmt: skip
    events = int(made.stdout.strip())
    rows = []
    answers: dict[str, Any] = {}
    for task, who in CONTENDERS:
        measured = measure(task, who, path, args.repeats)
        if task in answers and measured["answer"] != answers[task]:
            raise SystemExit(
                f"{who} disagrees on the {task}: {measured['answer']} vs {answers[task]}"
            )
        answers.setdefault(task, measured["answer"])
        rows.append((task, who, measured["seconds"], measured["peak_mb"]))
    table = pd.DataFrame(rows, columns=["task", "contender", "seconds", "peak MB"])
    baseline = table[table["contender"] == "hand-written DuckDB SQL"].set_index("task")["seconds"]
    table["vs hand SQL"] = [
        f"{s / baseline[t]:.2f}×" for t, s in zip(table["task"], table["seconds"], strict=True)
    ]
    table["seconds"] = table["seconds"].map(lambda s: f"{s:.2f}")
    table["peak MB"] = table["peak MB"].map(lambda m: f"{m:,.0f}")
    print(
        f"Analytics on {events:,} events, {args.users:,} users; 8-step strict funnel, "
        f"{WINDOW_DAYS}-day window; directly-follows pairs. Median of {args.repeats} runs per "
        f"process. Answers agree: funnel {answers['funnel']}, {answers['paths']:,} transitions.\n"
    )
    print(table.to_string(index=False))


if __name__ == "__main__":
    main()
