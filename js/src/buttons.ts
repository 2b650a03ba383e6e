// Small buttons inside the map's items. They are part of their item for the keyboard:
// Tab reaches them only while their item is the grid's active cell (see grid_keys.ts).

import { h } from "./dom";

export function iconButton(label: string, name: string, action: () => void, className = ""): HTMLButtonElement {
  const button = h("button", {
    type: "button",
    class: `jw-icon ${className}`.trim(),
    "aria-label": name,
    title: name,
    tabindex: -1,
    text: label,
  });
  button.addEventListener("click", (event) => {
    event.stopPropagation();
    action();
  });
  return button;
}

/** A details button: opens the inspector for the item. */
export function detailsButton(name: string, inspect: () => void): HTMLButtonElement {
  return iconButton("⋯", `Details of ${name}`, inspect, "jw-details");
}
