"""Routes: each unit's steps in time order (repeats in a row collapsed), counted as whole
sequences on the log's engine — only the top routes and the number of units come back.

The collapsing, counting and ranking are written once with narwhals; joining a unit's
steps into one route, in time order, is the one step narwhals has no expression for, so it
is done in each engine's own words: ``string_agg(... ORDER BY ...)`` on DuckDB,
``array_sort(collect_list(struct))`` on Spark (on the executors: nothing the size of the
log reaches the driver), and pandas for logs that are already in memory.
"""

from __future__ import annotations

from typing import Any

import narwhals as nw
import pandas as pd

from .events import Checkpoints, microseconds_between

SEPARATOR = " → "
_SPARK = (nw.Implementation.PYSPARK, nw.Implementation.PYSPARK_CONNECT)


def _per_unit(visits: nw.LazyFrame[Any]) -> nw.LazyFrame[Any]:
    """One row per unit: its route (the labels joined in time order), first and last time."""
    if visits.implementation is nw.Implementation.DUCKDB:
        query = (
            f"SELECT unit, string_agg(label, '{SEPARATOR}' ORDER BY t, label) AS route, "
            "min(t) AS first, max(t) AS last FROM jw_visits GROUP BY unit"
        )
        duckdb_units: nw.LazyFrame[Any] = nw.from_native(
            visits.to_native().query("jw_visits", query)
        )
        return duckdb_units
    if visits.implementation in _SPARK:
        from pyspark.sql import functions as F

        ordered = F.array_sort(F.collect_list(F.struct("t", "label")))  # by time, then label
        spark_units = (
            visits.to_native()
            .groupBy("unit")
            .agg(
                F.concat_ws(SEPARATOR, ordered.getField("label")).alias("route"),
                F.min("t").alias("first"),
                F.max("t").alias("last"),
            )
        )
        spark_frame: nw.LazyFrame[Any] = nw.from_native(spark_units)
        return spark_frame
    # pandas and polars: the log is in memory already.
    steps = visits.collect().to_pandas().sort_values(["unit", "t", "label"], kind="stable")
    grouped = steps.groupby("unit", sort=False)
    per_unit = pd.DataFrame(
        {
            "unit": list(grouped.groups),
            "route": grouped["label"].agg(SEPARATOR.join).to_numpy(),
            "first": grouped["t"].min().to_numpy(),
            "last": grouped["t"].max().to_numpy(),
        }
    )
    in_memory: nw.LazyFrame[Any] = nw.from_native(per_unit).lazy()
    return in_memory


def top_routes(labelled: nw.LazyFrame[Any], top: int) -> tuple[pd.DataFrame, int]:
    """The ``top`` routes (``route``, ``units``, ``median_us``), most units first and ties by
    route; and how many units have a route at all."""
    order = ["t", "label"]
    visits = (
        labelled.filter(nw.col("on_map"))
        .select("unit", "t", "label")
        .with_columns(nw.col("label").shift(1).over("unit", order_by=order).alias("previous"))
        .filter(nw.col("previous").is_null() | (nw.col("previous") != nw.col("label")))
        .select("unit", "t", "label")
    )
    per_unit = _per_unit(visits)
    per_unit = per_unit.with_columns(
        microseconds_between(per_unit)("last", "first").alias("duration")
    ).select("route", "duration")
    kept = Checkpoints()  # read twice below: for the ranking and for the number of units
    per_unit = kept.keep(per_unit)
    try:
        ranked = (
            per_unit.group_by("route")
            .agg(nw.len().alias("units"), nw.col("duration").median().alias("median_us"))
            .sort(["units", "route"], descending=[True, False])
            .head(top)
            .collect()
            .to_pandas()
        )
        total = int(per_unit.select(nw.len().alias("n")).collect().to_pandas()["n"].iloc[0])
    finally:
        kept.release()
    return ranked, total
