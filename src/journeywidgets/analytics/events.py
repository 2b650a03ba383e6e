"""Event logs on any engine: which columns hold what, checks, and events → steps.

An event log is a table with a unit id (user or session), a timestamp and an event name,
plus optional attributes. It may be a pandas or polars DataFrame, a polars LazyFrame, a
DuckDB relation, a PySpark DataFrame, or a path to Parquet/CSV (read lazily by DuckDB).
Everything here is written once with narwhals and runs on the log's own engine.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypedDict

import narwhals as nw
import pandas as pd

from ..model import Journey, JourneyError

if TYPE_CHECKING:
    from typing_extensions import Unpack

Predicate = Any  # a narwhals expression that is true for the events of a step


class EventLogError(JourneyError, ValueError):
    """An event log cannot be used as given; the message names the column."""


@dataclass(frozen=True)
class Columns:
    unit: str
    time: str
    event: str
    breakdown: str | None = None


def as_lazy(events: Any) -> nw.LazyFrame[Any]:
    """The log as a narwhals LazyFrame on its own engine (paths: DuckDB, read lazily)."""
    if isinstance(events, (str, os.PathLike)):
        import duckdb

        path = Path(events)
        if not path.exists():
            raise EventLogError(f"{path}: no such file")
        reader = duckdb.read_parquet if path.suffix.lower() == ".parquet" else duckdb.read_csv
        events = reader(str(path))
    try:
        frame = nw.from_native(events)
    except TypeError:
        raise EventLogError(
            f"an event log must be a DataFrame, LazyFrame, DuckDB relation, PySpark DataFrame "
            f"or a Parquet/CSV path, not {type(events).__name__}"
        ) from None
    return frame.lazy() if isinstance(frame, nw.DataFrame) else frame


def microseconds_between(frame: nw.LazyFrame[Any]) -> Any:
    """``since(later, earlier)``: an expression for the whole microseconds between two
    timestamp columns, on the frame's engine. (Spark has no duration arithmetic in
    narwhals: there, seconds since the epoch and the microsecond part are combined.)"""
    spark_like = {nw.Implementation.PYSPARK, nw.Implementation.PYSPARK_CONNECT,
                  nw.Implementation.SQLFRAME}  # fmt: skip
    if frame.implementation in spark_like:

        def micros(column: str) -> nw.Expr:
            return nw.col(column).cast(nw.Int64) * 1_000_000 + nw.col(column).dt.microsecond()

        return lambda later, earlier: micros(later) - micros(earlier)
    return lambda later, earlier: (nw.col(later) - nw.col(earlier)).dt.total_microseconds()


class Checkpoints:
    """Keep an intermediate result instead of recomputing it. The funnel's per-step frames
    are each used by the next step and by that step's aggregate; SQL engines inline a
    frame used twice, so without this the work grows with the square of the steps.
    DuckDB materialises the relation (in the user's own connection), Spark persists it
    (on the cluster, never collected to the driver); pandas is eager and polars shares
    common subplans itself."""

    def __init__(self) -> None:
        self._persisted: list[Any] = []

    def keep(self, frame: nw.LazyFrame[Any]) -> nw.LazyFrame[Any]:
        native = frame.to_native()
        if frame.implementation is nw.Implementation.DUCKDB:
            native = native.materialize()
        elif frame.implementation in (
            nw.Implementation.PYSPARK,
            nw.Implementation.PYSPARK_CONNECT,
        ):
            native = native.persist()
            self._persisted.append(native)
        else:
            return frame
        kept: nw.LazyFrame[Any] = nw.from_native(native)
        return kept

    def release(self) -> None:
        for native in self._persisted:
            native.unpersist()
        self._persisted.clear()


def check(frame: nw.LazyFrame[Any], columns: Columns) -> None:
    """Refuse a log that would give a silent wrong answer, naming the column."""
    schema = frame.collect_schema()
    wanted = [
        ("unit", columns.unit, "user=... or session=..."),
        ("time", columns.time, "time=..."),
        ("event", columns.event, "event=..."),
    ]
    if columns.breakdown:
        wanted.append(("breakdown", columns.breakdown, "breakdown=..."))
    for role, name, parameter in wanted:
        if name not in schema:
            raise EventLogError(
                f"the event log has no column {name!r} (the {role} column); it has: "
                f"{', '.join(schema.names())}. Name yours with {parameter}"
            )
    dtype = schema[columns.time]
    if not isinstance(dtype, nw.Datetime):
        hint = (
            "it holds text: parse it first, e.g. pd.to_datetime(df[col], utc=True)"
            if dtype == nw.String
            else "mixed time zones or mixed types end up like this: convert every value "
            "to one time zone first, e.g. pd.to_datetime(df[col], utc=True)"
            if dtype == nw.Object
            else f"its type is {dtype}"
        )
        raise EventLogError(f"column {columns.time!r} must hold timestamps; {hint}")


@dataclass(frozen=True)
class StepEvents:
    """The steps an analysis follows and, for each, the events that stand for it."""

    step_ids: list[str]
    predicates: list[Predicate]
    names: list[list[str] | None]  # a step's event names; None where an expression is given

    @property
    def all_named(self) -> list[list[str]] | None:
        """Every step's names, or None if any step is an expression (which only the
        narwhals plans can evaluate)."""
        if any(n is None for n in self.names):
            return None
        return [n for n in self.names if n is not None]


def step_id(journey: Journey, key: str) -> str:
    """A step's id, from its id or its name."""
    if key in journey.steps.index:
        return key
    named = journey.steps.index[(journey.steps["name"] == key).fillna(False).to_numpy()]
    if len(named):
        return str(named[0])
    raise EventLogError(f"no step {key!r} in the journey (ids or names)")


