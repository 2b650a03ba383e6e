"""Teaching benchmarks: checks, comparison and the gradebook.

Run:  make bench-teaching   (or: .venv/bin/python benchmarks/bench_teaching.py [--quick])

Prints one table of medians of repeats, all measured in this run, each beside a floor it
cannot beat: check() beside one pandas pass over the same tables (grouping cards by lane
and step), compare() beside rapidfuzz's similarity matrix of the step names alone, and
the gradebook (which draws its pictures in one worker process per core) beside the same in
one process and beside reading the same 40 files. Goals: check() on a 12 × 204 map ≤ 50 ms,
compare() of two 204-step maps ≤ 200 ms, a gradebook of 40 maps ≤ 10 s.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from rapidfuzz import fuzz, process

import journeywidgets as jw
from journeywidgets.datasets import synthetic
from journeywidgets.io import journey_json
from timing import median_seconds  # benchmarks/timing.py


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run)")
    quick = parser.parse_args().quick
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

    serial = book(workers=1)
    rows.append(
        (
            f"gradebook(), 40 maps, pictures and reference, {workers} worker processes",
            book(),
            "the same in one process (workers=1)",
            serial,
            10.0,
        )
    )
    rows.append(
        (
            "gradebook(), 40 maps, pictures, one process",
            serial,
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


if __name__ == "__main__":
    main()
