"""Rubrics are data: which checks count, for how many points, with which thresholds.

A rubric is a dict, or a YAML/JSON file or text, such as::

    name: Week 3 — current-state maps
    pass_mark: 60            # optional, a score out of 100
    checks:
      JM101: 10              # points
      stage-without-goal: {points: 5, severity: error}
      too-few-steps: {points: 5, min_steps: 8}

Checks are named by id or slug. Each check earns its points in proportion to the items it
passes: a stage check that fails on 1 of 4 stages earns three quarters of its points; a
map-level check earns all or nothing. The score is earned / possible × 100. Without a
rubric every check counts, with points by severity (error 3, warning 2, info 1).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..io.text_file import read_text
from ..model import JourneyError
from .checks import CHECKS, SEVERITIES, SLUGS, Check, Severity, known_checks

DEFAULT_POINTS: dict[str, float] = {"error": 3, "warning": 2, "info": 1}


class RubricError(JourneyError, ValueError):
    """A rubric cannot be used; ``key`` is the dotted path of the bad entry (such as
    ``checks.JM301.min_steps``) and ``source`` the file it came from, when there is one."""

    def __init__(self, reason: str, *, key: str | None = None, source: str | None = None):
        self.reason, self.key, self.source = reason, key, source
        where = ", ".join(p for p in (source, f"key {key!r}" if key else None) if p)
        super().__init__(f"{where}: {reason}" if where else reason)


@dataclass(frozen=True)
class RubricItem:
    check: Check
    points: float
    severity: Severity
    params: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Rubric:
    name: str
    items: tuple[RubricItem, ...]
    pass_mark: float | None = None

    @property
    def possible(self) -> float:
        return sum(item.points for item in self.items)


def default_rubric() -> Rubric:
    return Rubric(
        "default",
        tuple(
            RubricItem(c, DEFAULT_POINTS[c.severity], c.severity, dict(c.params))
            for c in CHECKS.values()
        ),
    )


def _number(value: object, key: str, source: str | None, *, minimum: float = 0) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RubricError(f"must be a number, got {value!r}", key=key, source=source)
    if value < minimum or value != value:  # NaN fails too
        raise RubricError(f"must be ≥ {minimum:g}, got {value!r}", key=key, source=source)
    return float(value)


def _item(name: object, entry: object, source: str | None) -> RubricItem:
    key = f"checks.{name}"
    check_id = SLUGS.get(str(name), str(name))
    if check_id not in CHECKS:
        raise RubricError(
            f"unknown check {name!r}; the checks are: {known_checks()}", key=key, source=source
        )
    check = CHECKS[check_id]
    if entry is None or (isinstance(entry, (int, float)) and not isinstance(entry, bool)):
        entry = {"points": DEFAULT_POINTS[check.severity] if entry is None else entry}
    if not isinstance(entry, Mapping):
        raise RubricError(
            f"must be a number of points or a mapping, got {entry!r}", key=key, source=source
        )
    points = _number(entry.get("points", DEFAULT_POINTS[check.severity]), f"{key}.points", source)
    severity = entry.get("severity", check.severity)
    if severity not in SEVERITIES:
        raise RubricError(
            f"must be one of {', '.join(SEVERITIES)}, got {severity!r}",
            key=f"{key}.severity",
            source=source,
        )
    params = dict(check.params)
    for param, value in entry.items():
        if param in ("points", "severity"):
            continue
        if param not in check.params:
            known = ", ".join(["points", "severity", *check.params])
            raise RubricError(
                f"{check.id} has no setting {param!r}; it has: {known}",
                key=f"{key}.{param}",
                source=source,
            )
        params[param] = _number(value, f"{key}.{param}", source, minimum=1)
    return RubricItem(check, points, severity, params)


def rubric_from_data(data: object, *, source: str | None = None) -> Rubric:
    """A :class:`Rubric` from a parsed dict; :class:`RubricError` names the bad key."""
    if not isinstance(data, Mapping):
        raise RubricError(f"a rubric is a mapping, got {type(data).__name__}", source=source)
    unknown = set(data) - {"name", "pass_mark", "checks"}
    if unknown:
        raise RubricError(
            "unknown entry; a rubric has: name, pass_mark, checks",
            key=str(sorted(map(str, unknown))[0]),
            source=source,
        )
    checks = data.get("checks")
    if isinstance(checks, list):
        checks = dict.fromkeys(checks)
    if not isinstance(checks, Mapping) or not checks:
        raise RubricError(
            "must list at least one check (a mapping of check id → points)",
            key="checks",
            source=source,
        )
    items = tuple(_item(name, entry, source) for name, entry in checks.items())
    ids = [item.check.id for item in items]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise RubricError(
            f"{repeated[0]} is listed twice (by id and by slug)", key="checks", source=source
        )
    if sum(item.points for item in items) <= 0:
        raise RubricError("the points add up to 0", key="checks", source=source)
    pass_mark = data.get("pass_mark")
    if pass_mark is not None:
        pass_mark = _number(pass_mark, "pass_mark", source)
        if pass_mark > 100:
            raise RubricError(
                f"is a score out of 100, got {pass_mark:g}", key="pass_mark", source=source
            )
    return Rubric(str(data.get("name", "rubric")), items, pass_mark)


def load_rubric(rubric: Rubric | Mapping[str, Any] | str | os.PathLike[str] | None) -> Rubric:
    """A rubric from a :class:`Rubric`, a dict, a YAML/JSON file path or YAML text;
    ``None`` gives the default rubric."""
    if rubric is None:
        return default_rubric()
    if isinstance(rubric, Rubric):
        return rubric
    if isinstance(rubric, Mapping):
        return rubric_from_data(rubric)
    path = Path(rubric)
    is_file = isinstance(rubric, os.PathLike) or ("\n" not in rubric and path.is_file())
    source = str(path) if is_file else None
    content = read_text(path) if is_file else str(rubric)
    try:
        data = (
            json.loads(content) if path.suffix == ".json" and is_file else yaml.safe_load(content)
        )
    except (yaml.YAMLError, json.JSONDecodeError) as error:
        raise RubricError(f"cannot be read: {error}", source=source) from None
    return rubric_from_data(data, source=source)
