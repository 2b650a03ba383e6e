"""The README's first command (make demo) and `journeywidgets demo` start JupyterLab on the
example notebook. (Jupyter Server resolves the notebook to open from the working directory,
not from its root folder: a wrong path makes it exit at once.)"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .browser.harness import _free_port

ROOT = Path(__file__).parent.parent


def serves(command: list[str]) -> str:
    """Start the server the command starts; return its log once it serves, or fail."""
    port = _free_port()
    command = [*command, "--no-browser", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
               "--IdentityProvider.token=demo-test"]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )  # fmt: skip
    log: list[str] = []
    try:
        deadline = time.monotonic() + 60
        assert process.stdout is not None
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line and process.poll() is not None:
                pytest.fail(f"the demo server exited ({process.returncode}):\n{''.join(log)}")
            log.append(line)
            if "http://127.0.0.1:" in line:  # the link it prints, after "is running at"
                return "".join(log)
        pytest.fail("the demo server did not start in 60 s:\n" + "".join(log))
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    raise AssertionError("unreachable")


def test_make_demo_starts_jupyterlab_on_the_example_notebook() -> None:
    dry = subprocess.run(
        ["make", "-n", "demo"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    line = next(cmd for cmd in dry.stdout.splitlines() if " lab " in cmd and "jupyter" in cmd)
    log = serves(shlex.split(line))
    assert f"Serving notebooks from local directory: {ROOT / 'examples'}" in log
    # The link people click opens the notebook, not the launcher.
    assert "/lab/tree/01-getting-started.ipynb?token=" in log
    assert "yarn" not in log.lower()  # the first run's log does not look broken


def test_cli_demo_starts_jupyterlab() -> None:
    dry = subprocess.run(
        [sys.executable, "-m", "journeywidgets.cli", "demo", "--dry-run"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    log = serves(shlex.split(dry.stdout.strip()))
    assert "Serving notebooks from local directory" in log
    assert "/lab/tree/01-getting-started.ipynb?token=" in log
