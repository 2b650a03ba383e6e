"""Funnel results on the map (as metrics) and as figures."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..model import Change, Journey
from ..model.ops import Delete, Insert, Op
from ..render.fonts import check_glyphs, font_chain
from ..render.style import PERSONA_COLOURS, STAGE_TONES
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
    the values' ``segment``."""
    if result.attrs.get("kind") != "funnel":
        raise EventLogError("attach_funnel takes the DataFrame that funnel() returned")
    names = {name for name, *_ in FUNNEL_METRICS}
    metrics = journey.metrics
    ops: list[Op] = [
        Delete("metrics", str(metric_id))
        for metric_id, name in metrics["name"].items()
        if name in names and metrics.at[metric_id, "step_id"] in set(result["step_id"])
    ]
    segment_column = next(
        (c for c in result.columns if c not in _RESULT_COLUMNS), None
    )  # the breakdown column, if any
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
    "conversion_from_first", "dropped", "median_time_from_previous", "p90_time_from_previous",
    "median_time_from_first", "p90_time_from_first",
}  # fmt: skip


def plot_funnel(result: pd.DataFrame) -> Figure:
    """Bars of units reaching each step (one colour per breakdown group), labelled with
    the conversion from the previous step; the semantics as a caption."""
    if result.attrs.get("kind") != "funnel":
        raise EventLogError("plot_funnel takes the DataFrame that funnel() returned")
    family = list(font_chain().families)
    group_column = next((c for c in result.columns if c not in _RESULT_COLUMNS), None)
    groups = list(dict.fromkeys(result[group_column])) if group_column else [None]
    steps = list(dict.fromkeys(result["step"]))
    check_glyphs([*steps, *(str(g) for g in groups if g is not None)])
    figure = Figure(figsize=(max(6.0, 1.3 * len(steps) + 2), 4.4), layout="constrained")
    ax = figure.add_subplot()
    width = 0.8 / len(groups)
    positions = np.arange(len(steps))
    for index, group in enumerate(groups):
        rows = result if group is None else result[result[group_column] == group]
        heights = rows["entered"].astype(float).to_numpy()
        colour = PERSONA_COLOURS[index % len(PERSONA_COLOURS)] if group_column else STAGE_TONES[0]
        offset = (index - (len(groups) - 1) / 2) * width
        label = None if group is None else str(group)
        bars = ax.bar(positions + offset, heights, width * 0.92, color=colour, label=label)
        for bar, rate in zip(bars, rows["conversion_from_previous"], strict=True):
            if rate is not None and not pd.isna(rate):
                top = (bar.get_x() + bar.get_width() / 2, bar.get_height())
                note = ax.annotate(
                    f"{float(rate):.0%}",
                    top,
                    ha="center",
                    va="bottom",
                    fontsize=8,
                    xytext=(0, 2),
                    textcoords="offset points",
                )
                note.set_parse_math(False)
    ax.set_xticks(positions)
    ax.set_xticklabels(["\n".join(wrap(s, 12, 3)) for s in steps], family=family, fontsize=8)
    for tick in ax.get_xticklabels():
        tick.set_parse_math(False)
    ax.set_ylabel("units reaching the step")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if group_column:
        legend = ax.legend(title=group_column, frameon=False, prop={"family": family, "size": 8})
        for text in legend.get_texts():
            text.set_parse_math(False)
    caption = "\n".join(wrap(str(result.attrs.get("semantics", "")), 140, 3))
    figure.text(0.01, 0.005, caption, fontsize=6.5, color="#656D76", va="bottom", parse_math=False)
    figure.get_layout_engine().set(rect=(0, 0.07, 1, 0.93))  # type: ignore[call-arg, union-attr]
    return figure


def plot_paths(result: Paths, *, top: int = 10) -> Figure:
    """The most common routes through the steps, as bars of their share of units."""
    family = list(font_chain().families)
    routes = result.routes.head(top).iloc[::-1]
    check_glyphs(list(routes["steps"]))
    figure = Figure(figsize=(9, max(2.5, 0.45 * len(routes) + 1.2)), layout="constrained")
    ax = figure.add_subplot()
    labels = ["\n".join(wrap(r, 70, 2)) for r in routes["steps"]]
    bars = ax.barh(range(len(routes)), routes["share"], color=STAGE_TONES[0])
    ax.set_yticks(range(len(routes)))
    ax.set_yticklabels(labels, family=family, fontsize=7.5)
    for tick in ax.get_yticklabels():
        tick.set_parse_math(False)
    for bar, units, median in zip(bars, routes["units"], routes["median_time"], strict=True):
        end = (bar.get_width(), bar.get_y() + bar.get_height() / 2)
        note = ax.annotate(
            f" {units:,} · median {median}", end, va="center", fontsize=7, color="#444444"
        )
        note.set_parse_math(False)
    ax.set_xlabel("share of units")
    ax.xaxis.set_major_formatter(lambda value, _: f"{value:.0%}")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return figure
