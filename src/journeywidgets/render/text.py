"""Wrapping text into a box without asking the renderer.

Measuring every string with matplotlib's renderer costs milliseconds a piece, and a large
map has thousands. Widths are estimated instead from the character classes: East Asian wide
characters and emoji take about one em, Latin letters a little over half of one. The
estimate errs wide, so text stays inside its box.
"""

from __future__ import annotations

import functools
import unicodedata

_LATIN_EM = 0.58  # DejaVu Sans averages ~0.55 em per character; err wide
ELLIPSIS = "…"


@functools.cache
def char_width(char: str) -> float:
    """Estimated width of ``char`` in ems."""
    if unicodedata.east_asian_width(char) in ("W", "F") or ord(char) >= 0x1F000:
        return 1.0
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Cf"):
        return 0.0
    return _LATIN_EM


def text_width(text: str) -> float:
    return sum(char_width(c) for c in text)


def _words(text: str) -> list[str]:
    """Break points: whitespace-separated words, and every wide character on its own
    (CJK text has no spaces and may break between any two characters)."""
    words: list[str] = []
    current = ""
    for char in text:
        if char.isspace():
            if current:
                words.append(current)
            current = ""
            words.append(" ")
        elif char_width(char) == 1.0:
            if current:
                words.append(current)
            current = ""
            words.append(char)
        else:
            current += char
    if current:
        words.append(current)
    return words


def wrap(text: str, width_em: float, max_lines: int) -> list[str]:
    """Lines of at most ``width_em`` ems; at most ``max_lines`` of them, the last ending in
    an ellipsis when text had to be cut. Explicit newlines are kept."""
    return list(_wrap(text, width_em, max_lines))


@functools.lru_cache(maxsize=16384)  # a figure wraps each text twice: to size, to draw
def _wrap(text: str, width_em: float, max_lines: int) -> tuple[str, ...]:
    if max_lines <= 0 or width_em <= 0:
        return ()
    lines: list[str] = []
    cut = False
    for paragraph in text.splitlines() or [""]:
        line, used = "", 0.0
        for word in _words(paragraph):
            size = text_width(word)
            if word == " ":
                if line:
                    line, used = line + " ", used + size
                continue
            if line.strip() and used + size > width_em:
                lines.append(line.rstrip())
                line, used = "", 0.0
            # On a line of its own, a word wider than the box is split by characters.
            while not line.strip() and size > width_em:
                head, word = _split_to_width(word, width_em)
                lines.append(head)
                size = text_width(word)
            line, used = line + word, used + size
        lines.append(line.rstrip())
    if len(lines) > max_lines:
        lines, cut = lines[:max_lines], True
    if cut:
        last = lines[-1]
        while last and text_width(last) + _LATIN_EM * 1.5 > width_em:
            last = last[:-1]
        lines[-1] = last.rstrip() + ELLIPSIS
    return tuple(lines)


HYPHEN = "-"


def _split_to_width(word: str, width_em: float) -> tuple[str, str]:
    """The head of ``word`` that fits ``width_em``, and the rest. A word in a script that
    spaces its words is cut with a hyphen, so the cut reads as one (CJK is not: it may
    break anywhere)."""
    used = 0.0
    for index, char in enumerate(word):
        used += char_width(char)
        if used > width_em and index > 0:
            head = word[:index]
            if char_width(char) < 1.0 and char_width(head[-1]) < 1.0 and index > 1:
                # make room for the hyphen: give the head's last letter to the rest
                if text_width(head) + char_width(HYPHEN) > width_em:
                    head, index = head[:-1], index - 1
                if head[-1].isalnum() and word[index].isalnum():
                    return head + HYPHEN, word[index:]
            return head, word[index:]
    return word, ""
