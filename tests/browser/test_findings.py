"""Findings on the map in a real JupyterLab: the badge sits inside the box of the item
the finding is about; clicking the finding in the list selects the item (Python sees it in
``selected``) and focuses it; Enter on a finding does the same; a comparison marks matched
and extra steps; axe-core finds nothing; screenshots for the eye
(test-artifacts/findings.png, findings-comparison.png)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from .conftest import ARTIFACTS, Page
from .harness import Server, run_all, run_cell, wait_idle
from .test_map_editor import axe

pytestmark = pytest.mark.browser

MAP = """\
import json
import journeywidgets as jw
j = jw.template("current_state")
j.set_meta(scenario=None)
j.update("stages", "book", goal=None)
pain = j.cards[j.cards["kind"] == "pain_point"].index[0]
j.update("cards", pain, evidence_level="assumed", text="<b>not bold</b> the line is busy")
report = j.check()
print(json.dumps(report.findings[["check", "table", "item_id"]].astype(str).values.tolist()))
"""

COMPARISON = """\
reference = jw.template("current_state")
reference.remove("steps", "visit_wait")
reference.add_step("Pay the bill at the desk", "follow_up", step_id="follow_up_pay")
jw.JourneyMap(j, findings=jw.compare(j, reference))
"""

INSIDE = """(args) => {
    const [rootIndex, key] = args;
    const root = document.querySelectorAll('.jw-root')[rootIndex];
    const item = [...root.querySelectorAll('.jw-grid [data-key]')].find((e) => e.dataset.key === key);
    const badge = item && item.querySelector(':scope > .jw-finding-badge');
    if (!badge) return null;
    const a = item.getBoundingClientRect(), b = badge.getBoundingClientRect();
    return {
        inside: b.left >= a.left - 0.5 && b.right <= a.right + 0.5
            && b.top >= a.top - 0.5 && b.bottom <= a.bottom + 0.5,
        width: b.width, height: b.height,
        label: badge.getAttribute('aria-label'),
        background: getComputedStyle(badge).backgroundColor,
    };
}"""


def open_alone(page: Any, server: Server, name: str) -> None:
    with page.expect_websocket(lambda ws: "/api/kernels/" in ws.url, timeout=60_000):
        page.goto(f"{server.url}/lab/workspaces/findings/tree/{name}?reset&token={server.token}")
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    wait_idle(page)


def test_badges_on_their_items_a_click_selects_a_comparison_marks(
    jupyter: Server, page: Page
) -> None:
    name = jupyter.notebook(
        "findings.ipynb",
        [
            MAP,
            "m = jw.JourneyMap(j, findings=report)\nm",
            "print(json.dumps(m.selected))",
            COMPARISON,
        ],
    )
    open_alone(page.page, jupyter, name)
    raw = page.page
    run_all(raw)
    findings = json.loads(
        raw.locator(".jp-Notebook .jp-Cell").nth(0).locator(".jp-OutputArea").inner_text()
    )
    assert ["JM202", "stages", "book"] in findings
    pain = next(item for check, table, item in findings if check == "JM502")
    roots = raw.locator(".jw-root")
    roots.nth(1).locator(".jw-findings").wait_for(timeout=60_000)
    first = roots.nth(0)

    # The badges sit inside the boxes of the stage and the card the findings are about.
    for key, check in (("stages:book", "JM202"), (f"cards:{pain}", "JM502")):
        geometry = raw.evaluate(INSIDE, [0, key])
        assert geometry is not None, key
        assert geometry["inside"], (key, geometry)
        assert geometry["width"] > 8 and geometry["height"] > 8
        assert geometry["label"].startswith(f"1 finding: warning {check}, ")
        assert geometry["background"] == "rgb(125, 78, 0)"  # style.ANNOTATION_COLORS warning
    assert first.locator(".jw-finding-badge").count() == 2
    panel = first.locator(".jw-findings")
    assert panel.get_attribute("role") == "region"
    assert panel.locator("[role=list] > li").count() == len(findings)
    assert panel.locator("b").count() == 0  # the card's text is text
    page.page.screenshot(path=str(ARTIFACTS / "findings-page.png"))

    # Clicking the card's finding selects the card (Python sees it) and focuses it.
    panel.locator(f'.jw-finding-go[data-anchor="cards:{pain}"]').click()
    raw.wait_for_function(
        """(id) => document.activeElement && document.activeElement.dataset.id === id""",
        arg=pain,
        timeout=10_000,
    )
    first.locator(f'.jw-card[data-id="{pain}"].jw-selected').wait_for(timeout=10_000)
    assert json.loads(run_cell(raw, 2).strip().splitlines()[-1]) == [pain]

    # Enter on the stage's finding focuses the stage.
    panel.locator('.jw-finding-go[data-anchor="stages:book"]').focus()
    raw.keyboard.press("Enter")
    raw.wait_for_function(
        """() => document.activeElement && document.activeElement.dataset.key === 'stages:book'""",
        timeout=10_000,
    )

    violations: list[dict[str, Any]] = axe(raw, ".jw-root")
    (ARTIFACTS / "axe-findings.json").write_text(json.dumps(violations, indent=1))
    assert violations == [], violations
    first.screenshot(path=str(ARTIFACTS / "findings.png"))
    panel.screenshot(path=str(ARTIFACTS / "findings-panel.png"))

    # The comparison: the student's extra step and a matched one are marked, the missing
    # reference step is listed.
    second = roots.nth(1)
    extra = raw.evaluate(INSIDE, [1, "steps:visit_wait"])
    assert extra is not None and extra["inside"], extra
    assert extra["label"].startswith("extra: ")
    matched = raw.evaluate(INSIDE, [1, "steps:book_call"])
    assert matched is not None and matched["label"].startswith("matched: ")
    missing = second.locator('.jw-findings .jw-finding[data-severity="missing"]')
    assert "Pay the bill at the desk" in missing.inner_text()
    assert axe(raw, ".jw-findings") == []
    second.screenshot(path=str(ARTIFACTS / "findings-comparison.png"))
    page.check_clean()
    jupyter.shutdown_kernels()
