"""Mermaid journey diagrams: our reader and writer held to the real Mermaid package.

The node script tests/mermaid/parse.mjs parses texts with Mermaid 11 (under jsdom) and
prints what its DB holds. Our reader must agree on every text — the same title, sections,
tasks, scores, actors, or the same refusal — and every export must parse back in Mermaid to
the journey's stages, steps, scores and actors.
"""

from __future__ import annotations

import json
import math
import random
import shutil
import subprocess
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import journeywidgets as jw
from journeywidgets.datasets import bike_shop
from journeywidgets.io.mermaid import MermaidWarning, decode, from_mermaid, to_mermaid
from journeywidgets.io.mermaid_syntax import MermaidDiagram, parse_diagram

ROOT = Path(__file__).parent.parent
PARSE = ROOT / "tests" / "mermaid" / "parse.mjs"


def mermaid_parse(texts: list[str]) -> list[dict[str, Any]]:
    if shutil.which("node") is None or not (ROOT / "node_modules" / "mermaid").exists():
        pytest.fail("node and the mermaid npm package are needed: run `make test`")
    done = subprocess.run(
        ["node", str(PARSE)], input=json.dumps(texts), capture_output=True, text=True,
        cwd=ROOT, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    results: list[dict[str, Any]] = json.loads(done.stdout)
    return results


def js_string(number: float) -> str:
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    return str(int(number)) if number.is_integer() else repr(number)


def ours(text: str) -> dict[str, Any]:
    try:
        diagram: MermaidDiagram = parse_diagram(text)
    except jw.FileFormatError as error:
        return {"ok": False, "error": str(error)}
    return {
        "ok": True,
        "title": decode(diagram.title or ""),  # mermaid.parse leaves front matter titles out
        "accTitle": decode(diagram.acc_title),
        "accDescr": decode(diagram.acc_descr),
        "sections": diagram.sections,
        "tasks": [
            {"section": t.section, "task": t.task, "score": js_string(t.score),
             "people": list(t.people)}
            for t in diagram.tasks
        ],
        "actors": diagram.actors,
    }  # fmt: skip


def theirs(result: dict[str, Any]) -> dict[str, Any]:
    if not result["ok"]:
        return result
    # Mermaid runs titles through DOMPurify, which serialises "&" as "&amp;": compare the
    # text both mean, after entity decoding.
    return {**result, **{k: decode(result[k]) for k in ("title", "accTitle", "accDescr")}}


QUIRKS = [
    "journey\ntitle My day\nsection Go to work\n  Make tea: 5: Me\n  Go upstairs: 3: Me, Cat\n",
    "journey\n task first: 2\nsection A\nsection A\nt: 1:Z,A, a",  # tasks before a section
    "journey\n a;b: 3",  # ';' is invalid
    "journey\nsection A: 3\n",  # ':' ends a section name
    "journey\ntitle\n",
    "journey\nTitle page: 3",  # keywords are case-insensitive: this is a title
    "journey\njourneyman: 3",  # 'journey' needs a word boundary
    "JOURNEY\nsection A\nt: 3",  # the detector is case-sensitive
    "journey\n  title   Spaces  \nsection   S1  \n  Task  A  :  0x10 :  Me ,  You  ,Me\n"
    "B: 1e1\nC: -0x1\nD: Infinity\nE:   \nF: .5\nG: 5.\nH: +3\nI: 1_000\nJ: 3 : \n"
    "K: 2 : A, , B\nL: 4: P: Q",
    "journey\naccTitle: Acc #35; T ; x\naccDescr {\n multi\n line } \nsection A%%c\nx%%y: 3\n"
    "z %% q: 4\n",
    "journey\nsection a #35; b\nt #59; u: 2: P #44; Q",
    "journey\n%%{init: {'theme': 'dark'}}%%\nsection A\nt: 1",
    "---\ntitle: Front matter title\n---\njourney\nsection A\nt: 1",
    "---\ntitle: yes\n---\njourney\ntitle overrides\nt: 1",
    "%% a comment first\n\njourney\n# hash comment\nsection S # trailing\nt: 5 # after\n",
    "journey\r\nsection CRLF\r\nt: 2: A\r\n",
    "journey\naccDescr: one line #quot;quoted#quot;\nt: 3",
    "journey\nsection 城市 自行车\n  比较价格: 2: 美, Mei\n  Bayar di kaunter: 4: Mei",
    "journey\nsection ſection\nt: 1",
    "journey\ntask: 3:",
    "journey\n:3",
    "journey\nt",
    "journey\naccTitle:\nt: 1",
    "journey\naccDescr {\nnever closed\nt: 1",
    "journey\nstyle x:#fff;\nt: 3",
]

PIECES = [
    "a", "Tea", "城市", "自行車", "Bayar", "😀", " ", "  ", "\t", "\u00a0", ":", ":", "#", "#35;",
    "#quot;", "#59;", ";", ",", ", ", "%%", "%", "{", "}", "title ", "Title", "section ",
    "SECTION ", "journey", "accTitle:", "accDescr", "0x1F", "1e1", "5", "-1", "2.5", ".",
    "Infinity", "NaN", "ſ", "style", "\n",
]  # fmt: skip


def random_text(rng: random.Random) -> str:
    def fragment(k: int) -> str:
        return "".join(rng.choice(PIECES) for _ in range(rng.randint(1, k)))

    lines = []
    for _ in range(rng.randint(0, 8)):
        indent = rng.choice(["", " ", "  ", "\t"])
        kind = rng.random()
        if kind < 0.15:
            lines.append(f"{indent}section {fragment(3)}")
        elif kind < 0.55:
            score = rng.choice(["5", "1", "3", " 2 ", "0x2", "x", "", "7", "2.5", fragment(2)])
            people = rng.choice(["", f": {fragment(2)}", ": A, B", ": B,A ,A", f":{fragment(3)}"])
            lines.append(f"{indent}{fragment(3)}:{score}{people}")
        elif kind < 0.65:
            lines.append(f"{indent}title {fragment(3)}")
        elif kind < 0.7:
            lines.append(f"{indent}accTitle: {fragment(3)}")
        elif kind < 0.75:
            lines.append(f"{indent}accDescr {{ {fragment(3)}\n{fragment(2)} }}")
        elif kind < 0.8:
            lines.append(f"{indent}%% {fragment(2)}")
        else:
            lines.append(indent + fragment(4))
    head = rng.choice(["journey", "journey", "journey ", "  journey", "journey\n"])
    return head + "\n" + "\n".join(lines) + rng.choice(["", "\n"])


def test_our_reader_agrees_with_mermaid_on_its_quirks_and_on_generated_texts() -> None:
    rng = random.Random(20261129)
    texts = QUIRKS + [random_text(rng) for _ in range(600)]
    disagreements = []
    for text, result in zip(texts, mermaid_parse(texts), strict=True):
        mine, real = ours(text), theirs(result)
        if mine["ok"] != real["ok"] or (mine["ok"] and mine != real):
            disagreements.append((text, mine, real))
    assert not disagreements, "\n\n".join(
        f"TEXT {t!r}\n OURS   {m}\n MERMAID {r}" for t, m, r in disagreements[:5]
    )
    accepted = sum(1 for r in mermaid_parse(texts[:50]) if r["ok"])
    assert accepted > 10, "the generator must produce texts Mermaid accepts, too"


def test_parse_errors_name_line_and_column() -> None:
    with pytest.raises(jw.FileFormatError) as caught:
        from_mermaid("journey\nsection A\n  Tea; with milk: 5", source="day.mmd")
    error = caught.value
    assert (error.path, error.line, error.column) == ("day.mmd", 3, 6)
    assert "day.mmd, line 3, column 6" in str(error) and "';'" in str(error)
    # Lines count from the top of the user's text, front matter and directives included.
    with pytest.raises(jw.FileFormatError, match=r"line 6, column 6: expected ':' and a score"):
        from_mermaid("---\ntitle: x\n---\njourney\n%%{init: {}}%%\n  Tea\n")
    with pytest.raises(
        jw.FileFormatError, match=r"line 2, column 24: expected '\}' .* found the end of the text"
    ):
        from_mermaid("journey\naccDescr { never closed")
    with pytest.raises(jw.FileFormatError, match="must start with 'journey'"):
        from_mermaid("flowchart LR\nA-->B")


def test_a_diagram_becomes_stages_steps_personas_and_emotions() -> None:
    text = (
        "journey\n  title My working day\n  section Go to work\n    Make tea: 5: Me\n"
        "    Go upstairs: 3: Me, Cat\n  section Go home\n    Sit down: 7: Me\n"
    )
    with pytest.warns(MermaidWarning, match="line 7: task 'Sit down' has score 7"):
        journey = from_mermaid(text)
    assert journey.meta["title"] == "My working day"
    assert journey.emotion_scale.scale_id == "likert5"
    assert list(journey.stages["name"]) == ["Go to work", "Go home"]
    assert list(journey.steps["name"]) == ["Make tea", "Go upstairs", "Sit down"]
    assert list(journey.personas["name"]) == ["Cat", "Me"]  # Mermaid's actor order
    kept = journey.emotions.set_index("step_id").loc["step_3"]
    assert kept["label"] == "mermaid score 7" and kept["score"] is not None
    assert "Sit down: 7: Me" in to_mermaid(journey).text, "kept scores go back as they came"


def test_repeated_sections_and_tasks_before_any_section() -> None:
    journey = from_mermaid("journey\nearly: 3\nsection A\nt1: 2\nsection A\nt2: 4")
    assert list(journey.stages["name"]) == ["A", "A"]
    assert list(journey.steps["stage_id"].astype(object).fillna("none")) == [
        "none",
        "stage_1",
        "stage_2",
    ]
    assert journey.emotions["persona_id"].isna().all(), "no actors: the map's own curve"


# -- writing ---------------------------------------------------------------------------

NAMES = (
    st.lists(
        st.sampled_from(
            [*"aZ城 #;:,%&<>{}\n\t'\"", "title ", "Section ", "journey", "accDescr", "#35;", "😀"]
        ),
        min_size=1,
        max_size=8,
    )
    .map("".join)
    .filter(lambda s: s.strip())
)


def expected(journey: jw.Journey) -> dict[str, Any]:
    """What Mermaid should read back: names trimmed, scores on 1..5, actors by name."""
    export = to_mermaid(journey)
    del export
    steps = journey.steps
    emotions = journey.emotions
    tasks = []
    for step_id, step in steps.iterrows():
        mine = emotions[(emotions["step_id"] == step_id).fillna(False)]
        actors = [journey.personas.at[p, "name"].strip() for p in mine["persona_id"].dropna()]
        tasks.append((step["name"].strip(), actors))
    return {"sections": [n.strip() for n in journey.stages["name"]], "tasks": tasks}


@settings(max_examples=1, deadline=None)
@given(st.data())
def test_every_export_parses_back_in_mermaid_to_the_same_map(data: st.DataObject) -> None:
    journeys = [bike_shop()]
    for _ in range(60):
        journey = jw.Journey(data.draw(NAMES), emotion_scale=data.draw(
            st.sampled_from(["bipolar5", "likert5", "percent", "levels7"])))  # fmt: skip
        personas = [
            journey.add_persona(name)
            for name in data.draw(st.lists(NAMES, max_size=3, unique_by=str.strip))
        ]
        scale = journey.emotion_scale
        for _ in range(data.draw(st.integers(1, 3))):
            stage = journey.add_stage(data.draw(NAMES))
            for _ in range(data.draw(st.integers(0, 3))):
                step = journey.add_step(data.draw(NAMES), stage)
                who = data.draw(st.sampled_from([[None], personas[:1], personas])) or [None]
                score = data.draw(st.integers(int(scale.min), int(scale.max)))
                for persona in who:
                    journey.set_emotion(step, score, persona=persona)
        journeys.append(journey)

    exports = [to_mermaid(j) for j in journeys]
    results = mermaid_parse([e.text for e in exports])
    for journey, export, result in zip(journeys, exports, results, strict=True):
        assert result["ok"], f"{result['error']}\n{export.text}"
        want = expected(journey)
        assert [decode(s) for s in result["sections"]] == want["sections"], export.text
        got = [(decode(t["task"]), sorted(decode(p) for p in t["people"])) for t in result["tasks"]]
        assert got == [(name, sorted(actors)) for name, actors in want["tasks"]], export.text
        assert decode(result["title"]) == journey.meta["title"].strip(), export.text
        # Scores: what our own reader reads from the export is what Mermaid read.
        back = from_mermaid(export.text)
        ours_scores = [
            js_string(float(s))
            for s in back.emotions.groupby("step_id", sort=False)["score"].first()
        ]
        assert ours_scores == [t["score"] for t in result["tasks"]], export.text


def test_export_converts_the_scale_and_reports_what_changed_and_what_is_lost() -> None:
    journey = bike_shop()  # bipolar5: -2..2 becomes 1..5 exactly
    export = to_mermaid(journey)
    assert "Pays at the counter: 1: Mei 美" in export.text
    assert export.changed == []
    assert any("cards" in item for item in export.lost)
    assert any("moments of truth" in item for item in export.lost)
    journey.set_emotion_scale("percent")
    journey.set_emotion("step_1", 60, persona="persona_1")
    export = to_mermaid(journey)
    assert any("score 60 on percent is 3.4 on 1–5; rounded to 3" in c for c in export.changed)


def test_escapes_survive_and_keywords_stay_names() -> None:
    journey = jw.Journey("Room #12; floor: 3 & <b>")
    stage = journey.add_stage("section: one")
    journey.add_step("title page; 50% done #1", stage)
    export = to_mermaid(journey)
    back = from_mermaid(export.text)
    assert back.meta["title"] == "Room #12; floor: 3 & <b>"
    assert list(back.stages["name"]) == ["section: one"]
    assert list(back.steps["name"]) == ["title page; 50% done #1"]


def test_save_and_load_mmd_files(tmp_path: Path) -> None:
    with pytest.warns(MermaidWarning, match="not carried: cards"):
        path = bike_shop().save(tmp_path / "bike.mmd")
    back = jw.load(path)
    assert list(back.steps["name"]) == list(bike_shop().steps["name"])
    bad = tmp_path / "bad.mmd"
    bad.write_bytes(b"journey\nsection A\nt: 3: \xff\xfe")
    with pytest.raises(jw.FileFormatError, match=r"bad\.mmd.*not UTF-8"):
        jw.load(bad)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_the_reader_refuses_or_reads_any_text_and_never_crashes(text: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MermaidWarning)
        located = True
        try:
            from_mermaid("journey\n" + text)
        except jw.FileFormatError as error:
            located = error.line is not None and error.column is not None
        assert located, "every refusal names its line and column"


@pytest.mark.parametrize(
    "text",
    [
        "journey\n  section S\n    t: 3: Me\n",  # no title: none invented
        "journey\n  title T\n    early: 3: Me\n  section S\n    t: 3: Me\n",  # no section
        '---\ntitle: "From YAML"\n---\njourney\n  section S\n    t: 3: Me\n',
    ],
    ids=["no title", "tasks before any section", "front matter title"],
)
def test_export_gives_back_what_was_read(text: str) -> None:
    assert to_mermaid(from_mermaid(text)).text == text


def test_actors_the_map_cannot_hold_are_reported_when_read() -> None:
    text = "journey\n  title T\n  section S\n    t: 3: Me, , You\n    u: 4: Me, Me\n"
    with pytest.warns(jw.MermaidWarning) as caught:
        journey = from_mermaid(text)
    said = " ".join(str(w.message) for w in caught)
    assert "empty actor name" in said and "names 'Me' twice" in said
    assert list(journey.personas["name"]) == ["Me", "You"]
