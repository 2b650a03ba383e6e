// The map on screen: stages as column groups, steps as columns, lanes as rows, and an
// emotion curve. The view never changes the journey itself: it sends ops to the kernel and
// redraws when the kernel's answer arrives (see widget.ts).

import { h, s } from "./dom";
import { cellKey, type Column, type Layout, layout, snap } from "./layout";
import type { AppliedOp, Op, Row, State } from "./ops";

export type Mode = "edit" | "compact" | "present";

export type ViewOptions = {
  visibleLanes: string[] | null;
  personas: string[] | null;
  mode: Mode;
  zoom: number;
};

export type Actions = {
  send(ops: Op[]): void;
  undo(): void;
  redo(): void;
  select(ids: string[]): void;
};

const LANE_HEADER = 150;
const EMOTION_HEIGHT = 132;
const DRAG_TYPE = "application/x-journeywidgets";

/** Fields whose change only alters an item's text: patched in place, no redraw. */
const TEXT_FIELDS: Record<string, string> = { cards: "text", steps: "name", stages: "name", lanes: "name" };

export class MapView {
  readonly root: HTMLElement;
  private state: State;
  private options: ViewOptions;
  private grid!: HTMLElement;
  private scroller!: HTMLElement;
  private errorBox!: HTMLElement;
  private titleText!: HTMLElement;
  private current!: Layout;
  private texts = new Map<string, HTMLElement>();
  private selected = new Set<string>();
  private editing = false;
  private renderPending = false;
  private errorTimer: number | undefined;

  constructor(
    root: HTMLElement,
    state: State,
    options: ViewOptions,
    private readonly actions: Actions,
  ) {
    this.root = root;
    this.state = state;
    this.options = options;
    root.classList.add("jw-root");
    root.tabIndex = -1;
    root.addEventListener("keydown", (event) => this.onKey(event));
    this.render();
  }

  // -- updates --------------------------------------------------------------------

  update(state: State, ops: AppliedOp[] | null): void {
    this.state = state;
    if (this.editing) {
      this.renderPending = true; // redraw once the person has finished typing
      return;
    }
    if (ops !== null && this.patch(ops)) return;
    this.render();
  }

  setOptions(options: ViewOptions): void {
    this.options = options;
    this.render();
  }

  setSelection(ids: string[]): void {
    this.selected = new Set(ids);
    for (const element of this.grid.querySelectorAll<HTMLElement>("[data-id]")) {
      element.classList.toggle("jw-selected", this.selected.has(element.dataset.id ?? ""));
    }
  }

  showError(message: string): void {
    this.errorBox.textContent = message;
    this.errorBox.hidden = false;
    window.clearTimeout(this.errorTimer);
    this.errorTimer = window.setTimeout(() => {
      this.errorBox.hidden = true;
    }, 8000);
    this.render(); // drop any preview (a dragged point, an edit) and show the kernel's state
  }

  /** Apply text-only changes to the elements that show them; false if a redraw is needed. */
  private patch(ops: AppliedOp[]): boolean {
    const patches: [HTMLElement, string][] = [];
    for (const op of ops) {
      if (op.op === "set_meta" && op.field === "title") {
        patches.push([this.titleText, String(op.value ?? "")]);
        continue;
      }
      if (op.op !== "update") return false;
      const field = TEXT_FIELDS[op.table];
      const keys = Object.keys(op.values);
      if (field === undefined || keys.length !== 1 || keys[0] !== field) return false;
      const element = this.texts.get(`${op.table}:${op.id}`);
      if (element === undefined) return false;
      patches.push([element, String(op.values[field] ?? "")]);
    }
    for (const [element, text] of patches) element.textContent = text;
    return true;
  }

  // -- drawing --------------------------------------------------------------------

  private get readOnly(): boolean {
    return this.options.mode === "present";
  }

  private get columnWidth(): number {
    return Math.round((this.options.mode === "compact" ? 130 : 180) * this.options.zoom);
  }

