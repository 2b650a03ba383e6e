"""The journey schema: every table, column, vocabulary and rule, declared once.

Everything else derives from these declarations: pandas dtypes, value validation, the
operation pipeline's foreign-key and ordering rules, the published JSON Schema of
``.journey.json`` and the tables in the docs. Add a column here and all of them follow.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["id", "string", "int", "float", "bool", "datetime", "enum"]
OnDelete = Literal["cascade", "set_null"]


@dataclass(frozen=True)
class ForeignKey:
    """A reference to another table's id.

    ``table`` is the referenced table; for a polymorphic reference (evidence linked to a
    step *or* a card …) ``table`` is None and ``table_column`` names the column that holds
    the referenced table's name. ``on_delete`` says what deleting the referenced row does
    to this row: ``cascade`` deletes it too, ``set_null`` clears the reference.
    """

    table: str | None
    on_delete: OnDelete = "cascade"
    table_column: str | None = None


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    description: str
    required: bool = False
    default: object = None
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    nonblank: bool = False
    foreign_key: ForeignKey | None = None
    pattern: str | None = None  # text must match this whole (a regular expression)

    @property
    def dtype(self) -> str:
        return DTYPES[self.kind]


# Text is pandas' nullable string stored as Python objects, whether or not pyarrow is
# installed (pandas would pick Arrow storage then): single-cell writes stay cheap, the sync
# diff can compare string references, and a table's dtypes do not depend on the machine.
TEXT = "string[python]"
DTYPES: dict[str, str] = {
    "id": TEXT,
    "string": TEXT,
    "enum": TEXT,
    "int": "Int64",
    "float": "Float64",
    "bool": "boolean",
    "datetime": "datetime64[us, UTC]",
}


@dataclass(frozen=True)
class Table:
    """One table of a journey: an id column (the DataFrame index) and value columns.

    ``order_within`` makes the table ordered: its ``position`` column orders rows among
    siblings that share the values of these columns (``()`` = one order for the table).
    ``unique_together`` lists column groups whose values may not repeat.
    ``exactly_one_of`` lists columns of which each row sets exactly one.
    """

    name: str
    id_column: str
    id_prefix: str
    description: str
    columns: tuple[Column, ...]
    order_within: tuple[str, ...] | None = None
    unique_together: tuple[tuple[str, ...], ...] = ()
    exactly_one_of: tuple[str, ...] = ()
    by_name: Mapping[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {c.name: c for c in self.columns})

    @property
    def ordered(self) -> bool:
        return self.order_within is not None

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def dtypes(self) -> dict[str, str]:
        return {c.name: c.dtype for c in self.columns}

    def column(self, name: str) -> Column:
        return self.by_name[name]


def _position() -> Column:
    return Column(
        "position",
        "int",
        "order among siblings, left to right or top to bottom; unique, gaps allowed",
        required=True,
        minimum=0,
    )


def _name(what: str) -> Column:
    return Column(
        "name", "string", f"the {what}'s label, any language", required=True, nonblank=True
    )


EVIDENCE_LEVELS = ("observed", "reported", "inferred", "assumed")


def _evidence_level() -> Column:
    return Column(
        "evidence_level",
        "enum",
        "how well the item is evidenced: observed in research or data, reported by "
        "participants, inferred by the team, or assumed (a hypothesis); empty = computed "
        "from the evidence that supports it, a value = the researcher's own judgement, which wins",
        choices=EVIDENCE_LEVELS,
    )


def _ref(name: str, table: str, description: str, *, required: bool = False,
         on_delete: OnDelete = "cascade") -> Column:  # fmt: skip
    return Column(
        name, "id", description, required=required, foreign_key=ForeignKey(table, on_delete)
    )


_COLOR = Column("color", "string", "a display colour, #RRGGBB", pattern="#[0-9A-Fa-f]{6}")
_ORIGIN = Column(
    "origin", "string", "where the row came from: its id or GUID in the tool it was imported from"
)
CARD_KINDS = (
    "action",
    "thought",
    "feeling",
    "touchpoint",
    "pain_point",
    "opportunity",
    "idea",
    "question",
    "quote",
    "note",
)
SOURCE_KINDS = ("text", "audio", "video", "pdf", "picture", "notes")
SEGMENT_KINDS = (
    "quote",
    "observation",
    "survey_response",
    "analytics",
    "support_ticket",
    "document",
    "recording",
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "personas",
            "persona_id",
            "persona",
            "Who lives the journey: researched personas, roles and systems.",
            (
                _position(),
                _name("persona"),
                Column(
                    "kind",
                    "enum",
                    "a researched archetype, a role (“Dad”, “Supplier”) or a system",
                    required=True,
                    default="persona",
                    choices=("persona", "role", "system"),
                ),
                Column("description", "string", "who they are"),
                Column("segment", "string", "the customer segment they stand for"),
                _COLOR,
            ),
            order_within=(),
        ),
        Table(
            "participants",
            "participant_id",
            "participant",
            "The people research heard from: interviewees, respondents, session participants.",
            (
                _position(),
                Column(
                    "label",
                    "string",
                    "a pseudonymous name or code, such as “P3”",
                    required=True,
                    nonblank=True,
                ),
                _ref(
                    "persona_id",
                    "personas",
                    "the persona the participant stands for",
                    on_delete="set_null",
                ),
                Column("segment", "string", "the customer segment they belong to"),
                Column("description", "string", "who they are"),
                _ORIGIN,
            ),
            order_within=(),
        ),
        Table(
            "participant_attributes",
            "attribute_id",
            "attribute",
            "Free attributes of participants: a QDA tool's case variables, a sheet's columns.",
            (
                _ref("participant_id", "participants", "whose attribute", required=True),
                Column("name", "string", "the attribute's name", required=True, nonblank=True),
                Column("value", "string", "its value, as text"),
            ),
            unique_together=(("participant_id", "name"),),
        ),
        Table(
            "sources",
            "source_id",
            "source",
            "Research material: a transcript, a recording, a document or field notes.",
            (
                _ref(
                    "participant_id",
                    "participants",
                    "whose session or interview it is",
                    on_delete="set_null",
                ),
                Column(
                    "kind",
                    "enum",
                    "what sort of material",
                    required=True,
                    default="text",
                    choices=SOURCE_KINDS,
                ),
                _name("source"),
                Column(
                    "text",
                    "string",
                    "the plain text of a text source; segments point into it by code points",
                ),
                Column("collected_at", "datetime", "when it was collected (UTC)"),
                _ORIGIN,
            ),
        ),
        Table(
            "codes",
            "code_id",
            "code",
            "The codebook: a tree of codes (themes, tags) applied to segments.",
            (
                _ref("parent_id", "codes", "the parent code (empty: a top-level code)"),
                _position(),
                _name("code"),
                _COLOR,
                Column("description", "string", "what the code means, when to apply it"),
                _ORIGIN,
            ),
            order_within=("parent_id",),
        ),
        Table(
            "segments",
            "segment_id",
            "segment",
            "Evidence: coded spans of sources, and quotes or observations typed by hand.",
            (
                _ref("source_id", "sources", "the source the span is taken from (empty: typed)"),
                _ref(
                    "participant_id",
                    "participants",
                    "who said or did it (for a span of a source: the source's participant)",
                    on_delete="set_null",
                ),
                Column(
                    "start",
                    "int",
                    "where the span starts in the source's text, in Unicode code points from 0",
                    minimum=0,
                ),
                Column(
                    "end",
                    "int",
                    "where the span ends (exclusive), in code points; empty without a source",
                    minimum=0,
                ),
                Column("text", "string", "the quoted text", required=True, nonblank=True),
                Column(
                    "kind",
                    "enum",
                    "what sort of evidence",
                    required=True,
                    default="quote",
                    choices=SEGMENT_KINDS,
                ),
                Column("coder", "string", "who coded it"),
                Column("memo", "string", "the coder's note on the segment"),
                Column("collected_at", "datetime", "when it was said, observed or coded (UTC)"),
                Column("emotion", "float", "an emotion stated on the quote, on the map's scale"),
                _ORIGIN,
            ),
        ),
        Table(
            "segment_codes",
            "coding_id",
            "coding",
            "Which codes each segment carries.",
            (
                _ref("segment_id", "segments", "the segment coded", required=True),
                _ref("code_id", "codes", "the code applied", required=True),
            ),
            unique_together=(("segment_id", "code_id"),),
        ),
        Table(
            "stages",
            "stage_id",
            "stage",
            "Phases of the journey, left to right (awareness, consideration, purchase …).",
            (
                _position(),
                _name("stage"),
                Column("description", "string", "what happens in this stage"),
                Column("goal", "string", "what the customer wants to achieve here"),
                _COLOR,
                _evidence_level(),
            ),
            order_within=(),
        ),
        Table(
            "steps",
            "step_id",
            "step",
            "Touchpoints and moments inside a stage: the map's columns.",
            (
                _ref(
                    "stage_id", "stages", "the stage this step belongs to (empty: before any stage)"
                ),
                _position(),
                _name("step"),
                Column("description", "string", "what the customer does here"),
                Column(
                    "kind",
                    "enum",
                    "what sort of step this is",
                    required=True,
                    default="action",
                    choices=("action", "touchpoint", "decision", "wait", "handoff"),
                ),
                Column(
                    "is_moment_of_truth",
                    "bool",
                    "a moment of truth: the customer decides to stay or leave here",
                    required=True,
                    default=False,
                ),
                Column("image_uri", "string", "a storyboard image"),
                _evidence_level(),
            ),
            order_within=("stage_id",),
        ),
        Table(
            "lanes",
            "lane_id",
            "lane",
            "The map's rows: actions, thoughts, feelings, pain points and any custom lane.",
            (
                _position(),
                _name("lane"),
                Column(
                    "lane_type",
                    "enum",
                    "what the lane holds",
                    required=True,
                    default="custom",
                    choices=(
                        "actions",
                        "thoughts",
                        "feelings",
                        "touchpoints",
                        "channels",
                        "pain_points",
                        "opportunities",
                        "ideas",
                        "quotes",
                        "metrics",
                        "owners",
                        "text",
                        "custom",
                    ),
                ),
                Column(
                    "blueprint_role",
                    "enum",
                    "the lane's role in a service blueprint",
                    choices=(
                        "physical_evidence",
                        "customer_actions",
                        "frontstage",
                        "backstage",
                        "support_processes",
                    ),
                ),
                Column("description", "string", "what belongs in the lane: a hint for its cells"),
                Column("visible", "bool", "shown in views", required=True, default=True),
            ),
            order_within=(),
        ),
        Table(
            "cards",
            "card_id",
            "card",
            "Items in a lane × step cell (or spanning a whole stage).",
            (
                _ref("lane_id", "lanes", "the lane (row) the card sits in", required=True),
                _ref("step_id", "steps", "the step (column) the card sits in"),
                _ref("stage_id", "stages", "the stage the card spans, for stage-wide cards"),
                _ref(
                    "persona_id",
                    "personas",
                    "the persona the card is about (empty: everyone)",
                    on_delete="set_null",
                ),
                _position(),
                Column(
                    "kind",
                    "enum",
                    "what the card says",
                    choices=CARD_KINDS,
                ),
                Column("text", "string", "the card's text", required=True, default=""),
                Column(
                    "severity",
                    "int",
                    "pain points: 1 trivial, 2 needs a workaround, 3 causes abandonment",
                    minimum=1,
                    maximum=3,
                ),
                Column("priority", "int", "1 (low) to 5 (high)", minimum=1, maximum=5),
                Column(
                    "status",
                    "enum",
                    "progress on the item",
                    choices=("open", "in_progress", "solved", "wont_fix"),
                ),
                Column("owner", "string", "who owns it (person or team)"),
                Column("channel", "string", "where it happens (web, app, store …)"),
                _evidence_level(),
            ),
            order_within=("lane_id", "step_id", "stage_id"),
            exactly_one_of=("step_id", "stage_id"),
        ),
        Table(
            "emotions",
            "emotion_id",
            "emotion",
            "The emotion curve: a score per step, persona and variant (as-is / to-be).",
            (
                _ref("step_id", "steps", "the step scored", required=True),
                _ref("persona_id", "personas", "whose curve (empty: the map's single curve)"),
                Column(
                    "variant",
                    "enum",
                    "the current (as_is) or intended (to_be) experience",
                    required=True,
                    default="as_is",
                    choices=("as_is", "to_be"),
                ),
                Column("score", "float", "the score on the map's emotion scale; empty = unknown"),
                Column("label", "string", "a named emotion, such as “frustrated”"),
                Column("n", "int", "how many people the score aggregates", minimum=1),
                Column("median", "float", "the median of the aggregated ratings"),
                Column(
                    "sd", "float", "the standard deviation of the aggregated ratings", minimum=0
                ),
                Column("ci_low", "float", "the lower end of the score's confidence interval"),
                Column("ci_high", "float", "the upper end of the score's confidence interval"),
                Column(
                    "source",
                    "enum",
                    "where the score comes from",
                    required=True,
                    default="researcher_estimate",
                    choices=("researcher_estimate", "interview", "survey", "analytics", "imported"),
                ),
                _evidence_level(),
            ),
            unique_together=(("step_id", "persona_id", "variant"),),
        ),
        Table(
            "evidence_links",
            "link_id",
            "link",
            "Which stage, step, card or emotion a segment supports, linked by hand.",
            (
                _ref("segment_id", "segments", "the segment (the evidence)", required=True),
                Column(
                    "target_table",
                    "enum",
                    "the table of the item supported",
                    required=True,
                    choices=("stages", "steps", "cards", "emotions"),
                ),
                Column(
                    "target_id",
                    "id",
                    "the id of the item supported",
                    required=True,
                    foreign_key=ForeignKey(None, "cascade", table_column="target_table"),
                ),
            ),
            unique_together=(("segment_id", "target_table", "target_id"),),
        ),
        Table(
            "code_mappings",
            "code_mapping_id",
            "code_mapping",
            "What a code means on the map: a step, a stage, a card theme, an emotion or a persona.",
            (
                _ref("code_id", "codes", "the code", required=True),
                _ref("step_id", "steps", "the code's segments are about this step"),
                _ref("stage_id", "stages", "the code's segments are about this stage"),
                _ref("lane_id", "lanes", "the code is a card theme in this lane"),
                Column(
                    "card_kind",
                    "enum",
                    "for a card theme: the kind of card it makes",
                    choices=CARD_KINDS,
                ),
                Column(
                    "card_text", "string", "for a card theme: its text (empty: the code's name)"
                ),
                Column("emotion", "float", "the code is a rating: this score on the map's scale"),
                _ref(
                    "persona_id",
                    "personas",
                    "the code's participants stand for this persona",
                ),
            ),
            unique_together=(("code_id",),),
            exactly_one_of=("step_id", "stage_id", "lane_id", "emotion", "persona_id"),
        ),
        Table(
            "metrics",
            "metric_id",
            "metric",
            "Measures attached to the map, a stage or a step (reach, conversion, CSAT …).",
            (
                _name("metric"),
                Column("description", "string", "what is measured and how"),
                Column(
                    "metric_type",
                    "enum",
                    "the kind of measure",
                    required=True,
                    default="OTHER",
                    choices=("NPS", "CSAT", "CES", "RATIO", "COUNT", "DURATION", "RATE", "OTHER"),
                ),
                Column("unit", "string", "unit of the values: %, s, pts …"),
                Column(
                    "direction",
                    "enum",
                    "whether more is better",
                    required=True,
                    default="higher_is_better",
                    choices=("higher_is_better", "lower_is_better"),
                ),
                Column("target", "float", "the value aimed for"),
                Column(
                    "target_operator",
                    "enum",
                    "le: at most target is good; ge: at least target is good",
                    choices=("le", "ge"),
                ),
                _ref("stage_id", "stages", "the stage measured (empty: the whole map or a step)"),
                _ref("step_id", "steps", "the step measured (empty: the whole map or a stage)"),
            ),
        ),
        Table(
            "metric_values",
            "value_id",
            "value",
            "Measured values of metrics: the tidy facts analysts join.",
            (
                _ref("metric_id", "metrics", "the metric measured", required=True),
                Column("measured_at", "datetime", "when it was measured (UTC)"),
                Column("value", "float", "the headline value", required=True),
                Column("numerator", "float", "for ratios"),
                Column("denominator", "float", "for ratios"),
                Column("respondents", "int", "how many answered", minimum=0),
                Column("segment", "string", "the segment the value is for"),
                _ref("persona_id", "personas", "the persona the value is for"),
            ),
        ),
        Table(
            "event_mappings",
            "mapping_id",
            "mapping",
            "Which events of an event log stand for a step: the bridge to funnels and paths.",
            (
                _ref("step_id", "steps", "the step the event stands for", required=True),
                Column(
                    "event",
                    "string",
                    "the event's name, exactly as it appears in the log",
                    required=True,
                    nonblank=True,
                ),
            ),
            unique_together=(("event",),),
        ),
    )
}
"""The journey's tables, in dependency order (a table refers only to tables before it)."""


