"""The whole journey map as a matplotlib figure.

The map is laid out in inches on one axes whose data coordinates are inches from the
top-left corner, so that text sizes (points) and boxes (inches) agree at any page size:
a header with the title and legend, a row of stage bands, a row of step headers, the
emotion curve, then one row per card lane. Columns are sized to fit A4 landscape up to
30 steps and grow the page beyond that; rows grow with their text up to a cap, and text
that does not fit ends in an ellipsis.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import PatchCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch, Rectangle

from ..model import Journey
from . import style
from .annotations import Annotation, Box, draw_annotations
from .content import Card, Lane, MapContent, Variant, read_content
from .evidence import Assumed, Evidence, assumed_overlay, draw_spread, legend_handles, read_evidence
from .fonts import check_glyphs, drawable, font_chain
from .notebook import NotebookFigure
from .text import text_width, wrap

POINT = 1 / 72  # inches
LABEL_WIDTH = 1.3
MARGIN = 0.25
MIN_COLUMN, MAX_COLUMN = 0.33, 2.0
LINESPACING = 1.1  # matplotlib's unit: a multiple of 1.2 font sizes
LINE = LINESPACING * 1.2  # line height, in font sizes
CARD_GAP = 0.04
CARD_PAD = 0.025


@dataclass(frozen=True)
class Geometry:
    column: float  # column width, inches
    body: float  # body font size, points
    width: float
    header: float
    stage_row: float
    step_row: float
    emotion_row: float
    lane_rows: list[float]

    @property
    def left(self) -> float:
        return MARGIN + LABEL_WIDTH

    @property
    def height(self) -> float:
        return (
            self.header
            + self.stage_row
            + self.step_row
            + self.emotion_row
            + sum(self.lane_rows)
            + MARGIN
        )

    def x(self, step: int) -> float:
        return self.left + step * self.column


def _body_size(column: float) -> float:
    return max(5.5, min(9.0, column / POINT / 5))


def _card_lines(card: Card, width: float, size: float, max_lines: int = 6) -> list[str]:
    em = (width - 2 * CARD_PAD) / (size * POINT)
    if card.severity:
        em -= 0.7 * card.severity + 0.4  # room for the "!!!" in the corner
    return wrap(drawable(card.text), em, max_lines)


def _reach_lines(content: MapContent, index: int, column: float, size: float) -> list[str]:
    """The funnel figures under a step's name, and the biggest-drop mark."""
    reach = content.reach[index] if index < len(content.reach) else None
    if not reach:
        return []
    width = (column - 0.08) / (size * 0.8 * POINT)
    lines = [line for part in reach.split(" · ") for line in wrap(part, width, 2)]
    if index == content.biggest_drop:
        lines.append("▼ " + style.LABELS["biggest_drop"])
    return lines


def _stack_height(cards: list[Card], width: float, size: float) -> float:
    return sum(
        len(_card_lines(card, width, size)) * size * LINE * POINT + 2 * CARD_PAD + CARD_GAP
        for card in cards
    )


# Characters: longer words are hyphenated rather than fitted, which would make the page of a
# 204-step map about twice as wide (and its PNG twice as slow) for one long Malay word.
LONGEST_WORD = 10


def _column_for_words(content: MapContent, body: float) -> float:
    """The narrowest column (at most MAX_COLUMN) in which text of ``body`` points fits the
    longest word of a step name or card whole (up to LONGEST_WORD characters)."""
    words = [
        word[:LONGEST_WORD]
        for text in [*content.step_names, *content.card_texts()]
        for word in drawable(text).split()
    ]
    longest = max((text_width(word) for word in words), default=0.0)
    # the tightest box a word sits in: a card's text, inside the card, inside its cell
    return min(MAX_COLUMN, longest * body * POINT + 0.06 + 2 * CARD_PAD)


