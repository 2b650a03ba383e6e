// The map on screen: stages as column groups, steps as columns, an emotion row, lanes as
// rows of cells holding cards. The view never changes the journey itself: it sends ops
// (built by intents.ts) to the kernel and redraws when the kernel's answer arrives.
//
// How it is put together (and where to build on it):
// - host.ts     the mount point: anything with the anywidget model API (get/set/on/off/
//               send/save_changes). widget.ts mounts on the notebook's model; a page
//               outside a notebook mounts with its own host (see mount() in widget.ts).
// - store.ts    the journey as this model's views know it (one store per model, shared).
// - ui_state.ts what only this view knows: selection, focus, edit, inspector.
// - layout.ts   where things go (pure); geometry.ts: where in pixels (one source for all x).
// - parts       toolbar.ts, stage_header.ts, step_header.ts, lane_label.ts, cell.ts,
//               card.ts, emotion_row.ts, inspector.ts, banner.ts: each builds one part from
//               a Context (context.ts) and nothing else.
// - behaviour   grid_keys.ts (roving tabindex), keyboard.ts, inline_edit.ts, selection.ts,
//               drag_drop.ts.
// Extension points: ``decorators`` in ViewOptions add elements to an item after it is
// built (a findings badge on a step, an evidence count on a card) keyed by "table:id";
// ``onRender`` hears every redraw (an unsaved-changes indicator, an evidence panel beside
// the grid, mounted in ``MapView.aside``). Neither may change the journey but by intents.

import { Banner, describe } from "./banner";
import { cardLabel } from "./card";
import { cell } from "./cell";
import type { Context, Mode } from "./context";
import { h } from "./dom";
import { dragSource, dropTarget } from "./drag_drop";
import { emotionHeader, emotionRow } from "./emotion_row";
import { geometry } from "./geometry";
import { GridNav, ownButtons } from "./grid_keys";
import type { Rejection } from "./host";
import { editText } from "./inline_edit";
import { inspector } from "./inspector";
import { intents } from "./intents";
import { onEdit } from "./item_actions";
import { onKey } from "./keyboard";
import { laneLabel } from "./lane_label";
import { type Layout, layout } from "./layout";
import { passNotebookShortcuts } from "./notebook_keys";
import type { AppliedOp, Op, State } from "./ops";
import type { Presentation } from "./presentation";
import { showSelection, toggleSelect } from "./selection";
import { stageHeader } from "./stage_header";
import { stepHeader } from "./step_header";
import { emptyHint, toolbar } from "./toolbar";
import { UiState } from "./ui_state";

export type { Mode };

export type Decorator = (element: HTMLElement, key: string, state: State) => void;

export type ViewOptions = {
  visibleLanes: string[] | null;
  personas: string[] | null;
  mode: Mode;
  zoom: number;
  presentation: Presentation;
  decorators?: Decorator[];
  onRender?: (view: MapView) => void;
};

export type Actions = {
  send(ops: Op[], onRejected?: (rejection: Rejection) => void): void;
  undo(): void;
  redo(): void;
  select(ids: string[]): void;
  /** Show only these personas' curves (null: all); the ``personas`` trait. */
  showPersonas?(ids: string[] | null): void;
};

/** Fields whose change only alters an item's text: patched in place, no redraw. */
const TEXT_FIELDS: Record<string, string> = { cards: "text", steps: "name", stages: "name", lanes: "name" };

function fieldKey(field: HTMLElement): string {
  return `${field.dataset.column}\u0000${field.closest<HTMLElement>("fieldset")?.dataset.id ?? ""}`;
}

