// Parse Mermaid journey texts with the real Mermaid package and print what its DB holds.
// Reads a JSON array of texts on stdin; writes a JSON array of results on stdout.
// Used by tests/test_mermaid.py to hold our reader and writer to Mermaid's own behaviour.
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!DOCTYPE html><body></body>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
Object.defineProperty(globalThis, "navigator", { value: dom.window.navigator, configurable: true });

const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const texts = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const results = [];
for (const text of texts) {
  try {
    await mermaid.parse(text);
    const { db } = await mermaid.mermaidAPI.getDiagramFromText(text);
    results.push({
      ok: true,
      title: db.getDiagramTitle(),
      accTitle: db.getAccTitle(),
      accDescr: db.getAccDescription(),
      sections: [...db.getSections()],  // copies: the DB reuses its arrays for the next text
      tasks: db.getTasks().map((t) => ({ section: t.section, task: t.task, score: String(t.score), people: [...t.people] })),
      actors: [...db.getActors()],
    });
  } catch (error) {
    results.push({ ok: false, error: String(error?.message ?? error).slice(0, 500) });
  }
}
process.stdout.write(JSON.stringify(results));
