// The evidence panel, beside the grid: the quotes behind the step, card, stage or emotion
// point in focus (participant, source, the quote in its context, codes), filterable by
// participant and persona; quotes are linked and unlinked here as ops (undo works, every
// view follows). Read-only in present mode and on the standalone page. Items that nothing
// backs are marked as assumptions on the grid (decorate) with a legend here.
//
// It is mounted through the view's extension points (view.ts): ``decorators`` and
// ``onRender`` (into ``MapView.aside``); it reads the journey from the store.

import { h } from "./dom";
import { drawSpread } from "./emotion_spread";
import { candidates, type Item, itemsOf, levelOf, type Quote, quotesFor } from "./evidence";
import type { Op, State } from "./ops";
import type { MapView } from "./view";

export type PanelActions = {
  state(): State;
  readOnly(): boolean;
  send(ops: Op[], onRejected: (message: string) => void): void;
};

const LEVEL_WORDS: Record<string, string> = {
  observed: "observed",
  reported: "reported by participants",
  inferred: "inferred",
  assumed: "assumed: nothing backs it",
};

let panels = 0;

export class EvidencePanel {
  readonly element: HTMLElement;
  private key: string | null = null;
  private participant = "";
  private persona = "";
  private readonly id = `jw-evidence-${++panels}`;
  private readonly status: HTMLElement;
  private readonly body: HTMLElement;
  private attached: MapView | null = null;
  private shown: { state: State; key: string | null } | null = null;

  constructor(private readonly actions: PanelActions) {
    this.status = h("p", { class: "jw-evidence-status", role: "status", "aria-live": "polite" });
    this.body = h("div", { class: "jw-evidence-body" });
    this.element = h(
      "section",
      { class: "jw-evidence", role: "region", "aria-labelledby": `${this.id}-title` },
      h("h2", { class: "jw-evidence-title", id: `${this.id}-title`, text: "Evidence" }),
      this.status,
      this.body,
    );
  }

  /** Mark assumed items on a freshly drawn grid (a view decorator). */
  readonly decorate = (element: HTMLElement, key: string, state: State): void => {
    const [table, ...rest] = key.split(":");
    const level = table ? levelOf(state, table, rest.join(":")) : null;
    element.classList.toggle("jw-assumed", level === "assumed");
    if (level) element.dataset.evidence = level;
  };

  /** After every redraw of ``view``: sit in its aside, mark emotion points, follow focus. */
  readonly onRender = (view: MapView): void => {
    if (this.attached !== view) {
      this.attached = view;
      view.root.addEventListener("focusin", (event) => {
        const target = event.target as HTMLElement;
        if (this.element.contains(target)) return;
        const item = target.closest<HTMLElement>("[data-key]");
        if (item?.dataset.key) this.show(item.dataset.key);
      });
    }
    if (view.aside.firstChild !== this.element) view.aside.replaceChildren(this.element);
    this.markPoints(view.root);
    drawSpread(view.root, this.actions.state());
    this.render();
  };

  /** Show the evidence of the item a grid key names. */
  show(key: string): void {
    if (key === this.key) return;
    this.key = key;
    this.render(true);
  }

  /** Draw the panel for the current state; unless ``force``, only if something changed. */
  render(force = false): void {
    const state = this.actions.state();
    if (!force && this.shown?.state === state && this.shown.key === this.key) return;
    this.shown = { state, key: this.key };
    this.element.hidden = state.evidence == null;
    if (state.evidence == null) return;
    const items = this.key ? itemsOf(state, this.key) : [];
    const parts: HTMLElement[] = [this.legend(state)];
    if (items.length === 0) {
      parts.push(
        h("p", { class: "jw-evidence-hint", text: "Select a step, card or emotion point to see its quotes." }),
      );
    } else {
      parts.push(this.filters(state));
      for (const item of items) parts.push(this.group(state, item));
    }
    this.body.replaceChildren(...parts);
  }

  private markPoints(root: HTMLElement): void {
    const state = this.actions.state();
    for (const circle of root.querySelectorAll<SVGElement>("circle[data-emotion]")) {
      const level = levelOf(state, "emotions", circle.dataset.emotion ?? "");
      circle.classList.toggle("jw-assumed", level === "assumed");
    }
  }

  private legend(state: State): HTMLElement {
    return h(
      "p",
      { class: "jw-evidence-legend", title: state.evidence?.rule ?? "" },
      h("span", { class: "jw-assumed-swatch", "aria-hidden": "true" }),
      "Hatched: assumed (no evidence). ",
      h("span", { class: "jw-evidence-rule", text: `Rule: ${state.evidence?.rule ?? ""}` }),
    );
  }

