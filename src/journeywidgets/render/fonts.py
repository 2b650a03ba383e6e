"""Fonts for figures: a fallback chain that covers Latin, CJK and emoji.

Matplotlib's default font (DejaVu Sans) has no CJK glyphs and no emoji, and matplotlib draws
a missing glyph as an empty box. Since matplotlib 3.6 a list of families is a fallback
chain: each glyph comes from the first font that has it. We put an installed CJK font and a
monochrome emoji font after the default one, and we check the text we are about to draw
against the chain, warning once (naming the Debian package to install) for each script that
no installed font covers.
"""

from __future__ import annotations

import functools
import unicodedata
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

LATIN = "DejaVu Sans"  # matplotlib's own default, shipped with it: always present
# Preference order. Simplified Chinese fonts carry traditional characters too.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans CJK TC",
    "Noto Sans CJK JP",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
    "AR PL UMing CN",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
)
# Colour emoji fonts are bitmaps at one size, which matplotlib cannot scale: use outlines.
EMOJI_FAMILIES = ("Symbola", "Noto Emoji", "Segoe UI Symbol", "Segoe UI Emoji")

# Characters that only modify the one before them; outline fonts draw them as boxes.
_INVISIBLE_CHARS = "\ufe0e\ufe0f\u200d"
_INVISIBLE = dict.fromkeys(map(ord, _INVISIBLE_CHARS), None)


class MissingFontWarning(UserWarning):
    """Text in a figure needs glyphs that no installed font has."""


@dataclass(frozen=True)
class FontChain:
    families: tuple[str, ...]
    files: tuple[str, ...]

    def covers(self, char: str) -> bool:
        return any(ord(char) in _charmap(path) for path in self.files)


@functools.cache
def _charmap(path: str) -> frozenset[int]:
    return frozenset(FT2Font(path).get_charmap())


def _installed(families: Iterable[str]) -> tuple[str, str] | None:
    names = {entry.name: entry.fname for entry in font_manager.fontManager.ttflist}
    for family in families:
        if family in names:
            return family, names[family]
    return None


def _learn_new_system_fonts() -> None:
    """Matplotlib caches the font list the first time it runs; fonts installed since then
    are unknown to it until they are added."""
    known = {entry.fname for entry in font_manager.fontManager.ttflist}
    for path in font_manager.findSystemFonts():
        if path not in known and Path(path).suffix.lower() in {".ttf", ".otf", ".ttc"}:
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                continue  # an unreadable font file is simply not a candidate


@functools.cache
def font_chain() -> FontChain:
    """The fallback chain used by every figure: Latin, then CJK, then emoji, as installed."""
    found = [_installed(CJK_FAMILIES), _installed(EMOJI_FAMILIES)]
    if None in found:
        _learn_new_system_fonts()
        found = [_installed(CJK_FAMILIES), _installed(EMOJI_FAMILIES)]
    latin_file = font_manager.findfont(LATIN)
    chain = [(LATIN, latin_file)] + [pair for pair in found if pair is not None]
    return FontChain(tuple(f for f, _ in chain), tuple(p for _, p in chain))


def drawable(text: str) -> str:
    """``text`` as the figure draws it, safe in every output format: variation selectors,
    joiners and other invisible format characters (a byte-order mark, U+FEFF, crashes the
    PDF writer) and control characters (not allowed in SVG's XML) removed, tabs as spaces,
    every line break as a newline, lone surrogates and the non-characters U+FFFE/U+FFFF as
    the replacement character."""
    if text.isprintable():  # the common case: nothing to remove but selectors and joiners
        return text.translate(_INVISIBLE)
    return "".join(_drawable_char(char) for char in text.replace("\r\n", "\n"))


@functools.cache
def _drawable_char(char: str) -> str:
    if char in _INVISIBLE_CHARS:
        return ""
    if char in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029":  # what str.splitlines splits at
        return "\n"
    if char == "\t":
        return " "
    category = unicodedata.category(char)
    if category in ("Cc", "Cf"):
        return ""
    if category == "Cs" or char in "\ufffe\uffff":
        return "\ufffd"
    return char


_warned: set[str] = set()

_ADVICE = {
    "cjk": "Chinese, Japanese or Korean text needs a CJK font: install Debian's "
    "fonts-noto-cjk (apt-get install fonts-noto-cjk), or any font named in "
    "journeywidgets.render.fonts.CJK_FAMILIES",
    "emoji": "emoji need an outline emoji font: install Debian's fonts-symbola "
    "(apt-get install fonts-symbola)",
    "other": "no installed font has these characters; install a font that covers them",
}


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    if any(word in name for word in ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO")):
        return "cjk"
    if unicodedata.category(char) == "So" or 0x1F000 <= ord(char) <= 0x1FAFF:
        return "emoji"
    return "other"


def check_glyphs(texts: Iterable[str]) -> None:
    """Warn once per script when ``texts`` hold characters no font in the chain can draw."""
    chain = font_chain()
    missing: dict[str, set[str]] = {}
    seen: set[str] = set()
    for text in texts:
        for char in drawable(text):
            if char in seen or char.isspace() or unicodedata.category(char).startswith("C"):
                continue
            seen.add(char)
            if not chain.covers(char):
                missing.setdefault(_script(char), set()).add(char)
    for script, chars in missing.items():
        if script in _warned:
            continue
        _warned.add(script)
        sample = "".join(sorted(chars)[:8])
        warnings.warn(
            f"{_ADVICE[script]}. Without it these characters draw as empty boxes: {sample}",
            MissingFontWarning,
            stacklevel=3,
        )
