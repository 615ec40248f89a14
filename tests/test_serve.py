"""`build.py serve`: serves on 127.0.0.1 only, rebuilds on change, shows an error page while the
content is broken (the output folder keeps the last good build), shows drafts marked Utkast."""
from pathlib import Path
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(predicate, seconds: float = 20.0):
    """Poll until predicate() is truthy (bounded: the test fails rather than hangs)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail("the dev server did not reach the expected state in time")


def _get(port: int, path: str = "") -> str:
    """The body of a page answered 200 (an error status raises)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=2) as response:
        return response.read().decode("utf-8")


def _listening_addresses(port: int) -> set[str]:
    """Local addresses in LISTEN state on ``port``, from /proc/net/tcp{,6} (Linux)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


def _start(tmp_path: Path, *extra: str, output: bool = True):
    """``serve`` on a copy of the example content: (content, output, port, process). Without
    ``output`` it builds into its own folder, as the handbook runs it."""
    content, out, port = tmp_path / "content", tmp_path / "site", _free_port()
    shutil.copytree(ROOT / "content", content)
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--content", str(content),
         *(["--output", str(out)] if output else []), "--port", str(port), "--date", "2026-11-25",
         *extra], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return content, out, port, server


def _status(port: int, path: str = "") -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=2) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc")
def test_serve_builds_into_its_own_folder_and_one_broken_page_leaves_the_rest(tmp_path):
    content, _site, port, server = _start(tmp_path, output=False)
    try:
        assert "<h1>Näringsliv i Hallstahammar</h1>" in _wait_for(lambda: _get(port))
        assert _listening_addresses(port) == {"0100007F"}  # 127.0.0.1 and nothing else
        # the published folder is never written by the preview
        assert not (tmp_path / "site").exists()
        preview = tmp_path / ".civicsite-preview" / "site"
        assert (preview / "index.html").is_file()

        page = content / "index.md"
        page.write_text(page.read_text(encoding="utf-8").replace(
            "title: Näringsliv i Hallstahammar", "title: Ändrad rubrik", 1), encoding="utf-8")
        _wait_for(lambda: "<h1>Ändrad rubrik</h1>" in _get(port))

        # one broken page: its own address shows its error page, the others browse on
        (content / "trasig.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
        code, text = _wait_for(lambda: (r := _status(port, "trasig/"))[0] == 500 and r)
        assert "The content has errors" in text
        assert "content/trasig.md:2: yaml: the [ that opens on this line is never closed" in \
            text.replace(str(tmp_path) + "/", "")
        code, home = _status(port)
        assert code == 200 and "<h1>Ändrad rubrik</h1>" in home
        assert "Other pages have errors." in home and '<a href="/trasig/">' in home
        assert not (preview / "trasig").exists()  # the output keeps the last good build

        # fixed as a draft: shown, marked as such on its page and in the lists that show it
        (content / "trasig.md").write_text("---\ntitle: Hel igen\nsummary: Ett utkast.\n"
                                           "draft: true\n---\nText.\n", encoding="utf-8")
        _wait_for(lambda: "Other pages have errors." not in _get(port))
        draft = _get(port, "trasig/")
        assert '<p class="draft-label"><strong>Utkast</strong></p>' in draft
        assert "<h1>Hel igen</h1>" in draft
        assert '<p class="draft-label">' not in _get(port)

        # an error in a data file stops the whole preview
        contacts = content / "contacts.yaml"
        good = contacts.read_text(encoding="utf-8")
        contacts.write_text(good + "trasig: [\n", encoding="utf-8")
        _wait_for(lambda: _status(port)[0] == 500 and _status(port, "trasig/")[0] == 500)
        assert "content/contacts.yaml" in _status(port)[1]
        contacts.write_text(good, encoding="utf-8")
        _wait_for(lambda: _status(port)[0] == 200)
    finally:
        server.terminate()
        log = server.communicate(timeout=10)[0]
    assert "trasig.md:2: yaml: the [ that opens on this line is never closed" in log
    assert "the browser shows them until they are fixed" in log
    assert ".civicsite-preview/site" in log.splitlines()[0]
    assert "Traceback" not in log


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc")
def test_drafts_scheduled_pages_and_warnings_are_marked_in_the_preview_only(tmp_path):
    content, site, port, server = _start(tmp_path)
    (content / "utkast.md").write_text("---\ntitle: Ett utkast\nsummary: Snart.\ndraft: true\n"
                                       "tags: [Evenemang]\n---\nText.\n", encoding="utf-8")
    (content / "senare.md").write_text("---\ntitle: Kommer senare\nsummary: Sedan.\n"
                                       "publish_date: 2027-01-10T08:00\ntags: [Evenemang]\n---\n"
                                       "Text.\n", encoding="utf-8")
    (content / "varnad.md").write_text("---\ntitle: Med varning\n---\nText.\n\n"
                                       '<iframe src="https://example.se/"></iframe>\n',
                                       encoding="utf-8")
    try:
        _wait_for(lambda: _status(port, "senare/")[0] == 200)  # not a 404 before its date
        later = _get(port, "senare/")
        assert '<p class="civicsite-preview-label"><strong>To be published 10 January 2027 at '\
            '08:00</strong></p><h1>Kommer senare</h1>' in later
        tag = _get(port, "amne/evenemang/")  # the list of a tag shows both, marked
        assert 'Ett utkast <span class="civicsite-preview-mark">Draft</span></a>' in tag
        assert 'Kommer senare <span class="civicsite-preview-mark">To be published 10 January '\
            '2027 at 08:00</span></a>' in tag
        warned = _get(port, "varnad/")
        assert "Warnings on this page:" in warned
        assert "content/varnad.md:6: warning: body: &lt;iframe&gt; is removed" in \
            warned.replace(str(tmp_path) + "/", "")
        assert "Warnings on this page:" not in _get(port, "senare/")
        # none of it is in the files the build wrote
        written = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
        assert "civicsite-preview" not in written and "To be published" not in written
    finally:
        server.terminate()
        log = server.communicate(timeout=10)[0]
    assert "Traceback" not in log


def test_a_taken_port_is_one_line_and_the_next_one_is_used(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        shutil.copytree(ROOT / "tests" / "sites" / "minimal", tmp_path / "content")
        server = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "--port", str(port), "--no-search",
             "--date", "2024-06-01"], cwd=tmp_path, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True)
        try:
            _wait_for(lambda: _status(port + 1, "__civicsite/reload.js")[0] == 200
                      if port + 1 < 65536 else True)
        finally:
            server.terminate()
            log = server.communicate(timeout=10)[0]
    assert f"civicsite: port {port} is in use; using {port + 1} instead" in log
    assert "Traceback" not in log and len([l for l in log.splitlines() if str(port) in l]) == 1


def _indexed_pages(output: Path) -> int:
    import json
    entry = json.loads((output / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    return entry["languages"]["sv"]["page_count"]


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc")
def test_serve_shows_an_edit_first_and_updates_the_search_index_after(tmp_path):
    content, output, port, server = _start(tmp_path)
    try:
        _wait_for(lambda: _get(port))
        before = _wait_for(lambda: _indexed_pages(output))
        (content / "ny-sida.md").write_text("---\ntitle: Ny sida\n---\nOrdet blåbärssoppa.\n",
                                            encoding="utf-8")
        _wait_for(lambda: "<h1>Ny sida</h1>" in _get(port, "ny-sida/"))
        # the build carried the last index over; the one indexed afterwards has the new page
        _wait_for(lambda: _indexed_pages(output) == before + 1)
        search = Path(_wait_for(lambda: next(output.glob("pagefind/pagefind.*.pf_meta"), None)))
        assert search.is_file()
        assert not list(tmp_path.glob(".site.civicsite-search-*"))  # nothing left beside it
    finally:
        server.terminate()
        log = server.communicate(timeout=10)[0]
    assert "Traceback" not in log and "was not updated" not in log


def test_carry_index_links_the_last_bundle_without_running_pagefind(tmp_path, monkeypatch):
    from civicsite.output import search
    previous, folder = tmp_path / "site", tmp_path / "new"
    (previous / "pagefind" / "index").mkdir(parents=True)
    (previous / "pagefind" / "pagefind.js").write_text("js")
    (previous / "pagefind" / "index" / "a.pf_index").write_bytes(b"\x01")
    (folder / "pagefind").mkdir(parents=True)
    (folder / "pagefind" / "gammal.js").write_text("from the spare")

    def no_pagefind():
        raise AssertionError("pagefind must not run")
    monkeypatch.setattr(search, "_executable", no_pagefind)
    search.carry_index(folder, previous)
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == [
        "pagefind", "pagefind/index", "pagefind/index/a.pf_index", "pagefind/pagefind.js"]
    assert (folder / "pagefind" / "pagefind.js").stat().st_ino == \
        (previous / "pagefind" / "pagefind.js").stat().st_ino
    # no bundle to carry: none yet (serve indexes the folder right after its first build)
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "index.html").write_text(
        '<!doctype html><html lang="sv"><body data-pagefind-body><p>Hej</p></body></html>')
    search.carry_index(tmp_path / "empty", tmp_path / "nothing")
    assert not (tmp_path / "empty" / "pagefind").exists()


def test_a_build_after_serve_never_keeps_the_carried_index(tmp_path):
    """A carried index may miss edits: `build` never takes serve's output as up to date."""
    from dataclasses import replace
    import datetime as dt

    from civicsite.build.options import BuildOptions
    from civicsite.build.pipeline import run
    from civicsite.core.errors import Diagnostics
    content, output = tmp_path / "content", tmp_path / "site"
    shutil.copytree(ROOT / "content", content)
    options = BuildOptions(str(content), output, build_date=dt.date(2026, 11, 25),
                           cache=tmp_path / ".civicsite-cache")
    assert run(options, Diagnostics()) is not None
    before = _indexed_pages(output)
    (content / "ny-sida.md").write_text("---\ntitle: Ny sida\n---\nText.\n", encoding="utf-8")
    assert run(replace(options, search_later=True), Diagnostics()) is not None
    assert _indexed_pages(output) == before  # carried over: the new page is not in it yet
    result = run(options, Diagnostics())
    assert result is not None and not result.unchanged
    assert _indexed_pages(output) == before + 1