  render(): void {
    this.renderPending = false;
    const scroll = this.scroller ? [this.scroller.scrollLeft, this.scroller.scrollTop] : [0, 0];
    const focusKey = (this.root.querySelector(":focus") as HTMLElement | null)?.dataset.key;
    this.texts.clear();
    this.current = layout(this.state, this.options);
    const { columns, lanes } = this.current;
    const width = this.columnWidth;

    this.grid = h("div", { class: "jw-grid", role: "grid", "aria-label": String(this.state.meta.title ?? "") });
    this.grid.style.gridTemplateColumns = `${LANE_HEADER}px repeat(${Math.max(columns.length, 1)}, ${width}px)`;
    this.grid.append(h("div", { class: "jw-corner", style: "grid-row: 1; grid-column: 1" }));
    this.grid.append(h("div", { class: "jw-corner jw-row-label", style: "grid-row: 2; grid-column: 1", text: "Steps" }));
    for (const band of this.current.stages) this.grid.append(this.stageHeader(band.id, band.row, band.start, band.span));
    columns.forEach((column, index) => this.grid.append(this.stepHeader(column, index)));
    const emotionLabel = this.laneLabel("Emotion", 3, null);
    this.grid.append(emotionLabel, this.emotionRow(columns.length));
    emotionLabel.append(this.legend());
    lanes.forEach((lane, index) => {
      const row = 4 + index;
      this.grid.append(this.laneLabel(String(lane.name), row, lane));
      columns.forEach((column, col) => this.grid.append(this.cell(lane, column, row, col)));
    });

    this.scroller = h("div", { class: "jw-scroll" }, this.grid);
    this.root.replaceChildren(this.toolbar(), this.errorBox ?? this.makeErrorBox(), this.scroller);
    this.root.dataset.mode = this.options.mode;
    [this.scroller.scrollLeft, this.scroller.scrollTop] = scroll as [number, number];
    this.setSelection([...this.selected]);
    const focusTarget = (focusKey && this.byKey(focusKey)) || this.grid.querySelector<HTMLElement>("[data-key]");
    if (focusTarget) focusTarget.tabIndex = 0; // the one tab stop into the map (roving tabindex)
    if (focusKey && focusTarget) focusTarget.focus({ preventScroll: true });
  }

  /** The element for a key; ids are user data, so compare them rather than build a selector. */
  private byKey(key: string): HTMLElement | null {
    for (const element of this.grid.querySelectorAll<HTMLElement>("[data-key]")) {
      if (element.dataset.key === key) return element;
    }
    return null;
  }

  private makeErrorBox(): HTMLElement {
    this.errorBox = h("div", { class: "jw-error", role: "alert", hidden: true });
    this.errorBox.addEventListener("click", () => {
      this.errorBox.hidden = true;
    });
    return this.errorBox;
  }

  private toolbar(): HTMLElement {
    this.titleText = h("span", { class: "jw-title-text", text: String(this.state.meta.title ?? "") });
    const title = h("div", { class: "jw-title" }, this.titleText);
    this.editable(this.titleText, () => String(this.state.meta.title ?? ""), (text) =>
      this.actions.send([{ op: "set_meta", field: "title", value: text }]),
    );
    const button = (label: string, name: string, action: () => void) => {
      const b = h("button", { type: "button", class: "jw-button", "aria-label": name, title: name, text: label });
      b.addEventListener("click", action);
      return b;
    };
    const tools = this.readOnly
      ? []
      : [
          button("+ Stage", "Add a stage", () =>
            this.actions.send([{ op: "insert", table: "stages", row: { name: "New stage" } }]),
          ),
          button("+ Lane", "Add a lane", () =>
            this.actions.send([{ op: "insert", table: "lanes", row: { name: "New lane", lane_type: "custom" } }]),
          ),
          button("↶", "Undo (Ctrl+Z)", () => this.actions.undo()),
          button("↷", "Redo (Shift+Ctrl+Z)", () => this.actions.redo()),
        ];
    return h("div", { class: "jw-toolbar" }, title, ...tools);
  }

