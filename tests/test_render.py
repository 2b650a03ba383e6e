"""Static maps: figures, image/PDF files, fonts for every script, and the notebook picture."""

from __future__ import annotations

import base64
import html
import io
import re
import warnings
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import numpy as np
import pandas as pd
import pypdf
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from matplotlib import font_manager
from matplotlib.figure import Figure
from PIL import Image

import journeywidgets as jw
from journeywidgets.datasets import bike_shop, synthetic
from journeywidgets.render import fonts
from journeywidgets.render.content import read_content
from journeywidgets.render.fonts import drawable
from journeywidgets.render.text import ELLIPSIS, HYPHEN, text_width, wrap

EXAMPLES = {
    "bike_shop": bike_shop,
    "one_stage": lambda: synthetic(1, 3),
    "a4_30_steps": lambda: synthetic(6, 5),
    "100_steps": lambda: synthetic(10, 10),
}


@pytest.fixture(autouse=True)
def fresh_font_warnings() -> None:
    fonts._warned.clear()


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_maps_render_without_any_warning(name: str) -> None:
    journey = EXAMPLES[name]()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # missing glyphs, layout or font problems all fail
        for figure in (journey.plot(), journey.plot_emotions()):
            figure.savefig(io.BytesIO(), format="png", dpi=50)


def test_page_size_follows_the_number_of_steps() -> None:
    a4 = synthetic(6, 5).plot().get_size_inches()  # 30 steps
    assert a4[0] <= 11.75 and a4[1] <= 8.27, "30 steps fit A4 landscape"
    wide = synthetic(10, 10).plot().get_size_inches()
    assert wide[0] > 3 * a4[0] * 0.9, "100 steps get a wider page, not unreadable columns"
    small = synthetic(1, 3).plot().get_size_inches()
    assert 5 < small[0] < 11.7, "3 steps get columns of a sane width, not a stretched page"
    assert synthetic(6, 5).plot(width=20).get_size_inches()[0] == pytest.approx(20)


def svg_text(journey: jw.Journey, **options: object) -> str:
    buffer = io.BytesIO()
    journey.plot(**options).savefig(buffer, format="svg")  # type: ignore[arg-type]
    return html.unescape(buffer.getvalue().decode())


def test_svg_holds_every_stage_and_step_name(tmp_path: Path) -> None:
    journey = bike_shop()
    path = journey.save_image(tmp_path / "map.svg")
    text = html.unescape(path.read_text(encoding="utf-8"))
    for name in [*journey.stages["name"], *journey.steps["name"]]:
        # Long names wrap onto several lines; every word is there.
        for word in str(name).split():
            assert word in text, f"{word!r} of {name!r} is missing from the SVG"
    assert "城市自行车" in text


def test_user_text_is_never_mathtext() -> None:
    journey = bike_shop()
    journey.set_meta(title="Price $5 and $10")
    journey.update("steps", "step_1", name="Pays $x^2$ fee")
    text = svg_text(journey)
    assert "Price $5 and $10" in text
    assert "$x^2$" in text


def test_pdf_opens_with_searchable_text_in_every_script(tmp_path: Path) -> None:
    journey = bike_shop()
    path = journey.save_image(tmp_path / "map.pdf")
    reader = pypdf.PdfReader(path)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text().replace("\n", "")  # wrapped lines joined
    assert "Awareness" in text and "城市自行车" in text and "没有物流单号" in text
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert width > height, "a journey map is landscape"


def test_png_size_follows_dpi(tmp_path: Path) -> None:
    journey = bike_shop()
    small = Image.open(journey.save_image(tmp_path / "a.png", dpi=50))
    large = Image.open(journey.save_image(tmp_path / "b.png", dpi=100))
    assert large.size[0] == pytest.approx(2 * small.size[0], abs=2)
    assert small.format == "PNG"


def test_save_image_refuses_unknown_formats_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(jw.ValidationError, match=r"map\.gif.*\.png, \.svg, \.pdf"):
        bike_shop().save_image(tmp_path / "map.gif")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = bike_shop().save_image(tmp_path / "map.png", dpi=30)
    before = path.read_bytes()

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(Figure, "savefig", broken)
    with pytest.raises(OSError, match="disk full"):
        bike_shop().save_image(path, dpi=30)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["map.png"]


