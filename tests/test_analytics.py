"""Funnels and paths: known answers, every engine identical, a hand-written SQL reference."""

from __future__ import annotations

import importlib
import io
import random
import warnings
from typing import Any

import duckdb
import pandas as pd
import polars as pl
import pytest

import journeywidgets as jw
from journeywidgets.analytics import (
    EventLogError,
    EventLogWarning,
    attach_funnel,
    funnel,
    paths,
    plot_funnel,
    plot_paths,
)

T0 = pd.Timestamp("2024-03-01 09:00", tz="UTC")
STEPS = ["visit", "search", "view", "cart", "pay"]


def journey() -> jw.Journey:
    j = jw.Journey("Shop funnel 漏斗")
    stage = j.add_stage("Buy")
    for name in STEPS:
        j.add_step(name.title(), stage, step_id=name)
    j.map_events({step: f"{step}_event" for step in STEPS})
    return j


def log(rows: list[tuple[str, float, str]], **extra: list[Any]) -> pd.DataFrame:
    """Rows of (user, hours after T0, step)."""
    frame = pd.DataFrame(
        {
            "user_id": [r[0] for r in rows],
            # Whole seconds: DuckDB and Spark keep microseconds, pandas nanoseconds.
            "timestamp": [T0 + pd.Timedelta(seconds=round(r[1] * 3600)) for r in rows],
            "event": [f"{r[2]}_event" if r[2] in STEPS else r[2] for r in rows],
        }
    )
    for name, values in extra.items():
        frame[name] = values
    return frame


def engines(frame: pd.DataFrame) -> dict[str, Any]:
    connection = duckdb.connect()
    connection.register("events_frame", frame)
    return {
        "pandas": frame,
        "polars": pl.from_pandas(frame),
        "polars-lazy": pl.from_pandas(frame).lazy(),
        "duckdb": connection.sql("select * from events_frame"),
    }


def entered(result: pd.DataFrame) -> list[int]:
    return [int(v) for v in result["entered"]]


# -- known answers -------------------------------------------------------------------------


def test_known_answers_strict_order_window_ties_and_reentry() -> None:
    rows = [
        ("a", 0, "visit"), ("a", 1, "search"), ("a", 2, "view"), ("a", 3, "cart"), ("a", 4, "pay"),
        ("b", 0, "visit"), ("b", 1, "view"), ("b", 2, "search"),  # view came before search
        ("c", 0, "visit"), ("c", 0, "search"),  # a tie counts as in order
        ("d", 0, "visit"), ("d", 7 * 24, "search"),  # exactly at the window's edge: counts
        ("e", 0, "visit"), ("e", 7 * 24 + 0.001, "search"),  # just past it: does not
        ("f", 5, "search"), ("f", 6, "visit"), ("f", 7, "search"),  # re-entry: search after visit
        ("g", 0, "visit"), ("g", 200, "visit"), ("g", 201, "search"),  # first attempt anchors
    ]  # fmt: skip
    j = journey()
    for name, native in engines(log(rows)).items():
        result = funnel(native, j)
        assert entered(result) == [7, 5, 1, 1, 1], name
        assert list(result["dropped"]) == [0, 2, 4, 0, 0], name
    result = funnel(log(rows), j)
    assert result.loc[1, "conversion_from_previous"] == pytest.approx(5 / 7)
    assert "window: 7 days" in result.attrs["semantics"]
    # The best attempt lets g convert from its second visit.
    assert entered(funnel(log(rows), j, anchor="best"))[:2] == [7, 6]
    # Totals count every attempt at the first step: g visited twice.
    assert entered(funnel(log(rows), j, count="totals"))[0] == 8
    # A shorter window and a per-step limit.
    assert entered(funnel(log(rows), j, window="1h"))[:2] == [7, 3]  # a at exactly 1 h counts
    assert entered(funnel(log(rows), j, step_windows={"search": "30min"}))[:2] == [7, 1]
    # Any order: b's view before its search counts.
    assert entered(funnel(log(rows), j, order="any"))[:3] == [7, 5, 2]


