// What the builders of the map's parts are given: the state to show and the ways to act.

import type { Geometry } from "./geometry";
import type { Layout } from "./layout";
import type { Op, State } from "./ops";
import type { Presentation } from "./presentation";
import type { UiState } from "./ui_state";

export type Mode = "edit" | "compact" | "present";

export type DropOp = (dragged: { table: string; id: string }) => Op[];

export type Context = {
  state: State;
  layout: Layout;
  geometry: Geometry;
  presentation: Presentation;
  ui: UiState;
  readOnly: boolean;
  /** Send ops (built by intents.ts) to the kernel. */
  send(ops: Op[]): void;
  /** Delete an item (one op) and keep focus on its neighbour. */
  remove(table: string, id: string): void;
  undo(): void;
  redo(): void;
  /** Remember a text element by "table:id", so a rename can patch it in place. */
  text(key: string, element: HTMLElement): void;
  /** Make a text element editable in place (double-click, or Enter on its item). */
  editable(text: HTMLElement, current: () => string, save: (value: string) => void, multiline?: boolean): void;
  selectable(element: HTMLElement, id: string): void;
  dragSource(element: HTMLElement, table: string, id: string): void;
  dropTarget(element: HTMLElement, tables: string[], ops: DropOp): void;
  /** An inline edit closed: redraw if needed, and focus the item again. */
  afterEdit(): void;
  /** Persona ids whose curves are shown (null: all), and a way to change them. */
  shownPersonas(): string[] | null;
  showPersonas(ids: string[] | null): void;
  /** Show an item's details in the inspector. */
  inspect(key: string): void;
};
