from __future__ import annotations

import pytest

import journeywidgets as jw
from journeywidgets.datasets import bike_shop


@pytest.fixture
def journey() -> jw.Journey:
    """The bike shop example: 4 stages, 8 steps, 5 lanes, a persona, evidence."""
    return bike_shop()


@pytest.fixture
def small() -> jw.Journey:
    """Two stages with two steps each and one lane; ids are predictable."""
    j = jw.Journey("Small 小")
    j.add_stage("Before", stage_id="a")
    j.add_stage("After", stage_id="b")
    j.add_step("one", "a", step_id="s1")
    j.add_step("two", "a", step_id="s2")
    j.add_step("three", "b", step_id="s3")
    j.add_step("four", "b", step_id="s4")
    j.add_lane("Thoughts", "thoughts", lane_id="t")
    j._start_afresh()
    return j
