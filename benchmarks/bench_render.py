"""Static map benchmarks: drawing and exporting a 12 × 204 map.

Run:  make bench-render   (or: .venv/bin/python benchmarks/bench_render.py [--quick])

Prints one table of medians of repeats, all measured in this run. The baseline is the
floor matplotlib itself sets: the same text objects (strings, sizes, fonts, line spacing)
drawn by bare ``ax.text`` calls with no layout, boxes, curve or font checks. The ratio is
what our map costs on top of matplotlib's own text drawing, which dominates.
"""

from __future__ import annotations

import argparse
import io
import random
import tempfile
from collections.abc import Callable
from pathlib import Path

import matplotlib
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.text import Text

from journeywidgets.datasets import bike_shop, synthetic
from journeywidgets.render.export import picture
from timing import median_seconds  # benchmarks/timing.py


def bare_text_png(texts: list[Text], size: tuple[float, float]) -> None:
    """The same text objects, placed anywhere, as PNG."""
    rng = random.Random(0)
    figure = Figure(figsize=size)
    ax = figure.add_axes((0, 0, 1, 1))
    for text in texts:
        ax.text(
            rng.random(),
            rng.random(),
            text.get_text(),
            fontsize=text.get_fontsize(),
            family=text.get_fontfamily(),
            weight=text.get_fontweight(),
            linespacing=text._linespacing,  # no public getter in matplotlib 3.10
            parse_math=False,
        )
    figure.savefig(io.BytesIO(), format="png", dpi=100)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run)")
    repeats = 3 if parser.parse_args().quick else 7

    journey = synthetic(12, 17)
    figure = journey.plot()
    size = (float(figure.get_size_inches()[0]), float(figure.get_size_inches()[1]))
    # Every text the map draws, to draw again with no layout.
    texts = [text for text in figure.findobj(Text) if text.get_text()]
    folder = Path(tempfile.mkdtemp())

    def export(name: str, **options: object) -> Callable[[], object]:
        return lambda: journey.save_image(folder / name, **options)  # type: ignore[arg-type]

    bare = median_seconds(lambda: bare_text_png(texts, size), repeats)
    rows = [
        ("journey.plot() (layout, no pixels)", median_seconds(journey.plot, repeats), None),
        ("PNG, 100 dpi", median_seconds(export("m.png", dpi=100), repeats), bare),
        ("PNG, 200 dpi (save_image default)", median_seconds(export("m.png"), repeats), None),
        ("SVG", median_seconds(export("m.svg"), repeats), None),
        ("PDF", median_seconds(export("m.pdf"), repeats), None),
        (f"baseline: the same {len(texts):,} texts, bare, PNG 100 dpi", bare, None),
        ("notebook picture of the bike-shop map (PNG, 96 dpi)",
         median_seconds(lambda: picture(bike_shop()), repeats), None),
    ]  # fmt: skip
    table = pd.DataFrame(
        [
            (name, f"{seconds * 1000:,.0f} ms", f"{seconds / base:.2f}×" if base else "")
            for name, seconds, base in rows
        ],
        columns=["measure", "median", "vs bare text"],
    )
    print(
        f"Static map: 12 stages × {len(journey.steps)} steps, {len(journey.cards)} cards; "
        f"page {size[0]:.1f} × {size[1]:.1f} in; matplotlib {matplotlib.__version__}; "
        f"median of {repeats}. Goal: PNG ≤ 1 s.\n"
    )
    print(table.to_string(index=False))


if __name__ == "__main__":
    main()
