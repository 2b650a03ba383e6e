"""Fixtures for the browser tests: one Jupyter server and one Chromium per test session
(see harness.py), and a fresh page per test that records page errors and dialogs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from .harness import HarnessError, Server, chromium, jupyter_server

ARTIFACTS = Path(__file__).parent.parent.parent / "test-artifacts"
KNOWN_PAGE_ERRORS = (
    # Notebook 7.6 raises this on every notebook page (see ../shared/browser-testing.md).
    "Cannot read properties of undefined (reading 'schema')",
    # Notebook 7 on a server whose JupyterLab workspace was used before (the Lab tests run
    # first on the shared server): it tries to restore Lab's file browser.
    "Command 'filebrowser:open-path' not registered.",
)


@pytest.fixture(scope="session")
def jupyter(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    try:
        with jupyter_server(tmp_path_factory.mktemp("jupyter")) as server:
            yield server
    except HarnessError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    try:
        with chromium() as launched:
            yield launched
    except HarnessError as error:
        pytest.fail(str(error))


@dataclass
class Page:
    """A browser page, with the errors and dialogs it produced."""

    page: Any
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def check_clean(self) -> None:
        unexpected = [e for e in self.errors if not any(k in e for k in KNOWN_PAGE_ERRORS)]
        assert unexpected == [], f"page errors: {unexpected}"
        assert self.dialogs == [], f"dialogs opened: {self.dialogs}"


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    raw = context.new_page()
    wrapped = Page(raw)
    raw.on("pageerror", lambda error: wrapped.errors.append(str(error)))

    def on_dialog(dialog: Any) -> None:
        wrapped.dialogs.append(dialog.message)
        dialog.dismiss()

    raw.on("dialog", on_dialog)
    yield wrapped
    ARTIFACTS.mkdir(exist_ok=True)
    raw.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=False)
    context.close()
