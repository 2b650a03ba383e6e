"""The emotion curve(s) alone, as an ordinary matplotlib chart."""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..model import Journey
from . import style
from .content import Variant, read_content
from .evidence import Assumed, draw_spread, legend_handles, read_evidence
from .fonts import check_glyphs, drawable, font_chain
from .notebook import NotebookFigure
from .text import wrap


def plot_emotions(
    journey: Journey,
    ax: Axes | None = None,
    *,
    personas: Sequence[str] | None = None,
    variant: Variant = "both",
    assumed: Assumed | None = None,
) -> Figure:
    """Draw the emotion curves; see :meth:`journeywidgets.Journey.plot_emotions`."""
    content = read_content(journey, lanes=[], personas=personas, variant=variant)
    evidence = read_evidence(journey, content, assumed, drawn=("emotions",))
    check_glyphs(content.texts())
    steps = len(content.step_ids)
    upright = steps <= 12  # step names under the axis; beyond that, slanted
    if ax is None:
        per_step = 0.9 if upright else 0.45
        size = (min(30.0, max(6.0, 2 + per_step * steps)), 4.2)
        ax = NotebookFigure(figsize=size, layout="constrained").add_subplot()
    figure = ax.get_figure(root=True)
    assert isinstance(figure, Figure)
    family = list(font_chain().families)
    scale = content.scale
    xs = list(range(steps))

    for index, name in enumerate(content.stage_names):
        columns = [n for n, s in enumerate(content.step_stage) if s == index]
        if not columns:
            continue
        tone = content.stage_colors[index]
        tint = style.mix(tone, style.STAGE_BAND_MIX)
        ax.axvspan(columns[0] - 0.5, columns[-1] + 0.5, color=tint, zorder=0, linewidth=0)
        width_em = len(columns) * 6
        label = "\n".join(wrap(drawable(name), width_em, 1))
        ax.text(
            (columns[0] + columns[-1]) / 2,
            1.01,
            label,
            transform=ax.get_xaxis_transform(),
            ha="center",
            va="bottom",
            color=tone,
            weight="bold",
            family=family,
            fontsize=9,
            parse_math=False,
        )
    ax.axhline(scale.neutral, color=style.NEUTRAL_LINE, linestyle=(0, (4, 3)), linewidth=0.8)
    for curve, spread in zip(content.curves, evidence.curves, strict=True):
        colour = curve.color
        dashed = curve.variant == "to_be"
        ys = [float("nan") if s is None else s for s in curve.scores]
        label = drawable(style.curve_label(curve.name, curve.variant))
        ax.plot(
            xs,
            ys,
            color=colour,
            linestyle="--" if dashed else "-",
            linewidth=1.8,
            marker="o",
            markersize=5,
            markerfacecolor="white" if dashed else colour,
            label=label,
            zorder=3,
        )
        draw_spread(ax, xs, curve, spread, float, colour, size=7, n_above=not dashed, cap=0.15)
    for x, moment in enumerate(content.moments):
        if moment:
            ax.plot(
                [x],
                [0.97],
                marker="*",
                color=style.MOMENT,
                markersize=11,
                transform=ax.get_xaxis_transform(),
                linestyle="none",
                zorder=4,
                clip_on=False,
                label=style.LABELS["moment_of_truth"] if x == content.moments.index(True) else None,
            )

    ax.set_xlim(-0.5, steps - 0.5)
    margin = (scale.max - scale.min) * 0.08
    ax.set_ylim(scale.min - margin, scale.max + margin)
    ticks = sorted({scale.min, scale.neutral, scale.max, *scale.labels})
    ax.set_yticks(ticks)
    ax.set_yticklabels(
        [f"{drawable(scale.labels[t])} {t:g}" if t in scale.labels else f"{t:g}" for t in ticks],
        family=family,
        fontsize=8,
    )
    ax.set_xticks(xs)
    axis_width = ax.get_window_extent().width / figure.dpi
    label_em = max(4.0, axis_width / max(steps, 1) * 72 / 8 - 1) if upright else 18
    ax.set_xticklabels(
        ["\n".join(wrap(drawable(n), label_em, 3)) for n in content.step_names],
        family=family,
        fontsize=8,
        rotation=0 if upright else 45,
        ha="center" if upright else "right",
        rotation_mode="anchor",
    )
    for tick_label in (*ax.get_xticklabels(), *ax.get_yticklabels()):
        tick_label.set_parse_math(False)
    ax.set_ylabel(style.LABELS["emotion_lane"], fontsize=9)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if content.curves:
        legend = ax.legend(
            handles=ax.get_legend_handles_labels()[0] + legend_handles(evidence),
            loc="lower left",
            bbox_to_anchor=(0, 1.06),
            ncols=4,
            frameon=False,
            prop={"family": family, "size": 8},
        )
        for text in legend.get_texts():
            text.set_parse_math(False)
    title = content.title or style.LABELS["untitled"]
    ax.set_title(
        f"{drawable(title)} · {style.LABELS['emotion_lane']}",
        loc="left",
        fontsize=11,
        weight="bold",
        family=family,
        pad=34,
    )
    ax.title.set_parse_math(False)
    return figure
