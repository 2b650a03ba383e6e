"""The four map types: current state, day in the life, future state, service blueprint."""

from __future__ import annotations

from .builder import Card, Lane, Stage, Step, Template
from .lanes import ACTIONS, FEELINGS, OPPORTUNITIES, PAIN_POINTS, THOUGHTS, TOUCHPOINTS

PATIENT = (
    "Mr Tan, retired patient",
    "67, sees his GP every three months, prefers the phone to apps.",
    "older patients",
)
SCENARIO = "Mr Tan books a follow-up appointment at his clinic and attends it."
EXPECTATIONS = "I want an appointment this week and to be seen on time."

# (step id, name, as-is score, to-be score, kind, moment of truth, cards, emotion label)
CLINIC = [
    (
        "book",
        "Book",
        "Get an appointment this week",
        "Arranging the visit.",
        [
            (
                "book_call",
                "Phone the clinic",
                -2,
                1,
                "touchpoint",
                True,
                {
                    "actions": "I call at 8:00 and wait on hold",
                    "thoughts": "Twenty minutes of music again",
                    "feelings": "fed up",
                    "touchpoints": "phone line",
                    "pain_points": Card("Lines are busy for the first hour", {"severity": 3}),
                    "opportunities": Card(
                        "Call-back instead of hold music",
                        {"owner": "Reception lead", "priority": 5},
                    ),
                },
                "fed up",
            ),
            (
                "book_confirm",
                "Get the confirmation",
                1,
                1,
                "action",
                False,
                {
                    "actions": "I write the time on my calendar",
                    "thoughts": "Thursday at ten, good",
                    "feelings": "relieved",
                    "touchpoints": "text message",
                },
                "relieved",
            ),
        ],
    ),
    (
        "visit",
        "Visit",
        "Be seen on time",
        "Arriving, waiting and the consultation.",
        [
            (
                "visit_wait",
                "Wait in the waiting room",
                -1,
                0,
                "wait",
                False,
                {
                    "actions": "I wait 40 minutes past my time",
                    "thoughts": "Nobody tells me how long",
                    "feelings": "ignored",
                    "touchpoints": "waiting room, reception desk",
                    "pain_points": "No information about delays",
                    "opportunities": Card(
                        "Show the queue on a screen and by text", {"owner": "Clinic manager"}
                    ),
                },
                "ignored",
            ),
            (
                "visit_consult",
                "See the doctor",
                2,
                2,
                "action",
                True,
                {
                    "actions": "I explain my symptoms and get a new prescription",
                    "thoughts": "She listened to me",
                    "feelings": "reassured",
                    "touchpoints": "consultation room",
                },
                "reassured",
            ),
        ],
    ),
    (
        "follow_up",
        "Follow up",
        "Get my medicine and know what is next",
        "After the visit: pharmacy and the next appointment.",
        [
            (
                "follow_up_pharmacy",
                "Collect the medicine",
                0,
                1,
                "action",
                True,
                {
                    "actions": "I queue at the pharmacy counter",
                    "thoughts": "Is this the same dose as before?",
                    "feelings": "unsure",
                    "touchpoints": "pharmacy counter",
                    "pain_points": "The dose change is not explained",
                    "opportunities": Card(
                        "A printed note of what changed", {"owner": "Pharmacist"}
                    ),
                },
                "unsure",
            ),
        ],
    ),
]
CLINIC_LANES = [ACTIONS, THOUGHTS, FEELINGS, TOUCHPOINTS, PAIN_POINTS, OPPORTUNITIES]


def clinic_stages(with_to_be: bool) -> list[Stage]:
    return [
        Stage(
            stage_id,
            name,
            goal,
            description,
            [
                Step(
                    step_id,
                    step_name,
                    score,
                    dict(cards),
                    kind=kind,
                    moment_of_truth=mot,
                    to_be=to_be if with_to_be else None,
                    label=label,
                )
                for step_id, step_name, score, to_be, kind, mot, cards, label in steps
            ],
        )
        for stage_id, name, goal, description, steps in CLINIC
    ]


CURRENT_STATE = Template(
    name="current_state",
    languages=("en",),
    title="Current state: booking a clinic appointment",
    summary=(
        "A current-state map: how the journey is today, built from research; pain points "
        "with evidence, opportunities with owners."
    ),
    scenario=SCENARIO,
    expectations=EXPECTATIONS,
    persona=PATIENT,
    lanes=CLINIC_LANES,
    stages=clinic_stages(False),
)