# ---- the parts, in process ------------------------------------------------------------------

def _built(tmp_path: Path, **changes):
    """The minimal site built as the preview builds it: (content, options, result)."""
    from dataclasses import replace
    import datetime as dt

    from civicsite.build.options import BuildOptions
    from civicsite.build.pipeline import run
    from civicsite.core.errors import Diagnostics
    content = tmp_path / "content"
    if not content.exists():
        shutil.copytree(ROOT / "tests" / "sites" / "minimal", content)
    options = replace(BuildOptions(str(content), tmp_path / "out", build_date=dt.date(2024, 6, 1),
                                   drafts=True, cache=tmp_path / "cache", search=False,
                                   preview=True), **changes)
    result = run(options, Diagnostics())
    assert result is not None and result.site is not None
    return content, options, result


def test_a_body_edit_is_rendered_ahead_as_the_full_build_renders_it(tmp_path):
    from civicsite.build.pipeline import run
    from civicsite.core.errors import Diagnostics
    from civicsite.preview.quick import quick_pages
    content, options, result = _built(tmp_path)
    page = content / "nyheter" / "strategi.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEn ny mening.\n", encoding="utf-8")
    quick = quick_pages(result.site, {page.resolve()})
    assert quick_pages(result.site, {page.resolve(), content / "4913"}) is not None  # vim's test
    assert quick is not None and [q.url for q in quick] == ["nyheter/strategi/"]
    assert "En ny mening." in quick[0].html and quick[0].problems == []
    assert run(options, Diagnostics()) is not None  # the full build writes the same page
    assert (options.output / "nyheter" / "strategi" / "index.html").read_text(encoding="utf-8") \
        == quick[0].html


