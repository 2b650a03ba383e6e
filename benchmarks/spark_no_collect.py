"""The Spark plan never collects the log to the driver: a funnel and paths on local[2]
over a log larger than the driver's whole memory, with the driver refusing any result
larger than a few megabytes.

Run:  .venv/bin/python benchmarks/spark_no_collect.py [--events 20M] [--driver-memory 512m]
      (needs Java 17; about 10-20 minutes on 2 shared cores)

The log is made by Spark itself (``spark.range`` on the executors, written to Parquet in
a temporary folder), so it never passes through this Python process either. The driver
runs with ``spark.driver.memory`` (its JVM heap) smaller than the log, and with
``spark.driver.maxResultSize`` small: an action whose results exceed it fails the job
("Total size of serialized results ... is bigger than spark.driver.maxResultSize"). The
script first shows the guard is armed — collecting the log does fail — then runs
``funnel`` and ``paths(top=10)`` (transitions, off-map counts and the ten most common
routes, all counted on the executors) and prints their answers, the ratio of the log's
size to the driver's memory, and the times. It exits non-zero if a call fails, i.e. if
anything the size of the log was brought to the driver.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVENT_NAMES = ("visit", "search", "view", "cart", "pay", "help_page")
COUNTS = {"1M": 1_000_000, "5M": 5_000_000, "20M": 20_000_000, "50M": 50_000_000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", choices=list(COUNTS), default="20M")
    parser.add_argument("--driver-memory", default="512m")
    parser.add_argument("--max-result-size", default="8m")
    args = parser.parse_args()
    events = COUNTS[args.events]

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        import pyarrow.parquet as pq
        from pyspark.sql import SparkSession
        from pyspark.sql import functions as F

        import journeywidgets as jw
        from journeywidgets.analytics import funnel, paths

    with tempfile.TemporaryDirectory(prefix="spark-no-collect-") as base:
        spark = (
            SparkSession.builder.master("local[2]")
            .config("spark.driver.memory", args.driver_memory)
            .config("spark.driver.maxResultSize", args.max_result_size)
            .config("spark.local.dir", str(Path(base) / "spill"))
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.shuffle.partitions", "16")
            # Reads in small splits: a task's share of the log fits the small heap, so that
            # collecting the log fails on maxResultSize (the guard) rather than a task's
            # own memory.
            .config("spark.sql.files.maxPartitionBytes", "16m")
            .getOrCreate()
        )
        heap = spark.sparkContext._jvm.java.lang.Runtime.getRuntime().maxMemory()
        folder = str(Path(base) / "log")
        started = time.perf_counter()
        users = events // 10
        names = F.array(*[F.lit(n) for n in EVENT_NAMES])
        (
            spark.range(events, numPartitions=32)
            .select(
                F.concat(F.lit("u"), (F.col("id") % users).cast("string")).alias("user_id"),
                F.timestamp_seconds(
                    F.lit(1_700_000_000)
                    + (F.col("id") % users) * 7
                    + (F.col("id") * 7919) % 864_000
                ).alias("timestamp"),
                F.element_at(
                    names, F.pmod(F.xxhash64("id"), F.lit(len(EVENT_NAMES))).cast("int") + 1
                ).alias("event"),
            )
            .write.parquet(folder)
        )
        written = time.perf_counter() - started
        arrow_bytes = sum(
            pq.read_table(folder, columns=[column]).nbytes
            for column in ("user_id", "timestamp", "event")
        )  # fmt: skip
        log = spark.read.parquet(folder)

        try:
            log.collect()
        except Exception as error:  # the guard is armed: the log cannot reach the driver
            refused = "maxResultSize" in str(error)
            if not refused:
                raise
        else:
            raise SystemExit("collecting the log did not fail: the guard proves nothing")

        journey = jw.Journey("Scale")
        stage = journey.add_stage("All")
        for name in EVENT_NAMES[:5]:
            journey.add_step(name.title(), stage, step_id=name)
        journey.map_events({name: name for name in EVENT_NAMES[:5]})
        timings = {}
        start = time.perf_counter()
        result = funnel(log, journey, window="3D")
        timings["funnel"] = time.perf_counter() - start
        start = time.perf_counter()
        found = paths(log, journey, top=10)
        moves = found.transitions
        timings["paths (top=10)"] = time.perf_counter() - start
        spark.stop()

    print(
        f"Spark local[2], spark.driver.memory={args.driver_memory} (JVM heap {heap / 2**20:,.0f} "
        f"MB), spark.driver.maxResultSize={args.max_result_size}.\n"
        f"Log: {events:,} events of {users:,} users, {arrow_bytes / 2**20:,.0f} MB as Arrow "
        f"columns (the least a collect would need), written by Spark in {written:.0f} s: "
        f"{arrow_bytes / heap:.2f}× the driver's JVM heap.\n"
        f"Collecting the log: refused by the driver (maxResultSize), as it must be.\n"
        f"funnel: {timings['funnel']:.0f} s, entered {[int(v) for v in result['entered']]}\n"
        f"paths(top=10): {timings['paths (top=10)']:.0f} s, {int(moves['count'].sum()):,} "
        f"transitions in {len(moves)} pairs; top route {found.routes['route'].iloc[0]!r} "
        f"({int(found.routes['units'].iloc[0]):,} users, {found.routes['share'].sum():.1%} of "
        "users in the ten routes)\n"
        "Neither brought more than the driver's result limit to it."
    )
    sys.exit(0)


if __name__ == "__main__":
    main()
