"""Property tests: random mixes of every kind of edit keep every invariant.

A hypothesis state machine edits one journey by methods, raw ops (valid or not), in-place
pandas edits, frame assignment, undo and redo. After each step the journey must satisfy
every schema rule (checked independently in ``invariants.py``). At the end: undoing
everything returns the start state, redoing everything returns the end state, and
save → load is the identity.
"""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

import journeywidgets as jw
from journeywidgets.model import TABLES, Delete, Insert, Move, Update

from .invariants import assert_invariants

# Text from several scripts, including CJK, Malay, emoji and characters HTML would treat
# as markup.
TEXT = st.text(
    alphabet=st.sampled_from(list("abc xyz ÀéÑ 买自行车旅程 Perjalanan pelanggan 😡👍 <>&\"'\n\t")),
    min_size=1,
    max_size=12,
).filter(lambda t: t.strip())

CELL_VALUES = st.one_of(
    st.none(),
    TEXT,
    st.integers(-3, 6),
    st.floats(-3, 6, allow_nan=False),
    st.booleans(),
    st.sampled_from(["action", "decision", "pain_point", "observed", "as_is", "to_be", "bogus"]),
)


def ids(journey: jw.Journey, table: str) -> list[str]:
    return [str(i) for i in journey._committed[table].index]


