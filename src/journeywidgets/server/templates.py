"""What File › New › Journey map starts from."""

from __future__ import annotations

from ..model import Journey

TEMPLATES = ("blank", "starter")


def new_journey(template: str) -> Journey:
    """A journey to start a new file from: ``blank`` (nothing yet) or ``starter`` (three
    stages with a step each and the usual lanes, ready to fill in)."""
    if template not in TEMPLATES:
        raise ValueError(f"unknown template {template!r}; the templates are {TEMPLATES}")
    journey = Journey("Untitled journey")
    if template == "starter":
        for stage_name, step_name in (
            ("Discover", "Hears about it"),
            ("Decide", "Compares options"),
            ("Use", "First use"),
        ):
            journey.add_step(step_name, journey.add_stage(stage_name))
        for lane_name, lane_type in (
            ("Actions", "actions"),
            ("Thoughts", "thoughts"),
            ("Pain points", "pain_points"),
            ("Opportunities", "opportunities"),
        ):
            journey.add_lane(lane_name, lane_type)
    journey._start_afresh()
    return journey
