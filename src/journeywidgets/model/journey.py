"""The Journey: a journey map as typed DataFrames that change only through operations."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Generic, TypeVar, cast, overload

import pandas as pd

from . import autosync, schema
from .building import MapBuilding
from .coding import ResearchBuilding
from .diff import diff_tables
from .errors import JourneyError, ValidationError
from .frames import apply_ops, plan, replace_in_place
from .history import History
from .ops import AppliedOp, Delete, Insert, Move, Op, SetMeta, Update, op_from_json, op_to_json
from .references import LABEL_COLUMNS, resolve
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


@dataclass(frozen=True)
class SavedFile:
    """The file a journey was last saved to or read from, and the version it holds.

    ``version`` counts as :attr:`journeywidgets.Journey.version` does; the journey has
    unsaved changes when its version has moved on from it.
    """

    path: str
    version: int


Observer = Callable[[Change], None]
SaveObserver = Callable[[SavedFile], None]
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


class Journey(MapBuilding, ResearchBuilding):
    """A customer journey map: stages, steps, lanes, cards, personas, emotions, research
    (participants, sources, codes, segments) and metrics, each a pandas DataFrame indexed
    by stable string ids.

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

    Examples
    --------
    >>> import journeywidgets as jw
    >>> j = jw.Journey("Buying a city bike", scenario="Commute 6 km to work")
    >>> j.add_step("Pays", j.add_stage("Purchase"), moment_of_truth=True)
    'step_1'
    >>> j.steps.dtypes["is_moment_of_truth"], j.steps.loc["step_1", "name"]
    (BooleanDtype, 'Pays')
    >>> j
    <Journey 'Buying a city bike' (current_state): 1 stages, 1 steps, 0 lanes, 0 cards, 0 personas>
    """

    personas = _Table[pd.DataFrame]()
    participants = _Table[pd.DataFrame]()
    participant_attributes = _Table[pd.DataFrame]()
    sources = _Table[pd.DataFrame]()
    codes = _Table[pd.DataFrame]()
    segments = _Table[pd.DataFrame]()
    segment_codes = _Table[pd.DataFrame]()
    stages = _Table[pd.DataFrame]()
    steps = _Table[pd.DataFrame]()
    lanes = _Table[pd.DataFrame]()
    cards = _Table[pd.DataFrame]()
    emotions = _Table[pd.DataFrame]()
    evidence_links = _Table[pd.DataFrame]()
    code_mappings = _Table[pd.DataFrame]()
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
        self._saved: SavedFile | None = None
        self._save_observers: list[SaveObserver] = []
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

        Examples
        --------
        >>> import journeywidgets as jw
        >>> j = jw.Journey("Shop")
        >>> j.add_stage("Buy")
        'stage_1'
        >>> change = j.apply([{"op": "insert", "table": "steps",
        ...                    "row": {"step_id": "pay", "stage_id": "stage_1", "name": "Pays"}},
        ...                   {"op": "update", "table": "stages", "id": "stage_1",
        ...                    "values": {"goal": "Get the bike"}}])
        >>> change.version, [type(op).__name__ for op in change.ops]
        (2, ['Insert', 'Update'])
        >>> j.apply({"op": "insert", "table": "steps", "row": {"stage_id": "nowhere", "name": "x"}})
        Traceback (most recent call last):
        ...
        journeywidgets.model.errors.ValidationError: ... refers to 'nowhere', which is not in...
        >>> j.steps["name"].tolist()  # the refused batch changed nothing
        ['Pays']
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
        """Call ``callback(change)`` after every accepted change. Returns the callback.

        Examples
        --------
        >>> import journeywidgets as jw
        >>> j = jw.Journey("Shop")
        >>> seen = []
        >>> callback = j.observe(lambda change: seen.append((change.version, change.origin)))
        >>> j.add_stage("Buy")
        'stage_1'
        >>> j.undo() is not None
        True
        >>> seen
        [(1, 'python'), (2, 'undo')]
        >>> j.unobserve(callback)
        """
        self._observers.append(callback)
        return callback

    def unobserve(self, callback: Observer) -> None:
        """Stop calling ``callback``.

        Examples
        --------
        >>> import journeywidgets as jw
        >>> j = jw.Journey("Shop")
        >>> seen = []
        >>> callback = j.observe(seen.append)
        >>> j.unobserve(callback)
        >>> j.add_stage("Buy")
        'stage_1'
        >>> seen
        []
        """
        self._observers.remove(callback)

    # -- the file it is saved in ------------------------------------------------------

    @property
    def saved(self) -> SavedFile | None:
        """Where the journey was last saved (or read from) and which version that file
        holds; None when it has been in no file yet."""
        return self._saved

    @property
    def has_unsaved_changes(self) -> bool:
        """True when no file holds the journey as it is now."""
        return self._saved is None or self._saved.version != self._version

    def observe_saves(self, callback: SaveObserver) -> SaveObserver:
        """Call ``callback(saved_file)`` after every save (autosave's come from its thread).

        Examples
        --------
        >>> import tempfile, pathlib
        >>> import journeywidgets as jw
        >>> j = jw.Journey("Shop")
        >>> saves = []
        >>> callback = j.observe_saves(saves.append)
        >>> path = j.save(pathlib.Path(tempfile.mkdtemp()) / "shop.journey.json")
        >>> saves[0].path == str(path.resolve()), saves[0].version == j.version
        (True, True)
        >>> j.has_unsaved_changes
        False
        """
        self._save_observers.append(callback)
        return callback

    def unobserve_saves(self, callback: SaveObserver) -> None:
        """Stop calling ``callback`` after saves.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> import journeywidgets as jw
        >>> j = jw.Journey("Shop")
        >>> saves = []
        >>> j.unobserve_saves(j.observe_saves(saves.append))
        >>> _ = j.save(pathlib.Path(tempfile.mkdtemp()) / "shop.journey.json")
        >>> saves
        []
        """
        self._save_observers.remove(callback)

    def _record_save(self, path: str | os.PathLike[str], version: int) -> None:
        """A writer that read the journey at ``version`` has put all of it in ``path`` (or
        a reader has read it from there). When the journey changed while the file was being
        written (an autosave thread beside the kernel), the file holds no one version:
        nothing is recorded."""
        if version != self._version:
            return
        self._saved = SavedFile(os.path.abspath(path), version)
        for observer in list(self._save_observers):
            try:
                observer(self._saved)
            except Exception:
                log.exception("a journey save observer failed on version %s", version)

    # -- undo / redo ------------------------------------------------------------------

    def undo(self) -> Change | None:
        """Revert the last change, whatever made it. Returns the change, or None.

        Examples
        --------
        >>> import journeywidgets as jw
        >>> j = jw.Journey("Shop")
        >>> j.add_stage("Buy")
        'stage_1'
        >>> j.undo().origin, len(j.stages), j.can_redo
        ('undo', 0, True)
        >>> j.redo().origin, j.stages["name"].tolist()
        ('redo', ['Buy'])
        """
        entry = self._history.peek_undo()
        if entry is None:
            return None
        change = self._commit(entry.inverse(), "undo")
        self._history.undone()
        return change

    def redo(self) -> Change | None:
        """Re-apply the last undone change. Returns the change, or None.

        Examples
        --------
        >>> import journeywidgets as jw
        >>> j = jw.Journey("Shop")
        >>> j.redo() is None  # nothing undone yet
        True
        >>> j.add_stage("Buy")
        'stage_1'
        >>> j.undo() is not None, j.redo() is not None, len(j.stages)
        (True, True, 1)
        """
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

        Examples
        --------
        >>> from journeywidgets.datasets import bike_shop
        >>> j = bike_shop()
        >>> steps = j.steps.copy()
        >>> steps.loc["step_1", "name"] = "Sees a friend's bike"
        >>> j.assign(steps=steps).ops[0].values
        {'name': "Sees a friend's bike"}
        >>> j.steps is not steps  # the journey's frame took the change, in place
        True
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

        Examples
        --------
        >>> from journeywidgets.datasets import bike_shop
        >>> j = bike_shop()
        >>> j.steps.loc["step_2", "name"] = "Searches online"  # an ordinary pandas edit
        >>> change = j.sync()
        >>> change.origin, change.ops[0].values
        ('sync', {'name': 'Searches online'})
        >>> j.undo() is not None, j.steps.loc["step_2", "name"]
        (True, 'Searches “city bike” 城市自行车')
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
        """The map's fields (title, map_type, status …), read-only; set with ``set_meta``.

        Examples
        --------
        >>> from journeywidgets.datasets import bike_shop
        >>> meta = bike_shop().meta
        >>> meta["title"], meta["map_type"], meta["emotion_scale"]
        ('Buying a city bike', 'current_state', 'bipolar5')
        """
        return MappingProxyType(self._meta)

    def set_meta(self, **fields: Value) -> Change | None:
        """Set map fields: ``journey.set_meta(title="…", status="in_review")``.

        Examples
        --------
        >>> import journeywidgets as jw
        >>> j = jw.Journey("Draft")
        >>> change = j.set_meta(title="Bikes", status="in_review")
        >>> [(op.field, op.value, op.old) for op in change.ops]
        [('title', 'Bikes', 'Draft'), ('status', 'in_review', 'draft')]
        >>> j.title
        'Bikes'
        """
        return self.apply([SetMeta(name, value) for name, value in fields.items()])

    @property
    def emotion_scale(self) -> EmotionScale:
        """The scale emotion scores are on."""
        return get_scale(str(self._meta["emotion_scale"]))

    def set_emotion_scale(self, scale: str, *, convert: bool = True) -> Change | None:
        """Change the emotion scale; with ``convert`` (default) scores are converted to it.

        Conversion keeps the distance from neutral in proportion; on integer scales single
        answers are rounded (half away from neutral) and aggregates (n > 1) keep fractions.

        Examples
        --------
        >>> from journeywidgets.datasets import bike_shop
        >>> j = bike_shop()
        >>> j.emotions["score"].tolist()[:3]
        [1.0, 0.0, -1.0]
        >>> change = j.set_emotion_scale("likert5")
        >>> j.emotions["score"].tolist()[:3]
        [4.0, 3.0, 2.0]
        """
        target = get_scale(scale)
        ops: list[Op] = [SetMeta("emotion_scale", target.scale_id)]
        if convert:
            ops += _converted_scores(self._committed, self.emotion_scale, target)
        return self.apply(ops)

    # -- generic editing --------------------------------------------------------------

    def update(self, table: str, row_id: str, /, **values: Value) -> Change | None:
        """Change cells of one row: ``journey.update("steps", "step_3", name="Pay")``.

        ``row_id`` may be the row's unique name (steps, stages, lanes, personas …), and so
        may the values of reference columns (``stage_id="Purchase"``).

        Examples
        --------
        >>> from journeywidgets.datasets import bike_shop
        >>> j = bike_shop()
        >>> change = j.update("steps", "Reads reviews", name="Reads reviews 评论", kind="decision")
        >>> j.steps.loc["step_4", ["name", "kind"]].tolist()
        ['Reads reviews 评论', 'decision']
        >>> j.update("steps", "Reads reviews", name="x")  # the old name is gone
        Traceback (most recent call last):
        ...
        journeywidgets.model.errors.ValidationError: ...did you mean 'Reads reviews 评论'?...
        """
        return self.apply(Update(table, self._row(table, row_id), self._refs(table, values)))

    def move(self, table: str, row_id: str, /, position: int, **parent: Value) -> Change | None:
        """Move a row to ``position`` (0 = first) among its siblings, optionally under a new
        parent: ``journey.move("steps", "step_3", 0, stage_id="stage_2")``.

        Examples
        --------
        >>> from journeywidgets.datasets import bike_shop
        >>> j = bike_shop()
        >>> change = j.move("steps", "Rides to work", 0, stage_id="Awareness")
        >>> j.steps["name"].tolist()[:2]
        ['Rides to work', "Sees a colleague's bike"]
        """
        return self.apply(
            Move(table, self._row(table, row_id), position, self._refs(table, parent))
        )

    def remove(self, table: str, row_id: str, /) -> Change | None:
        """Delete a row and everything that depends on it.

        Removing a stage removes its steps; removing a step removes its cards, emotions,
        evidence links and metrics; removing a persona removes its emotion curve and makes
        its cards apply to everyone. The returned change lists every removed row, and
        ``undo()`` brings them all back.

        Examples
        --------
        >>> from journeywidgets.datasets import bike_shop
        >>> j = bike_shop()
        >>> change = j.remove("stages", "Delivery")
        >>> sorted({op.table for op in change.ops})
        ['cards', 'emotions', 'stages', 'steps']
        >>> j.undo() is not None, len(j.stages), len(j.cards)
        (True, 4, 13)
        """
        return self.apply(Delete(table, self._row(table, row_id)))

    def _row(self, table: str, given: str) -> str:
        """An id for ``given``: itself if it is one (or not nameable), else the named row's."""
        schema.table(table)  # unknown tables: the pipeline's own error, listing the tables
        if table not in LABEL_COLUMNS or given in self._committed[table].index:
            return given
        return resolve(self._committed, table, given, field=schema.table(table).id_column)

    def _refs(self, table: str, values: Mapping[str, Value]) -> dict[str, Value]:
        """``values`` with names in reference columns turned into ids."""
        spec = schema.table(table)
        resolved = dict(values)
        for name, value in values.items():
            column = spec.by_name.get(name)
            fk = column.foreign_key if column is not None else None
            if fk is not None and fk.table in LABEL_COLUMNS and isinstance(value, str):
                resolved[name] = self._row(fk.table, value)
        return resolved

    # -- reading ----------------------------------------------------------------------

    def to_frame(self, *, variant: str = "as_is") -> pd.DataFrame:
        """One row per step in map order: stage, step, emotion scores, one column per lane.

        ``emotion`` holds the map's own curve (scores without a persona); each persona's
        curve gets a column ``emotion: <persona name>``. Lane columns hold the lane's card
        texts for the step, joined by newlines. Handy for analysis cells:
        ``journey.to_frame().query("emotion < 0")``.

        Examples
        --------
        >>> from journeywidgets.datasets import bike_shop
        >>> frame = bike_shop().to_frame()
        >>> frame.columns.tolist()[:6]
        ['stage_id', 'stage', 'step', 'moment_of_truth', 'emotion', 'emotion: Mei 美']
        >>> frame.loc["step_6", ["step", "Pain points"]].tolist()
        ['Pays at the counter', 'Card machine declined my card twice 😡']
        >>> frame["emotion: Mei 美"].tolist()[:4]
        [1.0, 0.0, -1.0, 0.0]
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
        """Same meta and same tables (values and dtypes); row order is not compared.

        Examples
        --------
        >>> from journeywidgets.datasets import bike_shop
        >>> a, b = bike_shop(), bike_shop()
        >>> a.equals(b), a == b  # == is identity, as for DataFrames' objects
        (True, False)
        >>> b.set_meta(status="published") is not None, a.equals(b)
        (True, False)
        """
        if not isinstance(other, Journey) or self._meta != other._meta:
            return False
        for name in TABLES:
            mine = self._committed[name].sort_index()
            theirs = other._committed[name].sort_index()
            if not mine.equals(theirs) or not mine.dtypes.equals(theirs.dtypes):
                return False
        return True

    def copy(self: J) -> J:
        """An independent journey with the same content (and no history).

        Examples
        --------
        >>> from journeywidgets.datasets import bike_shop
        >>> original = bike_shop()
        >>> draft = original.copy()
        >>> draft.remove("stages", "Delivery") is not None
        True
        >>> len(draft.stages), len(original.stages), draft.can_undo, original.can_undo
        (3, 4, True, False)
        """
        clone = type(self).__new__(type(self))
        clone._committed = {n: f.copy() for n, f in self._committed.items()}
        clone._live = {n: f.copy() for n, f in self._committed.items()}
        clone._meta = dict(self._meta)
        clone._version = 0
        clone._history = History()
        clone._observers = []
        clone._saved = None  # the copy is in no file yet
        clone._save_observers = []
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


_SINGLE_SCORES = (("segments", "emotion"), ("code_mappings", "emotion"))
"""Columns holding one rating on the map's scale (rounded on integer scales)."""
_SPREAD = ("median", "ci_low", "ci_high")


def _converted_scores(
    frames: Mapping[str, pd.DataFrame], source: EmotionScale, target: EmotionScale
) -> list[Op]:
    """Updates that carry every score of the journey from ``source`` to ``target``.

    Single answers are rounded on integer scales; aggregates (n > 1) keep fractions, and
    their spread follows: median and interval ends convert like scores, the standard
    deviation scales with the width of the scale.
    """
    ops: list[Op] = []
    emotions = frames["emotions"]
    widen = (target.max - target.min) / (source.max - source.min)
    for row_id in emotions.index:
        row = {c: to_python(emotions.at[row_id, c]) for c in ("score", "n", "sd", *_SPREAD)}
        aggregate = (row["n"] or 1) > 1
        values: dict[str, Value] = {}
        for column in ("score", *_SPREAD):
            if row[column] is not None:
                values[column] = source.convert(
                    float(row[column]),
                    target,
                    round_to_integer=target.integer_only and not aggregate and column == "score",
                )
        if row["sd"] is not None:
            values["sd"] = float(row["sd"]) * widen
        if values:
            ops.append(Update("emotions", str(row_id), values))
    for table_name, column in _SINGLE_SCORES:
        frame = frames[table_name]
        for row_id, value in frame[column].dropna().items():
            new = source.convert(float(value), target, round_to_integer=target.integer_only)
            ops.append(Update(table_name, str(row_id), {column: new}))
    return ops
