"""The evidence panel in a real JupyterLab: select a step, its quotes are listed; link a
quote from the panel and Python sees the link; a second view follows; axe-core finds
nothing; a screenshot for the eye (test-artifacts/evidence-panel.png)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import ARTIFACTS, Page
from .harness import Server, run_all, run_cell, wait_idle
from .test_map_editor import axe

pytestmark = pytest.mark.browser

STUDY = """\
import json
import journeywidgets as jw
j = jw.Journey("Bike shop study 研究")
j.add_persona("Commuter", persona_id="commuter")
j.add_stage("Shop", stage_id="shop")
j.add_step("Browse", "shop", step_id="browse")
j.add_step("Checkout", "shop", step_id="checkout")
j.add_lane("Pain points", "pain_points", lane_id="pains")
j.add_participant("P1", participant_id="p1", persona="commuter")
j.add_participant("P2", participant_id="p2")
text = "We looked around. The fees at checkout were hidden 隐藏的费用. I left."
j.add_source("Interview P1", text, participant="p1", source_id="t1")
j.add_code("checkout", code_id="at_checkout")
j.add_code("furious", code_id="furious")
start, end = text.index("The fees"), text.index(" I left")
j.add_segment(source="t1", start=start, end=end, codes=["at_checkout", "furious"], segment_id="q1")
j.add_segment("<b>not bold</b> the total jumped", participant="p2", codes=["at_checkout"], segment_id="q2")
j.add_segment("Browsing on the phone was fine", participant="p2", segment_id="q3")
j.map_codes({"at_checkout": "checkout", "furious": -2})
j.aggregate_emotions()
"""


def open_alone(page: Any, server: Server, name: str) -> None:
    """Open a notebook in a workspace of its own, reset: on the session's shared server,
    JupyterLab would otherwise restore the tabs earlier tests left open (and their
    execution indicators)."""
    with page.expect_websocket(lambda ws: "/api/kernels/" in ws.url, timeout=60_000):
        page.goto(f"{server.url}/lab/workspaces/evidence/tree/{name}?reset&token={server.token}")
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    wait_idle(page)


def test_select_a_step_link_a_quote_python_and_a_second_view_follow(
    jupyter: Server, page: Page
) -> None:
    name = jupyter.notebook(
        "evidence.ipynb",
        [
            STUDY,
            "first, second = jw.JourneyMap(j), jw.JourneyMap(j)\ndisplay(first, second)",
            'print(json.dumps(j.evidence_links[["segment_id", "target_table", "target_id"]].values.tolist()))',
        ],
    )
    open_alone(page.page, jupyter, name)
    raw = page.page
    run_all(raw)
    roots = raw.locator(".jw-root")
    roots.nth(1).locator(".jw-evidence").wait_for(timeout=60_000)
    first, second = roots.nth(0), roots.nth(1)

    first.locator('.jw-step[data-id="checkout"]').click()
    panel = first.locator(".jw-evidence")
    panel.locator(".jw-quote").first.wait_for()
    quotes = panel.locator(".jw-quote mark").all_text_contents()
    assert quotes == [
        "The fees at checkout were hidden 隐藏的费用.",
        "<b>not bold</b> the total jumped",
    ]
    assert panel.locator("b").count() == 0  # user text is text
    assert "2 quotes from 2 participants" in panel.locator(".jw-evidence-summary").inner_text()
    context = panel.locator(".jw-quote").first.locator(".jw-context").all_text_contents()
    assert context == ["…We looked around. ", " I left.…"]

    # Browse is an assumption until a quote backs it, in both views.
    assert "jw-assumed" in (
        first.locator('.jw-step[data-id="browse"]').get_attribute("class") or ""
    )
    assert "jw-assumed" in (
        second.locator('.jw-step[data-id="browse"]').get_attribute("class") or ""
    )
    raw.screenshot(path=str(ARTIFACTS / "evidence-panel-before.png"), full_page=False)

    first.locator('.jw-step[data-id="browse"]').click()
    panel.locator(".jw-link-choice").select_option("q3")
    panel.locator(".jw-link").click()
    panel.locator(".jw-quote mark", has_text="Browsing on the phone was fine").wait_for(
        timeout=30_000
    )
    raw.wait_for_function(
        """() => {
            const roots = document.querySelectorAll('.jw-root');
            const step = [...roots[1].querySelectorAll('.jw-step')].find((s) => s.dataset.id === 'browse');
            return step && !step.classList.contains('jw-assumed');
        }""",
        timeout=30_000,
    )
    # A later cell sees the link in Python.
    output = run_cell(raw, 2)
    assert ["q3", "steps", "browse"] in json.loads(output.strip().splitlines()[-1])

    # The second view lists it too when its Browse step is selected.
    second.locator('.jw-step[data-id="browse"]').click()
    second.locator(
        ".jw-evidence .jw-quote mark", has_text="Browsing on the phone was fine"
    ).wait_for()

    # Unlink from the panel: undo-able op, the step is an assumption again.
    panel.locator(".jw-unlink").click()
    panel.locator(".jw-evidence-hint", has_text="No quotes.").wait_for(timeout=30_000)
    first.locator('.jw-step[data-id="browse"].jw-assumed').wait_for(timeout=30_000)

    violations: list[dict[str, Any]] = axe(raw, ".jw-evidence")
    (ARTIFACTS / "axe-evidence-panel.json").write_text(
        json.dumps(violations, indent=1, ensure_ascii=False)
    )
    assert violations == [], violations
    first.locator('.jw-step[data-id="checkout"]').click()
    panel.locator(".jw-quote").first.wait_for()
    first.screenshot(path=str(ARTIFACTS / "evidence-panel.png"))
    page.check_clean()
    jupyter.shutdown_kernels()


def test_the_standalone_page_shows_the_panel_read_only(browser: Any, tmp_path: Path) -> None:
    namespace: dict[str, Any] = {}
    exec(STUDY, namespace)  # the same study as above, built here in the test process
    path = namespace["j"].to_html(tmp_path / "study.html")
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    page.wait_for_selector("html[data-rendered='true']")
    page.locator('.jw-step[data-id="checkout"]').click()
    panel = page.locator(".jw-evidence")
    panel.locator(".jw-quote").first.wait_for()
    assert panel.locator(".jw-quote").count() == 2
    assert panel.locator(".jw-link, .jw-unlink, .jw-link-choice").count() == 0
    assert "jw-assumed" in (page.locator('.jw-step[data-id="browse"]').get_attribute("class") or "")
    assert axe(page, ".jw-evidence") == []
    page.screenshot(path=str(ARTIFACTS / "evidence-panel-standalone.png"))
    assert errors == []
    page.close()


def test_an_emotion_point_reads_its_interval_and_n(browser: Any, tmp_path: Path) -> None:
    # What a screen reader hears: the accessible name of the step's emotion cell (a
    # gridcell), as Chromium's accessibility tree gives it, is render/style.py's wording.
    from journeywidgets.render.style import emotion_label

    namespace: dict[str, Any] = {}
    exec(STUDY, namespace)
    j = namespace["j"]
    j.add_participant("P3", participant_id="p3", persona="commuter")
    j.add_code("pleased", code_id="pleased")
    j.map_codes({"pleased": 1})
    j.add_segment("Paying was quick", participant="p3", codes=["at_checkout", "pleased"])
    j.aggregate_emotions()
    point = j.emotions.set_index("step_id").loc["checkout"]
    assert (point["n"], point["score"]) == (2, -0.5)
    expected = emotion_label(
        "Checkout",
        -2,
        2,
        [{"score": point["score"], "ci_low": point["ci_low"], "ci_high": point["ci_high"],
          "n": point["n"]}],
    )  # fmt: skip
    assert "95% interval" in expected and "2 participants" in expected
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(j.to_html(tmp_path / "study.html").as_uri())
    page.wait_for_selector("html[data-rendered='true']")
    cell = page.get_by_role("gridcell", name=expected, exact=True)
    assert cell.count() == 1
    assert cell.get_attribute("data-key") == "emotion:checkout"
    page.close()
