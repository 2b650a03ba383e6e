"""How figures show evidence: n and the spread on the emotion curve, assumptions marked.

The spread comes from the ``emotions`` table (``n``, ``ci_low``, ``ci_high``, written by
``journey.aggregate_emotions``). Which items are assumptions is decided above this layer
(``journeywidgets.research`` computes evidence levels) and handed in as ``assumed``:
``{"steps": {...ids}, "cards": {...}, "emotions": {...}}``. Figures draw assumed steps and
cards hatched with a dashed outline, and assumed emotion points hollow, with a legend entry.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Mapping, Sequence

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from ..model import Journey
from .content import Curve, MapContent
from .style import LABELS, interval_label

Assumed = Mapping[str, Collection[str]]
"""Ids of the items that are assumptions, by table (steps, cards, emotions)."""

HATCH = "//"
ASSUMED_EDGE = "#8C959F"
ASSUMED_LABEL = LABELS["assumed"]


@dataclasses.dataclass(frozen=True)
class CurveEvidence:
    """The spread and evidence of one curve, step by step (map order)."""

    low: list[float | None]
    high: list[float | None]
    assumed: list[bool]

    @property
    def has_spread(self) -> bool:
        return any(v is not None for v in self.low)


@dataclasses.dataclass(frozen=True)
class Evidence:
    """What a figure needs to show evidence, read once from the journey."""

    curves: list[CurveEvidence]  # one per content.curves, same order
    assumed_steps: list[bool]  # per step, map order
    assumed_cards: frozenset[str]
    marked: bool  # whether assumptions are marked at all
    confidence: float | None = None  # the intervals' level (meta emotion_confidence)

    @property
    def spread_label(self) -> str:
        return f"{interval_label(self.confidence)} · n {LABELS['participants']}"

    @property
    def any_assumed(self) -> bool:
        return self.marked and (
            any(self.assumed_steps)
            or bool(self.assumed_cards)
            or any(any(c.assumed) for c in self.curves)
        )

    @property
    def any_spread(self) -> bool:
        return any(c.has_spread for c in self.curves)


def read_evidence(
    journey: Journey,
    content: MapContent,
    assumed: Assumed | None,
    *,
    drawn: Collection[str] = ("steps", "cards", "emotions"),
) -> Evidence:
    """The spread of each drawn curve, and which items of the ``drawn`` tables are
    assumptions."""
    emotions = journey.emotions
    marked = assumed is not None
    assumed = {t: ids for t, ids in (assumed or {}).items() if t in drawn}
    assumed_emotions = set(assumed.get("emotions", ()))
    curves = []
    for curve in content.curves:
        rows = emotions[
            (
                emotions["persona_id"].isna()
                if curve.persona_id is None
                else (emotions["persona_id"] == curve.persona_id).fillna(False)
            )
            & (emotions["variant"] == curve.variant).fillna(False)
        ]
        by_step = {
            str(s): (str(i), r)
            for i, s, r in zip(rows.index, rows["step_id"], rows.itertuples(), strict=True)
        }
        low: list[float | None] = []
        high: list[float | None] = []
        marks: list[bool] = []
        for step_id, score in zip(content.step_ids, curve.scores, strict=True):
            found = by_step.get(step_id)
            row = found[1] if found else None
            low.append(_number(getattr(row, "ci_low", None)) if score is not None else None)
            high.append(_number(getattr(row, "ci_high", None)) if score is not None else None)
            marks.append(bool(found and score is not None and found[0] in assumed_emotions))
        curves.append(CurveEvidence(low, high, marks))
    steps = set(assumed.get("steps", ()))
    return Evidence(
        curves=curves,
        assumed_steps=[s in steps for s in content.step_ids],
        assumed_cards=frozenset(assumed.get("cards", ())),
        marked=marked,
        confidence=_number(journey.meta.get("emotion_confidence")),
    )


def _number(value: object) -> float | None:
    return None if value is None or value is pd.NA or value != value else float(str(value))


def assumed_overlay(x: float, y: float, width: float, height: float, zorder: float) -> Rectangle:
    """A hatched, dashed-outline box over an item that is an assumption."""
    return Rectangle(
        (x, y),
        width,
        height,
        fill=False,
        hatch=HATCH,
        edgecolor=ASSUMED_EDGE,
        linestyle=(0, (3, 2)),
        linewidth=0.8,
        zorder=zorder,
    )


def draw_spread(
    ax: Axes,
    xs: Sequence[float],
    curve: Curve,
    evidence: CurveEvidence,
    y_of: Callable[[float], float],
    colour: str,
    *,
    size: float,
    n_above: bool,
    cap: float,
) -> None:
    """Whiskers from ci_low to ci_high and "n=…" beside each point whose n is known; assumed
    points drawn hollow with a dashed ring."""
    for x, score, n, low, high, assumed in zip(
        xs, curve.scores, curve.n, evidence.low, evidence.high, evidence.assumed, strict=True
    ):
        if score is None:
            continue
        if low is not None and high is not None:
            ax.plot(
                [x, x],
                [y_of(low), y_of(high)],
                color=colour,
                linewidth=0.9,
                alpha=0.7,
                zorder=3,
                solid_capstyle="butt",
            )
            for end in (low, high):
                ax.plot(
                    [x - cap / 2, x + cap / 2],
                    [y_of(end)] * 2,
                    color=colour,
                    linewidth=0.9,
                    alpha=0.7,
                    zorder=3,
                )
        if n is not None:  # n=1 too: a point one participant backs should say so
            ax.annotate(
                f"n={n}",
                (x, y_of(score)),
                xytext=(4, 5 if n_above else -5),
                textcoords="offset points",
                fontsize=size,
                color=colour,
                va="bottom" if n_above else "top",
                annotation_clip=False,
                zorder=5,
            )
        if assumed:
            ax.plot(
                [x],
                [y_of(score)],
                marker="o",
                markersize=8,
                markerfacecolor="none",
                markeredgecolor=ASSUMED_EDGE,
                linestyle="none",
                zorder=5,
            )


def legend_handles(evidence: Evidence) -> list[Line2D | Patch]:
    """Legend entries for what the figure shows of evidence."""
    handles: list[Line2D | Patch] = []
    if evidence.any_spread:
        handles.append(
            Line2D(
                [],
                [],
                color="#444444",
                marker="|",
                markersize=9,
                linestyle="none",
                label=evidence.spread_label,
            )
        )
    if evidence.any_assumed:
        handles.append(
            Patch(
                facecolor="white",
                edgecolor=ASSUMED_EDGE,
                hatch=HATCH,
                linestyle="--",
                label=ASSUMED_LABEL,
            )
        )
    return handles


def with_assumed_cards(content: MapContent, evidence: Evidence) -> set[str]:
    """Ids of the drawn cards that are assumptions."""
    if not evidence.marked:
        return set()
    drawn = {
        card.card_id
        for lane in content.lanes
        for cards in (*lane.by_step.values(), *lane.by_stage.values())
        for card in cards
    }
    return drawn & evidence.assumed_cards
