"""A funnel's semantics as one value, read by both of its plans."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

Order = Literal["strict", "any"]
Anchor = Literal["first", "best"]
Count = Literal["unique", "totals"]


@dataclass(frozen=True)
class FunnelSemantics:
    """What a funnel counts (see funnel.py's module doc), with steps by position."""

    order: Order
    anchor: Anchor
    count: Count
    window: dt.timedelta
    tie: dt.timedelta
    limits: dict[int, dt.timedelta] = field(default_factory=dict)  # step → from previous
    optional: frozenset[int] = frozenset()
    exclude: Any = None  # event names (a list), a narwhals expression, or None

    @property
    def attempts(self) -> bool:
        """Whether a row is an attempt at the first step rather than a unit."""
        return not (self.anchor == "first" and self.count == "unique")
