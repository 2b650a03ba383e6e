"""Figures of the research synthesis: n and spread on the curve, assumptions marked,
the distribution of ratings as diverging stacked bars."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest
from matplotlib.patches import Rectangle

import journeywidgets as jw
from journeywidgets.render.evidence import ASSUMED_LABEL, HATCH

from .research_study import add_participants, add_segment, five_at_checkout, rate


def study() -> jw.Journey:
    j = five_at_checkout()
    add_participants(j, {"p6": None})
    rate(j, "p6", "browse", [1])
    add_segment(j, "f1", "p1", ["at_checkout", "fees"])
    j.map_codes({"hidden fees": {"lane": "pains", "kind": "pain_point"}})
    j.add_card("a guess", lane="pains", step="basket", card_id="guess")
    j.aggregate_emotions()
    return j


def hatched(figure) -> list[Rectangle]:
    return [
        p
        for ax in figure.axes
        for p in ax.patches
        if isinstance(p, Rectangle) and p.get_hatch() == HATCH
    ]


def texts(figure) -> list[str]:
    return [t.get_text() for ax in figure.axes for t in ax.texts]


def legend_labels(figure) -> list[str]:
    return [
        t.get_text()
        for ax in figure.axes
        for legend in [ax.get_legend()]
        if legend
        for t in legend.get_texts()
    ]


def test_the_map_marks_assumptions_and_shows_n_and_the_interval() -> None:
    j = study()
    figure = j.plot()
    # The basket step (no segment) and the guessed card are assumptions; the fees card is not.
    assert len(hatched(figure)) == 2
    assert {"n=5", "n=1"} <= set(texts(figure))  # every aggregated point says its n
    assert ASSUMED_LABEL in legend_labels(figure)
    assert "95% interval · n participants" in legend_labels(figure)
    assert hatched(j.plot(evidence=False)) == []


def test_the_interval_is_named_at_the_level_it_was_computed_at() -> None:
    j = study()
    assert j.meta["emotion_confidence"] == 0.95
    j.aggregate_emotions(confidence=0.9)
    assert j.meta["emotion_confidence"] == 0.9
    assert "90% interval · n participants" in legend_labels(j.plot())
    assert "90% interval · n participants" in legend_labels(j.plot_emotions())
    j.undo()  # the level goes back with the intervals it names: one change
    assert j.meta["emotion_confidence"] == 0.95
    with pytest.raises(jw.ValidationError, match="emotion_confidence"):
        j.set_meta(emotion_confidence=1.5)


def test_a_map_without_research_material_marks_nothing_unless_asked() -> None:
    j = jw.Journey("Workshop")
    j.add_stage("S", stage_id="s")
    j.add_step("one", "s", step_id="one")
    j.set_emotion("one", 1)
    assert hatched(j.plot()) == []
    assert len(hatched(j.plot(evidence=True))) == 1  # the step; the point is drawn hollow
    assert ASSUMED_LABEL in legend_labels(j.plot(evidence=True))


def test_the_emotion_chart_draws_whiskers_at_the_interval() -> None:
    j = study()
    figure = j.plot_emotions()
    (ax,) = figure.axes
    row = j.emotions.set_index("step_id").loc["checkout"]
    whiskers = [line for line in ax.lines if list(line.get_xdata()) == [2, 2]]
    assert [sorted(w.get_ydata()) for w in whiskers] == [
        [pytest.approx(row["ci_low"]), pytest.approx(row["ci_high"])]
    ]
    assert "n=5" in texts(figure)
    assert ASSUMED_LABEL not in legend_labels(figure)  # no point of this curve is assumed


def test_distribution_bars_are_shares_of_participants_diverging_at_zero() -> None:
    j = study()
    figure = j.plot_emotion_distribution()
    (ax,) = figure.axes
    bars = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_width() > 0]
    by_row: dict[float, list[Rectangle]] = {}
    for bar in bars:
        by_row.setdefault(round(bar.get_y() + bar.get_height() / 2, 3), []).append(bar)
    assert len(by_row) == 2
    checkout = by_row[0.0]  # the last step is the bottom row
    assert sum(b.get_width() for b in checkout) == pytest.approx(100)
    # Checkout: 2 at −2, 2 at −1, 1 at +1 of 5 participants: 80 % left of zero.
    assert min(b.get_x() for b in checkout) == pytest.approx(-80)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Browse (n=1)", "Checkout (n=5)"]


def test_distribution_without_ratings_says_what_to_do() -> None:
    with pytest.raises(jw.ValidationError, match="map_codes"):
        jw.Journey().plot_emotion_distribution()


def test_the_picture_beside_the_widget_is_the_plot_with_assumptions_marked() -> None:
    # Where widgets do not run, the notebook shows this picture: it must mark what the
    # live map marks, so it is compared with plot() pixel by pixel.
    import base64
    import io

    import numpy as np
    from PIL import Image

    from journeywidgets.render.evidence import ASSUMED_EDGE
    from journeywidgets.render.export import _save

    def pixels(png: bytes) -> np.ndarray:
        return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))

    def drawn(figure) -> np.ndarray:
        buffer = io.BytesIO()
        _save(figure, buffer, "png", 96)
        return pixels(buffer.getvalue())

    j = study()
    view = jw.JourneyMap(j)
    data, _ = view._repr_mimebundle_()
    view.close()
    shown = pixels(base64.b64decode(data["image/png"]))
    np.testing.assert_array_equal(shown, drawn(j.plot()))
    bare = drawn(j.plot(evidence=False))
    edge = np.array([int(ASSUMED_EDGE[i : i + 2], 16) for i in (1, 3, 5)])

    def edge_pixels(image: np.ndarray) -> int:
        return int((np.abs(image.astype(int) - edge).sum(axis=2) < 30).sum())

    # The hatching and the legend's swatch are in the picture, not in the bare map.
    assert edge_pixels(shown) > edge_pixels(bare) + 200
