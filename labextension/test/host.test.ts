// The map's own render function (js/src/widget.ts), mounted on MapHost as the editor
// mounts it: what the view sends reaches the transport, what the document sends reaches
// the view.

import { describe, expect, it } from "vitest";
import { mount as mountMap } from "../../js/src/widget";
import { presentation, snapshot, VERSION } from "../../js/test/fixture";
import { MapHost, type Traits } from "../src/host";

function mount() {
  const el = document.createElement("div");
  document.body.replaceChildren(el);
  const sent: Array<Record<string, unknown>> = [];
  const traits: Traits = {
    _snapshot: snapshot(),
    _presentation: presentation,
    selected: [],
    visible_lanes: null,
    personas: null,
    mode: "edit",
    zoom: 1,
  };
  const host = new MapHost(traits, (message) => sent.push(message as Record<string, unknown>));
  const unmount = mountMap(host, el).dispose;
  return { el, host, sent, unmount };
}

const stepName = (el: HTMLElement, id: string) => el.querySelector(`.jw-step[data-id="${id}"] .jw-text`)?.textContent;

describe("MapHost", () => {
  it("mounts the widget's view and asks to catch up", () => {
    const { el, sent } = mount();
    expect(stepName(el, "s1")).toBe("See ad");
    expect(sent).toEqual([{ type: "sync", version: VERSION }]);
  });

  it("delivers the document's changes to the view", () => {
    const { el, host } = mount();
    host.deliver({
      type: "change",
      version: VERSION + 1,
      origin: "view",
      ops: [{ op: "update", table: "steps", id: "s1", values: { name: "Sees a poster" } }],
    });
    expect(stepName(el, "s1")).toBe("Sees a poster");
  });

  it("sends the view's edits as the widget's protocol", () => {
    const { el, sent } = mount();
    const text = el.querySelector<HTMLElement>('.jw-step[data-id="s1"] .jw-text');
    text?.dispatchEvent(new MouseEvent("dblclick", { bubbles: true }));
    const input = el.querySelector<HTMLTextAreaElement>("textarea.jw-editor");
    expect(input).not.toBeNull();
    if (input === null) return;
    input.value = "Sees a poster";
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    const edit = sent.find((message) => message.type === "ops");
    expect(edit?.ops).toEqual([{ op: "update", table: "steps", id: "s1", values: { name: "Sees a poster" } }]);
    expect(String(edit?.request)).toMatch(/:1$/);
  });

  it("tells listeners of a trait, and stops when they leave", () => {
    const { host, unmount } = mount();
    const heard: unknown[] = [];
    const listener = (value: never) => heard.push(value);
    host.on("change:zoom change:mode", listener);
    host.set("zoom", 2);
    host.set("zoom", 2); // unchanged: nothing to hear
    host.off("change:zoom", listener);
    host.set("zoom", 1);
    host.set("mode", "present");
    expect(heard).toEqual([2, "present"]);
    unmount();
  });
});
