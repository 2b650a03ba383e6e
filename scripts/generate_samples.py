"""Write the sample map files shipped in the package (src/journeywidgets/samples/).

They are ``datasets.bike_shop()`` as ``.journey.json`` and as Mermaid; tests/test_io_cli.py
checks that they still are. Usage: python scripts/generate_samples.py
"""

from __future__ import annotations

import warnings

from journeywidgets import MermaidWarning
from journeywidgets.datasets import SAMPLES, bike_shop, sample_path


def main() -> None:
    SAMPLES.mkdir(exist_ok=True)
    journey = bike_shop()
    print(f"wrote {journey.save(sample_path('journey.json'))}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MermaidWarning)  # the cards: Mermaid has no lanes
        print(f"wrote {journey.to_mermaid(sample_path('mmd'))}")


if __name__ == "__main__":
    main()
