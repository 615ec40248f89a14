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
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=2) as response:
        return response.read().decode("utf-8")


def _error_page(port: int) -> str:
    """The body of the error page (HTTP 500), or "" while pages are still served."""
    try:
        _get(port)
    except urllib.error.HTTPError as exc:
        if exc.code == 500:
            return exc.read().decode("utf-8")
        raise
    return ""


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


def _start(tmp_path: Path):
    """``serve`` on a copy of the example content: (content, output, port, process)."""
    content, output, port = tmp_path / "content", tmp_path / "site", _free_port()
    shutil.copytree(ROOT / "content", content)
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--content", str(content),
         "--output", str(output), "--port", str(port), "--date", "2026-11-25"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return content, output, port, server


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc")
def test_serve_binds_loopback_rebuilds_and_survives_broken_edits(tmp_path):
    content, output, port, server = _start(tmp_path)
    try:
        assert "<h1>Näringsliv i Hallstahammar</h1>" in _wait_for(lambda: _get(port))
        assert _listening_addresses(port) == {"0100007F"}  # 127.0.0.1 and nothing else

        page = content / "index.md"
        page.write_text(page.read_text(encoding="utf-8").replace(
            "title: Näringsliv i Hallstahammar", "title: Ändrad rubrik", 1), encoding="utf-8")
        _wait_for(lambda: "<h1>Ändrad rubrik</h1>" in _get(port))

        (content / "trasig.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
        page_text = _wait_for(lambda: _error_page(port))
        assert "Innehållet har fel" in page_text
        assert "content/trasig.md:2: yaml: the [ that opens on this line is never closed" in \
            page_text.replace(str(tmp_path) + "/", "")
        assert "<h1>Ändrad rubrik</h1>" in (output / "index.html").read_text(encoding="utf-8")
        assert not (output / "trasig").exists()  # the output keeps the last good build

        (content / "trasig.md").write_text("---\ntitle: Hel igen\ndraft: true\n---\nText.\n",
                                           encoding="utf-8")
        _wait_for(lambda: "<h1>Ändrad rubrik</h1>" in _get(port))
        draft = _get(port, "trasig/")  # drafts are previewed, marked as such
        assert '<p class="draft-label"><strong>Utkast</strong></p>' in draft
        assert "<h1>Hel igen</h1>" in draft
        assert '<p class="draft-label">' not in _get(port)
    finally:
        server.terminate()
        log = server.communicate(timeout=10)[0]
    assert "trasig.md:2: yaml: the [ that opens on this line is never closed" in log
    assert "the browser shows them until they are fixed" in log
    assert "Traceback" not in log


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
    search.carry_index(folder, previous, "sv")
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == [
        "pagefind", "pagefind/index", "pagefind/index/a.pf_index", "pagefind/pagefind.js"]
    assert (folder / "pagefind" / "pagefind.js").stat().st_ino == \
        (previous / "pagefind" / "pagefind.js").stat().st_ino
    # no bundle to carry: the folder is indexed
    monkeypatch.undo()
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "index.html").write_text(
        '<!doctype html><html lang="sv"><body data-pagefind-body><p>Hej</p></body></html>')
    search.carry_index(tmp_path / "empty", tmp_path / "nothing", "sv")
    assert (tmp_path / "empty" / "pagefind" / "pagefind.js").is_file()


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
    (content / "ny-sida.md").write_text("---\ntitle: Ny sida\n---\nText.\n", encoding="utf-8")
    assert run(replace(options, search_later=True), Diagnostics()) is not None
    assert _indexed_pages(output) == 4  # carried over: the new page is not in it yet
    result = run(options, Diagnostics())
    assert result is not None and not result.unchanged
    assert _indexed_pages(output) == 5
