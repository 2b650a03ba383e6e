"""Building a map: the ``add_*`` methods of a journey, and ``set_emotion`` and ``map_events``.

They live here rather than in the Journey class, which holds the pipeline: each method
only composes operations and hands them to ``apply``, so it needs nothing else of the
journey. The research methods (participants, sources, codes, segments) are in
:mod:`.coding`.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd

from .ops import Delete, Insert, Move, Op, Update
from .references import resolve, resolve_optional
from .schema import TABLES
from .values import Value

if TYPE_CHECKING:
    from .journey import Change


class JourneyParts:
    """What the building methods use of a journey (the Journey class provides it)."""

    _committed: dict[str, pd.DataFrame]

    if TYPE_CHECKING:

        def apply(self, ops: Any, *, origin: str = "python") -> Change | None: ...

        def _new_id(self, table_name: str, taken: Callable[[str], bool]) -> str: ...

    def _next_id(self, table_name: str) -> str:
        """A fresh id for ``table_name``, for ops that must name their row before applying."""
        return self._new_id(table_name, lambda i: i in self._committed[table_name].index)

    def _ref(self, table: str, given: str | None, field: str) -> str | None:
        """The id of the row of ``table`` that ``given`` (an id or a unique name) means."""
        return resolve_optional(self._committed, table, given, field=field)

    def _add(self, table_name: str, fields: dict[str, Value], position: int | None) -> str:
        spec = TABLES[table_name]
        row = {k: v for k, v in fields.items() if v is not None}
        ops: list[Op] = [Insert(table_name, row)]
        row_id = row.get(spec.id_column)
        if row_id is None:
            row_id = self._next_id(table_name)
            row[spec.id_column] = row_id
        if position is not None:
            ops.append(Move(table_name, str(row_id), position))
        self.apply(ops)
        return str(row_id)


class MapBuilding(JourneyParts):
    """Adding stages, steps, lanes, cards, personas, emotions, metrics and event mappings."""

    def add_persona(
        self, name: str, *, kind: str = "persona", position: int | None = None,
        persona_id: str | None = None, **fields: Value,
    ) -> str:  # fmt: skip
        """Add a persona (``kind``: persona, role or system); returns its id.

        Examples
        --------
        >>> import journeywidgets as jw
        >>> j = jw.Journey("Bike shop")
        >>> j.add_persona("Aisyah", segment="student")
        'persona_1'
        >>> j.add_persona("Counter staff", kind="role")
        'persona_2'
        >>> j.personas["name"].tolist()
        ['Aisyah', 'Counter staff']
        """
        return self._add(
            "personas", {"persona_id": persona_id, "name": name, "kind": kind, **fields}, position
        )

    def add_stage(
        self,
        name: str,
        *,
        position: int | None = None,
        stage_id: str | None = None,
        **fields: Value,
    ) -> str:
        """Add a stage, last unless ``position`` (0 = first) says otherwise; returns its id.

        Other fields: ``description``, ``goal``, ``color``, ``evidence_level``.

        Examples
        --------
        >>> import journeywidgets as jw
        >>> j = jw.Journey("Bike shop")
        >>> j.add_stage("Buy")
        'stage_1'
        >>> j.add_stage("Discover", position=0, goal="Find a bike that fits")
        'stage_2'
        >>> j.stages["name"].tolist()
        ['Discover', 'Buy']
        """
        return self._add("stages", {"stage_id": stage_id, "name": name, **fields}, position)

    def add_step(
        self, name: str, stage: str | None = None, *, position: int | None = None,
        moment_of_truth: bool = False, step_id: str | None = None, **fields: Value,
    ) -> str:  # fmt: skip
        """Add a step to ``stage`` (its id or name), last unless ``position`` says otherwise.

        Other fields: ``description``, ``kind`` (action, touchpoint, decision, wait,
        handoff), ``image_uri``, ``evidence_level``. Returns the step's id.

        Examples
        --------
        >>> import journeywidgets as jw
        >>> j = jw.Journey("Bike shop")
        >>> j.add_stage("Buy")
        'stage_1'
        >>> j.add_step("Pays", "Buy", moment_of_truth=True)
        'step_1'
        >>> j.add_step("Test ride", "Buy", position=0, kind="touchpoint")
        'step_2'
        >>> j.steps[["stage_id", "name", "is_moment_of_truth"]]
                stage_id       name  is_moment_of_truth
        step_id
        step_2   stage_1  Test ride               False
        step_1   stage_1       Pays                True
        """
        row = {"step_id": step_id, "stage_id": self._ref("stages", stage, "stage"), "name": name,
               "is_moment_of_truth": moment_of_truth, **fields}  # fmt: skip
        return self._add("steps", row, position)

    def add_lane(
        self, name: str, lane_type: str = "custom", *, position: int | None = None,
        lane_id: str | None = None, **fields: Value,
    ) -> str:  # fmt: skip
        """Add a lane (a row of the map); ``lane_type`` e.g. actions, thoughts, pain_points.

        Examples
        --------
        >>> import journeywidgets as jw
        >>> j = jw.Journey("Bike shop")
        >>> j.add_lane("Pain points", "pain_points")
        'lane_1'
        >>> j.add_lane("Oops", "pain_point")
        Traceback (most recent call last):
        ...
        journeywidgets.model.errors.ValidationError: ... 'pain_point' is not allowed; ...
        ...; did you mean 'pain_points'?
        >>> len(j.lanes)  # a refused change changes nothing
        1
        """
        return self._add(
            "lanes", {"lane_id": lane_id, "name": name, "lane_type": lane_type, **fields}, position
        )

    def add_card(
        self, *given: str | None, lane: str | None = None, step: str | None = None,
        stage: str | None = None, position: int | None = None, card_id: str | None = None,
        **fields: Value,
    ) -> str:  # fmt: skip
        """Add a card saying ``text`` to the cell of ``lane`` × ``step`` (or spanning
        ``stage``); returns its id. Call it as ``add_card(text, lane=…, step=…)``.

        Lane, step, stage and ``persona_id`` are ids or unique names. Other fields: ``kind``,
        ``severity`` (1–3), ``priority`` (1–5), ``status``, ``owner``, ``channel``,
        ``evidence_level``.

        The old order ``add_card(lane, step, text)`` still works, with a
        :class:`DeprecationWarning`: a call that does not name ``lane=`` is read that way.

        Examples
        --------
        >>> import journeywidgets as jw
        >>> j = jw.Journey(title="Bike shop")
        >>> j.add_step("Pays", j.add_stage("Buy"))
        'step_1'
        >>> pains = j.add_lane("Pain points", "pain_points")
        >>> j.add_card("Card declined twice", lane="Pain points", step="Pays", severity=3)
        'card_1'
        >>> j.cards[["lane_id", "step_id", "text", "severity"]]
                lane_id step_id                 text  severity
        card_id
        card_1   lane_1  step_1  Card declined twice         3
        """
        text = _card_text(given, lane, fields)
        if lane is None:  # the old order: lane, step, text, all positional
            lane, step = _old_card_places(given, step)
        row = {
            "card_id": card_id,
            "lane_id": resolve(self._committed, "lanes", lane, field="lane"),
            "step_id": self._ref("steps", step, "step"),
            "stage_id": self._ref("stages", stage, "stage"),
            "text": text,
            **fields,
        }
        if isinstance(row.get("persona_id"), str):
            row["persona_id"] = self._ref("personas", str(row["persona_id"]), "persona_id")
        return self._add("cards", row, position)

    def set_emotion(
        self, step: str, score: float | None, *, persona: str | None = None,
        variant: str = "as_is", **fields: Value,
    ) -> str:  # fmt: skip
        """Set the emotion score of ``step`` (for ``persona`` and ``variant``); returns its id.

        ``step`` and ``persona`` are ids or unique names. There is one score per step,
        persona and variant: setting it again updates it.
        Other fields: ``label``, ``n``, ``median``, ``sd``, ``ci_low``, ``ci_high``,
        ``source``, ``evidence_level``.

        Examples
        --------
        >>> import journeywidgets as jw
        >>> j = jw.Journey("Bike shop")
        >>> j.add_persona("Aisyah")
        'persona_1'
        >>> j.add_step("Pays", j.add_stage("Buy"))
        'step_1'
        >>> j.set_emotion("Pays", -2, persona="Aisyah")
        'emotion_1'
        >>> j.set_emotion("Pays", -1, persona="Aisyah", n=5)  # the same score, updated
        'emotion_1'
        >>> j.emotions[["step_id", "persona_id", "score", "n"]]
                   step_id persona_id  score  n
        emotion_id
        emotion_1   step_1  persona_1   -1.0  5
        """
        step = resolve(self._committed, "steps", step, field="step")
        persona = self._ref("personas", persona, "persona")
        frame = self._committed["emotions"]
        persona_matches = (
            frame["persona_id"].isna() if persona is None else frame["persona_id"] == persona
        )
        found = frame.index[
            ((frame["step_id"] == step) & persona_matches & (frame["variant"] == variant)).fillna(
                False
            )
        ]
        if len(found):
            row_id = str(found[0])
            self.apply(Update("emotions", row_id, {"score": score, **fields}))
            return row_id
        row = {"step_id": step, "persona_id": persona, "variant": variant, "score": score, **fields}
        return self._add("emotions", row, None)

    def add_metric(
        self, name: str, *, step: str | None = None, stage: str | None = None,
        metric_id: str | None = None, **fields: Value,
    ) -> str:  # fmt: skip
        """Add a metric for the map, a ``stage`` or a ``step``; returns its id.

        Other fields: ``description``, ``metric_type``, ``unit``, ``direction``, ``target``,
        ``target_operator``.

        Examples
        --------
        >>> import journeywidgets as jw
        >>> j = jw.Journey("Bike shop")
        >>> j.add_step("Pays", j.add_stage("Buy"))
        'step_1'
        >>> j.add_metric("Conversion", step="Pays", unit="%", target=60)
        'metric_1'
        >>> j.metrics.loc["metric_1", ["step_id", "name", "unit"]].tolist()
        ['step_1', 'Conversion', '%']
        """
        row = {"metric_id": metric_id, "name": name, "step_id": self._ref("steps", step, "step"),
               "stage_id": self._ref("stages", stage, "stage"), **fields}  # fmt: skip
        return self._add("metrics", row, None)

    def add_metric_value(
        self, metric: str, value: float, *, value_id: str | None = None, **fields: Value
    ) -> str:
        """Record a measured value of ``metric``; other fields: ``measured_at``,
        ``numerator``, ``denominator``, ``respondents``, ``segment``, ``persona_id``.

        Examples
        --------
        >>> import journeywidgets as jw
        >>> j = jw.Journey("Bike shop")
        >>> j.add_metric("Conversion", unit="%")
        'metric_1'
        >>> j.add_metric_value("Conversion", 42.0, measured_at="2026-11-01")
        'value_1'
        >>> j.metric_values[["metric_id", "value"]]
                 metric_id  value
        value_id
        value_1   metric_1   42.0
        """
        metric = resolve(self._committed, "metrics", metric, field="metric")
        row = {"value_id": value_id, "metric_id": metric, "value": value, **fields}
        return self._add("metric_values", row, None)

    def map_events(self, mapping: Mapping[str, str | Iterable[str]]) -> Change | None:
        """Say which events of an event log stand for which step, for funnels and paths.

        ``mapping`` is ``{step id or name: event name or names}``. It replaces what the
        named steps had, in one change (undoable), and is saved with the map
        (``event_mappings``). An event stands for one step only.

        Examples
        --------
        >>> import journeywidgets as jw
        >>> j = jw.Journey("Shop")
        >>> j.add_step("Pays", j.add_stage("Buy"))
        'step_1'
        >>> change = j.map_events({"Pays": ["checkout", "payment"]})
        >>> j.event_mappings
                   step_id     event
        mapping_id
        mapping_1   step_1  checkout
        mapping_2   step_1   payment
        >>> j.undo() is not None, len(j.event_mappings)
        (True, 0)
        """
        table = self._committed["event_mappings"]
        ops: list[Op] = []
        for key, events in mapping.items():
            step = resolve(self._committed, "steps", key, field="step")
            names = [events] if isinstance(events, str) else list(events)
            for mapping_id in table.index[(table["step_id"] == step).fillna(False).to_numpy()]:
                ops.append(Delete("event_mappings", str(mapping_id)))
            ops += [Insert("event_mappings", {"step_id": step, "event": n}) for n in names]
        return self.apply(ops) if ops else None


def _card_text(given: tuple[str | None, ...], lane: str | None, fields: dict[str, Value]) -> str:
    """The card's text, from ``add_card(text, lane=…)`` or the old ``(lane, step, text)``
    (whose text may also come as ``text=``); pops ``text`` from ``fields``."""
    keyword = fields.pop("text", None)
    if lane is not None:  # the new order: only the text is positional
        if len(given) > 1:
            raise TypeError(
                "add_card(text, *, lane, step=None, stage=None, ...) takes the text alone "
                f"positionally; got {len(given)} positional arguments beside lane="
            )
        if given and keyword is not None:
            raise TypeError("add_card() got the text twice (positionally and as text=)")
        value = given[0] if given else keyword
    else:
        if len(given) > 3:
            raise TypeError(f"add_card() takes at most 3 positional arguments ({len(given)} given)")
        if len(given) == 3 and keyword is not None:
            raise TypeError("add_card() got the text twice (positionally and as text=)")
        value = given[2] if len(given) == 3 else keyword
    return "" if value is None else str(value)


def _old_card_places(given: tuple[str | None, ...], step: str | None) -> tuple[str, str | None]:
    """Lane and step of an ``add_card(lane, step, text)`` call, which is deprecated."""
    if not given or given[0] is None:
        raise TypeError("add_card() needs the lane: add_card(text, lane=..., step=...)")
    if len(given) >= 2:
        if step is not None:
            raise TypeError("add_card() got the step twice (positionally and as step=)")
        step = given[1]
    warnings.warn(
        "add_card(lane, step, text) is deprecated: the text comes first and the places by "
        "keyword, add_card(text, lane=..., step=...) (see docs/conventions.md)",
        DeprecationWarning,
        stacklevel=3,
    )
    return given[0], step