FUTURE_STATE = Template(
    name="future_state",
    languages=("en",),
    title="Future state: booking a clinic appointment",
    summary=(
        "A future-state map: the intended journey (to-be curve) drawn against the current "
        "one (as-is), so each change can be traced to the pain it answers."
    ),
    scenario=SCENARIO,
    expectations=EXPECTATIONS,
    persona=PATIENT,
    lanes=CLINIC_LANES,
    map_type="future_state",
    stages=clinic_stages(True),
)

DAY_IN_THE_LIFE = Template(
    name="day_in_the_life",
    languages=("en",),
    title="A day in the life of a delivery rider",
    summary=(
        "A day-in-the-life map: the whole day of the person, not only the moments with our "
        "product, so that the product's place in their life shows."
    ),
    scenario="Hafiz rides for a food-delivery app in Penang, from breakfast to midnight.",
    expectations="Enough orders to earn RM150 a day, and to get home safely.",
    persona=(
        "Hafiz, delivery rider",
        "24, rides a motorbike full time, supports his parents.",
        "gig workers",
    ),
    lanes=CLINIC_LANES,
    map_type="day_in_the_life",
    stages=[
        Stage(
            "morning",
            "Morning",
            "Start earning early",
            "07:00–11:00",
            [
                Step(
                    "morning_start",
                    "Log in to the rider app",
                    1,
                    {
                        "actions": "I check the bonus zones over breakfast",
                        "thoughts": "If I go to the city centre now I catch the breakfast rush",
                        "feelings": "motivated",
                        "touchpoints": "rider app",
                    },
                    kind="touchpoint",
                    moment_of_truth=True,
                    label="motivated",
                ),
            ],
        ),
        Stage(
            "midday",
            "Midday",
            "Deliver as many lunch orders as I can",
            "11:00–15:00",
            [
                Step(
                    "midday_wait",
                    "Wait outside a busy restaurant",
                    -2,
                    {
                        "actions": "I wait 25 minutes in the sun for an order",
                        "thoughts": "This wait is not paid",
                        "feelings": "exhausted",
                        "touchpoints": "restaurant counter, rider app",
                        "pain_points": Card("Unpaid waiting at restaurants", {"severity": 3}),
                        "opportunities": Card(
                            "Pay riders for waits over 10 minutes",
                            {"owner": "Rider operations", "priority": 5},
                        ),
                    },
                    kind="wait",
                    moment_of_truth=True,
                    label="exhausted",
                ),
                Step(
                    "midday_rain",
                    "Ride through a storm",
                    -1,
                    {
                        "actions": "I shelter under a bridge with my phone in a bag",
                        "thoughts": "They will rate me down for being late",
                        "feelings": "anxious",
                        "touchpoints": "customer chat",
                        "pain_points": "Late ratings in rain count against me",
                        "opportunities": Card("Weather-aware ratings", {"owner": "Ratings team"}),
                    },
                    label="anxious",
                ),
            ],
        ),
        Stage(
            "evening",
            "Evening",
            "Finish safely and see what I earned",
            "18:00–24:00",
            [
                Step(
                    "evening_payout",
                    "Check the day's earnings",
                    1,
                    {
                        "actions": "I read the payout summary at home",
                        "thoughts": "Good day, RM170",
                        "feelings": "satisfied",
                        "touchpoints": "rider app, bank app",
                    },
                    kind="touchpoint",
                    moment_of_truth=True,
                    label="satisfied",
                ),
                Step(
                    "evening_family",
                    "Dinner with my parents",
                    2,
                    {
                        "actions": "I eat with my parents and plan tomorrow",
                        "thoughts": "Tomorrow I start at the university zone",
                        "feelings": "content",
                        "touchpoints": "home (no product here — the map shows the whole day)",
                    },
                    label="content",
                ),
            ],
        ),
    ],
)

# -- the service blueprint -------------------------------------------------------------------
# The lanes carry blueprint roles in the blueprint's order; the three lines fall between
# them: the line of interaction (customer actions | frontstage), the line of visibility
# (frontstage | backstage) and the line of internal interaction (backstage | support).

