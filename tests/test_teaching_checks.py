"""Each check fires on a map built to trigger it and stays silent on a template meeting it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import journeywidgets as jw
from journeywidgets.teaching.checks import CHECKS
from journeywidgets.teaching.messages import LANGUAGES, MESSAGES


def first_stage(j: jw.Journey) -> str:
    return str(j.stages.sort_values("position").index[0])


def pains(j: jw.Journey) -> list[str]:
    return [str(i) for i in j.cards.index[j.cards["kind"] == "pain_point"]]


def cards_of(j: jw.Journey, lane_type: str) -> list[str]:
    lanes = j.lanes.index[j.lanes["lane_type"] == lane_type]
    return [str(i) for i in j.cards.index[j.cards["lane_id"].isin(lanes)]]


def drop_evidence_of_first_emotion(j: jw.Journey) -> None:
    emotion = str(j.emotions.index[0])
    j.update("emotions", emotion, source="researcher_estimate", evidence_level="assumed")
    for link in j.evidence_links.index[j.evidence_links["target_id"] == emotion]:
        j.remove("evidence_links", str(link))


def add_empty_stage(j: jw.Journey) -> None:
    j.add_stage("Reflect", goal="Think it over")


def stage_without_touchpoint(j: jw.Journey) -> None:
    stage = j.add_stage("Reflect", goal="Think it over")
    step = j.add_step("Think about the visit", stage, moment_of_truth=True)
    j.set_emotion(step, 0, persona="persona", source="interview")


def stage_without_mot(j: jw.Journey) -> None:
    for step in j.steps.index[j.steps["stage_id"] == first_stage(j)]:
        j.update("steps", str(step), is_moment_of_truth=False)


def keep_stages(n: int) -> Callable[[jw.Journey], None]:
    def edit(j: jw.Journey) -> None:
        for stage in j.stages.sort_values("position").index[n:]:
            j.remove("stages", str(stage))

    return edit


def keep_steps(n: int) -> Callable[[jw.Journey], None]:
    def edit(j: jw.Journey) -> None:
        for step in j.steps.index[n:]:
            j.remove("steps", str(step))

    return edit


def unscored_step(j: jw.Journey) -> None:
    step = str(j.steps.index[0])
    for emotion in j.emotions.index[j.emotions["step_id"] == step]:
        j.remove("emotions", str(emotion))


def all_scores(value: float) -> Callable[[jw.Journey], None]:
    def edit(j: jw.Journey) -> None:
        for emotion in j.emotions.index:
            j.update("emotions", str(emotion), score=value)

    return edit


def company_voice(text: str) -> Callable[[jw.Journey], None]:
    def edit(j: jw.Journey) -> None:
        j.update("steps", str(j.steps.index[0]), name=text)

    return edit


def pain_alone(j: jw.Journey) -> None:
    for card in cards_of(j, "opportunities"):
        j.remove("cards", card)


def opportunity_without_owner(j: jw.Journey) -> None:
    j.update("cards", cards_of(j, "opportunities")[0], owner=None)


def no_pain(j: jw.Journey) -> None:
    for card in pains(j):
        j.remove("cards", card)


def pain_without_evidence(j: jw.Journey) -> None:
    j.update("cards", pains(j)[0], evidence_level="assumed")


def future_only(j: jw.Journey) -> None:
    for emotion in j.emotions.index[j.emotions["variant"] == "as_is"]:
        j.remove("emotions", str(emotion))


def blueprint_without_backstage(j: jw.Journey) -> None:
    j.remove("lanes", "backstage")


def blueprint_out_of_order(j: jw.Journey) -> None:
    j.move("lanes", "support", position=0)


def empty_lane(j: jw.Journey) -> None:
    j.add_lane("Ideas", "ideas")


CASES: dict[str, tuple[str, Callable[[jw.Journey], None], str | None]] = {
    # check id: (template that meets it, the defect, the item the finding points at)
    "JM101": ("current_state", lambda j: j.remove("personas", "persona"), None),
    "JM102": ("current_state", lambda j: j.set_meta(scenario=None), None),
    "JM103": ("current_state", lambda j: j.set_meta(expectations=""), None),
    "JM201": ("current_state", add_empty_stage, "Reflect"),
    "JM202": ("current_state", lambda j: j.update("stages", "book", goal=None), "Book"),
    "JM203": ("current_state", stage_without_touchpoint, "Reflect"),
    "JM204": ("current_state", stage_without_mot, "Book"),
    "JM205": ("current_state", keep_stages(2), None),
    "JM301": ("current_state", keep_steps(4), None),
    "JM302": ("current_state", unscored_step, "Phone the clinic"),
    "JM303": ("current_state", all_scores(1), None),
    "JM304": ("current_state", all_scores(-1), None),
    "JM305": (
        "current_state",
        company_voice("We remind the user by SMS"),
        "We remind the user by SMS",
    ),
    "JM401": ("current_state", pain_alone, "Lines are busy for the first hour"),
    "JM402": ("current_state", opportunity_without_owner, "Call-back instead of hold music"),
    "JM403": ("current_state", no_pain, None),
    "JM501": ("current_state", drop_evidence_of_first_emotion, "Phone the clinic"),
    "JM502": ("current_state", pain_without_evidence, "Lines are busy for the first hour"),
    "JM601": ("future_state", future_only, None),
    "JM602": ("service_blueprint", blueprint_without_backstage, "backstage"),
    "JM603": ("service_blueprint", blueprint_out_of_order, "Customer actions"),
    "JM604": ("current_state", empty_lane, "Ideas"),
}


def test_every_check_has_a_case_and_words_in_every_language() -> None:
    assert set(CASES) == set(CHECKS)
    for check_id in CHECKS:
        assert set(MESSAGES[check_id]) == set(LANGUAGES), check_id


@pytest.mark.parametrize("check_id", sorted(CASES))
def test_check_fires_on_its_defect_and_not_on_the_template(check_id: str) -> None:
    name, defect, item = CASES[check_id]
    journey = jw.template(name)
    assert check_id not in set(journey.check().findings["check"])
    defect(journey)
    findings = journey.check().findings
    mine = findings[findings["check"] == check_id]
    assert len(mine) >= 1, findings[["check", "message"]]
    row = mine.iloc[0]
    assert row["severity"] == CHECKS[check_id].severity
    assert row["why"] and row["message"]
    if item is not None:
        assert item in set(mine["item"]), mine[["item", "message"]]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("向用户推送优惠券", "用户"),
        ("Kami hantar e-mel kepada pelanggan", "Kami"),
        ("Convert the lead", "Convert"),
    ],
)
def test_company_voice_heuristic_in_each_language(text: str, phrase: str) -> None:
    journey = jw.template("current_state")
    company_voice(text)(journey)
    mine = journey.check().findings.query("check == 'JM305'")
    assert phrase in mine.iloc[0]["message"]
    assert bool(mine.iloc[0]["heuristic"])


def test_findings_speak_the_maps_language() -> None:
    zh = jw.template("fresh_grocery", "zh")
    zh.update("stages", "awareness", goal=None)
    report = zh.check()
    assert report.language == "zh"
    assert report.findings.iloc[0]["message"] == "阶段“认知”没有目标。"
    ms = jw.template("canonical", "ms")
    ms.update("stages", "discover", goal="")
    assert ms.check().findings.iloc[0]["message"] == "Peringkat “Temui” tiada matlamat."
    assert ms.check(language="en").findings.iloc[0]["message"] == "Stage “Temui” has no goal."


def test_the_score_is_earned_over_possible() -> None:
    journey = jw.template("current_state")
    journey.update("stages", "book", goal=None)  # 1 of 3 stages fails JM202 (2 points)
    report = journey.check({"checks": {"JM202": 6, "JM101": 3}})
    assert report.earned == pytest.approx(4 + 3)
    assert report.score == pytest.approx(100 * 7 / 9, abs=0.01)
    assert list(report.checks["failed"]) == [1, 0]


def test_findings_snapshot_keys_items_as_the_map_view_does() -> None:
    import json

    from journeywidgets.teaching.findings_view import findings_snapshot

    journey = jw.template("current_state")
    journey.update("stages", "book", goal=None)
    drop_evidence_of_first_emotion(journey)
    journey.set_meta(scenario=None)
    snapshot = findings_snapshot(journey, journey.check())
    json.dumps(snapshot)  # JSON-safe, as a trait must be
    by_check = {f["check"]: f for f in snapshot["findings"]}
    assert by_check["JM202"]["anchor"] == "stages:book"
    emotion_step = journey.emotions.iloc[0]["step_id"]
    assert by_check["JM501"]["anchor"] == f"steps:{emotion_step}"
    assert by_check["JM501"]["key"].startswith("emotions:")
    assert by_check["JM102"]["anchor"] is None and by_check["JM102"]["key"] is None
    assert snapshot["counts"] == {"error": 0, "warning": 3, "info": 0}
