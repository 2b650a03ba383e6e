"""Offset units: conversion to code points and detection, over hostile Unicode."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from journeywidgets.io.offsets import UNITS, OffsetTable, Span, detect_unit, encode_offsets

# Pieces that break naive counting: astral emoji (2 UTF-16 units, 4 UTF-8 bytes), a ZWJ
# family (5 code points, one glyph), CRLF (two code points, one line end for ATLAS.ti), a
# BOM / zero-width no-break space inside the text, CJK (3 UTF-8 bytes), combining accents.
PIECES = ["a", "b", " ", "word", "\r\n", "\n", "\r", "😡", "👨‍👩‍👧", "\u200d", "\ufeff",
          "价格", "é", "e\u0301", "ß", "\U0001f1f2\U0001f1fe", "\t", "."]  # fmt: skip
TEXTS = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def _inside_crlf(text: str, position: int) -> bool:
    return 0 < position < len(text) and text[position - 1] == "\r" and text[position] == "\n"


@st.composite
def text_and_positions(draw: st.DrawFn) -> tuple[str, list[int]]:
    text = draw(TEXTS)
    positions = draw(st.lists(st.integers(0, len(text)), max_size=12))
    return text, positions


@settings(max_examples=300, deadline=None)
@given(text_and_positions())
def test_every_unit_round_trips_code_points(case: tuple[str, list[int]]) -> None:
    text, positions = case
    table = OffsetTable(text)
    for unit in UNITS:
        kept = [p for p in positions if unit != "codepoint_lf" or not _inside_crlf(text, p)]
        encoded = encode_offsets(text, kept, unit)
        assert table.to_code_points(encoded, unit).tolist() == kept
    # The units' lengths are what Python's codecs say.
    assert table.length("utf8") == len(text.encode("utf-8", "surrogatepass"))
    assert table.length("utf16") == len(text.encode("utf-16-le", "surrogatepass")) // 2
    assert table.length("codepoint_lf") == len(text.replace("\r\n", "\n"))


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_offsets_inside_a_character_fit_no_boundary(text: str) -> None:
    table = OffsetTable(text)
    data = text.encode("utf-8")
    inside = [n for n in range(len(data)) if 0x80 <= data[n] <= 0xBF]
    assert (table.to_code_points(inside, "utf8") == -1).all()
    units16 = text.encode("utf-16-le")
    halves = [n // 2 for n in range(0, len(units16), 2) if 0xDC00 <= int.from_bytes(units16[n : n + 2], "little") <= 0xDFFF]  # fmt: skip
    assert (table.to_code_points(halves, "utf16") == -1).all()
    assert (table.to_code_points([-1, table.length("utf8") + 1], "utf8") == -1).all()


@st.composite
def coded_text(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]], str]:
    text = draw(TEXTS.filter(lambda t: len(t) > 0))
    unit = draw(st.sampled_from(UNITS))
    spans = []
    for _ in range(draw(st.integers(1, 8))):
        a = draw(st.integers(0, len(text)))
        b = draw(st.integers(a, len(text)))
        if unit == "codepoint_lf" and (_inside_crlf(text, a) or _inside_crlf(text, b)):
            continue
        spans.append((a, b))
    return text, spans, unit


@settings(max_examples=300, deadline=None)
@given(coded_text())
def test_detection_with_quotes_reproduces_every_quote(case: tuple[str, list, str]) -> None:
    text, spans, unit = case
    table = OffsetTable(text)
    encoded = [
        Span(encode_offsets(text, [a], unit)[0], encode_offsets(text, [b], unit)[0], text[a:b])  # type: ignore[arg-type]
        for a, b in spans
    ]
    found = detect_unit(table, encoded)
    assert not found.misfits
    for n, (a, b) in enumerate(spans):
        got = text[int(found.starts[n]) : int(found.ends[n])]
        assert " ".join(got.split()) == " ".join(text[a:b].split())


def test_nvivo_style_utf16_is_found_without_quotes() -> None:
    # Words after an emoji: UTF-16 offsets are one more per emoji than code points.
    text = "😡 late again\r\n😡😡 card declined twice\r\nthanks 👍 all good"
    words = ["late", "again", "card", "declined", "twice", "thanks", "good"]
    spans = []
    for word in words:
        a = text.index(word)
        start, end = encode_offsets(text, [a, a + len(word)], "utf16")
        spans.append(Span(start, end))
    found = detect_unit(OffsetTable(text), spans)
    assert found.unit == "utf16" and not found.agree and not found.misfits
    assert [text[s:e] for s, e in zip(found.starts, found.ends, strict=True)] == words


def test_atlas_style_crlf_as_one_is_found() -> None:
    text = "Interviewer: hello\r\nP1: the queue\r\nwas long\r\nP1: staff were kind"
    words = ["queue", "long", "staff", "kind"]
    spans = []
    for word in words:
        a = text.index(word)
        start, end = encode_offsets(text, [a, a + len(word)], "codepoint_lf")
        spans.append(Span(start, end))
    found = detect_unit(OffsetTable(text), spans)
    assert found.unit == "codepoint_lf"
    assert [text[s:e] for s, e in zip(found.starts, found.ends, strict=True)] == words


def test_a_span_past_the_end_is_a_misfit_never_shifted() -> None:
    text = "short text"
    found = detect_unit(OffsetTable(text), [Span(0, 5), Span(3, 99)])
    assert found.misfits == (1,)
    assert found.starts[1] == -1 and found.ends[1] == -1
    assert np.array_equal(found.starts[:1], [0])
