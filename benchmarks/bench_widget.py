"""Widget benchmarks: bytes per edit, round trip between views, first render.

Run:  make bench-widget   (or: .venv/bin/python benchmarks/bench_widget.py [--quick])

Needs what `make test` installs (Debian's chromium). Prints one table; each figure is
measured in this run, next to what it is compared with.

- bytes: one card edit on a 12 × 204 map with 5,000 evidence rows — the op a view sends
  and the change every view receives — against sending the whole journey (the snapshot).
  Payloads are the JSON our code builds; the websocket frames are what Chromium actually
  sent and received through a real Jupyter server (Jupyter's message envelope included).
- round trip: in headless Chromium against a real JupyterLab, an edit committed in one view
  (Enter in its editor) until a second view of the same journey shows it. The kernel has
  applied it to the DataFrame before it broadcasts, so this is edit → DataFrame → view.
  Timed inside the page (performance.now), median and 90th percentile of repeated edits.
- hops (hop_table, its own JupyterLab session): the same edit's time split where it is
  spent — in the page (Enter → the op's websocket frame; the change's frame → the second
  view shows it), on the way to the kernel and back, and in the kernel (its message
  plumbing, Journey.apply, the broadcast) — from clocks in the page and in the kernel,
  medians of the same number of edits.
- first render: the bundle's ``render`` of the same map into an empty element, until layout
  is done, in headless Chromium without Jupyter (a stand-in model object), and the frame
  times while scrolling across the whole map.
- drag: a real mouse drags an emotion point down the map; each pointermove is timed from
  the first listener to the end of style and layout, and the DOM changes it made counted.
- render, scroll and drag run for this checkout's bundle and for the previous release's
  (``main``'s js/src, bundled into a temporary folder) in the same browser, side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.harness import chromium, jupyter_server, open_notebook, run_all  # noqa: E402

from journeywidgets import JourneyMap  # noqa: E402
from journeywidgets.datasets import synthetic  # noqa: E402
from journeywidgets.widgets.protocol import change_message, snapshot  # noqa: E402

STATIC = ROOT / "src" / "journeywidgets" / "static"
EDITED_CARD = "card_100"
# Functions evaluated inside the page by Playwright; kept as JavaScript files to read as such.
PAGE_SCRIPTS = Path(__file__).with_name("page_scripts")


def size(message: Any) -> int:
    return len(json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode())


def payload_bytes() -> dict[str, int]:
    journey = synthetic(12, 17, evidence=5000)
    widget = JourneyMap(journey)
    edit = {"op": "update", "table": "cards", "id": EDITED_CARD, "values": {"text": "edit 0 编辑"}}
    request = {"type": "ops", "request": "view:1", "ops": [edit]}
    sent: list[dict[str, Any]] = []
    journey.observe(lambda change: sent.append(change_message(change, journey)))
    journey.apply(request["ops"], origin="view")
    widget.close()
    return {"up": size(request), "down": size(sent[0]), "whole": size(snapshot(journey))}


ROUND_TRIP = (PAGE_SCRIPTS / "round_trip.js").read_text(encoding="utf-8")

FIRST_RENDER = (PAGE_SCRIPTS / "first_render.js").read_text(encoding="utf-8")
DRAG_PROBE = (PAGE_SCRIPTS / "drag_probe.js").read_text(encoding="utf-8")


def previous_bundle(base: Path, ref: str = "main") -> tuple[str, str]:
    """The front-end of ``ref`` (the previous release), bundled as `npm run build` does,
    and its CSS."""
    files = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", ref, "js/src"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout.split()  # fmt: skip
    for name in files:
        target = base / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shown = subprocess.run(
            ["git", "show", f"{ref}:{name}"], cwd=ROOT, check=True, capture_output=True
        )
        target.write_bytes(shown.stdout)
    out = base / "previous.js"
    subprocess.run(
        [str(ROOT / "node_modules" / ".bin" / "esbuild"), str(base / "js/src/widget.ts"),
         "--bundle", "--format=esm", "--target=es2020", "--minify", f"--outfile={out}"],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    css = (base / "js/src/journey_map.css").read_text(encoding="utf-8")
    return out.read_text(encoding="utf-8"), css


def render_and_drag(browser: Any, code: str, css: str, journey: Any, n: int) -> dict[str, Any]:
    """First render and scroll (page_scripts/first_render.js), then a real mouse drag."""
    from journeywidgets.widgets.journey_map import presentation

    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    page.goto("about:blank")
    result: dict[str, Any] = page.evaluate(
        FIRST_RENDER,
        {
            "code": code,
            "css": css,
            "snapshot": snapshot(journey),
            "presentation": presentation(),
            "n": n,
        },
    )
    page.evaluate("document.querySelector('.jw-scroll').scrollLeft = 0")
    page.evaluate(DRAG_PROBE)
    point = page.locator("circle[data-emotion]").nth(3)
    box = point.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for i in range(1, 41):
        page.mouse.move(x, y + (i % 20) * 4)
    page.wait_for_timeout(100)  # let the mutation observer report
    probe = page.evaluate("window.__jwDrag")
    page.mouse.up()
    page.close()
    return {
        **result,
        "drag": probe["times"],
        "drag_changes": probe["changes"] / len(probe["times"]),
    }


def step(message: str) -> None:
    print(f"… {message}", file=sys.stderr, flush=True)


def browser_measures(repeats: int) -> dict[str, Any]:
    journey = synthetic(12, 17, evidence=5000)
    with (
        tempfile.TemporaryDirectory() as base,
        jupyter_server(Path(base)) as server,
        chromium() as browser,
    ):
        page = browser.new_page(viewport={"width": 1500, "height": 1000})
        name = server.notebook(
            "bench.ipynb",
            [
                "import journeywidgets as jw\nfrom journeywidgets.datasets import synthetic\n"
                "j = synthetic(12, 17, evidence=5000)\njw.JourneyMap(j)",
                "jw.JourneyMap(j)",
            ],
        )
        frames: list[tuple[str, int, str]] = []

        def watch(ws: Any) -> None:
            ws.on(
                "framesent",
                lambda payload: frames.append(("sent", len(_bytes(payload)), _text(payload))),
            )
            ws.on(
                "framereceived",
                lambda payload: frames.append(("received", len(_bytes(payload)), _text(payload))),
            )

        page.on("websocket", watch)
        step("opening the notebook in JupyterLab")
        open_notebook(page, server, name)
        step("running it")
        run_all(page)
        step("waiting for the second view")
        page.locator(".jw-root").nth(1).locator(f'.jw-card[data-id="{EDITED_CARD}"]').wait_for(
            timeout=60_000
        )
        page.wait_for_timeout(1000)
        frames.clear()
        page.evaluate(ROUND_TRIP, {"n": 1, "card": EDITED_CARD, "label": "warm-up"})
        page.wait_for_timeout(500)
        up = [b for kind, b, text in frames if kind == "sent" and '"ops"' in text]
        down = [b for kind, b, text in frames if kind == "received" and '"change"' in text]
        step("timing round trips")
        trips = page.evaluate(ROUND_TRIP, {"n": repeats, "card": EDITED_CARD, "label": "edit"})
        server.shutdown_kernels()

        step("timing first render, scroll and drag: this checkout and main, side by side")
        current = [
            (STATIC / name).read_text(encoding="utf-8")
            for name in ("journey_map.js", "journey_map.css")
        ]
        previous = previous_bundle(Path(base) / "previous")
        n = max(5, repeats // 3)
        # Alternate the two bundles, so a change in the shared machine's load between
        # them falls on both; each figure pools its rounds.
        rounds = 3 if repeats > 8 else 1
        ours, theirs = [], []
        for _ in range(rounds):
            ours.append(render_and_drag(browser, *current, journey, n))
            theirs.append(render_and_drag(browser, *previous, journey, n))
    result, before = pooled(ours), pooled(theirs)
    return {"frame_up": up, "frame_down": down, "trips": trips, **result, "before": before}


def pooled(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Several rounds of render_and_drag as one: the timings joined, the counts averaged."""
    joined: dict[str, Any] = {key: [] for key in ("times", "frames", "drag")}
    for run in runs:
        for key in joined:
            joined[key].extend(run[key])
    changes = statistics.mean(run["drag_changes"] for run in runs)
    return {**runs[0], **joined, "drag_changes": changes, "rounds": len(runs)}


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def _bytes(payload: str | bytes) -> bytes:
    return payload if isinstance(payload, bytes) else payload.encode()


