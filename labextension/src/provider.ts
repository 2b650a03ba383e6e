// A content provider for journey files (JupyterLab ≥ 4.4): JupyterLab's document context
// loads, saves and reverts through it. Saving asks the server's document to save itself
// (the model's atomic save), never writes the tab's text; reverting reloads the server's
// document from disk. Metadata and the file's text come from the ordinary contents API,
// so JupyterLab's own check for a file changed on disk still runs at save time.

import type { DocumentRegistry } from "@jupyterlab/docregistry";
import { type Contents, type IContentProvider, RestContentProvider, ServerConnection } from "@jupyterlab/services";
import { post } from "./connection";

export const PROVIDER_ID = "journeywidgets";

export interface Refresher {
  /** Re-read the file's metadata into the context without reloading the document. */
  refresh(context: DocumentRegistry.IContext<DocumentRegistry.IModel>): Promise<void>;
}

export class JourneyContentProvider implements IContentProvider, Refresher {
  private readonly rest: RestContentProvider;
  private readonly refreshing = new Set<string>();

  constructor(
    private readonly settings: ServerConnection.ISettings,
    private readonly isLoaded: (path: string) => boolean,
  ) {
    this.rest = new RestContentProvider({ apiEndpoint: "api/contents", serverSettings: settings });
  }

  async get(localPath: string, options?: Contents.IFetchOptions): Promise<Contents.IModel> {
    // A context asking for content of a map already shown is a revert: reload the document.
    if (options?.content && this.isLoaded(localPath) && !this.refreshing.has(localPath)) {
      await post(this.settings, "reload", localPath);
    }
    return this.rest.get(localPath, options);
  }

  async save(localPath: string, options: Partial<Contents.IModel> = {}): Promise<Contents.IModel> {
    if (options.content === undefined || options.content === null) {
      return this.rest.save(localPath, options); // a new file or a checkpoint-less touch
    }
    return (await post(this.settings, "save", localPath)) as Contents.IModel;
  }

  async refresh(context: DocumentRegistry.IContext<DocumentRegistry.IModel>): Promise<void> {
    this.refreshing.add(context.path);
    try {
      await context.revert();
    } finally {
      this.refreshing.delete(context.path);
    }
  }
}
