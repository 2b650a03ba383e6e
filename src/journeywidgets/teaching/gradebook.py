"""``gradebook(folder, rubric=..., reference=...)``: grade a class's maps into one table.

Every file gets a row: graded (score, counts by severity, the comparison's score) or
unreadable (the reason, naming the file and where in it). A file that cannot be read never
stops the others and is never skipped in silence. Each graded student gets a feedback file
(Markdown or HTML) with the map's picture and the findings.

Drawing the pictures is most of the time (a map's text through matplotlib), so a class is
graded by worker processes, one per usable core (``workers=``); each file is graded whole in
one worker and the rows come back in file order, so the table is the one a single process
gives.
"""

from __future__ import annotations

import html
import logging
import multiprocessing
import os
import sys
from collections.abc import Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from pickle import PicklingError
from typing import Any, Literal

import pandas as pd
from tqdm.auto import tqdm

from ..io import journey_json, mermaid, tables
from ..model import Journey, JourneyError, ValidationError
from ..render.export import save_image
from .compare import Comparison, compare
from .findings_view import picture_annotations
from .messages import FEEDBACK_WORDS
from .report import CheckReport, _md, check
from .rubric import Rubric, load_rubric

log = logging.getLogger("journeywidgets")
MAP_SUFFIXES = (".journey.json", ".json", ".xlsx", ".xlsm", ".mmd", ".mermaid")
COLUMNS = [
    "student",
    "file",
    "status",
    "score",
    "earned",
    "possible",
    "errors",
    "warnings",
    "notes",
    "compare_score",
    "passed",
    "problem",
    "feedback",
]


def read_map(path: Path) -> Journey:
    """A student's map from ``.journey.json``, Excel or Mermaid (by extension)."""
    suffix = path.suffix.lower()
    if suffix in mermaid.SUFFIXES:
        return mermaid.read_mermaid(path)
    if suffix in (".xlsx", ".xlsm"):
        return tables.read_excel(path)
    return journey_json.load(path)


