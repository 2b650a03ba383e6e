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
    (ARTIFACTS / "axe-geometry.json").write_text(
        json.dumps(violations, indent=1, ensure_ascii=False)
    )
    assert violations == [], violations
    page.check_clean()
    jupyter.shutdown_kernels()


def focused(page: Any) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate(
        """() => { const e = document.activeElement; return { key: e?.closest('[data-key]')?.dataset.key ?? null,
            action: e?.dataset.action ?? null, column: e?.dataset.column ?? null, tag: e?.tagName,
            label: e?.getAttribute('aria-label'), item: e?.dataset.key !== undefined }; }"""
    )
    return result


def press_until(page: Any, key: str, wanted: Any, limit: int = 30) -> None:
    """Press ``key`` until the focused element satisfies ``wanted`` (a keyboard user's Tab)."""
    for _ in range(limit):
        if wanted(focused(page)):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{key} never reached the wanted element; focus is on {focused(page)}")


def wait_focus(page: Any, prefix: str) -> str:
    page.wait_for_function(
        f"""() => (document.activeElement?.dataset.key ?? '').startsWith({prefix!r})""",
        timeout=15_000,
    )
    return str(focused(page)["key"])


def type_in_editor(page: Any, text: str) -> None:
    page.keyboard.press("Enter")
    page.wait_for_selector(".jw-root .jw-editor", timeout=5_000)
    page.keyboard.press("Control+a")
    page.keyboard.type(text)
    page.keyboard.press("Enter")


