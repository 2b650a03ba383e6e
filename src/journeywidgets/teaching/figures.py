"""The side-by-side picture of a comparison (matplotlib, the map pictures' fonts)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from matplotlib.figure import Figure

from ..render.fonts import drawable, font_chain
from ..render.notebook import NotebookFigure
from ..render.text import wrap

if TYPE_CHECKING:
    from .compare import Comparison

MATCHED, MISSING, EXTRA, LATE = "#0072B2", "#D55E00", "#E69F00", "#CC79A7"  # Okabe–Ito


def _label(text: object, width: float) -> str:
    return "\n".join(wrap(drawable(str(text)), width, 3)) if width >= 3 else ""


def plot_comparison(comparison: Comparison) -> Figure:
    steps = comparison.steps
    ref = steps[steps["status"] != "extra"].reset_index(drop=True)
    extra = steps[steps["status"] == "extra"].reset_index(drop=True)
    n = max(len(ref) + len(extra), 1)
    width = min(40.0, max(8.0, 1.3 * n + 1))
    figure = NotebookFigure(figsize=(width, 6.5), layout="constrained")
    top, bottom = figure.subplots(2, 1, height_ratios=[3, 2])
    family = list(font_chain().families)
    size = 7 if n <= 30 else 5
    column = (width - 1.2) / n  # inches per step
    em = 0.9 * column * 72 / size  # label width, in font sizes; too narrow: no labels
    # Student positions: matched steps sit under their reference step, extras after them.
    x_student = {str(s): float(k) for k, s in enumerate(ref["student_id"]) if isinstance(s, str)}
    for k, s in enumerate(extra["student_id"]):
        x_student[str(s)] = float(len(ref) + k)

    def write(x: float, y: float, label: object, colour: str, va: str) -> None:
        top.text(x, y, _label(label, em), ha="center", va=va, fontsize=size, family=family,
                 linespacing=1.3, color=colour)  # fmt: skip

    for k, row in ref.iterrows():
        write(k, 1, row["reference"], MATCHED if row["status"] == "matched" else MISSING, "bottom")
        if row["status"] == "matched":
            colour = LATE if bool(row["out_of_order"]) else MATCHED
            alpha = 0.25 + 0.75 * float(row["similarity"])
            top.plot([k, k], [0.95, 0.05], color=colour, alpha=alpha, lw=2)
            write(k, 0, row["student"], colour, "top")
        else:
            top.plot([k], [0.95], marker="x", color=MISSING, ms=8)
    for _, row in extra.iterrows():
        x = x_student[str(row["student_id"])]
        write(x, 0, row["student"], EXTRA, "top")
        top.plot([x], [0.05], marker="+", color=EXTRA, ms=9)
    top.set_xlim(-0.7, n - 0.3)
    top.set_ylim(-0.8, 1.8)
    top.set_yticks([0, 1], ["student", "reference"])
    top.set_xticks([])
    for spine in top.spines.values():
        spine.set_visible(False)
    top.set_title(
        f"{drawable(comparison.student_title)}  vs  {drawable(comparison.reference_title)} — "
        f"score {comparison.score:.0f}/100\n(blue matched, pink out of order, "
        "red × missing, orange + extra)",
        fontsize=9,
        family=family,
    )
    emotions = comparison.emotions
    positions = {str(r): k for k, r in enumerate(ref["reference_id"])}
    xs = [positions[str(r)] for r in emotions["reference_id"]]
    bottom.plot(xs, emotions["reference_valence"], marker="o", ms=9, lw=3, color="#BBBBBB",
                label="reference")  # fmt: skip
    bottom.plot(xs, emotions["student_valence"], marker="s", color=MATCHED, label="student")
    bottom.axhline(0, color="#999999", lw=0.8)
    bottom.set_xlim(-0.7, n - 0.3)
    bottom.set_ylim(-1.1, 1.1)
    bottom.set_ylabel("valence (−1 … 1)", fontsize=8)
    bottom.set_xticks([])
    bottom.legend(fontsize=7, loc="upper right")
    return figure
