// Moving steps and cards with HTML drag and drop. The drop sends a move op; the kernel
// answers with the positions, and the map redraws from them.

import type { DropOp } from "./context";
import type { Op } from "./ops";

const DRAG_TYPE = "application/x-journeywidgets";

export function dragSource(element: HTMLElement, table: string, id: string): void {
  element.addEventListener("dragstart", (event) => {
    event.stopPropagation();
    event.dataTransfer?.setData(DRAG_TYPE, JSON.stringify({ table, id }));
    if (event.dataTransfer) event.dataTransfer.effectAllowed = "move";
    element.classList.add("jw-dragging");
  });
  element.addEventListener("dragend", () => element.classList.remove("jw-dragging"));
}

export function dropTarget(element: HTMLElement, tables: string[], ops: DropOp, send: (ops: Op[]) => void): void {
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
    send(ops(dragged));
  });
}
