"""Evidence panel benchmark: opening the panel of a step with 500 quotes, in Chromium.

Run:  make bench-evidence-panel  (or: .venv/bin/python benchmarks/bench_evidence_panel.py)

A journey with one step backed by 500 coded segments (from 50 participants, each quote in
its transcript, so every one shows context) is written as the standalone page with the
editable view (the page's options say mode "edit", so the link controls are built too).
In headless Chromium the step's header is focused, which opens its panel; the time is from
the focus call until the panel is built and laid out (a forced layout read), median of 21
openings, each after focusing another step. Side by side: the same page building 500 bare
``<li>`` elements holding the same quote texts (the floor a list of 500 costs here).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.harness import chromium  # noqa: E402

import journeywidgets as jw  # noqa: E402
from journeywidgets.model import Insert, Op  # noqa: E402

QUOTES, PARTICIPANTS, REPEATS = 500, 50, 21

OPEN = """async ([repeats, quotes]) => {
  const byId = (id) => [...document.querySelectorAll('.jw-step')].find((s) => s.dataset.id === id);
  const times = [], bare = [];
  for (let i = 0; i < repeats; i++) {
    byId('other').focus();
    await new Promise(requestAnimationFrame);
    const start = performance.now();
    byId('busy').focus();
    document.querySelector('.jw-evidence').getBoundingClientRect();
    document.querySelector('.jw-quotes:last-of-type')?.offsetHeight;
    times.push(performance.now() - start);
    if (document.querySelectorAll('.jw-quote').length !== quotes) throw new Error('not all quotes');
    const texts = [...document.querySelectorAll('.jw-quote mark')].map((m) => m.textContent);
    const t0 = performance.now();
    const list = document.createElement('ul');
    for (const text of texts) {
      const li = document.createElement('li');
      li.textContent = text;
      list.append(li);
    }
    document.body.append(list);
    list.offsetHeight;
    bare.push(performance.now() - t0);
    list.remove();
  }
  return { times, bare };
}"""


def study() -> jw.Journey:
    j = jw.Journey("Panel benchmark")
    j.add_stage("Stage", stage_id="stage")
    j.add_step("Busy step", "stage", step_id="busy")
    j.add_step("Other step", "stage", step_id="other")
    j.add_code("busy", code_id="at_busy")
    ops: list[Op] = []
    for p in range(PARTICIPANTS):
        ops.append(Insert("participants", {"participant_id": f"p{p}", "label": f"P{p}"}))
        text = " ".join(
            f"Sentence {k} of interview {p}, with a little more to read 说明." for k in range(40)
        )
        ops.append(
            Insert(
                "sources",
                {
                    "source_id": f"t{p}",
                    "participant_id": f"p{p}",
                    "kind": "text",
                    "name": f"Interview {p}",
                    "text": text,
                },
            )
        )
    j.apply(ops)
    ops = []
    sources = j.sources["text"]
    for q in range(QUOTES):
        p = q % PARTICIPANTS
        text = str(sources[f"t{p}"])
        start = (q // PARTICIPANTS) * 60 + 100
        end = start + 40
        segment = f"q{q}"
        ops.append(
            Insert(
                "segments",
                {
                    "segment_id": segment,
                    "source_id": f"t{p}",
                    "participant_id": f"p{p}",
                    "start": start,
                    "end": end,
                    "text": text[start:end],
                },
            )
        )
        ops.append(Insert("segment_codes", {"segment_id": segment, "code_id": "at_busy"}))
    j.apply(ops)
    j.map_codes({"at_busy": "busy"})
    return j


def main() -> None:
    journey = study()
    with tempfile.TemporaryDirectory() as folder:
        page_path = Path(folder) / "panel.html"
        journey.to_html(page_path)
        html = page_path.read_text(encoding="utf-8")
        page_path.write_text(html.replace('"mode":"present"', '"mode":"edit"', 1), encoding="utf-8")
        with chromium() as browser:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(page_path.as_uri())
            page.wait_for_selector("html[data-rendered='true']")
            result = page.evaluate(OPEN, [REPEATS, QUOTES])
    panel = statistics.median(result["times"])
    bare = statistics.median(result["bare"])
    print(
        f"Evidence panel, one step with {QUOTES} quotes from {PARTICIPANTS} participants; "
        f"medians of {REPEATS} in headless Chromium\n"
    )
    print(f"| {'measure':<52} | {'median':>9} | {'ratio':>6} |")
    print(f"|{'-' * 54}|{'-' * 11}|{'-' * 8}|")
    opened = "open the panel (focus → built and laid out)"
    print(f"| {opened:<52} | {panel:>6.1f} ms | {panel / bare:>5.1f}× |")
    print(f"| {'baseline: 500 bare <li> with the same texts':<52} | {bare:>6.1f} ms | {1:>5.1f}× |")
    print(f"\ngoal: ≤ 50 ms — {'met' if panel <= 50 else 'NOT met'}")


if __name__ == "__main__":
    main()
