"""Workshop capture: the spreadsheet layout teams already draw journey maps in.

The first column names the rows; every other column is one step::

    Stage      | Awareness      |               | Purchase
    Step       | Sees an ad     | Asks a friend | Pays
    Emotion    | 1              | 0             | -2
    Actions    | Scrolls        | Messages      | Taps card
    Pain points|                |               | Card declined

A row labelled stage (or phase) gives each step its stage: a name starts a stage and blank
cells continue it (as merged cells read). A row labelled step (or touchpoint) names the
steps. A row labelled emotion (or "emotion: <persona>", one per persona) holds scores; the
scale is chosen from the values (−2…2, 1…5, −1…1 or 0…100). Every other row is a lane, its
type recognised from its label (actions, thoughts, pain points …, else custom); each line
of a cell is one card, as one sticky note. Excel's ``map`` sheet written by ``to_excel`` is
in this layout too.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import TypeVar, cast

import pandas as pd
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from ..model import FileFormatError, Journey, ValidationError
from ..model.ops import Insert, Op
from ..model.scales import get_scale
from .tables import formula_or_error

J = TypeVar("J", bound=Journey)

_STAGE = re.compile(r"(stages?|phases?)", re.I)
_STEP = re.compile(r"(steps?|touchpoints? ?/? ?steps?)", re.I)
_EMOTION = re.compile(r"(emotions?|emotion score|feeling score|score)(?:\s*[:(]\s*(.+?)\)?)?", re.I)
LANE_TYPES = {
    "actions": ("action", "doing", "does", "customer actions"),
    "thoughts": ("thought", "thinking", "thinks"),
    "feelings": ("feeling", "feels"),
    "touchpoints": ("touchpoint",),
    "channels": ("channel",),
    "pain_points": ("pain point", "pain", "pains", "pain-points", "frustrations", "problems"),
    "opportunities": ("opportunity", "ideas for improvement"),
    "ideas": ("idea",),
    "quotes": ("quote", "verbatims"),
    "metrics": ("metric", "kpis", "kpi"),
    "owners": ("owner", "responsible"),
}
CARD_KIND = {
    "actions": "action",
    "thoughts": "thought",
    "feelings": "feeling",
    "touchpoints": "touchpoint",
    "pain_points": "pain_point",
    "opportunities": "opportunity",
    "ideas": "idea",
    "quotes": "quote",
}
# Tried in order: the first that holds every score is the map's scale.
_SCALES = (("bipolar5", -2, 2), ("likert5", 1, 5), ("percent", 0, 100))


def lane_type(label: str) -> str:
    key = label.strip().lower().replace("_", " ")
    for lane, words in LANE_TYPES.items():
        if key == lane.replace("_", " ") or key in words:
            return lane
    return "custom"


def _grid_from(source: object, sheet: str | int | None) -> tuple[pd.DataFrame, str]:
    """The raw grid (no header, everything as it is in the cells) and a name for errors."""
    if isinstance(source, pd.DataFrame):
        grid = source.reset_index(drop=True)
        if not all(isinstance(c, int) for c in grid.columns):  # labelled columns: a row too
            grid = pd.concat([pd.DataFrame([list(grid.columns)]), pd.DataFrame(grid.to_numpy())])
        return grid.reset_index(drop=True).T.reset_index(drop=True).T, "the DataFrame"
    if isinstance(source, str) and ("\t" in source or "\n" in source):
        return pd.read_csv(
            io.StringIO(source), sep="\t", header=None, dtype=object
        ), "the pasted text"
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        name = str(path)
        try:
            if path.suffix.lower() in (".xlsx", ".xlsm"):
                return _excel_grid(path, sheet), name
            separator = "\t" if path.suffix.lower() in (".tsv", ".tab") else ","
            return pd.read_csv(
                path, sep=separator, header=None, dtype=object, encoding="utf-8-sig"
            ), name
        except FileNotFoundError:
            raise FileFormatError("no such file", path=name) from None
        except FileFormatError:
            raise
        except (UnicodeDecodeError, pd.errors.ParserError, ValueError, KeyError) as error:
            raise FileFormatError(f"cannot read it as a grid: {error}", path=name) from None
    raise TypeError(
        f"from_grid reads a DataFrame, a path or pasted text, not {type(source).__name__}"
    )


def _excel_grid(path: Path, sheet: str | int | None) -> pd.DataFrame:
    """The sheet's values, every row it holds; a formula or an error cell is refused by
    name (pandas would give a formula's last computed value, or nothing, without a word)."""
    name = str(path)
    try:
        book = load_workbook(path, read_only=True, data_only=False)
    except FileNotFoundError:
        raise
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise FileFormatError(f"not an Excel workbook ({error})", path=name) from None
    try:
        names = book.sheetnames
        chosen = sheet if sheet is not None else ("map" if "map" in names else 0)
        if isinstance(chosen, int):
            if not 0 <= chosen < len(names):
                raise FileFormatError(f"there is no sheet number {chosen}", path=name)
            chosen = names[chosen]
        if chosen not in names:
            raise FileFormatError(f"no sheet {chosen!r}; it has {', '.join(names)}", path=name)
        worksheet = book[chosen]
        worksheet.reset_dimensions()  # read every row, whatever the file says its size is
        rows = []
        for row in worksheet.iter_rows():
            for cell in row:
                problem = formula_or_error(cell)
                if problem is not None:
                    raise FileFormatError(problem, path=name, sheet=chosen, cell=cell.coordinate)
            rows.append([cell.value for cell in row])
    finally:
        book.close()
    # Without a trusted dimension, read-only rows end at their last cell: pad them, as
    # pandas will stop doing for us.
    width = max((len(row) for row in rows), default=0)
    rows = [row + [None] * (width - len(row)) for row in rows]
    return cast(pd.DataFrame, pd.DataFrame(rows, dtype=object))


def _text(value: object) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[call-overload]
        return None
    text = str(value).strip()
    return text or None


def _cell_name(row: int, column: int) -> str:
    """A spreadsheet's name for the cell at 0-based ``row`` and ``column``: "C3"."""
    return f"{get_column_letter(column + 1)}{row + 1}"


def from_grid(
    source: object,
    *,
    sheet: str | int | None = None,
    title: str | None = None,
    into: type[J] = Journey,  # type: ignore[assignment]
) -> J:
    """A journey from a workshop grid: a DataFrame, a CSV/TSV/Excel path, or pasted TSV."""
    grid, name = _grid_from(source, sheet)

    def fail(row: int, column: int, reason: str) -> FileFormatError:
        return FileFormatError(reason, path=name, cell=_cell_name(row, column))

    labels = [_text(v) for v in grid.iloc[:, 0]] if grid.shape[1] else []
    step_row = next((r for r, label in enumerate(labels) if label and _STEP.fullmatch(label)), None)
    if step_row is None:
        raise FileFormatError(
            "no row labelled 'Step' in the first column: the grid needs one step name per column",
            path=name,
        )
    columns = [c for c in range(1, grid.shape[1]) if _text(grid.iat[step_row, c])]
    if not columns:
        raise fail(step_row, 1, "the Step row names no steps")

    ops: list[Op] = []
    stage_row = next(
        (r for r, label in enumerate(labels) if label and _STAGE.fullmatch(label)), None
    )
    stage_of: dict[int, str] = {}
    stages: list[str] = []
    current: str | None = None
    for column in columns:
        label = _text(grid.iat[stage_row, column]) if stage_row is not None else None
        if label is not None or current is None:
            current = f"stage_{len(stages) + 1}"
            stages.append(current)
            ops.append(Insert("stages", {"stage_id": current, "position": len(stages) - 1,
                                         "name": label or "Journey"}))  # fmt: skip
        stage_of[column] = current
    position: dict[str, int] = {}
    step_of: dict[int, str] = {}
    for number, column in enumerate(columns, 1):
        step_of[column] = f"step_{number}"
        stage = stage_of[column]
        ops.append(Insert("steps", {"step_id": step_of[column], "stage_id": stage,
                                    "position": position.get(stage, 0),
                                    "name": _text(grid.iat[step_row, column])}))  # fmt: skip
        position[stage] = position.get(stage, 0) + 1

    scores: list[tuple[int, int, str | None, float]] = []
    personas: dict[str, str] = {}
    lanes = 0
    for row, label in enumerate(labels):
        if label is None or row in (step_row, stage_row):
            continue
        emotion = _EMOTION.fullmatch(label)
        if emotion:
            persona = emotion.group(2)
            if persona and persona not in personas:
                personas[persona] = f"persona_{len(personas) + 1}"
                ops.append(Insert("personas", {"persona_id": personas[persona], "name": persona}))
            for column in columns:
                value = grid.iat[row, column]
                if _text(value) is None:
                    continue
                try:
                    score = float(str(value).strip().replace("−", "-"))
                except ValueError:
                    raise fail(
                        row, column, f"an emotion score must be a number, got {value!r}"
                    ) from None
                scores.append((row, column, personas.get(persona) if persona else None, score))
            continue
        lanes += 1
        lane_id = f"lane_{lanes}"
        kind = lane_type(label)
        ops.append(Insert("lanes", {"lane_id": lane_id, "name": label, "lane_type": kind}))
        for column in columns:
            text = _text(grid.iat[row, column])
            if text is None:
                continue
            for place, line in enumerate(part.strip() for part in text.splitlines()):
                if line:
                    card = {
                        "lane_id": lane_id,
                        "step_id": step_of[column],
                        "position": place,
                        "text": line,
                    }
                    if kind in CARD_KIND:
                        card["kind"] = CARD_KIND[kind]
                    ops.append(Insert("cards", card))

    scale = _choose_scale([s for *_, s in scores])
    for _, column, persona, score in scores:
        row_values = {"step_id": step_of[column], "persona_id": persona, "score": score}
        ops.append(Insert("emotions", {**row_values, "source": "imported"}))
    from_file = isinstance(source, (str, os.PathLike)) and not name.startswith("the ")
    default_title = Path(name).name.split(".")[0] if from_file else "Workshop map"
    meta = {"title": title or default_title, "emotion_scale": scale}
    try:
        return into._from_ops(meta, ops)
    except ValidationError as problem:
        raise FileFormatError(problem.reason, path=name) from None


def _choose_scale(values: list[float]) -> str:
    if not values:
        return "bipolar5"
    low, high = min(values), max(values)
    whole = all(float(v).is_integer() for v in values)
    for scale_id, minimum, maximum in _SCALES:
        if minimum <= low and high <= maximum and (whole or scale_id == "percent"):
            return get_scale(scale_id).scale_id
    raise FileFormatError(
        f"emotion scores run from {low:g} to {high:g}: no scale fits "
        "(whole numbers −2…2 or 1…5, or 0…100)"
    )