def test_lanes_and_personas_are_chosen_by_id_name_or_type() -> None:
    journey = bike_shop()
    text = svg_text(journey, lanes=["Pain points", "opportunities"])
    assert "machine" in text and "fitting" in text
    assert "Saiz" not in text  # a thought: its lane is not drawn
    assert "Pain points" in text and "Thoughts" not in text
    with pytest.raises(jw.ValidationError, match="no lane 'nope'"):
        journey.plot(lanes=["nope"])
    with pytest.raises(jw.ValidationError, match="variant"):
        journey.plot(variant="later")  # type: ignore[arg-type]


def test_to_be_curve_is_drawn_dashed_beside_as_is() -> None:
    journey = bike_shop()
    journey.set_emotion("step_6", 1, persona="persona_1", variant="to_be")
    figure = journey.plot_emotions()
    styles = {line.get_label(): line.get_linestyle() for line in figure.axes[0].get_lines()}
    assert styles["Mei 美"] == "-" and styles["Mei 美 (to-be)"] == "--"


def test_drawing_into_a_given_axes() -> None:
    figure = Figure(figsize=(10, 6))
    ax = figure.add_subplot()
    assert bike_shop().plot(ax=ax) is figure
    assert bike_shop().plot_emotions(ax=ax) is figure


# -- fonts ---------------------------------------------------------------------------


def glyph_pixels(char: str, family: list[str]) -> np.ndarray:
    figure = Figure(figsize=(0.5, 0.5), dpi=100)
    figure.text(0.1, 0.1, char, family=family, fontsize=24)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return np.asarray(Image.open(buffer).convert("L"))


def test_cjk_glyphs_are_drawn_not_the_missing_glyph_box() -> None:
    chain = list(fonts.font_chain().families)
    assert any("CJK" in family for family in chain), "CI installs fonts-noto-cjk; no CJK font found"
    simplified, traditional = glyph_pixels("车", chain), glyph_pixels("車", chain)
    malay_latin = glyph_pixels("a", chain)
    # A missing glyph draws the same box whatever the character: real glyphs differ.
    assert not np.array_equal(simplified, traditional)
    assert (simplified < 128).sum() > 20 and (traditional < 128).sum() > 20
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tofu_a, tofu_b = glyph_pixels("车", ["DejaVu Sans"]), glyph_pixels("車", ["DejaVu Sans"])
    assert np.array_equal(tofu_a, tofu_b), "the default font draws both as the same box"
    assert any("missing from font" in str(w.message) for w in caught)
    assert not np.array_equal(simplified, tofu_a)
    assert not np.array_equal(malay_latin, simplified)


def test_emoji_come_from_an_outline_font() -> None:
    chain = fonts.font_chain()
    assert chain.covers("😡") and chain.covers("😀")
    assert not np.array_equal(
        glyph_pixels("😡", list(chain.families)), glyph_pixels("😀", list(chain.families))
    )


def test_missing_cjk_font_warns_once_naming_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    latin_only = fonts.FontChain(("DejaVu Sans",), (font_manager.findfont("DejaVu Sans"),))
    monkeypatch.setattr(fonts, "font_chain", lambda: latin_only)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fonts.check_glyphs(["Searches 城市自行车", "Bayar di kaunter"])
        fonts.check_glyphs(["另一个 step"])
    assert len(caught) == 1, "warned once, not once per text"
    assert caught[0].category is fonts.MissingFontWarning
    assert "fonts-noto-cjk" in str(caught[0].message)
    assert "城" in str(caught[0].message)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fonts.check_glyphs(["Malay: Bayar di kaunter, English, émigré"])


# -- wrapping ------------------------------------------------------------------------


def test_wrap_breaks_words_and_cjk_and_cuts_with_an_ellipsis() -> None:
    assert wrap("Compares three shops online", 5, 5) == ["Compares", "three", "shops", "online"]
    assert wrap("价格比较配送", 3, 5) == ["价格比", "较配送"]
    assert wrap("one two three four five", 5, 2)[-1].endswith(ELLIPSIS)
    assert wrap("first\nsecond", 20, 5) == ["first", "second"]


