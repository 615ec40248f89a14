"""``civicsite serve``: build into the preview's own folder, serve it on 127.0.0.1, and show
every save at once.

A watcher (inotify through watchfiles; polling where there is none) reports which files changed.
An edit of a page's text alone is shown at once (``preview.quick``: the page parsed and rendered
again against the last good site), then a full build into the preview folder follows, as after
any other change, and has the last word. A page with errors shows its error page while the rest
of the site stays browsable from the last good build (with a banner naming the broken pages);
an error outside the pages (site.yaml, contacts.yaml, hours.yaml, a file) shows the error page
everywhere. Open tabs reload through server-sent events. Drafts and pages still to be published
are built too and marked "Utkast" / "Publiceras <datum>" wherever they appear — in what is
served, never in the output folder.

Not livereload: its reload throttle drops a second save within ~3 s, so an edit could go unseen;
and not a poll of the content folder every 0.2 s (a quarter of a core at 10,000 pages).
"""
from __future__ import annotations

from dataclasses import replace
import datetime as dt
import errno
from pathlib import Path
import queue
import sys
import threading
import time
from typing import Optional

from civicsite.build.cache import open_cache
from civicsite.build.options import BuildOptions, build_moment
from civicsite.build.pipeline import run
from civicsite.content.site import Site
from civicsite.core.errors import Diagnostics
from civicsite.core.messages import _
from civicsite.core.paths import TEMPLATES
from civicsite.preview.quick import quick_pages
from civicsite.preview.server import make_server
from civicsite.preview.status import Status, after_build, with_page
from civicsite.preview.view import View
from civicsite.preview.watch import watch
from civicsite.render.pages import render_page

HOST = "127.0.0.1"  # never all interfaces: the preview shows drafts
PREVIEW_OUTPUT = Path(".civicsite-preview") / "site"  # beside site/, never site/ itself
PORTS_TRIED = 20
INDEX_QUIET = 2.0  # seconds without a build before the search index is made again


class Preview:
    """The builds of one preview and what they leave for the quick renders."""

    def __init__(self, options: BuildOptions, view: View):
        self.options, self.view = options, view
        self.site: Optional[Site] = None     # the last good build's, without page bodies
        self.search_state: dict = {}         # what the last search index left (its shards)
        self.wanted = threading.Event()      # something changed: a full build is due
        self.writing = threading.Lock()      # a build, or the search index's swap
        self.built = threading.Event()       # a good build since the index was last made
        self.quick: queue.Queue = queue.Queue()  # changed paths; None: a new site was built
        self.last_build = 0.0

    def build(self) -> bool:
        """One full build, its problems printed and shown; True when it succeeded."""
        diag = Diagnostics()
        ahead = self.view.overrides()  # rendered ahead before this build read the files
        day, now = build_moment(self.options)
        now = now or dt.datetime.combine(day, dt.time())
        try:
            with self.writing:
                result = run(self.options, diag)
        except Exception as exc:  # a bug or a disk problem: show it, keep serving
            result, error = None, f"{type(exc).__name__}: {exc}"
            diag.error("civicsite", 1, "internal", _(
                "the build stopped ({error}); this is not a mistake in your content", error=error))
        for line in diag.report(strict=self.options.strict):
            print(line, file=sys.stderr)
        site = result.site if result is not None else None
        print(_("civicsite: rebuilt") if site is not None else
              _("civicsite: errors; the browser shows them until they are fixed"), file=sys.stderr)
        before, _generation = self.view.now()
        status = after_build(before, site, diag.problems(self.options.strict), now)
        covered = {url: None for url in ahead} if site is not None else {}
        self.view.publish(status, covered, reload=not _as_shown(before, status, ahead, self.options))
        if site is not None:
            self.site = replace(site, pages=tuple(replace(p, body=None) for p in site.pages))
            self.quick.put(None)
            self.built.set()
        self.last_build = time.monotonic()
        return site is not None

    def changed(self, paths: set[Path]) -> None:
        """Files changed (the watcher's thread): handed to the quick renders' thread."""
        self.quick.put(paths)

    def quicker(self, stop: threading.Event) -> None:
        """Show an edited page's text at once when that is all that changed, then have the
        full build run. After each build, the site-wide values every page shows (menus,
        footers, tags: kept per site and thread) are computed here ahead of the next edit."""
        while not stop.is_set():
            try:
                paths = self.quick.get(timeout=1.0)
            except queue.Empty:
                continue
            site = self.site
            if paths is None:  # a new site was built
                if site is not None and site.pages:
                    render_page(site, replace(site.pages[0], body="", directives=()))
                continue
            while not self.quick.empty():  # changes that came meanwhile go together
                more = self.quick.get()
                paths = paths | more if more is not None else paths
            done = quick_pages(site, paths, self.options.strict) if site is not None else None
            if done:
                status, _generation = self.view.now()
                for page in done:
                    status = with_page(status, page.path, page.problems)
                self.view.publish(status, {page.url: page.html for page in done})
            self.wanted.set()

    def builder(self, stop: threading.Event) -> None:
        while not stop.is_set():
            if self.wanted.wait(1.0):
                self.wanted.clear()
                self.build()

    def indexer(self, stop: threading.Event) -> None:
        """Builds carry the search index over (a preview does not wait for Pagefind to read
        every page); this thread indexes the output again once the builds have paused."""
        from civicsite.build.rendering import search_pages
        from civicsite.output.search import SearchIndexError, refresh_index

        while not stop.is_set():
            if not self.built.wait(1.0) or time.monotonic() - self.last_build < INDEX_QUIET:
                continue
            self.built.clear()
            try:
                self.search_state = refresh_index(
                    self.options.output, self.writing,
                    pages=search_pages(self.site) if self.site is not None else None,
                    last=self.search_state)
            except (SearchIndexError, OSError) as exc:  # shown; the next build tries again
                print(_("civicsite: the search index was not updated ({reason})", reason=exc),
                      file=sys.stderr)


