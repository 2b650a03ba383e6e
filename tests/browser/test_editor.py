"""The map editor in a real JupyterLab 4 and Notebook 7: journey files open as maps.

Shares the session's server and browser (conftest.py). Each test works on its own file.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

import journeywidgets as jw
from journeywidgets import datasets

from .conftest import ARTIFACTS, Page
from .harness import Server

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent.parent.parent / "node_modules" / "axe-core" / "axe.min.js"
EDITOR = ".jw-JourneyEditor"


def map_file(jupyter: Server, name: str) -> Path:
    path = jupyter.root / name
    datasets.bike_shop().save(path)
    return path


def open_in_lab(page: Any, jupyter: Server, name: str) -> None:
    page.goto(f"{jupyter.url}/lab/tree/{name}?token={jupyter.token}")
    page.locator(f'{EDITOR} .jw-step[data-id="step_1"]').wait_for(timeout=60_000)


def step_text(page: Any, step: str) -> Any:
    return page.locator(f'{EDITOR} .jw-step[data-id="{step}"] .jw-text')


def edit_step(page: Any, step: str, text: str) -> None:
    step_text(page, step).dblclick()
    editor = page.locator(f"{EDITOR} textarea.jw-editor")
    editor.fill(text)
    editor.press("Enter")


def tab(page: Any, name: str) -> Any:
    return page.locator(".lm-TabBar-tab", has_text=name)


def test_double_click_edit_save_reload(jupyter: Server, page: Page) -> None:
    path = map_file(jupyter, "editor-first.journey.json")
    raw = page.page
    raw.goto(f"{jupyter.url}/lab?token={jupyter.token}")
    item = raw.locator(".jp-DirListing-item", has_text="editor-first.journey.json")
    item.dblclick(timeout=60_000)
    step_text(raw, "step_2").wait_for(timeout=30_000)

    # The map fills the tab's content area, inside it.
    inside = raw.evaluate(
        """() => {
            const panel = document.querySelector('.jw-JourneyDocument').getBoundingClientRect();
            const map = document.querySelector('.jw-JourneyEditor .jw-root').getBoundingClientRect();
            return map.left >= panel.left && map.top >= panel.top && map.width > 0.8 * panel.width
                && map.left < panel.right;
        }"""
    )
    assert inside

    edit_step(raw, "step_2", "Searches on 小红书 🔍")
    tab(raw, "editor-first.journey.json").and_(raw.locator(".jp-mod-dirty")).wait_for()
    assert jw.load(path).steps.loc["step_2", "name"] != "Searches on 小红书 🔍"  # not saved yet
    raw.keyboard.press("Control+s")
    raw.locator(".lm-TabBar-tab.jp-mod-dirty").wait_for(state="detached", timeout=10_000)
    assert jw.load(path).steps.loc["step_2", "name"] == "Searches on 小红书 🔍"

    raw.add_script_tag(path=str(AXE))
    violations = raw.evaluate(
        """async () => (await axe.run(document.querySelector('.jw-JourneyEditor'))).violations
            .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length}))"""
    )
    assert violations == [], violations

    raw.reload()
    step_text(raw, "step_2").filter(has_text="Searches on 小红书 🔍").wait_for(timeout=60_000)
    page.check_clean()


def test_two_tabs_stay_in_step(jupyter: Server, page: Page, browser: Any) -> None:
    map_file(jupyter, "editor-two.journey.json")
    first = page.page
    other_context = browser.new_context(viewport={"width": 1500, "height": 1000})
    second = other_context.new_page()
    try:
        open_in_lab(first, jupyter, "editor-two.journey.json")
        open_in_lab(second, jupyter, "editor-two.journey.json")
        edit_step(first, "step_3", "Compares two shops")
        step_text(second, "step_3").filter(has_text="Compares two shops").wait_for(timeout=10_000)
        tab(second, "editor-two.journey.json").and_(second.locator(".jp-mod-dirty")).wait_for()
        edit_step(second, "step_4", "Reads every review")
        step_text(first, "step_4").filter(has_text="Reads every review").wait_for(timeout=10_000)
        second.keyboard.press("Control+s")  # saved in one tab: both are clean
        first.locator(".lm-TabBar-tab.jp-mod-dirty").wait_for(state="detached", timeout=10_000)
        second.screenshot(path=str(ARTIFACTS / "test_two_tabs_second.png"))
    finally:
        other_context.close()
    page.check_clean()


def test_change_on_disk_offers_reload(jupyter: Server, page: Page) -> None:
    path = map_file(jupyter, "editor-disk.journey.json")
    raw = page.page
    open_in_lab(raw, jupyter, "editor-disk.journey.json")
    behind = jw.load(path)
    behind.update("steps", "step_1", name="Changed by git checkout")
    behind.save(path)
    dialog = raw.locator(".jp-Dialog", has_text="changed on disk")
    dialog.wait_for(timeout=10_000)
    raw.screenshot(path=str(ARTIFACTS / "test_change_on_disk_dialog.png"))
    dialog.get_by_role("button", name="Reload").click()
    step_text(raw, "step_1").filter(has_text="Changed by git checkout").wait_for(timeout=10_000)
    assert raw.locator(".lm-TabBar-tab.jp-mod-dirty").count() == 0
    page.check_clean()


def test_broken_file_shows_where_and_is_left_alone(jupyter: Server, page: Page) -> None:
    path = jupyter.root / "editor-broken.journey.json"
    datasets.bike_shop().save(path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["tables"]["steps"][2]["name"] = ["not", "text"]
    text = json.dumps(document, ensure_ascii=False, indent=1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(jw.FileFormatError) as expected:
        jw.load(path)
    raw = page.page
    raw.goto(f"{jupyter.url}/lab/tree/editor-broken.journey.json?token={jupyter.token}")
    error = raw.locator(f"{EDITOR} .jw-JourneyEditor-error")
    error.wait_for(timeout=60_000)
    assert expected.value.pointer == "/tables/steps/2/name"
    assert "/tables/steps/2/name" in error.locator(".jw-JourneyEditor-pointer").inner_text()
    assert expected.value.reason in error.locator(".jw-JourneyEditor-message").inner_text()
    raw.screenshot(path=str(ARTIFACTS / "test_broken_file_error_view.png"))
    raw.add_script_tag(path=str(AXE))
    violations = raw.evaluate(
        "async () => (await axe.run(document.querySelector('.jw-JourneyEditor'))).violations"
        ".map(v => v.id)"
    )
    assert violations == [], violations
    error.locator("h2").click()
    raw.keyboard.press("Control+s")  # refused by the server, and JupyterLab says why
    refusal = raw.locator(".jp-Dialog", has_text="the file did not load; nothing to save")
    refusal.wait_for(timeout=10_000)
    refusal.get_by_role("button").last.click()
    refusal.wait_for(state="detached")
    # JupyterLab also rethrows a failed save as an unhandled rejection: that one is expected.
    page.errors[:] = [e for e in page.errors if "nothing to save" not in e]
    error.get_by_role("button", name="Open as text").click()
    raw.locator(".jp-FileEditor .cm-content").wait_for(timeout=10_000)
    assert path.read_text(encoding="utf-8") == text  # nothing overwritten
    page.check_clean()


def test_new_journey_map_from_the_launcher(jupyter: Server, page: Page) -> None:
    raw = page.page
    raw.goto(f"{jupyter.url}/lab?token={jupyter.token}")
    raw.locator(".jp-LauncherCard", has_text="Journey map").click(timeout=60_000)
    raw.locator(f'{EDITOR} .jw-step[data-id="step_1"]').wait_for(timeout=30_000)
    created = sorted(jupyter.root.glob("untitled*.journey.json"))
    assert created, "no new file"
    assert len(jw.load(created[-1]).stages) == 3
    page.check_clean()


def test_notebook7_file_view_opens_the_map(jupyter: Server, page: Page) -> None:
    map_file(jupyter, "editor-nb7.journey.json")
    raw = page.page
    raw.goto(f"{jupyter.url}/tree?token={jupyter.token}")
    item = raw.locator(".jp-DirListing-item", has_text="editor-nb7.journey.json")
    with raw.context.expect_page(timeout=60_000) as opened:
        item.dblclick(timeout=60_000)
    view = opened.value
    view.locator(f'{EDITOR} .jw-step[data-id="step_1"]').wait_for(timeout=60_000)
    edit_step(view, "step_1", "Edited in Notebook 7")
    # Notebook 7's file view has no dirty marker on a tab: wait until the document (the
    # server) has the edit, then save, then wait for the file, which the save writes.
    step_text(view, "step_1").filter(has_text="Edited in Notebook 7").wait_for(timeout=30_000)
    view.keyboard.press("Control+s")
    saved = jupyter.root / "editor-nb7.journey.json"
    deadline = time.monotonic() + 30
    while jw.load(saved).steps.loc["step_1", "name"] != "Edited in Notebook 7":
        assert time.monotonic() < deadline, "Ctrl+S did not save the edit within 30 s"
        time.sleep(0.2)
    view.screenshot(path=str(ARTIFACTS / "test_notebook7_file_view.png"))
    page.check_clean()
