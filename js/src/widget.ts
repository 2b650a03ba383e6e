// The anywidget entry. ``initialize`` makes one Session (store + kernel protocol) per
// widget model; every ``render`` mounts a MapView on it. ``mount`` does the same for any
// host with the model API, so the map can live outside a notebook too.
//
// Protocol (custom messages; see journeywidgets/widgets/protocol.py):
//   view → kernel  {type: "ops", request, ops} | {type: "undo"} | {type: "redo"}
//                  {type: "sync", version}          (ask for a snapshot if behind)
//   kernel → views {type: "change", version, origin, ops, scale?}
//                  {type: "snapshot", snapshot} | {type: "rejected", request, message, ...}
// The trait ``_snapshot`` holds a whole journey for first paint and saved notebooks;
// ``_presentation`` the look shared with the static picture (presentation.ts).

import type { AnyModel, InitializeProps, RenderProps } from "@anywidget/types";
import { EvidencePanel } from "./evidence_panel";
import { FindingsPanel } from "./findings";
import { hints } from "./hints";
import { type Host, type MapTraits, Session } from "./host";
import { missing, type Presentation } from "./presentation";
import { SaveState } from "./save_state";
import { MapView, type ViewOptions } from "./view";

const sessions = new WeakMap<object, Session>();

function options(host: Host): Omit<ViewOptions, "decorators" | "onRender"> {
  return {
    visibleLanes: host.get("visible_lanes"),
    personas: host.get("personas"),
    mode: host.get("mode"),
    zoom: host.get("zoom"),
    presentation: host.get("_presentation"),
  };
}

function sessionOf(host: Host): Session {
  let session = sessions.get(host);
  if (session === undefined) {
    session = new Session(host);
    sessions.set(host, session);
  }
  return session;
}

/** Mount a map view on ``el``; returns the cleanup. Extra options add decorators. */
export function mount(
  host: Host,
  el: HTMLElement,
  extra: Partial<ViewOptions> = {},
): { view: MapView; dispose: () => void } {
  const gaps = missing(host.get("_presentation"));
  if (gaps.length) throw new Error(`journeywidgets: the presentation table lacks ${gaps.join(", ")}`);
  const session = sessionOf(host);
  const evidence = new EvidencePanel({
    state: () => session.store.state,
    readOnly: () => host.get("mode") === "present",
    send: (ops, onRejected) => session.send(ops, (rejection) => onRejected(rejection.message)),
  });
  const saveState = new SaveState(
    () => host.get("_saved"),
    () => session.store.state.version,
  );
  const findings = new FindingsPanel({
    marks: () => host.get("_findings") ?? null,
    select(ids) {
      host.set("selected", ids);
      host.save_changes();
    },
  });
  const hint = hints(() => host.get("mode") === "present");
  const view = new MapView(
    el,
    session.store.state,
    {
      ...options(host),
      ...extra,
      decorators: [evidence.decorate, findings.decorate, hint, ...(extra.decorators ?? [])],
      onRender: (v) => {
        evidence.onRender(v);
        saveState.place(v.root);
        findings.onRender(v);
        extra.onRender?.(v);
      },
    },
    {
      send: (ops, onRejected) => session.send(ops, onRejected ?? (() => {})),
      undo: () => session.undo(),
      redo: () => session.redo(),
      select(ids) {
        host.set("selected", ids);
        host.save_changes();
      },
      showPersonas(ids) {
        host.set("personas", ids);
        host.save_changes();
      },
    },
  );
  view.setSelection(host.get("selected"));
  const unsubscribe = session.store.subscribe((state, ops) => {
    view.update(state, ops);
    evidence.render(); // also after changes the view patches in place, without a redraw
    saveState.update();
  });
  const onSaved = () => saveState.update();
  host.on("change:_saved", onSaved);
  const onOptions = () => view.setOptions(options(host));
  const onSelected = () => view.setSelection(host.get("selected"));
  const events = "change:visible_lanes change:personas change:mode change:zoom change:_presentation change:_findings";
  host.on(events, onOptions);
  host.on("change:selected", onSelected);
  return {
    view,
    dispose() {
      unsubscribe();
      host.off(events, onOptions);
      host.off("change:selected", onSelected);
      host.off("change:_saved", onSaved);
    },
  };
}

type Model = AnyModel<MapTraits>;

export default {
  initialize({ model }: InitializeProps<MapTraits>) {
    const session = sessionOf(model as unknown as Host);
    return () => {
      session.dispose();
      sessions.delete(model);
    };
  },
  render({ model, el }: RenderProps<MapTraits>) {
    return mount(model as Model as unknown as Host, el).dispose;
  },
};

export type { Presentation };
