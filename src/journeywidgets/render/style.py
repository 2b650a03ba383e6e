"""The one look: colours, labels and number formats, decided here for every picture.

The matplotlib figures read these directly; the widget and the standalone page get the
same table from :func:`presentation` (JSON, shipped once in the widget's state), and the
front-end's formatter is checked against :func:`format_examples`, so that the live map
and its picture agree (see PRESENTATION.md). Nothing here holds user text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

PRESENTATION_VERSION = 1

# -- colours ------------------------------------------------------------------------------

# Personas' emotion curves, in persona order (Okabe–Ito: distinguishable with colour-vision
# deficiencies). A persona's own ``color`` wins.
PERSONA_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
SINGLE_CURVE_COLOR = "#444444"  # the map's own curve, when it has no persona

# Stage headers, cycled in stage order when a stage has no ``color`` of its own; the band
# behind a stage's columns is the same colour mixed into white (STAGE_BAND_MIX of it).
STAGE_COLORS = ("#2F6DB5", "#2E8555", "#B86E0A", "#74499E", "#B53A55", "#1C7F7A", "#7D6A3A")
STAGE_BAND_MIX = 0.1

INK = "#1F2328"
MUTED = "#656D76"
GRID = "#D0D7DE"
NEUTRAL_LINE = "#8C959F"
MOMENT = "#C99700"  # moments of truth
DROP = "#B42318"  # the biggest drop in a funnel

PAIN_FILL = ("#FCE4E2", "#F8C3BF", "#F19A94")  # pain points, by severity 1, 2, 3
CARD_FILL = {
    "opportunity": "#DDF2E3",
    "idea": "#DDF2E3",
    "thought": "#FFF5D1",
    "feeling": "#FFF5D1",
    "quote": "#FFF5D1",
    "question": "#EAF1FB",
}
CARD_FILL_DEFAULT = "#F3F4F6"
SEVERITY_INK = "#B42318"
SEVERITY_MARKS = {1: "!", 2: "!!", 3: "!!!"}
# Marks on items from outside the map: a check's findings by severity, a comparison's
# matched / extra / missing. Each has 4.5:1 contrast with white, which badges are written in.
ANNOTATION_COLORS = {
    "error": "#B42318",
    "warning": "#7D4E00",
    "info": "#0969DA",
    "matched": "#0072B2",
    "extra": "#8A5A00",
    "missing": "#B34700",
}

_HEX = re.compile(r"#[0-9A-Fa-f]{6}")


def mix(color: str, amount: float, into: str = "#FFFFFF") -> str:
    """``amount`` of ``color`` mixed into ``into`` (both #RRGGBB), as #RRGGBB."""
    a, b = _rgb(color), _rgb(into)
    return "#" + "".join(
        f"{round(x * amount + y * (1 - amount)):02X}" for x, y in zip(a, b, strict=True)
    )


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def own_color(value: object) -> str | None:
    """A table's ``color`` cell when it is a usable #RRGGBB colour, else None."""
    if isinstance(value, str) and _HEX.fullmatch(value.strip()):
        return value.strip().upper()
    return None


def stage_color(position: int, own: object = None) -> str:
    """The header colour of the stage at ``position`` (0-based, in map order)."""
    return own_color(own) or STAGE_COLORS[position % len(STAGE_COLORS)]


def stage_band(position: int, own: object = None) -> str:
    """The fill behind the stage's columns: its colour, much lightened."""
    return mix(stage_color(position, own), STAGE_BAND_MIX)


def persona_color(position: int | None, own: object = None) -> str:
    """The curve colour of the persona at ``position`` in persona order; None is the map's
    own curve."""
    if position is None:
        return SINGLE_CURVE_COLOR
    return own_color(own) or PERSONA_COLORS[position % len(PERSONA_COLORS)]


# -- words --------------------------------------------------------------------------------

LABELS = {
    "emotion_lane": "Emotion",
    "steps_lane": "Steps",
    "single_curve": "Emotion",
    "as_is": "as-is",
    "to_be": "to-be",
    "reach": "reached",
    "conversion": "converted",
    "biggest_drop": "biggest drop",
    "assumed": "assumed (no evidence)",
    "emotion_point": "emotion",
    "not_scored": "not scored yet",
    "interval": "{level} interval",
    "participant": "participant",
    "participants": "participants",
    "moment_of_truth": "moment of truth",
    "annotations_elsewhere": "On the map as a whole",
    "more_cards": "+ {n} more",
    "untitled": "Journey map",
    "no_stage": "(no stage)",
    "units_reaching": "units reaching the step",
    "share_of_units": "share of units",
    "median_time": "median",
}

LANE_TYPES = {
    "actions": "Actions",
    "thoughts": "Thoughts",
    "feelings": "Feelings",
    "touchpoints": "Touchpoints",
    "channels": "Channels",
    "pain_points": "Pain points",
    "opportunities": "Opportunities",
    "ideas": "Ideas",
    "quotes": "Quotes",
    "metrics": "Metrics",
    "owners": "Owners",
    "text": "Text",
    "custom": "Custom",
}
CARD_KINDS = {
    "action": "Action",
    "thought": "Thought",
    "feeling": "Feeling",
    "touchpoint": "Touchpoint",
    "pain_point": "Pain point",
    "opportunity": "Opportunity",
    "idea": "Idea",
    "question": "Question",
    "quote": "Quote",
    "note": "Note",
}
STEP_KINDS = {
    "action": "Action",
    "touchpoint": "Touchpoint",
    "decision": "Decision",
    "wait": "Wait",
    "handoff": "Hand-off",
}
MAP_TYPES = {
    "current_state": "Current-state journey map",
    "future_state": "Future-state journey map",
    "day_in_the_life": "Day in the life",
    "service_blueprint": "Service blueprint",
}
MAP_TYPE_NAMES = MAP_TYPES
BLUEPRINT_ROLES = {
    "physical_evidence": "Physical evidence",
    "customer_actions": "Customer actions",
    "frontstage": "Frontstage",
    "backstage": "Backstage",
    "support_processes": "Support processes",
}

# Lane types whose cards default to a kind (a card's own kind wins).
LANE_KIND = {
    "pain_points": "pain_point",
    "opportunities": "opportunity",
    "ideas": "idea",
    "thoughts": "thought",
    "feelings": "feeling",
    "quotes": "quote",
}

# Service blueprints: the named lines drawn where one role's lanes meet the next one's.
BLUEPRINT_LINES = {
    ("customer_actions", "frontstage"): "line of interaction",
    ("physical_evidence", "frontstage"): "line of interaction",
    ("frontstage", "backstage"): "line of visibility",
    ("backstage", "support_processes"): "line of internal interaction",
}

A4_LANDSCAPE = (11.69, 8.27)  # inches


def curve_label(name: str, variant: str) -> str:
    """A curve's name in legends: "Mei", "Mei (to-be)"."""
    return f"{name} ({LABELS['to_be']})" if variant == "to_be" else name


def named(table: dict[str, str], value: object) -> str:
    """The display name of an enum value; an unknown one with its underscores as spaces."""
    key = "" if value is None else str(value)
    return table.get(key, key.replace("_", " "))


# -- numbers ------------------------------------------------------------------------------
#
# Each rule is small enough to write again in TypeScript (js/src/format.ts) and is checked
# against it through format_examples(). Rounding is Python's: half to even.

PERCENT_DIGITS = 0
COMPACT_FROM = 10_000  # below this a count is written in full: "9,876"
_SUFFIXES = ((1e9, "B"), (1e6, "M"), (1e3, "k"))
MINUS = "\u2212"  # a real minus sign, as typeset


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_percent(ratio: float | None, digits: int = PERCENT_DIGITS) -> str:
    """A share (0.76 → "76%"). A value that would round to 0% or 100% without being it
    says so ("<1%", ">99%"), so that a drop never reads as nothing or as no drop."""
    if _missing(ratio):
        return ""
    assert ratio is not None
    value = ratio * 100
    text = f"{value:.{digits}f}"
    step = f"{10.0**-digits:.{digits}f}"
    if value > 0 and float(text) == 0:
        return f"<{step}%"
    if value < 100 and float(text) >= 100:
        return f">{100 - float(step):.{digits}f}%"
    return _signed(text) + "%"


def format_count(value: float | None, compact: bool = True) -> str:
    """A count of people or events: "950", "9,876", and from ten thousand on, when
    ``compact``, three significant figures and a suffix: "12.3k", "123k", "4.56M", "7B"."""
    if _missing(value):
        return ""
    assert value is not None
    size = abs(value)
    if compact and round(size) >= COMPACT_FROM:
        for index, (divisor, suffix) in enumerate(_SUFFIXES):
            if size >= divisor:
                scaled = size / divisor
                decimals = max(0, 2 - math.floor(math.log10(scaled)))
                rounded = round(scaled, decimals)
                if rounded >= 1000 and index > 0:  # 999,950 is "1M", not "1000k"
                    divisor, suffix = _SUFFIXES[index - 1]
                    rounded, decimals = round(size / divisor, 2), 2
                text = f"{rounded:.{decimals}f}"
                if "." in text:
                    text = text.rstrip("0").rstrip(".")
                return (MINUS if value < 0 else "") + text + suffix
    return _signed(f"{value:,.0f}")


def format_duration(seconds: float | None) -> str:
    """A length of time in the two largest units that matter: "45 s", "3 min 5 s",
    "1 h 32 min", "2 d 4 h"; under ten seconds to a tenth ("0.4 s"). Each is rounded to its
    smaller unit, so 1 h 59 min 40 s is "2 h"."""
    if _missing(seconds):
        return ""
    assert seconds is not None
    total = abs(seconds)
    sign = MINUS if seconds < 0 and round(total, 1) else ""
    if round(total, 1) < 10:
        return sign + f"{round(total, 1):g} s"
    units = ((86400, "d", 3600, "h"), (3600, "h", 60, "min"), (60, "min", 1, "s"))
    for big, big_name, small, small_name in units:
        if total >= big - small / 2:
            count = round(total / small)  # in small units
            whole, rest = divmod(count, big // small)
            text = f"{whole} {big_name}" + (f" {rest} {small_name}" if rest else "")
            return sign + text
    return sign + f"{round(total)} s"


def format_timedelta(value: Any) -> str:
    """A pandas/NumPy/datetime time span (or seconds) as :func:`format_duration` writes it."""
    if value is None:
        return ""
    seconds = getattr(value, "total_seconds", None)
    if callable(seconds):
        result = seconds()
        return format_duration(float(result))
    try:
        return format_duration(float(value))
    except (TypeError, ValueError):
        return ""


def _signed(text: str) -> str:
    """A real minus sign, and none before a number that rounded to zero ("-0")."""
    if not text.startswith("-"):
        return text
    return text[1:] if not text.strip("-0.,") else MINUS + text[1:]


def format_score(value: float | None, scale_min: float = 0.0) -> str:
    """A score as the map's labels write it: to a tenth, without ".0" ("−1.3", "2",
    "62.5"); a plus sign on a scale that has negative scores ("+1.5"); a real minus."""
    if _missing(value):
        return ""
    assert value is not None
    text = f"{value:.1f}"
    text = _signed(text[:-2] if text.endswith(".0") else text)
    return f"+{text}" if scale_min < 0 and value > 0 and text != "0" else text


def interval_label(confidence: float | None = None) -> str:
    """ "95% interval": the words for an emotion's interval at ``confidence`` (the map's
    ``emotion_confidence``; 0.95 where it is not set), to a tenth of a percent."""
    level = 0.95 if confidence is None or _missing(confidence) else float(confidence)
    return LABELS["interval"].format(level=f"{format_score(level * 100)}%")


def emotion_label(
    step: str, scale_min: float, scale_max: float, points: Sequence[Mapping[str, Any]]
) -> str:
    """What a screen reader hears on a step's emotion cell, one part per curve scored
    there (``points``: ``curve`` (named when there are several), ``score``, ``ci_low``,
    ``ci_high``, ``n``, ``confidence``): "Checkout, emotion −1.3 on −2…+2, 95% interval
    −1.8 to −0.8, 5 participants"; "Checkout, emotion not scored yet on −2…+2"."""
    scale = f"on {format_score(scale_min, scale_min)}…{format_score(scale_max, scale_min)}"
    if not points:
        return f"{step}, {LABELS['emotion_point']} {LABELS['not_scored']} {scale}"
    parts = []
    for point in points:
        part = f"{format_score(point['score'], scale_min)} {scale}"
        if point.get("curve"):
            part = f"{point['curve']} {part}"
        low, high = point.get("ci_low"), point.get("ci_high")
        if not _missing(low) and not _missing(high):
            part += (
                f", {interval_label(point.get('confidence'))} {format_score(low, scale_min)} to "
                f"{format_score(high, scale_min)}"
            )
        n = point.get("n")
        if not _missing(n):
            people = LABELS["participant"] if n == 1 else LABELS["participants"]
            part += f", {format_count(n, compact=False)} {people}"
        parts.append(part)
    return f"{step}, {LABELS['emotion_point']} {'; '.join(parts)}"


def reach_text(reached: float | None, conversion: float | None) -> str:
    """What a step's header says of a funnel: "1,234 reached · 76% converted"."""
    if _missing(reached):
        return ""
    parts = [f"{format_count(reached)} {LABELS['reach']}"]
    if not _missing(conversion):
        parts.append(f"{format_percent(conversion)} {LABELS['conversion']}")
    return " · ".join(parts)


def biggest_drop(conversions: Sequence[float | None]) -> int | None:
    """Which step to mark as the biggest drop: the lowest conversion from the previous step
    (the first of equals), if any step lost anyone."""
    best: int | None = None
    for index, rate in enumerate(conversions):
        if _missing(rate):
            continue
        assert rate is not None
        if rate < 1 and (best is None or rate < (conversions[best] or 0.0)):
            best = index
    return best


def format_examples() -> list[dict[str, Any]]:
    """Inputs and this module's outputs for every number rule, for the front-end's tests:
    ``{"rule": ..., "input": [...], "output": "..."}``."""
    percents = [0, 0.004, 0.005, 0.0049, 0.01, 0.125, 0.135, 0.5, 0.76, 0.994, 0.995, 0.9951,
                1, 1.5, -0.2, -0.001, None]  # fmt: skip
    counts = [0, 7, 950, 999.5, 1234, 9876, 9999.4, 9999.5, 10000, 12345, 99949, 99950, 123456,
              999499, 999500, 999950, 1234567, 45678901, 7e9, -12345, -42, -0.4, None]  # fmt: skip
    durations = [0, 0.04, 0.44, 9.94, 9.96, 45, 59.4, 59.6, 185, 3599, 3600, 5528.982, 7180,
                 86399, 86400, 93600, 200000, -90, -0.04, None]  # fmt: skip
    reaches = [(1234, 0.76), (12345, None), (100, 0.0), (None, 0.5), (87, 0.004)]
    drops: list[list[float | None]] = [
        [None, 0.8, 0.5, 0.9],
        [None, 1.0, 1.0],
        [0.5, 0.5],
        [None],
        [],
    ]
    out: list[dict[str, Any]] = []
    out += [{"rule": "percent", "input": [v], "output": format_percent(v)} for v in percents]
    out += [{"rule": "percent", "input": [v, 1], "output": format_percent(v, 1)}
            for v in (0.0004, 0.1234, 0.9996)]  # fmt: skip
    out += [{"rule": "count", "input": [v], "output": format_count(v)} for v in counts]
    out += [{"rule": "count", "input": [v, False], "output": format_count(v, False)}
            for v in (12345, 1234567)]  # fmt: skip
    out += [{"rule": "duration", "input": [v], "output": format_duration(v)} for v in durations]
    out += [{"rule": "reach", "input": [r, c], "output": reach_text(r, c)} for r, c in reaches]
    out += [{"rule": "biggest_drop", "input": [d], "output": biggest_drop(d)} for d in drops]
    scores = [(-1.3, -2), (2, -2), (0, -2), (-0.04, -2), (0.04, -2), (1.25, -2), (-1.25, -2),
              (0.35, -2), (-0.9, -2), (4, 1), (62.5, 0), (0.75, 0), (None, -2)]  # fmt: skip
    out += [{"rule": "score", "input": [v, m], "output": format_score(v, m)} for v, m in scores]
    point = {"curve": None, "score": -1.3, "ci_low": -1.8, "ci_high": -0.8, "n": 5}
    labels: list[tuple[str, float, float, list[dict[str, Any]]]] = [
        ("Checkout", -2, 2, [point]),
        ("Checkout", -2, 2, []),
        ("Pays", -2, 2, [{**point, "ci_low": None, "ci_high": None, "n": 1, "score": 2}]),
        ("Pays", -2, 2, [{**point, "n": None, "ci_low": None}]),
        ("Pays", -2, 2, [{**point, "confidence": 0.9}]),
        ("Pays", -2, 2, [{**point, "confidence": 0.995}]),
        ("Rides", 1, 5, [{"curve": "Commuter", "score": 4.25, "ci_low": 3.5, "ci_high": 5,
                          "n": 12345}, {"curve": "Student (to-be)", "score": 3, "n": None}]),
    ]  # fmt: skip
    out += [{"rule": "emotion_label", "input": list(case), "output": emotion_label(*case)}
            for case in labels]  # fmt: skip
    return out


# -- the table the front-end gets ---------------------------------------------------------


def presentation() -> dict[str, Any]:
    """Everything the front-end needs to look like the pictures (JSON-safe, no user text)."""
    return {
        "version": PRESENTATION_VERSION,
        "persona_colors": list(PERSONA_COLORS),
        "single_curve_color": SINGLE_CURVE_COLOR,
        "stage_colors": list(STAGE_COLORS),
        "stage_band_mix": STAGE_BAND_MIX,
        "stage_bands": [mix(color, STAGE_BAND_MIX) for color in STAGE_COLORS],
        "colors": {
            "ink": INK,
            "muted": MUTED,
            "grid": GRID,
            "neutral_line": NEUTRAL_LINE,
            "moment_of_truth": MOMENT,
            "biggest_drop": DROP,
            "severity": SEVERITY_INK,
            "pain_fill": list(PAIN_FILL),
            "card_fill": dict(CARD_FILL),
            "card_fill_default": CARD_FILL_DEFAULT,
        },
        "labels": dict(LABELS),
        "lane_types": dict(LANE_TYPES),
        "card_kinds": dict(CARD_KINDS),
        "step_kinds": dict(STEP_KINDS),
        "map_types": dict(MAP_TYPES),
        "blueprint_roles": dict(BLUEPRINT_ROLES),
        "blueprint_lines": [
            {"above": above, "below": below, "name": name}
            for (above, below), name in BLUEPRINT_LINES.items()
        ],
        "lane_kinds": dict(LANE_KIND),
        "severity_marks": {str(level): mark for level, mark in SEVERITY_MARKS.items()},
        "number_formats": {
            "percent": {"digits": PERCENT_DIGITS},
            "count": {
                "compact": True,
                "compact_from": COMPACT_FROM,
                "suffixes": [s for _, s in _SUFFIXES],
            },
            "minus": MINUS,
        },
    }


def step_labels(journey: Any) -> dict[str, dict[str, Any]]:
    """Per step, what the map writes from the journey's funnel metrics:
    ``{step_id: {"reached", "conversion", "text", "biggest_drop"}}`` (steps with a reach)."""
    from .reach import step_funnel  # reach reads the tables; it uses this module's rules

    funnel = step_funnel(journey)
    ids = list(funnel)
    drop = biggest_drop([funnel[s][1] for s in ids])
    return {
        step: {
            "reached": reached,
            "conversion": conversion,
            "text": reach_text(reached, conversion),
            "biggest_drop": index == drop,
        }
        for index, (step, (reached, conversion)) in enumerate(funnel.items())
    }
