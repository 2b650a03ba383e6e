// Hints in empty cells: what belongs there, from the lane's description (a template says
// "What the customer does at this step, in their words"), or else the stage's. A view
// decorator; hints are the map's own text, so textContent only. Not in present mode.

import { h } from "./dom";
import type { State } from "./ops";

function text(value: unknown): string {
  return value === null || value === undefined ? "" : String(value).trim();
}

/** The hint for the cell a key names ("cell:<lane>:<step>"), or "" for none. */
export function cellHint(state: State, key: string): string {
  if (!key.startsWith("cell:")) return "";
  // Ids are user data and may hold ":": the longest lane id the key starts with is the lane.
  let laneId = "";
  for (const id of state.tables.lanes?.keys() ?? []) {
    if (id.length > laneId.length && key.startsWith(`cell:${id}:`)) laneId = id;
  }
  if (!laneId) return "";
  const stepId = key.slice(`cell:${laneId}:`.length);
  const step = state.tables.steps?.get(stepId);
  if (!step) return "";
  const lane = text(state.tables.lanes?.get(laneId)?.description);
  if (lane) return lane;
  return text(state.tables.stages?.get(text(step.stage_id))?.description);
}

/** Make a decorator that writes the hint into each empty cell. */
export function hints(readOnly: () => boolean) {
  return (element: HTMLElement, key: string, state: State): void => {
    if (readOnly() || element.querySelector(".jw-card")) return;
    const hint = cellHint(state, key);
    if (!hint) return;
    element.classList.add("jw-has-hint");
    element.prepend(h("span", { class: "jw-cell-hint", text: hint }));
  };
}
