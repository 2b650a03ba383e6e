"""Readers and writers take time in proportion to their input, for the patterns that once
made them quadratic: ten times the input may take at most 15 times as long.

Ratios, not wall-clock limits: each size is timed as the best of three runs, side by side
in one test, so that a loaded machine slows both alike. The sizes are chosen so that the
small case takes about a tenth of a second here; the whole file runs in well under a
minute. (The issue's "1 MB against 100 KB" is the pattern where reading is cheap per
character; where each character builds more of a journey, both sizes are smaller.)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

import journeywidgets as jw
from journeywidgets.datasets import synthetic

GROWTH = 10
MOST = 15.0  # a quadratic reader takes 100 times as long at ten times the size


def _best_of_three(run: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def _read_or_refuse(read: Callable[[str], object], text: str) -> Callable[[], object]:
    """Reading ``text`` to its end: a journey, or the located refusal (equally a result)."""

    def run() -> object:
        refused: jw.FileFormatError | None = None
        try:
            return read(text)
        except jw.FileFormatError as error:
            refused = error
        assert refused.line is not None, f"a refusal names the line: {refused}"
        return refused

    return run


def _assert_linear(small: Callable[[], object], large: Callable[[], object]) -> None:
    small_time, large_time = _best_of_three(small), _best_of_three(large)
    ratio = large_time / small_time
    assert ratio <= MOST, (
        f"{GROWTH}× the input took {ratio:.1f}× as long ({small_time:.3f} s → "
        f"{large_time:.3f} s): not linear"
    )


def _blank_lines(size: int) -> str:
    return "journey\n  title Blank lines\n" + "\n" * size + "  section S\n    Task: 3: Me\n"


def _sections(size: int) -> str:
    lines = ["journey\n"]
    length = 0
    while length < size:
        line = f"  section Stage {len(lines)}\n    Task {len(lines)}: 3: Me, You\n"
        lines.append(line)
        length += len(line)
    return "".join(lines)


def _long_line(size: int) -> str:
    return "journey\n  section S\n    " + "a task name " * (size // 12) + ": 3: Me\n"


def _comments(size: int) -> str:
    return "journey\n" + "%% a comment\n  # another\n" * (size // 26) + "  section S\n    T: 3\n"


def _unclosed_tags(size: int) -> str:
    return "journey\n  section S\n    " + "<a " * (size // 3) + ": 3\n"


def _front_matter(size: int) -> str:
    """YAML lists nested as deep as allowed (PyYAML's time per token grows with the depth:
    deeper is refused), again and again."""
    block = "[" * 63 + "]" * 63 + ", "  # 64 deep inside "notes: ["
    return "---\ntitle: T\nnotes: [" + block * (size // len(block)) + "]\n---\njourney\n"


@pytest.mark.filterwarnings("ignore::journeywidgets.MermaidWarning")
@pytest.mark.parametrize(
    ("pattern", "size"),
    [
        (_blank_lines, 100_000),
        (_long_line, 100_000),
        (_comments, 100_000),
        (_unclosed_tags, 100_000),
        (_sections, 15_000),  # each section is a stage and a step of the journey
        (_front_matter, 2_000),  # PyYAML reads some 50 KB a second
    ],
    ids=lambda value: getattr(value, "__name__", str(value)).strip("_"),
)
def test_reading_mermaid_is_linear(pattern: Callable[[int], str], size: int) -> None:
    _assert_linear(
        _read_or_refuse(jw.from_mermaid, pattern(size)),
        _read_or_refuse(jw.from_mermaid, pattern(size * GROWTH)),
    )


def _nested_json(size: int) -> str:
    """Arrays nested as deep as allowed, again and again, then one level too deep at the
    end: the reader must walk it all to find where."""
    block = "[" * 62 + "]" * 62 + ","  # 64 deep inside '{"tables": ['
    return '{"tables": [' + block * (size // len(block)) + "[" * 65


def test_reading_deeply_nested_json_is_linear() -> None:
    small, large = _nested_json(150_000), _nested_json(150_000 * GROWTH)
    with pytest.raises(jw.FileFormatError) as refused:
        jw.loads(large)
    assert refused.value.column > len(large) - 65, "refused only at the end, having read it all"
    _assert_linear(_read_or_refuse(jw.loads, small), _read_or_refuse(jw.loads, large))


def test_writing_excel_is_linear_in_evidence_rows(tmp_path: Path) -> None:
    small = synthetic(5, 4, evidence=400)  # segments and evidence links, 400 of each
    large = synthetic(5, 4, evidence=400 * GROWTH)
    assert len(large.segments) == GROWTH * len(small.segments)
    assert len(large.evidence_links) == GROWTH * len(small.evidence_links)
    _assert_linear(
        lambda: small.to_excel(tmp_path / "small.xlsx"),
        lambda: large.to_excel(tmp_path / "large.xlsx"),
    )
