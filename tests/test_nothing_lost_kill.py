"""Saves killed at random moments: the file or folder then holds the old version or the new
one, never a mix; and once it is read again, nothing of the killed save is left behind."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import journeywidgets as jw
from journeywidgets.datasets import bike_shop

CHILD = textwrap.dedent(
    """
    import os, sys, time
    import journeywidgets as jw
    from journeywidgets.io import atomic
    from journeywidgets.datasets import bike_shop

    kind, path, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    if mode != "fast":  # widen every window between the steps of a save
        for name in ("rename", "replace"):
            real = getattr(os, name)
            def slow(a, b, *rest, _real=real, **options):
                time.sleep(0.01)
                result = _real(a, b, *rest, **options)
                time.sleep(0.01)
                return result
            setattr(os, name, slow)
    if mode == "no-exchange":  # a system without renameat2: two renames and a recovery
        atomic._exchange = lambda a, b: False
    versions = [bike_shop(), bike_shop()]
    versions[1].title = "The other version"
    versions[1].add_step("One more step", str(versions[1].stages.index[0]))

    def save(journey):
        if kind == "csv":
            journey.to_csv(path)
        elif kind == "xlsx":
            journey.to_excel(path)
        else:
            journey.save(path)

    save(versions[0])
    print("ready", flush=True)
    n = 1
    while True:
        save(versions[n % 2])
        n += 1
    """
)

SUFFIX = {"json": "map.journey.json", "mmd": "map.mmd", "xlsx": "map.xlsx", "csv": "tables"}


def _versions() -> list[jw.Journey]:
    versions = [bike_shop(), bike_shop()]
    versions[1].title = "The other version"
    versions[1].add_step("One more step", str(versions[1].stages.index[0]))
    return versions


def _read(kind: str, path: Path) -> object:
    if kind == "mmd":
        return path.read_text(encoding="utf-8")
    return jw.load(path)


@pytest.mark.parametrize(
    ("kind", "mode"),
    [("json", "slow"), ("mmd", "slow"), ("xlsx", "fast"), ("csv", "slow"), ("csv", "no-exchange")],
)
def test_a_killed_save_leaves_the_old_or_the_new_version_and_no_leftovers(
    kind: str, mode: str, tmp_path: Path
) -> None:
    versions = _versions()
    path = tmp_path / SUFFIX[kind]
    expected: list[object] = (
        [str(v.to_mermaid()) for v in versions] if kind == "mmd" else [*versions]
    )
    rng = random.Random(f"{kind}{mode}")
    for _ in range(5):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, kind, str(path), mode],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready", (
            child.stderr.read() if child.stderr else ""
        )
        time.sleep(rng.uniform(0.0, 0.4))
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        if child.stderr:
            child.stderr.close()
        got = _read(kind, path)
        matches = [
            n
            for n, version in enumerate(expected)
            if (got == version if kind == "mmd" else got.equals(version))  # type: ignore[attr-defined]
        ]
        assert matches, f"a killed {kind} save left a version that is neither old nor new"
        if kind == "mmd":  # reading text alone does not recover; a load does
            jw.load(path)
        left = sorted(p.name for p in tmp_path.iterdir() if p.name != path.name)
        assert left == [], f"leftovers of the killed save: {left}"
    assert os.listdir(tmp_path) == [path.name]