def _geometry(content: MapContent, width: float | None) -> Geometry:
    steps = max(len(content.step_ids), 1)
    if width is None:
        column = min(
            MAX_COLUMN, max(MIN_COLUMN, (style.A4_LANDSCAPE[0] - LABEL_WIDTH - 2 * MARGIN) / steps)
        )
        body = _body_size(column)
        if steps > 30:  # the page grows anyway: make columns as wide as the longest word
            column = max(column, _column_for_words(content, body))
        width = LABEL_WIDTH + 2 * MARGIN + steps * column
    else:
        column = (width - LABEL_WIDTH - 2 * MARGIN) / steps
        body = _body_size(column)
    line = body * LINE * POINT
    header = 0.45 + (0.2 if content.scenario else 0) + 0.15
    stage_row = max(0.28, 2 * line)
    step_lines = max(
        (
            len(wrap(drawable(name), (column - 0.08) / (body * POINT), 4))
            for name in content.step_names
        ),
        default=1,
    )
    reach_lines = max(
        (len(_reach_lines(content, index, column, body)) for index in range(len(content.reach))),
        default=0,
    )
    step_row = (step_lines + 1) * line + reach_lines * 0.8 * line + 0.1
    emotion_row = 1.5 if content.curves else 0.0
    fixed = header + stage_row + step_row + emotion_row + MARGIN
    # Up to 30 steps the map aims at one A4 landscape page: lanes share what is left.
    page_left = style.A4_LANDSCAPE[1] - fixed
    lanes = content.lanes
    cap = 2.2
    if steps <= 30 and lanes:
        cap = max(0.5, min(cap, page_left / len(lanes)))
    rows = []
    for lane in lanes:
        need = max(
            [_stack_height(cards, column - 0.06, body) for cards in lane.by_step.values()] + [0.0]
        )
        spans = [
            _stack_height(cards, column * max(1, content.step_stage.count(index)) - 0.06, body)
            for stage_id, cards in lane.by_stage.items()
            for index in [content.stage_ids.index(stage_id)]
        ]
        need += max(spans, default=0.0)
        rows.append(min(cap, max(0.42, need + 0.08)))
    return Geometry(column, body, width, header, stage_row, step_row, emotion_row, rows)


def plot_map(
    journey: Journey,
    ax: Axes | None = None,
    *,
    lanes: Sequence[str] | None = None,
    personas: Sequence[str] | None = None,
    variant: Variant = "both",
    width: float | None = None,
    assumed: Assumed | None = None,
    annotations: Sequence[Annotation] = (),
) -> Figure:
    """Draw the journey map; see :meth:`journeywidgets.Journey.plot`. ``assumed`` names
    the items to mark as assumptions (see :mod:`.evidence`); ``annotations`` marks items
    (see :mod:`.annotations`)."""
    content = read_content(journey, lanes=lanes, personas=personas, variant=variant)
    evidence = read_evidence(journey, content, assumed)
    check_glyphs(content.texts())
    if ax is not None and width is None:
        width = ax.get_window_extent().width / ax.figure.dpi
    geometry = _geometry(content, width)
    if ax is None:
        ax = NotebookFigure(figsize=(geometry.width, geometry.height)).add_axes((0, 0, 1, 1))
    figure = ax.get_figure(root=True)
    assert isinstance(figure, Figure)
    ax.set_xlim(0, geometry.width)
    ax.set_ylim(geometry.height, 0)
    ax.set_axis_off()
    drawing = _Drawing(ax, content, geometry, evidence)
    drawing.draw()
    if annotations:
        draw_annotations(ax, drawing.places, annotations, geometry.body * 0.85,
                         (geometry.width - MARGIN, MARGIN + 0.3))  # fmt: skip
    return figure


