"""`journey.to_html()` opens from file:// in headless Chromium, offline, and shows the map."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeywidgets.datasets import bike_shop

from .conftest import Page

pytestmark = pytest.mark.browser

XSS = "<img src=x onerror=alert(1)></script><script>alert(2)</script>"


def test_standalone_html_renders_offline_and_read_only(page: Page, tmp_path: Path) -> None:
    journey = bike_shop()
    journey.add_card(XSS, lane="lane_4", step="step_1", kind="pain_point", card_id="xss")
    journey.set_meta(title="Buying a bike </title><script>alert(3)</script> 买车")
    # A funnel's metrics on a step show under its name (as attach_funnel writes them).
    reach = journey.add_metric("Reach", step="step_2", metric_type="COUNT")
    journey.add_metric_value(reach, 1234)
    rate = journey.add_metric("Conversion from previous step", step="step_2")
    journey.add_metric_value(rate, 0.5, numerator=1234, denominator=2468)
    path = journey.to_html(tmp_path / "map.html")

    requests: list[str] = []
    page.page.on("request", lambda request: requests.append(request.url))
    page.page.goto(path.as_uri())
    page.page.wait_for_selector("html[data-rendered='true']", timeout=30_000)
    root = page.page.locator(".jw-root")
    root.locator('.jw-step[data-id="step_2"]').wait_for()

    reach = root.locator('.jw-step[data-id="step_2"] .jw-reach-text')
    assert reach.inner_text() == "1,234 reached · 50% converted"
    assert root.locator(".jw-reach").count() == 1
    steps = root.locator(".jw-step .jw-text").all_inner_texts()
    assert steps == list(journey.steps["name"])
    assert root.locator(".jw-stage .jw-text").all_inner_texts() == list(journey.stages["name"])
    assert root.locator(".jw-emotion-point, .jw-emotion circle").count() >= len(steps)
    # User text stays text: the card and the title show their characters, run nothing.
    assert root.locator('.jw-card[data-id="xss"] .jw-text').inner_text() == XSS
    assert page.page.title() == "Buying a bike </title><script>alert(3)</script> 买车"
    assert page.page.locator("img").count() == 0
    # Read-only: no editor opens, no add/delete buttons.
    root.locator('.jw-step[data-id="step_2"] .jw-text').dblclick()
    assert root.locator("textarea.jw-editor").count() == 0
    # Offline: nothing but the file itself and the bundle's in-page blob.
    assert all(url.startswith(("file:", "blob:", "data:")) for url in requests), requests
    page.check_clean()


def test_standalone_html_marks_findings_on_their_items(page: Page, tmp_path: Path) -> None:
    journey = bike_shop()
    journey.update("stages", "stage_1", goal=None)  # JM202: a stage without a goal
    report = journey.check()
    about_stage = report.findings[report.findings["item_id"] == "stage_1"]
    assert len(about_stage) >= 1
    page.page.goto(journey.to_html(tmp_path / "map.html", findings=report).as_uri())
    page.page.wait_for_selector("html[data-rendered='true']", timeout=30_000)
    root = page.page.locator(".jw-root")
    stage = root.locator('.jw-stage[data-id="stage_1"]')
    badge = stage.locator(":scope > .jw-finding-badge")
    assert badge.count() == 1
    assert "JM202" in (badge.get_attribute("aria-label") or "")
    box, mark = stage.bounding_box(), badge.bounding_box()
    assert box is not None and mark is not None
    assert box["x"] <= mark["x"] and mark["x"] + mark["width"] <= box["x"] + box["width"] + 1
    assert box["y"] <= mark["y"] and mark["y"] + mark["height"] <= box["y"] + box["height"] + 1
    listed = root.locator(".jw-findings-list .jw-finding").all_inner_texts()
    assert len(listed) == len(report.findings)
    page.check_clean()