class JourneyMachine(RuleBasedStateMachine):
    @initialize(scale=st.sampled_from(["bipolar5", "likert5", "percent", "levels7"]))
    def start(self, scale: str) -> None:
        self.journey = jw.Journey("Property 属性", emotion_scale=scale)
        self.start_state = self.journey.copy()
        self.refusals = 0

    def attempt(self, action) -> None:  # type: ignore[no-untyped-def]
        """Run an edit; a refused edit must leave everything exactly as it was."""
        before = self.journey.copy()
        version = self.journey.version
        try:
            action()
        except jw.JourneyError:
            self.refusals += 1
            assert self.journey.equals(before)
            assert self.journey.version == version

    @rule(name=TEXT, position=st.none() | st.integers(0, 5))
    def add_stage(self, name: str, position: int | None) -> None:
        self.attempt(lambda: self.journey.add_stage(name, position=position))

    @rule(data=st.data(), name=TEXT, position=st.none() | st.integers(0, 5), key=st.booleans())
    def add_step(self, data: st.DataObject, name: str, position: int | None, key: bool) -> None:
        stage = data.draw(st.sampled_from([None, *ids(self.journey, "stages")]))
        self.attempt(
            lambda: self.journey.add_step(name, stage, position=position, moment_of_truth=key)
        )

    @rule(name=TEXT, lane_type=st.sampled_from(["actions", "thoughts", "pain_points", "custom"]))
    def add_lane(self, name: str, lane_type: str) -> None:
        self.attempt(lambda: self.journey.add_lane(name, lane_type))

    @rule(name=TEXT)
    def add_persona(self, name: str) -> None:
        self.attempt(lambda: self.journey.add_persona(name))

    @precondition(lambda self: len(self.journey.lanes) and len(self.journey.steps))
    @rule(data=st.data(), text=TEXT, severity=st.none() | st.integers(0, 4))
    def add_card(self, data: st.DataObject, text: str, severity: int | None) -> None:
        lane = data.draw(st.sampled_from(ids(self.journey, "lanes")))
        step = data.draw(st.sampled_from(ids(self.journey, "steps")))
        persona = data.draw(st.sampled_from([None, *ids(self.journey, "personas")]))
        self.attempt(
            lambda: self.journey.add_card(
                text, lane=lane, step=step, severity=severity, persona_id=persona
            )
        )

    @precondition(lambda self: len(self.journey.steps))
    @rule(data=st.data(), score=st.integers(-3, 101) | st.floats(-3, 101, allow_nan=False),
          n=st.none() | st.integers(1, 30), variant=st.sampled_from(["as_is", "to_be"]))  # fmt: skip
    def set_emotion(self, data: st.DataObject, score: float, n: int | None, variant: str) -> None:
        step = data.draw(st.sampled_from(ids(self.journey, "steps")))
        persona = data.draw(st.sampled_from([None, *ids(self.journey, "personas")]))
        self.attempt(
            lambda: self.journey.set_emotion(step, score, persona=persona, variant=variant, n=n)
        )

    @precondition(lambda self: len(self.journey.steps))
    @rule(data=st.data(), text=TEXT)
    def add_evidence(self, data: st.DataObject, text: str) -> None:
        targets = data.draw(
            st.lists(st.sampled_from(ids(self.journey, "steps")), max_size=2, unique=True)
        )
        self.attempt(lambda: self.journey.add_evidence(text, links=targets, participant="P1"))

    @rule(data=st.data(), value=CELL_VALUES)
    def update_any_cell(self, data: st.DataObject, value: object) -> None:
        table = data.draw(
            st.sampled_from([t for t in TABLES if len(self.journey._committed[t])] or ["steps"])
        )
        row_ids = ids(self.journey, table) or ["missing"]
        row_id = data.draw(st.sampled_from(row_ids))
        column = data.draw(st.sampled_from(TABLES[table].column_names))
        self.attempt(lambda: self.journey.apply(Update(table, row_id, {column: value})))

    @rule(data=st.data(), position=st.integers(-1, 8))
    def move(self, data: st.DataObject, position: int) -> None:
        table = data.draw(st.sampled_from(["stages", "steps", "lanes", "cards", "personas"]))
        row_ids = ids(self.journey, table)
        if not row_ids:
            return
        row_id = data.draw(st.sampled_from(row_ids))
        parent = {}
        if table == "steps" and self.journey._committed["stages"].size:
            parent = {"stage_id": data.draw(st.sampled_from(ids(self.journey, "stages")))}
        self.attempt(lambda: self.journey.apply(Move(table, row_id, position, parent)))

    @rule(data=st.data())
    def remove(self, data: st.DataObject) -> None:
        table = data.draw(st.sampled_from(list(TABLES)))
        row_ids = ids(self.journey, table)
        if row_ids:
            row_id = data.draw(st.sampled_from(row_ids))
            self.attempt(lambda: self.journey.apply(Delete(table, row_id)))

    @rule(data=st.data(), value=CELL_VALUES)
    def edit_in_place_then_sync(self, data: st.DataObject, value: object) -> None:
        table = data.draw(st.sampled_from(["stages", "steps", "cards", "emotions", "lanes"]))
        frame = getattr(self.journey, table)
        if frame.empty:
            return
        row_id = data.draw(st.sampled_from([str(i) for i in frame.index]))
        column = data.draw(st.sampled_from(TABLES[table].column_names))
        try:
            frame.loc[row_id, column] = value
        except (TypeError, ValueError):
            return  # pandas itself refused the value; nothing changed
        self.attempt(self.journey.sync)
        # Whatever happened, the live frames show the committed state again.
        pd.testing.assert_frame_equal(getattr(self.journey, table), self.journey._committed[table])

    @rule(data=st.data())
    def drop_rows_by_assignment(self, data: st.DataObject) -> None:
        table = data.draw(st.sampled_from(["stages", "steps", "cards"]))
        frame = getattr(self.journey, table)
        if frame.empty:
            return
        dropped = data.draw(
            st.lists(st.sampled_from([str(i) for i in frame.index]), max_size=3, unique=True)
        )
        self.attempt(lambda: self.journey.assign(**{table: frame.drop(index=dropped)}))

    @rule(text=TEXT)
    def insert_with_json_op(self, text: str) -> None:
        self.attempt(
            lambda: self.journey.apply({"op": "insert", "table": "stages", "row": {"name": text}})
        )

    @rule()
    def undo(self) -> None:
        self.journey.undo()

    @rule()
    def redo(self) -> None:
        self.journey.redo()

    @invariant()
    def schema_holds(self) -> None:
        assert_invariants(self.journey)

    def teardown(self) -> None:
        journey = self.journey
        end_state = journey.copy()
        assert jw.loads(journey.to_json()).equals(journey)
        undone = 0
        while journey.can_undo:
            journey.undo()
            undone += 1
            assert_invariants(journey)
        assert journey.equals(self.start_state)
        for _ in range(undone):
            journey.redo()
        assert journey.equals(end_state)


TestJourneyMachine = JourneyMachine.TestCase
TestJourneyMachine.settings = settings(
    max_examples=60,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def test_insert_op_with_every_scale_boundary() -> None:
    """Bounds are inclusive on every built-in scale."""
    for scale in ["bipolar5", "likert5", "bipolar3", "percent", "levels2", "levels10"]:
        journey = jw.Journey(emotion_scale=scale)
        step = journey.add_step("s")
        lowest, highest = journey.emotion_scale.min, journey.emotion_scale.max
        journey.apply(Insert("emotions", {"step_id": step, "score": lowest}))
        journey.set_emotion(step, highest)
        assert journey.emotions["score"].tolist() == [highest]
