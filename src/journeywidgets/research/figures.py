"""Figures of the research synthesis: the distribution of emotion ratings per step.

Diverging stacked bars, the way rating scales are shown in the research literature (Robbins
& Heiberger): one bar per step, negative points stacked left of zero, positive right, and
the neutral point split across zero, each segment a share of the step's participants.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..model import Journey
from ..model.errors import ValidationError
from ..render.fonts import check_glyphs, drawable, font_chain
from ..render.notebook import NotebookFigure
from .aggregation import IntervalMethod, point_name, scale_points
from .emotions import aggregate
from .study import Study


def plot_emotion_distribution(
    journey: Journey,
    study: Study,
    ax: Axes | None = None,
    *,
    personas: Sequence[str] | None = None,
    variant: str = "as_is",
) -> Figure:
    """See :meth:`journeywidgets.Journey.plot_emotion_distribution`."""
    table = aggregate(study, IntervalMethod(), variant=variant)
    if personas is not None:
        frame = study["personas"]
        wanted = set()
        for item in personas:
            found = [str(i) for i, n in frame["name"].items() if item in (i, n)]
            if not found:
                raise ValidationError(
                    f"no persona {item!r}; choose among ids {list(frame.index)}", table="personas"
                )
            wanted.update(found)
        table = table[table["persona_id"].isin(list(wanted)).fillna(False).to_numpy()]
    if table.empty:
        raise ValidationError(
            "no emotion ratings to show: code segments with a step and an emotion "
            "(journey.map_codes) first"
        )
    scale = study.scale
    points = scale_points(scale)
    columns = [point_name(p) for p in points]
    counts = table[columns].to_numpy(dtype=float)
    n = table["n"].to_numpy(dtype=float)
    shares = counts / n[:, None] * 100
    several = table["persona_id"].nunique(dropna=False) > 1
    labels = [
        drawable(str(step)) + (f" · {drawable(str(p))}" if several and not pd.isna(p) else "")
        for step, p in zip(table["step"], table["persona"], strict=True)
    ]
    labels = [f"{label} (n={int(count)})" for label, count in zip(labels, n, strict=True)]
    check_glyphs(labels)
    rows = len(table)
    if ax is None:
        ax = NotebookFigure(
            figsize=(8.0, max(2.4, 0.9 + 0.36 * rows)), layout="constrained"
        ).add_subplot()
    figure = ax.get_figure(root=True)
    assert isinstance(figure, Figure)
    family = list(font_chain().families)

    below = points < scale.neutral
    at = points == scale.neutral
    # Negative points extend left from zero (the most negative outermost), positive right;
    # the neutral share sits half on each side.
    left = -(shares[:, below].sum(axis=1) + shares[:, at].sum(axis=1) / 2)
    cmap = colormaps["RdBu"]
    colours = [cmap(0.1 + 0.8 * i / max(len(points) - 1, 1)) for i in range(len(points))]
    ys = np.arange(rows)[::-1]
    start = left.copy()
    for index, (name, point) in enumerate(zip(columns, points, strict=True)):
        width = shares[:, index]
        label = scale.labels.get(float(point))
        ax.barh(
            ys,
            width,
            left=start,
            color=colours[index],
            edgecolor="white",
            linewidth=0.6,
            height=0.7,
            label=f"{label} ({name})" if label else name,
        )
        for y, x, w in zip(ys, start, width, strict=True):
            if w >= 8:
                ax.text(x + w / 2, y, f"{w:.0f}%", ha="center", va="center", fontsize=7,
                        color="white" if abs(point - scale.neutral) > 0 else "#1F2328")  # fmt: skip
        start = start + width
    ax.axvline(0, color="#8C959F", linewidth=0.8)
    ax.set_yticks(ys)
    ax.set_yticklabels(labels, family=family, fontsize=8)
    for tick in ax.get_yticklabels():
        tick.set_parse_math(False)
    reach = max(50.0, float(np.ceil(max(np.abs(left).max(), (left + 100).max()) / 25) * 25))
    ax.set_xlim(-reach, reach)
    ticks = np.arange(-reach, reach + 1, 25)
    ax.set_xticks(ticks)
    ax.set_xticklabels([f"{abs(t):.0f}%" for t in ticks], fontsize=8)
    ax.set_xlabel("participants (each counted once, at their own mean rating)", fontsize=8)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    legend = ax.legend(
        loc="lower left",
        bbox_to_anchor=(0, 1.02),
        ncols=min(len(points), 5),
        frameon=False,
        prop={"family": family, "size": 7.5},
    )
    for text in legend.get_texts():
        text.set_parse_math(False)
    title = drawable(str(journey.meta.get("title") or "Journey"))
    ax.set_title(f"{title} · emotion ratings per step", loc="left", fontsize=11,
                 weight="bold", family=family, pad=24)  # fmt: skip
    ax.title.set_parse_math(False)
    return figure
