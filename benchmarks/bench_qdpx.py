"""REFI-QDA import benchmark: a generated .qdpx of 200 sources (≈ 2 M characters) and
50,000 coded selections, read by journeywidgets and by pyrefiqda side by side.

Run:  make bench-qdpx    (or: .venv/bin/python benchmarks/bench_qdpx.py [--quick])

Every contender runs in its own fresh Python process (so peak memory is its own), three
times; the table shows the median wall time and the median peak resident memory (the
process's maximum RSS, interpreter and imports included). Contenders:

- journeywidgets ``read_qdpx``: the whole import — unzip, parse (defusedxml), detect
  units, convert positions, and apply every row through the journey's operation pipeline
  as one checked, undoable change;
- journeywidgets, reading only: the same without the final apply (what parsing costs);
- pyrefiqda ``RefiProject.load``: unzip to a folder and parse into pydantic models (no
  text files read, no positions checked).

Before the times are shown, the answers are cross-checked: the import's segment and
coding counts must equal what the generator wrote and what pyrefiqda parsed.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from pathlib import Path

WORDS = ("the card was declined twice", "delivery took nine days", "staff were kind",
         "付款太慢了", "saya suka cuba tunggang", "no tracking number 😡", "great fit 👍",
         "I compared three shops", "harga terlalu mahal", "试骑很棒")  # fmt: skip


def generate(path: Path, sources: int, selections: int, codes: int = 100, seed: int = 0) -> int:
    """Write a .qdpx; returns the number of codings written."""
    rng = random.Random(seed)
    guid = lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4))  # noqa: E731
    code_guids = [guid() for _ in range(codes)]
    parts = ['<?xml version="1.0" encoding="utf-8"?>',
             '<Project xmlns="urn:QDA-XML:project:1.0" name="bench" origin="bench">',
             '<Users><User guid="00000000-0000-4000-8000-000000000001" name="coder"/></Users>',
             "<CodeBook><Codes>"]  # fmt: skip
    parts += [
        f'<Code guid="{g}" name="code {n}" isCodable="true"/>' for n, g in enumerate(code_guids)
    ]
    parts.append("</Codes></CodeBook><Sources>")
    files: dict[str, str] = {}
    per_source = selections // sources
    codings = 0
    for s in range(sources):
        lines = []
        while sum(len(x) + 2 for x in lines) < 10_000:
            lines.append(f"P{s}: " + ", ".join(rng.choices(WORDS, k=4)) + ".")
        text = "\r\n".join(lines)
        source_guid = guid()
        files[f"sources/{source_guid}.txt"] = text
        parts.append(f'<TextSource guid="{source_guid}" name="interview {s}" '
                     f'plainTextPath="internal://{source_guid}.txt">')  # fmt: skip
        for _ in range(per_source):
            a = rng.randrange(0, len(text) - 200)
            b = a + rng.randrange(20, 200)
            parts.append(
                f'<PlainTextSelection guid="{guid()}" startPosition="{a}" endPosition="{b}" '
                'creatingUser="00000000-0000-4000-8000-000000000001">'
            )
            for code in rng.sample(code_guids, rng.choice((1, 1, 2))):
                parts.append(f'<Coding guid="{guid()}"><CodeRef targetGUID="{code}"/></Coding>')
                codings += 1
            parts.append("</PlainTextSelection>")
        parts.append("</TextSource>")
    parts.append("</Sources></Project>")
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", "\n".join(parts))
        for name, text in files.items():
            archive.writestr(name, text.encode("utf-8"))
    return codings


CHILD = r"""
import json, resource, sys, time, tempfile, warnings
mode, path = sys.argv[1], sys.argv[2]
warnings.simplefilter("ignore")
if mode == "pyrefiqda":
    from pyrefiqda import RefiProject
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        project = RefiProject.load(path, extract_dir=folder)
        selections = sum(len(s.plain_text_selection or []) for s in project.sources.text_source)
        codings = sum(len(p.coding or []) for s in project.sources.text_source
                      for p in (s.plain_text_selection or []))
    answer = {"selections": selections, "codings": codings}
else:
    import journeywidgets as jw
    from journeywidgets.io import research_batch
    if mode == "ours-read":
        def count_only(self, report, **options):
            report.imported.update(self.imported)
        research_batch.ResearchBatch.apply = count_only
    start = time.perf_counter()
    journey = jw.Journey()
    report = jw.import_qdpx(journey, path)
    answer = {"segments": report.imported["segments"], "codings": report.imported["segment_codes"]}
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, **answer}))
"""


def run(mode: str, path: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", CHILD, mode, str(path)], check=True,
                         capture_output=True, text=True).stdout  # fmt: skip
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20 sources, 5,000 selections")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    sources, selections = (20, 5_000) if args.quick else (200, 50_000)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.qdpx"
        started = time.perf_counter()
        codings = generate(path, sources, selections)
        chars = 0
        with zipfile.ZipFile(path) as archive:
            chars = sum(
                len(archive.read(n).decode("utf-8"))
                for n in archive.namelist()
                if n.endswith(".txt")
            )
        size = path.stat().st_size / 1e6
        took = time.perf_counter() - started
        print(f"generated {size:.1f} MB: {sources} sources, {chars:,} characters, "
              f"{selections:,} selections, {codings:,} codings ({took:.1f} s)")  # fmt: skip
        results: dict[str, list[dict[str, float]]] = {}
        for _ in range(args.repeats):  # interleaved, so drift hits every contender alike
            for mode in ("ours", "ours-read", "pyrefiqda"):
                results.setdefault(mode, []).append(run(mode, path))
    ours, theirs = results["ours"][0], results["pyrefiqda"][0]
    # Random spans may repeat with other codes: those merge into one segment.
    assert ours["codings"] == codings == theirs["codings"], (ours, theirs, codings)
    assert theirs["selections"] == selections and ours["segments"] <= selections
    names = {"ours": "journeywidgets read_qdpx (full import)",
             "ours-read": "journeywidgets, reading only (no apply)",
             "pyrefiqda": "pyrefiqda RefiProject.load (parse only)"}  # fmt: skip
    base = statistics.median(r["seconds"] for r in results["pyrefiqda"])
    print("\n| contender | median s | × pyrefiqda | median peak MB |\n|---|---|---|---|")
    for mode, runs in results.items():
        seconds = statistics.median(r["seconds"] for r in runs)
        peak = statistics.median(r["peak_mb"] for r in runs)
        print(f"| {names[mode]} | {seconds:.2f} | {seconds / base:.2f} | {peak:.0f} |")
    print("\nGoal: full import ≤ 3 s and ≤ 500 MB peak at 200 sources / 50,000 selections.")


if __name__ == "__main__":
    main()
