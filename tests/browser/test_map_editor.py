"""The map editor in a real JupyterLab: geometry at every size and zoom, axe-core, a map
built with the keyboard alone, and the light and dark themes (screenshots in
test-artifacts/)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import ARTIFACTS, Page
from .harness import Server, open_notebook, run_all, run_cell, wait_idle

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

GEOMETRY = """() => [...document.querySelectorAll('.jw-root')].map((root) => {
  const centre = (r) => r.left + r.width / 2;
  const steps = new Map([...root.querySelectorAll('.jw-step[data-id]')].map((s) => [s.dataset.id, s.getBoundingClientRect()]));
  const points = [...root.querySelectorAll('circle[data-step]')].map((c) => {
    const column = steps.get(c.dataset.step);
    return { step: c.dataset.step, dx: centre(c.getBoundingClientRect()) - centre(column) };
  });
  const targets = [...root.querySelectorAll('.jw-emotion-cell')].map((c) => c.getBoundingClientRect())
    .map((r) => Math.min(r.width, r.height));
  const moments = [...root.querySelectorAll('.jw-moment-band')].map((band) => band.getBoundingClientRect());
  const momentSteps = [...root.querySelectorAll('.jw-step.jw-moment')].map((s) => s.getBoundingClientRect());
  const neutral = root.querySelector('.jw-neutral').getBoundingClientRect();
  const first = root.querySelector('.jw-step[data-col="0"]').getBoundingClientRect();
  const last = [...root.querySelectorAll('.jw-step')].at(-1).getBoundingClientRect();
  return {
    steps: steps.size, points: points.length, worst: Math.max(...points.map((p) => Math.abs(p.dx))),
    smallest_target: Math.min(...targets),
    moment_dx: moments.map((b, i) => Math.abs(b.left - momentSteps[i].left) + Math.abs(b.right - momentSteps[i].right)),
    neutral: [neutral.left - first.left, neutral.right - last.right],
  };
})"""


def axe(page: Any, selector: str = ".jw-root") -> list[dict[str, Any]]:
    """axe-core's violations (any impact) on each element matching ``selector``."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found: list[dict[str, Any]] = page.evaluate(
        """async (selector) => {
            const out = [];
            for (const root of document.querySelectorAll(selector)) {
                const result = await axe.run(root, { resultTypes: ['violations'] });
                for (const v of result.violations) out.push({
                    id: v.id, impact: v.impact, nodes: v.nodes.length,
                    first: v.nodes[0]?.html.slice(0, 160), why: v.nodes[0]?.failureSummary?.slice(0, 200),
                });
            }
            return out;
        }""",
        selector,
    )
    return found


def test_geometry_and_axe_at_every_size_and_zoom(jupyter: Server, page: Page) -> None:
    name = jupyter.notebook(
        "geometry.ipynb",
        [
            "import journeywidgets as jw\nfrom journeywidgets.datasets import synthetic\n"
            "maps = []\nfor stages, per in [(1, 5), (5, 10), (12, 17)]:\n"
            "    j = synthetic(stages, per)\n"
            "    j.steps['is_moment_of_truth'] = j.steps.index.isin(j.steps.index[2::7])\n"
            "    j.sync()\n"
            "    maps.append(jw.JourneyMap(j))\n",
            "display(*maps)",
            "for m in maps: m.zoom = ZOOM",
        ],
    )
    open_notebook(page.page, jupyter, name)
    run_all(page.page)
    raw = page.page
    raw.locator(".jw-root").nth(2).locator('.jw-step[data-id="step_204"]').wait_for(timeout=60_000)
    cell = raw.locator(".jw-Notebook .jp-Cell, .jp-Notebook .jp-Cell").nth(2)
    results: dict[float, Any] = {}
    for zoom in (0.5, 1.0, 2.0):
        cell.locator(".jp-InputArea-editor").click()
        raw.keyboard.press("Control+a")
        raw.keyboard.type(f"for m in maps: m.zoom = {zoom}")
        raw.keyboard.press("Control+Enter")
        wait_idle(raw)
        width = round(180 * zoom)
        raw.wait_for_function(
            f"""() => [...document.querySelectorAll('.jw-root .jw-step[data-col="0"]')]
                .every((s) => Math.round(s.getBoundingClientRect().width) === {width})""",
            timeout=30_000,
        )
        results[zoom] = raw.evaluate(GEOMETRY)
    (ARTIFACTS / "geometry.json").parent.mkdir(exist_ok=True)
    (ARTIFACTS / "geometry.json").write_text(json.dumps(results, indent=1))
    for zoom, maps in results.items():
        assert [m["steps"] for m in maps] == [5, 50, 204]
        for m in maps:
            assert m["points"] >= 2 * m["steps"], (zoom, m)  # two personas: every point
            assert m["worst"] <= 1, (zoom, m)
            assert m["smallest_target"] >= 24, (zoom, m)
            assert all(dx <= 2 for dx in m["moment_dx"]), (zoom, m)
            assert abs(m["neutral"][0]) <= 1 and abs(m["neutral"][1]) <= 1, (zoom, m)
    violations = axe(raw)
    (ARTIFACTS / "axe-geometry.json").write_text(json.dumps(violations, indent=1, ensure_ascii=False))
    assert violations == [], violations
    page.check_clean()
    jupyter.shutdown_kernels()
