// The content of a journey file's tab: the map (the widget's own view, mounted on a
// MapHost over the document's websocket), or an error view if the file does not load.

import { Dialog, showDialog } from "@jupyterlab/apputils";
import type { DocumentRegistry } from "@jupyterlab/docregistry";
import type { ServerConnection } from "@jupyterlab/services";
import { PathExt } from "@jupyterlab/coreutils";
import { Widget } from "@lumino/widgets";
import type { Snapshot } from "../../js/src/ops";
import type { Presentation } from "../../js/src/presentation";
import { mount } from "../../js/src/widget";
import mapCss from "../../js/src/journey_map.css";
import editorCss from "../style/editor.css";
import { DocumentConnection, type DocumentMessage, type LoadError, type Welcome } from "./connection";
import { MapHost, type Traits } from "./host";
import type { Refresher } from "./provider";

export type EditorOptions = {
  context: DocumentRegistry.IContext<DocumentRegistry.IModel>;
  settings: ServerConnection.ISettings;
  refresher: Refresher;
  openAsText(path: string): void;
  /** JupyterLab's Save command (docmanager:save) for this document. */
  save(): void;
};

function installCss(): void {
  if (document.getElementById("journeywidgets-map-css")) return;
  const style = document.createElement("style");
  style.id = "journeywidgets-map-css";
  style.textContent = `${mapCss}\n${editorCss}`;
  document.head.append(style);
}

export class JourneyEditor extends Widget {
  private readonly connection: DocumentConnection;
  private readonly mapNode: HTMLElement;
  private readonly errorNode: HTMLElement;
  private host: MapHost | null = null;
  private unmount: (() => void) | null = null;
  private askingAboutDisk = false;
  private loaded = false;
  private savingHere = false;
  private dirty = false;

  constructor(private readonly options: EditorOptions) {
    super();
    installCss();
    this.addClass("jw-JourneyEditor");
    this.node.tabIndex = -1;
    this.mapNode = document.createElement("div");
    this.mapNode.className = "jw-JourneyEditor-map";
    this.errorNode = document.createElement("div");
    this.errorNode.className = "jw-JourneyEditor-error";
    this.errorNode.setAttribute("role", "alert");
    this.errorNode.hidden = true;
    this.node.append(this.mapNode, this.errorNode);
    const { context } = options;
    this.connection = new DocumentConnection(context.path, options.settings, {
      document: (message) => this.onDocument(message),
      protocol: (message) => this.host?.deliver(message),
      closed: () => this.node.classList.add("jw-mod-disconnected"),
    });
    context.pathChanged.connect((_, path) => this.connection.retarget(path));
    // The map keeps JupyterLab's shortcuts away from its grid (arrows, Delete …); Save
    // must still work there, so the tab hears Ctrl/Cmd+S itself, before the map does.
    this.node.addEventListener(
      "keydown",
      (event) => {
        if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s") {
          event.preventDefault();
          event.stopPropagation();
          options.save();
        }
      },
      true,
    );
    context.saveState.connect((_, state) => {
      this.savingHere = state === "started";
    });
  }

  /** Whether the map has loaded (the content provider asks before reloading the server). */
  get isLoaded(): boolean {
    return this.loaded;
  }

  /** The path of the file shown. */
  get path(): string {
    return this.options.context.path;
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.connection.dispose();
    this.unmount?.();
    super.dispose();
  }

  private onDocument(message: DocumentMessage): void {
    this.node.classList.remove("jw-mod-disconnected");
    if (message.type === "document") this.showMap(message);
    else if (message.type === "error") this.showError(message);
    else {
      const wasDirty = this.dirty;
      // While this tab saves, JupyterLab clears the marker itself when its save completes
      // (clearing it earlier would let a second Ctrl+S fall into the first save).
      if (this.savingHere && !message.dirty) this.dirty = false;
      else this.setDirty(message.dirty);
      // Saved in another tab: take the file's new state, so our next save is no conflict.
      if (wasDirty && !message.dirty && !message.disk_changed && !this.savingHere) {
        void this.options.refresher.refresh(this.options.context).then(() => this.setDirty(this.dirty));
      }
      if (message.disk_changed) void this.askAboutDisk();
    }
  }

  private showMap(welcome: Welcome): void {
    this.loaded = true;
    this.errorNode.hidden = true;
    this.mapNode.hidden = false;
    // A welcome after a reconnect may come from a restarted server (versions start over):
    // mount afresh rather than compare versions.
    this.unmount?.();
    this.mapNode.replaceChildren();
    const traits: Traits = {
      _snapshot: welcome.snapshot as Snapshot,
      _presentation: welcome.presentation as Presentation,
      selected: this.host?.get("selected") ?? [],
      visible_lanes: null,
      personas: null,
      mode: welcome.read_only ? "present" : "edit",
      zoom: this.host?.get("zoom") ?? 1,
    };
    this.host = new MapHost(traits, (message) => this.connection.send(message));
    this.unmount = mount(this.host, this.mapNode).dispose;
    this.node.dataset.readOnly = String(welcome.read_only);
    // JupyterLab's own read-only handling: Save then says the document is read-only.
    this.options.context.model.readOnly = welcome.read_only;
    this.setDirty(welcome.dirty);
    if (welcome.disk_changed) void this.askAboutDisk();
  }

  /** The tab's dirty marker follows the server's document, whichever tab edited it. */
  private setDirty(dirty: boolean): void {
    this.dirty = dirty;
    this.options.context.model.dirty = dirty;
  }

  private showError(error: LoadError): void {
    this.loaded = false;
    this.unmount?.();
    this.unmount = null;
    this.host = null;
    this.mapNode.replaceChildren();
    this.mapNode.hidden = true;
    const heading = document.createElement("h2");
    heading.textContent = "This file cannot be shown as a journey map";
    const message = document.createElement("p");
    message.className = "jw-JourneyEditor-message";
    message.textContent = error.message; // the same message jw.load gives; text, never HTML
    const where = document.createElement("p");
    where.className = "jw-JourneyEditor-pointer";
    where.textContent = error.pointer ? `JSON path of the first problem: ${error.pointer}` : "";
    const note = document.createElement("p");
    note.textContent = "Nothing has been changed or saved. Fix the file as text, then reload it here.";
    const asText = document.createElement("button");
    asText.className = "jp-Button jp-mod-styled jp-mod-accept";
    asText.textContent = "Open as text";
    asText.addEventListener("click", () => this.options.openAsText(this.options.context.path));
    const retry = document.createElement("button");
    retry.className = "jp-Button jp-mod-styled";
    retry.textContent = "Reload";
    retry.addEventListener("click", () => this.connection.send({ type: "reload" }));
    this.errorNode.replaceChildren(heading, message, where, note, asText, retry);
    this.errorNode.hidden = false;
  }

  private async askAboutDisk(): Promise<void> {
    if (this.askingAboutDisk) return;
    this.askingAboutDisk = true;
    const name = PathExt.basename(this.options.context.path);
    try {
      const result = await showDialog({
        title: "File changed on disk",
        body: `“${name}” has changed on disk since it was opened or saved. Reload it from disk (unsaved changes here are lost), or keep the map open here?`,
        buttons: [Dialog.cancelButton({ label: "Keep mine" }), Dialog.warnButton({ label: "Reload" })],
      });
      if (result.button.accept) await this.options.context.revert();
      else this.connection.send({ type: "keep" });
    } finally {
      this.askingAboutDisk = false;
    }
  }
}