def _text(payload: str | bytes) -> str:
    return payload.decode("utf-8", "replace") if isinstance(payload, bytes) else payload


# -- where an edit's time goes: the hop table ---------------------------------------------

HOPS = (PAGE_SCRIPTS / "hops.js").read_text(encoding="utf-8")
# Run in the kernel before the maps are made: time stamps (time.time(), the clock the
# page's performance.timeOrigin + now() also reads) where a view's edit arrives, where the
# map's handler starts, before and after each change is sent, and where it is done.
KERNEL_CLOCKS = """
import json as _json, time as _time
from pathlib import Path as _Path
from journeywidgets.widgets.journey_map import JourneyMap as _Map
_hops, _now = {}, [None]
def _text(data):
    try:
        return data["ops"][0]["values"]["text"]
    except (KeyError, IndexError, TypeError):
        return None
_kernel = get_ipython().kernel
_comm_msg = _kernel.shell_handlers["comm_msg"]
def _timed_comm_msg(stream, ident, msg):
    data = msg["content"].get("data") or {}
    arrived, key = _time.time(), _text(data.get("content"))  # ipywidgets' custom message
    if key:
        _hops[key] = {"kernel": arrived, "sent": []}
    return _comm_msg(stream, ident, msg)
_kernel.shell_handlers["comm_msg"] = _timed_comm_msg
_handle = _Map._on_message
def _timed_handle(self, widget, content, buffers):
    key = _text(content) if isinstance(content, dict) else None
    record = _hops.setdefault(key, {"sent": []})
    record["apply"], _now[0] = _time.time(), record
    _handle(self, widget, content, buffers)
    record["done"], _now[0] = _time.time(), None
    _Path("hops.json").write_text(_json.dumps(_hops))
_Map._on_message = _timed_handle
_on_change = _Map._on_change
def _timed_on_change(self, change):
    start = _time.time()
    _on_change(self, change)
    if _now[0] is not None:
        _now[0]["sent"].append([start, _time.time()])
_Map._on_change = _timed_on_change
"""