META: dict[str, Column] = {
    c.name: c
    for c in (
        Column("title", "string", "the map's title", required=True, default="Untitled journey"),
        Column(
            "map_type",
            "enum",
            "what the map shows",
            required=True,
            default="current_state",
            choices=("current_state", "future_state", "day_in_the_life", "service_blueprint"),
        ),
        Column("scenario", "string", "the situation the journey follows"),
        Column("expectations", "string", "what the customer expects or wants to achieve"),
        Column(
            "status",
            "enum",
            "where the map is in its life",
            required=True,
            default="draft",
            choices=("draft", "in_review", "published", "archived"),
        ),
        Column(
            "emotion_scale",
            "string",
            "the emotion scale: bipolar5 (−2…+2), likert5 (1…5), bipolar3, percent, levelsN",
            required=True,
            default="bipolar5",
        ),
        Column(
            "emotion_confidence",
            "float",
            "the confidence level of the emotions' intervals (ci_low, ci_high), as "
            "aggregate_emotions wrote them; labels read 95% where it is not set",
            minimum=0.5,
            maximum=0.999,
        ),
        Column("acc_title", "string", "accessible title"),
        Column("acc_descr", "string", "accessible description"),
    )
}
"""Map-level fields, set with the ``set_meta`` operation."""


def references_to(table: str) -> list[tuple[Table, Column]]:
    """Every (table, column) whose foreign key may point at rows of ``table``."""
    found = []
    for other in TABLES.values():
        for column in other.columns:
            fk = column.foreign_key
            if fk is None:
                continue
            if fk.table == table:
                found.append((other, column))
            elif fk.table is None and fk.table_column is not None:
                choices = other.column(fk.table_column).choices
                if table in choices:
                    found.append((other, column))
    return found


def table(name: str) -> Table:
    """The declaration of table ``name``; a clear error for unknown names."""
    from .errors import OperationError

    try:
        return TABLES[name]
    except KeyError:
        raise OperationError(
            f"unknown table {name!r}; the tables are: {', '.join(TABLES)}"
        ) from None
