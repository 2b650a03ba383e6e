"""The example notebooks run top to bottom in a real kernel (as the demo opens them)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

# How many PNG outputs an example shows at least: every figure its cells leave as output.
PICTURES = {"03-static-maps.ipynb": 4, "05-analytics.ipynb": 4}
EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("**/*.ipynb"))
EXAMPLES = [p for p in EXAMPLES if ".ipynb_checkpoints" not in p.parts]


@pytest.mark.notebooks
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_notebook_runs(path: Path, tmp_path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()  # raises CellExecutionError, with the cell and traceback, on any error
    text = "\n".join(
        str(output.get("text", ""))
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )
    assert "Traceback" not in text
    pictures = [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if "image/png" in output.get("data", {})
    ]
    # The notebooks about pictures show them, in a fresh kernel, with no pyplot imported.
    assert len(pictures) >= PICTURES.get(path.name, 0), f"{len(pictures)} pictures"
    for cell in notebook.cells:  # no figure anywhere shows as "<Figure size … with 1 Axes>"
        for output in cell.get("outputs", []):
            if "Figure size" in str(output.get("data", {}).get("text/plain", "")):
                assert "image/png" in output["data"], cell.source


def test_getting_started_shows_the_in_place_edit_and_its_rollback(tmp_path: Path) -> None:
    notebook = nbformat.read(EXAMPLES[0], as_version=4)
    NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute()
    streams = [
        o
        for c in notebook.cells
        if c.cell_type == "code"
        for o in c.outputs
        if o.output_type == "stream"
    ]
    printed = "".join(o.text for o in streams)
    assert (
        "the last edit was [('update', 'steps', 'step_4'), ('update', 'cards', 'card_10')]"
        in printed
    )
    assert "table 'steps', row 'step_1', column 'kind': 'dance' is not allowed" in printed
    assert (
        "at /tables/steps/3/position: position 0 is used by both 'step_4' and 'step_3'" in printed
    )