def test_only_body_edits_of_known_pages_are_rendered_ahead(tmp_path):
    from civicsite.preview.quick import quick_pages
    content, _options, result = _built(tmp_path)
    page = content / "nyheter" / "strategi.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("title: ", "title: Ny ", 1), encoding="utf-8")
    assert quick_pages(result.site, {page.resolve()}) is None  # the title is in lists and menus
    assert quick_pages(result.site, {(content / "contacts.yaml").resolve()}) is None
    assert quick_pages(result.site, {(content / "ny.md").resolve()}) is None
    # a body with an error: no HTML, the error for that page alone
    page.write_text(text + "\n::: contact ingen-alls\n", encoding="utf-8")
    [broken] = quick_pages(result.site, {page.resolve()})
    assert broken.html is None and [p.field for p in broken.problems] == ["::: contact"]


def test_status_sorts_problems_by_page_and_blocks_only_for_data_files(tmp_path):
    import datetime as dt

    from civicsite.core.errors import ContentError
    from civicsite.preview.status import Status, after_build, with_page
    content, _options, result = _built(tmp_path)
    now = dt.datetime(2024, 6, 1)
    good = after_build(Status(str(content)), result.site, [], now)
    assert good.shown["nyheter/utkast/"].draft and not good.failed
    page = ContentError(f"{content}/nyheter/strategi.md", 3, "date", "wrong")
    new = ContentError(f"{content}/Nya sidor/Vår 2025.md", 1, "title", "missing")
    failed = after_build(good, None, [page, new], now)
    assert failed.urls == good.urls and failed.failed and not failed.blocking
    assert failed.errors_of("nyheter/strategi/") == [page]
    assert failed.errors_of("nya-sidor/var-2025/") == [new]  # not built yet: its file's URL
    assert failed.errors_of("") == []
    data = ContentError(f"{content}/contacts.yaml", 2, "phone", "wrong")
    assert after_build(good, None, [data], now).blocking
    assert after_build(Status(str(content)), None, [page], now).blocking  # no good build yet
    warned = with_page(good, page.path, [ContentError(page.path, 4, "x", "w", "warning")])
    assert not warned.failed and [w.line for w in warned.warnings_of("nyheter/strategi/")] == [4]


