"""A real Jupyter server and a real headless Chromium, shared by the browser tests.

The server runs on 127.0.0.1 with its own config, runtime and settings folders; the
browser is Debian's Chromium driven by Playwright (its own browser download cannot run
here). Known traps are handled as ../shared/browser-testing.md describes: wait for the
kernel's websocket before trusting the "idle" indicator, silence the news toast, and
ignore exactly one known page error of Notebook 7.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).parent.parent.parent / "test-artifacts"
KNOWN_PAGE_ERRORS = (
    # Notebook 7.6 raises this on every notebook page (see ../shared/browser-testing.md).
    "Cannot read properties of undefined (reading 'schema')",
    # Notebook 7 on a server whose JupyterLab workspace was used before (the Lab tests run
    # first on the shared server): it tries to restore Lab's file browser.
    "Command 'filebrowser:open-path' not registered.",
)


@dataclass
class Server:
    url: str
    token: str
    root: Path
    log: Path

    def notebook(self, name: str, cells: list[str]) -> str:
        book = nbformat.v4.new_notebook()
        book.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        book.cells = [nbformat.v4.new_code_cell(source) for source in cells]
        nbformat.write(book, self.root / name)
        return name


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def jupyter(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    base = tmp_path_factory.mktemp("jupyter")
    root = base / "notebooks"
    root.mkdir()
    settings = base / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    port, token = _free_port(), secrets.token_hex(16)
    log = base / "server.log"
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(base / "config"),
        "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(base / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(base / "workspaces"),
    }
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
        f"--ServerApp.root_dir={root}", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
        f"--IdentityProvider.token={token}", "--ServerApp.port_retries=0",
    ]  # fmt: skip
    with log.open("w") as out:
        process = subprocess.Popen(
            command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None:
            pytest.fail(f"Jupyter server exited ({process.returncode}):\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2):
                break
        except OSError:
            if time.monotonic() > deadline:
                os.killpg(process.pid, signal.SIGTERM)
                pytest.fail(f"Jupyter server did not start in 60 s:\n{log.read_text()}")
            time.sleep(0.25)
    yield Server(url, token, root, log)
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Page:
    """A browser page, with the errors and dialogs it produced."""

    page: object
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def check_clean(self) -> None:
        unexpected = [e for e in self.errors if not any(k in e for k in KNOWN_PAGE_ERRORS)]
        assert unexpected == [], f"page errors: {unexpected}"
        assert self.dialogs == [], f"dialogs opened: {self.dialogs}"


@pytest.fixture
def page(browser: object, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1500, "height": 1000})  # type: ignore[attr-defined]
    raw = context.new_page()
    wrapped = Page(raw)
    raw.on("pageerror", lambda error: wrapped.errors.append(str(error)))
    raw.on(
        "console",
        lambda msg: (
            wrapped.errors.append(msg.text)
            if msg.type == "error" and "journeywidgets" in msg.text
            else None
        ),
    )

    def on_dialog(dialog: object) -> None:
        wrapped.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    raw.on("dialog", on_dialog)
    yield wrapped
    ARTIFACTS.mkdir(exist_ok=True)
    raw.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=False)
    context.close()


def open_notebook(page: Page, server: Server, name: str, *, app: str = "lab") -> None:
    """Open a notebook and wait until its kernel is connected and idle."""
    raw = page.page
    path = f"lab/tree/{name}" if app == "lab" else f"notebooks/{name}"
    with raw.expect_websocket(lambda ws: "/api/kernels/" in ws.url, timeout=60_000):  # type: ignore[attr-defined]
        raw.goto(f"{server.url}/{path}?token={server.token}")  # type: ignore[attr-defined]
    raw.wait_for_selector(".jp-Notebook", timeout=60_000)  # type: ignore[attr-defined]
    wait_idle(page)


def wait_idle(page: Page) -> None:
    page.page.wait_for_selector(  # type: ignore[attr-defined]
        ".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000
    )


def run_all(page: Page) -> None:
    raw = page.page
    raw.get_by_role("menuitem", name="Run", exact=True).click()  # type: ignore[attr-defined]
    raw.get_by_role("menuitem", name="Run All Cells", exact=True).click()  # type: ignore[attr-defined]
    raw.wait_for_timeout(300)  # type: ignore[attr-defined]
    wait_idle(page)


def run_cell(page: Page, index: int) -> str:
    """Run the notebook's cell ``index`` and return its output text."""
    raw = page.page
    cell = raw.locator(".jp-Notebook .jp-Cell").nth(index)  # type: ignore[attr-defined]
    cell.locator(".jp-InputArea-editor").click()
    raw.keyboard.press("Control+Enter")  # type: ignore[attr-defined]
    raw.wait_for_timeout(300)  # type: ignore[attr-defined]
    wait_idle(page)
    return str(cell.locator(".jp-OutputArea").inner_text())


def shutdown_kernels(server: Server) -> None:
    request = urllib.request.Request(f"{server.url}/api/kernels?token={server.token}")
    with urllib.request.urlopen(request) as response:
        kernels = json.load(response)
    for kernel in kernels:
        urllib.request.urlopen(
            urllib.request.Request(
                f"{server.url}/api/kernels/{kernel['id']}?token={server.token}", method="DELETE"
            )
        )
