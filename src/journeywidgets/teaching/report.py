"""``check(journey, rubric=...)``: run a rubric's checks and word the findings."""

from __future__ import annotations

import html
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..model import Journey, ValidationError
from .checks import CHECKS
from .facts import Facts
from .language import detect_language
from .messages import BLUEPRINT_ROLE_WORDS, FEEDBACK_WORDS, LANGUAGES, SEVERITY_WORDS, message
from .rubric import Rubric, load_rubric

FINDING_COLUMNS = [
    "check",
    "slug",
    "severity",
    "table",
    "item_id",
    "item",
    "message",
    "why",
    "heuristic",
]
CHECK_COLUMNS = ["check", "slug", "severity", "points", "earned", "failed", "applicable"]


@dataclass(frozen=True)
class CheckReport:
    """What :func:`check` found.

    ``findings``: one row per finding — ``check`` (its id), ``slug``, ``severity``,
    ``table`` and ``item_id`` (what it points at; ``meta`` for the map itself), ``item``
    (its label), ``message`` and ``why`` (in ``language``) and ``heuristic``.
    ``checks``: one row per rubric check with its points, points earned, failed and
    applicable item counts. ``score`` is earned / possible × 100.
    """

    findings: pd.DataFrame
    checks: pd.DataFrame
    score: float
    earned: float
    possible: float
    language: str
    rubric: str
    passed: bool | None

    def __len__(self) -> int:
        return len(self.findings)

    def __repr__(self) -> str:
        counts = self.findings["severity"].value_counts()
        parts = [f"{counts.get(s, 0)} {s}" for s in ("error", "warning", "info")]
        return f"<CheckReport score {self.score:.1f}/100: {', '.join(parts)}>"

    def to_markdown(self) -> str:
        """The findings as a Markdown list (text escaped for Markdown)."""
        if not len(self.findings):
            return FEEDBACK_WORDS.get(self.language, FEEDBACK_WORDS["en"])["none"]
        lines = []
        for row in self.findings.itertuples():
            lines.append(
                f"- **{row.check}** ({_severity_word(str(row.severity), self.language)}): "
                f"{_md(str(row.message))}  \n  {_md(str(row.why))}"
            )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        head = html.escape(repr(self))
        table = self.findings[["check", "severity", "item", "message", "why"]].to_html(
            index=False, escape=True
        )
        return f"<p>{head}</p>{table}"


def _md(text: str) -> str:
    # User text is data: Markdown and HTML characters are escaped, never interpreted.
    escaped = html.escape(text, quote=False)
    for char in "\\`*_[]|#<>":
        escaped = escaped.replace(char, "\\" + char)
    return escaped.replace("\n", " ")


def _whole(value: object) -> object:
    """3.0 as 3 in a message."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _severity_word(severity: str, language: str) -> str:
    return SEVERITY_WORDS.get(language, SEVERITY_WORDS["en"])[severity]


def check(
    journey: Journey,
    rubric: Rubric | Mapping[str, Any] | str | os.PathLike[str] | None = None,
    *,
    language: str | None = None,
) -> CheckReport:
    """Check ``journey`` against ``rubric`` (default: every check) and explain each finding.

    ``language`` (``"en"``, ``"zh"``, ``"ms"``) is the findings' language; by default the
    map's own, told from its text.

    Examples
    --------
    >>> import journeywidgets as jw
    >>> from journeywidgets.datasets import bike_shop
    >>> report = jw.check(bike_shop())
    >>> report.score, report.passed
    (84.15, None)
    >>> draft = jw.Journey("Draft")
    >>> draft.add_step("Pays", draft.add_stage("Buy"))
    'step_1'
    >>> jw.check(draft, language="ms")
    <CheckReport score ...: 1 error, ...>
    """
    rules = load_rubric(rubric)
    facts = Facts(journey)
    if language is None:
        language = detect_language(facts.texts)
    elif language not in LANGUAGES:
        raise ValidationError(
            f"no findings in {language!r}; the languages are: {', '.join(LANGUAGES)}",
            column="language",
        )
    rows: list[dict[str, object]] = []
    summary: list[dict[str, object]] = []
    for item in rules.items:
        spec = item.check
        outcome = spec.run(facts, item.params)
        problem, why = message(spec.id, language)
        # Worked out once per check: a 200-step map gives hundreds of hits per check.
        base = {k: _whole(v) for k, v in item.params.items()}
        for hit in outcome.hits:
            label = hit.item
            if spec.id == "JM602":
                label = BLUEPRINT_ROLE_WORDS.get(language, BLUEPRINT_ROLE_WORDS["en"])[label]
            params = (
                {**base, **{k: _whole(v) for k, v in hit.fields.items()}} if hit.fields else base
            )
            rows.append(
                {
                    "check": spec.id,
                    "slug": spec.slug,
                    "severity": item.severity,
                    "table": hit.table,
                    "item_id": hit.item_id,
                    "item": label,
                    "message": problem.format(item=label, **params),
                    "why": why,
                    "heuristic": spec.heuristic,
                }
            )
        failed = len({(h.table, h.item_id, h.item) for h in outcome.hits})
        share = 1.0 if outcome.applicable == 0 else 1 - min(1.0, failed / outcome.applicable)
        summary.append(
            {
                "check": spec.id,
                "slug": spec.slug,
                "severity": item.severity,
                "points": item.points,
                "earned": item.points * share,
                "failed": failed,
                "applicable": outcome.applicable,
            }
        )
    findings = pd.DataFrame(rows, columns=FINDING_COLUMNS).astype(
        {c: "string" for c in FINDING_COLUMNS if c != "heuristic"} | {"heuristic": "bool"}
    )
    checks = pd.DataFrame(summary, columns=CHECK_COLUMNS)
    earned = float(checks["earned"].sum())
    possible = rules.possible
    score = round(100 * earned / possible, 2)
    passed = None if rules.pass_mark is None else score >= rules.pass_mark
    return CheckReport(findings, checks, score, earned, possible, language, rules.name, passed)


__all__ = ["CHECKS", "CheckReport", "check"]
