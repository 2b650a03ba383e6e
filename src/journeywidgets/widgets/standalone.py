"""A journey map as one self-contained HTML file: the widget's own front-end, read-only.

The page carries the widget's bundle, its CSS and a snapshot of the journey, and needs no
network and no server: it works opened from ``file://``. (ipywidgets' stock HTML embedding
loads its manager from a CDN and drops anywidget's code, so we do not use it.)

Nothing in the page is built from user text as markup: the snapshot travels as JSON inside
a ``<script type="application/json">`` element (with ``<`` escaped, so no text can close
it), and the front-end puts every string on the page with ``textContent``.
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path
from typing import Any

from ..io.atomic import atomic_open
from ..model import Journey
from ..teaching.findings_view import marks_view
from .protocol import presentation, snapshot

STATIC = Path(__file__).parent.parent / "static"

_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="journeywidgets {version}">
<title>{title}</title>
<style>
body {{ margin: 16px; font-family: system-ui, "Noto Sans", "Noto Sans CJK SC", sans-serif;
       background: #fff; color: #1f2328; }}
</style>
<style>{css}</style>
</head>
<body>
<div id="journey-map" aria-label="{title}"></div>
<script type="application/json" id="journey-snapshot">{snapshot}</script>
<script type="application/json" id="journey-options">{options}</script>
<script type="application/json" id="journey-bundle">{bundle}</script>
<script type="module">
const read = (id) => JSON.parse(document.getElementById(id).textContent);
const code = read("journey-bundle");
const url = URL.createObjectURL(new Blob([code], {{ type: "text/javascript" }}));
const widget = (await import(url)).default;
const traits = {{ _snapshot: read("journey-snapshot"), selected: [], ...read("journey-options") }};
// A stand-in for the widget model: the page is read-only, so nothing is ever sent.
const model = {{
  get: (key) => traits[key],
  set: (key, value) => {{ traits[key] = value; }},
  save_changes() {{}}, on() {{}}, off() {{}}, send() {{}},
}};
widget.render({{ model, el: document.getElementById("journey-map") }});
document.documentElement.dataset.rendered = "true";
</script>
</body>
</html>
"""


def _json_for_script(value: Any) -> str:
    """JSON that cannot end the ``<script>`` element holding it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c")


def to_html(
    journey: Journey,
    path: str | os.PathLike[str],
    *,
    visible_lanes: list[str] | None = None,
    personas: list[str] | None = None,
    zoom: float = 1.0,
    lang: str = "en",
    findings: Any = None,
) -> Path:
    """Write a standalone, read-only interactive map to ``path`` (atomically); ``findings``
    (a check report or a comparison) are marked on its items as in the widget."""
    from .. import __version__

    bundle = STATIC / "journey_map.js"
    if not bundle.exists():
        raise FileNotFoundError(
            f"the widget's front-end {bundle} is missing; build it with `npm run build` "
            "(installed packages include it)"
        )
    options = {
        "visible_lanes": visible_lanes,
        "personas": personas,
        "mode": "present",
        "zoom": zoom,
        "_presentation": presentation(),
        "_findings": None if findings is None else marks_view(journey, findings),
    }
    title = str(journey.meta.get("title") or "Journey map")
    page = _PAGE.format(
        lang=html.escape(lang, quote=True),
        version=html.escape(__version__),
        title=html.escape(title, quote=True),
        css=(STATIC / "journey_map.css").read_text(encoding="utf-8").replace("</", "<\\/"),
        snapshot=_json_for_script(snapshot(journey)),
        options=_json_for_script(options),
        bundle=_json_for_script(bundle.read_text(encoding="utf-8")),
    )
    target = Path(path)
    with atomic_open(target, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(page)
    return target