  private stageHeader(id: string | null, row: Row | null, start: number, span: number): HTMLElement {
    const name = row === null ? "No stage" : String(row.name);
    const text = h("span", { class: "jw-text", text: name });
    const header = h(
      "div",
      { class: "jw-stage", role: "columnheader", "data-key": id === null ? "stage:" : `stages:${id}`, tabindex: -1 },
      text,
    );
    header.style.gridRow = "1";
    header.style.gridColumn = `${start + 2} / span ${Math.max(span, 1)}`;
    if (id !== null && row !== null) {
      header.dataset.id = id;
      if (row.color) header.style.setProperty("--jw-stage-color", String(row.color));
      this.texts.set(`stages:${id}`, text);
      this.editable(text, () => String(this.state.tables.stages?.get(id)?.name ?? ""), (value) =>
        this.actions.send([{ op: "update", table: "stages", id, values: { name: value } }]),
      );
      if (!this.readOnly) {
        header.append(
          this.iconButton("+", "Add a step to this stage", () =>
            this.actions.send([{ op: "insert", table: "steps", row: { stage_id: id, name: "New step" } }]),
          ),
          this.iconButton("×", "Delete this stage and its steps", () => {
            if (window.confirm(`Delete the stage “${name}” and everything in it?`)) {
              this.actions.send([{ op: "delete", table: "stages", id }]);
            }
          }),
        );
        this.dropTarget(header, ["steps"], (dragged) => ({
          op: "move",
          table: "steps",
          id: dragged.id,
          position: this.stepsIn(id).filter((s) => s !== dragged.id).length,
          parent: { stage_id: id },
        }));
      }
    }
    return header;
  }

  private stepHeader(column: Column, index: number): HTMLElement {
    const gridColumn = String(index + 2);
    if (column.kind === "empty") {
      const empty = h("div", { class: "jw-step jw-empty", text: "No steps yet" });
      empty.style.gridRow = "2";
      empty.style.gridColumn = gridColumn;
      if (!this.readOnly) {
        this.dropTarget(empty, ["steps"], (dragged) => ({
          op: "move", table: "steps", id: dragged.id, position: 0, parent: { stage_id: column.stageId },
        }));  // prettier-ignore
      }
      return empty;
    }
    const { id, step } = column;
    const moment = step.is_moment_of_truth === true;
    const text = h("span", { class: "jw-text", text: String(step.name) });
    this.texts.set(`steps:${id}`, text);
    const header = h(
      "div",
      {
        class: `jw-step${moment ? " jw-moment" : ""}`,
        role: "columnheader",
        "data-id": id,
        "data-key": `steps:${id}`,
        "data-col": index,
        "data-row": 1,
        tabindex: -1,
        draggable: this.readOnly ? null : "true",
      },
      text,
    );
    header.style.gridRow = "2";
    header.style.gridColumn = gridColumn;
    const star = h("button", {
      type: "button",
      class: "jw-moment-toggle",
      "aria-pressed": String(moment),
      "aria-label": "Moment of truth",
      title: moment ? "Moment of truth (click to unmark)" : "Mark as a moment of truth",
      text: moment ? "★" : "☆",
      disabled: this.readOnly,
    });
    star.addEventListener("click", (event) => {
      event.stopPropagation();
      this.actions.send([{ op: "update", table: "steps", id, values: { is_moment_of_truth: !moment } }]);
    });
    header.append(star);
    if (step.kind && step.kind !== "action") header.append(h("span", { class: "jw-kind", text: String(step.kind) }));
    const reached = this.current.reach.get(id);
    if (reached) {
      header.append(h("span", { class: "jw-reach", title: "Reach · conversion from the previous step", text: reached }));
    }
    this.selectable(header, id);
    this.editable(text, () => String(this.state.tables.steps?.get(id)?.name ?? ""), (value) =>
      this.actions.send([{ op: "update", table: "steps", id, values: { name: value } }]),
    );
    if (!this.readOnly) {
      header.append(
        this.iconButton("×", "Delete this step", () => this.actions.send([{ op: "delete", table: "steps", id }])),
      );
      this.dragSource(header, "steps", id);
      this.dropTarget(header, ["steps"], (dragged) => {
        const stageId = column.stageId;
        const siblings = this.stepsIn(stageId).filter((s) => s !== dragged.id);
        return { op: "move", table: "steps", id: dragged.id, position: siblings.indexOf(id), parent: { stage_id: stageId } };
      });
    }
    return header;
  }

