"""A funnel's figures on the map: the reach and conversion stored on each step as metrics.

``journeywidgets.analytics.attach_funnel`` writes them; the picture and the widget show
them. A funnel with a breakdown stores one value per segment: the map-wide value is used
when there is one, else the sum of the segments (reach) or the pooled rate (conversion).
"""

from __future__ import annotations

import pandas as pd

from ..model import Journey

REACH = "Reach"
CONVERSION = "Conversion from previous step"


def step_funnel(journey: Journey) -> dict[str, tuple[float, float | None]]:
    """``{step_id: (reached, conversion from the previous step or None)}``, in map order,
    for the steps that have a reach; the first of them has no conversion."""
    metrics, values = journey.metrics, journey.metric_values
    if metrics.empty or values.empty:
        return {}
    on_steps = metrics[metrics["step_id"].notna().to_numpy(dtype=bool)]
    out: dict[str, tuple[float, float | None]] = {}
    for step in map(str, journey.steps.index):
        mine = on_steps[(on_steps["step_id"] == step).to_numpy(dtype=bool)]
        reached = _total(mine, values, REACH)
        if reached is not None:
            # The funnel's first step has no previous one: its "conversion" (always 1) is
            # not a figure anyone should read.
            rate = _total(mine, values, CONVERSION) if out else None
            out[step] = (reached, rate)
    return out


def _total(metrics: pd.DataFrame, values: pd.DataFrame, name: str) -> float | None:
    ids = metrics.index[(metrics["name"] == name).fillna(False).to_numpy(dtype=bool)]
    rows = values[values["metric_id"].isin(list(ids))]
    if rows.empty:
        return None
    overall = rows[rows["segment"].isna().to_numpy(dtype=bool)]
    if len(overall):
        return float(overall["value"].iloc[0])
    if name == REACH:
        return float(rows["value"].sum())
    numerator, denominator = rows["numerator"].sum(), rows["denominator"].sum()
    return float(numerator / denominator) if denominator else None
