"""Marks on a map's items from outside the map: what a picture of findings draws.

Render knows nothing of checks or comparisons (it sits below them): an annotation is an
item's key (``"steps:s1"``, ``"cards:c3"``, ``"stages:x"``, ``"lanes:l"``, as the widget
keys its items; None for the map as a whole), a severity that names a colour in
``style.ANNOTATION_COLORS`` and a short label (a check id, "extra"). Each marked item gets
an outline in its worst severity's colour and its labels beside it; marks about the whole
map, or about items not drawn, are listed in one line under the title.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from . import style

Box = tuple[float, float, float, float]  # x, y (top), width, height, in the map's inches

# Worst first: an item takes the colour of its worst mark.
RANK = ("error", "missing", "warning", "extra", "info", "matched")


@dataclass(frozen=True)
class Annotation:
    key: str | None
    severity: str
    label: str

    def __post_init__(self) -> None:
        if self.severity not in style.ANNOTATION_COLORS:
            known = ", ".join(style.ANNOTATION_COLORS)
            raise ValueError(f"annotation severity {self.severity!r} is not one of: {known}")


def _worst(marks: Sequence[Annotation]) -> str:
    return min((m.severity for m in marks), key=RANK.index)


def draw_annotations(
    ax: Axes,
    places: Mapping[str, Box],
    annotations: Sequence[Annotation],
    size: float,
    note_at: tuple[float, float],
) -> None:
    """Outline and label each annotated item drawn at ``places``; list the rest ending at
    ``note_at`` (the right end of the line under the legend). ``size``: the label font
    size."""
    by_key: dict[str, list[Annotation]] = {}
    elsewhere: list[Annotation] = []
    for mark in annotations:
        if mark.key is not None and mark.key in places:
            by_key.setdefault(mark.key, []).append(mark)
        else:
            elsewhere.append(mark)
    for key, marks in by_key.items():
        x, y, w, h = places[key]
        colour = style.ANNOTATION_COLORS[_worst(marks)]
        ax.add_patch(Rectangle((x, y), w, h, fill=False, edgecolor=colour, linewidth=1.6,
                               zorder=6))  # fmt: skip
        labels = " ".join(dict.fromkeys(m.label for m in marks))
        badge = {"boxstyle": "round,pad=0.15", "facecolor": colour, "edgecolor": "none"}
        # Inside the item's bottom-right corner: above it is the row before, and the top
        # right of a card holds its severity.
        ax.text(x + w - 0.02, y + h - 0.02, labels, fontsize=size, color="white",
                weight="bold", ha="right", va="bottom", zorder=7, parse_math=False,
                bbox=badge)  # fmt: skip
    if elsewhere:
        colour = style.ANNOTATION_COLORS[_worst(elsewhere)]
        labels = ", ".join(dict.fromkeys(m.label for m in elsewhere))
        ax.text(*note_at, f"{style.LABELS['annotations_elsewhere']}: {labels}", fontsize=size,
                color=colour, weight="bold", ha="right", va="top", zorder=7,
                parse_math=False)  # fmt: skip