def warm_up(build_date: dt.date, options: BuildOptions) -> None:
    """Pay the first render's one-time costs (template compilation, kept in the build cache as
    builds keep it; Markdown extensions, citizens' texts, locale and holiday data: 2 s on a busy
    machine) up front, so the first fix after a failed start shows at once."""
    from civicsite.core.i18n import LANGUAGES, Translator
    from civicsite.hours.model import holiday_name
    from civicsite.markdown.body import render_markdown
    from civicsite.render.templates import environment, templates_for_build

    try:  # only a head start: the build reports whatever goes wrong here
        templates_for_build(open_cache(options).template_cache())
        env = environment()
        for name in env.list_templates(extensions=["html"]):
            env.get_template(name)
    except Exception:
        return
    render_markdown("# x\n\n*y*", [], lambda d: "")
    for language in LANGUAGES:
        Translator(language)("draft")
        Translator(language).date(build_date)
        for year in (build_date.year - 1, build_date.year, build_date.year + 1):
            holiday_name(build_date.replace(year=year, day=1), language)


def _as_shown(before: Status, after: Status, seen: dict[str, str], options: BuildOptions) -> bool:
    """Whether open tabs already show what this build made: the pages rendered ahead are as
    written and the problems are the same (then they are not reloaded a second time)."""
    if not seen or set(before.problems) != set(after.problems) or after.failed:
        return False
    for url, html in seen.items():
        try:
            if (options.output / url / "index.html").read_text(encoding="utf-8") != html:
                return False
        except OSError:
            return False
    return True


def bind(host: str, port: int, output: Path, view: View):
    """The server on ``port``, or on the next free one (said in one line)."""
    for candidate in range(port, port + PORTS_TRIED):
        try:
            server = make_server(host, candidate, output, view)
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise
            continue
        if candidate != port:
            print(_("civicsite: port {port} is in use; using {free} instead", port=port,
                    free=candidate), file=sys.stderr)
        return server
    raise OSError(errno.EADDRINUSE, _("ports {first}–{last} are all in use", first=port,
                                      last=port + PORTS_TRIED - 1))


def serve(options: BuildOptions, port: int, host: str = HOST) -> int:
    assert options.output is not None
    options = replace(options, drafts=True, preview=True, search_later=options.search)
    view = View(Status(options.content))
    server = bind(host, port, options.output, view)
    preview = Preview(options, view)
    if not preview.build():
        threading.Thread(target=warm_up, args=(build_moment(options)[0], options),
                         daemon=True).start()
    stop = threading.Event()
    threads = [threading.Thread(target=preview.builder, args=(stop,), daemon=True),
               threading.Thread(target=preview.quicker, args=(stop,), daemon=True),
               threading.Thread(target=watch, args=([Path(options.content).resolve(), TEMPLATES],
                                                    preview.changed, stop), daemon=True)]
    if options.search:
        threads.append(threading.Thread(target=preview.indexer, args=(stop,), daemon=True))
    for thread in threads:
        thread.start()
    address = f"http://{host}:{server.server_address[1]}/"
    print(_("civicsite: serving {address} (Ctrl+C stops)", address=address), file=sys.stderr)
    try:
        server.serve_forever(poll_interval=0.5)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
    return 0