def _student(path: Path) -> str:
    name = path.name
    for suffix in MAP_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def _files(source: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> list[Path]:
    if isinstance(source, (str, os.PathLike)):
        folder = Path(source)
        if folder.is_dir():
            return sorted(
                p for p in folder.iterdir() if p.is_file() and p.name.lower().endswith(MAP_SUFFIXES)
            )
        return [folder]
    return [Path(p) for p in source]


def _feedback(
    student: str,
    journey: Journey,
    report: CheckReport,
    comparison: Comparison | None,
    folder: Path,
    fmt: str,
    picture: bool,
) -> Path:
    image = None
    if picture:
        marks = picture_annotations(journey, report)
        image = save_image(journey, folder / f"{student}.png", dpi=60, annotations=marks)
    title = str(journey.meta.get("title") or student)
    words = FEEDBACK_WORDS.get(report.language, FEEDBACK_WORDS["en"])
    if fmt == "html":
        parts = [
            "<!doctype html><meta charset='utf-8'>",
            f"<title>{html.escape(student)}</title>",
            f"<h1>{html.escape(title)}</h1>",
            f"<p>{words['score']}: {report.score:.1f}/100</p>",
        ]
        if image is not None:
            parts.append(
                f"<img src='{html.escape(image.name)}' alt='the map' style='max-width:100%'>"
            )
        parts.append("<ul>")
        for row in report.findings.itertuples():
            parts.append(
                f"<li><b>{html.escape(str(row.check))}</b> ({html.escape(str(row.severity))}): "
                f"{html.escape(str(row.message))}<br>{html.escape(str(row.why))}</li>"
            )
        parts.append("</ul>")
        if comparison is not None:
            summary = html.escape(comparison.summary()).replace("\n", "<br>")
            parts.append(f"<h2>{html.escape(words['compared'])}</h2><p>{summary}</p>")
        target = folder / f"{student}.html"
        text = "\n".join(parts) + "\n"
    else:
        lines = [f"# {_md(title)}", "", f"{words['score']}: {report.score:.1f}/100", ""]
        if image is not None:
            lines += [f"![{words['map']}]({image.name})", ""]
        lines += [f"## {words['findings']}", "", report.to_markdown(), ""]
        if comparison is not None:
            lines += [f"## {words['compared']}", ""]
            lines += [_md(line) + "  " for line in comparison.summary().splitlines()] + [""]
        target = folder / f"{student}.md"
        text = "\n".join(lines)
    target.write_text(text, encoding="utf-8")
    return target


def _grade(
    path: Path,
    student: str,
    rules: Rubric,
    reference: Journey | None,
    folder: Path,
    fmt: str,
    pictures: bool,
) -> dict[str, object]:
    """One file's row; never raises (a file that fails is a row saying why)."""
    row: dict[str, object] = {"student": student, "file": str(path)}
    try:
        journey = read_map(path)
    except (JourneyError, OSError) as error:
        return {**row, "status": "unreadable", "problem": str(error)}
    except Exception as error:  # a reader's defect must not cost the other students
        problem = f"{path}: could not be read ({type(error).__name__}: {error})"
        return {**row, "status": "unreadable", "problem": problem}
    try:
        report = check(journey, rules)
        comparison = compare(journey, reference) if reference is not None else None
        feedback_file = _feedback(student, journey, report, comparison, folder, fmt, pictures)
    except Exception as error:  # a defect of ours must not cost the other students
        problem = f"{path}: read, but could not be graded ({type(error).__name__}: {error})"
        return {**row, "status": "not graded", "problem": problem}
    counts = report.findings["severity"].value_counts()
    return {
        **row,
        "status": "graded",
        "score": report.score,
        "earned": round(report.earned, 4),
        "possible": report.possible,
        "errors": int(counts.get("error", 0)),
        "warnings": int(counts.get("warning", 0)),
        "notes": int(counts.get("info", 0)),
        "compare_score": comparison.score if comparison is not None else None,
        "passed": report.passed,
        "feedback": str(feedback_file),
    }


# What every task of one gradebook shares, set once in each worker process.
_shared: dict[str, Any] = {}


def _start_worker(
    rules: Rubric, reference: Journey | None, folder: Path, fmt: str, pictures: bool
) -> None:
    _shared.update(rules=rules, reference=reference, folder=folder, fmt=fmt, pictures=pictures)


def _grade_in_worker(path: Path, student: str) -> dict[str, object]:
    return _grade(path, student, **_shared)


def _worker_count(workers: int | None, files: int) -> int:
    if workers is None:
        workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
        workers = min(workers, os.cpu_count() or 1)
    if workers < 1:
        raise ValidationError(f"workers must be 1 or more, or None for one per core, got {workers}")
    # Starting a worker costs about as much as grading a few maps.
    return max(1, min(workers, files // 4))


def _pool_context() -> Any:
    # A notebook's kernel has threads, and forking them can deadlock: there the fork
    # server (which imports this module once and forks the workers from itself). But the
    # fork server and spawn re-run a script's ``__main__`` in each worker, which a
    # teacher's script without an ``if __name__ == "__main__"`` guard cannot bear: a
    # script forks (its workers start at once, loaded).
    methods = multiprocessing.get_all_start_methods()
    script = getattr(sys.modules.get("__main__"), "__file__", None) is not None
    if "fork" in methods and script:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        return context
    return multiprocessing.get_context("spawn")


def gradebook(
    source: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    rubric: Rubric | Mapping[str, Any] | str | os.PathLike[str] | None = None,
    reference: Journey | str | os.PathLike[str] | None = None,
    feedback: str | os.PathLike[str] | None = None,
    feedback_format: Literal["markdown", "html"] = "markdown",
    pictures: bool = True,
    progress: bool = True,
    workers: int | None = None,
) -> pd.DataFrame:
    """Grade every map in ``source`` (a folder, or a list of files) into one DataFrame.

    ``rubric`` as for :func:`check`; ``reference`` (a Journey or a file) adds
    ``compare_score``. Feedback files go to ``feedback`` (default: a ``feedback`` folder
    beside the maps; ``False``-y ``pictures`` leaves the map pictures out). ``workers``:
    how many processes grade at once (default ``None``: one per core this process may use;
    1: here, in this process — better on a machine whose cores are all busy). Columns:
    ``student`` (the file name without its extension; the whole name when two files share
    it), ``file``, ``status`` (``graded``, ``unreadable``, or ``not graded`` when a file
    was read but grading it failed), ``score``, ``earned``, ``possible``, ``errors``, ``warnings``,
    ``notes``, ``compare_score``, ``passed``, ``problem`` (why a file could not be read)
    and ``feedback`` (the feedback file).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import journeywidgets as jw
    >>> from journeywidgets.datasets import bike_shop
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> bike_shop().save(folder / "aisyah.journey.json").name
    'aisyah.journey.json'
    >>> draft = jw.Journey("Draft")
    >>> draft.add_step("Pays", draft.add_stage("Buy"))
    'step_1'
    >>> draft.save(folder / "wei.journey.json").name
    'wei.journey.json'
    >>> (folder / "broken.journey.json").write_text("{")
    1
    >>> grades = jw.gradebook(folder, pictures=False, progress=False)
    >>> grades[["student", "status", "score", "errors"]]
      student      status  score  errors
    0  aisyah      graded  84.15       0
    1  broken  unreadable   <NA>    <NA>
    2     wei      graded   56.1       1
    >>> sorted(path.name for path in (folder / "feedback").iterdir())
    ['aisyah.md', 'wei.md']
    """
    rules = load_rubric(rubric)
    if reference is not None and not isinstance(reference, Journey):
        reference = read_map(Path(reference))
    files = _files(source)
    if feedback is None:
        base = Path(source) if isinstance(source, (str, os.PathLike)) else None
        if base is None or not base.is_dir():
            base = files[0].parent if files else Path.cwd()
        folder = base / "feedback"
    else:
        folder = Path(feedback)
    folder.mkdir(parents=True, exist_ok=True)
    fmt = "html" if feedback_format == "html" else "markdown"
    tasks: list[tuple[Path, str]] = []
    taken: set[str] = set()
    for path in files:
        # Two files of one student (a.journey.json, a.xlsx) keep apart by their full names.
        student = _student(path) if _student(path) not in taken else path.name
        taken.add(student)
        tasks.append((path, student))
    rows: list[dict[str, object] | None] = [None] * len(tasks)
    bar = tqdm(total=len(tasks), desc="grading", unit="map", disable=not progress)
    count = _worker_count(workers, len(tasks))
    if count > 1:
        try:
            with ProcessPoolExecutor(
                count,
                mp_context=_pool_context(),
                initializer=_start_worker,
                initargs=(rules, reference, folder, fmt, pictures),
            ) as pool:
                futures = {
                    pool.submit(_grade_in_worker, path, student): n
                    for n, (path, student) in enumerate(tasks)
                }
                for future in as_completed(futures):
                    rows[futures[future]] = future.result()
                    bar.update()
        except (BrokenProcessPool, OSError, PicklingError) as error:
            # A worker died, none could start, or a row could not travel: graded here.
            log.warning("grading in worker processes stopped (%s); grading the rest here", error)
    for n, (path, student) in enumerate(tasks):
        if rows[n] is None:
            rows[n] = _grade(path, student, rules, reference, folder, fmt, pictures)
            bar.update()
    bar.close()
    frame = pd.DataFrame(rows, columns=COLUMNS)
    typed: pd.DataFrame = frame.astype(
        {
            "student": "string",
            "file": "string",
            "status": "string",
            "score": "Float64",
            "earned": "Float64",
            "possible": "Float64",
            "errors": "Int64",
            "warnings": "Int64",
            "notes": "Int64",
            "compare_score": "Float64",
            "passed": "boolean",
            "problem": "string",
            "feedback": "string",
        }
    )
    return typed
