"""A notebook saved with widget state shows the map as it was when saved."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient


def test_saved_widget_state_holds_the_current_map(tmp_path: Path) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell(
            "import journeywidgets as jw\nfrom journeywidgets.datasets import bike_shop\nj = bike_shop()\nj"
        ),
        # Changed after the map was displayed: the saved state must still show it.
        nbformat.v4.new_code_cell('j.steps.loc["step_1", "name"] = "Edited after display 之后"'),
    ]
    client = NotebookClient(
        notebook, timeout=120, kernel_name="python3", store_widget_state=True,
        resources={"metadata": {"path": str(tmp_path)}},
    )  # fmt: skip
    client.execute()
    state = notebook.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    maps = [m["state"] for m in state.values() if "_snapshot" in m["state"]]
    assert len(maps) == 1
    steps = {row["step_id"]: row["name"] for row in maps[0]["_snapshot"]["tables"]["steps"]}
    assert steps["step_1"] == "Edited after display 之后"
    assert "jw-root" in maps[0]["_esm"]  # the map's own front-end code travels with the state
    # the view is the last output (the map's picture comes first: render/notebook.py)
    view = notebook.cells[0].outputs[-1]["data"]["application/vnd.jupyter.widget-view+json"]
    assert view["model_id"] in state
