"""Map editor benchmarks: open a map file, save it, and two tabs in step.

Run:  make bench-editor   (or: .venv/bin/python benchmarks/bench_editor.py [--quick])

Needs what `make test` installs (Debian's chromium). One real JupyterLab, headless
Chromium, a synthetic map of 12 stages × 204 steps (``synthetic(12, 17)``) saved as a
``.journey.json`` file. Prints one table; every figure is measured in this run.

- first paint: double-click the file in JupyterLab's file browser → the map's steps are
  in the page and a frame has been drawn (timed in the page, performance.now). The tab is
  closed between repeats, so each open loads the file on the server afresh.
- save: an edit made, then Ctrl+S → the file on disk holds the edit (timed in Python,
  which watches the file; the key press goes through Playwright, so this is an upper bound).
- tab to tab: two browser contexts (two people) on the same file; an edit committed in
  one (Enter) until the other shows it, on the machine's one clock
  (performance.timeOrigin + performance.now() in both pages). Side by side, in the same
  run, the notebook widget's own round trip between two views of the same journey
  (benchmarks/page_scripts/round_trip.js, as bench_widget.py measures it).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.harness import chromium, jupyter_server, open_notebook, run_all  # noqa: E402

from journeywidgets.datasets import synthetic  # noqa: E402

FILE = "bench.journey.json"
CARD = "card_100"
ROUND_TRIP = (Path(__file__).with_name("page_scripts") / "round_trip.js").read_text("utf-8")

OPEN_AND_PAINT = """async (name) => {
  const item = [...document.querySelectorAll('.jp-DirListing-item')]
    .find((e) => e.textContent.includes(name));
  const painted = new Promise((resolve) => {
    const check = () => {
      if (document.querySelector('.jw-JourneyEditor .jw-step')) {
        observer.disconnect();
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())));
        return true;
      }
      return false;
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true });
  });
  const start = performance.now();
  item.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
  return (await painted) - start;
}"""

EDIT = """({card, text}) => {
  const root = document.querySelector('.jw-JourneyEditor');
  root.querySelector(`.jw-card[data-id="${card}"] .jw-text`)
    .dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
  const editor = root.querySelector('textarea.jw-editor');
  editor.value = text;
  const start = performance.timeOrigin + performance.now();
  editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  return start;
}"""

WATCH = """(card) => {
  window.__shown = {};
  const root = document.querySelector('.jw-JourneyEditor');
  new MutationObserver(() => {
    const text = root.querySelector(`.jw-card[data-id="${card}"] .jw-text`)?.textContent;
    if (text && !(text in window.__shown)) {
      window.__shown[text] = performance.timeOrigin + performance.now();
    }
  }).observe(root, { subtree: true, childList: true, characterData: true });
}"""


def step(message: str) -> None:
    print(f"… {message}", file=sys.stderr, flush=True)


def close_map_tab(page: Any) -> None:
    page.locator(".lm-TabBar-tab", has_text=FILE).locator(".lm-TabBar-tabCloseIcon").click()
    page.locator(".jw-JourneyEditor").wait_for(state="detached")
    page.wait_for_timeout(300)  # the server closes the document when its last tab goes


def open_map(page: Any, server: Any) -> None:
    page.goto(f"{server.url}/lab/tree/{FILE}?token={server.token}")
    page.locator(f'.jw-JourneyEditor .jw-card[data-id="{CARD}"]').wait_for(timeout=60_000)


def measure(repeats: int) -> dict[str, list[float]]:
    with (
        tempfile.TemporaryDirectory() as base,
        jupyter_server(Path(base)) as server,
        chromium() as browser,
    ):
        path = server.root / FILE
        synthetic(12, 17).save(path)
        first = browser.new_context(viewport={"width": 1500, "height": 1000}).new_page()
        step("first paint")
        first.goto(f"{server.url}/lab?token={server.token}")
        first.locator(".jp-DirListing-item", has_text=FILE).wait_for(timeout=60_000)
        first.wait_for_timeout(1000)
        paints = []
        for _ in range(max(3, repeats // 4)):
            paints.append(first.evaluate(OPEN_AND_PAINT, FILE))
            close_map_tab(first)

        step("save")
        open_map(first, server)
        saves = []
        for i in range(max(5, repeats // 2)):
            text = f"saved {i} 保存"
            first.evaluate(EDIT, {"card": CARD, "text": text})
            first.locator(".lm-TabBar-tab.jp-mod-dirty").wait_for()
            start = time.perf_counter()
            first.keyboard.press("Control+s")
            while text not in path.read_text(encoding="utf-8"):
                time.sleep(0.001)
            saves.append((time.perf_counter() - start) * 1000)
            first.locator(".lm-TabBar-tab.jp-mod-dirty").wait_for(state="detached")
            # JupyterLab ignores Ctrl+S while the last save's checkpoint is still being made.
            first.wait_for_timeout(300)

        step("tab to tab")
        second = browser.new_context(viewport={"width": 1500, "height": 1000}).new_page()
        open_map(second, server)
        second.evaluate(WATCH, CARD)
        tabs = []
        for i in range(repeats + 1):
            text = f"tab {i} 编辑"
            started = first.evaluate(EDIT, {"card": CARD, "text": text})
            second.wait_for_function(f"() => {text!r} in window.__shown", timeout=10_000)
            tabs.append(second.evaluate(f"() => window.__shown[{text!r}]") - started)
            first.wait_for_timeout(20)
        tabs = tabs[1:]  # the first edit warms up both pages

        step("the notebook widget's round trip")
        name = server.notebook(
            "bench.ipynb",
            [
                "import journeywidgets as jw\nfrom journeywidgets.datasets import synthetic\n"
                "j = synthetic(12, 17)\njw.JourneyMap(j)",
                "jw.JourneyMap(j)",
            ],
        )
        notebook = browser.new_page(viewport={"width": 1500, "height": 1000})
        open_notebook(notebook, server, name)
        run_all(notebook)
        notebook.locator(".jw-root").nth(1).locator(f'.jw-card[data-id="{CARD}"]').wait_for(
            timeout=60_000
        )
        notebook.evaluate(ROUND_TRIP, {"n": 1, "card": CARD, "label": "warm-up"})
        widget = notebook.evaluate(ROUND_TRIP, {"n": repeats, "card": CARD, "label": "edit"})
        server.shutdown_kernels()
    return {"paint": paints, "save": saves, "tabs": tabs, "widget": widget}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run)")
    repeats = 8 if parser.parse_args().quick else 40
    m = measure(repeats)

    def med(values: list[float]) -> str:
        return f"{statistics.median(values):.1f} ms"

    def p90(values: list[float]) -> str:
        return f"{statistics.quantiles(values, n=10)[8]:.1f} ms"

    tabs, widget = m["tabs"], m["widget"]
    ratio = f"editor / widget {statistics.median(tabs) / statistics.median(widget):.2f}×"
    rows = [
        (f"open file → first paint, median of {len(m['paint'])}", med(m["paint"]),
         f"max {max(m['paint']):.0f} ms", "goal 1000 ms"),
        (f"edit, Ctrl+S → on disk, median of {len(m['save'])}", med(m["save"]),
         f"max {max(m['save']):.0f} ms", "goal 200 ms"),
        (f"editor: edit in one tab → other tab, median of {len(tabs)}", med(tabs),
         f"p90 {p90(tabs)}", "goal 50 ms"),
        (f"widget: edit in one view → other view, median of {len(widget)}", med(widget),
         f"p90 {p90(widget)}", ratio),
    ]  # fmt: skip
    table = pd.DataFrame(rows, columns=["measure", "median", "spread", "compared with"])
    print("Map editor, synthetic map file of 12 stages × 204 steps (synthetic(12, 17))\n")
    print(table.to_string(index=False))


if __name__ == "__main__":
    main()
