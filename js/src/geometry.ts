// Where each column is on screen, in pixels: the one source for the cells (CSS grid
// tracks), the emotion points, the moment-of-truth bands and the neutral line, so that
// they line up at every size and zoom.

import { snap } from "./layout";
import type { Scale } from "./ops";

export const LANE_HEADER = 170;
export const GAP = 4;
export const EMOTION_HEIGHT = 132;
const EMOTION_PAD = 14;
/** Points are drawn small but can be grabbed within this many px (a 24 × 24 target). */
export const HIT_RADIUS = 12;

export type Geometry = {
  columns: number;
  width: number;
  gap: number;
  /** CSS grid-template-columns: the lane header, then one track per column. */
  template: string;
  /** Left edge of column i, measured from the left of the first column. */
  left(i: number): number;
  centre(i: number): number;
  /** Width of the strip covering every column, gaps between them included. */
  strip: number;
  /** Column under an x measured like ``left``, or -1 in a gap or outside. */
  columnAt(x: number): number;
  y(score: number): number;
  scoreAt(y: number): number;
};

export function geometry(columns: number, width: number, scale: Scale): Geometry {
  const n = Math.max(columns, 1);
  const pitch = width + GAP;
  const top = EMOTION_PAD;
  const bottom = EMOTION_HEIGHT - EMOTION_PAD;
  const span = scale.max - scale.min || 1;
  return {
    columns: n,
    width,
    gap: GAP,
    template: `${LANE_HEADER}px repeat(${n}, ${width}px)`,
    left: (i) => i * pitch,
    centre: (i) => i * pitch + width / 2,
    strip: n * width + (n - 1) * GAP,
    columnAt(x) {
      const i = Math.floor(x / pitch);
      return i >= 0 && i < n && x - i * pitch <= width ? i : -1;
    },
    y: (score) => top + ((scale.max - score) / span) * (bottom - top),
    scoreAt: (y) => snap(scale.max - ((y - top) / (bottom - top)) * span, scale),
  };
}
