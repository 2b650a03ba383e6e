"""Teaching: templates from the field, checks that explain, comparison with a reference
map, classroom-safe notebooks and a gradebook (see docs/teaching.md)."""

from .checks import CHECKS, Check
from .classroom import exercise, headless, show
from .compare import Comparison, compare
from .gradebook import gradebook
from .report import CheckReport, check
from .rubric import Rubric, RubricError, load_rubric
from .templates import template, templates

__all__ = [
    "CHECKS",
    "Check",
    "CheckReport",
    "Comparison",
    "Rubric",
    "RubricError",
    "check",
    "compare",
    "exercise",
    "gradebook",
    "headless",
    "load_rubric",
    "show",
    "template",
    "templates",
]