@pytest.mark.parametrize("app", ["lab", "notebook"])
def test_build_a_map_with_the_keyboard_alone(jupyter: Server, page: Page, app: str) -> None:
    name = jupyter.notebook(
        f"keyboard-{app}.ipynb",
        [
            'import journeywidgets as jw\nj = jw.Journey("Keyboard map")\nm = jw.JourneyMap(j)\nm',
            "import json\nprint('STATE=' + json.dumps({\n"
            "  'stages': list(j.stages['name']), 'steps': list(j.steps['name']),\n"
            "  'lanes': j.lanes[['name', 'lane_type']].values.tolist(),\n"
            "  'cards': j.cards[['text', 'lane_id', 'step_id']].values.tolist(),\n"
            "  'scores': [[j.steps.loc[s, 'name'], float(v)] for s, v in"
            " zip(j.emotions['step_id'], j.emotions['score'])],\n"
            "  'personas': list(j.personas['name'])}, ensure_ascii=False))",
        ],
    )
    raw = page.page
    open_notebook(raw, jupyter, name, app=app)
    run_all(raw)
    root = raw.locator(".jw-root")
    root.locator('[data-action="add-stage"]').wait_for()
    assert "Start with + Stage" in root.locator(".jw-hint").inner_text()
    # The one programmatic step: put focus on the map's toolbar, as Tab would from the page.
    root.locator('[data-action="add-stage"]').focus()

    raw.keyboard.press("Enter")  # + Stage: focus moves to the new stage
    stage = wait_focus(raw, "stages:")
    type_in_editor(raw, "Discover 发现")
    assert focused(raw)["key"] == stage
    raw.keyboard.press("Tab")  # the stage's own first button: + step
    assert focused(raw)["label"].startswith("Add a step")
    raw.keyboard.press("Enter")
    wait_focus(raw, "steps:")
    type_in_editor(raw, "Search")
    raw.keyboard.press("ArrowUp")  # back to the stage header
    assert focused(raw)["key"] == stage
    raw.keyboard.press("Tab")
    raw.keyboard.press("Enter")
    raw.wait_for_function("document.querySelectorAll('.jw-root .jw-step[data-id]').length === 2")
    wait_focus(raw, "steps:")
    type_in_editor(raw, "Compare")

    press_until(raw, "Shift+Tab", lambda f: f["action"] == "add-lane")
    raw.keyboard.press("Enter")
    wait_focus(raw, "lanes:")
    type_in_editor(raw, "What they do")
    raw.keyboard.press("i")  # the lane's details
    assert focused(raw)["column"] == "name"
    raw.keyboard.press("Tab")
    assert focused(raw)["column"] == "lane_type"
    raw.keyboard.press("Home")  # the first type: Actions
    raw.wait_for_function(
        "[...document.querySelectorAll('.jw-root .jw-lane-label .jw-kind')].some(e => e.textContent === 'Actions')"
    )
    raw.keyboard.press("Escape")
    lane = wait_focus(raw, "lanes:")

    raw.keyboard.press("ArrowRight")  # the lane's cell under the first step
    assert focused(raw)["key"].startswith("cell:")
    raw.keyboard.press("Tab")  # its + card
    raw.keyboard.press("Enter")
    wait_focus(raw, "cards:")
    type_in_editor(raw, "Types “bike” 自行车")
    raw.keyboard.press("ArrowUp")  # the cell
    raw.keyboard.press("ArrowUp")  # the emotion row
    assert focused(raw)["key"].startswith("emotion:")
    raw.keyboard.press("PageUp")
    raw.wait_for_function(
        "document.activeElement?.getAttribute('aria-label')?.includes('emotion +1')", timeout=15_000
    )
    raw.keyboard.press("Enter")  # type a score
    raw.keyboard.press("Control+a")
    raw.keyboard.type("2")
    raw.keyboard.press("Enter")
    raw.wait_for_function(
        "document.activeElement?.getAttribute('aria-label')?.includes('emotion +2')", timeout=15_000
    )

    press_until(raw, "Shift+Tab", lambda f: f["action"] == "add-persona")
    raw.keyboard.press("Enter")
    raw.wait_for_selector('.jw-root .jw-inspector [data-column="name"]', timeout=15_000)
    press_until(raw, "Tab", lambda f: f["column"] == "name")
    raw.keyboard.press("Control+a")
    raw.keyboard.type("Mei")
    raw.keyboard.press("Tab")  # leaving the field saves it
    raw.wait_for_function(
        "document.querySelector('.jw-root .jw-inspector legend')?.textContent === 'Mei'",
        timeout=15_000,
    )
    raw.keyboard.press("Escape")
    assert focused(raw)["item"], focused(raw)
    assert lane  # the lane was focused after its inspector closed

    # Delete: a second stage and a second lane go again, one op each, and focus moves to
    # the neighbour that is left (the stage before, the lane above).
    press_until(raw, "Shift+Tab", lambda f: f["action"] == "add-stage")
    raw.keyboard.press("Enter")
    doomed = wait_focus(raw, "stages:")
    assert doomed != stage
    raw.keyboard.press("Delete")
    raw.wait_for_function(f"document.activeElement?.dataset.key === {stage!r}", timeout=15_000)
    assert root.locator(".jw-stage[data-id]").count() == 1
    press_until(raw, "Shift+Tab", lambda f: f["action"] == "add-lane")
    raw.keyboard.press("Enter")
    doomed = wait_focus(raw, "lanes:")
    assert doomed != lane
    raw.keyboard.press("Delete")
    raw.wait_for_function(f"document.activeElement?.dataset.key === {lane!r}", timeout=15_000)
    assert root.locator(".jw-lane-label[data-id]").count() == 1

    # The notebook's Save works from inside the grid; its other keys stay the map's
    # ("b" would insert a cell below in command mode).
    notebook = jupyter.root / name
    before = notebook.stat().st_mtime_ns
    raw.keyboard.press("b")
    raw.keyboard.press("Control+s")
    raw.wait_for_function(
        f"document.activeElement?.dataset.key === {lane!r}", timeout=5_000
    )  # focus stayed in the map
    for _ in range(100):
        if notebook.stat().st_mtime_ns != before:
            break
        raw.wait_for_timeout(100)
    assert notebook.stat().st_mtime_ns != before, "Ctrl+S in the grid did not save the notebook"
    assert raw.locator(".jp-Notebook .jp-Cell").count() == 2
    if app == "lab":
        # The file is on disk before the server answers; the tab is marked clean when the
        # answer arrives, so wait for that rather than look at once.
        raw.wait_for_function(
            "document.querySelectorAll('.lm-TabBar-tab.jp-mod-dirty').length === 0",
            timeout=15_000,
        )

    state = json.loads(run_cell(raw, 1).split("STATE=", 1)[1])
    assert state["stages"] == ["Discover 发现"]
    assert state["steps"] == ["Search", "Compare"]
    assert state["lanes"] == [["What they do", "actions"]]
    assert [c[0] for c in state["cards"]] == ["Types “bike” 自行车"]
    assert state["scores"] == [["Search", 2.0]]
    assert state["personas"] == ["Mei"]
    violations = axe(raw)
    assert violations == [], violations
    page.check_clean()
    jupyter.shutdown_kernels()


