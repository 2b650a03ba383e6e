// Marks on the map's items from outside the journey: a check's findings (a badge on each
// item a finding concerns, coloured by its worst severity) or a comparison with a
// reference map (each student item marked matched or extra; missing reference items only
// in the list). A list panel beside the grid names every mark; clicking one, or Enter on
// it, selects and focuses its item. The marks come from the kernel's ``_findings`` trait
// (journeywidgets/teaching/findings_view.py); their text is data, for textContent only.
//
// Mounted through the view's extension points (view.ts): ``decorate`` and ``onRender``
// (into ``MapView.aside``, after the evidence panel when there is one).

import { h } from "./dom";
import type { MapView } from "./view";

export type Mark = {
  check: string;
  /** error | warning | info for findings; matched | extra | missing for a comparison. */
  severity: string;
  /** The key of the item to mark ("steps:s1"), or null for the map as a whole. */
  anchor: string | null;
  item: string;
  message: string;
  why: string;
};

export type MarksView = {
  version: number;
  kind?: "findings" | "comparison";
  title?: string;
  summary?: string;
  /** Colour by severity, from the presentation table (render/style.py). */
  colors?: Record<string, string>;
  findings: Mark[];
};

export type MarkActions = {
  marks(): MarksView | null;
  /** Select these step or card ids (the ``selected`` trait). */
  select(ids: string[]): void;
};

/** Worst first: the badge takes the colour of its item's worst mark. */
const RANK = ["error", "missing", "warning", "extra", "info", "matched"];
const SEVERITY_WORDS: Record<string, string> = {
  error: "error",
  warning: "warning",
  info: "note",
  matched: "matched",
  extra: "extra",
  missing: "missing",
};
const SELECTABLE = new Set(["steps", "cards"]);

let panels = 0;

