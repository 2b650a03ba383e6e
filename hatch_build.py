"""Build the widget's front-end bundle (esbuild) into the package at build time."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

ROOT = Path(__file__).parent
BUNDLE = ROOT / "src" / "journeywidgets" / "static" / "journey_map.js"


class FrontEndBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return  # the sdist ships the TypeScript sources, not the bundle
        sources = [*(ROOT / "js" / "src").glob("*"), ROOT / "package.json"]
        fresh = BUNDLE.exists() and BUNDLE.stat().st_mtime >= max(
            p.stat().st_mtime for p in sources
        )
        if fresh:
            return
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError(
                "building journeywidgets needs node and npm (for the widget's front-end)"
            )
        env = {**os.environ}
        if not (ROOT / "node_modules").exists():
            subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True, env=env)
        subprocess.run([npm, "run", "build"], cwd=ROOT, check=True, env=env)
