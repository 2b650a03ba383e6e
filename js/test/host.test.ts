// One session per model shared by its views; mount() on any host with the model API.

import { describe, expect, it } from "vitest";
import widget, { mount } from "../src/widget";
import { fakeModel } from "./fake_model";
import { VERSION } from "./fixture";

describe("host and session", () => {
  it("shares one store between the views of a model; a refusal reaches only the sender", () => {
    const { host, sent, emit } = fakeModel();
    const cleanup = widget.initialize({ model: host as never } as never);
    const a = document.createElement("div");
    const b = document.createElement("div");
    document.body.replaceChildren(a, b);
    mount(host, a);
    mount(host, b);
    expect(sent.filter((m) => (m as { type: string }).type === "sync")).toHaveLength(1); // one session
    emit("msg:custom", {
      type: "change",
      version: VERSION + 1,
      origin: "python",
      ops: [{ op: "update", table: "steps", id: "s1", values: { name: "Both 都" } }],
    });
    for (const root of [a, b])
      expect(root.querySelector('.jw-step[data-id="s1"] .jw-text')?.textContent).toBe("Both 都");
    (a.querySelector('[data-action="add-lane"]') as HTMLElement).click();
    const request = (sent.at(-1) as { request: string }).request;
    emit("msg:custom", {
      type: "rejected",
      request,
      message: "no",
      reason: "no",
      table: null,
      row: null,
      column: null,
    });
    expect((a.querySelector(".jw-error") as HTMLElement).hidden).toBe(false);
    expect((b.querySelector(".jw-error") as HTMLElement).hidden).toBe(true);
    (cleanup as () => void)();
  });

  it("refuses to draw without the presentation table, saying what is missing", () => {
    const { host, traits } = fakeModel();
    traits._presentation = {} as never;
    expect(() => mount(host, document.createElement("div"))).toThrow(/persona_colors/);
  });

  it("lets decorators add to items and onRender hear redraws", () => {
    const { host } = fakeModel();
    const el = document.createElement("div");
    let renders = 0;
    mount(host, el, {
      decorators: [
        (element, key) => {
          if (key === "steps:s3") element.append(Object.assign(document.createElement("span"), { className: "badge" }));
        },
      ],
      onRender: () => {
        renders += 1;
      },
    });
    expect(el.querySelectorAll(".badge")).toHaveLength(1);
    expect(el.querySelector('.jw-step[data-id="s3"] .badge')).not.toBeNull();
    expect(renders).toBe(1);
  });
});
