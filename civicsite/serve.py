"""``civicsite serve``: build, serve on 127.0.0.1 only, rebuild and reload the browser on change.

The loop is deliberately plain: a watcher thread polls the content folder and the templates, and
on any change calls :func:`rebuild` once. When a build fails, every page request gets an error
page listing the problems (and the output folder keeps the last good build); the next good build
brings the pages back. Open tabs reload through a small script (``/__civicsite/reload.js``)
listening to server-sent events. Drafts are always shown, marked "Utkast".

Not livereload: its reload throttle drops a second save within ~3 s, so an edit could go unseen.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
import os
from pathlib import Path
import re
import sys
import threading
from typing import Callable, Optional
from urllib.parse import unquote

from civicsite.build.options import BuildOptions
from civicsite.build.pipeline import run
from civicsite.core.clock import default_build_date
from civicsite.core.errors import ContentError, Diagnostics
from civicsite.core.i18n import Translator
from civicsite.core.paths import TEMPLATES
from civicsite.render.templates import environment

HOST = "127.0.0.1"  # never all interfaces: the preview shows drafts
POLL_SECONDS = 0.2
PREFIX = "/__civicsite/"
RELOAD_JS = """\
(function () {
  var me = document.currentScript, seen = me.getAttribute("data-generation");
  var events = new EventSource("/__civicsite/events");
  events.onmessage = function (e) { if (e.data !== seen) { location.reload(); } };
})();
"""


@dataclass
class State:
    """What the server shows: the generation (one per build) and the last build's problems."""

    generation: int = 0
    problems: list[ContentError] = field(default_factory=list)
    failed: bool = False
    changed: threading.Condition = field(default_factory=threading.Condition)
    writing: threading.Lock = field(default_factory=threading.Lock)  # a build, or the index swap
    index_wanted: threading.Event = field(default_factory=threading.Event)

    def publish(self, failed: bool, problems: list[ContentError]) -> None:
        with self.changed:
            self.generation += 1
            self.failed, self.problems = failed, problems
            self.changed.notify_all()


def rebuild(options: BuildOptions, state: State) -> bool:
    """One build with its problems printed and published to the browser; True when it succeeded."""
    diag = Diagnostics()
    try:
        with state.writing:
            site = run(replace(options, build_date=options.build_date or default_build_date(),
                               search_later=options.search), diag)
    except Exception as exc:  # a bug or a disk problem: show it, keep serving
        site = None
        diag.error("civicsite", 1, "internal", f"the build stopped ({type(exc).__name__}: {exc}); "
                   "this is not a mistake in your content")
    for line in diag.report(strict=options.strict):
        print(line, file=sys.stderr)
    print("civicsite: rebuilt" if site else "civicsite: errors; the browser shows them until "
          "they are fixed", file=sys.stderr)
    state.publish(site is None, diag.problems(options.strict))
    if site is not None and options.search:
        state.index_wanted.set()
    return site is not None


def index_in_background(options: BuildOptions, state: State, stop: threading.Event) -> None:
    """Builds carry the search index over (a preview should not wait for Pagefind to read every
    page); this thread indexes the published folder again after each build."""
    from civicsite.output.search import SearchIndexError, refresh_index

    while not stop.is_set():
        if not state.index_wanted.wait(POLL_SECONDS):
            continue
        state.index_wanted.clear()
        try:
            refresh_index(options.output, _language(options.content), state.writing)
        except (SearchIndexError, OSError) as exc:  # shown; the next build tries again
            print(f"civicsite: the search index was not updated ({exc})", file=sys.stderr)


def snapshot(folders: list[Path]) -> dict[str, tuple[int, int]]:
    """Modification time and size of every file under ``folders``."""
    seen = {}
    for folder in folders:
        for dirpath, _, files in os.walk(folder):
            for name in files:
                path = os.path.join(dirpath, name)
                try:
                    st = os.stat(path)
                except OSError:  # deleted while walking
                    continue
                seen[path] = (st.st_mtime_ns, st.st_size)
    return seen


def watch(folders: list[Path], on_change: Callable[[], object], stop: threading.Event) -> None:
    """Call ``on_change`` once after each batch of changes (polling: works on every file system)."""
    before = snapshot(folders)
    while not stop.wait(POLL_SECONDS):
        now = snapshot(folders)
        if now != before:
            before = now
            on_change()


