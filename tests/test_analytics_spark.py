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

        session = (
            SparkSession.builder.master("local[1]")
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
    pd.testing.assert_frame_equal(paths(events, j).transitions, paths(frame, j).transitions)