  private laneLabel(name: string, row: number, lane: Row | null): HTMLElement {
    const text = h("span", { class: "jw-text", text: name });
    const label = h("div", { class: "jw-lane-label", role: "rowheader" }, text);
    label.style.gridRow = String(row);
    label.style.gridColumn = "1";
    if (lane !== null) {
      const id = String(lane.lane_id);
      label.dataset.id = id;
      label.append(h("span", { class: "jw-kind", text: String(lane.lane_type).replace("_", " ") }));
      this.texts.set(`lanes:${id}`, text);
      this.editable(text, () => String(this.state.tables.lanes?.get(id)?.name ?? ""), (value) =>
        this.actions.send([{ op: "update", table: "lanes", id, values: { name: value } }]),
      );
      if (!this.readOnly) {
        label.append(this.iconButton("×", "Delete this lane and its cards", () =>
          this.actions.send([{ op: "delete", table: "lanes", id }]),
        ));  // prettier-ignore
      }
    }
    return label;
  }

  private cell(lane: Row, column: Column, row: number, col: number): HTMLElement {
    const laneId = String(lane.lane_id);
    const cell = h("div", {
      class: "jw-cell",
      role: "gridcell",
      "data-row": row - 2,
      "data-col": col,
      "data-key": column.kind === "step" ? `cell:${laneId}:${column.id}` : null,
      tabindex: column.kind === "step" ? -1 : null,
    });
    cell.style.gridRow = String(row);
    cell.style.gridColumn = String(col + 2);
    if (column.kind !== "step") return cell;
    const stepId = column.id;
    for (const card of this.current.cells.get(cellKey(laneId, stepId)) ?? []) cell.append(this.card(card));
    if (!this.readOnly) {
      const add = this.iconButton("+", "Add a card", () =>
        this.actions.send([{ op: "insert", table: "cards", row: { lane_id: laneId, step_id: stepId, text: "New card" } }]),
      );
      add.classList.add("jw-add-card");
      cell.append(add);
      this.dropTarget(cell, ["cards"], (dragged) => ({
        op: "move",
        table: "cards",
        id: dragged.id,
        position: (this.current.cells.get(cellKey(laneId, stepId)) ?? []).filter((c) => c.card_id !== dragged.id).length,
        parent: { lane_id: laneId, step_id: stepId, stage_id: null },
      }));
    }
    return cell;
  }

  private card(card: Row): HTMLElement {
    const id = String(card.card_id);
    const text = h("span", { class: "jw-text", text: String(card.text ?? "") });
    this.texts.set(`cards:${id}`, text);
    const element = h(
      "div",
      {
        class: `jw-card jw-card-${card.kind ?? "note"}`,
        "data-id": id,
        "data-key": `cards:${id}`,
        "data-evidence": String(card.evidence_level ?? ""),
        tabindex: -1,
        draggable: this.readOnly ? null : "true",
      },
      text,
    );
    // Snapshots leave empty cells out, so an empty value may be null or missing.
    const severity = card.severity === null || card.severity === undefined ? null : Number(card.severity);
    if (card.kind === "pain_point" || severity !== null) {
      const badge = h("button", {
        type: "button",
        class: "jw-severity",
        "data-severity": severity ?? 0,
        "aria-label": `Severity ${severity ?? "not set"}`,
        title: "Severity: 1 trivial, 2 needs a workaround, 3 causes abandonment (click to change)",
        text: severity === null ? "·" : "!".repeat(severity),
        disabled: this.readOnly,
      });
      badge.addEventListener("click", (event) => {
        event.stopPropagation();
        const next = severity === null ? 1 : severity === 3 ? null : severity + 1;
        this.actions.send([{ op: "update", table: "cards", id, values: { severity: next } }]);
      });
      element.append(badge);
    }
    this.selectable(element, id);
    this.editable(text, () => String(this.state.tables.cards?.get(id)?.text ?? ""), (value) =>
      this.actions.send([{ op: "update", table: "cards", id, values: { text: value } }]),
    true);  // prettier-ignore
    if (!this.readOnly) {
      element.append(this.iconButton("×", "Delete this card", () => this.actions.send([{ op: "delete", table: "cards", id }])));
      this.dragSource(element, "cards", id);
      this.dropTarget(element, ["cards"], (dragged) => {
        const siblings = (this.current.cells.get(cellKey(String(card.lane_id), String(card.step_id))) ?? [])
          .map((c) => String(c.card_id))
          .filter((c) => c !== dragged.id);
        return {
          op: "move",
          table: "cards",
          id: dragged.id,
          position: siblings.indexOf(id),
          parent: { lane_id: String(card.lane_id), step_id: String(card.step_id), stage_id: null },
        };
      });
    }
    return element;
  }

