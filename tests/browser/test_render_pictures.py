"""Pictures where people look for them: figures in a fresh JupyterLab and Notebook 7 kernel
(no pyplot imported), and the map's picture in nbconvert's offline HTML with widget state,
hidden beside the running widget."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient
from nbconvert import HTMLExporter

from .conftest import ARTIFACTS, Page
from .harness import Server, open_notebook, run_all, wait_idle

pytestmark = pytest.mark.browser

CELLS = [
    "from journeywidgets.datasets import bike_shop\nj = bike_shop()\nj",
    "j.plot()",
    "j.plot_emotions()",
]


def shown_images(page: Any) -> list[dict[str, Any]]:
    """Every image in an output area that is actually on screen, with its size."""
    return list(
        page.evaluate(
            """() => [...document.querySelectorAll('.jp-OutputArea-output img')]
                .map(img => ({cls: img.className, w: img.naturalWidth,
                              shown: img.getBoundingClientRect().width > 0,
                              cell: [...document.querySelectorAll('.jp-CodeCell')]
                                    .indexOf(img.closest('.jp-CodeCell'))}))"""
        )
    )


@pytest.mark.parametrize("app", ["lab", "notebook"])
def test_figures_show_and_the_picture_hides_beside_the_live_map(
    jupyter: Server, page: Page, app: str
) -> None:
    name = jupyter.notebook(f"pictures_{app}.ipynb", CELLS)
    if app == "lab":
        # A workspace of its own: Lab would reopen the notebooks of earlier tests beside it.
        with page.page.expect_websocket(lambda ws: "/api/kernels/" in ws.url, timeout=60_000):
            page.page.goto(
                f"{jupyter.url}/lab/workspaces/pictures/tree/{name}?reset&token={jupyter.token}"
            )
        page.page.wait_for_selector(".jp-Notebook", timeout=60_000)
        wait_idle(page.page)
    else:
        open_notebook(page.page, jupyter, name, app=app)
    run_all(page.page)
    root = page.page.locator(".jw-root").first
    root.wait_for(timeout=30_000)
    page.page.locator(".jp-CodeCell").nth(2).locator(".jp-OutputArea-output img").wait_for()
    images = shown_images(page.page)
    by_cell = {cell: [i for i in images if i["cell"] == cell and i["shown"]] for cell in range(3)}
    # The map's cell: the live widget, and its picture kept in the output but not shown.
    assert root.bounding_box()["width"] > 500
    assert [i for i in images if i["cell"] == 0 and "jw-map-picture" in i["cls"]], images
    assert by_cell[0] == [], "the picture is hidden where the widget runs"
    # The figures' cells: one image each, drawn (no pyplot was imported).
    for cell in (1, 2):
        assert len(by_cell[cell]) == 1 and by_cell[cell][0]["w"] > 400, images
    assert "<Figure size" not in page.page.locator(".jp-CodeCell").nth(1).inner_text()
    page.page.locator(".jp-CodeCell").nth(1).scroll_into_view_if_needed()
    page.check_clean()
    jupyter.shutdown_kernels()


def test_offline_html_with_widget_state_shows_the_map(tmp_path: Path, browser: Any) -> None:
    book = nbformat.v4.new_notebook()
    book.cells = [nbformat.v4.new_code_cell(source) for source in CELLS[:2]]
    NotebookClient(  # what `jupyter nbconvert --execute` does: widget state stored
        book,
        kernel_name="python3",
        store_widget_state=True,
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute()
    assert "application/vnd.jupyter.widget-state+json" in book.metadata["widgets"]
    body, _ = HTMLExporter().from_notebook_node(book)
    page_file = tmp_path / "offline.html"
    page_file.write_text(body, encoding="utf-8")

    context = browser.new_context(viewport={"width": 1300, "height": 1400})
    context.route("http*://**/*", lambda route: route.abort())  # offline: no CDN
    page = context.new_page()
    page.goto(page_file.as_uri())
    page.wait_for_load_state("load")
    images = page.evaluate(
        """() => [...document.querySelectorAll('img')].map(img => ({cls: img.className,
              w: img.naturalWidth, h: img.naturalHeight,
              box: img.getBoundingClientRect().width}))"""
    )
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "offline_html_with_widget_state.png"), full_page=True)
    context.close()
    maps = [i for i in images if i["cls"] == "jw-map-picture"]
    assert len(maps) == 1 and maps[0]["w"] > 800 and maps[0]["box"] > 800, images
    assert len([i for i in images if i["w"] > 800]) == 2, "the map's picture and j.plot()"
