"""The Journey: a journey map as typed DataFrames that change only through operations."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Generic, TypeVar, cast, overload

import pandas as pd

from . import autosync
from .diff import diff_tables
from .errors import JourneyError, ValidationError
from .frames import apply_ops, plan, replace_in_place
from .history import History
from .ops import AppliedOp, Delete, Insert, Move, Op, SetMeta, Update, op_from_json, op_to_json
from .scales import EmotionScale, get_scale
from .schema import META, TABLES
from .transaction import Transaction
from .values import Value, empty_frame, is_missing, to_python

log = logging.getLogger("journeywidgets")


@dataclass(frozen=True)
class Change:
    """An accepted batch, as observers see it.

    ``version`` is the journey's version after the change; ``origin`` says where the change
    came from (``"python"``, ``"sync"``, ``"undo"``, ``"redo"``, or a view's name).
    """

    version: int
    ops: tuple[AppliedOp, ...]
    origin: str

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "origin": self.origin,
            "ops": [op_to_json(op) for op in self.ops],
        }


Observer = Callable[[Change], None]
T = TypeVar("T")
J = TypeVar("J", bound="Journey")


class _Table(Generic[T]):
    """A table property: reading gives the live frame, assigning diffs a new frame in."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, journey: None, owner: type) -> _Table[T]: ...
    @overload
    def __get__(self, journey: Journey, owner: type) -> pd.DataFrame: ...
    def __get__(self, journey: Journey | None, owner: type) -> pd.DataFrame | _Table[T]:
        if journey is None:
            return self
        return journey._live[self.name]

    def __set__(self, journey: Journey, frame: pd.DataFrame) -> None:
        journey.assign(**{self.name: frame})


class _Meta:
    """A meta field property: ``journey.title = "…"`` is a ``set_meta`` operation."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, journey: Journey | None, owner: type) -> Any:
        if journey is None:
            return self
        return journey._meta[self.name]

    def __set__(self, journey: Journey, value: Value) -> None:
        journey.set_meta(**{self.name: value})


class Journey:
    """A customer journey map: stages, steps, lanes, cards, personas, emotions, evidence
    and metrics, each a pandas DataFrame indexed by stable string ids.

    Every change — by method, by assigning a frame, by editing a frame in place, or from a
    widget — becomes operations checked by one pipeline, recorded for undo, and announced
    to observers.

    Parameters
    ----------
    title:
        The map's title.
    map_type:
        ``current_state`` (default), ``future_state``, ``day_in_the_life`` or
        ``service_blueprint``.
    emotion_scale:
        ``bipolar5`` (−2…+2, default), ``likert5`` (1…5), ``bipolar3``, ``percent``, or
        ``levelsN`` for N from 2 to 10.
    **meta:
        Other map fields: ``scenario``, ``expectations``, ``status``, ``acc_title``,
        ``acc_descr``.
    """

    personas = _Table[pd.DataFrame]()
    stages = _Table[pd.DataFrame]()
    steps = _Table[pd.DataFrame]()
    lanes = _Table[pd.DataFrame]()
    cards = _Table[pd.DataFrame]()
    emotions = _Table[pd.DataFrame]()
    evidence = _Table[pd.DataFrame]()
    evidence_links = _Table[pd.DataFrame]()
    metrics = _Table[pd.DataFrame]()
    metric_values = _Table[pd.DataFrame]()
    event_mappings = _Table[pd.DataFrame]()

    title = _Meta()
    map_type = _Meta()
    scenario = _Meta()
    expectations = _Meta()
    status = _Meta()
    acc_title = _Meta()
    acc_descr = _Meta()

    def __init__(
        self,
        title: str = "Untitled journey",
        *,
        map_type: str = "current_state",
        emotion_scale: str = "bipolar5",
        **meta: Value,
    ) -> None:
        self._committed: dict[str, pd.DataFrame] = {n: empty_frame(t) for n, t in TABLES.items()}
        self._live: dict[str, pd.DataFrame] = {n: f.copy() for n, f in self._committed.items()}
        self._meta: dict[str, Value] = {name: column.default for name, column in META.items()}
        self._version = 0
        self._history = History()
        self._observers: list[Observer] = []
        self._id_counters: dict[str, int] = {}
        given = {"title": title, "map_type": map_type, "emotion_scale": emotion_scale, **meta}
        transaction = self._transaction()
        for name, value in given.items():
            transaction.apply(SetMeta(name, value))
        transaction.finish()
        self._meta = transaction.meta
        autosync.register(self)

    # -- the pipeline -----------------------------------------------------------------

    def apply(
        self,
        ops: Op | Mapping[str, Any] | Iterable[Op | Mapping[str, Any]],
        *,
        origin: str = "python",
    ) -> Change | None:
        """Apply operations as one atomic batch; return the change, or None if nothing changed.

        ``ops`` may be op objects or their JSON form (``{"op": "update", …}``). If any op is
        refused, nothing changes and the error (a :class:`JourneyError`) says why.
        """
        if isinstance(ops, (Insert, Update, Delete, Move, SetMeta, Mapping)):
            ops = [ops]
        parsed = [op if not isinstance(op, Mapping) else op_from_json(op) for op in ops]
        return self._record(self._commit(parsed, origin))

    def _record(self, change: Change | None) -> Change | None:
        if change is not None:
            self._history.record(change.ops)
        return change

    def _transaction(self) -> Transaction:
        return Transaction(self._committed, self._meta, self._new_id)

    def _commit(
        self, ops: Iterable[Op], origin: str, *, live_edited: bool = False
    ) -> Change | None:
        """Check ``ops`` as one batch, then change the frames and tell the observers.

        ``live_edited`` says the live frames already hold the edit (a sync): they are then
        reset from the committed frames instead of receiving the ops a second time.
        """
        transaction = self._transaction()
        for op in ops:
            transaction.apply(op)
        applied = tuple(transaction.finish())
        if not applied:
            return None
        steps = plan(applied)
        apply_ops(self._committed, steps, in_place=False)
        if live_edited:
            touched = {op.table for op in applied if not isinstance(op, SetMeta)}
            if any(TABLES[name].ordered for name in touched):
                touched |= {name for name, spec in TABLES.items() if spec.ordered}
            self._reset_live(touched)
        else:
            apply_ops(self._live, steps, in_place=True)
        self._meta = transaction.meta
        self._version += 1
        change = Change(self._version, applied, origin)
        for observer in list(self._observers):
            try:
                observer(change)
            except Exception:
                log.exception("a journey observer failed on change %s", change.version)
        return change

    def _new_id(self, table_name: str, taken: Callable[[str], bool]) -> str:
        spec = TABLES[table_name]
        counter = self._id_counters.get(table_name, len(self._committed[table_name]))
        while True:
            counter += 1
            candidate = f"{spec.id_prefix}_{counter}"
            if not taken(candidate):
                self._id_counters[table_name] = counter
                return candidate

    @property
    def version(self) -> int:
        """How many changes this journey has accepted since it was made or loaded."""
        return self._version

    def observe(self, callback: Observer) -> Observer:
        """Call ``callback(change)`` after every accepted change. Returns the callback."""
        self._observers.append(callback)
        return callback

    def unobserve(self, callback: Observer) -> None:
        """Stop calling ``callback``."""
        self._observers.remove(callback)

    # -- undo / redo ------------------------------------------------------------------

    def undo(self) -> Change | None:
        """Revert the last change, whatever made it. Returns the change, or None."""
        entry = self._history.peek_undo()
        if entry is None:
            return None
        change = self._commit(entry.inverse(), "undo")
        self._history.undone()
        return change

    def redo(self) -> Change | None:
        """Re-apply the last undone change. Returns the change, or None."""
        entry = self._history.peek_redo()
        if entry is None:
            return None
        change = self._commit(entry.ops, "redo")
        self._history.redone()
        return change

    @property
    def can_undo(self) -> bool:
        return self._history.can_undo

    @property
    def can_redo(self) -> bool:
        return self._history.can_redo

    # -- frames edited by users -------------------------------------------------------

    def assign(self, **frames: pd.DataFrame) -> Change | None:
        """Replace tables by frames: ``journey.assign(steps=df)``, same as ``journey.steps = df``.

        The frames are diffed against the journey and the differences applied as one batch;
        the journey's own frames are updated in place (your frame is not adopted).
        """
        for name in frames:
            if name not in TABLES:
                raise ValidationError(
                    f"unknown table; the tables are: {', '.join(TABLES)}", table=name
                )
        return self.apply(diff_tables(self._committed, frames), origin="python")

    def sync(self) -> Change | None:
        """Pick up in-place edits of the live frames.

        Runs automatically after every cell in IPython and Jupyter. An edit that breaks the
        schema is rolled back — the frames return to the last accepted state — and the error
        names the table, row and column.
        """
        try:
            ops = diff_tables(self._committed, self._live)
            change = self._record(self._commit(ops, "sync", live_edited=True))
        except JourneyError:
            self._reset_live(TABLES)
            raise
        # An edit pandas upcast without changing any value (2 → 2.0) leaves a column of the
        # wrong dtype; put it back so the next diff takes the fast path again.
        self._reset_live(
            name
            for name, live in self._live.items()
            if not live.dtypes.equals(self._committed[name].dtypes)
        )
        return change

    def _reset_live(self, names: Iterable[str]) -> None:
        """Make live frames equal to their committed frames again, keeping their identities."""
        for name in names:
            replace_in_place(self._live[name], self._committed[name].copy())

    # -- meta -------------------------------------------------------------------------

    @property
    def meta(self) -> Mapping[str, Value]:
        """The map's fields (title, map_type, status …), read-only; set with ``set_meta``."""
        return MappingProxyType(self._meta)

    def set_meta(self, **fields: Value) -> Change | None:
        """Set map fields: ``journey.set_meta(title="…", status="in_review")``."""
        return self.apply([SetMeta(name, value) for name, value in fields.items()])

    @property
    def emotion_scale(self) -> EmotionScale:
        """The scale emotion scores are on."""
        return get_scale(str(self._meta["emotion_scale"]))

    def set_emotion_scale(self, scale: str, *, convert: bool = True) -> Change | None:
        """Change the emotion scale; with ``convert`` (default) scores are converted to it.

        Conversion keeps the distance from neutral in proportion; on integer scales single
        answers are rounded (half away from neutral) and aggregates (n > 1) keep fractions.
        """
        target = get_scale(scale)
        ops: list[Op] = [SetMeta("emotion_scale", target.scale_id)]
        if convert:
            source = self.emotion_scale
            for table_name, column in (("emotions", "score"), ("evidence", "emotion")):
                frame = self._committed[table_name]
                for row_id, value in frame[column].dropna().items():
                    aggregate = (
                        table_name == "emotions" and (to_python(frame.at[row_id, "n"]) or 1) > 1
                    )
                    new = source.convert(
                        float(value), target, round_to_integer=target.integer_only and not aggregate
                    )
                    ops.append(Update(table_name, str(row_id), {column: new}))
        return self.apply(ops)

    # -- building a map ---------------------------------------------------------------

    def _add(self, table_name: str, fields: dict[str, Value], position: int | None) -> str:
        spec = TABLES[table_name]
        row = {k: v for k, v in fields.items() if v is not None}
        ops: list[Op] = [Insert(table_name, row)]
        transaction_id = row.get(spec.id_column)
        if transaction_id is None:
            transaction_id = self._new_id(
                table_name, lambda i: i in self._committed[table_name].index
            )
            row[spec.id_column] = transaction_id
        if position is not None:
            ops.append(Move(table_name, str(transaction_id), position))
        self.apply(ops)
        return str(transaction_id)

    def add_persona(
        self, name: str, *, kind: str = "persona", position: int | None = None,
        persona_id: str | None = None, **fields: Value,
    ) -> str:  # fmt: skip
        """Add a persona (``kind``: persona, role or system); returns its id."""
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

        Other fields: ``description``, ``goal``, ``color``.
        """
        return self._add("stages", {"stage_id": stage_id, "name": name, **fields}, position)

    def add_step(
        self, name: str, stage: str | None = None, *, position: int | None = None,
        moment_of_truth: bool = False, step_id: str | None = None, **fields: Value,
    ) -> str:  # fmt: skip
        """Add a step to ``stage`` (a stage id), last unless ``position`` says otherwise.

        Other fields: ``description``, ``kind`` (action, touchpoint, decision, wait,
        handoff), ``image_uri``. Returns the step's id.
        """
        row = {"step_id": step_id, "stage_id": stage, "name": name,
               "is_moment_of_truth": moment_of_truth, **fields}  # fmt: skip
        return self._add("steps", row, position)

    def add_lane(
        self, name: str, lane_type: str = "custom", *, position: int | None = None,
        lane_id: str | None = None, **fields: Value,
    ) -> str:  # fmt: skip
        """Add a lane (a row of the map); ``lane_type`` e.g. actions, thoughts, pain_points."""
        return self._add(
            "lanes", {"lane_id": lane_id, "name": name, "lane_type": lane_type, **fields}, position
        )

    def add_card(
        self, lane: str, step: str | None = None, text: str = "", *, stage: str | None = None,
        position: int | None = None, card_id: str | None = None, **fields: Value,
    ) -> str:  # fmt: skip
        """Add a card to the cell of ``lane`` × ``step`` (or spanning ``stage``); returns its id.

        Other fields: ``kind``, ``persona_id``, ``severity`` (1–3), ``priority`` (1–5),
        ``status``, ``owner``, ``channel``, ``evidence_level``.
        """
        row = {
            "card_id": card_id,
            "lane_id": lane,
            "step_id": step,
            "stage_id": stage,
            "text": text,
            **fields,
        }
        return self._add("cards", row, position)

    def set_emotion(
        self, step: str, score: float | None, *, persona: str | None = None,
        variant: str = "as_is", **fields: Value,
    ) -> str:  # fmt: skip
        """Set the emotion score of ``step`` (for ``persona`` and ``variant``); returns its id.

        There is one score per step, persona and variant: setting it again updates it.
        Other fields: ``label``, ``n``, ``source``, ``evidence_level``.
        """
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

    def add_evidence(
        self, text: str, *, links: Iterable[str] | str = (), kind: str = "quote",
        evidence_id: str | None = None, **fields: Value,
    ) -> str:  # fmt: skip
        """Add a quote or observation, linked to the stages/steps/cards/emotions in ``links``.

        Other fields: ``participant``, ``source``, ``source_uri``, ``collected_at``,
        ``emotion``. Returns the evidence id.
        """
        if isinstance(links, str):
            links = [links]
        row = {"evidence_id": evidence_id, "kind": kind, "text": text, **fields}
        row = {k: v for k, v in row.items() if v is not None}
        if evidence_id is None:
            evidence_id = self._new_id("evidence", lambda i: i in self._committed["evidence"].index)
            row["evidence_id"] = evidence_id
        ops: list[Op] = [Insert("evidence", row)]
        ops += [self._link_op(evidence_id, target) for target in links]
        self.apply(ops)
        return evidence_id

    def link_evidence(self, evidence: str, target: str) -> str:
        """Link evidence to a stage, step, card or emotion (found by id); returns the link id."""
        op = self._link_op(evidence, target)
        self.apply(op)
        return str(op.row["link_id"])

    def _link_op(self, evidence: str, target: str) -> Insert:
        tables = [
            t
            for t in ("steps", "stages", "cards", "emotions")
            if target in self._committed[t].index
        ]
        if len(tables) != 1:
            problem = (
                "is not a stage, step, card or emotion id"
                if not tables
                else (f"is an id in several tables ({', '.join(tables)})")
            )
            raise ValidationError(
                f"{target!r} {problem}", table="evidence_links", column="target_id"
            )
        link_id = self._new_id(
            "evidence_links", lambda i: i in self._committed["evidence_links"].index
        )
        row = {"link_id": link_id, "evidence_id": evidence, "target_table": tables[0]}
        return Insert("evidence_links", {**row, "target_id": target})

    def add_metric(
        self, name: str, *, step: str | None = None, stage: str | None = None,
        metric_id: str | None = None, **fields: Value,
    ) -> str:  # fmt: skip
        """Add a metric for the map, a ``stage`` or a ``step``; returns its id.

        Other fields: ``description``, ``metric_type``, ``unit``, ``direction``, ``target``,
        ``target_operator``.
        """
        row = {"metric_id": metric_id, "name": name, "step_id": step, "stage_id": stage, **fields}
        return self._add("metrics", row, None)

    def add_metric_value(
        self, metric: str, value: float, *, value_id: str | None = None, **fields: Value
    ) -> str:
        """Record a measured value of ``metric``; other fields: ``measured_at``,
        ``numerator``, ``denominator``, ``respondents``, ``segment``, ``persona_id``."""
        row = {"value_id": value_id, "metric_id": metric, "value": value, **fields}
        return self._add("metric_values", row, None)

    def map_events(self, mapping: Mapping[str, str | Iterable[str]]) -> Change | None:
        """Say which events of an event log stand for which step, for funnels and paths.

        ``mapping`` is ``{step id or name: event name or names}``. It replaces what the
        named steps had, in one change (undoable), and is saved with the map
        (``event_mappings``). An event stands for one step only.
        """
        steps = self._committed["steps"]
        by_name = {str(n): str(i) for i, n in steps["name"].items()}
        table = self._committed["event_mappings"]
        ops: list[Op] = []
        for key, events in mapping.items():
            step = key if key in steps.index else by_name.get(key)
            if step is None:
                raise ValidationError(f"no step {key!r} (give an id or a name)", table="steps")
            names = [events] if isinstance(events, str) else list(events)
            for mapping_id in table.index[(table["step_id"] == step).fillna(False).to_numpy()]:
                ops.append(Delete("event_mappings", str(mapping_id)))
            ops += [Insert("event_mappings", {"step_id": step, "event": n}) for n in names]
        return self.apply(ops) if ops else None

    # -- generic editing --------------------------------------------------------------

    def update(self, table: str, row_id: str, /, **values: Value) -> Change | None:
        """Change cells of one row: ``journey.update("steps", "step_3", name="Pay")``."""
        return self.apply(Update(table, row_id, values))

    def move(self, table: str, row_id: str, /, position: int, **parent: Value) -> Change | None:
        """Move a row to ``position`` (0 = first) among its siblings, optionally under a new
        parent: ``journey.move("steps", "step_3", 0, stage_id="stage_2")``."""
        return self.apply(Move(table, row_id, position, parent))

    def remove(self, table: str, row_id: str, /) -> Change | None:
        """Delete a row and everything that depends on it.

        Removing a stage removes its steps; removing a step removes its cards, emotions,
        evidence links and metrics; removing a persona removes its emotion curve and makes
        its cards apply to everyone. The returned change lists every removed row, and
        ``undo()`` brings them all back.
        """
        return self.apply(Delete(table, row_id))

    # -- reading ----------------------------------------------------------------------

    def to_frame(self, *, variant: str = "as_is") -> pd.DataFrame:
        """One row per step in map order: stage, step, emotion scores, one column per lane.

        ``emotion`` holds the map's own curve (scores without a persona); each persona's
        curve gets a column ``emotion: <persona name>``. Lane columns hold the lane's card
        texts for the step, joined by newlines. Handy for analysis cells:
        ``journey.to_frame().query("emotion < 0")``.
        """
        steps = self._committed["steps"]
        stages = self._committed["stages"]
        out = pd.DataFrame(index=steps.index)
        out["stage_id"] = steps["stage_id"]
        out["stage"] = steps["stage_id"].map(stages["name"]).astype(pd.StringDtype("python"))
        out["step"] = steps["name"]
        out["moment_of_truth"] = steps["is_moment_of_truth"]
        taken: set[str] = set(out.columns)

        def label(name: str, row_id: str) -> str:
            chosen = name if name not in taken else f"{name} ({row_id})"
            taken.add(chosen)
            return chosen

        emotions = self._committed["emotions"]
        emotions = emotions[(emotions["variant"] == variant).fillna(False)]
        personas = self._committed["personas"]
        curves = [("emotion", emotions[emotions["persona_id"].isna()])]
        for persona_id, name in personas["name"].items():
            curves.append(
                (f"emotion: {name}", emotions[(emotions["persona_id"] == persona_id).fillna(False)])
            )
        for name, curve in curves:
            if name == "emotion" or len(curve):
                scores = pd.Series(curve["score"].to_numpy(), index=curve["step_id"].to_numpy())
                out[label(name, "")] = steps.index.map(scores).astype("Float64")

        cards = self._committed["cards"]
        cards = cards[cards["step_id"].notna()]
        for lane_id, name in self._committed["lanes"]["name"].items():
            in_lane = cards[cards["lane_id"] == lane_id]
            texts = in_lane.groupby("step_id", sort=False)["text"].agg("\n".join)
            lane_texts = steps.index.map(texts).astype(pd.StringDtype("python"))
            out[label(str(name), str(lane_id))] = lane_texts
        return cast(pd.DataFrame, out)

    def equals(self, other: object) -> bool:
        """Same meta and same tables (values and dtypes); row order is not compared."""
        if not isinstance(other, Journey) or self._meta != other._meta:
            return False
        for name in TABLES:
            mine = self._committed[name].sort_index()
            theirs = other._committed[name].sort_index()
            if not mine.equals(theirs) or not mine.dtypes.equals(theirs.dtypes):
                return False
        return True

    def copy(self: J) -> J:
        """An independent journey with the same content (and no history)."""
        clone = type(self).__new__(type(self))
        clone._committed = {n: f.copy() for n, f in self._committed.items()}
        clone._live = {n: f.copy() for n, f in self._committed.items()}
        clone._meta = dict(self._meta)
        clone._version = 0
        clone._history = History()
        clone._observers = []
        clone._id_counters = dict(self._id_counters)
        autosync.register(clone)
        return clone

    @classmethod
    def _from_ops(cls: type[J], meta: Mapping[str, Value], ops: Iterable[Op]) -> J:
        """A journey built by one batch of inserts, with no history: the loaders' entry."""
        journey = cls(**{k: v for k, v in meta.items() if not is_missing(v)})
        journey._commit(ops, "load")
        journey._start_afresh()
        return journey

    def _start_afresh(self) -> None:
        """Forget how the journey was built: version 0, nothing to undo."""
        self._version = 0
        self._history.clear()

    def __repr__(self) -> str:
        counts = ", ".join(
            f"{len(self._committed[name])} {name}"
            for name in ("stages", "steps", "lanes", "cards", "personas")
        )
        return f"<Journey {self._meta['title']!r} ({self._meta['map_type']}): {counts}>"
