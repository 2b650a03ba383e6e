"""The editor's documents on the Jupyter server, without a server: peers, saving, the disk.

Peers here are lists that record what a document sends them, as a websocket would carry it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

import journeywidgets as jw
from journeywidgets import datasets
from journeywidgets.server.documents import Document, Documents, PathRefused, resolve

EXAMPLE = Path(__file__).parent.parent / "examples" / "bike-shop.journey.json"


class Peer:
    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []

    def send(self, message: dict[str, Any]) -> None:
        json.dumps(message, allow_nan=False)  # everything sent must cross a websocket
        self.received.append(message)

    def of(self, kind: str) -> list[dict[str, Any]]:
        return [m for m in self.received if m["type"] == kind]


@pytest.fixture
def journey_file(tmp_path: Path) -> Path:
    path = tmp_path / "bike.journey.json"
    datasets.bike_shop().save(path)
    return path


def first_step(document: Document) -> str:
    assert document.journey is not None
    return str(document.journey.steps.index[0])


def rename_step(step: str, name: str, request: str = "a:1") -> dict[str, Any]:
    return {
        "type": "ops",
        "request": request,
        "ops": [{"op": "update", "table": "steps", "id": step, "values": {"name": name}}],
    }


def test_a_peer_joining_gets_the_whole_journey(journey_file: Path) -> None:
    document = Document(journey_file, "bike.journey.json")
    peer = Peer()
    document.join(peer)
    [welcome] = peer.received
    assert welcome["type"] == "document"
    assert welcome["dirty"] is False and welcome["read_only"] is False
    assert welcome["snapshot"]["meta"]["title"] == "Buying a city bike"
    assert len(welcome["snapshot"]["tables"]["steps"]) == 8


def test_an_edit_in_one_tab_reaches_every_tab_and_marks_them_unsaved(journey_file: Path) -> None:
    document = Document(journey_file, "bike.journey.json")
    one, other = Peer(), Peer()
    document.join(one)
    document.join(other)
    document.receive(one, rename_step(first_step(document), "Sees a friend's bike"))
    for peer in (one, other):
        [change] = peer.of("change")
        assert change["origin"] == "view" and change["version"] == 1
        assert change["ops"][0]["values"] == {"name": "Sees a friend's bike"}
        assert peer.of("state")[-1]["dirty"] is True
    assert document.dirty


def test_save_writes_the_file_that_jw_load_reads_and_every_tab_is_clean(
    journey_file: Path,
) -> None:
    document = Document(journey_file, "bike.journey.json")
    one, other = Peer(), Peer()
    document.join(one)
    document.join(other)
    step = first_step(document)
    document.receive(one, rename_step(step, "Sees a friend's bike"))
    document.receive(other, {"type": "save"})
    assert jw.load(journey_file).steps.loc[step, "name"] == "Sees a friend's bike"
    assert not document.dirty
    assert one.of("state")[-1] == {"type": "state", "dirty": False, "disk_changed": False}
    document.check_disk()  # our own save is not a change behind our back
    assert not document.disk_changed


def test_a_refused_edit_answers_only_the_tab_that_asked(journey_file: Path) -> None:
    document = Document(journey_file, "bike.journey.json")
    one, other = Peer(), Peer()
    document.join(one)
    document.join(other)
    bad = {"op": "update", "table": "steps", "id": "no_such_step", "values": {"name": "x"}}
    document.receive(one, {"type": "ops", "request": "a:7", "ops": [bad]})
    [rejected] = one.of("rejected")
    assert rejected["request"] == "a:7" and "no_such_step" in rejected["message"]
    assert other.of("rejected") == [] and other.of("change") == []
    assert not document.dirty


def test_undo_and_redo_go_through_the_journey(journey_file: Path) -> None:
    document = Document(journey_file, "bike.journey.json")
    peer = Peer()
    document.join(peer)
    step = first_step(document)
    original = document.journey.steps.loc[step, "name"]  # type: ignore[union-attr]
    document.receive(peer, rename_step(step, "Edited"))
    document.receive(peer, {"type": "undo"})
    assert document.journey.steps.loc[step, "name"] == original  # type: ignore[union-attr]
    document.receive(peer, {"type": "redo"})
    assert document.journey.steps.loc[step, "name"] == "Edited"  # type: ignore[union-attr]
    assert [c["origin"] for c in peer.of("change")] == ["view", "undo", "redo"]


def test_a_change_on_disk_is_noticed_once_and_reload_takes_it_as_one_change(
    journey_file: Path,
) -> None:
    document = Document(journey_file, "bike.journey.json")
    peer = Peer()
    document.join(peer)
    step = first_step(document)
    document.receive(peer, rename_step(step, "Mine, unsaved"))
    behind_our_back = jw.load(journey_file)
    behind_our_back.update("steps", step, name="From git checkout")
    behind_our_back.set_meta(title="Renamed elsewhere")
    behind_our_back.save(journey_file)
    document.check_disk()
    document.check_disk()
    noticed = [m for m in peer.of("state") if m["disk_changed"]]
    assert len(noticed) == 1
    version = document.journey.version  # type: ignore[union-attr]
    document.receive(peer, {"type": "reload"})
    reloaded = peer.of("change")[-1]
    assert reloaded["origin"] == "disk" and reloaded["version"] == version + 1
    assert document.journey.steps.loc[step, "name"] == "From git checkout"  # type: ignore[union-attr]
    assert document.journey.meta["title"] == "Renamed elsewhere"  # type: ignore[union-attr]
    assert not document.dirty and not document.disk_changed
    assert document.journey.equals(jw.load(journey_file))  # type: ignore[union-attr]


def test_keep_mine_stops_the_notice_and_keeps_the_edit(journey_file: Path) -> None:
    document = Document(journey_file, "bike.journey.json")
    peer = Peer()
    document.join(peer)
    step = first_step(document)
    document.receive(peer, rename_step(step, "Mine"))
    other = jw.load(journey_file)
    other.set_meta(title="Theirs")
    other.save(journey_file)
    document.check_disk()
    document.receive(peer, {"type": "keep"})
    document.check_disk()
    assert not document.disk_changed and document.dirty
    assert document.journey.steps.loc[step, "name"] == "Mine"  # type: ignore[union-attr]


def test_a_broken_file_gives_the_error_jw_load_gives_and_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "broken.journey.json"
    text = EXAMPLE.read_text(encoding="utf-8").replace('"name": "Awareness"', '"name": 42', 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(jw.FileFormatError) as expected:
        jw.load(path)
    document = Document(path, "maps/broken.journey.json")
    peer = Peer()
    document.join(peer)
    [error] = peer.received
    assert error["type"] == "error"
    assert error["pointer"] == expected.value.pointer == "/tables/stages/0/name"
    assert error["message"] == str(expected.value).replace(str(path), "maps/broken.journey.json")
    document.receive(peer, {"type": "save"})
    document.receive(peer, rename_step("st_1", "x"))
    assert path.read_text(encoding="utf-8") == text  # nothing overwritten
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    document.receive(peer, {"type": "reload"})
    assert peer.received[-1]["type"] == "document"  # fixed as text: the map opens


def test_read_only_is_what_the_file_allows(journey_file: Path, monkeypatch: Any) -> None:
    # Root may write anything; the document asks the OS, so ask it to say no.
    monkeypatch.setattr(os, "access", lambda path, mode: mode != os.W_OK)
    document = Document(journey_file, "bike.journey.json")
    peer = Peer()
    document.join(peer)
    assert peer.received[0]["read_only"] is True
    document.receive(peer, rename_step(first_step(document), "x"))
    assert peer.of("rejected") and not peer.of("change")
    with pytest.raises(jw.OperationError):
        document.save()


def test_the_last_tab_leaving_closes_the_document(journey_file: Path) -> None:
    documents = Documents(journey_file.parent)
    document = documents.open("bike.journey.json")
    assert documents.open("./bike.journey.json") is document
    one, other = Peer(), Peer()
    document.join(one)
    document.join(other)
    documents.leave(document, one)
    assert len(documents) == 1
    documents.leave(document, other)
    assert len(documents) == 0


@pytest.mark.parametrize(
    "api_path",
    [
        "../outside.journey.json",
        "maps/../../outside.journey.json",
        "/etc/passwd.journey.json",
        "C:/x.journey.json",
        "notes.txt",
        "",
    ],
)
def test_paths_outside_the_root_or_not_journeys_are_refused(tmp_path: Path, api_path: str) -> None:
    with pytest.raises(PathRefused):
        resolve(tmp_path, api_path)


def test_a_symlink_out_of_the_root_is_refused(tmp_path: Path) -> None:
    root, outside = tmp_path / "root", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    datasets.bike_shop().save(outside / "secret.journey.json")
    (root / "link.journey.json").symlink_to(outside / "secret.journey.json")
    (root / "folder").symlink_to(outside)
    for api_path in ("link.journey.json", "folder/secret.journey.json"):
        with pytest.raises(PathRefused):
            resolve(root, api_path)
    inside = root / "real.journey.json"
    datasets.bike_shop().save(inside)
    (root / "alias.journey.json").symlink_to(inside)
    assert resolve(root, "alias.journey.json") == inside.resolve()


def test_the_example_map_file_loads() -> None:
    assert len(jw.load(EXAMPLE).steps) == 8
