import { vi } from "vitest";
import type { Op } from "../src/ops";
import { Store } from "../src/store";
import { MapView, type Mode } from "../src/view";
import { presentation, snapshot } from "./fixture";

/** A view on the generated fixture, recording what it sends. */
export function mount(mode: Mode = "edit", zoom = 1, data = snapshot()) {
  const root = document.createElement("div");
  document.body.replaceChildren(root);
  const sent: Op[][] = [];
  const actions = {
    send: (ops: Op[]) => sent.push(ops),
    undo: vi.fn(),
    redo: vi.fn(),
    select: vi.fn(),
    showPersonas: vi.fn(),
  };
  const store = new Store(data);
  const view = new MapView(
    root,
    store.state,
    { visibleLanes: null, personas: null, mode, zoom, presentation },
    actions,
  );
  store.subscribe((state, ops) => view.update(state, ops));
  return { root, sent, actions, store, view };
}

export function key(target: Element, key: string, init: KeyboardEventInit = {}): void {
  target.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, ...init }));
}