  // -- the emotion curve ----------------------------------------------------------

  private emotionRow(count: number): HTMLElement {
    const width = this.columnWidth;
    const scale = this.state.scale;
    const total = Math.max(count, 1) * width;
    const pad = 14;
    const y = (score: number) => pad + ((scale.max - score) / (scale.max - scale.min)) * (EMOTION_HEIGHT - 2 * pad);
    const x = (column: number) => column * width + width / 2;
    const svg = s("svg", {
      class: "jw-curve",
      width: total,
      height: EMOTION_HEIGHT,
      viewBox: `0 0 ${total} ${EMOTION_HEIGHT}`,
      role: "img",
      "aria-label": "Emotion curve",
    });
    this.current.columns.forEach((column, index) => {
      if (column.kind === "step" && column.step.is_moment_of_truth === true) {
        svg.append(s("rect", { class: "jw-moment-band", x: index * width, y: 0, width, height: EMOTION_HEIGHT }));
      }
    });
    svg.append(s("line", { class: "jw-neutral", x1: 0, x2: total, y1: y(scale.neutral), y2: y(scale.neutral) }));
    for (const [value, label] of [[scale.max, "max"], [scale.min, "min"]] as const) {
      svg.append(s("text", { class: "jw-scale-label", x: 4, y: y(value) + (label === "max" ? 10 : -3), text: String(value) }));
    }
    for (const curve of this.current.curves) {
      const group = s("g", { class: "jw-curve-line", "data-curve": curve.key });
      group.style.setProperty("--jw-line", curve.color);
      const path = curve.points.map((p, i) => `${i ? "L" : "M"}${x(p.column)},${y(p.score)}`).join(" ");
      group.append(s("path", { d: path, class: curve.variant === "to_be" ? "jw-to-be" : null }));
      for (const point of curve.points) {
        const dot = s("circle", {
          cx: x(point.column),
          cy: y(point.score),
          r: 6,
          tabindex: this.readOnly ? null : 0,
          "data-emotion": point.emotionId,
          "aria-label": `${curve.label}: ${point.score}`,
        });
        dot.append(s("title", { text: `${curve.label}: ${point.score}` }));
        group.append(dot);
        if (!this.readOnly) {
          this.draggablePoint(dot, y, (score) => [
            { op: "update", table: "emotions", id: point.emotionId, values: { score } },
          ]);
        }
      }
      svg.append(group);
    }
    // Steps the first curve has no score for get a hollow point at neutral: drag to score.
    if (!this.readOnly) {
      const first = this.current.curves[0];
      const personaId = first?.personaId ?? this.firstPersona();
      const scored = new Set((first?.points ?? []).map((p) => p.stepId));
      this.current.columns.forEach((column, index) => {
        if (column.kind !== "step" || scored.has(column.id)) return;
        const ghost = s("circle", {
          class: "jw-ghost",
          cx: x(index),
          cy: y(scale.neutral),
          r: 5,
          "data-step": column.id,
          "aria-label": "No score yet: drag up or down",
        });
        this.draggablePoint(ghost, y, (score) => [
          { op: "insert", table: "emotions", row: { step_id: column.id, persona_id: personaId, variant: "as_is", score } },
        ]);
        svg.append(ghost);
      });
    }
    const row = h("div", { class: "jw-emotion" }, svg);
    row.style.gridRow = "3";
    row.style.gridColumn = `2 / span ${Math.max(count, 1)}`;
    return row;
  }

