// A widget model with the host API, in memory: records what views send and set, and
// lets a test play the kernel's messages (``emit``).

import type { Host, MapTraits } from "../src/host";
import { presentation, snapshot } from "./fixture";

export function fakeModel(extra: Partial<MapTraits> = {}) {
  const traits: MapTraits = {
    _snapshot: snapshot(),
    _presentation: presentation,
    selected: [],
    visible_lanes: null,
    personas: null,
    mode: "edit",
    zoom: 1,
    ...extra,
  };
  const handlers = new Map<string, Set<(...args: never[]) => void>>();
  const sent: unknown[] = [];
  const calls = { set: [] as string[], saves: 0 };
  const host: Host = {
    get: (key) => traits[key],
    set: (key, value) => {
      calls.set.push(key);
      traits[key] = value;
    },
    on(event, handler) {
      for (const name of event.split(" ")) handlers.set(name, (handlers.get(name) ?? new Set()).add(handler));
    },
    off(event, handler) {
      for (const name of event.split(" ")) handlers.get(name)?.delete(handler);
    },
    send: (content) => sent.push(content),
    save_changes: () => {
      calls.saves++;
    },
  };
  const emit = (event: string, ...args: unknown[]) => {
    for (const handler of handlers.get(event) ?? []) (handler as (...a: unknown[]) => void)(...args);
  };
  return { host, sent, emit, traits, calls };
}
