"""Every template loads, passes the checks it should, and matches its generator."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

import journeywidgets as jw
from journeywidgets.teaching.templates import FOLDER

ROOT = Path(__file__).parent.parent
LISTING = jw.templates()


def test_the_templates_the_issue_asks_for_are_there() -> None:
    names = set(LISTING["name"])
    assert {
        "canonical", "buyers_journey", "customer_lifecycle", "customer_lifecycle_early_middle_late",
        "ecommerce_current", "ecommerce_future", "fresh_grocery", "current_state",
        "day_in_the_life", "future_state", "service_blueprint", "saas_trial",
    } <= names  # fmt: skip
    languages = LISTING.groupby("name")["language"].apply(set)
    assert languages["canonical"] == {"en", "zh", "ms"}
    assert languages["fresh_grocery"] >= {"zh"}
    grocery = jw.template("fresh_grocery", "zh")
    assert list(grocery.stages.sort_values("position")["name"]) == [
        "认知", "到达", "准备", "购买", "体验", "物流", "售后",
    ]  # fmt: skip
    blueprint = jw.template("service_blueprint")
    roles = blueprint.lanes.sort_values("position")["blueprint_role"].dropna().tolist()
    assert roles[1:5] == ["customer_actions", "frontstage", "backstage", "support_processes"]
    assert blueprint.lanes["description"].notna().all()


@pytest.mark.parametrize(
    ("name", "language"),
    list(zip(LISTING["name"], LISTING["language"], strict=True)),
    ids=[f"{n}.{lang}" for n, lang in zip(LISTING["name"], LISTING["language"], strict=True)],
)
def test_template_loads_and_passes_every_check(name: str, language: str) -> None:
    journey = jw.template(name, language)
    assert isinstance(journey, jw.Journey)
    report = journey.check()
    assert report.language == language
    assert report.findings.empty, report.findings[["check", "message"]].to_string()
    assert report.score == 100


def test_unknown_template_or_language_lists_the_known_ones() -> None:
    with pytest.raises(jw.ValidationError, match=r"the templates are: .*canonical"):
        jw.template("nope")
    with pytest.raises(jw.ValidationError, match="it has: en"):
        jw.template("saas_trial", "zh")


def test_template_files_are_what_the_generator_writes() -> None:
    render = runpy.run_path(str(ROOT / "scripts" / "generate_templates.py"))["render"]
    files = render()
    assert sorted(files) == sorted(p.name for p in FOLDER.glob("*.journey.json"))
    for name, text in files.items():
        assert (FOLDER / name).read_text(encoding="utf-8") == text, (
            "run scripts/generate_templates.py"
        )