  private legend(): HTMLElement {
    return h(
      "div",
      { class: "jw-legend" },
      ...this.current.curves.map((curve) => {
        const swatch = h("span", { class: `jw-swatch${curve.variant === "to_be" ? " jw-to-be" : ""}` });
        swatch.style.setProperty("--jw-line", curve.color);
        return h("span", { class: "jw-legend-item" }, swatch, curve.label);
      }),
    );
  }

  private firstPersona(): string | null {
    const personas = [...(this.state.tables.personas?.values() ?? [])].sort(
      (a, b) => Number(a.position) - Number(b.position),
    );
    return personas.length ? String(personas[0]?.persona_id) : null;
  }

  /** Drag a point up and down; on release the score snaps to the scale and is sent. */
  private draggablePoint(dot: SVGCircleElement, y: (score: number) => number, ops: (score: number) => Op[]): void {
    const scale = this.state.scale;
    const scoreAt = (py: number) => {
      const top = y(scale.max);
      const bottom = y(scale.min);
      return snap(scale.max - ((py - top) / (bottom - top)) * (scale.max - scale.min), scale);
    };
    dot.addEventListener("pointerdown", (event) => {
      event.preventDefault();
      dot.setPointerCapture(event.pointerId);
      const svg = dot.ownerSVGElement as SVGSVGElement;
      const start = dot.getAttribute("cy");
      dot.classList.add("jw-dragging");
      const local = (e: PointerEvent) => e.clientY - svg.getBoundingClientRect().top;
      const move = (e: PointerEvent) => dot.setAttribute("cy", String(y(scoreAt(local(e)))));
      const up = (e: PointerEvent) => {
        dot.removeEventListener("pointermove", move);
        dot.removeEventListener("pointerup", up);
        dot.classList.remove("jw-dragging");
        const score = scoreAt(local(e));
        if (String(y(score)) === start && !dot.classList.contains("jw-ghost")) return;
        this.actions.send(ops(score));
      };
      dot.addEventListener("pointermove", move);
      dot.addEventListener("pointerup", up);
    });
    dot.addEventListener("keydown", (event) => {
      if (event.key !== "ArrowUp" && event.key !== "ArrowDown") return;
      event.preventDefault();
      event.stopPropagation();
      const current = scoreAt(Number(dot.getAttribute("cy")));
      const step = scale.integer_only ? 1 : (scale.max - scale.min) / 10;
      this.actions.send(ops(snap(current + (event.key === "ArrowUp" ? step : -step), scale)));
    });
  }

  // -- interaction helpers --------------------------------------------------------

  private iconButton(label: string, name: string, action: () => void): HTMLButtonElement {
    const button = h("button", { type: "button", class: "jw-icon", "aria-label": name, title: name, text: label });
    button.addEventListener("click", (event) => {
      event.stopPropagation();
      action();
    });
    return button;
  }

  private stepsIn(stageId: string | null): string[] {
    return this.current.columns
      .filter((c): c is Extract<Column, { kind: "step" }> => c.kind === "step" && c.stageId === stageId)
      .map((c) => c.id);
  }

  private selectable(element: HTMLElement, id: string): void {
    element.addEventListener("click", (event) => {
      const adding = event.shiftKey || event.metaKey || event.ctrlKey;
      const next = adding ? new Set(this.selected) : new Set<string>();
      if (adding && next.has(id)) next.delete(id);
      else next.add(id);
      this.selected = next;
      this.setSelection([...next]);
      this.actions.select([...next]);
    });
  }

  /** Double-click (or Enter) edits the text in place; Enter saves, Escape cancels. */
  private editable(text: HTMLElement, current: () => string, save: (value: string) => void, multiline = false): void {
    if (this.readOnly) return;
    text.addEventListener("dblclick", (event) => {
      event.stopPropagation();
      this.edit(text, current(), save, multiline);
    });
    text.dataset.editable = "true";
    (text as HTMLElement & { startEdit?: () => void }).startEdit = () => this.edit(text, current(), save, multiline);
  }