def test_optional_steps_and_exclusions() -> None:
    rows = [
        ("a", 0, "visit"), ("a", 1, "search"), ("a", 2, "view"),
        ("b", 0, "visit"), ("b", 2, "view"),  # skipped the search
        ("c", 0, "visit"), ("c", 1, "search"), ("c", 1.5, "help_page"), ("c", 2, "view"),
    ]  # fmt: skip
    j = journey()
    steps = ["visit", "search", "view"]
    assert entered(funnel(log(rows), j, steps=steps)) == [3, 2, 2]
    for name, native in engines(log(rows)).items():
        result = funnel(native, j, steps=steps, optional=["Search"])
        assert entered(result) == [3, 2, 3], name
        assert list(result["optional"]) == [False, True, False], name
        view = result.iloc[2]
        assert view["conversion_from_previous"] == 1.0 and view["dropped"] == 0, name
        assert result.iloc[0]["converted"] == 3, "visit → view, the next required step"
        assert entered(funnel(native, j, steps=steps, exclude=["help_page"])) == [3, 2, 1], name
    assert "optional steps" in result.attrs["semantics"]
    with pytest.raises(EventLogError, match="first step anchors"):
        funnel(log(rows), j, steps=steps, optional=["visit"])
    with pytest.raises(EventLogError, match="order='strict'"):
        funnel(log(rows), j, steps=steps, optional=["search"], order="any")


def test_tie_tolerance_lets_a_step_come_slightly_before_the_previous_one() -> None:
    rows = [("a", 0, "visit"), ("a", -0.001, "search")]  # 3.6 s before the visit
    j = journey()
    assert entered(funnel(log(rows), j, steps=["visit", "search"])) == [1, 0]
    assert entered(funnel(log(rows), j, steps=["visit", "search"], tie_tolerance="5s")) == [1, 1]


def test_times_breakdown_and_sessions() -> None:
    rows = [
        ("a", 0, "visit"), ("a", 2, "search"),
        ("b", 0, "visit"), ("b", 4, "search"),
        ("c", 0, "visit"), ("c", 10, "search"),
    ]  # fmt: skip
    frame = log(rows, channel=["web", "web", "app", "app", "web", "web"],
                session_id=["s1", "s1", "s2", "s3", "s4", "s4"])  # fmt: skip
    j = journey()
    result = funnel(frame, j, steps=["visit", "search"])
    assert result.loc[1, "median_time_from_previous"] == pd.Timedelta(hours=4)
    assert result.loc[1, "p90_time_from_previous"] == pd.Timedelta(hours=8.8)
    by_channel = funnel(frame, j, steps=["visit", "search"], breakdown="channel")
    assert list(by_channel["channel"]) == ["app", "app", "web", "web"]
    assert entered(by_channel) == [1, 1, 2, 2]
    sessions = funnel(frame, j, steps=["visit", "search"], unit="session")
    assert entered(sessions) == [3, 2], "b searched in another session"


# -- every engine, and SQL written by hand ----------------------------------------------------


def generated_log(users: int, seed: int) -> pd.DataFrame:
    rng = random.Random(seed)
    rows = []
    for u in range(users):
        t = rng.uniform(0, 48)
        for step in STEPS:
            if rng.random() < 0.25:
                break
            t += rng.choice([0.0, 0.0, rng.uniform(0, 60), rng.uniform(0, 200)])
            rows.append((f"u{u}", round(t, 3), step))
            if rng.random() < 0.2:  # re-entries and noise
                rows.append((f"u{u}", round(t - rng.uniform(0, 5), 3), rng.choice(STEPS)))
            if rng.random() < 0.1:
                rows.append((f"u{u}", round(t + 1, 3), "help_page"))
    return log(rows, channel=[rng.choice(["web", "app", "店"]) for _ in rows])


