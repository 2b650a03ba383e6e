// A host for the map view (js/src/host.ts: anywidget's model API, get/set/on/off/send/
// save_changes) backed by a document connection instead of a kernel comm. The widget's own
// ``mount`` (js/src/widget.ts) puts the same view on it: the editor is the widget's map.

import type { Host, MapTraits } from "../../js/src/host";

// As in js/src/host.ts: a listener takes whatever its event carries.
type Listener = (...args: never[]) => void;

export type Traits = MapTraits;

export class MapHost implements Host<MapTraits> {
  private traits: Traits;
  private listeners = new Map<string, Set<Listener>>();

  /** ``send`` delivers a view's message (the map protocol) to the document. */
  constructor(
    initial: Traits,
    private readonly transport: (message: unknown) => void,
  ) {
    this.traits = { ...initial };
  }

  get<K extends keyof Traits & string>(key: K): Traits[K] {
    return this.traits[key];
  }

  /** Set a trait; views listening to ``change:<key>`` hear it (as anywidget's model does). */
  set<K extends keyof Traits & string>(key: K, value: Traits[K]): void {
    if (Object.is(this.traits[key], value)) return;
    this.traits = { ...this.traits, [key]: value };
    this.emit(`change:${key}`, value);
  }

  // Traits live in this tab only (selection, zoom): there is nothing to save to.
  save_changes(): void {}

  on(events: string, listener: Listener): void {
    for (const name of events.split(/\s+/).filter(Boolean)) {
      let set = this.listeners.get(name);
      if (set === undefined) this.listeners.set(name, (set = new Set()));
      set.add(listener);
    }
  }

  off(events?: string | null, listener?: Listener | null): void {
    if (!events) {
      this.listeners.clear();
      return;
    }
    for (const name of events.split(/\s+/).filter(Boolean)) {
      if (listener) this.listeners.get(name)?.delete(listener);
      else this.listeners.delete(name);
    }
  }

  send(message: unknown): void {
    this.transport(message);
  }

  /** A protocol message from the document, for the views: anywidget's ``msg:custom``. */
  deliver(message: unknown): void {
    this.emit("msg:custom", message);
  }

  private emit(name: string, ...args: unknown[]): void {
    for (const listener of [...(this.listeners.get(name) ?? [])]) {
      (listener as (...values: unknown[]) => void)(...args);
    }
  }
}
