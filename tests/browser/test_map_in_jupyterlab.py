"""The map widget in a real JupyterLab, driven by headless Chromium."""

from __future__ import annotations

import re

import pytest

from .conftest import Page
from .harness import Server, open_notebook, run_all, run_cell
from .test_map_editor import axe

pytestmark = pytest.mark.browser

XSS = "<img src=x onerror=alert(1)>"

SETUP = f"""
import journeywidgets as jw
from journeywidgets.datasets import bike_shop
j = bike_shop()
j.add_card("lane_4", "step_1", {XSS!r}, kind="pain_point", card_id="xss")
first = jw.JourneyMap(j)
first
"""


def view(page: Page, index: int) -> object:
    return page.page.locator(".jw-root").nth(index)


def test_two_way_editing_in_jupyterlab(jupyter: Server, page: Page) -> None:
    name = jupyter.notebook(
        "two_way.ipynb",
        [
            SETUP,
            "second = jw.JourneyMap(j)\nsecond",
            'print("NAME=" + j.steps.loc["step_2", "name"])',
            'j.steps.loc["step_3", "name"] = "Changed in pandas 改"',
            'print("SCORE=" + str(j.emotions.set_index("step_id").loc["step_5", "score"]))',
            'print("STAGE=" + j.steps.loc["step_1", "stage_id"])',
        ],
    )
    open_notebook(page.page, jupyter, name)
    run_all(page.page)
    raw = page.page
    first, second = view(page, 0), view(page, 1)
    first.locator('.jw-step[data-id="step_2"]').wait_for()

    # (5) the XSS card is shown literally and runs nothing.
    assert first.locator('.jw-card[data-id="xss"] .jw-text').inner_text() == XSS
    assert raw.locator(".jw-root img").count() == 0

    # (2) an in-place pandas edit (cell 3 ran in Run All) shows in both views.
    for v in (first, second):
        assert (
            v.locator('.jw-step[data-id="step_3"] .jw-text').inner_text() == "Changed in pandas 改"
        )

    # (1)+(3) edit a step's text in the first view: the second view follows, and a later
    # cell prints the DataFrame cell with the new text.
    first.locator('.jw-step[data-id="step_2"] .jw-text').dblclick()
    editor = first.locator("textarea.jw-editor")
    editor.fill("Searches on 小红书 🔍")
    editor.press("Enter")
    second_name = second.locator('.jw-step[data-id="step_2"] .jw-text')
    second_name.filter(has_text="Searches on 小红书 🔍").wait_for(timeout=10_000)
    assert "NAME=Searches on 小红书 🔍" in run_cell(page.page, 2)

    # (4) drag an emotion point: Mei's score at step_5 (+2) goes down to the bottom (−2).
    point = first.locator('circle[data-emotion="emotion_5"]')
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    svg_box = first.locator("svg.jw-curve").bounding_box()
    raw.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    raw.mouse.down()
    raw.mouse.move(box["x"] + box["width"] / 2, svg_box["y"] + svg_box["height"] - 2, steps=8)
    raw.mouse.up()
    assert re.search(r"SCORE=-2(\.0)?\b", run_cell(page.page, 4)), (
        "the dragged point did not reach journey.emotions"
    )

    # A refused edit (a blank step name) changes nothing; the view that sent it says why.
    first.locator('.jw-step[data-id="step_1"] .jw-text').dblclick()
    first.locator("textarea.jw-editor").fill("   ")
    first.locator("textarea.jw-editor").press("Enter")
    error = first.locator(".jw-error")
    error.filter(has_text="must not be blank").wait_for(timeout=10_000)
    # In the map's words: which step and field, not table/row/column ids.
    assert "the step “Sees a colleague's bike” (its name)" in error.inner_text()
    assert "table 'steps'" not in error.inner_text()
    assert (
        first.locator('.jw-step[data-id="step_1"] .jw-text').inner_text()
        == "Sees a colleague's bike"
    )
    assert second.locator(".jw-error").is_hidden()

    # Drag a step onto another stage: it moves there, in every view and in the frame. (The
    # target is on screen: Playwright would scroll an off-screen one into view after pressing
    # the mouse, shifting the map under the pointer.)
    first.locator('.jw-step[data-id="step_1"]').drag_to(
        first.locator('.jw-stage[data-id="stage_2"]')
    )
    moved = second.locator('.jw-step[data-id="step_1"]')
    raw.wait_for_function(
        """() => {
            const roots = document.querySelectorAll('.jw-root');
            const step = roots[1]?.querySelector('.jw-step[data-id="step_1"]');
            const stage = roots[1]?.querySelector('.jw-stage[data-id="stage_2"]');
            return step && stage && step.getBoundingClientRect().left >= stage.getBoundingClientRect().left;
        }""",
        timeout=10_000,
    )
    assert moved.is_visible()
    assert "STAGE=stage_2" in run_cell(page.page, 5)

    assert axe(raw) == []  # both views, after edits, a refusal and a move

    # (6) save, reload the page: the maps come back showing the current state.
    raw.keyboard.press("Control+s")
    raw.wait_for_timeout(500)
    open_notebook(page.page, jupyter, name)
    view(page, 0).locator('.jw-step[data-id="step_2"]').wait_for(timeout=30_000)
    for v in (view(page, 0), view(page, 1)):
        assert (
            v.locator('.jw-step[data-id="step_2"] .jw-text').inner_text() == "Searches on 小红书 🔍"
        )
    page.check_clean()
    jupyter.shutdown_kernels()
