// The emotion row: one curve per persona and variant, drawn in an SVG strip under the
// steps, with one grid cell per column on top of it. The cells are what the keyboard and
// the pointer use (a whole column wide, so every point, hollow ones too, is easy to grab);
// the SVG is only a picture. Every x comes from geometry.ts, as the cells' columns do.

import type { Context } from "./context";
import { h, s } from "./dom";
import { emotionLabel } from "./format";
import { EMOTION_HEIGHT, HIT_RADIUS } from "./geometry";
import { editNumber } from "./inline_edit";
import { intents, type ScoreTarget } from "./intents";
import { onEdit, onNudge } from "./item_actions";
import type { Curve, Point } from "./layout";
import { snap } from "./layout";
import { label } from "./presentation";

export const ROW = 2;

type Handle = {
  circle: SVGCircleElement;
  curve: Curve | null;
  point: Point | null;
  target: ScoreTarget;
  score: number;
};

export function emotionHeader(ctx: Context): HTMLElement {
  const p = ctx.presentation;
  const header = h(
    "div",
    {
      class: "jw-lane-label jw-emotion-label",
      role: "rowheader",
      "data-key": "emotion:",
      "data-row": ROW,
      "data-col": -1,
      tabindex: -1,
    },
    h("span", { class: "jw-text-static", text: label(p, "emotion_lane") }),
  );
  header.style.gridRow = String(ROW + 1);
  header.style.gridColumn = "1";
  const legend = h(
    "div",
    { class: "jw-legend" },
    // A lone map-wide curve needs no legend: the row's name says what it is.
    ...ctx.layout.curves
      .filter((curve) => curve.personaId !== null || ctx.layout.curves.length > 1)
      .map((curve) => {
        const swatch = h("span", { class: `jw-swatch${curve.variant === "to_be" ? " jw-to-be" : ""}` });
        swatch.style.setProperty("--jw-line", curve.color);
        return h("span", { class: "jw-legend-item" }, swatch, curve.label);
      }),
  );
  header.append(legend);
  if (!ctx.readOnly) {
    const personas = h("button", {
      type: "button",
      class: "jw-icon jw-details",
      "aria-label": "Personas and their curves",
      title: "Personas and their curves",
      tabindex: -1,
      text: "⋯",
    });
    personas.addEventListener("click", (event) => {
      event.stopPropagation();
      ctx.inspect("personas:");
    });
    header.append(personas);
  }
  return header;
}

/** The SVG strip and the row's cells (in grid order). */
export function emotionRow(ctx: Context): HTMLElement[] {
  const g = ctx.geometry;
  const scale = ctx.state.scale;
  const columns = ctx.layout.columns;
  const svg = s("svg", {
    class: "jw-curve",
    width: g.strip,
    height: EMOTION_HEIGHT,
    viewBox: `0 0 ${g.strip} ${EMOTION_HEIGHT}`,
    "aria-hidden": "true",
    focusable: "false",
  });
  columns.forEach((column, index) => {
    if (column.kind === "step" && column.step.is_moment_of_truth === true) {
      svg.append(
        s("rect", { class: "jw-moment-band", x: g.left(index), y: 0, width: g.width, height: EMOTION_HEIGHT }),
      );
    }
  });
  svg.append(s("line", { class: "jw-neutral", x1: 0, x2: g.strip, y1: g.y(scale.neutral), y2: g.y(scale.neutral) }));
  for (const [value, which] of [
    [scale.max, "max"],
    [scale.min, "min"],
  ] as const) {
    svg.append(
      s("text", { class: "jw-scale-label", x: 4, y: g.y(value) + (which === "max" ? 10 : -3), text: String(value) }),
    );
  }
  const handles = new Map<number, Handle[]>();
  const add = (index: number, handle: Handle) => {
    const list = handles.get(index) ?? [];
    list.push(handle);
    handles.set(index, list);
  };
  for (const curve of ctx.layout.curves) {
    const group = s("g", { class: "jw-curve-line", "data-curve": curve.key });
    group.style.setProperty("--jw-line", curve.color);
    const path = s("path", { d: pathOf(ctx, curve.points), class: curve.variant === "to_be" ? "jw-to-be" : null });
    group.append(path);
    for (const point of curve.points) {
      const circle = s("circle", {
        cx: g.centre(point.column),
        cy: g.y(point.score),
        r: 6,
        "data-emotion": point.emotionId,
        "data-step": point.stepId,
      });
      group.append(circle);
      add(point.column, {
        circle,
        curve,
        point,
        score: point.score,
        target: {
          stepId: point.stepId,
          emotionId: point.emotionId,
          personaId: curve.personaId,
          variant: curve.variant,
        },
      });
    }
    svg.append(group);
  }
  // Steps the first curve has no score for get a hollow point at neutral: drag to score.
  const first = ctx.layout.curves.find((c) => c.variant === "as_is") ?? ctx.layout.curves[0];
  const personaId = first?.personaId ?? ctx.layout.firstPersona;
  const scored = new Set((first?.points ?? []).map((p) => p.stepId));
  if (!ctx.readOnly) {
    columns.forEach((column, index) => {
      if (column.kind !== "step" || scored.has(column.id)) return;
      const circle = s("circle", {
        class: "jw-ghost",
        cx: g.centre(index),
        cy: g.y(scale.neutral),
        r: 6,
        "data-step": column.id,
      });
      svg.append(circle);
      add(index, {
        circle,
        curve: null,
        point: null,
        score: scale.neutral,
        target: { stepId: column.id, emotionId: null, personaId, variant: "as_is" },
      });
    });
  }
  const strip = h("div", { class: "jw-emotion", "aria-hidden": "true" }, svg);
  strip.style.gridRow = String(ROW + 1);
  strip.style.gridColumn = `2 / span ${g.columns}`;

  const cells = columns.map((column, index) => {
    const cell = h("div", {
      class: "jw-emotion-cell",
      role: "gridcell",
      "data-row": ROW,
      "data-col": index,
      "data-key": column.kind === "step" ? `emotion:${column.id}` : `emotion:empty:${column.stageId}`,
      tabindex: -1,
    });
    cell.style.gridRow = String(ROW + 1);
    cell.style.gridColumn = String(index + 2);
    if (column.kind !== "step") {
      cell.setAttribute("aria-label", "No step");
      return cell;
    }
    const list = handles.get(index) ?? [];
    cell.setAttribute("aria-label", cellLabel(ctx, String(column.step.name), list));
    if (!ctx.readOnly) {
      // The keyboard scores the first curve (or the hollow point standing for it).
      const own = list.find((h) => h.curve === first && first !== undefined) ?? list.find((h) => h.curve === null);
      if (own) {
        onEdit(cell, () =>
          editNumber(ctx, cell, own.score, scale, (score) => ctx.send(intents.score(own.target, score))),
        );
        onNudge(cell, (direction) => {
          const stepBy = scale.integer_only ? 1 : (scale.max - scale.min) / 10;
          const base = own.point === null ? scale.neutral : own.score;
          ctx.send(intents.score(own.target, snap(base + direction * stepBy, scale)));
        });
      }
      cell.addEventListener("pointerdown", (event) => startDrag(ctx, event, cell, svg, list));
    }
    return cell;
  });
  return [strip, ...cells];
}

