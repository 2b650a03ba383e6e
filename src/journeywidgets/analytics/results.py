"""Funnel results on the map (as metrics) and as figures."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import Formatter

from ..model import Change, Journey
from ..model.ops import Delete, Insert, Op
from ..render import style
from ..render.fonts import check_glyphs, drawable, font_chain
from ..render.notebook import NotebookFigure
from ..render.text import wrap
from .events import EventLogError
from .paths import Paths

# (metric name, result column, metric type, unit, direction)
HIGHER, LOWER = "higher_is_better", "lower_is_better"
FUNNEL_METRICS = (
    ("Reach", "entered", "COUNT", "units", HIGHER),
    ("Conversion from previous step", "conversion_from_previous", "RATE", "ratio", HIGHER),
    ("Drop-off", "dropped", "COUNT", "units", LOWER),
    ("Median time from previous step", "median_time_from_previous", "DURATION", "s", LOWER),
)


def attach_funnel(journey: Journey, result: pd.DataFrame) -> Change | None:
    """Put a funnel's reach, conversion, drop-off and time on the map's steps as metrics
    (replacing an earlier funnel's), in one undoable change. A breakdown's groups become
    the values' ``segment``.

    Examples
    --------
    >>> from journeywidgets.analytics import attach_funnel, funnel
    >>> from journeywidgets.datasets import event_log, shop_journey
    >>> journey = shop_journey()
    >>> change = attach_funnel(journey, funnel(event_log(1000), journey))
    >>> journey.metrics["name"].unique().tolist()
    ['Reach', 'Conversion from previous step', 'Drop-off', 'Median time from previous step']
    >>> journey.undo() is not None, len(journey.metrics)
    (True, 0)
    """
    if result.attrs.get("kind") != "funnel":
        raise EventLogError("attach_funnel takes the DataFrame that funnel() returned")
    names = {name for name, *_ in FUNNEL_METRICS}
    metrics = journey.metrics
    ops: list[Op] = [
        Delete("metrics", str(metric_id))
        for metric_id, name in metrics["name"].items()
        if name in names and metrics.at[metric_id, "step_id"] in set(result["step_id"])
    ]
    segment_column = _breakdown(result)
    description = f"from an event-log funnel; {result.attrs.get('semantics', '')}"
    counter = 0
    for step in dict.fromkeys(result["step_id"]):
        rows = result[result["step_id"] == step]
        for name, column, metric_type, unit, direction in FUNNEL_METRICS:
            counter += 1
            metric_id = f"funnel_{step}_{counter}"
            metric = {"metric_id": metric_id, "name": name, "description": description,
                      "metric_type": metric_type, "unit": unit, "direction": direction,
                      "step_id": step}  # fmt: skip
            ops.append(Insert("metrics", metric))
            for _, row in rows.iterrows():
                value = row[column]
                if value is None or pd.isna(value):
                    continue
                if isinstance(value, pd.Timedelta):
                    value = value.total_seconds()
                values: dict[str, object] = {"metric_id": metric_id, "value": float(value)}
                if column == "conversion_from_previous":  # the counts make the rate checkable
                    values["numerator"] = float(row["entered"])
                    values["denominator"] = float(row["entered"] + row["dropped"])
                if segment_column is not None:
                    values["segment"] = str(row[segment_column])
                ops.append(Insert("metric_values", values))
    return journey.apply(ops)


_RESULT_COLUMNS = {
    "step_number", "step_id", "step", "entered", "converted", "conversion_from_previous",
    "conversion_from_first", "dropped", "optional", "median_time_from_previous",
    "p90_time_from_previous", "median_time_from_first", "p90_time_from_first",
}  # fmt: skip


def _breakdown(result: pd.DataFrame) -> str | None:
    """The breakdown column of a funnel result, if it has one: funnel() puts it first."""
    named = result.attrs.get("breakdown")
    if isinstance(named, str) and named in result.columns:
        return named
    first = str(result.columns[0]) if len(result.columns) else None
    return first if first is not None and first not in _RESULT_COLUMNS else None


def plot_funnel(result: pd.DataFrame) -> Figure:
    """Bars of units reaching each step (one colour per breakdown group), each labelled with
    its count and the conversion from the previous step; the step with the biggest drop is
    marked, and the semantics are the caption.

    Examples
    --------
    >>> from journeywidgets.analytics import funnel, plot_funnel
    >>> from journeywidgets.datasets import event_log, shop_journey
    >>> figure = plot_funnel(funnel(event_log(1000), shop_journey()))
    >>> [len(bars) for bars in figure.axes[0].containers]  # one bar per step
    [8]
    >>> [label.get_text() for label in figure.axes[0].get_xticklabels()][:3]
    ['Ad click', 'Landing view', 'Search']
    """
    if result.attrs.get("kind") != "funnel":
        raise EventLogError("plot_funnel takes the DataFrame that funnel() returned")
    family = list(font_chain().families)
    group_column = _breakdown(result)
    groups = list(dict.fromkeys(result[group_column])) if group_column else [None]
    steps = list(dict.fromkeys(result["step"]))
    check_glyphs([*steps, *(str(g) for g in groups if g is not None)])
    figure = NotebookFigure(figsize=(max(6.0, 1.3 * len(steps) + 2), 4.6), layout="constrained")
    ax = figure.add_subplot()
    width = 0.8 / len(groups)
    positions = np.arange(len(steps))
    for index, group in enumerate(groups):
        rows = result if group is None else result[result[group_column] == group]
        heights = rows["entered"].astype(float).to_numpy()
        colour = style.persona_color(index) if group_column else style.STAGE_COLORS[0]
        offset = (index - (len(groups) - 1) / 2) * width
        label = None if group is None else drawable(str(group))
        bars = ax.bar(positions + offset, heights, width * 0.92, color=colour, label=label)
        for position, (bar, entered, rate) in enumerate(
            zip(bars, rows["entered"], rows["conversion_from_previous"], strict=True)
        ):
            lines = [] if group_column else [style.format_count(float(entered))]
            if position and rate is not None and not pd.isna(rate):
                lines.append(style.format_percent(float(rate)))
            note = ax.annotate("\n".join(lines), (bar.get_x() + bar.get_width() / 2,
                               bar.get_height()), ha="center", va="bottom", fontsize=8,
                               xytext=(0, 2), textcoords="offset points")  # fmt: skip
            note.set_parse_math(False)
    _mark_biggest_drop(ax, result, steps, group_column)
    ax.set_xticks(positions)
    ax.set_xticklabels(
        ["\n".join(wrap(drawable(str(s)), 12, 3)) for s in steps], family=family, fontsize=8
    )
    for tick in ax.get_xticklabels():
        tick.set_parse_math(False)
    ax.yaxis.set_major_formatter(lambda value, _: style.format_count(value))
    ax.set_ylabel(style.LABELS["units_reaching"])
    ax.margins(y=0.18)  # room for the labels over the tallest bar
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if group_column:
        legend = ax.legend(
            title=drawable(group_column), frameon=False, prop={"family": family, "size": 8}
        )
        for text in legend.get_texts():
            text.set_parse_math(False)
        legend.get_title().set_parse_math(False)
    caption = "\n".join(wrap(str(result.attrs.get("semantics", "")), 140, 3))
    figure.text(0.01, 0.005, caption, fontsize=6.5, color=style.MUTED, va="bottom",
                parse_math=False)  # fmt: skip
    figure.get_layout_engine().set(rect=(0, 0.07, 1, 0.93))  # type: ignore[call-arg, union-attr]
    return figure


def _mark_biggest_drop(
    ax: object, result: pd.DataFrame, steps: list[str], group_column: str | None
) -> None:
    """Mark the step with the lowest conversion from the previous one (all groups pooled)."""
    pooled = result.groupby("step", sort=False)[["entered", "dropped"]].sum()
    rates: list[float | None] = []
    for position, step in enumerate(steps):
        entered, dropped = (float(v) for v in pooled.loc[step])
        rates.append(entered / (entered + dropped) if position and entered + dropped else None)
    drop = style.biggest_drop(rates)
    if drop is None:
        return
    from matplotlib.axes import Axes

    assert isinstance(ax, Axes)
    ax.axvspan(drop - 0.45, drop + 0.45, color=style.DROP, alpha=0.07, linewidth=0, zorder=0)
    note = ax.annotate(
        f"▼ {style.LABELS['biggest_drop']}",
        (drop, 1.0),
        xycoords=("data", "axes fraction"),
        ha="center",
        va="top",
        fontsize=8,
        color=style.DROP,
        weight="bold",
    )
    note.set_parse_math(False)


class _PercentTicks(Formatter):
    """Shares on an axis with as few decimals as make every tick exact and distinct
    (0%, 0.5%, 1% — never 0%, 0%, 1%)."""

    def __call__(self, x: float, pos: int | None = None) -> str:
        return self.format_ticks([x])[0]

    def format_ticks(self, values: list[float]) -> list[str]:
        for digits in range(4):
            texts = [f"{v * 100:.{digits}f}%" for v in values]
            exact = all(abs(round(v * 100, digits) - v * 100) < 1e-9 for v in values)
            if exact and len(set(texts)) == len(texts):
                break
        return [style.format_percent(v, digits) if v else "0%" for v in values]


def plot_paths(result: Paths, *, top: int = 10) -> Figure:
    """The most common routes through the steps, as bars of their share of units, each
    labelled with its units and median time.

    Examples
    --------
    >>> from journeywidgets.analytics import paths, plot_paths
    >>> from journeywidgets.datasets import event_log, shop_journey
    >>> figure = plot_paths(paths(event_log(1000), shop_journey()), top=5)
    >>> len(figure.axes[0].patches)  # the five commonest routes
    5
    """
    family = list(font_chain().families)
    routes = result.routes.head(top).iloc[::-1]
    check_glyphs(list(routes["steps"]))
    figure = NotebookFigure(figsize=(9, max(2.5, 0.45 * len(routes) + 1.2)), layout="constrained")
    ax = figure.add_subplot()
    labels = ["\n".join(wrap(drawable(str(r)), 70, 2)) for r in routes["steps"]]
    bars = ax.barh(range(len(routes)), routes["share"], color=style.STAGE_COLORS[0])
    ax.set_yticks(range(len(routes)))
    ax.set_yticklabels(labels, family=family, fontsize=7.5)
    for tick in ax.get_yticklabels():
        tick.set_parse_math(False)
    for bar, units, median in zip(bars, routes["units"], routes["median_time"], strict=True):
        end = (bar.get_width(), bar.get_y() + bar.get_height() / 2)
        text = f" {style.format_count(float(units))}"
        duration = style.format_timedelta(median)
        if duration:
            text += f" · {style.LABELS['median_time']} {duration}"
        note = ax.annotate(text, end, va="center", fontsize=7, color=style.INK)
        note.set_parse_math(False)
    ax.set_xlabel(style.LABELS["share_of_units"])
    ax.xaxis.set_major_formatter(_PercentTicks())
    ax.margins(x=0.25)  # room for the labels after the longest bar
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return figure