def warm_up(build_date) -> None:
    """Pay the first render's one-time costs (template compilation, Markdown extensions, locale
    and holiday data, ~1 s) up front, so the first fix after a failed start shows at once."""
    from civicsite.core.i18n import LANGUAGES
    from civicsite.hours.model import holiday_name
    from civicsite.markdown.body import render_markdown

    env = environment()
    for name in env.list_templates(extensions=["html"]):
        env.get_template(name)
    render_markdown("# x\n\n*y*", [], lambda d: "")
    for language in LANGUAGES:
        Translator(language).date(build_date)
        for year in (build_date.year - 1, build_date.year, build_date.year + 1):
            holiday_name(build_date.replace(year=year, day=1), language)


def error_page(problems: list[ContentError], language: str, generation: int) -> str:
    """The page the browser shows while the content has errors."""
    template = environment().get_template("serve_error.html")
    errors = [p for p in problems if p.level == "error"] or problems
    return template.render(t=Translator(language), problems=errors, generation=generation,
                           language=language)


def _handler(output: Path, state: State, content: str):
    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(output), **kwargs)

        def log_message(self, *args) -> None:  # the terminal is for content errors
            pass

        def translate_path(self, path: str) -> str:
            """The standard mapping drops ``..``; links are checked too: a file is served only
            when its real path is inside the real output folder."""
            local = super().translate_path(path)
            real, root = os.path.realpath(local), os.path.realpath(output)
            if real != root and not real.startswith(root + os.sep):
                return os.path.join(root, ".civicsite-denied", "outside")  # never built: 404
            return local

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0].split("#", 1)[0]
            if ".." in re.split(r"[/\\]", unquote(unquote(path))):  # no climbing, however encoded
                return self.send_error(HTTPStatus.NOT_FOUND)
            if path == PREFIX + "reload.js":
                return self._send(HTTPStatus.OK, RELOAD_JS.encode(), "text/javascript")
            if path == PREFIX + "events":
                return self._events()
            if not self._is_page(path):
                return super().do_GET()
            if state.failed:
                body = error_page(state.problems, _language(content), state.generation)
                return self._send(HTTPStatus.INTERNAL_SERVER_ERROR, body.encode(), "text/html")
            file = Path(self.translate_path(path))
            if file.is_dir():
                if not path.endswith("/"):
                    self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                    self.send_header("Location", path + "/")
                    self.end_headers()
                    return None
                file = file / "index.html"
            status = HTTPStatus.OK
            if not file.is_file():
                file, status = output / "404.html", HTTPStatus.NOT_FOUND
            try:
                html = file.read_text(encoding="utf-8")
            except OSError:  # between two builds, or no good build yet
                html, status = "<!DOCTYPE html><title>…</title><body></body>", HTTPStatus.NOT_FOUND
            return self._send(status, _with_reload(html, state.generation).encode(), "text/html")

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
            """Server-sent events: the current generation now and after every build."""
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            sent: Optional[int] = None
            try:
                while True:
                    with state.changed:
                        if sent == state.generation:
                            state.changed.wait(timeout=10)
                        generation = state.generation
                    message = f"data: {generation}\n\n" if generation != sent else ": keep-alive\n\n"
                    self.wfile.write(message.encode())
                    self.wfile.flush()
                    sent = generation
            except (BrokenPipeError, ConnectionResetError):
                return
    return Handler


def _with_reload(html: str, generation: int) -> str:
    script = f'<script src="{PREFIX}reload.js" data-generation="{generation}"></script>'
    at = html.rfind("</body>")
    return html[:at] + script + html[at:] if at >= 0 else html + script


def _language(content: str) -> str:
    """The site's language for the error page, read leniently (the content may be broken)."""
    try:
        import yaml
        data = yaml.safe_load(Path(content, "site.yaml").read_text(encoding="utf-8"))
        return data.get("language", "sv") if data.get("language") in ("sv", "en") else "sv"
    except Exception:  # any problem: its own error is on the error page
        return "sv"


def serve(options: BuildOptions, port: int, host: str = HOST) -> int:
    options = replace(options, drafts=True)  # drafts are previewed, marked "Utkast"
    assert options.output is not None
    state = State()
    if not rebuild(options, state):
        threading.Thread(target=warm_up, args=(options.build_date or default_build_date(),),
                         daemon=True).start()
    stop = threading.Event()
    threading.Thread(target=index_in_background, args=(options, state, stop), daemon=True).start()
    folders = [Path(options.content), TEMPLATES]
    watcher = threading.Thread(target=watch, args=(folders, lambda: rebuild(options, state), stop),
                               daemon=True)
    watcher.start()
    server = ThreadingHTTPServer((host, port), _handler(options.output.resolve(), state,
                                                        options.content))
    server.daemon_threads = True
    print(f"civicsite: serving http://{host}:{port}/ (Ctrl+C stops)", file=sys.stderr)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
    return 0