  private edit(text: HTMLElement, value: string, save: (value: string) => void, multiline: boolean): void {
    if (this.editing) return;
    this.editing = true;
    const input = h("textarea", { class: "jw-editor", rows: multiline ? 3 : 1, "aria-label": "Edit text" });
    input.value = value;
    const owner = text.closest<HTMLElement>("[data-key]");
    text.replaceWith(input);
    input.focus();
    input.select();
    let done = false;
    const finish = (commit: boolean) => {
      if (done) return;
      done = true;
      this.editing = false;
      input.replaceWith(text);
      const next = input.value;
      if (commit && next !== value) save(next);
      if (this.renderPending) this.render();
      const again = owner?.dataset.key ? this.byKey(owner.dataset.key) : null;
      (again ?? this.root).focus({ preventScroll: true });
    };
    input.addEventListener("keydown", (event) => {
      event.stopPropagation();
      if (event.key === "Escape") finish(false);
      else if (event.key === "Enter" && !(multiline && event.shiftKey)) {
        event.preventDefault();
        finish(true);
      }
    });
    input.addEventListener("blur", () => finish(true));
  }

  private dragSource(element: HTMLElement, table: string, id: string): void {
    element.addEventListener("dragstart", (event) => {
      event.stopPropagation();
      event.dataTransfer?.setData(DRAG_TYPE, JSON.stringify({ table, id }));
      if (event.dataTransfer) event.dataTransfer.effectAllowed = "move";
      element.classList.add("jw-dragging");
    });
    element.addEventListener("dragend", () => element.classList.remove("jw-dragging"));
  }

  private dropTarget(element: HTMLElement, tables: string[], op: (dragged: { table: string; id: string }) => Op): void {
    element.addEventListener("dragover", (event) => {
      if (!event.dataTransfer?.types.includes(DRAG_TYPE)) return;
      event.preventDefault();
      element.classList.add("jw-drop");
    });
    element.addEventListener("dragleave", () => element.classList.remove("jw-drop"));
    element.addEventListener("drop", (event) => {
      element.classList.remove("jw-drop");
      const raw = event.dataTransfer?.getData(DRAG_TYPE);
      if (!raw) return;
      const dragged = JSON.parse(raw) as { table: string; id: string };
      if (!tables.includes(dragged.table)) return;
      event.preventDefault();
      event.stopPropagation();
      this.actions.send([op(dragged)]);
    });
  }

  // -- keyboard -------------------------------------------------------------------

  private onKey(event: KeyboardEvent): void {
    if (this.editing) return;
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.key.toLowerCase() === "z") {
      event.preventDefault();
      if (event.shiftKey) this.actions.redo();
      else this.actions.undo();
      return;
    }
    if (mod && event.key.toLowerCase() === "y") {
      event.preventDefault();
      this.actions.redo();
      return;
    }
    const target = event.target as HTMLElement;
    const item = target.closest<HTMLElement>("[data-key]");
    if (!item) return;
    if (event.key === "Enter") {
      const text = item.querySelector<HTMLElement & { startEdit?: () => void }>(":scope > .jw-text");
      if (text?.startEdit) {
        event.preventDefault();
        text.startEdit();
      } else if (item.classList.contains("jw-cell")) {
        const first = item.querySelector<HTMLElement>(".jw-card");
        first?.focus();
        event.preventDefault();
      }
      return;
    }
    if ((event.key === "Delete" || event.key === "Backspace") && !this.readOnly && item.dataset.id) {
      const table = item.classList.contains("jw-card") ? "cards" : item.classList.contains("jw-step") ? "steps" : null;
      if (table) {
        event.preventDefault();
        this.actions.send([{ op: "delete", table, id: item.dataset.id }]);
      }
      return;
    }
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
    };
    const delta = moves[event.key];
    if (!delta) return;
    event.preventDefault();
    const cell = item.classList.contains("jw-card") ? (item.closest<HTMLElement>(".jw-cell") ?? item) : item;
    const row = Number(cell.dataset.row ?? 1) + delta[0];
    const col = Number(cell.dataset.col ?? 0) + delta[1];
    const next = this.grid.querySelector<HTMLElement>(`[data-row="${row}"][data-col="${col}"]`);
    if (next) {
      for (const other of this.grid.querySelectorAll<HTMLElement>("[tabindex='0']")) other.tabIndex = -1;
      next.tabIndex = 0;
      next.focus();
    }
  }
}
