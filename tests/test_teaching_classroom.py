"""Headless grading: the student notebook under nbgrader's autograder finishes, shows the
map as a picture, and grades the map the student saved (widget edits included)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import journeywidgets as jw
from journeywidgets import teaching

STUDENT = Path(__file__).parent.parent / "examples" / "course" / "01-student-exercise.ipynb"


@pytest.mark.notebooks
def test_student_notebook_under_nbgrader_autograde(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What the student did in the widget, saved by the notebook's last cell before hand-in.
    saved = jw.template("current_state")
    saved.set_meta(scenario=None)
    saved.save(tmp_path / "my-map.journey.json")
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    notebook = nbformat.read(STUDENT, as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()  # fmt: skip
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    data = [o.get("data", {}) for o in outputs]
    assert any("image/png" in d for d in data)
    assert not any("application/vnd.jupyter.widget-view+json" in d for d in data)
    printed = "".join(o.get("text", "") for o in outputs)
    assert "JM102" in printed or any("JM102" in str(d.get("text/plain", "")) for d in data)
    again = jw.load(tmp_path / "my-map.journey.json")
    assert again.meta["scenario"] is None  # the student's edit survived the re-execution


def test_exercise_starts_from_the_template_then_loads_the_saved_work(tmp_path: Path) -> None:
    path = tmp_path / "work.journey.json"
    first = teaching.exercise(path, template="buyers_journey", language="ms", into=jw.Journey)
    assert path.exists() and first.title.startswith("Perjalanan pembeli")
    first.update("stages", "awareness", name="Sedar")
    first.save(path)
    assert (
        teaching.exercise(path, template="buyers_journey").stages.loc["awareness", "name"]
        == "Sedar"
    )


def test_headless_show_is_a_picture(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.setenv("JOURNEYWIDGETS_HEADLESS", "1")
    shown = teaching.show(jw.template("saas_trial"))
    assert shown._repr_png_().startswith(b"\x89PNG")
