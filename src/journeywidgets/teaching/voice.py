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

_PATTERN = re.compile(
    "|".join(
        [r"\b" + re.escape(p).replace(r"\ ", r"\s+") + r"\b" for p in _LATIN_PHRASES]
        + [re.escape(p) for p in _HAN_PHRASES]
    ),
    re.IGNORECASE,
)


def company_phrase(text: str) -> str | None:
    """The first company-voice phrase in ``text``, or None."""
    found = _PATTERN.search(text)
    return found.group(0) if found else None
