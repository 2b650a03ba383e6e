"""The same funnel and paths on PySpark (local mode), identical to pandas'."""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest

from journeywidgets.analytics import funnel, paths

from .test_analytics import generated_log, journey

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    if shutil.which("java") is None:
        pytest.fail("PySpark needs Java (17): install a JDK, e.g. Debian's openjdk-17-jre-headless")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # PySpark's notice about pandas 3
        from pyspark.sql import SparkSession

        # The driver takes no result over 1 MB (Spark's least limit): a plan that brought
        # the log to the driver would fail here instead of passing unnoticed.
        session = (
            SparkSession.builder.master("local[2]")
            .config("spark.driver.maxResultSize", "1m")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate()
        )
    yield session
    session.stop()


def test_spark_gives_the_same_funnel_and_paths(spark: Any) -> None:
    frame = generated_log(200, seed=7)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        events = spark.createDataFrame(frame)
    j = journey()
    for options in (
        {},
        {"breakdown": "channel", "order": "any"},
        {"optional": ["view"], "exclude": ["help_page"]},
    ):
        pd.testing.assert_frame_equal(
            funnel(events, j, **options), funnel(frame, j, **options), check_exact=True
        )
    on_spark, in_pandas = paths(events, j, top=5), paths(frame, j, top=5)
    pd.testing.assert_frame_equal(on_spark.transitions, in_pandas.transitions)
    pd.testing.assert_frame_equal(on_spark.routes, in_pandas.routes)
    pd.testing.assert_frame_equal(on_spark.off_map, in_pandas.off_map)


def test_the_spark_plans_never_bring_the_log_to_the_driver(spark: Any) -> None:
    """A log made on the executors, too big for the driver's result limit: collecting it
    fails, the funnel, the path counts and the top routes do not (benchmarks/spark_no_collect.py does the
    same with a log larger than the driver's whole memory)."""
    from pyspark.sql import functions as F

    names = F.array(*[F.lit(f"{step}_event") for step in ("visit", "search", "view")])
    events = spark.range(200_000, numPartitions=4).select(
        F.concat(F.lit("u"), (F.col("id") % 20_000).cast("string")).alias("user_id"),
        F.timestamp_seconds(F.lit(1_700_000_000) + (F.col("id") * 7919) % 86_400).alias(
            "timestamp"
        ),
        F.element_at(names, (F.col("id") % 3).cast("int") + 1).alias("event"),
    )
    with pytest.raises(Exception, match="maxResultSize"):
        events.collect()  # the guard is armed
    j = journey()
    result = funnel(events, j, steps=["visit", "search", "view"])
    assert int(result["entered"].iloc[0]) == 20_000
    found = paths(events, j, top=3)
    assert int(found.transitions["count"].sum()) == 200_000 - 20_000
    # Every user has a route; the three most common come back, ranked.
    assert len(found.routes) == 3
    assert list(found.routes["units"]) == sorted(found.routes["units"], reverse=True)
    assert 0 < found.routes["share"].sum() <= 1
