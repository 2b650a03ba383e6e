"""The map widget in Notebook 7, driven by headless Chromium."""

from __future__ import annotations

import pytest

from .conftest import Page
from .harness import Server, open_notebook, run_all, run_cell
from .test_map_editor import axe

pytestmark = pytest.mark.browser


def test_edit_in_notebook7_reaches_python(jupyter: Server, page: Page) -> None:
    name = jupyter.notebook(
        "nb7.ipynb",
        [
            "import journeywidgets as jw\nfrom journeywidgets.datasets import bike_shop\nj = bike_shop()\nj",
            'print("CARD=" + j.cards.loc["card_3", "text"])',
        ],
    )
    open_notebook(page.page, jupyter, name, app="notebook")
    run_all(page.page)
    root = page.page.locator(".jw-root").first
    card = root.locator('.jw-card[data-id="card_3"] .jw-text')
    card.wait_for(timeout=30_000)
    card.dblclick()
    root.locator("textarea.jw-editor").fill("Compares shops · Bandingkan kedai")
    root.locator("textarea.jw-editor").press("Enter")
    card.filter(has_text="Bandingkan").wait_for(timeout=10_000)
    assert "CARD=Compares shops · Bandingkan kedai" in run_cell(page.page, 1)
    assert axe(page.page) == []
    page.check_clean()
    jupyter.shutdown_kernels()