class _Drawing:
    def __init__(
        self, ax: Axes, content: MapContent, geometry: Geometry, evidence: Evidence
    ) -> None:
        self.ax = ax
        self.content = content
        self.evidence = evidence
        self.g = geometry
        self.fonts = list(font_chain().families)
        self.boxes: list[Rectangle | FancyBboxPatch] = []
        self.fills: list[str] = []
        self.edges: list[str] = []
        self.places: dict[str, Box] = {}  # where each item was drawn, by its widget key

    # -- primitives -------------------------------------------------------------------

    def text(self, x: float, y: float, s: str, size: float, **kwargs: object) -> None:
        kwargs.setdefault("color", style.INK)
        kwargs.setdefault("va", "top")
        # User text is text: "$5 and $10" must not become mathtext.
        kwargs.setdefault("parse_math", False)
        self.ax.text(x, y, s, fontsize=size, family=self.fonts, **kwargs)  # type: ignore[arg-type]

    def box(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        fill: str,
        edge: str = "none",
        round_: bool = False,
    ) -> None:
        if round_:
            self.boxes.append(
                FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0,rounding_size=0.03")
            )
        else:
            self.boxes.append(Rectangle((x, y), w, h))
        self.fills.append(fill)
        self.edges.append(edge)

    def flush_boxes(self, zorder: float) -> None:
        if self.boxes:
            collection = PatchCollection(
                self.boxes,
                facecolors=self.fills,
                edgecolors=self.edges,
                linewidths=0.5,
                zorder=zorder,
            )
            self.ax.add_collection(collection)
        self.boxes, self.fills, self.edges = [], [], []

    # -- the map ----------------------------------------------------------------------

    def draw(self) -> None:
        c, g = self.content, self.g
        top = g.header
        rows_bottom = g.height - MARGIN
        # Stage bands behind everything below the stage headers.
        for index in range(len(c.stage_ids)):
            columns = [n for n, s in enumerate(c.step_stage) if s == index]
            if not columns:
                continue
            x0, x1 = g.x(columns[0]), g.x(columns[-1] + 1)
            tint = style.mix(c.stage_colors[index], style.STAGE_BAND_MIX)
            self.box(x0, top + g.stage_row, x1 - x0, rows_bottom - top - g.stage_row, tint)
        self.flush_boxes(0)
        self._header()
        self._stages(top)
        y = top + g.stage_row
        self._steps(y)
        y += g.step_row
        if c.curves:
            self._emotions(y)
            y += g.emotion_row
        previous_role: str | None = None
        for lane, height in zip(c.lanes, g.lane_rows, strict=True):
            line_name = style.BLUEPRINT_LINES.get((previous_role or "", lane.blueprint_role or ""))
            self._lane(lane, y, height, line_name)
            previous_role = lane.blueprint_role or previous_role
            y += height
        self.flush_boxes(1)

    def _header(self) -> None:
        c, g = self.content, self.g
        self.text(MARGIN, MARGIN, drawable(c.title or style.LABELS["untitled"]), 13, weight="bold")
        subtitle = style.named(style.MAP_TYPES, c.map_type)
        if c.scenario:
            subtitle += " · " + c.scenario
        self.text(MARGIN, MARGIN + 0.27, drawable(subtitle), 8, color=style.MUTED)
        handles: list[Artist] = []
        for curve in c.curves:
            handles.append(
                Line2D(
                    [],
                    [],
                    color=curve.color,
                    marker="o",
                    markersize=4,
                    linestyle="--" if curve.variant == "to_be" else "-",
                    linewidth=1.5,
                    markerfacecolor="white" if curve.variant == "to_be" else curve.color,
                    label=drawable(style.curve_label(curve.name, curve.variant)),
                )
            )
        handles += legend_handles(self.evidence)
        if any(c.moments):
            handles.append(
                Line2D(
                    [],
                    [],
                    color=style.MOMENT,
                    marker="*",
                    markersize=8,
                    linestyle="none",
                    label=style.LABELS["moment_of_truth"],
                )
            )
        if handles:
            legend = self.ax.legend(
                handles=handles,
                loc="upper right",
                bbox_to_anchor=(g.width - MARGIN, MARGIN - 0.05),
                bbox_transform=self.ax.transData,
                ncols=min(len(handles), 4),
                frameon=False,
                prop={"family": self.fonts, "size": 7.5},
                handlelength=2.2,
                borderaxespad=0,
            )
            for label in legend.get_texts():
                label.set_parse_math(False)

    def _stages(self, top: float) -> None:
        c, g = self.content, self.g
        for index, name in enumerate(c.stage_names):
            columns = [n for n, s in enumerate(c.step_stage) if s == index]
            if not columns:
                continue
            x0, x1 = g.x(columns[0]), g.x(columns[-1] + 1)
            tone = c.stage_colors[index]
            self.box(x0 + 0.01, top, x1 - x0 - 0.02, g.stage_row - 0.03, tone)
            self.places[f"stages:{c.stage_ids[index]}"] = (
                x0 + 0.01,
                top,
                x1 - x0 - 0.02,
                g.stage_row - 0.03,
            )
            em = (x1 - x0 - 0.08) / (g.body * 1.1 * POINT)
            lines = wrap(drawable(name), em, 1)
            if lines:
                self.text(
                    (x0 + x1) / 2,
                    top + (g.stage_row - 0.03) / 2,
                    lines[0],
                    g.body * 1.1,
                    color="white",
                    weight="bold",
                    ha="center",
                    va="center",
                    zorder=3,
                )
        self.flush_boxes(2)

    def _steps(self, top: float) -> None:
        c, g = self.content, self.g
        size = g.body
        for index, name in enumerate(c.step_names):
            x = g.x(index)
            moment = c.moments[index]
            self.box(
                x + 0.015,
                top + 0.03,
                g.column - 0.03,
                g.step_row - 0.06,
                "white",
                style.MOMENT if moment else style.GRID,
                round_=True,
            )
            self.places[f"steps:{c.step_ids[index]}"] = (
                x + 0.015,
                top + 0.03,
                g.column - 0.03,
                g.step_row - 0.06,
            )
            if self.evidence.marked and self.evidence.assumed_steps[index]:
                self.ax.add_patch(
                    assumed_overlay(
                        x + 0.015, top + 0.03, g.column - 0.03, g.step_row - 0.06, zorder=2.5
                    )
                )
            lines = wrap(drawable(name), (g.column - 0.08) / (size * POINT), 4)
            self.text(
                x + 0.04,
                top + 0.06,
                "\n".join(lines),
                size,
                weight="bold",
                linespacing=LINESPACING,
                zorder=3,
            )
            lines = _reach_lines(c, index, g.column, size)
            if lines:
                drop = index == c.biggest_drop
                self.text(x + 0.04, top + g.step_row - 0.05, "\n".join(lines), size * 0.8,
                          color=style.DROP if drop else style.INK, va="bottom", zorder=3,
                          weight="bold" if drop else "normal", linespacing=LINESPACING)  # fmt: skip
            if moment:
                self.ax.plot(
                    [x + g.column - 0.07],
                    [top + g.step_row - 0.1],
                    marker="*",
                    color=style.MOMENT,
                    markersize=7,
                    zorder=4,
                )
        self.text(MARGIN, top + 0.06, style.LABELS["steps_lane"], size, weight="bold")
        self.flush_boxes(2)

    def _emotions(self, top: float) -> None:
        c, g = self.content, self.g
        scale = c.scale
        pad_top, pad_bottom = 0.32, 0.14  # the lane's name sits above the top of the scale
        span = scale.max - scale.min or 1.0
        usable = g.emotion_row - pad_top - pad_bottom

        def y_of(score: float) -> float:
            return top + g.emotion_row - pad_bottom - (score - scale.min) / span * usable

        x0, x1 = g.left, g.x(len(c.step_ids))
        self.ax.plot(
            [x0, x1],
            [y_of(scale.neutral)] * 2,
            color=style.NEUTRAL_LINE,
            linestyle=(0, (4, 3)),
            linewidth=0.8,
            zorder=2,
        )
        self.ax.plot([x0, x1], [top + g.emotion_row] * 2, color=style.GRID, linewidth=0.6)
        self.text(MARGIN, top + 0.06, style.LABELS["emotion_lane"], g.body, weight="bold")
        for value in sorted({scale.min, scale.neutral, scale.max}):
            label = f"{value:g}"
            named = scale.labels.get(value)
            if named:
                label = f"{drawable(named)} {label}"
            self.text(
                g.left - 0.05,
                y_of(value),
                label,
                g.body * 0.85,
                color=style.MUTED,
                ha="right",
                va="center",
            )
        centres = [g.x(n) + g.column / 2 for n in range(len(c.step_ids))]
        for curve, evidence in zip(c.curves, self.evidence.curves, strict=True):
            colour = curve.color
            dashed = curve.variant == "to_be"
            xs = [x for x, s in zip(centres, curve.scores, strict=True) if s is not None]
            ys = [y_of(s) for s in curve.scores if s is not None]
            # Break the line where a step has no score: a gap says "not measured".
            segment_x: list[float] = []
            segment_y: list[float] = []
            for x, score in zip(centres, curve.scores, strict=True):
                if score is None:
                    segment_x.append(float("nan"))
                    segment_y.append(float("nan"))
                else:
                    segment_x.append(x)
                    segment_y.append(y_of(score))
            self.ax.plot(
                segment_x,
                segment_y,
                color=colour,
                linewidth=1.6,
                linestyle="--" if dashed else "-",
                zorder=3,
            )
            self.ax.plot(
                xs,
                ys,
                linestyle="none",
                marker="o",
                markersize=4.5,
                color=colour,
                markerfacecolor="white" if dashed else colour,
                zorder=4,
            )
            draw_spread(
                self.ax,
                centres,
                curve,
                evidence,
                y_of,
                colour,
                size=g.body * 0.7,
                n_above=not dashed,
                cap=g.column * 0.15,
            )

    def _lane(self, lane: Lane, top: float, height: float, line_name: str | None) -> None:
        c, g = self.content, self.g
        x_end = g.x(len(c.step_ids))
        self.ax.plot([MARGIN, x_end], [top + height] * 2, color=style.GRID, linewidth=0.6, zorder=1)
        if line_name:
            self.ax.plot(
                [MARGIN, x_end],
                [top, top],
                color=style.INK,
                linewidth=1.0,
                linestyle=(0, (6, 3)),
                zorder=5,
            )
            self.text(
                x_end,
                top - 0.02,
                line_name,
                g.body * 0.8,
                color=style.INK,
                ha="right",
                va="bottom",
                style="italic",
                zorder=5,
            )
        self.places[f"lanes:{lane.lane_id}"] = (MARGIN, top, LABEL_WIDTH - 0.05, height)
        name_lines = wrap(drawable(lane.name), (LABEL_WIDTH - 0.1) / (g.body * POINT), 3)
        self.text(
            MARGIN,
            top + 0.06,
            "\n".join(name_lines),
            g.body,
            weight="bold",
            linespacing=LINESPACING,
        )
        bottom = top + height - 0.04
        y_after_stage = {}
        for stage_id, cards in lane.by_stage.items():
            index = c.stage_ids.index(stage_id)
            columns = [n for n, s in enumerate(c.step_stage) if s == index]
            if not columns:
                continue
            x0 = g.x(columns[0])
            width = g.column * len(columns)
            end = self._stack(cards, x0, top + 0.04, width, bottom)
            for column in columns:
                y_after_stage[column] = end
        for index, step_id in enumerate(c.step_ids):
            in_cell = lane.by_step.get(step_id)
            if in_cell:
                self._stack(
                    in_cell, g.x(index), y_after_stage.get(index, top + 0.04), g.column, bottom
                )

    def _stack(self, cards: list[Card], x: float, y: float, width: float, bottom: float) -> float:
        """Cards top to bottom in a cell; what does not fit is counted, not drawn."""
        g = self.g
        size = g.body
        line = size * LINE * POINT
        inner = width - 0.06
        for shown, card in enumerate(cards):
            lines = _card_lines(card, inner, size)
            room = int((bottom - y - 2 * CARD_PAD) // line)
            more = len(cards) - shown - 1
            if more:
                room -= 1  # keep a line for "+ n more"
            if room < 1:
                self.text(
                    x + 0.05, y, f"+ {len(cards) - shown} more", size * 0.85, color=style.MUTED
                )
                return y + line
            if len(lines) > room:
                lines = _card_lines(card, inner, size, room)
            h = len(lines) * line + 2 * CARD_PAD
            self.box(x + 0.03, y, inner, h, self._fill(card), style.GRID, round_=True)
            self.places[f"cards:{card.card_id}"] = (x + 0.03, y, inner, h)
            if card.card_id in self.evidence.assumed_cards and self.evidence.marked:
                self.ax.add_patch(assumed_overlay(x + 0.03, y, inner, h, zorder=2.5))
            self.text(
                x + 0.03 + CARD_PAD,
                y + CARD_PAD,
                "\n".join(lines),
                size,
                linespacing=LINESPACING,
                zorder=3,
                clip_on=False,
            )
            if card.severity:
                self.text(
                    x + 0.03 + inner - 0.03,
                    y + 0.01,
                    style.SEVERITY_MARKS[card.severity],
                    size,
                    color=style.SEVERITY_INK,
                    weight="bold",
                    ha="right",
                    zorder=4,
                )
            y += h + CARD_GAP
        return y

    def _fill(self, card: Card) -> str:
        kind = card.kind
        if kind == "pain_point" or (not kind and card.severity):
            return style.PAIN_FILL[max(1, min(3, card.severity or 1)) - 1]
        return style.CARD_FILL.get(kind, style.CARD_FILL_DEFAULT)