  private filters(state: State): HTMLElement {
    const participants = [...(state.tables.participants?.values() ?? [])].sort(
      (a, b) => Number(a.position) - Number(b.position),
    );
    const personas = [...(state.tables.personas?.values() ?? [])].sort(
      (a, b) => Number(a.position) - Number(b.position),
    );
    const select = (
      name: string,
      label: string,
      value: string,
      options: [string, string][],
      set: (v: string) => void,
    ): HTMLElement => {
      const id = `${this.id}-${name}`;
      const element = h("select", { id, class: "jw-evidence-filter" });
      element.append(h("option", { value: "", text: "all" }));
      for (const [v, text] of options) element.append(h("option", { value: v, text }));
      element.value = value;
      element.addEventListener("change", () => {
        set(element.value);
        this.render(true);
        for (const again of this.body.querySelectorAll("select")) if (again.id === id) again.focus();
      });
      return h("span", { class: "jw-evidence-field" }, h("label", { for: id, text: label }), element);
    };
    return h(
      "div",
      { class: "jw-evidence-filters", role: "group", "aria-label": "Filter quotes" },
      select(
        "participant",
        "Participant",
        this.participant,
        participants.map((p) => [String(p.participant_id), String(p.label)]),
        (v) => {
          this.participant = v;
        },
      ),
      select(
        "persona",
        "Persona",
        this.persona,
        personas.map((p) => [String(p.persona_id), String(p.name)]),
        (v) => {
          this.persona = v;
        },
      ),
    );
  }

  private group(state: State, item: Item): HTMLElement {
    const filter = { participant: this.participant, persona: this.persona };
    const all = quotesFor(state, item);
    const quotes = this.participant || this.persona ? quotesFor(state, item, filter) : all;
    const people = new Set(all.map((q) => q.participantId ?? `segment:${q.segmentId}`)).size;
    const level = levelOf(state, item.table, item.id);
    const headingId = `${this.id}-${item.table}-${item.id}`.replace(/[^A-Za-z0-9_-]/g, "_");
    const list = h("ul", { class: "jw-quotes", "aria-labelledby": headingId });
    for (const quote of quotes) list.append(this.quote(item, quote));
    const summary =
      `${all.length} ${all.length === 1 ? "quote" : "quotes"} from ${people} ` +
      `${people === 1 ? "participant" : "participants"}` +
      (quotes.length !== all.length ? ` (${quotes.length} shown)` : "");
    return h(
      "div",
      { class: "jw-evidence-group", "data-evidence": level ?? "" },
      h("h3", { class: "jw-evidence-item", id: headingId, text: item.label || "(no text)" }),
      h(
        "p",
        { class: "jw-evidence-summary" },
        h("span", { class: `jw-level jw-level-${level ?? "none"}`, text: LEVEL_WORDS[level ?? ""] ?? "not rated" }),
        ` · ${summary}`,
      ),
      quotes.length ? list : h("p", { class: "jw-evidence-hint", text: "No quotes." }),
      this.actions.readOnly() ? null : this.linker(state, item),
    );
  }

  private quote(item: Item, quote: Quote): HTMLElement {
    const meta = [quote.participant, quote.source, quote.via === "link" ? "linked by hand" : "by its codes"]
      .filter(Boolean)
      .join(" · ");
    const body = h(
      "blockquote",
      { class: "jw-quote-text" },
      quote.before ? h("span", { class: "jw-context", text: `…${quote.before}` }) : null,
      h("mark", { text: quote.text }),
      quote.after ? h("span", { class: "jw-context", text: `${quote.after}…` }) : null,
    );
    const codes = quote.codes.length
      ? h("ul", { class: "jw-codes", "aria-label": "Codes" }, ...quote.codes.map((c) => h("li", { text: c })))
      : null;
    const unlink =
      !this.actions.readOnly() && quote.linkId !== null
        ? h("button", {
            type: "button",
            class: "jw-unlink",
            text: "Unlink",
            "aria-label": `Unlink the quote of ${quote.participant} from ${item.label}`,
          })
        : null;
    const linkId = quote.linkId;
    unlink?.addEventListener("click", () => {
      if (linkId !== null) this.send([{ op: "delete", table: "evidence_links", id: linkId }], "Unlinked.");
    });
    return h(
      "li",
      { class: "jw-quote", "data-segment": quote.segmentId },
      h("p", { class: "jw-quote-meta", text: meta }),
      body,
      codes,
      unlink,
    );
  }

  private linker(state: State, item: Item): HTMLElement {
    const id = `${this.id}-link-${item.table}-${item.id}`.replace(/[^A-Za-z0-9_-]/g, "_");
    const choices = candidates(state, item, { participant: this.participant, persona: this.persona });
    const select = h("select", { id, class: "jw-link-choice" });
    for (const choice of choices) select.append(h("option", { value: choice.segmentId, text: choice.label }));
    const button = h("button", { type: "button", class: "jw-link", text: "Link quote" });
    button.disabled = choices.length === 0;
    button.addEventListener("click", () => {
      if (!select.value) return;
      const row = { segment_id: select.value, target_table: item.table, target_id: item.id };
      this.send([{ op: "insert", table: "evidence_links", row }], "Linked.");
    });
    return h(
      "div",
      { class: "jw-evidence-linker" },
      h("label", { for: id, text: `Link a quote to ${item.label || "this item"}` }),
      select,
      button,
    );
  }

  private send(ops: Op[], done: string): void {
    this.status.textContent = done;
    this.actions.send(ops, (message) => {
      this.status.textContent = message;
    });
  }
}
