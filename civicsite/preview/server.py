"""The preview's HTTP side: the output folder's files, pages with the preview's marks, the error
page of a broken page, and an event stream that tells open tabs to reload. It answers only
requests addressed to itself (``Host`` is the address it serves): a web page elsewhere cannot
read drafts through the editor's browser by pointing a name of its own at 127.0.0.1 (DNS
rebinding). Files are served only from inside the output folder."""
from __future__ import annotations

from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
import os
from pathlib import Path
import re
import sys
from typing import Optional
from urllib.parse import unquote

from civicsite.core.messages import _
from civicsite.preview.marks import PREFIX, decorate, error_page, with_reload
from civicsite.preview.view import View

ASSETS = {"reload.js": "text/javascript", "preview.css": "text/css"}
HERE = Path(__file__).resolve().parent


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The ``Host`` values of requests addressed to this server (lower case)."""
    names = {"127.0.0.1", "localhost", host.lower()}
    if ":" in host and not host.startswith("["):  # an IPv6 address is written in brackets
        names.add(f"[{host.lower()}]")
    hosts = {f"{name}:{port}" for name in names}
    return frozenset(hosts | (names if port == 80 else set()))


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A tab closed or reloaded while it was answered is no error; anything else is one
        line (the terminal is for content errors), not a traceback."""
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):
            what = f"{type(error).__name__}: {error}"
            print(_("civicsite: a request to the preview failed ({error})", error=what),
                  file=sys.stderr)


def make_server(host: str, port: int, output: Path, view: View) -> ThreadingHTTPServer:
    """The server bound to ``host:port`` (OSError when the port is taken)."""
    server = PreviewServer((host, port), _handler(output.resolve(), view))
    view.hosts = allowed_hosts(host, server.server_address[1])
    return server


def _handler(output: Path, view: View):
    root = os.path.realpath(output)

    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(output), **kwargs)

        def log_message(self, *args) -> None:  # the terminal is for content errors
            pass

        def translate_path(self, path: str) -> str:
            """The standard mapping drops ``..``; links are checked too: a file is served only
            when its real path is inside the real output folder."""
            local = super().translate_path(path)
            real = os.path.realpath(local)
            if real != root and not real.startswith(root + os.sep):
                return os.path.join(root, ".civicsite-denied", "outside")  # never built: 404
            return local

        def do_HEAD(self) -> None:
            if self._foreign():
                return None
            return super().do_HEAD()

        def do_GET(self) -> None:
            if self._foreign():
                return None
            path = self.path.split("?", 1)[0].split("#", 1)[0]
            if ".." in re.split(r"[/\\]", unquote(unquote(path))):  # no climbing, however encoded
                return self.send_error(HTTPStatus.NOT_FOUND)
            if path.startswith(PREFIX):
                return self._own(path[len(PREFIX):])
            if not self._is_page(path):
                return super().do_GET()
            return self._page(path)

        def _foreign(self) -> bool:
            """Answer 403 to a request addressed to another name than this server's."""
            if (self.headers.get("Host") or "").strip().lower() in view.hosts:
                return False
            self._send(HTTPStatus.FORBIDDEN, b"Forbidden: this preview answers only its own "
                       b"address.\n", "text/plain")
            return True

        def _own(self, name: str) -> None:
            if name == "events":
                return self._events()
            if name in ASSETS:
                return self._send(HTTPStatus.OK, (HERE / name).read_bytes(), ASSETS[name])
            return self.send_error(HTTPStatus.NOT_FOUND)

        def _page(self, path: str) -> None:
            status, generation = view.now()
            url = unquote(path).lstrip("/")
            url = url[:-len("index.html")] if url.endswith("index.html") else url
            if status.blocking:
                body = error_page(status.errors(), generation, whole_site=True)
                return self._send(HTTPStatus.INTERNAL_SERVER_ERROR, body.encode(), "text/html")
            errors = status.errors_of(url)
            if errors:
                body = error_page(errors, generation, whole_site=False)
                return self._send(HTTPStatus.INTERNAL_SERVER_ERROR, body.encode(), "text/html")
            html, code = view.override(url), HTTPStatus.OK
            if html is None:
                file = Path(self.translate_path(path))
                if file.is_dir():
                    if not path.endswith("/"):
                        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                        self.send_header("Location", path + "/")
                        self.end_headers()
                        return None
                    file = file / "index.html"
                html = _read(file)
                if html is None:
                    html, code = _read(output / "404.html"), HTTPStatus.NOT_FOUND
            if html is None:  # no good build yet
                html, code = "<!DOCTYPE html><title>…</title><body></body>", HTTPStatus.NOT_FOUND
                return self._send(code, with_reload(html, generation).encode(), "text/html")
            return self._send(code, decorate(html, url, status, generation).encode(), "text/html")

        def _is_page(self, path: str) -> bool:
            last = path.rsplit("/", 1)[-1]
            return not last or last.endswith(".html") or "." not in last

        def _send(self, status: HTTPStatus, body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def _events(self) -> None:
            """Server-sent events: the current generation now and after every change."""
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            sent: Optional[int] = None
            try:
                while True:
                    generation = view.wait(sent, timeout=10)
                    message = f"data: {generation}\n\n" if generation != sent else ": keep-alive\n\n"
                    self.wfile.write(message.encode())
                    self.wfile.flush()
                    sent = generation
            except (BrokenPipeError, ConnectionResetError):
                return
    return Handler


def _read(file: Path) -> Optional[str]:
    try:
        return file.read_text(encoding="utf-8") if file.is_file() else None
    except OSError:  # between two builds
        return None
