"""Which of our languages a map is written in, so findings speak it."""

from __future__ import annotations

import re
from collections.abc import Iterable

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
# Frequent function words that the other language hardly uses.
_MALAY = frozenset(
    [
        "yang",
        "dan",
        "untuk",
        "saya",
        "di",
        "ke",
        "dengan",
        "tidak",
        "ini",
        "itu",
        "ada",
        "dari",
        "kami",
        "mereka",
        "akan",
        "boleh",
        "pada",
        "juga",
        "lagi",
        "sudah",
        "belum",
        "mahu",
        "perlu",
        "kerana",
        "atau",
    ]
)
_ENGLISH = frozenset(
    [
        "the",
        "and",
        "to",
        "of",
        "a",
        "is",
        "for",
        "my",
        "i",
        "in",
        "it",
        "on",
        "with",
        "not",
        "this",
        "that",
        "are",
        "at",
        "be",
        "can",
        "from",
        "we",
        "our",
        "your",
        "they",
        "will",
    ]
)


def detect_language(texts: Iterable[str]) -> str:
    """``"zh"`` when Han characters make up a fifth or more of the letters, else ``"ms"``
    when Malay function words outnumber English ones, else ``"en"``."""
    han = latin = malay = english = 0
    for text in texts:
        han += len(_HAN.findall(text))
        for word in _LATIN_WORD.findall(text):
            latin += len(word)
            lower = word.lower()
            malay += lower in _MALAY
            english += lower in _ENGLISH
    if han and han * 5 >= han + latin:
        return "zh"
    return "ms" if malay > english else "en"
