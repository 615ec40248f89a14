"""A small static host for tests: serves a built site under a path prefix (``/naringsliv/``) on
127.0.0.1 the way GitHub Pages, GitLab Pages and nginx do: ``dir/`` serves ``dir/index.html``,
``dir`` redirects to ``dir/``, anything else missing gets the site's ``404.html`` with status 404,
and nothing outside the prefix exists.

Used by tests/test_subpath.py, tests/browser/test_alias_browser.py and
tests/browser/test_images_browser.py.
"""
from __future__ import annotations

from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
import mimetypes
from pathlib import Path
import threading
from typing import Iterator
from urllib.parse import unquote, urlsplit

TYPES = {".vcf": "text/vcard", ".ics": "text/calendar", ".xml": "application/xml",
         ".js": "text/javascript", ".css": "text/css", ".html": "text/html; charset=utf-8"}


class SubPathServer(ThreadingHTTPServer):
    """Holds the folder and prefix; the port is free until ``serve`` starts answering."""

    def __init__(self, prefix: str):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.prefix = prefix if prefix.endswith("/") else prefix + "/"
        self.folder: Path | None = None
        self.requests: list[str] = []
        self.answers: list[tuple[str, int, int]] = []  # (path, status, bytes of the body)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_port}{self.prefix}"


class _Handler(BaseHTTPRequestHandler):
    server: SubPathServer

    def log_message(self, *args):
        pass

    def do_HEAD(self):
        self._answer(body=False)

    def do_GET(self):
        self._answer(body=True)

    def _answer(self, body: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        self.server.requests.append(path)
        folder = self.server.folder
        if folder is None or not path.startswith(self.server.prefix) or "/../" in path + "/":
            return self._send(404, b"not found", "text/plain", body)
        target = folder / path[len(self.server.prefix):]
        if target.is_dir() and not path.endswith("/"):
            self.send_response(301)
            self.send_header("Location", path + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if target.is_dir():
            target = target / "index.html"
        if target.is_file() and folder.resolve() in target.resolve().parents:
            kind = TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or \
                "application/octet-stream"
            return self._send(200, target.read_bytes(), kind, body)
        missing = folder / "404.html"
        return self._send(404, missing.read_bytes() if missing.is_file() else b"not found",
                          TYPES[".html"], body)

    def _send(self, status: int, data: bytes, kind: str, body: bool) -> None:
        self.server.answers.append((unquote(urlsplit(self.path).path), status, len(data)))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)


@contextmanager
def subpath_server(prefix: str) -> Iterator[SubPathServer]:
    """A server bound to a free port (so the site can be built for its address), then started;
    set ``server.folder`` before the first request."""
    server = SubPathServer(prefix)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
