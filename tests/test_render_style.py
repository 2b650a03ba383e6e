"""One look: the presentation table, its number rules, and the pictures that follow it."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.patches import Rectangle

from journeywidgets.analytics import attach_funnel, funnel, paths, plot_funnel, plot_paths
from journeywidgets.datasets import bike_shop, event_log, shop_journey
from journeywidgets.render import style
from journeywidgets.render.content import read_content

# -- the table ------------------------------------------------------------------------


def test_presentation_is_json_and_has_the_contracted_keys() -> None:
    table = style.presentation()
    assert json.loads(json.dumps(table)) == table
    for key in ("version", "persona_colors", "single_curve_color", "stage_colors", "labels",
                "lane_types", "card_kinds", "step_kinds", "map_types", "severity_marks",
                "number_formats"):  # fmt: skip
        assert key in table, key
    assert table["labels"]["to_be"] == "to-be" and table["labels"]["emotion_lane"] == "Emotion"
    assert table["severity_marks"] == {"1": "!", "2": "!!", "3": "!!!"}
    assert table["persona_colors"][:2] == ["#0072B2", "#D55E00"]  # Okabe–Ito, in order


def test_every_enum_value_of_the_schema_has_a_display_name() -> None:
    from journeywidgets.model.schema import META, TABLES

    names = {
        ("lanes", "lane_type"): style.LANE_TYPES,
        ("cards", "kind"): style.CARD_KINDS,
        ("steps", "kind"): style.STEP_KINDS,
        ("lanes", "blueprint_role"): style.BLUEPRINT_ROLES,
    }
    for (table, column), shown in names.items():
        assert set(TABLES[table].column(column).choices) == set(shown), (table, column)
    map_type = META["map_type"]
    assert set(map_type.choices) == set(style.MAP_TYPES)


def test_colours_mix_and_own_colours_win() -> None:
    assert style.mix("#000000", 0.5) == "#808080"
    assert style.mix("#2F6DB5", 1) == "#2F6DB5" and style.mix("#2F6DB5", 0) == "#FFFFFF"
    assert style.stage_color(0) == "#2F6DB5" and style.stage_color(7) == "#2F6DB5"
    assert style.stage_color(0, "#aa0000") == "#AA0000"
    assert style.stage_color(1, "red; background:url(x)") == style.STAGE_COLORS[1]
    assert style.persona_color(None) == style.SINGLE_CURVE_COLOR
    assert style.persona_color(1, pd.NA) == "#D55E00"


# -- numbers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ratio", "text"),
    [(0.76, "76%"), (0, "0%"), (1, "100%"), (0.004, "<1%"), (0.996, ">99%"), (0.01, "1%"),
     (-0.25, "−25%"), (None, ""), (float("nan"), "")],
)  # fmt: skip
def test_percent(ratio: float | None, text: str) -> None:
    assert style.format_percent(ratio) == text


@pytest.mark.parametrize(
    ("count", "text"),
    [(0, "0"), (950, "950"), (1234, "1,234"), (9876, "9,876"), (10_000, "10k"),
     (12_345, "12.3k"), (123_456, "123k"), (999_950, "1M"), (1_234_567, "1.23M"),
     (7e9, "7B"), (-12_345, "−12.3k"), (None, "")],
)  # fmt: skip
def test_count(count: float | None, text: str) -> None:
    assert style.format_count(count) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(5528.982, "1 h 32 min"), (45, "45 s"), (185, "3 min 5 s"), (0.44, "0.4 s"),
     (7180, "2 h"), (93_600, "1 d 2 h"), (3599.9, "1 h"), (-90, "−1 min 30 s"), (None, "")],
)  # fmt: skip
def test_duration(seconds: float | None, text: str) -> None:
    assert style.format_duration(seconds) == text


def test_timedeltas_read_as_durations_not_pandas_reprs() -> None:
    assert style.format_timedelta(pd.Timedelta("0 days 01:32:08.982000")) == "1 h 32 min"
    assert style.format_timedelta(pd.NaT) == ""
    assert style.format_timedelta(None) == ""


def test_reach_text_and_biggest_drop() -> None:
    assert style.reach_text(1234, 0.76) == "1,234 reached · 76% converted"
    assert style.reach_text(1234, None) == "1,234 reached"
    assert style.biggest_drop([None, 0.9, 0.44, 0.44, 0.7]) == 2  # the first of equals
    assert style.biggest_drop([None, 1.0, 1.0]) is None  # nobody lost: nothing to mark


def test_format_examples_cover_every_rule_with_this_module_s_outputs() -> None:
    examples = style.format_examples()
    assert json.loads(json.dumps(examples)) == examples
    rules = {
        "percent": style.format_percent,
        "count": style.format_count,
        "duration": style.format_duration,
        "reach": style.reach_text,
        "biggest_drop": style.biggest_drop,
        "score": style.format_score,
        "emotion_label": style.emotion_label,
    }
    assert {e["rule"] for e in examples} == set(rules)
    for example in examples:
        assert rules[example["rule"]](*example["input"]) == example["output"], example


# -- the pictures follow the table ----------------------------------------------------


def test_step_labels_from_a_funnel_on_the_map() -> None:
    journey = shop_journey()
    attach_funnel(journey, funnel(event_log(500), journey))
    labels = style.step_labels(journey)
    first, *rest = labels.values()
    assert first["conversion"] is None and first["text"].endswith(" reached")
    lowest = min(rest, key=lambda v: v["conversion"])
    assert [v for v in labels.values() if v["biggest_drop"]] == [lowest]
    assert lowest["text"] == style.reach_text(lowest["reached"], lowest["conversion"])
    content = read_content(journey)
    assert content.reach[0] == first["text"]
    assert content.biggest_drop is not None


def test_map_and_curve_use_the_table_s_colours_and_the_personas_own() -> None:
    journey = bike_shop()
    journey.add_persona("Ali", persona_id="ali")
    journey.set_emotion("step_1", 1, persona="ali")
    journey.update("stages", "stage_2", color="#123456")
    content = read_content(journey)
    own = journey.personas.at["persona_1", "color"]
    colours = {curve.persona_id: curve.color for curve in content.curves}
    assert colours["persona_1"] == (style.own_color(own) or style.PERSONA_COLORS[0])
    assert colours["ali"] == style.PERSONA_COLORS[1]  # second persona, no colour of its own
    assert content.stage_colors[:2] == [style.STAGE_COLORS[0], "#123456"]
    figure = journey.plot()
    fills = {
        to_hex(face).upper()
        for collection in figure.axes[0].collections
        for face in collection.get_facecolors()
    }
    assert "#123456" in fills and style.mix("#123456", style.STAGE_BAND_MIX) in fills
    lines = {line.get_label(): to_hex(line.get_color()).upper() for line in
             journey.plot_emotions().axes[0].get_lines()}  # fmt: skip
    assert lines["Ali"] == style.PERSONA_COLORS[1]


def test_funnel_figure_labels_counts_marks_the_drop_and_has_no_legend_without_breakdown() -> None:
    journey = shop_journey()
    result = funnel(event_log(500), journey)
    ax = plot_funnel(result).axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert "▼ biggest drop" in texts
    assert ax.get_legend() is None, "no legend without a breakdown"
    entered = result["entered"].tolist()
    assert style.format_count(entered[1]) in " ".join(texts)
    drop_step = int(pd.Series(result["conversion_from_previous"]).iloc[1:].astype(float).idxmin())
    spans = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_alpha()]
    assert len(spans) == 1 and abs(spans[0].get_x() + 0.45 - drop_step) < 1e-9
    by_channel = plot_funnel(funnel(event_log(500), journey, breakdown="channel")).axes[0]
    legend = by_channel.get_legend()
    assert legend is not None and legend.get_title().get_text() == "channel"


def test_paths_figure_ticks_are_distinct_and_durations_readable() -> None:
    journey = shop_journey()
    figure = plot_paths(paths(event_log(500), journey))
    ax = figure.axes[0]
    figure.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert len(ticks) == len(set(ticks)) >= 3, ticks
    notes = [t.get_text() for t in ax.texts]
    assert all("days" not in n and ":" not in n for n in notes), notes
    assert any(" min" in n or " h" in n or " d" in n or " s" in n for n in notes), notes


def test_legends_say_to_be_as_the_widget_does() -> None:
    journey = bike_shop()
    journey.set_emotion("step_6", 1, persona="persona_1", variant="to_be")
    legend = journey.plot().axes[0].get_legend()
    assert "Mei 美 (to-be)" in [t.get_text() for t in legend.get_texts()]
