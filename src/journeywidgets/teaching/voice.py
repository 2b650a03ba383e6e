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
from bisect import bisect_right

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

# Longest phrases first, so that "the customers" wins over "customers".
_LATIN = sorted(_LATIN_PHRASES, key=len, reverse=True)
_PATTERN = re.compile(
    r"(?<![^\W\d_])(?:"
    + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in _LATIN)
    + r")(?![^\W\d_])|"
    + "|".join(map(re.escape, _HAN_PHRASES)),
    re.IGNORECASE,
)
_SEPARATOR = "\n\u2029\n"  # between texts: no phrase spans it


def company_phrases(texts: list[str]) -> list[str | None]:
    """For each text, its first company-voice phrase, or None.

    All texts are searched in one pass of one pattern (a map of 200 steps has over a
    thousand texts), and each match is given back to the text it falls in.
    """
    found: list[str | None] = [None] * len(texts)
    starts, offset = [], 0
    for t in texts:
        starts.append(offset)
        offset += len(t) + len(_SEPARATOR)
    joined = _SEPARATOR.join(texts)
    for match in _PATTERN.finditer(joined):
        index = bisect_right(starts, match.start()) - 1
        if found[index] is None:
            found[index] = match.group(0)
    return found


def company_phrase(text: str) -> str | None:
    """The first company-voice phrase in ``text``, or None."""
    return company_phrases([text])[0]