export class MapView {
  readonly root: HTMLElement;
  /** A place beside the grid for panels built on the map (an evidence panel). */
  readonly aside: HTMLElement = h("div", { class: "jw-aside" });
  readonly ui = new UiState();
  private state: State;
  private options: ViewOptions;
  private grid: HTMLElement = h("div");
  private scroller: HTMLElement | null = null;
  private readonly banner = new Banner();
  private titleText: HTMLElement | null = null;
  private current!: Layout;
  private texts = new Map<string, HTMLElement>();
  private readonly nav = new GridNav(this.grid);

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
    passNotebookShortcuts(root.ownerDocument.defaultView);
    root.addEventListener("keydown", (event) =>
      onKey(
        {
          grid: this.grid,
          nav: this.nav,
          readOnly: this.readOnly,
          editing: () => this.ui.editing,
          undo: () => actions.undo(),
          redo: () => actions.redo(),
          remove: (table, id) => this.remove(table, id),
          select: (id, adding) => this.select(id, adding),
          inspect: (key) => this.inspect(key),
          leave: () => root.focus(),
        },
        event,
      ),
    );
    root.addEventListener("focusin", (event) => {
      const item = (event.target as HTMLElement).closest<HTMLElement>("[data-key]");
      if (item && this.grid.contains(item)) {
        this.ui.active = item.dataset.key ?? null;
        this.nav.activate(item, false);
      }
    });
    this.render();
  }

  // -- updates --------------------------------------------------------------------

  update(state: State, ops: AppliedOp[] | null): void {
    this.state = state;
    const table = this.ui.focusNewIn;
    const created = table === null ? undefined : ops?.find((op) => op.op === "insert" && op.table === table);
    if (created?.op === "insert") {
      this.ui.focusNewIn = null;
      this.ui.active = `${created.table}:${String(created.row[state.idColumns[created.table] ?? "id"])}`;
    }
    if (this.ui.editing) {
      this.ui.redrawPending = true; // redraw once the person has finished typing
      return;
    }
    if (ops !== null && created === undefined && this.patch(ops)) return;
    this.render(created !== undefined);
  }

  setOptions(options: Partial<ViewOptions>): void {
    this.options = { ...this.options, ...options };
    this.render();
  }

  setSelection(ids: string[]): void {
    this.ui.selected = new Set(ids);
    showSelection(this.grid, this.ui.selected);
  }

  showError(message: string): void {
    this.banner.show(message);
    this.render(); // drop any preview (a dragged point, an edit) and show the kernel's state
  }

  /** Send ops; a refusal is shown here, in words. */
  send(ops: Op[]): void {
    this.actions.send(ops, (rejection) => {
      this.ui.focusNewIn = null;
      this.showError(describe(rejection, this.state));
    });
  }

  /** Apply text-only changes to the elements that show them; false if a redraw is needed. */
  private patch(ops: AppliedOp[]): boolean {
    const patches: [HTMLElement, string][] = [];
    for (const op of ops) {
      if (op.op === "set_meta" && op.field === "title" && this.titleText) {
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
    for (const [element, text] of patches) {
      element.textContent = text;
      const item = element.closest<HTMLElement>(".jw-card");
      const row = item ? this.state.tables.cards?.get(item.dataset.id ?? "") : undefined;
      if (item && row)
        item.setAttribute(
          "aria-label",
          cardLabel(this.context(), row, row.severity == null ? null : Number(row.severity)),
        );
    }
    if (this.ui.inspecting !== null) this.renderInspector();
    return true;
  }

  // -- drawing --------------------------------------------------------------------

  private get readOnly(): boolean {
    return this.options.mode === "present";
  }

  private get columnWidth(): number {
    return Math.round((this.options.mode === "compact" ? 130 : 180) * this.options.zoom);
  }

  private context(): Context {
    const ctx: Context = {
      state: this.state,
      layout: this.current,
      geometry: geometry(this.current.columns.length, this.columnWidth, this.state.scale),
      presentation: this.options.presentation,
      ui: this.ui,
      readOnly: this.readOnly,
      send: (ops) => this.send(ops),
      remove: (table, id) => this.remove(table, id),
      undo: () => this.actions.undo(),
      redo: () => this.actions.redo(),
      text: (key, element) => this.texts.set(key, element),
      editable: (text, current, save, multiline = false) => {
        if (this.readOnly) return;
        const start = () => editText(ctx, text, current(), save, multiline);
        text.addEventListener("dblclick", (event) => {
          event.stopPropagation();
          start();
        });
        text.dataset.editable = "true";
        onEdit(text, start);
      },
      selectable: (element, id) =>
        element.addEventListener("click", (event) => this.select(id, event.shiftKey || event.metaKey || event.ctrlKey)),
      dragSource,
      dropTarget: (element, tables, ops) => dropTarget(element, tables, ops, (o) => this.send(o)),
      afterEdit: () => {
        if (this.ui.redrawPending) this.render(true);
        else this.focusActive();
      },
      shownPersonas: () => this.options.personas,
      showPersonas: (ids) => this.actions.showPersonas?.(ids),
      inspect: (key) => this.inspect(key),
    };
    return ctx;
  }

  render(takeFocus = false): void {
    this.ui.redrawPending = false;
    const scroll = this.scroller ? [this.scroller.scrollLeft, this.scroller.scrollTop] : [0, 0];
    const focused = document.activeElement as HTMLElement | null;
    const hadFocus = focused !== null && this.root.contains(focused) && focused !== this.root;
    const action = focused?.dataset.action ?? null;
    // Inspector fields are found again by column (and persona), as their ids are rebuilt.
    const field = focused?.closest(".jw-inspector") && focused.dataset.column ? fieldKey(focused) : null;
    const buttonName = focused?.matches(".jw-icon, .jw-moment-toggle, .jw-severity")
      ? focused.getAttribute("aria-label")
      : null;
    this.texts.clear();
    this.current = layout(this.state, this.options, this.options.presentation);
    const ctx = this.context();
    const { columns, lanes } = this.current;

    const grid = h("div", {
      class: "jw-grid",
      role: "grid",
      "aria-label": `${String(this.state.meta.title ?? "")}: journey map`,
      "aria-rowcount": 3 + lanes.length,
      "aria-colcount": columns.length + 1,
    });
    grid.style.gridTemplateColumns = ctx.geometry.template;
    grid.style.gap = `${ctx.geometry.gap}px`;
    const row = (index: number, ...cells: HTMLElement[]) =>
      h("div", { class: "jw-row", role: "row", "aria-rowindex": index + 1 }, ...cells);
    const corner = (text: string, r: number) => {
      const element = h("div", {
        class: "jw-corner jw-row-label",
        role: "rowheader",
        "data-key": `corner:${r}`,
        "data-row": r,
        "data-col": -1,
        tabindex: -1,
        text,
      });
      element.style.gridRow = String(r + 1);
      element.style.gridColumn = "1";
      return element;
    };
    let order = 0;
    grid.append(
      row(
        0,
        corner("Stages", 0),
        ...this.current.stages.map((band) => stageHeader(ctx, band, band.id === null ? 0 : order++)),
      ),
      row(1, corner("Steps", 1), ...columns.map((column, index) => stepHeader(ctx, column, index))),
      row(2, emotionHeader(ctx), ...emotionRow(ctx)),
      ...lanes.map((lane, index) =>
        row(
          3 + index,
          laneLabel(ctx, lane, 3 + index),
          ...columns.map((column, col) => cell(ctx, lane, column, 3 + index, col)),
        ),
      ),
    );
    for (const decorate of this.options.decorators ?? []) {
      for (const item of grid.querySelectorAll<HTMLElement>("[data-key]"))
        decorate(item, item.dataset.key ?? "", this.state);
    }
    this.grid = grid;
    this.nav.reset(grid);
    const built = toolbar(ctx);
    this.titleText = built.title;
    // Keys inside the grid and the inspector are the map's, not the notebook's, but for Save
    // and Shift+Enter: the attribute marks the two regions, notebook_keys.ts routes each key
    // event from them. From the root, Escape reaches the notebook again.
    this.scroller = h("div", { class: "jw-scroll", "data-lm-suppress-shortcuts": "true" }, grid);
    const inspectorSlot = h("div", { class: "jw-inspector-slot", "data-lm-suppress-shortcuts": "true" });
    this.root.replaceChildren(
      built.element,
      this.banner.element,
      emptyHint(ctx) ?? "",
      inspectorSlot,
      this.scroller,
      this.aside,
    );
    this.root.dataset.mode = this.options.mode;
    [this.scroller.scrollLeft, this.scroller.scrollTop] = scroll as [number, number];
    showSelection(grid, this.ui.selected);
    this.renderInspector();

    const item = (this.ui.active && this.byKey(this.ui.active)) || grid.querySelector<HTMLElement>("[data-key]");
    if (item) this.nav.activate(item, false);
    if (hadFocus || takeFocus) this.restoreFocus(item, takeFocus, action, field, buttonName);
    this.options.onRender?.(this);
  }

  /** Put focus back where it was before a redraw: the same field, button or item. */
  private restoreFocus(
    item: HTMLElement | null,
    takeFocus: boolean,
    action: string | null,
    field: string | null,
    buttonName: string | null,
  ): void {
    const toolbarButton = action ? this.root.querySelector<HTMLElement>(`.jw-toolbar [data-action="${action}"]`) : null;
    const inspectorField = field
      ? ([...this.root.querySelectorAll<HTMLElement>(".jw-inspector [data-column]")].find(
          (f) => fieldKey(f) === field,
        ) ?? null)
      : null;
    const ownButton =
      item && buttonName ? ownButtons(item).find((b) => b.getAttribute("aria-label") === buttonName) : null;
    if (takeFocus && item) item.focus({ preventScroll: false });
    else (inspectorField ?? toolbarButton ?? ownButton ?? item ?? this.root).focus({ preventScroll: true });
  }

  private renderInspector(): void {
    const slot = this.root.querySelector(".jw-inspector-slot");
    if (!slot) return;
    const key = this.ui.inspecting;
    const focused = document.activeElement as HTMLElement | null;
    const field = focused && slot.contains(focused) && focused.dataset.column ? fieldKey(focused) : null;
    const panel = key === null ? null : inspector(this.context(), key, () => this.closeInspector());
    slot.replaceChildren(...(panel ? [panel] : []));
    if (field !== null) {
      [...slot.querySelectorAll<HTMLElement>("[data-column]")].find((f) => fieldKey(f) === field)?.focus();
    }
  }

  private inspect(key: string): void {
    this.ui.inspecting = key;
    this.renderInspector();
    this.root.querySelector<HTMLElement>(".jw-inspector .jw-field")?.focus();
  }

  private closeInspector(): void {
    this.ui.inspecting = null;
    this.renderInspector();
    this.focusActive();
  }

  private focusActive(): void {
    const item = this.ui.active ? this.byKey(this.ui.active) : null;
    if (item) this.nav.activate(item, true);
    else this.root.focus({ preventScroll: true });
  }

  /** Delete an item; focus moves to its neighbour once the kernel's change redraws. */
  private remove(table: string, id: string): void {
    const item = this.byKey(`${table}:${id}`);
    const next = item ? this.nav.neighbour(item) : null;
    if (next?.dataset.key) this.ui.active = next.dataset.key;
    this.send(intents.remove(table, id));
  }

  private select(id: string, adding: boolean): void {
    const ids = toggleSelect(this.ui, id, adding);
    showSelection(this.grid, this.ui.selected);
    this.actions.select(ids);
  }

  /** The element for a key; ids are user data, so compare them rather than build a selector. */
  private byKey(key: string): HTMLElement | null {
    for (const element of this.grid.querySelectorAll<HTMLElement>("[data-key]")) {
      if (element.dataset.key === key) return element;
    }
    return null;
  }
}
