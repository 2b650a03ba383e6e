"""Colours and sizes shared by the static figures (one place to restyle them)."""

from __future__ import annotations

# Stage bands: a soft tint for the band behind the columns, a strong tone for its header.
STAGE_TINTS = ("#EAF1FB", "#E9F5EC", "#FDF3E2", "#F2EAF7", "#FBE9EC", "#E5F4F3", "#F4F0E4")
STAGE_TONES = ("#2F6DB5", "#2E8555", "#B86E0A", "#74499E", "#B53A55", "#1C7F7A", "#7D6A3A")

# Personas' emotion curves (Okabe–Ito: distinguishable with colour-vision deficiencies).
PERSONA_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
UNNAMED_CURVE = "#444444"

INK = "#1F2328"
MUTED = "#656D76"
GRID = "#D0D7DE"
NEUTRAL_LINE = "#8C959F"
MOMENT = "#C99700"  # moments of truth

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

MAP_TYPE_NAMES = {
    "current_state": "Current-state journey map",
    "future_state": "Future-state journey map",
    "day_in_the_life": "Day in the life",
    "service_blueprint": "Service blueprint",
}

A4_LANDSCAPE = (11.69, 8.27)  # inches
