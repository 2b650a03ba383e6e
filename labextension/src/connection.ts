// One editor tab's websocket to the Jupyter server's document of a file
// (journeywidgets/server/documents.py). Map-protocol messages go to the view's host;
// document messages (welcome, state, error) go to the panel.

import { URLExt } from "@jupyterlab/coreutils";
import { ServerConnection } from "@jupyterlab/services";

export const API = "journeywidgets/api/documents";

export type Welcome = {
  type: "document";
  path: string;
  snapshot: unknown;
  presentation: unknown;
  read_only: boolean;
  dirty: boolean;
  disk_changed: boolean;
};
export type State = { type: "state"; dirty: boolean; disk_changed: boolean };
export type LoadError = { type: "error"; path: string; message: string; pointer: string | null };
export type DocumentMessage = Welcome | State | LoadError;

export type Handlers = {
  document(message: DocumentMessage): void;
  protocol(message: unknown): void;
  closed(): void;
};

const DOCUMENT_TYPES = new Set(["document", "state", "error"]);

export class DocumentConnection {
  private socket: WebSocket | null = null;
  private queue: string[] = [];
  private disposed = false;
  private retries = 0;

  constructor(
    private path: string,
    private readonly settings: ServerConnection.ISettings,
    private readonly handlers: Handlers,
  ) {
    this.connect();
  }

  /** The file was renamed: follow it. */
  retarget(path: string): void {
    this.path = path;
    this.socket?.close();
  }

  send(message: unknown): void {
    const text = JSON.stringify(message);
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(text);
    else this.queue.push(text);
  }

  dispose(): void {
    this.disposed = true;
    this.socket?.close();
  }

  private connect(): void {
    let url = URLExt.join(this.settings.wsUrl, API, "socket") + `?path=${encodeURIComponent(this.path)}`;
    if (this.settings.appendToken && this.settings.token) url += `&token=${encodeURIComponent(this.settings.token)}`;
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.onopen = () => {
      this.retries = 0;
      for (const text of this.queue.splice(0)) socket.send(text);
    };
    socket.onmessage = (event) => {
      const message = JSON.parse(String(event.data)) as { type?: string };
      if (DOCUMENT_TYPES.has(String(message.type))) this.handlers.document(message as DocumentMessage);
      else this.handlers.protocol(message);
    };
    socket.onclose = () => {
      if (this.socket !== socket || this.disposed) return;
      this.handlers.closed();
      // The server restarted or the network blinked: come back; the welcome resyncs.
      const delay = Math.min(10_000, 250 * 2 ** this.retries++);
      setTimeout(() => !this.disposed && this.connect(), delay);
    };
  }
}

/** POST to one of the document routes (XSRF and token handled by ServerConnection). */
export async function post(
  settings: ServerConnection.ISettings,
  route: string,
  path: string | null,
  body?: unknown,
): Promise<unknown> {
  let url = URLExt.join(settings.baseUrl, API, route);
  if (path !== null) url += `?path=${encodeURIComponent(path)}`;
  const init: RequestInit = { method: "POST" };
  if (body !== undefined) init.body = JSON.stringify(body);
  const response = await ServerConnection.makeRequest(url, init, settings);
  if (!response.ok) throw await ServerConnection.ResponseError.create(response);
  return response.json();
}
