"""File format benchmarks: Excel and Mermaid side by side with ``.journey.json``.

Run:  make bench-io   (or: .venv/bin/python benchmarks/bench_io.py [--quick])

Prints one table of medians of repeats, all measured in this run:

- ``to_excel`` of a map of 200 steps with 5,000 segments and as many evidence links,
  against saving the same map as ``.journey.json``, and reading it back against loading
  the ``.journey.json``;
- reading 1 MB of Mermaid (tasks in sections, with actors) into a journey, against loading
  the ``.journey.json`` of the journey it makes.

Goal: each ratio ≤ 5×.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import warnings
from pathlib import Path

import journeywidgets as jw
from journeywidgets.datasets import synthetic
from timing import median_seconds  # benchmarks/timing.py


def mermaid_text(size: int) -> str:
    """Mermaid journey text of about ``size`` characters: sections of tasks with actors."""
    lines = ["journey", "  title A long journey 旅程"]
    length = 0
    section = 0
    while length < size:
        section += 1
        lines.append(f"  section Stage {section} 阶段")
        for task in range(20):
            line = f"    Task {section}.{task} langkah: {task % 5 + 1}: Mei, Ali"
            lines.append(line)
            length += len(line) + 1
    return "\n".join(lines) + "\n"


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--quick", action="store_true", help="smaller maps, fewer repeats")
    quick = options.parse_args().quick
    repeats = 1 if quick else 3
    steps, evidence, mermaid_size = (40, 1_000, 100_000) if quick else (200, 5_000, 1_000_000)

    journey = synthetic(10, steps // 10, evidence=evidence)
    text = mermaid_text(mermaid_size)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", jw.MermaidWarning)
        from_mermaid = jw.from_mermaid(text)
    rows: list[tuple[str, float, str, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        excel, json_file = base / "map.xlsx", base / "map.journey.json"
        mermaid_json = base / "mermaid.journey.json"
        from_mermaid.save(mermaid_json)
        journey.to_excel(excel)
        journey.save(json_file)
        for label, run, baseline_label, baseline in (
            (
                f"to_excel: {steps} steps, {evidence:,} segments and evidence links",
                lambda: journey.to_excel(excel),
                "save .journey.json",
                lambda: journey.save(json_file),
            ),
            (
                "read_excel of that workbook",
                lambda: jw.read_excel(excel),
                "load .journey.json",
                lambda: jw.load(json_file),
            ),
            (
                f"from_mermaid: {len(text) / 1e6:.1f} MB, {len(from_mermaid.steps):,} tasks",
                lambda: jw.from_mermaid(text),
                "load its .journey.json",
                lambda: jw.load(mermaid_json),
            ),
        ):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", jw.MermaidWarning)
                ours = median_seconds(run, repeats)
                theirs = median_seconds(baseline, repeats)
            rows.append((label, ours, baseline_label, theirs))

    print("| measure | median | baseline | ratio |")
    print("|---|---|---|---|")
    for label, ours, baseline_label, theirs in rows:
        print(
            f"| {label} | {ours:.2f} s | {baseline_label}: {theirs:.2f} s | {ours / theirs:.1f}× |"
        )
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"\nGoal: each ratio ≤ 5×. Load average (1, 5, 15 min): {load}.")


if __name__ == "__main__":
    main()
