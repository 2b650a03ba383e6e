// The JupyterLab (and Notebook 7) extension: `.journey.json` files open as the map.
//
// The file type and a widget factory that is its default (double-click opens the map;
// "Open With › Editor" keeps the JSON text editor), a content provider so JupyterLab's
// context saves through the server's document, File › New and the Launcher's
// "Journey map". Dirty marker, Ctrl/Cmd+S, autosave and "Reload from Disk" are
// JupyterLab's own, working through the content provider.

import { type JupyterFrontEnd, type JupyterFrontEndPlugin } from "@jupyterlab/application";
import { ABCWidgetFactory, type DocumentRegistry, DocumentWidget, TextModelFactory } from "@jupyterlab/docregistry";
import { IDefaultFileBrowser } from "@jupyterlab/filebrowser";
import { ILauncher } from "@jupyterlab/launcher";
import { IMainMenu } from "@jupyterlab/mainmenu";
import type { Contents } from "@jupyterlab/services";
import { post } from "./connection";
import { journeyIcon } from "./icon";
import { JourneyEditor } from "./panel";
import { JourneyContentProvider, PROVIDER_ID, type Refresher } from "./provider";

const FILE_TYPE = "journey-map";
const FACTORY = "Journey map";
const MODEL = "journeywidgets-text";
const CREATE = "journeywidgets:create-new";

type JourneyDocument = DocumentWidget<JourneyEditor, DocumentRegistry.IModel>;

/** The text of the file stays in JupyterLab's text model (it is never written from there). */
class JourneyModelFactory extends TextModelFactory {
  get name(): string {
    return MODEL;
  }
}

class JourneyWidgetFactory extends ABCWidgetFactory<JourneyDocument, DocumentRegistry.IModel> {
  constructor(
    options: DocumentRegistry.IWidgetFactoryOptions<JourneyDocument>,
    private readonly app: JupyterFrontEnd,
    private readonly refresher: Refresher,
  ) {
    super(options);
  }

  protected createNewWidget(context: DocumentRegistry.IContext<DocumentRegistry.IModel>): JourneyDocument {
    const content = new JourneyEditor({
      context,
      settings: this.app.serviceManager.serverSettings,
      refresher: this.refresher,
      openAsText: (path) => void this.app.commands.execute("docmanager:open", { path, factory: "Editor" }),
      save: () => void this.app.commands.execute("docmanager:save"),
    });
    const widget = new DocumentWidget({ context, content });
    widget.title.icon = journeyIcon;
    widget.addClass("jw-JourneyDocument");
    return widget;
  }
}

const plugin: JupyterFrontEndPlugin<void> = {
  id: "journeywidgets:editor",
  description: "Open .journey.json files as journey maps.",
  autoStart: true,
  optional: [ILauncher, IMainMenu, IDefaultFileBrowser],
  activate(
    app: JupyterFrontEnd,
    launcher: ILauncher | null,
    mainMenu: IMainMenu | null,
    fileBrowser: IDefaultFileBrowser | null,
  ): void {
    const settings = app.serviceManager.serverSettings;
    const editors = new Set<JourneyEditor>();
    const provider = new JourneyContentProvider(settings, (path) =>
      [...editors].some((editor) => editor.isLoaded && editor.path === path),
    );
    // ContentsManager has a default drive; the IManager interface does not say so.
    const contents = app.serviceManager.contents as { defaultDrive?: Contents.IDrive };
    const registry = contents.defaultDrive?.contentProviderRegistry;
    if (!registry) throw new Error("journeywidgets needs JupyterLab 4.4 or newer (content providers)");
    registry.register(PROVIDER_ID, provider);

    app.docRegistry.addModelFactory(new JourneyModelFactory(false));
    app.docRegistry.addFileType({
      name: FILE_TYPE,
      displayName: "Journey map",
      extensions: [".journey.json"],
      mimeTypes: ["application/json"],
      contentType: "file",
      fileFormat: "text",
      icon: journeyIcon,
    });
    const widgets = new JourneyWidgetFactory(
      {
        name: FACTORY,
        label: "Journey map",
        modelName: MODEL,
        fileTypes: [FILE_TYPE],
        defaultFor: [FILE_TYPE],
        contentProviderId: PROVIDER_ID,
      },
      app,
      provider,
    );
    widgets.widgetCreated.connect((_, widget) => {
      editors.add(widget.content);
      widget.disposed.connect(() => editors.delete(widget.content));
    });
    app.docRegistry.addWidgetFactory(widgets);

    app.commands.addCommand(CREATE, {
      label: (args) => (args.isPalette ? "New Journey map" : "Journey map"),
      caption: "A new journey map file (.journey.json)",
      icon: (args) => (args.isPalette ? undefined : journeyIcon),
      execute: async (args) => {
        const directory = String(args.cwd ?? fileBrowser?.model.path ?? "");
        const created = (await post(settings, "new", null, { directory, template: "starter" })) as { path: string };
        await fileBrowser?.model.refresh();
        return app.commands.execute("docmanager:open", { path: created.path, factory: FACTORY });
      },
    });
    launcher?.add({ command: CREATE, category: "Other", rank: 1 });
    mainMenu?.fileMenu.newMenu.addItem({ command: CREATE, rank: 30 });
  },
};

export default plugin;
