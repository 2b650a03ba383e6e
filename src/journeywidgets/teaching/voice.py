"""Company-voice text: a heuristic, stated as such.

A journey map is written from the customer's side ("I compare prices"). Text written from
the company's side ("We upsell the user") describes a process instead. This module does
not understand sentences: it looks for phrases from three lists, in every language at once
(maps mix languages):

- English: first-person-plural company words (we, our, us), the customer in the third
  person (the customer, the user, users, customers), funnel verbs done to the customer
  (convert, upsell, cross-sell, retarget, nurture, acquire, onboard the …, drive traffic).
- Chinese: 我们, 我司, 本公司, 平台, 用户, 客户, and funnel words 转化, 拉新, 促活, 留存, 获客,
  引导, 推送给, 触达.
- Malay: kami, syarikat, pihak kami, pelanggan, pengguna, and jual silang, tukarkan,
  tarik pelanggan.

Latin phrases match whole words, case-insensitively; Chinese ones match anywhere (Chinese
has no spaces). It can be wrong both ways: a customer who says "we" about their family is
flagged, and company-voice text without any listed phrase is missed.
"""

from __future__ import annotations

import re

_LATIN_PHRASES = [
    # English
    "we", "our", "ours", "us", "the company", "the customer", "the customers", "customers",
    "the user", "the users", "users", "convert", "converts", "conversion", "upsell",
    "upsells", "cross-sell", "retarget", "retargets", "nurture", "nurtures", "acquire",
    "acquires", "onboard the", "drive traffic", "drive engagement", "push notifications to",
    # Malay
    "kami", "syarikat", "pihak kami", "pelanggan", "pengguna", "jual silang", "tukarkan",
    "tarik pelanggan",
]  # fmt: skip
_HAN_PHRASES = [
    "我们", "我司", "本公司", "平台", "用户", "客户", "转化", "拉新", "促活", "留存", "获客",
    "引导", "推送给", "触达",
]  # fmt: skip

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_PHRASES = {tuple(p.split()): p for p in _LATIN_PHRASES}
_LONGEST = max(len(words) for words in _PHRASES)


def company_phrase(text: str) -> str | None:
    """The first company-voice phrase in ``text``, or None."""
    # Words are looked up in a set (one, then two … words at a time), not matched by a
    # regular expression of alternatives: a map of 200 steps has over a thousand texts.
    words = _WORD.findall(text)
    lowered = [w.casefold() for w in words]
    for start in range(len(lowered)):
        for size in range(1, _LONGEST + 1):
            key = tuple(lowered[start : start + size])
            if len(key) == size and key in _PHRASES:
                return " ".join(words[start : start + size])
    for phrase in _HAN_PHRASES:
        if phrase in text:
            return phrase
    return None
