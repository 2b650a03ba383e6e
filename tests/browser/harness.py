"""Start a real Jupyter server and a real headless Chromium (for tests and benchmarks).

The server runs on 127.0.0.1 with its own config, runtime, settings and workspace folders;
the browser is Debian's Chromium driven by Playwright (its own browser download cannot run
here). Known traps are handled as ../shared/browser-testing.md describes: the news toast is
silenced, and callers wait for the kernel's websocket before trusting "idle".
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
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

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


class HarnessError(RuntimeError):
    """The server or the browser could not be started; the message says why."""


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

    def shutdown_kernels(self) -> None:
        with urllib.request.urlopen(f"{self.url}/api/kernels?token={self.token}") as response:
            kernels = json.load(response)
        for kernel in kernels:
            address = f"{self.url}/api/kernels/{kernel['id']}?token={self.token}"
            urllib.request.urlopen(urllib.request.Request(address, method="DELETE"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def jupyter_server(base: Path) -> Iterator[Server]:
    """A JupyterLab (and Notebook 7) server on 127.0.0.1 serving ``base/notebooks``."""
    root = base / "notebooks"
    root.mkdir(parents=True, exist_ok=True)
    settings = base / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True, exist_ok=True)
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
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise HarnessError(
                    f"Jupyter server exited ({process.returncode}):\n{log.read_text()}"
                )
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise HarnessError(
                        f"Jupyter server did not start in 60 s:\n{log.read_text()}"
                    ) from None
                time.sleep(0.25)
        yield Server(url, token, root, log)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's headless Chromium under Playwright."""
    if not Path(CHROMIUM).exists():
        raise HarnessError(
            f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def open_notebook(page: Any, server: Server, name: str, *, app: str = "lab") -> None:
    """Open a notebook and wait until its kernel is connected and idle."""
    # In Lab, ``reset`` starts from an empty workspace: notebooks of earlier tests on the
    # shared server are not reopened beside this one.
    path = f"lab/tree/{name}?reset&" if app == "lab" else f"notebooks/{name}?"
    with page.expect_websocket(lambda ws: "/api/kernels/" in ws.url, timeout=60_000):
        page.goto(f"{server.url}/{path}token={server.token}")
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    wait_idle(page)


def wait_idle(page: Any) -> None:
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)


def run_all(page: Any) -> None:
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    page.wait_for_timeout(300)
    wait_idle(page)


def run_cell(page: Any, index: int) -> str:
    """Run the notebook's cell ``index`` and return its output text."""
    cell = page.locator(".jp-Notebook .jp-Cell").nth(index)
    cell.locator(".jp-InputArea-editor").click()
    page.keyboard.press("Control+Enter")
    page.wait_for_timeout(300)
    wait_idle(page)
    return str(cell.locator(".jp-OutputArea").inner_text())