def test_marks_go_on_links_to_drafts_and_scheduled_pages_only(tmp_path):
    import datetime as dt

    from civicsite.core import messages
    from civicsite.preview.marks import decorate
    from civicsite.preview.status import Shown, Status
    status = Status("content", shown={"nyheter/utkast/": Shown(True),
                                      "senare/": Shown(False, dt.datetime(2027, 1, 10, 8, 0))})
    html = ('<html><head></head><body><a href="#main">Hoppa</a>'
            '<a href="../utkast/">Utkast</a> <a href="../../senare/index.html#x">Senare</a> '
            '<a href="https://example.se/senare/">Ute</a> <a href="../strategi/">Strategi</a>'
            '<h1>Rubrik</h1></body></html>')
    out = decorate(html, "nyheter/workshop/", status, 7)
    assert out.count("civicsite-preview-mark") == 2
    assert '<a href="../utkast/">Utkast <span class="civicsite-preview-mark">Draft</span></a>' in out
    assert "Senare <span class=\"civicsite-preview-mark\">To be published 10 January 2027 at " \
        "08:00</span></a>" in out
    assert '<link rel="stylesheet" href="/__civicsite/preview.css"></head>' in out
    assert out.endswith('<script src="/__civicsite/reload.js" data-generation="7"></script>'
                        "</body></html>")
    messages.set_language("sv")
    try:
        own = decorate(html, "senare/", status, 1)
    finally:
        messages.set_language("en")
    assert '<strong>Publiceras 10 januari 2027 kl. 08.00</strong></p><h1>Rubrik</h1>' in own


def test_the_watcher_falls_back_to_polling(monkeypatch, tmp_path, capsys):
    import threading

    import watchfiles

    from civicsite.preview import watch as watching
    calls = []

    def fake_watch(*paths, force_polling=None, **kwargs):
        calls.append(force_polling)
        if not force_polling:
            raise OSError("OS file watch limit reached")
        yield {(watchfiles.Change.modified, str(tmp_path / "a.md"))}
    monkeypatch.setattr(watching.watchfiles, "watch", fake_watch)
    seen = []
    watching.watch([tmp_path], seen.append, threading.Event())
    assert calls == [None, True] and seen == [{tmp_path / "a.md"}]
    assert "every 300 ms instead" in capsys.readouterr().err


def test_hidden_files_and_editor_backups_are_not_changes(tmp_path):
    import watchfiles

    from civicsite.preview.watch import Visible
    visible = Visible([tmp_path])
    assert visible(watchfiles.Change.modified, str(tmp_path / "nyheter" / "sida.md"))
    for name in (".sida.md.swp", "sida.md~", ".git/index", "nyheter/.#sida.md"):
        assert not visible(watchfiles.Change.modified, str(tmp_path / name)), name