/** Colour an element (and what it holds) by a severity, through ``--jw-mark``. */
function paint(element: HTMLElement, view: MarksView, severity: string): void {
  const colour = view.colors?.[severity];
  if (colour && /^#[0-9A-Fa-f]{6}$/.test(colour)) element.style.setProperty("--jw-mark", colour);
}

function worst(marks: Mark[]): string {
  let best = RANK.length;
  for (const mark of marks) {
    const rank = RANK.indexOf(mark.severity);
    if (rank >= 0 && rank < best) best = rank;
  }
  return RANK[best] ?? "info";
}

/** What a badge says to a screen reader: "2 findings: …; …" or "matched: …". */
export function badgeLabel(view: MarksView, marks: Mark[]): string {
  const texts = marks.map((m) => `${SEVERITY_WORDS[m.severity] ?? m.severity} ${m.check}, ${m.message}`);
  if (view.kind === "comparison") return marks.map((m) => `${m.severity}: ${m.message}`).join("; ");
  return `${marks.length} ${marks.length === 1 ? "finding" : "findings"}: ${texts.join("; ")}`;
}

export class FindingsPanel {
  readonly element: HTMLElement;
  private readonly id = `jw-findings-${++panels}`;
  private readonly heading: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly list: HTMLElement;
  private attached: MapView | null = null;
  private byAnchor = new Map<string, Mark[]>();
  private indexed: MarksView | null = null;
  private shown: MarksView | null | undefined = undefined;

  constructor(private readonly actions: MarkActions) {
    this.heading = h("h2", { class: "jw-findings-title", id: `${this.id}-title`, text: "Findings" });
    this.summary = h("p", { class: "jw-findings-summary" });
    this.list = h("ul", { class: "jw-findings-list", role: "list", "aria-labelledby": `${this.id}-title` });
    this.element = h(
      "section",
      { class: "jw-findings", role: "region", "aria-labelledby": `${this.id}-title` },
      this.heading,
      this.summary,
      this.list,
    );
    this.element.hidden = true;
  }

  /** Badge an item that has marks (a view decorator); drawn afresh with every redraw. */
  readonly decorate = (element: HTMLElement, key: string): void => {
    this.index();
    const view = this.actions.marks();
    const marks = this.byAnchor.get(key);
    if (!view || !marks) return;
    const severity = worst(marks);
    const badgeId = `${this.id}-badge-${key}`.replace(/[^A-Za-z0-9_-]/g, "_");
    const badge = h("span", {
      class: `jw-finding-badge jw-mark-${severity}`,
      id: badgeId,
      role: "img",
      "aria-label": badgeLabel(view, marks),
      title: marks.map((m) => m.message).join("\n"),
      text: view.kind === "comparison" ? (SEVERITY_WORDS[severity] ?? severity) : String(marks.length),
    });
    element.classList.add("jw-has-findings");
    element.dataset.findings = severity;
    paint(element, view, severity);
    const described = element.getAttribute("aria-describedby");
    element.setAttribute("aria-describedby", described ? `${described} ${badgeId}` : badgeId);
    element.append(badge);
  };

  /** After every redraw of ``view``: sit in its aside and list the marks. */
  readonly onRender = (view: MapView): void => {
    this.attached = view;
    if (!view.aside.contains(this.element)) view.aside.append(this.element);
    this.render();
  };

  /** Draw the list for the current marks; unless ``force``, only if they changed. */
  render(force = false): void {
    const view = this.actions.marks();
    if (!force && view === this.shown) return;
    this.shown = view;
    this.index();
    this.element.hidden = !view;
    if (!view) return;
    this.heading.textContent = view.title ?? (view.kind === "comparison" ? "Comparison" : "Findings");
    this.summary.textContent = view.summary ?? "";
    const items = view.findings.map((mark) => this.entry(view, mark));
    if (items.length === 0) items.push(h("li", { class: "jw-finding jw-finding-none", text: "Nothing to report." }));
    this.list.replaceChildren(...items);
  }

  /** Select and focus the item a key names; false if it is not on the map. */
  focus(key: string): boolean {
    const view = this.attached;
    if (!view) return false;
    const [table, ...rest] = key.split(":");
    const id = rest.join(":");
    let target: HTMLElement | null = null;
    for (const element of view.root.querySelectorAll<HTMLElement>(".jw-grid [data-key]")) {
      if (element.dataset.key === key) target = element;
    }
    if (target === null) return false;
    if (table && SELECTABLE.has(table)) this.actions.select([id]);
    target.focus();
    target.scrollIntoView?.({ block: "nearest", inline: "nearest" });
    return true;
  }

  private index(): void {
    const view = this.actions.marks();
    if (view === this.indexed) return;
    this.indexed = view;
    this.byAnchor = new Map();
    for (const mark of view?.findings ?? []) {
      if (mark.anchor === null) continue;
      const list = this.byAnchor.get(mark.anchor) ?? [];
      list.push(mark);
      this.byAnchor.set(mark.anchor, list);
    }
  }

  private entry(view: MarksView, mark: Mark): HTMLElement {
    const severity = h("span", {
      class: `jw-finding-severity jw-mark-${mark.severity}`,
      text: SEVERITY_WORDS[mark.severity] ?? mark.severity,
    });
    paint(severity, view, mark.severity);
    const parts = [
      severity,
      " ",
      h("span", { class: "jw-finding-check", text: mark.check }),
      " ",
      h("span", { class: "jw-finding-message", text: mark.message }),
    ];
    const why = mark.why ? h("p", { class: "jw-finding-why", text: mark.why }) : null;
    const anchor = mark.anchor;
    if (anchor === null) {
      return h("li", { class: "jw-finding", "data-severity": mark.severity }, h("p", {}, ...parts), why);
    }
    const button = h(
      "button",
      { type: "button", class: "jw-finding-go", "data-anchor": anchor, title: `Go to ${mark.item}` },
      ...parts,
    );
    button.addEventListener("click", () => {
      if (!this.focus(anchor)) button.title = `${mark.item} is no longer on the map`;
    });
    return h("li", { class: "jw-finding", "data-severity": mark.severity }, button, why);
  }
}
