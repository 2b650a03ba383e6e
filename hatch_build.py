"""Build the front-ends at wheel-build time: the widget's bundle (esbuild) into the package,
and the map editor's prebuilt JupyterLab extension (@jupyterlab/builder) into
build/labextension, which the wheel ships in share/jupyter/labextensions."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

ROOT = Path(__file__).parent
BUNDLE = ROOT / "src" / "journeywidgets" / "static" / "journey_map.js"
LABEXTENSION_SOURCE = ROOT / "labextension"
LABEXTENSION = ROOT / "build" / "labextension"


def _newer_than(target: Path, sources: list[Path]) -> bool:
    return target.exists() and target.stat().st_mtime >= max(p.stat().st_mtime for p in sources)


class FrontEndBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return  # the sdist ships the TypeScript sources, not the bundle
        sources = [*(ROOT / "js" / "src").glob("*"), ROOT / "package.json"]
        editor_sources = [
            *sources,
            *(LABEXTENSION_SOURCE / "src").glob("*"),
            *(LABEXTENSION_SOURCE / "style").glob("*"),
            *(LABEXTENSION_SOURCE / "scripts").glob("*"),
            LABEXTENSION_SOURCE / "package.json",
        ]
        bundle_fresh = _newer_than(BUNDLE, sources)
        editor_fresh = _newer_than(LABEXTENSION / "package.json", editor_sources)
        if bundle_fresh and editor_fresh:
            return
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError(
                "building journeywidgets needs node and npm (for the widget's front-end)"
            )
        env = {**os.environ}
        if not (ROOT / "node_modules").exists():
            subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True, env=env)
        if not bundle_fresh:
            subprocess.run([npm, "run", "build"], cwd=ROOT, check=True, env=env)
        if not editor_fresh:
            _build_labextension(npm, env)


def _build_labextension(npm: str, env: dict[str, str]) -> None:
    """The federated extension needs JupyterLab's core package.json (its staging folder,
    in the Python package: a build requirement) to know which packages are shared."""
    import jupyterlab

    staging = Path(jupyterlab.__file__).parent / "staging"
    if not (LABEXTENSION_SOURCE / "node_modules").exists():
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"], cwd=LABEXTENSION_SOURCE, check=True, env=env
        )
    node = shutil.which("node") or "node"
    subprocess.run(
        [node, "scripts/build.mjs", str(staging)], cwd=LABEXTENSION_SOURCE, check=True, env=env
    )
