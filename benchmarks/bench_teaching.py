"""Teaching benchmarks: checks, comparison and the gradebook.

Run:  make bench-teaching   (or: .venv/bin/python benchmarks/bench_teaching.py [--quick]
      [--before REV])

Prints one table of medians of repeats, all measured in this run, each beside a floor it
cannot beat: check() beside one pandas pass over the same tables (grouping cards by lane
and step), compare() beside rapidfuzz's similarity matrix of the step names alone, and
the gradebook with one worker process per core (the default) beside the same in one
process (timed alternately) and beside reading the same 40 files. Goals: check() on a 12 × 204
map ≤ 50 ms, compare() of two 204-step maps ≤ 200 ms, a gradebook of 40 maps ≤ 10 s.

``--before REV`` adds a second table: check() and the gradebook as the teaching package was
at git revision REV (extracted and imported beside today's, on today's model and render),
timed alternately with today's in the same run.
"""

from __future__ import annotations

import argparse
import importlib
import io
import os
import resource
import statistics
import subprocess
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from rapidfuzz import fuzz, process

import journeywidgets as jw
from journeywidgets.datasets import synthetic
from journeywidgets.io import journey_json
from timing import median_seconds  # benchmarks/timing.py

ROOT = Path(__file__).resolve().parent.parent


def teaching_at(revision: str) -> ModuleType:
    """The teaching package as it was at ``revision``, importable beside today's."""
    archive = subprocess.run(
        ["git", "archive", revision, "src/journeywidgets/teaching"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout  # fmt: skip
    out = Path(tempfile.mkdtemp())
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(out, filter="data")
    (out / "src" / "journeywidgets" / "teaching").rename(out / "_teaching_before")
    jw.__path__.append(str(out))
    return importlib.import_module("journeywidgets._teaching_before")


def _cpu() -> float:
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def alternate(
    first: Callable[[], object], second: Callable[[], object], repeats: int
) -> list[float]:
    """Median wall and CPU seconds (this process and its workers) of ``first`` and
    ``second`` timed in turn, so that the machine's load hits both alike."""
    times: list[list[float]] = [[], [], [], []]  # wall, cpu of first; wall, cpu of second
    for _ in range(repeats):
        for k, run in enumerate((first, second)):
            wall, cpu = time.perf_counter(), _cpu()
            run()
            times[2 * k].append(time.perf_counter() - wall)
            times[2 * k + 1].append(_cpu() - cpu)
    return [statistics.median(t) for t in times]


def before_and_after(revision: str, big: jw.Journey, folder: Path, quick: bool) -> None:
    old = teaching_at(revision)
    reference = jw.template("current_state")
    old.check(big)
    table = [
        (f"check(), {len(big.stages)} × {len(big.steps)}",
         alternate(lambda: old.check(big), lambda: jw.check(big), 7 if quick else 21)),
        ("gradebook(), 40 maps, pictures and reference",
         alternate(lambda: old.gradebook(folder, reference=reference, progress=False),
                   lambda: jw.gradebook(folder, reference=reference, progress=False),
                   1 if quick else 3)),
    ]  # fmt: skip
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\nBefore ({revision}) and now, timed alternately; load average {load:.1f}")
    print(f"| measure | wall {revision} | wall now | ratio | CPU {revision} | CPU now | ratio |")
    print("|---|---|---|---|---|---|---|")
    for name, (wall_then, cpu_then, wall_now, cpu_now) in table:
        print(
            f"| {name} | {wall_then * 1000:,.1f} ms | {wall_now * 1000:,.1f} ms "
            f"| {wall_now / wall_then:.2f}× | {cpu_then * 1000:,.1f} ms "
            f"| {cpu_now * 1000:,.1f} ms | {cpu_now / cpu_then:.2f}× |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run)")
    parser.add_argument("--before", metavar="REV", help="also time teaching as at REV")
    arguments = parser.parse_args()
    quick = arguments.quick
    repeats = 3 if quick else 9

    big = synthetic(12, 17)
    other = synthetic(12, 17, seed=1)
    names_a, names_b = list(big.steps["name"]), list(other.steps["name"])
    jw.compare(big, other)  # warm the glossary cache (read once per process)

    rows = [
        (
            f"check(), {len(big.stages)} × {len(big.steps)}",
            median_seconds(lambda: jw.check(big), repeats),
            "cards grouped by lane and step (pandas)",
            median_seconds(lambda: big.cards.groupby(["lane_id", "step_id"]).size(), repeats),
            0.050,
        ),
        (
            f"compare(), {len(big.steps)} × {len(other.steps)} steps",
            median_seconds(lambda: jw.compare(big, other), repeats),
            "rapidfuzz cdist of the step names alone",
            median_seconds(lambda: process.cdist(names_a, names_b, scorer=fuzz.ratio), repeats),
            0.200,
        ),
    ]

    folder = Path(tempfile.mkdtemp())
    for number in range(40):
        journey = jw.template("current_state")
        if number % 2:
            journey.set_meta(scenario=None)
        journey.save(folder / f"student{number:02d}.journey.json")
    reference = jw.template("current_state")
    files = sorted(folder.glob("*.journey.json"))
    book_repeats = 1 if quick else 3
    workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1

    def book(**options: object) -> float:
        return median_seconds(
            lambda: jw.gradebook(folder, reference=reference, progress=False, **options),  # type: ignore[arg-type]
            book_repeats,
        )

    pool_wall, pool_cpu, serial_wall, serial_cpu = alternate(
        lambda: jw.gradebook(folder, reference=reference, progress=False, workers=None),
        lambda: jw.gradebook(folder, reference=reference, progress=False, workers=1),
        book_repeats,
    )
    rows.append(
        (
            f"gradebook(), 40 maps, pictures and reference, {workers} worker processes "
            f"(the default; CPU {pool_cpu:.1f} s)",
            pool_wall,
            f"the same in one process, timed alternately (workers=1; CPU {serial_cpu:.1f} s)",
            serial_wall,
            10.0,
        )
    )
    rows.append(
        (
            "gradebook(), 40 maps, pictures, one process",
            serial_wall,
            "reading the 40 files alone",
            median_seconds(lambda: [journey_json.load(p) for p in files], book_repeats),
            10.0,
        )
    )
    rows.append(
        (
            "gradebook(), 40 maps, no pictures, one process",
            book(pictures=False, workers=1),
            "",
            float("nan"),
            10.0,
        )
    )

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{os.cpu_count()} cores, load average {load:.1f} at the start of the table")
    print("| measure | median | goal | floor | floor median | ratio |")
    print("|---|---|---|---|---|---|")
    for name, seconds, floor_name, floor, goal in rows:
        ratio = f"{seconds / floor:.1f}×" if floor == floor else ""
        floor_text = f"{floor * 1000:.1f} ms" if floor == floor else ""
        met = "met" if seconds <= goal else "NOT met"
        print(
            f"| {name} | {seconds * 1000:,.1f} ms | ≤ {goal * 1000:,.0f} ms ({met}) "
            f"| {floor_name} | {floor_text} | {ratio} |"
        )
    if arguments.before:
        before_and_after(arguments.before, big, folder, quick)


if __name__ == "__main__":
    main()
