"""Write the teaching templates shipped in the package, from the specs in templates_spec/.

    .venv/bin/python scripts/generate_templates.py          # (re)write them
    .venv/bin/python scripts/generate_templates.py --check  # fail if they are out of date

Each template is written once per language, as ``<name>.<language>.journey.json`` in
``src/journeywidgets/teaching/templates/``. The specs are code so that a reviewer reads the
map's content and its translations side by side; tests/test_teaching_templates.py checks
that the committed files are exactly what this script writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from templates_spec import commerce, map_types, method  # noqa: E402
from templates_spec.builder import build  # noqa: E402

from journeywidgets.io.journey_json import dumps  # noqa: E402

OUT = ROOT / "src" / "journeywidgets" / "teaching" / "templates"
SPECS = [*method.TEMPLATES, *commerce.TEMPLATES, *map_types.TEMPLATES]


def render() -> dict[str, str]:
    """File name → text of every template file."""
    files = {}
    for spec in SPECS:
        for language in spec.languages:
            files[f"{spec.name}.{language}.journey.json"] = dumps(build(spec, language))
    return files


def main(argv: list[str]) -> int:
    files = render()
    stale = [
        name
        for name, text in files.items()
        if not (OUT / name).exists() or (OUT / name).read_text(encoding="utf-8") != text
    ]
    extra = sorted(p.name for p in OUT.glob("*.journey.json") if p.name not in files)
    if "--check" in argv:
        for name in stale + extra:
            print(f"out of date: {name}")
        return 1 if stale or extra else 0
    OUT.mkdir(parents=True, exist_ok=True)
    for name in stale:
        (OUT / name).write_text(files[name], encoding="utf-8", newline="\n")
        print(f"wrote {name}")
    for name in extra:
        (OUT / name).unlink()
        print(f"removed {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
