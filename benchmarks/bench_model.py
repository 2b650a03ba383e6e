"""Model benchmarks: applying single-cell ops, and the sync() diff on large tables.

Run:  make bench        (or: .venv/bin/python benchmarks/bench_model.py [--quick])

Prints one table. Every figure is the median of several repeats measured in this one run,
next to a baseline measured the same way, so the ratios mean something on a noisy machine.

- ops: 10,000 single-cell ``update`` ops, each its own batch (validated, recorded for
  undo, mirrored into both frame sets, announced), against 10,000 bare ``DataFrame.at``
  writes (the floor: what pandas itself costs for one cell).
- sync: ``journey.sync()`` after one in-place cell edit, on a map with 1,000 steps and on
  one with 100,000 evidence rows, against ``DataFrame.equals`` of the same tables (what a
  naive "did anything change?" check costs before it even finds the change).
"""

from __future__ import annotations

import argparse

import pandas as pd

from journeywidgets.datasets import synthetic
from journeywidgets.model import Update
from timing import median_seconds  # benchmarks/timing.py


def bench_ops(count: int, repeats: int) -> tuple[float, float]:
    journey = synthetic(12, 17)
    cards = [str(i) for i in journey.cards.index]
    ops = [Update("cards", cards[i % len(cards)], {"text": f"edit {i} 编辑"}) for i in range(count)]

    def apply_all() -> None:
        for op in ops:
            journey.apply(op)

    frame = journey.cards.copy()

    def bare_pandas() -> None:
        for i in range(count):
            frame.at[cards[i % len(cards)], "text"] = f"edit {i} 编辑"

    return median_seconds(apply_all, repeats), median_seconds(bare_pandas, repeats)


def bench_sync(
    table: str, stages: int, per_stage: int, evidence: int, repeats: int
) -> tuple[float, float, int]:
    journey = synthetic(stages, per_stage, evidence=evidence)
    live = getattr(journey, table)
    row = live.index[len(live) // 2]
    column = "name" if table == "steps" else "text"
    counter = iter(range(10**9))

    def edit_and_sync() -> None:
        live.loc[row, column] = f"edited {next(counter)} 改"
        change = journey.sync()
        assert change is not None and len(change.ops) == 1

    committed = journey._committed[table]

    def naive_equals() -> None:
        live.equals(committed)

    return median_seconds(edit_and_sync, repeats), median_seconds(naive_equals, repeats), len(live)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer ops and repeats (a smoke run)")
    args = parser.parse_args()
    count, repeats = (1_000, 3) if args.quick else (10_000, 5)
    evidence_rows = 10_000 if args.quick else 100_000

    ops_s, pandas_s = bench_ops(count, repeats)
    steps_s, steps_eq, steps_n = bench_sync("steps", 20, 50, 0, repeats * 4)
    ev_s, ev_eq, ev_n = bench_sync("evidence", 12, 17, evidence_rows, repeats * 2)

    rows = [
        (f"{count:,} single-cell ops", ops_s, f"{count:,} DataFrame.at writes", pandas_s),
        (
            f"sync() after 1 edit, {steps_n:,} steps",
            steps_s,
            "DataFrame.equals, same table",
            steps_eq,
        ),
        (f"sync() after 1 edit, {ev_n:,} evidence", ev_s, "DataFrame.equals, same table", ev_eq),
    ]
    table = pd.DataFrame(
        [
            {
                "measure": name,
                "median": _fmt(ours),
                "per op": _fmt(ours / count) if "ops" in name else "",
                "baseline": base_name,
                "baseline median": _fmt(base),
                "ratio": f"{ours / base:.1f}×",
            }
            for name, ours, base_name, base in rows
        ]
    )
    print(table.to_string(index=False))
    print("\nGoals (issue 2): sync diff ≤ 5 ms on 1k steps, ≤ 50 ms on 100k evidence rows.")


def _fmt(seconds: float) -> str:
    return f"{seconds * 1e3:.2f} ms" if seconds < 1 else f"{seconds:.2f} s"


if __name__ == "__main__":
    main()
