"""``compare(student, reference)``: align a student's map with a reference map and say how
they differ.

Stages, then steps, are aligned by meaning and position. Each student × reference pair
gets a similarity in [0, 1] made of parts that are reported with every match:

- ``text``: rapidfuzz similarity of the normalised names (NFKC, case-folded), the larger of
  ``ratio`` (characters: works on CJK, which has no spaces) and ``token_set_ratio``
  (words: tolerates reordering and additions in Latin scripts), rescaled so that 0.3 or
  less (what unrelated short names score) is 0;
- ``term``: 1 when both names are the same term in different languages — the glossary is
  the package's own templates, whose translations share ids;
- ``id``: 1 when both rows have the same id (a map started from the same template);
- ``position``: 1 minus the difference of their relative positions (0 … 1 along the map);
- for steps, ``stage``: 1 when their stages were aligned with each other, and
  ``emotion``: 1 minus half the difference of their valences.

Meaning (the best of text, term and id) weighs most. Pairs are taken greedily, most
similar first, each row at most once, down to ``threshold``; what is left is missing
(reference rows) or extra (student rows). Matched rows whose order disagrees with the
reference (outside the longest run in reference order) are out of order.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from ..model import Journey
from .facts import Facts, text
from .templates import FOLDER, SUFFIX

if TYPE_CHECKING:
    from matplotlib.figure import Figure

STAGE_WEIGHTS = {"meaning": 0.75, "position": 0.25}
STEP_WEIGHTS = {"meaning": 0.6, "position": 0.15, "stage": 0.15, "emotion": 0.1}
TEXT_FLOOR = 0.3
SCORE_WEIGHTS = {"stages": 0.2, "steps": 0.4, "order": 0.2, "emotion": 0.2}
ALIGN_COLUMNS = [
    "status",
    "reference_id",
    "reference",
    "student_id",
    "student",
    "similarity",
    "how",
    "text",
    "term",
    "same_id",
    "position",
    "out_of_order",
]


def normalise(value: str) -> str:
    return unicodedata.normalize("NFKC", value).casefold().strip()


@cache
def _glossary() -> dict[str, frozenset[str]]:
    """Normalised stage or step name → the template terms (template/table/id) it names,
    from every template that has more than one language."""
    names: dict[tuple[str, str, str], set[str]] = {}
    files = sorted(FOLDER.glob(f"*{SUFFIX}"))
    languages: dict[str, int] = {}
    for path in files:
        template = path.name[: -len(SUFFIX)].rpartition(".")[0]
        languages[template] = languages.get(template, 0) + 1
    for path in files:
        template = path.name[: -len(SUFFIX)].rpartition(".")[0]
        if languages[template] < 2:
            continue
        tables = json.loads(path.read_text(encoding="utf-8"))["tables"]
        for table, id_column in (("stages", "stage_id"), ("steps", "step_id")):
            for row in tables[table]:
                key = (template, table, row[id_column])
                names.setdefault(key, set()).add(normalise(row["name"]))
    glossary: dict[str, set[str]] = {}
    for (template, table, row_id), spellings in names.items():
        for spelling in spellings:
            glossary.setdefault(spelling, set()).add(f"{template}/{table}/{row_id}")
    return {k: frozenset(v) for k, v in glossary.items()}


def _terms(names: list[str]) -> list[frozenset[str]]:
    glossary = _glossary()
    return [glossary.get(n, frozenset()) for n in names]


@dataclass
class _Side:
    ids: list[str]
    names: list[str]
    positions: np.ndarray  # relative, 0 … 1


def _side(ids: list[str], names: list[str]) -> _Side:
    n = len(ids)
    positions = np.arange(n) / (n - 1) if n > 1 else np.zeros(n)
    return _Side(ids, [normalise(x) for x in names], positions)


def _meaning(student: _Side, reference: _Side) -> tuple[np.ndarray, ...]:
    """(meaning, text, term, same_id) matrices, student rows × reference columns."""
    shape = (len(student.ids), len(reference.ids))
    if not all(shape):
        empty = np.zeros(shape)
        return empty, empty, empty, empty
    by_chars = process.cdist(student.names, reference.names, scorer=fuzz.ratio, workers=1)
    by_words = process.cdist(student.names, reference.names, scorer=fuzz.token_set_ratio, workers=1)
    # Unrelated short names still score about 30 (shared letters, spaces); rescale so that
    # 30 or less counts as no likeness at all and 100 stays 1.
    raw = np.maximum(by_chars, by_words) / 100
    text_sim = np.clip((raw - TEXT_FLOOR) / (1 - TEXT_FLOOR), 0, 1)
    term = np.zeros(shape)
    s_terms, r_terms = _terms(student.names), _terms(reference.names)
    if any(s_terms) and any(r_terms):
        for i, a in enumerate(s_terms):
            if a:
                for j, b in enumerate(r_terms):
                    if a & b:
                        term[i, j] = 1.0
    same_id = (np.array(student.ids)[:, None] == np.array(reference.ids)[None, :]).astype(float)
    return np.maximum(np.maximum(text_sim, term), same_id), text_sim, term, same_id


def _greedy(similarity: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """Pairs (student, reference), most similar first, each row used once."""
    if not similarity.size:
        return []
    order = np.argsort(-similarity, axis=None, kind="stable")
    rows, cols = np.unravel_index(order, similarity.shape)
    used_s, used_r, pairs = set(), set(), []
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        if similarity[i, j] < threshold:
            break
        if i in used_s or j in used_r:
            continue
        used_s.add(i)
        used_r.add(j)
        pairs.append((i, j))
    return pairs


def _out_of_order(pairs: list[tuple[int, int]]) -> set[int]:
    """Student indices of matched rows outside the longest run in reference order."""
    ordered = sorted(pairs)
    refs = [j for _, j in ordered]
    # Longest increasing subsequence, O(n log n), keeping predecessors.
    tails: list[int] = []
    tail_at: list[int] = []
    previous = [-1] * len(refs)
    for k, value in enumerate(refs):
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if tails[mid] < value:
                lo = mid + 1
            else:
                hi = mid
        if lo == len(tails):
            tails.append(value)
            tail_at.append(k)
        else:
            tails[lo] = value
            tail_at[lo] = k
        previous[k] = tail_at[lo - 1] if lo else -1
    keep, k = set(), tail_at[-1] if tail_at else -1
    while k != -1:
        keep.add(k)
        k = previous[k]
    return {ordered[k][0] for k in range(len(ordered)) if k not in keep}


def _how(text_value: float, term: float, same_id: float) -> str:
    parts = []
    if same_id:
        parts.append("same id")
    if term:
        parts.append("same term in another language")
    if text_value >= 0.6:
        parts.append(f"similar text ({text_value:.0%})")
    return ", ".join(parts) or "position and context"


def _align(
    student: _Side,
    reference: _Side,
    meaning: tuple[np.ndarray, ...],
    similarity: np.ndarray,
    threshold: float,
) -> tuple[pd.DataFrame, dict[int, int]]:
    pairs = _greedy(similarity, threshold)
    late = _out_of_order(pairs)
    _, text_sim, term, same_id = meaning
    rows = []
    matched = {j: i for i, j in pairs}
    for j, ref_id in enumerate(reference.ids):
        if j in matched:
            i = matched[j]
            rows.append(
                {
                    "status": "matched",
                    "reference_id": ref_id,
                    "student_id": student.ids[i],
                    "similarity": round(float(similarity[i, j]), 3),
                    "how": _how(text_sim[i, j], term[i, j], same_id[i, j]),
                    "text": round(float(text_sim[i, j]), 3),
                    "term": bool(term[i, j]),
                    "same_id": bool(same_id[i, j]),
                    "position": round(
                        float(1 - abs(student.positions[i] - reference.positions[j])), 3
                    ),
                    "out_of_order": i in late,
                    "_s": i,
                    "_r": j,
                }
            )
        else:
            rows.append({"status": "missing", "reference_id": ref_id, "_s": -1, "_r": j})
    used = set(matched.values())
    for i, student_id in enumerate(student.ids):
        if i not in used:
            rows.append({"status": "extra", "student_id": student_id, "_s": i, "_r": -1})
    # Every column even when nothing matched (no similarity, no out_of_order in any row).
    frame = pd.DataFrame(rows).reindex(columns=[*ALIGN_COLUMNS, "_s", "_r"])
    return frame, {i: j for i, j in pairs}


@dataclass(frozen=True)
class Comparison:
    """What :func:`compare` found.

    ``stages`` and ``steps``: one row per reference row (``matched`` or ``missing``) and
    per unmatched student row (``extra``), with the similarity, its parts and how the pair
    was matched (``how``), and ``out_of_order``. ``emotions``: per matched step, both
    valences (−1 … 1, each on its own map's scale) and the delta (student − reference).
    ``curve``: the curves' correlation (shape) and whether the student's lowest and
    highest steps are the reference's. ``parts`` and ``score`` (0 … 100).
    """

    stages: pd.DataFrame
    steps: pd.DataFrame
    emotions: pd.DataFrame
    curve: dict[str, object]
    parts: dict[str, float]
    score: float
    student_title: str
    reference_title: str

    def summary(self) -> str:
        """Plain-language sentences: counts, what is missing, extra, out of order, the curve."""

        def count(frame: pd.DataFrame, status: str) -> int:
            return int((frame["status"] == status).sum())

        lines = [
            f"Score {self.score:.1f}/100 "
            + "("
            + ", ".join(f"{k} {v:.0%}" for k, v in self.parts.items())
            + ").",
            f"Stages: {count(self.stages, 'matched')} matched, "
            f"{count(self.stages, 'missing')} missing, {count(self.stages, 'extra')} extra.",
            f"Steps: {count(self.steps, 'matched')} matched, {count(self.steps, 'missing')} "
            f"missing, {count(self.steps, 'extra')} extra, "
            f"{int(self.steps['out_of_order'].fillna(False).astype(bool).sum())} out of order.",
        ]
        missing = self.steps.loc[self.steps["status"] == "missing", "reference"].tolist()
        if missing:
            lines.append("Missing steps: " + "; ".join(map(str, missing)) + ".")
        shape = self.curve.get("correlation")
        if shape is not None:
            lines.append(f"Emotion curves correlate at {shape:.2f}.")
        lines.append(
            "The lowest point "
            + ("matches" if self.curve.get("low_matches") else "does not match")
            + " the reference's; the highest "
            + ("matches." if self.curve.get("high_matches") else "does not.")
        )
        return "\n".join(lines)

    def plot(self) -> Figure:
        """A side-by-side figure: reference steps above, student steps below, matches
        joined (darker = surer), missing and extra steps marked; the two emotion curves
        beneath, over the reference's steps."""
        from .figures import plot_comparison

        return plot_comparison(self)


def _valence_by_step(facts: Facts) -> dict[str, float]:
    """The as-is curve: one valence per step (personas averaged)."""
    scored = facts.scored
    as_is = scored[(scored["variant"] == "as_is").fillna(False)]
    return {str(k): float(v) for k, v in as_is.groupby("step_id")["valence"].mean().items()}


def compare(student: Journey, reference: Journey, *, threshold: float = 0.5) -> Comparison:
    """Align ``student`` with ``reference`` and report what matches, what is missing,
    extra or out of order, how the emotion curves differ, and a score with its parts.

    Examples
    --------
    >>> import journeywidgets as jw
    >>> reference = jw.template("current_state")
    >>> student = reference.copy()
    >>> student.remove("steps", "Phone the clinic") is not None
    True
    >>> comparison = jw.compare(student, reference)
    >>> comparison.score
    92.0
    >>> print(comparison.summary().splitlines()[2])
    Steps: 4 matched, 1 missing, 0 extra, 0 out of order.
    """
    sf, rf = Facts(student), Facts(reference)
    s_stages = _side(list(map(str, sf.stages.index)), [text(n) for n in sf.stages["name"]])
    r_stages = _side(list(map(str, rf.stages.index)), [text(n) for n in rf.stages["name"]])
    meaning = _meaning(s_stages, r_stages)
    position = 1 - np.abs(s_stages.positions[:, None] - r_stages.positions[None, :])
    stage_sim = STAGE_WEIGHTS["meaning"] * meaning[0] + STAGE_WEIGHTS["position"] * position
    stages, stage_pairs = _align(s_stages, r_stages, meaning, stage_sim, threshold)

    s_steps = _side(list(map(str, sf.steps.index)), [text(n) for n in sf.steps["name"]])
    r_steps = _side(list(map(str, rf.steps.index)), [text(n) for n in rf.steps["name"]])
    meaning = _meaning(s_steps, r_steps)
    position = 1 - np.abs(s_steps.positions[:, None] - r_steps.positions[None, :])
    stage_index = {sid: k for k, sid in enumerate(s_stages.ids)}
    ref_stage_index = {sid: k for k, sid in enumerate(r_stages.ids)}
    s_stage_of = [stage_index.get(text(v), -1) for v in sf.steps["stage_id"]]
    r_stage_of = [ref_stage_index.get(text(v), -1) for v in rf.steps["stage_id"]]
    aligned_stage = np.array([stage_pairs.get(k, -2) for k in s_stage_of])
    same_stage = (aligned_stage[:, None] == np.array(r_stage_of)[None, :]).astype(float)
    s_val, r_val = _valence_by_step(sf), _valence_by_step(rf)
    sv = np.array([s_val.get(i, np.nan) for i in s_steps.ids])
    rv = np.array([r_val.get(i, np.nan) for i in r_steps.ids])
    emotion = np.nan_to_num(1 - np.abs(sv[:, None] - rv[None, :]) / 2, nan=0.5)
    w = STEP_WEIGHTS
    step_sim = (
        w["meaning"] * meaning[0]
        + w["position"] * position
        + w["stage"] * same_stage
        + w["emotion"] * emotion
    )
    steps, step_pairs = _align(s_steps, r_steps, meaning, step_sim, threshold)

    for frame, s_names, r_names in (
        (stages, sf.stages["name"], rf.stages["name"]),
        (steps, sf.steps["name"], rf.steps["name"]),
    ):
        frame["reference"] = [text(r_names.iloc[j]) if j >= 0 else pd.NA for j in frame["_r"]]
        frame["student"] = [text(s_names.iloc[i]) if i >= 0 else pd.NA for i in frame["_s"]]

    emotion_rows = []
    for i, j in sorted(step_pairs.items(), key=lambda p: p[1]):
        if not (np.isnan(sv[i]) or np.isnan(rv[j])):
            emotion_rows.append(
                {
                    "reference_id": r_steps.ids[j],
                    "student_id": s_steps.ids[i],
                    "step": text(rf.steps["name"].iloc[j]),
                    "reference_valence": round(float(rv[j]), 3),
                    "student_valence": round(float(sv[i]), 3),
                    "delta": round(float(sv[i] - rv[j]), 3),
                }
            )
    emotions = pd.DataFrame(
        emotion_rows,
        columns=[
            "reference_id",
            "student_id",
            "step",
            "reference_valence",
            "student_valence",
            "delta",
        ],
    )
    curve = _curve(emotions, sv, rv, step_pairs)

    matched_steps = len(step_pairs)
    n_late = int(steps["out_of_order"].fillna(False).astype(bool).sum())
    parts = {
        "stages": len(stage_pairs) / len(r_stages.ids) if r_stages.ids else 1.0,
        "steps": matched_steps / len(r_steps.ids) if r_steps.ids else 1.0,
        "order": 1 - n_late / matched_steps if matched_steps else 0.0,
        "emotion": float(1 - emotions["delta"].abs().mean() / 2) if len(emotions) else 0.0,
    }
    score = round(100 * sum(SCORE_WEIGHTS[k] * v for k, v in parts.items()), 2)
    columns = [c for c in ALIGN_COLUMNS]
    return Comparison(
        stages.reindex(columns=columns),
        steps.reindex(columns=columns),
        emotions,
        curve,
        {k: round(v, 4) for k, v in parts.items()},
        score,
        text(student.meta.get("title")),
        text(reference.meta.get("title")),
    )


def _curve(
    emotions: pd.DataFrame, sv: np.ndarray, rv: np.ndarray, pairs: dict[int, int]
) -> dict[str, object]:
    result: dict[str, object] = {"correlation": None, "low_matches": False, "high_matches": False}
    if len(emotions) >= 3:
        a, b = emotions["reference_valence"], emotions["student_valence"]
        if a.std() > 0 and b.std() > 0:
            result["correlation"] = round(float(np.corrcoef(a, b)[0, 1]), 3)
    if np.isfinite(rv).any() and np.isfinite(sv).any():
        ref_low, ref_high = int(np.nanargmin(rv)), int(np.nanargmax(rv))
        s_low, s_high = int(np.nanargmin(sv)), int(np.nanargmax(sv))
        # A tie counts: the student's lowest step matches a step as low as the reference's.
        result["low_matches"] = s_low in pairs and bool(rv[pairs[s_low]] == rv[ref_low])
        result["high_matches"] = s_high in pairs and bool(rv[pairs[s_high]] == rv[ref_high])
    return result
