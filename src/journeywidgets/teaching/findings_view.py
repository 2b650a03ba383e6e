"""What a map view needs to mark findings or a comparison on their items: JSON-safe dicts.

The map widget's front-end (js/src/findings.ts) marks items by keys ``"<table>:<id>"``
(``cards:card_3``, ``steps:step_2``, ``stages:stage_1``, ``lanes:lane_4``) and lists every
mark in a panel. Both views below have one shape, so one front-end module shows either:
``{"version", "kind", "title", "summary", "colors", "findings": [{"check", "severity",
"anchor", "item", "message", "why", ...}]}``. Text in them is data, for ``textContent`` only.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..model import Journey
from ..render.annotations import Annotation
from ..render.style import ANNOTATION_COLORS
from .compare import Comparison
from .facts import text
from .report import CheckReport

VERSION = 1


def _anchor(journey: Journey, table: str, item_id: str | None) -> str | None:
    """The key of the item a finding is drawn on: an emotion on its step, the map's own
    findings (and a blueprint's missing lane) on nothing (the panel lists them)."""
    if item_id is None or table == "meta":
        return None
    if table == "emotions":
        step = journey.emotions["step_id"].get(item_id)
        return None if step is None else f"steps:{text(step)}"
    return f"{table}:{item_id}"


def findings_snapshot(journey: Journey, report: CheckReport) -> dict[str, Any]:
    """``{"version", "kind": "findings", "title", "summary", "colors", "score",
    "language", "counts": {severity: n}, "findings": [{"check", "slug", "severity", "key",
    "anchor", "item", "message", "why", "heuristic"}]}``, where ``key`` is the item's own
    key and ``anchor`` the key of the item to badge (selecting it selects the item); both
    are None for findings about the map as a whole."""
    findings = []
    for row in report.findings.itertuples(index=False):
        item_id = text(row.item_id) or None
        table = str(row.table)
        findings.append(
            {
                "check": str(row.check),
                "slug": str(row.slug),
                "severity": str(row.severity),
                "key": None if item_id is None or table == "meta" else f"{table}:{item_id}",
                "anchor": _anchor(journey, table, item_id),
                "item": str(row.item),
                "message": str(row.message),
                "why": str(row.why),
                "heuristic": bool(row.heuristic),
            }
        )
    counts = report.findings["severity"].value_counts()
    by_severity = {s: int(counts.get(s, 0)) for s in ("error", "warning", "info")}
    return {
        "version": VERSION,
        "kind": "findings",
        "title": "Findings",
        "summary": f"Score {report.score:.0f}/100: "
        + ", ".join(
            f"{n} {word}{'' if n == 1 else 's'}"
            for word, n in zip(("error", "warning", "note"), by_severity.values(), strict=True)
        ),
        "colors": dict(ANNOTATION_COLORS),
        "score": report.score,
        "language": report.language,
        "counts": by_severity,
        "findings": findings,
    }


def _comparison_marks(frame: pd.DataFrame, table: str, noun: str) -> list[dict[str, Any]]:
    marks = []
    for row in frame.itertuples(index=False):
        status = str(row.status)
        student, reference = text(row.student), text(row.reference)
        if status == "matched":
            late = " (out of order)" if bool(row.out_of_order) else ""
            message = f"matches the reference's {noun} “{reference}”{late}"
            why = f"{row.how}, similarity {row.similarity:.2f}"
            anchor: str | None = f"{table}:{text(row.student_id)}"
        elif status == "extra":
            message, why = f"not in the reference: an extra {noun}", ""
            anchor = f"{table}:{text(row.student_id)}"
        else:
            message, why, anchor = f"the reference's {noun} “{reference}” is missing", "", None
        marks.append(
            {
                "check": noun,
                "severity": status,
                "anchor": anchor,
                "item": student or reference,
                "message": message,
                "why": why,
            }
        )
    return marks


def comparison_snapshot(comparison: Comparison) -> dict[str, Any]:
    """The diff view of ``compare(student, reference)`` for the student's map: each
    student stage and step marked ``matched`` (with the reference item it matches) or
    ``extra``; the reference's ``missing`` ones listed without an anchor."""
    marks = _comparison_marks(comparison.stages, "stages", "stage")
    marks += _comparison_marks(comparison.steps, "steps", "step")
    # What to fix first: the missing, then the extra, then what matched.
    marks.sort(key=lambda m: ("missing", "extra", "matched").index(m["severity"]))
    counts = {s: sum(m["severity"] == s for m in marks) for s in ("matched", "missing", "extra")}
    return {
        "version": VERSION,
        "kind": "comparison",
        "title": f"Compared with {comparison.reference_title or 'the reference'}",
        "summary": f"Score {comparison.score:.0f}/100: "
        + ", ".join(f"{n} {s}" for s, n in counts.items()),
        "colors": dict(ANNOTATION_COLORS),
        "score": comparison.score,
        "counts": counts,
        "findings": marks,
    }


def marks_view(journey: Journey, marks: CheckReport | Comparison) -> dict[str, Any]:
    """The view of a check report or a comparison, whichever ``marks`` is."""
    if isinstance(marks, CheckReport):
        return findings_snapshot(journey, marks)
    if isinstance(marks, Comparison):
        return comparison_snapshot(marks)
    raise TypeError(
        f"findings are a CheckReport (journey.check()) or a Comparison (jw.compare()), "
        f"not {type(marks).__name__}"
    )


def picture_annotations(journey: Journey, marks: CheckReport | Comparison) -> list[Annotation]:
    """What the static picture marks for a check report or a comparison: each finding by
    its check id on its item (the map's own findings in a line under the title), or each
    student stage and step matched or extra (the missing ones in that line)."""
    view = marks_view(journey, marks)
    comparison = view["kind"] == "comparison"
    found = []
    for mark in view["findings"]:
        label = str(mark["severity"]) if comparison else str(mark["check"])
        if comparison and mark["anchor"] is None:
            label = f"{mark['severity']} “{mark['item']}”"
        found.append(Annotation(mark["anchor"], str(mark["severity"]), label))
    return found