def inspector_screenshots(raw: Any, root: Any, theme: str) -> list[dict[str, Any]]:
    """The inspector of a card (status, evidence …) and of a step with its emotion points,
    opened with I, as artifacts; axe-core's violations with each open."""
    found = []
    for item, name in [
        ('.jw-card[data-id="card_3"]', "card"),
        ('[data-key="emotion:step_3"]', "step"),
    ]:
        root.locator(item).focus()
        raw.keyboard.press("i")
        root.locator(".jw-inspector .jw-field").first.wait_for()
        raw.keyboard.press("Tab")  # a focused field shows its ring
        root.screenshot(path=str(ARTIFACTS / f"inspector-{name}-{theme}.png"))
        found += axe(raw)
        raw.keyboard.press("Escape")
        root.locator(".jw-inspector").wait_for(state="detached")
    return found


def test_light_and_dark_themes(jupyter: Server, page: Page) -> None:
    name = jupyter.notebook(
        "themes.ipynb",
        [
            "import journeywidgets as jw\nfrom journeywidgets.datasets import bike_shop\n"
            "j = bike_shop()\n"
            "for step, reached, rate in [('step_1', 1000, None), ('step_2', 640, 0.64),\n"
            "                            ('step_3', 210, 0.33), ('step_4', 180, 0.86)]:\n"
            "    j.add_metric_value(j.add_metric('Reach', step=step), reached)\n"
            "    if rate is not None:\n"
            "        metric = j.add_metric('Conversion from previous step', step=step)\n"
            "        j.add_metric_value(metric, rate)\n"
            "jw.JourneyMap(j)",
        ],
    )
    raw = page.page
    open_notebook(raw, jupyter, name)
    run_all(raw)
    root = raw.locator(".jw-root")
    root.locator('.jw-step[data-id="step_2"]').wait_for()
    # Funnel figures are part of the map: labelled, with the biggest drop marked.
    assert root.locator('.jw-step[data-id="step_2"] .jw-reach-text').inner_text() == (
        "640 reached · 64% converted"
    )
    assert root.locator(".jw-biggest-drop").count() == 1
    assert root.locator('.jw-step[data-id="step_3"] .jw-drop-mark').inner_text() == "▼ biggest drop"
    root.locator('.jw-step[data-id="step_2"]').focus()  # show the focus ring
    raw.keyboard.press("ArrowDown")
    ARTIFACTS.mkdir(exist_ok=True)
    root.screenshot(path=str(ARTIFACTS / "map-light.png"))
    light = axe(raw)
    light += inspector_screenshots(raw, root, "light")
    # JupyterLab's dark theme, chosen as a user setting and loaded with the page.
    theme = jupyter.root.parent / "settings" / "@jupyterlab" / "apputils-extension"
    theme_file = theme / "themes.jupyterlab-settings"
    theme_file.write_text(json.dumps({"theme": "JupyterLab Dark"}))
    raw.keyboard.press("Escape")  # out of the grid: the notebook's shortcuts work again
    raw.keyboard.press("Control+s")
    raw.wait_for_timeout(500)
    try:
        open_notebook(raw, jupyter, name)
        raw.wait_for_selector("body[data-jp-theme-light='false']", state="attached", timeout=30_000)
        root.locator('.jw-step[data-id="step_2"]').wait_for(timeout=30_000)
        raw.wait_for_timeout(500)
    finally:
        theme_file.unlink()
    root.locator('[data-key^="emotion:"]').first.focus()
    root.screenshot(path=str(ARTIFACTS / "map-dark.png"))
    dark = axe(raw)
    dark += inspector_screenshots(raw, root, "dark")
    root.locator('[data-key^="emotion:"]').first.focus()
    # The focus ring differs from the background in both themes.
    ring = raw.evaluate("getComputedStyle(document.activeElement).outlineColor")
    background = raw.evaluate(
        "getComputedStyle(document.querySelector('.jw-root')).backgroundColor"
    )
    assert ring != background
    assert light == [] and dark == [], (light, dark)
    page.check_clean()
    jupyter.shutdown_kernels()