function pathOf(ctx: Context, points: { column: number; score: number }[]): string {
  const g = ctx.geometry;
  return points.map((p, i) => `${i ? "L" : "M"}${g.centre(p.column)},${g.y(p.score)}`).join(" ");
}

/** The cell's label, worded once in format.ts (style.emotion_label): each curve's score,
 * its interval and n where aggregate_emotions put them. */
function cellLabel(ctx: Context, step: string, handles: Handle[]): string {
  const scale = ctx.state.scale;
  const scored = handles.filter((h) => h.point !== null && h.curve !== null);
  const several = new Set(scored.map((h) => h.curve?.key)).size > 1;
  const number = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  const confidence = number(ctx.state.meta.emotion_confidence);
  const points = scored.map((h) => {
    const row = ctx.state.tables.emotions?.get(h.target.emotionId ?? "");
    return {
      curve: several ? (h.curve?.label ?? null) : null,
      score: h.score,
      ci_low: number(row?.ci_low),
      ci_high: number(row?.ci_high),
      n: number(row?.n),
      confidence,
    };
  });
  return emotionLabel(step, scale.min, scale.max, points, ctx.presentation);
}

/** Drag the point nearest the pointer (within HIT_RADIUS) up or down; send on release. */
function startDrag(ctx: Context, event: PointerEvent, cell: HTMLElement, svg: SVGSVGElement, list: Handle[]): void {
  const g = ctx.geometry;
  const local = (e: PointerEvent) => e.clientY - svg.getBoundingClientRect().top;
  const y0 = local(event);
  let best: Handle | null = null;
  for (const handle of list) {
    const distance = Math.abs(g.y(handle.score) - y0);
    if (distance <= HIT_RADIUS && (best === null || distance < Math.abs(g.y(best.score) - y0))) best = handle;
  }
  if (best === null) return;
  const handle = best;
  event.preventDefault();
  cell.focus({ preventScroll: true });
  cell.setPointerCapture?.(event.pointerId);
  handle.circle.classList.add("jw-dragging");
  const path = handle.circle.parentElement?.querySelector("path") ?? null;
  const points = handle.curve?.points.map((p) => ({ ...p })) ?? [];
  const mine = points.find((p) => p.emotionId === handle.point?.emotionId);
  let score = handle.score;
  // Each frame moves one circle and redraws one path: nothing else on the map changes.
  const move = (e: PointerEvent) => {
    score = g.scoreAt(local(e));
    handle.circle.setAttribute("cy", String(g.y(score)));
    if (path && mine) {
      mine.score = score;
      path.setAttribute("d", pathOf(ctx, points));
    }
  };
  const up = (e: PointerEvent) => {
    cell.removeEventListener("pointermove", move);
    cell.removeEventListener("pointerup", up);
    handle.circle.classList.remove("jw-dragging");
    score = g.scoreAt(local(e));
    if (score === handle.score && handle.point !== null) return;
    ctx.send(intents.score(handle.target, score));
  };
  cell.addEventListener("pointermove", move);
  cell.addEventListener("pointerup", up);
}
