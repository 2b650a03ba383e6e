"""Paths: which step follows which in real logs, the most common routes, and the events
off the map that people pass through.

Each event is labelled with its step (by the journey's event mapping) or, off the map,
with its own name. Directly-follows counts take consecutive events of a unit in time
order (ties broken by label, then off the map before on it, so every engine agrees); they
are computed on the log's engine. Routes are each unit's sequence of steps (repeats in a
row collapsed), counted as whole sequences.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import narwhals as nw
import pandas as pd

from ..model import Journey
from ..model.schema import TEXT
from .events import read_log, to_duration
from .narwhals_plans import paths_narwhals
from .routes import SEPARATOR, top_routes
from .sql_plans import paths_sql

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .events import LogOptions


@dataclass
class Paths:
    """Directly-follows transitions, top routes, and off-map events."""

    transitions: pd.DataFrame
    routes: pd.DataFrame
    off_map: pd.DataFrame
    semantics: str

    def _repr_html_(self) -> str:
        return (
            f"<p>{self.semantics}</p><h4>Top routes</h4>{self.routes.to_html()}"
            f"<h4>Transitions</h4>{self.transitions.head(20).to_html()}"
        )


def _label(step_ids: list[str], predicates: list[Any], event: str) -> nw.Expr:
    label: nw.Expr = nw.col(event).cast(nw.String)
    for step, predicate in reversed(list(zip(step_ids, predicates, strict=True))):
        label = nw.when(predicate).then(nw.lit(step)).otherwise(label)
    return label


def paths(
    events: Any, journey: Journey, *, top: int = 10, **log_options: Unpack[LogOptions]
) -> Paths:
    """Directly-follows counts between steps and off-map events, the ``top`` routes
    through the steps (with share and median time), and the off-map events.

    ``steps, mapping, unit, user, session, time, event, plan``: how to read the log, as
    for :func:`funnel` (see ``events.LogOptions``). Transitions and off-map counts run on
    the log's engine (on DuckDB, with steps given by event names, as one tuned SQL query
    unless ``plan="narwhals"``). Routes are counted on the engine too (see routes.py);
    only the ``top`` of them come back; ``top=0`` skips them.

    Examples
    --------
    >>> from journeywidgets.analytics import paths
    >>> from journeywidgets.datasets import event_log, shop_journey
    >>> result = paths(event_log(1000, seed=0), shop_journey(), top=3)
    >>> result.transitions[["from", "to", "units"]].head(2)
               from            to  units
    0      ad_click  landing_view    844
    1  landing_view        search    641
    >>> len(result.routes)
    3
    """
    log, tuned = read_log(events, journey, **log_options)
    columns, step_ids, predicates = log.columns, log.steps.step_ids, log.steps.predicates
    on_map = nw.lit(False)
    for predicate in predicates:
        on_map = on_map | predicate
    labelled = log.frame.select(
        nw.col(columns.unit).alias("unit"),
        nw.col(columns.time).alias("t"),
        _label(step_ids, predicates, columns.event).alias("label"),
        on_map.alias("on_map"),
    )
    if tuned:
        transitions, off_map = paths_sql(log)
    else:
        transitions, off_map = paths_narwhals(log, labelled)
    # Every engine returns its own dtypes (polars counts are uint32): one set for all.
    transitions = transitions.astype(
        {"from": TEXT, "to": TEXT, "from_step": bool, "to_step": bool, "count": "int64",
         "units": "int64", "median_gap": "float64"}
    )  # fmt: skip
    off_map = off_map.astype({"event": TEXT, "events": "int64", "units": "int64"})
    transitions["median_time"] = pd.to_timedelta(
        [None if pd.isna(v) else to_duration(v) for v in transitions.pop("median_gap")]
    )
    # An off-map event may be named like a step: the labels tie, whether each end is on the
    # map does not, so it breaks the tie and both plans give one order.
    order = ["count", "from", "to", "from_step", "to_step"]
    transitions = transitions.sort_values(order, ascending=[False, True, True, True, True])
    transitions = transitions.reset_index(drop=True)
    off_map = off_map.sort_values(["units", "event"], ascending=[False, True]).reset_index(
        drop=True
    )

    names = journey.steps["name"]
    semantics = (
        f"unit: {log.unit} ({columns.unit!r}); steps: {', '.join(step_ids)}; transitions between "
        "consecutive events of a unit (ties in time ordered by label, then off-map first); "
        "routes: each unit's steps in time order with repeats in a row collapsed; "
        "off-map: events mapped to no step"
    )
    if top <= 0:
        empty = pd.DataFrame(columns=["route", "units", "median_time", "share", "steps"])
        return Paths(transitions, empty, off_map, semantics)

    ranked, total = top_routes(labelled, top)
    routes = pd.DataFrame(
        {
            "route": [str(route) for route in ranked["route"]],
            "units": ranked["units"].astype("int64").to_numpy(),
            "median_time": pd.to_timedelta(
                [None if pd.isna(v) else to_duration(v) for v in ranked["median_us"]]
            ),
        }
    )
    routes["share"] = routes["units"] / total if total else 0.0
    routes["steps"] = routes["route"].map(
        lambda r: SEPARATOR.join(str(names.get(s, s)) for s in r.split(SEPARATOR))
    )
    return Paths(transitions, routes, off_map, semantics)