def resolve_steps(
    journey: Journey,
    mapping: Mapping[str, Any] | None,
    steps: Sequence[str] | None,
    event_column: str,
) -> StepEvents:
    """The steps (ids, in map order unless given) and which events stand for each: event
    names (from ``mapping`` or the journey's ``event_mappings``) or a narwhals expression."""
    names: dict[str, list[str]] = {}
    expressions: dict[str, Predicate] = {}
    if mapping is None:
        table = journey.event_mappings
        for step, event in zip(table["step_id"], table["event"], strict=True):
            names.setdefault(str(step), []).append(str(event))
    else:
        for key, value in mapping.items():
            if isinstance(value, str):
                names.setdefault(step_id(journey, key), []).append(value)
            elif isinstance(value, (list, tuple, set, frozenset)):
                names.setdefault(step_id(journey, key), []).extend(str(v) for v in value)
            else:
                expressions[step_id(journey, key)] = value
    chosen = [step_id(journey, s) for s in steps] if steps is not None else [
        str(s) for s in journey.steps.index if str(s) in names or str(s) in expressions
    ]  # fmt: skip
    if not chosen:
        raise EventLogError(
            "no step has events: map event names to steps with journey.map_events({...}) "
            "or pass mapping={step: event names or a narwhals expression}"
        )
    predicates: list[Predicate] = []
    step_names: list[list[str] | None] = []
    for step in chosen:
        if step in expressions:
            predicates.append(expressions[step])
            step_names.append(None)
        elif step in names:
            unique = sorted(set(names[step]))
            predicates.append(nw.col(event_column).is_in(unique))
            step_names.append(unique)
        else:
            raise EventLogError(f"step {step!r} has no events mapped to it")
    return StepEvents(chosen, predicates, step_names)


class EventLogWarning(UserWarning):
    """Something in an event log deserves a look (a mapped event that never occurs)."""


def unmatched_names(frame: nw.LazyFrame[Any], event: str, steps: StepEvents) -> list[str]:
    """Event names mapped to the steps that never occur in the log (a typo would
    otherwise look like a real zero)."""
    wanted = {name for names in steps.names if names for name in names}
    if not wanted:
        return []
    present = (
        frame.filter(nw.col(event).is_in(sorted(wanted))).select(nw.col(event)).unique().collect()
    )
    seen = set(present.get_column(event).to_list())
    return sorted(wanted - seen)


def to_duration(microseconds: float) -> pd.Timedelta:
    """Whole microseconds, the same on every engine: a median of whole numbers is a whole
    or a half (rounded half up); engines' float noise beyond that is ignored."""
    halves = round(float(microseconds) * 2)
    duration: pd.Timedelta = pd.Timedelta(microseconds=(halves + 1) // 2)
    return duration


class LogOptions(TypedDict, total=False):
    """How to read an event log, the same for ``funnel`` and ``paths``.

    steps:
        The steps (ids or names), in order; default: every mapped step in map order.
    mapping:
        ``{step: event name(s) or a narwhals expression}``, instead of the journey's
        stored ``event_mappings``.
    unit:
        Count ``"user"`` (default) or ``"session"``.
    user, session, time, event:
        The log's column names (defaults ``user_id``, ``session_id``, ``timestamp``,
        ``event``).
    plan:
        ``"auto"`` (default): on DuckDB, with steps given by event names, one tuned SQL
        query (the same semantics; tests hold both plans to identical results); else the
        narwhals plan. ``"narwhals"``: always the narwhals plan.
    """

    steps: Sequence[str] | None
    mapping: Mapping[str, Any] | None
    unit: Literal["user", "session"]
    user: str
    session: str
    time: str
    event: str
    plan: Literal["auto", "narwhals"]


@dataclass(frozen=True)
class EventLog:
    """A checked event log on its engine, with the steps it is read for."""

    frame: nw.LazyFrame[Any]
    columns: Columns
    steps: StepEvents
    unit: str  # "user" or "session", for the semantics

    @property
    def one_query(self) -> bool:
        """Whether the tuned single-query DuckDB plan may run (it needs event names)."""
        return (
            self.frame.implementation is nw.Implementation.DUCKDB
            and self.steps.all_named is not None
        )

    def since(self) -> Any:
        return microseconds_between(self.frame)


def read_log(
    events: Any, journey: Journey, *, breakdown: str | None = None, **options: Unpack[LogOptions]
) -> tuple[EventLog, bool]:
    """The prologue ``funnel`` and ``paths`` share: the log on its engine, its columns
    checked, the steps resolved; and whether the tuned DuckDB plan may run."""
    unit = options.get("unit", "user")
    if unit not in ("user", "session"):
        raise EventLogError(f"unit must be 'user' or 'session', not {unit!r}")
    plan = options.get("plan", "auto")
    if plan not in ("auto", "narwhals"):
        raise EventLogError(f"plan must be 'auto' or 'narwhals', not {plan!r}")
    event = options.get("event", "event")
    unit_column = options.get("user", "user_id") if unit == "user" else options.get(
        "session", "session_id"
    )  # fmt: skip
    columns = Columns(unit_column, options.get("time", "timestamp"), event, breakdown)
    frame = as_lazy(events)
    check(frame, columns)
    steps = resolve_steps(journey, options.get("mapping"), options.get("steps"), event)
    log = EventLog(frame, columns, steps, unit)
    return log, plan == "auto" and log.one_query
