"""Widgets: interactive views of a Journey (anywidget). No business logic lives here."""

from .journey_map import JourneyMap

__all__ = ["JourneyMap"]
