"""The editor's routes on the Jupyter server, behind Jupyter's authentication and XSRF.

    /journeywidgets/api/documents/socket?path=P   websocket: the map protocol for file P
    /journeywidgets/api/documents/save?path=P     POST: save P; answers its contents model
    /journeywidgets/api/documents/reload?path=P   POST: take P as it is on disk
    /journeywidgets/api/documents/new             POST {"directory", "template"}: a new file

Authorization is Jupyter's own, on the ``contents`` resource: reading a file needs
``read``, editing or saving it ``write``. The websocket refuses unauthenticated requests
(403) and checks the origin as Jupyter's kernel sockets do.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

from jupyter_core.utils import ensure_async
from jupyter_server.auth.decorator import authorized, ws_authenticated
from jupyter_server.base.handlers import APIHandler, JupyterHandler
from jupyter_server.base.websocket import WebSocketMixin
from jupyter_server.utils import url_path_join
from tornado import web
from tornado.ioloop import PeriodicCallback
from tornado.websocket import WebSocketClosedError, WebSocketHandler

from ..io import journey_json
from ..model import JourneyError, OperationError
from .documents import SUFFIX, Document, Documents, PathRefused, resolve
from .protocol import rejection_message
from .templates import TEMPLATES, new_journey

AUTH_RESOURCE = "contents"
F = TypeVar("F", bound=Callable[..., Any])
may_write = cast(Callable[[F], F], authorized("write"))
DISK_CHECK_MS = 1000  # how often open files are compared with the disk


def _documents(handler: JupyterHandler) -> Documents:
    documents: Documents = handler.settings["journeywidgets_documents"]
    return documents


def _open(handler: JupyterHandler, api_path: str) -> Document:
    try:
        return _documents(handler).open(api_path)
    except PathRefused as error:
        raise web.HTTPError(403, str(error)) from None
    except FileNotFoundError:
        raise web.HTTPError(404, f"no such file: {api_path}") from None


class DocumentSocket(WebSocketMixin, WebSocketHandler, JupyterHandler):
    """One editor tab of one file."""

    auth_resource = AUTH_RESOURCE
    document: Document | None = None
    can_write = False

    def set_default_headers(self) -> None:
        """JupyterHandler's headers make no sense for a websocket."""

    @ws_authenticated
    async def get(self, *args: Any, **kwargs: Any) -> None:
        user = self.current_user
        if not await ensure_async(self.authorizer.is_authorized(self, user, "read", "contents")):
            raise web.HTTPError(403)
        self.can_write = bool(
            await ensure_async(self.authorizer.is_authorized(self, user, "write", "contents"))
        )
        self.document = _open(self, self.get_argument("path"))
        await super().get(*args, **kwargs)

    def open(self, *args: Any, **kwargs: Any) -> None:
        super().open(*args, **kwargs)
        assert self.document is not None
        self.document.join(self)

    def on_message(self, message: str | bytes) -> None:
        if self.document is None:
            return
        try:
            content = json.loads(message)
        except ValueError:
            return
        kind = content.get("type") if isinstance(content, dict) else None
        if not self.can_write and kind in ("ops", "undo", "redo", "save", "reload", "keep"):
            refusal = OperationError("you may read this file but not change it")
            self.send(rejection_message(content.get("request"), refusal))
            return
        try:
            self.document.receive(self, content)
        except JourneyError as error:
            self.send(rejection_message(None, error))

    def on_close(self) -> None:
        if self.document is not None:
            _documents(self).leave(self.document, self)
            self.document = None

    def send(self, message: dict[str, Any]) -> None:
        try:
            self.write_message(json.dumps(message, ensure_ascii=False, allow_nan=False))
        except WebSocketClosedError:
            self.on_close()


class SaveHandler(APIHandler):
    auth_resource = AUTH_RESOURCE

    @web.authenticated
    @may_write
    async def post(self) -> None:
        api_path = self.get_argument("path")
        document = _documents(self).find(api_path) if _safe(api_path) else None
        if document is None:
            raise web.HTTPError(409, f"{api_path} is not open in the editor")
        try:
            document.save()
        except JourneyError as error:
            raise web.HTTPError(409, str(error)) from None
        await self._answer_model(api_path)

    async def _answer_model(self, api_path: str) -> None:
        get = cast(Callable[..., Any], self.contents_manager.get)
        model = await ensure_async(get(api_path, content=False, require_hash=True))
        self.finish(json.dumps(model, default=_json_default))


class ReloadHandler(SaveHandler):
    @web.authenticated
    @may_write
    async def post(self) -> None:
        api_path = self.get_argument("path")
        document = _documents(self).find(api_path) if _safe(api_path) else None
        if document is not None:
            document.reload()
        self.finish(json.dumps({"path": api_path, "loaded": bool(document and document.journey)}))


class NewHandler(APIHandler):
    auth_resource = AUTH_RESOURCE

    @web.authenticated
    @may_write
    async def post(self) -> None:
        body = self.get_json_body() or {}
        directory = str(body.get("directory") or "").strip("/")
        template = str(body.get("template") or "starter")
        if template not in TEMPLATES:
            raise web.HTTPError(400, f"unknown template {template!r}")
        root: Path = _documents(self).root
        for n in range(1000):
            name = f"untitled{n or ''}{SUFFIX}"
            api_path = f"{directory}/{name}" if directory else name
            try:
                target = resolve(root, api_path)
            except PathRefused as error:
                raise web.HTTPError(403, str(error)) from None
            if not target.exists():
                break
        else:
            raise web.HTTPError(409, "no free untitled name left in this folder")
        if not target.parent.is_dir():
            raise web.HTTPError(404, f"no such folder: {directory}")
        journey_json.save(new_journey(template), target)
        self.set_status(201)
        self.finish(json.dumps({"path": api_path}))


def _safe(api_path: str) -> bool:
    try:
        resolve(Path("/"), api_path)
    except PathRefused:
        return False
    return True


def _json_default(value: object) -> str:
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    raise TypeError(f"not JSON: {type(value).__name__}")


def setup(serverapp: Any) -> None:
    web_app = serverapp.web_app
    documents = Documents(Path(serverapp.root_dir))
    web_app.settings["journeywidgets_documents"] = documents
    base = url_path_join(web_app.settings["base_url"], "journeywidgets", "api", "documents")
    web_app.add_handlers(
        ".*$",
        [
            (url_path_join(base, "socket"), DocumentSocket),
            (url_path_join(base, "save"), SaveHandler),
            (url_path_join(base, "reload"), ReloadHandler),
            (url_path_join(base, "new"), NewHandler),
        ],
    )
    checker = PeriodicCallback(documents.check_disk, DISK_CHECK_MS)
    checker.start()
    web_app.settings["journeywidgets_disk_checker"] = checker
    serverapp.log.info("journeywidgets: journey files open as maps (%s)", base)
