"""The editor's routes on a real Jupyter server: authentication, XSRF, paths, the protocol.

One server for the module (tests/browser/harness.py starts it, as for the browser tests).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import re
import shlex
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

import journeywidgets as jw
from journeywidgets import datasets

from .browser.harness import Server, jupyter_server

API = "journeywidgets/api/documents"


def _run(coroutine: Any) -> Any:
    """``asyncio.run`` in a thread of its own: the browser tests' Playwright (sync API) keeps
    an event loop running in this thread for the whole session."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with jupyter_server(tmp_path_factory.mktemp("jupyter")) as started:
        datasets.bike_shop().save(started.root / "bike.journey.json")
        (started.root.parent / "outside.journey.json").write_text(
            (started.root / "bike.journey.json").read_text()
        )
        yield started


def socket_url(server: Server, path: str, *, token: bool = True) -> str:
    url = f"{server.url.replace('http', 'ws')}/{API}/socket?path={path}"
    return f"{url}&token={server.token}" if token else url


async def converse(url: str, messages: list[dict[str, Any]], replies: int) -> list[dict[str, Any]]:
    request = HTTPRequest(
        url, headers={"Origin": url.split("/journeywidgets")[0].replace("ws", "http")}
    )
    socket = await websocket_connect(request)
    received = [json.loads(await socket.read_message())]  # type: ignore[arg-type]
    for message in messages:
        socket.write_message(json.dumps(message))
    while len(received) < replies:
        received.append(json.loads(await socket.read_message()))  # type: ignore[arg-type]
    socket.close()
    return received


def handshake_status(url: str) -> int:
    try:
        _run(converse(url, [], 1))
    except HTTPClientError as error:
        return error.code
    return 101


def post(server: Server, route: str, *, token: bool = True, body: Any = None) -> int:
    url = f"{server.url}/{API}/{route}"
    data = json.dumps(body).encode() if body is not None else b""
    request = urllib.request.Request(url, data=data, method="POST")
    if token:
        request.add_header("Authorization", f"token {server.token}")
    try:
        with urllib.request.urlopen(request) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_an_unauthenticated_socket_is_refused(server: Server) -> None:
    assert handshake_status(socket_url(server, "bike.journey.json", token=False)) == 403


@pytest.mark.parametrize(
    "path", ["../outside.journey.json", "%2E%2E/outside.journey.json", "/etc/passwd"]
)
def test_paths_out_of_the_root_are_refused(server: Server, path: str) -> None:
    assert handshake_status(socket_url(server, path)) == 403


def test_a_missing_file_is_not_found(server: Server) -> None:
    assert handshake_status(socket_url(server, "nowhere.journey.json")) == 404


def test_posts_need_authentication_and_xsrf(server: Server) -> None:
    # No token and no XSRF cookie: Jupyter refuses before the editor sees the request.
    assert post(server, "save?path=bike.journey.json", token=False) == 403
    assert post(server, "new", token=False, body={}) == 403


def test_the_protocol_over_the_socket_edits_and_saves_the_file(server: Server) -> None:
    path = server.root / "bike.journey.json"
    step = str(jw.load(path).steps.index[0])
    edit = {"op": "update", "table": "steps", "id": step, "values": {"name": "Edited in a tab"}}
    received = _run(
        converse(
            socket_url(server, "bike.journey.json"),
            [{"type": "ops", "request": "t:1", "ops": [edit]}, {"type": "save"}],
            replies=4,  # welcome, change, state (dirty), state (saved)
        )
    )
    assert [m["type"] for m in received] == ["document", "change", "state", "state"]
    assert received[0]["snapshot"]["tables"]["steps"][0]["name"] != "Edited in a tab"
    assert received[3]["dirty"] is False
    assert jw.load(path).steps.loc[step, "name"] == "Edited in a tab"


def test_save_over_http_answers_the_contents_model(server: Server) -> None:
    async def save_while_open() -> int:
        socket = await websocket_connect(
            HTTPRequest(socket_url(server, "bike.journey.json"), headers={"Origin": server.url})
        )
        await socket.read_message()
        status = await asyncio.to_thread(post, server, "save?path=bike.journey.json")
        socket.close()
        return status

    assert _run(save_while_open()) == 200
    # Not open in any tab: nothing to save, and the file is not touched.
    assert post(server, "save?path=bike.journey.json") == 409


def test_new_journey_map_creates_a_file_that_loads(server: Server) -> None:
    (server.root / "maps").mkdir()
    assert post(server, "new", body={"directory": "maps", "template": "starter"}) == 201
    assert post(server, "new", body={"directory": "maps", "template": "blank"}) == 201
    starter = jw.load(server.root / "maps" / "untitled.journey.json")
    assert len(starter.stages) == 3 and len(starter.steps) == 3 and len(starter.lanes) == 4
    assert len(jw.load(server.root / "maps" / "untitled1.journey.json").steps) == 0
    assert post(server, "new", body={"directory": "..", "template": "blank"}) == 403
    assert not list(Path(server.root.parent).glob("untitled*"))


def test_make_demo_serves_the_editor_and_an_example_map() -> None:
    from .test_demo import ROOT, serves

    dry = subprocess.run(["make", "-n", "demo"], cwd=ROOT, capture_output=True, text=True)
    line = next(cmd for cmd in dry.stdout.splitlines() if " lab " in cmd and "jupyter" in cmd)
    log = serves(shlex.split(line))
    assert "journeywidgets.server | extension was successfully loaded" in log
    assert jw.load(ROOT / "examples" / "bike-shop.journey.json").steps.size
    listed = subprocess.run(
        [str(Path(sys.executable).with_name("jupyter")), "labextension", "list"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert re.search(r"journeywidgets v\S+ .*enabled.*OK", listed.stdout + listed.stderr)
