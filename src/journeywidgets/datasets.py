"""Example journeys: a realistic small map for demos and docs, and synthetic maps of any size;
and the same small map as files shipped with the package (:func:`sample_path`)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from .journey import Journey
from .model.ops import Insert, Op

SAMPLES = Path(__file__).parent / "samples"
SampleKind = Literal["journey.json", "mmd"]
SAMPLE_FILES: dict[SampleKind, str] = {
    "journey.json": "bike-shop.journey.json",
    "mmd": "bike-shop.mmd",
}
"""The files shipped in the package: :func:`bike_shop` saved as ``.journey.json`` (all of
it) and as Mermaid (stages, steps, scores and personas: what Mermaid can carry); written by
``scripts/generate_samples.py``."""


def sample_path(kind: SampleKind = "journey.json") -> Path:
    """The installed sample map file: ``"journey.json"`` or ``"mmd"`` (Mermaid).

    Something to open with ``journeywidgets render`` or ``convert``, or in the map editor;
    ``journeywidgets sample`` copies both into a folder.

    Examples
    --------
    >>> import journeywidgets as jw
    >>> from journeywidgets.datasets import bike_shop, sample_path
    >>> sample_path().name
    'bike-shop.journey.json'
    >>> jw.load(sample_path()).equals(bike_shop())
    True
    >>> jw.load(sample_path("mmd")).steps["name"].iloc[-1]
    'Rides to work'
    """
    if kind not in SAMPLE_FILES:
        raise ValueError(f"sample_path() knows {', '.join(map(repr, SAMPLE_FILES))}, not {kind!r}")
    return SAMPLES / SAMPLE_FILES[kind]


_LANES = [
    ("Actions", "actions"),
    ("Thoughts", "thoughts"),
    ("Touchpoints", "touchpoints"),
    ("Pain points", "pain_points"),
    ("Opportunities", "opportunities"),
]


def bike_shop() -> Journey:
    """A current-state map of buying a city bike, in English with Chinese and Malay notes."""
    j = Journey(
        "Buying a city bike",
        scenario="Mei wants a bike to commute 6 km to work in Kuala Lumpur",
        expectations="A safe bike that fits her budget, delivered within a week",
    )
    mei = j.add_persona("Mei 美", segment="first-time buyer", color="#7c3aed")
    lanes = {lane_type: j.add_lane(name, lane_type) for name, lane_type in _LANES}
    plan = [
        (
            "Awareness",
            [
                ("Sees a colleague's bike", "action", 1),
                ("Searches “city bike” 城市自行车", "touchpoint", 0),
            ],
        ),
        (
            "Consideration",
            [("Compares three shops online", "action", -1), ("Reads reviews", "touchpoint", 0)],
        ),
        (
            "Purchase",
            [("Test ride in store", "action", 2), ("Pays at the counter", "decision", -2)],
        ),
        ("Delivery", [("Waits for delivery", "wait", -1), ("Rides to work", "action", 2)]),
    ]
    notes = {
        "Compares three shops online": ("thoughts", "Which size am I? Saiz mana yang sesuai?"),
        "Reads reviews": ("touchpoints", "Review site, forum"),
        "Test ride in store": ("opportunities", "Offer a free fitting"),
        "Waits for delivery": ("pain_points", "No tracking number 没有物流单号"),
    }
    for stage_name, steps in plan:
        stage = j.add_stage(stage_name)
        for name, kind, score in steps:
            step = j.add_step(name, stage, kind=kind, moment_of_truth=name.startswith("Pays"))
            j.add_card(name, lane=lanes["actions"], step=step, kind="action")
            j.set_emotion(step, score, persona=mei, evidence_level="reported", source="interview")
            if name in notes:
                lane_type, text = notes[name]
                card = j.add_card(text, lane=lanes[lane_type], step=step, evidence_level="reported")
                if lane_type == "pain_points":
                    j.update("cards", card, kind="pain_point", severity=2)
            if name.startswith("Pays"):
                pain = j.add_card(
                    "Card machine declined my card twice 😡", lane=lanes["pain_points"],
                    step=step, kind="pain_point", severity=3, evidence_level="observed",
                )  # fmt: skip
                j.add_evidence(
                    "The machine said declined, then my bank said it was fine.",
                    links=[pain], participant="P3", source="interview 3", emotion=-2,
                )  # fmt: skip
    j._start_afresh()
    return j


def synthetic(
    stages: int = 12,
    steps_per_stage: int = 17,
    *,
    evidence: int = 0,
    personas: int = 2,
    seed: int = 0,
) -> Journey:
    """A map of a given size with plausible content, for benchmarks and stress tests.

    Built as one batch of operations, as a loader would. Text mixes English, Chinese and
    Malay so that every size also exercises Unicode.
    """
    rng = random.Random(seed)
    words = [
        "check",
        "price",
        "harga",
        "价格",
        "compare",
        "bandingkan",
        "比较",
        "delivery",
        "penghantaran",
        "配送",
    ]

    def text(n: int) -> str:
        return " ".join(rng.choices(words, k=n))

    ops: list[Op] = []
    persona_ids = [f"persona_{p + 1}" for p in range(personas)]
    lane_ids = [f"lane_{n + 1}" for n in range(len(_LANES))]
    ops += [
        Insert("personas", {"persona_id": p, "name": f"Persona {n + 1}"})
        for n, p in enumerate(persona_ids)
    ]
    ops += [
        Insert("lanes", {"lane_id": lane, "name": name, "lane_type": lane_type})
        for lane, (name, lane_type) in zip(lane_ids, _LANES, strict=True)
    ]
    step_ids: list[str] = []
    for s in range(stages):
        stage = f"stage_{s + 1}"
        ops.append(
            Insert("stages", {"stage_id": stage, "position": s, "name": f"Stage {s + 1} 阶段"})
        )
        for t in range(steps_per_stage):
            step = f"step_{len(step_ids) + 1}"
            step_ids.append(step)
            ops.append(
                Insert(
                    "steps", {"step_id": step, "stage_id": stage, "position": t, "name": text(3)}
                )
            )
            for lane in lane_ids[:3]:
                ops.append(
                    Insert(
                        "cards", {"lane_id": lane, "step_id": step, "position": 0, "text": text(6)}
                    )
                )
            for persona in persona_ids:
                ops.append(
                    Insert(
                        "emotions",
                        {"step_id": step, "persona_id": persona, "score": rng.randint(-2, 2)},
                    )
                )
    participant_ids = [f"participant_{n + 1}" for n in range(40 if evidence else 0)]
    ops += [
        Insert("participants", {"participant_id": p, "position": n, "label": f"P{n + 1}"})
        for n, p in enumerate(participant_ids)
    ]
    for e in range(evidence):
        ops.append(
            Insert(
                "segments",
                {
                    "segment_id": f"ev_{e}",
                    "text": text(12),
                    "participant_id": rng.choice(participant_ids),
                },
            )
        )
        ops.append(
            Insert(
                "evidence_links",
                {
                    "segment_id": f"ev_{e}",
                    "target_table": "steps",
                    "target_id": rng.choice(step_ids),
                },
            )
        )
    j = Journey(f"Synthetic {stages}×{stages * steps_per_stage}")
    j.apply(ops)
    j._start_afresh()
    return j


FUNNEL_EVENTS = (
    "ad_click", "landing_view", "search", "product_view", "add_to_cart", "checkout_start",
    "payment", "order_confirmed",
)  # fmt: skip
NOISE_EVENTS = ("help_page", "login", "newsletter_signup", "app_open")


def shop_journey() -> Journey:
    """An online-shop journey of 8 steps whose events are mapped (for :func:`event_log`)."""
    journey = Journey("Buying online", map_type="current_state")
    stages = {name: journey.add_stage(name) for name in ("Awareness", "Consideration", "Purchase")}
    placement = ["Awareness"] * 2 + ["Consideration"] * 3 + ["Purchase"] * 3
    for event, stage in zip(FUNNEL_EVENTS, placement, strict=True):
        journey.add_step(event.replace("_", " ").capitalize(), stages[stage], step_id=event)
    journey.map_events({event: event for event in FUNNEL_EVENTS})
    journey._start_afresh()
    return journey


def event_log(users: int = 100_000, *, seed: int = 0) -> pd.DataFrame:
    """A synthetic clickstream for :func:`shop_journey`: about 10 events per user.

    Users go down the 8-step funnel with falling odds, with gaps from seconds to weeks (so
    windows matter), re-enter earlier steps, and do off-map things (help pages, logins).
    Columns: user_id, session_id, timestamp (UTC, whole milliseconds), event, channel.
    """
    rng = np.random.default_rng(seed)
    steps = len(FUNNEL_EVENTS)
    # How far each user gets: continue to the next step with these odds.
    keep_going = np.array([1.0, 0.85, 0.7, 0.75, 0.5, 0.7, 0.8, 0.9])
    depth = (rng.random((users, steps)) < keep_going).cumprod(axis=1).sum(axis=1)
    user_index = np.repeat(np.arange(users), depth)
    step_index = np.concatenate([np.arange(d) for d in depth]) if users else np.array([], int)
    gaps = rng.choice([30.0, 600.0, 7200.0, 86_400.0, 400_000.0], size=len(step_index),
                      p=[0.3, 0.3, 0.2, 0.15, 0.05]) * rng.random(len(step_index))  # fmt: skip
    start = rng.uniform(0, 30 * 86_400, users)
    offsets = pd.Series(gaps).groupby(user_index).cumsum().to_numpy()
    seconds = start[user_index] + offsets
    funnel = pd.DataFrame(
        {"user": user_index, "seconds": seconds, "event": np.asarray(FUNNEL_EVENTS)[step_index]}
    )
    extra = int(users * 10 - len(funnel))  # re-entries and off-map events fill to ~10/user
    extra_users = rng.integers(0, users, max(extra, 0))
    names = np.asarray(NOISE_EVENTS + FUNNEL_EVENTS[:4])
    noise = pd.DataFrame(
        {
            "user": extra_users,
            "seconds": start[extra_users] + rng.uniform(-86_400, 14 * 86_400, len(extra_users)),
            "event": names[rng.integers(0, len(names), len(extra_users))],
        }
    )
    log = pd.concat([funnel, noise], ignore_index=True)
    epoch = pd.Timestamp("2024-01-01", tz="UTC")
    log["timestamp"] = epoch + pd.to_timedelta((log["seconds"] * 1000).round(), unit="ms")
    log["user_id"] = "u" + log["user"].astype(str)
    log["session_id"] = log["user_id"] + "-" + (log["seconds"] // 21_600).astype(int).astype(str)
    log["channel"] = np.asarray(["web", "app", "store"])[log["user"].to_numpy() % 3]
    log = log.sort_values(["user", "seconds"], kind="stable", ignore_index=True)
    columns: pd.DataFrame = log[["user_id", "session_id", "timestamp", "event", "channel"]]
    return columns


# -- a coded interview study ------------------------------------------------------------

_STUDY_PARTICIPANTS = [
    # label, language, age, city, persona
    ("P1 Aisyah", "ms", 29, "Kuala Lumpur", "Commuter"),
    ("P2 Wei Ling 慧玲", "zh", 34, "Penang", "Commuter"),
    ("P3 Daniel", "en", 41, "Johor Bahru", "Weekend rider"),
    ("P4 Hafiz", "ms", 23, "Shah Alam", "Weekend rider"),
    ("P5 陈志强", "zh", 52, "Ipoh", "Weekend rider"),
    ("P6 Priya", "en", 37, "Kuala Lumpur", "Commuter"),
]
# What each answer says, in each language, and its codes (by path in the code tree) and
# the emotion stated on it (bipolar5), per step of the map.
_STUDY_ANSWERS: list[tuple[str, dict[str, str], tuple[str, ...], int | None]] = [
    (
        "Searches online",
        {
            "en": "I searched “city bike” and got lost in a hundred shop ads.",
            "ms": "Saya cari “basikal bandar” dalam talian, terlalu banyak iklan kedai.",
            "zh": "我在网上搜“城市自行车”，广告太多了，看得眼花。",
        },
        ("Moment/Searching", "Pain point/Too many choices", "Emotion/Confused"),
        -1,
    ),
    (
        "Compares shops",
        {
            "en": "Comparing sizes was hard, no shop says which frame fits my height.",
            "ms": "Susah nak banding saiz, tak ada kedai terangkan saiz rangka ikut ketinggian.",
            "zh": "比较尺寸很难，没有一家店说明什么车架适合我的身高。",
        },
        ("Moment/Comparing", "Pain point/Sizing unclear"),
        -1,
    ),
    (
        "Test ride",
        {
            "en": "The test ride was the best part, the mechanic adjusted the seat for me 😊",
            "ms": "Cuba tunggang paling best, mekanik laraskan tempat duduk untuk saya 😊",
            "zh": "试骑是最棒的环节，师傅帮我调好了座椅 😊",
        },
        ("Moment/Test ride", "Emotion/Delighted", "Opportunity/Free fitting"),
        2,
    ),
    (
        "Pays",
        {
            "en": "My card was declined twice at the counter, so embarrassing 😡",
            "ms": "Kad saya ditolak dua kali di kaunter, malu betul 😡",
            "zh": "我的卡在柜台被拒了两次，太尴尬了 😡",
        },
        ("Moment/Paying", "Pain point/Card declined", "Emotion/Frustrated"),
        -2,
    ),
    (
        "Waits for delivery",
        {
            "en": "Nine days and no tracking number, I called them three times.",
            "ms": "Sembilan hari, tiada nombor penjejakan, saya telefon tiga kali.",
            "zh": "等了九天，没有物流单号，我打了三次电话。",
        },
        ("Moment/Waiting", "Pain point/No tracking", "Emotion/Frustrated"),
        -1,
    ),
    (
        "Rides to work",
        {
            "en": "Now I ride to work every day and arrive fresh 👍",
            "ms": "Sekarang saya kayuh ke tempat kerja setiap hari 👍",
            "zh": "现在我每天骑车上班，心情很好 👍",
        },
        ("Moment/Riding", "Emotion/Delighted"),
        2,
    ),
]
_STUDY_QUESTIONS = {
    "en": "Interviewer: Tell me about that moment.",
    "ms": "Penemu bual: Ceritakan tentang saat itu.",
    "zh": "访谈员：请谈谈那个时刻。",
}
_CODE_COLORS = {"Moment": "#2563eb", "Pain point": "#dc2626", "Emotion": "#f59e0b",
                "Opportunity": "#16a34a"}  # fmt: skip


def research_study(*, seed: int = 0) -> Journey:
    """A coded interview study beside its map: six participants interviewed in English,
    Chinese or Malay about buying a city bike, with transcripts (emoji and astral characters,
    as real exports have), a code tree (moments, pain points, emotions, opportunities),
    coded segments and the map's stages and steps. No code is mapped onto the map yet.
    """
    rng = random.Random(seed)
    j = Journey(
        "Buying a city bike: interview study",
        scenario="Six riders in Malaysia tell how they bought a city bike",
    )
    personas = {name: j.add_persona(name) for name in ("Commuter", "Weekend rider")}
    stages = {
        name: j.add_stage(name) for name in ("Awareness", "Consideration", "Purchase", "Delivery")
    }
    placement = ["Awareness", "Consideration", "Consideration", "Purchase", "Delivery", "Delivery"]
    for (step, *_), stage in zip(_STUDY_ANSWERS, placement, strict=True):
        j.add_step(step, stages[stage])
    ops: list[Op] = []
    tree: dict[str, list[str]] = {}
    for path in dict.fromkeys(p for _, _, paths, _ in _STUDY_ANSWERS for p in paths):
        parent, name = path.split("/")
        tree.setdefault(parent, []).append(name)
    codes: dict[str, str] = {}
    for position, (parent, children) in enumerate(tree.items()):
        codes[parent] = f"code_{len(codes) + 1}"
        top = {"code_id": codes[parent], "position": position, "name": parent}
        ops.append(Insert("codes", {**top, "color": _CODE_COLORS[parent]}))
        for rank, name in enumerate(children):
            codes[f"{parent}/{name}"] = f"code_{len(codes) + 1}"
            child = {"code_id": codes[f"{parent}/{name}"], "parent_id": codes[parent]}
            ops.append(Insert("codes", {**child, "position": rank, "name": name}))
    segment = 0
    for n, (label, language, age, city, persona) in enumerate(_STUDY_PARTICIPANTS):
        participant, source = f"participant_{n + 1}", f"source_{n + 1}"
        ops.append(
            Insert(
                "participants",
                {
                    "participant_id": participant,
                    "position": n,
                    "label": label,
                    "persona_id": personas[persona],
                },
            )
        )
        for name, value in (("age", age), ("city", city), ("language", language)):
            ops.append(
                Insert(
                    "participant_attributes",
                    {"participant_id": participant, "name": name, "value": str(value)},
                )
            )
        lines, spans = [], []
        answers = [a for a in _STUDY_ANSWERS if rng.random() < 0.85]  # not everyone says all
        for _step, texts, paths, emotion in answers:
            lines.append(_STUDY_QUESTIONS[language])
            start = sum(len(line) + 1 for line in lines)  # a line feed after each line
            lines.append(f"{label.split()[0]}: {texts[language]}")
            quote_start = start + len(label.split()[0]) + 2
            spans.append((quote_start, quote_start + len(texts[language]), paths, emotion))
        text = "\n".join(lines) + "\n"
        ops.append(
            Insert(
                "sources",
                {
                    "source_id": source,
                    "participant_id": participant,
                    "kind": "text",
                    "name": f"Interview {label}",
                    "text": text,
                    "collected_at": f"2026-0{3 + n % 3}-1{n}T10:00:00+08:00",
                },
            )
        )
        for start, end, paths, emotion in spans:
            segment += 1
            seg = f"segment_{segment}"
            stated = emotion if rng.random() < 0.5 else None
            ops.append(
                Insert(
                    "segments",
                    {
                        "segment_id": seg,
                        "source_id": source,
                        "participant_id": participant,
                        "start": start,
                        "end": end,
                        "text": text[start:end],
                        "coder": "Mei",
                        "emotion": stated,
                    },
                )
            )
            ops += [
                Insert("segment_codes", {"segment_id": seg, "code_id": codes[p]}) for p in paths
            ]
    j.apply(ops)
    j._start_afresh()
    return j
