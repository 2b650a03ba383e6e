"""What a map view needs to show findings on their items: a JSON-safe snapshot.

The map widget's front-end marks items by keys ``"<table>:<id>"`` (``cards:card_3``,
``steps:step_2``, ``stages:stage_1``, ``lanes:lane_4``) and lets decorators add elements to
them. This is the shape a findings badge and list panel read (for a ``_findings`` trait);
text in it is data, for ``textContent`` only.
"""

from __future__ import annotations

from typing import Any

from ..model import Journey
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
    """``{"version", "score", "language", "counts": {severity: n}, "findings": [{"check",
    "slug", "severity", "key", "anchor", "item", "message", "why", "heuristic"}]}``, where
    ``key`` is the item's own key and ``anchor`` the key of the item to badge (selecting it
    selects the item); both are None for findings about the map as a whole."""
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
    return {
        "version": VERSION,
        "score": report.score,
        "language": report.language,
        "counts": {s: int(counts.get(s, 0)) for s in ("error", "warning", "info")},
        "findings": findings,
    }
