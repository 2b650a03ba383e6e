// The WAI-ARIA grid pattern: one tab stop into the map (roving tabindex), arrows move
// between cells (and between the cards stacked in a cell), Home/End go to the row's ends.
// The active item's own buttons join the tab order, so Tab reaches them and then leaves.

const NAV = "[data-row][data-col]";

export class GridNav {
  private rows: Map<number, HTMLElement[]> | null = null;
  private active: HTMLElement | null = null;
  /** The column kept while moving up and down through a stage header spanning several. */
  private column = 0;

  constructor(private grid: HTMLElement) {}

  /** After a redraw: a new grid, nothing active yet. */
  reset(grid: HTMLElement): void {
    this.grid = grid;
    this.rows = null;
    this.active = null;
  }

  /** Make ``item`` the grid's tab stop, and focus it if asked. */
  activate(item: HTMLElement, focus: boolean): void {
    if (this.active !== item) {
      if (this.active) setStop(this.active, -1);
      setStop(item, 0);
      this.active = item;
    }
    const col = Number(item.dataset.col ?? 0);
    const span = Number(item.dataset.span ?? 1);
    if (!item.matches(".jw-card") && (this.column < col || this.column >= col + span)) this.column = col;
    if (focus) item.focus({ preventScroll: false });
  }

  /** The item an arrow (or Home/End) leads to from ``item``, or null at an edge. */
  next(item: HTMLElement, key: string): HTMLElement | null {
    const isCard = item.matches(".jw-card");
    const cell = isCard ? (item.closest<HTMLElement>(".jw-cell") ?? item) : item;
    const cards = cell.matches(".jw-cell") ? [...cell.querySelectorAll<HTMLElement>(":scope > .jw-card")] : [];
    const at = cards.indexOf(item);
    if (key === "ArrowDown" && !isCard && cards.length) return cards[0] ?? null;
    if (key === "ArrowDown" && isCard && at < cards.length - 1) return cards[at + 1] ?? null;
    if (key === "ArrowUp" && isCard) return at > 0 ? (cards[at - 1] ?? null) : cell;
    const row = Number(cell.dataset.row);
    const col = Number(cell.dataset.col);
    const span = Number(cell.dataset.span ?? 1);
    const column = this.column >= col && this.column < col + span ? this.column : col;
    switch (key) {
      case "ArrowLeft":
        return this.at(row, col - 1);
      case "ArrowRight":
        return this.at(row, col + span);
      case "ArrowUp":
        return this.at(row - 1, column) ?? this.first(row - 1);
      case "ArrowDown":
        return this.at(row + 1, column) ?? this.first(row + 1);
      case "Home":
        return this.first(row);
      case "End":
        return this.index().get(row)?.at(-1) ?? null;
      default:
        return null;
    }
  }

  /** Where focus goes when ``item`` is deleted: the next item of its kind (the next card
   * in its cell, the next step or stage to the right, the lane below), else the previous,
   * else what holds it. */
  neighbour(item: HTMLElement): HTMLElement | null {
    if (item.matches(".jw-card")) {
      const cell = item.closest<HTMLElement>(".jw-cell");
      const cards = cell ? [...cell.querySelectorAll<HTMLElement>(":scope > .jw-card")] : [];
      const at = cards.indexOf(item);
      return cards[at + 1] ?? cards[at - 1] ?? cell;
    }
    const rowHeader = Number(item.dataset.col) < 0;
    const [forward, back] = rowHeader ? ["ArrowDown", "ArrowUp"] : ["ArrowRight", "ArrowLeft"];
    return this.next(item, forward) ?? this.next(item, back) ?? this.next(item, "ArrowUp");
  }

  private at(row: number, col: number): HTMLElement | null {
    for (const item of this.index().get(row) ?? []) {
      const start = Number(item.dataset.col);
      if (col >= start && col < start + Number(item.dataset.span ?? 1)) return item;
    }
    return null;
  }

  private first(row: number): HTMLElement | null {
    return this.index().get(row)?.[0] ?? null;
  }

  private index(): Map<number, HTMLElement[]> {
    if (this.rows === null) {
      this.rows = new Map();
      for (const item of this.grid.querySelectorAll<HTMLElement>(NAV)) {
        const row = Number(item.dataset.row);
        const list = this.rows.get(row) ?? [];
        list.push(item);
        this.rows.set(row, list);
      }
      for (const list of this.rows.values()) list.sort((a, b) => Number(a.dataset.col) - Number(b.dataset.col));
    }
    return this.rows;
  }
}

/** An item's own buttons: inside it and not inside a nested item (a card in a cell). */
export function ownButtons(item: HTMLElement): HTMLElement[] {
  return [...item.querySelectorAll<HTMLElement>("button")].filter((b) => b.closest("[data-key]") === item);
}

function setStop(item: HTMLElement, index: 0 | -1): void {
  item.tabIndex = index;
  for (const button of ownButtons(item)) button.tabIndex = index;
}
