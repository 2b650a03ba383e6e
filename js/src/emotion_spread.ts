// n and the spread on the live curve: a whisker from ci_low to ci_high and "n=…" beside
// each emotion point whose n is known (the figures draw the same, render/evidence.py). Added to
// the drawn curve after each redraw; the numbers come from the ``emotions`` table.

import { s } from "./dom";
import { geometry } from "./geometry";
import type { State } from "./ops";

export function drawSpread(root: HTMLElement, state: State): void {
  const y = geometry(1, 1, state.scale).y;
  for (const old of root.querySelectorAll(".jw-spread, .jw-spread-n")) old.remove();
  for (const circle of root.querySelectorAll<SVGCircleElement>("circle[data-emotion]")) {
    const row = state.tables.emotions?.get(circle.dataset.emotion ?? "");
    if (!row || row.score == null) continue;
    const x = Number(circle.getAttribute("cx"));
    const svg = circle.ownerSVGElement;
    if (!svg || Number.isNaN(x)) continue;
    if (row.ci_low != null && row.ci_high != null) {
      const [top, bottom] = [y(Number(row.ci_high)), y(Number(row.ci_low))];
      svg.insertBefore(
        s("path", {
          class: "jw-spread",
          d: `M${x - 4},${top}H${x + 4}M${x},${top}V${bottom}M${x - 4},${bottom}H${x + 4}`,
        }),
        svg.firstChild,
      );
    }
    const n = row.n == null ? null : Number(row.n);
    if (n !== null) {
      // n=1 too: a point one participant backs should say so
      const label = s("text", { class: "jw-spread-n", x: x + 7, y: y(Number(row.score)) - 6 });
      label.textContent = `n=${n}`;
      svg.append(label);
    }
  }
}
