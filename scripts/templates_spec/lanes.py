"""The lanes templates share, in English, Chinese and Malay, with what belongs in each."""

from __future__ import annotations

from .builder import Lane

ACTIONS = Lane(
    "actions",
    "actions",
    {"en": "Actions", "zh": "行为", "ms": "Tindakan"},
    {
        "en": "What the customer does at this step, in their words: a verb, first person.",
        "zh": "顾客在这一步做了什么，用顾客自己的话：一个动作，第一人称。",
        "ms": "Apa yang pelanggan lakukan pada langkah ini, dengan kata-kata mereka sendiri.",
    },
)
THOUGHTS = Lane(
    "thoughts",
    "thoughts",
    {"en": "Thoughts", "zh": "想法", "ms": "Fikiran"},
    {
        "en": "What the customer thinks or asks themselves here: questions, doubts, hopes.",
        "zh": "顾客此时在想什么、问自己什么：疑问、顾虑、期待。",
        "ms": "Apa yang pelanggan fikir atau tanya diri sendiri di sini: soalan, keraguan.",
    },
)
FEELINGS = Lane(
    "feelings",
    "feelings",
    {"en": "Feelings", "zh": "情绪", "ms": "Perasaan"},
    {
        "en": "How the customer feels, in words; the score goes on the emotion curve.",
        "zh": "顾客的感受（文字）；分数画在情绪曲线上。",
        "ms": "Perasaan pelanggan dalam kata-kata; skornya pada lengkung emosi.",
    },
)
TOUCHPOINTS = Lane(
    "touchpoints",
    "touchpoints",
    {"en": "Touchpoints", "zh": "触点", "ms": "Titik sentuh"},
    {
        "en": "Where it happens: the channel or contact point (site, app, store, call, email).",
        "zh": "发生在哪里：渠道或接触点（网站、应用、门店、电话、邮件）。",
        "ms": "Di mana ia berlaku: saluran atau titik hubungan (laman, aplikasi, kedai, e-mel).",
    },
)
PAIN_POINTS = Lane(
    "pain_points",
    "pain_points",
    {"en": "Pain points", "zh": "痛点", "ms": "Titik kesakitan"},
    {
        "en": "What goes wrong or costs effort, backed by research; rate its severity 1–3.",
        "zh": "哪里出了问题或费力，要有研究依据；严重程度 1–3。",
        "ms": "Apa yang tidak kena atau menyusahkan, berdasarkan kajian; tahap 1–3.",
    },
)
OPPORTUNITIES = Lane(
    "opportunities",
    "opportunities",
    {"en": "Opportunities", "zh": "机会点", "ms": "Peluang"},
    {
        "en": "What we could change against a pain point, and who owns it.",
        "zh": "针对痛点可以改进什么，由谁负责。",
        "ms": "Apa yang boleh diubah untuk titik kesakitan, dan siapa pemiliknya.",
    },
)
QUOTES = Lane(
    "quotes",
    "quotes",
    {"en": "Voice of the customer", "zh": "顾客原话", "ms": "Suara pelanggan"},
    {
        "en": "Verbatim quotes and feedback from research (interviews, reviews, tickets).",
        "zh": "研究中的原话与反馈（访谈、评价、工单）。",
        "ms": "Petikan asal dan maklum balas daripada kajian (temu bual, ulasan, tiket).",
    },
)

STANDARD = [ACTIONS, THOUGHTS, FEELINGS, TOUCHPOINTS, PAIN_POINTS, OPPORTUNITIES]