def hop_table(repeats: int) -> pd.DataFrame:
    """Where the time of an edit → DataFrame → second view goes, hop by hop (medians of
    ``repeats`` edits), measured in its own JupyterLab with clocks in the page and in the
    kernel (both the machine's wall clock, so the hops between them line up)."""
    with (
        tempfile.TemporaryDirectory() as base,
        jupyter_server(Path(base)) as server,
        chromium() as browser,
    ):
        page = browser.new_page(viewport={"width": 1500, "height": 1000})
        name = server.notebook(
            "hops.ipynb",
            [
                KERNEL_CLOCKS,
                "import journeywidgets as jw\nfrom journeywidgets.datasets import synthetic\n"
                "j = synthetic(12, 17, evidence=5000)\njw.JourneyMap(j)",
                "jw.JourneyMap(j)",
            ],
        )
        step("hop table: opening the notebook in JupyterLab")
        open_notebook(page, server, name)
        run_all(page)
        page.locator(".jw-root").nth(1).locator(f'.jw-card[data-id="{EDITED_CARD}"]').wait_for(
            timeout=60_000
        )
        page.wait_for_timeout(1000)
        page.evaluate(HOPS, {"n": 2, "card": EDITED_CARD, "label": "warm"})
        step("hop table: timing edits")
        edits = page.evaluate(HOPS, {"n": repeats, "card": EDITED_CARD, "label": "hop"})
        page.wait_for_timeout(500)
        kernel = json.loads((server.root / "hops.json").read_text(encoding="utf-8"))
        server.shutdown_kernels()
    rows: dict[str, list[float]] = {}
    for edit in edits:
        k = kernel[edit["value"]]
        if len(edit["sent"]) != 1 or len(edit["received"]) != 2 or len(k["sent"]) != 2:
            raise SystemExit(f"an edit's frames could not be matched: {edit} {k}")
        second_sent, second_received = k["sent"][1][1] * 1000, edit["received"][1]
        hops = {
            "browser: Enter → op frame sent (front-end)": edit["sent"][0] - edit["enter"],
            "browser → server → kernel (websocket, Jupyter server, ZeroMQ)": k["kernel"] * 1000
            - edit["sent"][0],
            "kernel: message → map's handler (ipykernel, comm, ipywidgets)": (
                k["apply"] - k["kernel"]
            )
            * 1000,
            "handler: read the message, check the op, change the DataFrames": (
                k["sent"][0][0] - k["apply"]
            )
            * 1000,
            "broadcast: the change sent to both views": (k["sent"][1][1] - k["sent"][0][0]) * 1000,
            "kernel → server → browser (2nd view's frame)": second_received - second_sent,
            "browser: frame → 2nd view shows it (decode, store, patch)": edit["shown"]
            - second_received,
            "edit → DataFrame → 2nd view, end to end": edit["shown"] - edit["enter"],
        }
        for hop, value in hops.items():
            rows.setdefault(hop, []).append(value)
    table = pd.DataFrame(
        [
            (hop, f"{statistics.median(v):.2f} ms", f"{statistics.quantiles(v, n=10)[8]:.2f} ms")
            for hop, v in rows.items()
        ],
        columns=["hop", f"median of {len(edits)}", "p90"],
    )
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run)")
    repeats = 8 if parser.parse_args().quick else 40

    sizes = payload_bytes()
    measured = browser_measures(repeats)
    trips, times, frames = measured["trips"], measured["times"], measured["frames"]
    before = measured["before"]

    def ms(values: list[float], p90: bool = False) -> str:
        value = statistics.quantiles(values, n=10)[8] if p90 else statistics.median(values)
        return f"{value:.1f} ms"

    whole = f"{sizes['whole']:,} B"
    snapshot_json = "whole journey (snapshot JSON)"
    up, down = measured["frame_up"], measured["frame_down"]
    rows = [
        ("op sent by a view (JSON)", f"{sizes['up']} B", snapshot_json, whole,
         f"{sizes['whole'] / sizes['up']:,.0f}× smaller"),
        ("change received by each view (JSON)", f"{sizes['down']} B", snapshot_json, whole,
         f"{sizes['whole'] / sizes['down']:,.0f}× smaller"),
        ("websocket frames sent (Jupyter envelope)", f"{sum(up)} B in {len(up)}", "", "", ""),
        ("websocket frames received (both views)", f"{sum(down)} B in {len(down)}", "", "", ""),
        (f"edit → DataFrame → 2nd view, median of {len(trips)}", ms(trips), "goal", "50 ms", ""),
        (f"edit → DataFrame → 2nd view, p90 of {len(trips)}", ms(trips, p90=True), "", "", ""),
        (f"first render, {measured['cells']:,} cells, {measured['cards']:,} cards", ms(times),
         "main (previous release)", ms(before["times"]),
         f"{statistics.median(times) / statistics.median(before['times']):.2f}× (goal 200 ms)"),
        ("scroll across the map: median frame", ms(frames), "main", ms(before["frames"]),
         "goal 16.7 ms"),
        ("scroll across the map: p95 frame", f"{p95(frames):.1f} ms", "main",
         f"{p95(before['frames']):.1f} ms", "goal 33 ms"),
        (f"drag an emotion point: median of {len(measured['drag'])} moves", ms(measured["drag"]),
         "main", ms(before["drag"]), "goal 16 ms"),
        ("drag: DOM changes per move", f"{measured['drag_changes']:.1f}", "main",
         f"{before['drag_changes']:.1f}", "1 circle + 1 path"),
    ]  # fmt: skip
    table = pd.DataFrame(rows, columns=["measure", "value", "compared with", "baseline", "ratio"])
    print("Map widget, synthetic map of 12 stages × 204 steps, 612 cards, 5,000 evidence rows")
    print(
        f"(render, scroll and drag: {measured['rounds']} round(s) per bundle, alternating; "
        f"load average at the end {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)\n"
    )
    print(table.to_string(index=False))
    print("\nWhere an edit's time goes (one card's text, its own JupyterLab session)\n")
    print(hop_table(repeats).to_string(index=False))


if __name__ == "__main__":
    main()
