"""The README's first command (make demo) and `journeywidgets demo` start JupyterLab on the
example notebook. (Jupyter Server resolves the notebook to open from the working directory,
not from its root folder: a wrong path makes it exit at once.)"""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from .browser.harness import _free_port

ROOT = Path(__file__).parent.parent


def serves(command: list[str], *, visit: bool = False) -> str:
    """Start the server the command starts; return its log once it serves, or fail. With
    ``visit``, first open the printed link and ask for the build status, as the page does
    when it loads (JupyterLab's builder logged a stack there under node 20)."""
    port = _free_port()
    command = [*command, "--no-browser", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
               "--IdentityProvider.token=demo-test"]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )  # fmt: skip
    log: list[str] = []
    assert process.stdout is not None
    reader = threading.Thread(target=lambda: log.extend(iter(process.stdout.readline, "")))
    reader.start()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                reader.join(5)
                pytest.fail(f"the demo server exited ({process.returncode}):\n{''.join(log)}")
            link = next((line for line in list(log) if "http://127.0.0.1:" in line), None)
            if link is not None:  # the link it prints, after "is running at"
                if visit:
                    url = link[link.index("http://") :].strip()
                    with urllib.request.urlopen(url, timeout=30) as page:
                        assert page.status == 200
                    status = f"http://127.0.0.1:{port}/lab/api/build?token=demo-test"
                    with urllib.request.urlopen(status, timeout=30) as build:
                        assert json.load(build)["status"] == "stable"
                    time.sleep(2)  # what the server logs about these requests
                return "".join(log)
            time.sleep(0.2)
        pytest.fail("the demo server did not start in 60 s:\n" + "".join(log))
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
        reader.join(15)
    raise AssertionError("unreachable")


def test_make_demo_starts_jupyterlab_on_the_example_notebook() -> None:
    dry = subprocess.run(
        ["make", "-n", "demo"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    line = next(cmd for cmd in dry.stdout.splitlines() if " lab " in cmd and "jupyter" in cmd)
    log = serves(shlex.split(line), visit=True)
    assert f"Serving notebooks from local directory: {ROOT / 'examples'}" in log
    # The link people click opens the notebook, not the launcher.
    assert "/lab/tree/01-getting-started.ipynb?token=" in log
    # The first run's log does not look broken: no builder stack, no warning but the one
    # about a missing browser on a headless machine.
    assert "yarn" not in log.lower() and "Dynamic require" not in log
    warnings = [line for line in log.splitlines() if line.startswith(("[W ", "[E "))]
    assert all("No web browser found" in line for line in warnings), warnings


def test_cli_demo_starts_jupyterlab() -> None:
    dry = subprocess.run(
        [sys.executable, "-m", "journeywidgets.cli", "demo", "--dry-run"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    log = serves(shlex.split(dry.stdout.strip()))
    assert "Serving notebooks from local directory" in log
    assert "/lab/tree/01-getting-started.ipynb?token=" in log
