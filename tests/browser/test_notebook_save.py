"""Work made in the map is not lost: the toolbar says whether the file holds it, autosave
keeps the file current, and a notebook saved right after edits made only in the map (no
cell run since) stores them in its widget state."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import journeywidgets as jw

from .conftest import Page
from .harness import Server, open_notebook, run_cell

pytestmark = pytest.mark.browser

SETUP = """
import journeywidgets as jw
from journeywidgets.datasets import bike_shop
j = bike_shop()
j.save("bike.journey.json")
jw.JourneyMap(j)
"""


@pytest.fixture
def widget_state_saved(jupyter: Server) -> Iterator[None]:
    """JupyterLab's "Save Widget State Automatically" (off by default), for this test."""
    settings = jupyter.root.parent / "settings" / "@jupyter-widgets" / "jupyterlab-manager"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "plugin.jupyterlab-settings").write_text(json.dumps({"saveState": True}))
    yield
    (settings / "plugin.jupyterlab-settings").unlink()


def _saved_step_names(notebook: Path) -> dict[str, str] | None:
    """The step names in the map's widget state of the notebook file, if it has one."""
    document = json.loads(notebook.read_text(encoding="utf-8"))
    widgets = document.get("metadata", {}).get("widgets", {})
    state = widgets.get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    for model in state.values():
        snapshot = model.get("state", {}).get("_snapshot")
        if snapshot:
            return {row["step_id"]: row["name"] for row in snapshot["tables"]["steps"]}
    return None


def _wait_for(condition: object, what: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


def _rename_step(root: object, step: str, text: str) -> None:
    root.locator(f'.jw-step[data-id="{step}"] .jw-text').dblclick()  # type: ignore[attr-defined]
    editor = root.locator("textarea.jw-editor")  # type: ignore[attr-defined]
    editor.fill(text)
    editor.press("Enter")


def _file_step_name(path: Path, step: str) -> str:
    return str(jw.load(path).steps.at[step, "name"])


def test_unsaved_changes_show_and_a_saved_notebook_holds_map_edits(
    jupyter: Server, page: Page, widget_state_saved: None
) -> None:
    name = jupyter.notebook(
        "save_state.ipynb", [SETUP, 'saver = j.autosave("bike.journey.json", delay=0.2)']
    )
    notebook, journey_file = jupyter.root / name, jupyter.root / "bike.journey.json"
    raw = page.page
    open_notebook(raw, jupyter, name)
    run_cell(raw, 0)
    root = raw.locator(".jw-root").first
    root.locator('.jw-step[data-id="step_2"]').wait_for()
    status = root.locator(".jw-toolbar .jw-save-state")
    status.filter(has_text="Saved to bike.journey.json").wait_for(timeout=10_000)
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"
    assert status.get_attribute("title") == str(journey_file)
    inside = raw.evaluate(
        """() => {
            const bar = document.querySelector('.jw-root .jw-toolbar').getBoundingClientRect();
            const s = document.querySelector('.jw-root .jw-save-state').getBoundingClientRect();
            return s.width > 0 && s.left >= bar.left && s.right <= bar.right
                && s.top >= bar.top && s.bottom <= bar.bottom;
        }"""
    )
    assert inside, "the indicator is shown inside the map's toolbar"

    # An edit in the map, and no cell run after it: the file no longer holds the map.
    original = _file_step_name(journey_file, "step_2")
    _rename_step(root, "step_2", "Edited in the map 地图")
    status.filter(has_text="Unsaved changes").wait_for(timeout=10_000)
    assert _file_step_name(journey_file, "step_2") == original

    # Saving the notebook stores the map as it is now, not as of the last cell.
    assert _saved_step_names(notebook) is None, "a new notebook has no widget state"
    raw.locator('.jp-NotebookPanel-toolbar [data-jp-item-name="save"]').click()
    _wait_for(lambda: _saved_step_names(notebook) is not None, "the notebook's widget state")
    assert _saved_step_names(notebook)["step_2"] == "Edited in the map 地图"  # type: ignore[index]

    # Autosave: the file follows each edit and the toolbar says so.
    run_cell(raw, 1)
    status.filter(has_text="Saved to bike.journey.json").wait_for(timeout=10_000)
    assert _file_step_name(journey_file, "step_2") == "Edited in the map 地图"
    _rename_step(root, "step_3", "Autosaved 自动")
    _wait_for(lambda: _file_step_name(journey_file, "step_3") == "Autosaved 自动", "the autosave")
    status.filter(has_text="Saved to bike.journey.json").wait_for(timeout=10_000)
    page.check_clean()
    jupyter.shutdown_kernels()
