// The anywidget entry: connects a MapView to the kernel's JourneyMap.
//
// Protocol (custom messages; see journeywidgets/widgets/protocol.py):
//   view → kernel  {type: "ops", request, ops} | {type: "undo"} | {type: "redo"}
//                  {type: "sync", version}          (ask for a snapshot if behind)
//   kernel → views {type: "change", version, origin, ops, scale?}
//                  {type: "snapshot", snapshot} | {type: "rejected", request, message}
// The trait ``_snapshot`` holds a whole journey for first paint and saved notebooks.

import type { AnyModel, RenderProps } from "@anywidget/types";
import type { Snapshot } from "./ops";
import { type Change, Store } from "./store";
import { MapView, type Mode, type ViewOptions } from "./view";

type Model = {
  _snapshot: Snapshot;
  selected: string[];
  visible_lanes: string[] | null;
  personas: string[] | null;
  mode: Mode;
  zoom: number;
};

type Message =
  | Change
  | { type: "snapshot"; snapshot: Snapshot }
  | { type: "rejected"; request: string | null; message: string };

function options(model: AnyModel<Model>): ViewOptions {
  return {
    visibleLanes: model.get("visible_lanes"),
    personas: model.get("personas"),
    mode: model.get("mode"),
    zoom: model.get("zoom"),
  };
}

let views = 0;

function render({ model, el }: RenderProps<Model>): () => void {
  const viewId = `${Date.now().toString(36)}-${++views}`;
  let requests = 0;
  const mine = new Set<string>();
  const store = new Store(model.get("_snapshot"));
  const view = new MapView(el, store.state, options(model), {
    send(ops) {
      const request = `${viewId}:${++requests}`;
      mine.add(request);
      model.send({ type: "ops", request, ops });
    },
    undo: () => model.send({ type: "undo" }),
    redo: () => model.send({ type: "redo" }),
    select(ids) {
      model.set("selected", ids);
      model.save_changes();
    },
  });
  view.setSelection(model.get("selected"));
  const unsubscribe = store.subscribe((state, ops) => view.update(state, ops));

  const onMessage = (message: Message) => {
    if (message.type === "change") {
      if (store.receive(message) === "gap") model.send({ type: "sync", version: store.state.version });
    } else if (message.type === "snapshot") {
      store.reset(message.snapshot);
    } else if (message.type === "rejected" && message.request !== null && mine.delete(message.request)) {
      view.showError(message.message);
    }
  };
  const onSnapshot = () => store.reset(model.get("_snapshot"));
  const onOptions = () => view.setOptions(options(model));
  const onSelected = () => view.setSelection(model.get("selected"));
  model.on("msg:custom", onMessage);
  model.on("change:_snapshot", onSnapshot);
  model.on("change:visible_lanes change:personas change:mode change:zoom", onOptions);
  model.on("change:selected", onSelected);
  // A view drawn late, or after a reload, may hold an old snapshot: ask to catch up.
  model.send({ type: "sync", version: store.state.version });
  return () => {
    unsubscribe();
    model.off("msg:custom", onMessage);
    model.off("change:_snapshot", onSnapshot);
    model.off("change:visible_lanes change:personas change:mode change:zoom", onOptions);
    model.off("change:selected", onSelected);
  };
}

export default { render };