@given(st.text(max_size=80), st.floats(3, 30), st.integers(1, 6))
def test_wrapped_lines_fit_their_box(text: str, width: float, max_lines: int) -> None:
    assume(HYPHEN not in text)  # so that the hyphens in the result are the cuts
    lines = wrap(text, width, max_lines)
    assert 1 <= len(lines) <= max_lines
    for line in lines:
        assert text_width(line) <= width + 1.0  # at most one wide character over, never more
    if not any(line.endswith(ELLIPSIS) for line in lines):
        # every character is kept; a word cut to fit gains a hyphen at the cut
        joined = "".join(line.removesuffix(HYPHEN) for line in lines)
        assert joined.replace(" ", "") == "".join(text.split())


# -- the picture beside the widget ---------------------------------------------------


def test_the_widget_output_carries_a_picture_drawn_once_per_version(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from journeywidgets.widgets import journey_map

    drawn: list[int] = []
    real = journey_map.render_picture

    def counting(journey: jw.Journey, fmt: str = "png", **options: Any) -> bytes:
        drawn.append(journey.version)
        return real(journey, fmt, **options)

    monkeypatch.setattr(journey_map, "render_picture", counting)
    journey = bike_shop()
    view = jw.JourneyMap(journey)
    data, _ = view._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data
    png = base64.b64decode(data["image/png"])
    assert Image.open(io.BytesIO(png)).size[0] > 500
    view._repr_mimebundle_()
    assert drawn == [journey.version], "a second display of the same version draws nothing"
    journey.update("steps", "step_1", name="Changed")
    view._repr_mimebundle_()
    assert len(drawn) == 2
    data, _ = view._repr_mimebundle_(exclude=["image/png"])
    assert "image/png" not in data
    view.picture = "svg"
    data, _ = view._repr_mimebundle_()
    assert "Changed" in data["image/svg+xml"]
    view.picture = None
    data, _ = view._repr_mimebundle_()
    assert set(data) == {"text/plain", "application/vnd.jupyter.widget-view+json"}
    view.close()


def execute(cells: list[str], tmp_path: Path, *, store_widget_state: bool) -> Any:
    import nbformat
    from nbclient import NotebookClient

    book = nbformat.v4.new_notebook()
    book.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    NotebookClient(
        book,
        kernel_name="python3",
        store_widget_state=store_widget_state,
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute()
    return book


@pytest.mark.notebooks
@pytest.mark.parametrize("store_widget_state", [False, True], ids=["no_state", "widget_state"])
def test_nbconvert_html_shows_the_map_as_a_picture(
    tmp_path: Path, store_widget_state: bool
) -> None:
    from nbconvert import HTMLExporter

    cells = ["from journeywidgets.datasets import bike_shop\nbike_shop()"]
    # Without widget state (as JupyterLab saves by default) and with it (as
    # `jupyter nbconvert --execute` stores it): nbconvert prefers the widget view when its
    # state is there, so the picture has an output of its own, before the view's.
    book = execute(cells, tmp_path, store_widget_state=store_widget_state)
    picture, view = book.cells[0].outputs
    assert "image/png" in picture["data"] and "jw-map-picture" in picture["data"]["text/html"]
    assert "application/vnd.jupyter.widget-view+json" in view["data"]
    assert "image/png" not in view["data"], "the picture is not kept twice"
    assert ("widgets" in book.metadata) is store_widget_state
    body, _ = HTMLExporter().from_notebook_node(book)
    images = re.findall(r'<img [^>]*class="jw-map-picture"[^>]*>', body)
    assert len(images) == 1
    found = re.findall(r'src="data:image/png;base64,([^"]+)"', images[0])
    assert Image.open(io.BytesIO(base64.b64decode(found[0]))).size[0] > 800


@pytest.mark.notebooks
def test_figures_display_as_pictures_in_a_fresh_kernel(tmp_path: Path) -> None:
    cells = [
        "import sys\nfrom journeywidgets.datasets import bike_shop\nj = bike_shop()",
        "j.plot()",
        "j.plot_emotions()",
        "from journeywidgets.analytics import funnel, paths, plot_funnel, plot_paths\n"
        "from journeywidgets.datasets import event_log, shop_journey\n"
        "shop, events = shop_journey(), event_log(300)\nplot_funnel(funnel(events, shop))",
        "plot_paths(paths(events, shop))",
        "print('pyplot' in ' '.join(sys.modules))",
    ]
    book = execute(cells, tmp_path, store_widget_state=False)
    for cell in book.cells[1:5]:
        (output,) = cell.outputs
        png = base64.b64decode(output["data"]["image/png"])
        assert Image.open(io.BytesIO(png)).size[0] > 400, cell.source
    assert book.cells[5].outputs[0]["text"].strip() == "False", "no pyplot was imported"


# -- whatever the model accepts, the picture draws ------------------------------------


def test_a_step_in_no_stage_draws_and_saves(tmp_path: Path) -> None:
    journey = bike_shop()
    journey.add_step("Hears from a friend", None, step_id="before")
    assert journey.steps.at["before", "stage_id"] is pd.NA
    content = read_content(journey)
    assert content.step_stage[content.step_ids.index("before")] == -1
    for name in ("map.png", "map.pdf", "map.svg"):
        journey.save_image(tmp_path / name, dpi=40)
    saved = html.unescape((tmp_path / "map.svg").read_text(encoding="utf-8"))
    assert "Hears" in saved and "friend" in saved
    journey.plot_emotions().savefig(io.BytesIO(), format="png", dpi=30)


ANY_CHARACTER = st.text(
    st.characters(codec=None, exclude_categories=()), min_size=1, max_size=12
)  # surrogates, controls, format characters, non-characters: everything


@settings(max_examples=12, deadline=None)
@given(ANY_CHARACTER)
@example("Pays\ufefffee")  # crashed the PDF writer (TypeError)
@example("a\x01b\x1b")  # made the SVG not well-formed
@example("\ud800")  # a lone surrogate: every format raised
@example("\ufffe\U000e0001\u200b")
def test_any_text_draws_in_every_format(text: str) -> None:
    journey = synthetic(1, 2)
    step, card = journey.steps.index[0], journey.cards.index[0]
    try:  # the model may refuse some characters; what it accepts must draw
        journey.set_meta(title=text)
        journey.update("steps", step, name=text)
        journey.update("cards", card, text=text)
    except jw.JourneyError:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # missing glyphs are expected here
        for fmt in ("pdf", "svg", "png"):
            buffer = io.BytesIO()
            journey.plot().savefig(buffer, format=fmt, dpi=20)
            if fmt == "svg":
                ElementTree.fromstring(buffer.getvalue())  # well-formed XML


def test_invisible_and_control_characters_are_dropped_not_drawn() -> None:
    assert drawable("Pays\ufefffee") == "Paysfee"  # a BOM crashed the PDF writer
    assert drawable("a\x01b\x1bc") == "abc"  # not allowed in SVG's XML
    assert drawable("one\ttwo\r\nthree\u2028four") == "one two\nthree\nfour"
    assert drawable("\ud800") == "\ufffd"
    assert drawable("城市 bike 😀") == "城市 bike 😀"


def test_wide_maps_keep_words_whole() -> None:
    journey = synthetic(10, 10)  # 100 steps: the page grows beyond A4
    journey.update("steps", journey.steps.index[0], name="Bandingkan pengesahannya")
    content = read_content(journey)
    figure = journey.plot()
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert any("Bandingkan" in t for t in texts), "a word of 10 letters is whole"
    assert any("-\n" in t and "pengesa" in t for t in texts), "a longer one is hyphenated"
    assert figure.get_size_inches()[0] > 100 * 0.33 + 1.3
    assert content.step_names[0] == "Bandingkan pengesahannya"


def test_a_word_wider_than_its_box_is_cut_with_a_hyphen() -> None:
    assert wrap("Internationalisation", 5, 8) == ["Interna-", "tionali-", "sation"]
    assert wrap("价格比较配送", 3, 5) == ["价格比", "较配送"]  # CJK breaks anywhere, no hyphen