@pytest.mark.parametrize("options", [
    {}, {"breakdown": "channel"}, {"order": "any"}, {"anchor": "best"}, {"count": "totals"},
    {"window": "2D", "tie_tolerance": "1h", "step_windows": {"cart": "12h"}},
    {"optional": ["view"], "exclude": ["help_page"], "breakdown": "channel"},
    {"count": "totals", "breakdown": "channel"},
    {"order": "any", "exclude": "help_page", "tie_tolerance": "30min", "window": "3D"},
    {"optional": ["search", "cart"], "step_windows": {"view": "1D"}, "tie_tolerance": "2h"},
])  # fmt: skip
def test_every_engine_gives_identical_results(
    options: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    frame = generated_log(400, seed=7)
    j = journey()
    funnel_module = importlib.import_module("journeywidgets.analytics.funnel")
    queries: list[str] = []
    real = funnel_module.funnel_sql
    monkeypatch.setattr(
        funnel_module, "funnel_sql", lambda *a, **k: queries.append("sql") or real(*a, **k)
    )
    results = {name: funnel(native, j, **options) for name, native in engines(frame).items()}
    # DuckDB's one-query plan (used unless the options need the narwhals plan) and the
    # narwhals plan on DuckDB agree with each other and with every other engine.
    results["duckdb-narwhals"] = funnel(engines(frame)["duckdb"], j, plan="narwhals", **options)
    assert queries == ([] if options.get("anchor") == "best" else ["sql"])
    reference = results.pop("pandas")
    for name, result in results.items():
        pd.testing.assert_frame_equal(result, reference, check_exact=True, obj=name)


def test_a_sentinel_timestamp_far_in_the_future_gives_the_same_funnel_on_duckdb() -> None:
    """The tuned query packs step and time in one integer, which holds the years 829-3111;
    a log with a 9999-12-31 sentinel is answered by the portable plan instead."""
    frame = generated_log(200, seed=5)
    sentinel = frame.iloc[[0]].assign(timestamp=pd.Timestamp("9999-12-31", tz="UTC"))
    frame = pd.concat([frame, sentinel], ignore_index=True)
    relation = engines(frame)["duckdb"]
    j = journey()
    pd.testing.assert_frame_equal(funnel(relation, j), funnel(frame, j), check_exact=True)


def test_breakdown_with_missing_values_is_the_same_on_both_duckdb_plans() -> None:
    frame = generated_log(300, seed=13)
    frame["channel"] = frame["channel"].where(frame.index % 4 != 0, None)  # some unknown
    j = journey()
    relation = engines(frame)["duckdb"]
    for options in ({"breakdown": "channel"}, {"breakdown": "channel", "count": "totals"}):
        pd.testing.assert_frame_equal(
            funnel(relation, j, **options),
            funnel(relation, j, plan="narwhals", **options),
            check_exact=True,
        )


def test_the_tuned_query_checks_mapped_names_without_a_query_of_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The mapped-name check is answered by the funnel's own query on DuckDB."""
    funnel_module = importlib.import_module("journeywidgets.analytics.funnel")

    def refuse(*args: Any, **kwargs: Any) -> list[str]:
        raise AssertionError("a separate query for the mapped names")

    monkeypatch.setattr(funnel_module, "unmatched_names", refuse)
    j = journey()
    relation = engines(log([("a", 0, "visit"), ("a", 1, "search")]))["duckdb"]
    with pytest.warns(EventLogWarning, match="never occur in column 'event': serch_event"):
        result = funnel(relation, j, mapping={"visit": "visit_event", "search": "serch_event"})
    assert entered(result) == [1, 0]
    with pytest.raises(AssertionError, match="separate query"):
        funnel(relation, j, plan="narwhals")  # the portable plan still asks the log


def test_log_options_are_checked_once_for_funnel_and_paths() -> None:
    j = journey()
    good = log([("a", 0, "visit"), ("a", 1, "search")])
    for analysis in (funnel, paths):
        with pytest.raises(EventLogError, match="unit must be 'user' or 'session'"):
            analysis(good, j, unit="visitor")  # type: ignore[arg-type]
        with pytest.raises(EventLogError, match="plan must be 'auto' or 'narwhals'"):
            analysis(good, j, plan="fast")  # type: ignore[arg-type]
        with pytest.raises(EventLogError, match=r"no column 'customer'.*user=\.\.\."):
            analysis(good, j, user="customer")


def sql_funnel(frame: pd.DataFrame, window_hours: float) -> list[int]:
    """Strict order, first attempt, window from the first step — written as SQL."""
    connection = duckdb.connect()
    connection.register("events", frame)
    window = f"INTERVAL {int(window_hours * 3600)} SECOND"
    ctes = [
        "s0 AS (SELECT user_id, min(timestamp) AS t0, min(timestamp) AS t FROM events "
        f"WHERE event = '{STEPS[0]}_event' GROUP BY user_id)"
    ]
    for k, step in enumerate(STEPS[1:], 1):
        ctes.append(
            f"s{k} AS (SELECT p.user_id, p.t0, min(e.timestamp) AS t FROM s{k - 1} p "
            f"JOIN events e ON e.user_id = p.user_id AND e.event = '{step}_event' "
            f"AND e.timestamp >= p.t AND e.timestamp <= p.t0 + {window} GROUP BY p.user_id, p.t0)"
        )
    counts = " UNION ALL ".join(
        f"SELECT {k} AS k, count(*) AS n FROM s{k}" for k in range(len(STEPS))
    )
    query = f"WITH {', '.join(ctes)} SELECT n FROM ({counts}) ORDER BY k"
    return [int(row[0]) for row in connection.sql(query).fetchall()]


@pytest.mark.parametrize("window_hours", [24.0, 72.0, 168.0])
def test_matches_hand_written_duckdb_sql(window_hours: float) -> None:
    frame = generated_log(600, seed=11)
    j = journey()
    result = funnel(frame, j, window=pd.Timedelta(hours=window_hours))
    assert entered(result) == sql_funnel(frame, window_hours)


# -- paths -------------------------------------------------------------------------------------


def test_paths_count_transitions_routes_and_off_map_events() -> None:
    rows = [
        ("a", 0, "visit"), ("a", 1, "help_page"), ("a", 2, "search"), ("a", 3, "search"),
        ("b", 0, "visit"), ("b", 5, "search"),
        ("c", 0, "visit"), ("c", 1, "pay"),
    ]  # fmt: skip
    j = journey()
    for name, native in engines(log(rows)).items():
        result = paths(native, j)
        t = result.transitions.set_index(["from", "to"])
        assert t.loc[("visit", "search"), "count"] == 1, name
        assert t.loc[("visit", "help_page"), "count"] == 1, name
        assert t.loc[("search", "search"), "count"] == 1, name
        assert t.loc[("visit", "search"), "median_time"] == pd.Timedelta(hours=5), name
        routes = result.routes.set_index("route")
        assert routes.loc["visit → search", "units"] == 2, name
        assert routes.loc["visit → search", "share"] == pytest.approx(2 / 3), name
        assert list(result.off_map["event"]) == ["help_page"], name


def test_paths_are_identical_on_every_engine_and_plan() -> None:
    frame = generated_log(300, seed=9)
    j = journey()
    runs = {name: paths(native, j, top=5) for name, native in engines(frame).items()}
    runs["duckdb-narwhals"] = paths(engines(frame)["duckdb"], j, top=5, plan="narwhals")
    reference = runs.pop("pandas")
    for name, result in runs.items():
        pd.testing.assert_frame_equal(result.transitions, reference.transitions, obj=name)
        pd.testing.assert_frame_equal(result.off_map, reference.off_map, obj=name)
        pd.testing.assert_frame_equal(result.routes, reference.routes, obj=name)


def test_paths_with_off_map_names_like_step_ids_are_identical_on_both_duckdb_plans() -> None:
    frame = generated_log(200, seed=4)
    # An event named like a step's id but mapped to no step: same label, off the map.
    frame["event"] = frame["event"].where(frame.index % 9 != 0, "search")
    j = journey()
    relation = engines(frame)["duckdb"]
    tuned, portable = paths(relation, j, top=3), paths(relation, j, top=3, plan="narwhals")
    pd.testing.assert_frame_equal(tuned.transitions, portable.transitions)
    pd.testing.assert_frame_equal(tuned.off_map, portable.off_map)
    pd.testing.assert_frame_equal(tuned.routes, portable.routes)


def test_paths_agree_with_plain_pandas_on_a_generated_log() -> None:
    frame = generated_log(300, seed=3)
    j = journey()
    label = frame["event"].str.removesuffix("_event")
    reference = frame.assign(label=label).sort_values(["user_id", "timestamp", "label"])
    reference["previous"] = reference.groupby("user_id")["label"].shift()
    expected = reference.dropna(subset=["previous"]).groupby(["previous", "label"]).size()
    result = paths(duckdb.sql("select * from frame"), j).transitions
    got = result.set_index(["from", "to"])["count"]
    assert sorted(got.items()) == sorted(expected.items())


# -- bad input -------------------------------------------------------------------------------


def test_bad_logs_are_refused_naming_the_column() -> None:
    j = journey()
    good = log([("a", 0, "visit"), ("a", 1, "search")])
    with pytest.raises(EventLogError, match=r"no column 'user_id'.*user=\.\.\."):
        funnel(good.rename(columns={"user_id": "customer"}), j)
    text_times = good.assign(timestamp=good["timestamp"].astype(str))
    with pytest.raises(
        EventLogError, match="column 'timestamp' must hold timestamps; it holds text"
    ):
        funnel(text_times, j)
    mixed = good.assign(timestamp=[T0, pd.Timestamp("2024-03-01 10:00", tz="Asia/Kuala_Lumpur")])
    mixed["timestamp"] = mixed["timestamp"].astype(object)
    with pytest.raises(EventLogError, match=r"column 'timestamp'.*time zone"):
        funnel(mixed, j)
    with (
        pytest.warns(EventLogWarning, match=r"never occur in column 'event': visits_evnt"),
        pytest.raises(EventLogError, match="no unit reached the first step"),
    ):
        funnel(good, j, mapping={"visit": "visits_evnt", "search": "search_event"})
    with (
        pytest.warns(EventLogWarning, match="never occur"),
        pytest.raises(EventLogError, match=r"no unit reached the first step.*is the log empty"),
    ):
        funnel(good.iloc[0:0], j)
    with pytest.raises(EventLogError, match="no step 'checkout'"):
        funnel(good, j, steps=["visit", "checkout"])


# -- on the map, and as figures ------------------------------------------------------------------


def test_results_attach_as_metrics_and_save_with_the_map(tmp_path: Any) -> None:
    j = journey()
    frame = generated_log(200, seed=5)
    result = funnel(frame, j)
    change = attach_funnel(j, result)
    assert change is not None
    reach = j.metrics[(j.metrics["name"] == "Reach") & (j.metrics["step_id"] == "visit")]
    values = j.metric_values.set_index("metric_id")["value"]
    assert values[reach.index[0]] == result.loc[0, "entered"]
    assert len(j.metrics) == 4 * len(STEPS)
    attach_funnel(j, funnel(frame, j, window="1D"))  # a new funnel replaces the old one
    assert len(j.metrics) == 4 * len(STEPS)
    back = jw.load(j.save(tmp_path / "shop.journey.json"))
    assert back.equals(j) and len(back.event_mappings) == len(STEPS)
    j.undo()
    j.undo()
    assert len(j.metrics) == 0


def test_funnel_and_path_figures_draw_without_warnings() -> None:
    j = journey()
    frame = generated_log(100, seed=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for figure in (
            plot_funnel(funnel(frame, j, breakdown="channel")),
            plot_paths(paths(frame, j)),
        ):
            figure.savefig(io.BytesIO(), format="png", dpi=40)


def test_map_events_replaces_a_steps_events_and_refuses_duplicates() -> None:
    j = journey()
    j.map_events({"Visit": ["landing", "home"]})
    assert sorted(j.event_mappings[j.event_mappings["step_id"] == "visit"]["event"]) == [
        "home", "landing"]  # fmt: skip
    with pytest.raises(jw.ValidationError, match="event"):
        j.map_events({"search": "home"})  # "home" already stands for visit