BLUEPRINT_LANES = [
    Lane(
        "evidence",
        "text",
        "Physical evidence",
        "What the customer sees or holds at this step: screens, receipts, the cup.",
        "physical_evidence",
    ),
    Lane(
        "customer",
        "actions",
        "Customer actions",
        "What the customer does, in order; above the line of interaction.",
        "customer_actions",
    ),
    Lane(
        "frontstage",
        "text",
        "Frontstage",
        "What staff or systems do in the customer's sight; between the line of interaction "
        "and the line of visibility.",
        "frontstage",
    ),
    Lane(
        "backstage",
        "text",
        "Backstage",
        "What staff do out of the customer's sight; below the line of visibility.",
        "backstage",
    ),
    Lane(
        "support",
        "text",
        "Support processes",
        "Systems and teams that make it possible; below the line of internal interaction.",
        "support_processes",
    ),
    PAIN_POINTS,
    OPPORTUNITIES,
]


def bp(
    step_id: str, name: str, score: float, evidence: str, customer: str, front: str,
    back: str, support: str, *, mot: bool = False, kind: str = "action",
    pain: str | None = None, opportunity: tuple[str, str] | None = None, label: str,
) -> Step:  # fmt: skip
    cards: dict[str, str | Card] = {
        "evidence": evidence,
        "customer": customer,
        "frontstage": front,
        "backstage": back,
        "support": support,
    }
    if pain is not None:
        cards["pain_points"] = pain
    if opportunity is not None:
        cards["opportunities"] = Card(opportunity[0], {"owner": opportunity[1], "priority": 4})
    return Step(step_id, name, score, dict(cards), kind=kind, moment_of_truth=mot, label=label)


SERVICE_BLUEPRINT = Template(
    name="service_blueprint",
    languages=("en",),
    title="Service blueprint: a coffee-shop mobile order",
    summary=(
        "A service blueprint: customer actions, frontstage, backstage and support processes, "
        "separated by the lines of interaction, visibility and internal interaction."
    ),
    scenario="Lina orders a latte in the app on her way to work and picks it up in the shop.",
    expectations="My coffee ready when I walk in, made the way I asked.",
    persona=("Lina, commuter", "29, buys coffee four mornings a week.", "regulars"),
    lanes=BLUEPRINT_LANES,
    map_type="service_blueprint",
    stages=[
        Stage(
            "order",
            "Order",
            "Order in under a minute",
            "Ordering in the app.",
            [
                bp(
                    "order_app",
                    "Order in the app",
                    1,
                    "app menu, order summary",
                    "I choose an oat latte and pay",
                    "the app confirms a pick-up time",
                    "the barista's screen shows the order",
                    "payment gateway, menu service",
                    mot=True,
                    kind="touchpoint",
                    label="pleased",
                ),
            ],
        ),
        Stage(
            "pick_up",
            "Pick up",
            "Walk in, take it, leave",
            "Collecting in the shop.",
            [
                bp(
                    "pick_up_find",
                    "Find my order",
                    -1,
                    "pick-up shelf, cup label",
                    "I look along the shelf for my name",
                    "the barista calls out names",
                    "the barista makes drinks in queue order",
                    "order queue service",
                    mot=True,
                    label="lost",
                    pain="Mobile orders mix with counter orders on one shelf",
                    opportunity=("A separate, labelled mobile-order shelf", "Store design"),
                ),
                bp(
                    "pick_up_wrong",
                    "Get the wrong milk",
                    -2,
                    "the cup",
                    "I taste cow's milk and go back",
                    "the barista remakes the drink",
                    "the milk choice was not printed on the label",
                    "label printer template",
                    kind="handoff",
                    label="annoyed",
                    pain="Milk choice missing from the cup label",
                    opportunity=("Print milk and extras on every label", "Point-of-sale team"),
                ),
            ],
        ),
        Stage(
            "after",
            "After",
            "Come back tomorrow",
            "Loyalty and feedback.",
            [
                bp(
                    "after_rate",
                    "Rate the order",
                    0,
                    "rating screen",
                    "I give three stars and write why",
                    "the app thanks me and asks what went wrong",
                    "the shift lead reads low ratings at closing",
                    "ratings dashboard",
                    kind="touchpoint",
                    label="resigned",
                ),
                bp(
                    "after_points",
                    "Collect loyalty points",
                    1,
                    "points balance in the app",
                    "I check my points on the train",
                    "the app adds points and an apology voucher",
                    "the shift lead logs the remake",
                    "loyalty service, CRM",
                    mot=True,
                    kind="touchpoint",
                    label="reconciled",
                ),
            ],
        ),
    ],
)

TEMPLATES = [CURRENT_STATE, DAY_IN_THE_LIFE, FUTURE_STATE, SERVICE_BLUEPRINT]
