"""The editor's loop in Chromium: `new`, then `serve`; the open tab follows every save by itself
(no navigation by the test): the error page while the content is broken, the page once fixed,
each within 2 seconds of saving, with one server process throughout."""
from __future__ import annotations

import os
from pathlib import Path
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
    pytest.skip("chromium is not installed at /usr/bin/chromium", allow_module_level=True)

from playwright.sync_api import expect, sync_playwright  # noqa: E402

pytestmark = pytest.mark.browser
SEEN_WITHIN_MS = 2000  # the bound from saving to seeing


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=60)


def _save(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def preview(tmp_path: Path):
    """(content folder, base URL, server process): the minimal site plus a page made by `new`."""
    shutil.copytree(ROOT / "tests" / "sites" / "minimal", tmp_path / "content")
    made = _cli("new", "page", "Min nya sida", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--port", str(port), "--date", "2024-06-01"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 30
    while True:  # bounded wait for the first build and the socket
        try:
            urllib.request.urlopen(base + "__civicsite/reload.js", timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("serve did not start: " + (server.communicate()[0] or ""))
            time.sleep(0.1)
    yield tmp_path / "content", base, server
    server.terminate()
    server.communicate(timeout=10)


def test_new_page_preview_follows_every_save(preview) -> None:
    content, base, server = preview
    page_file = content / "min-nya-sida.md"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        tab = browser.new_page()
        heading = tab.locator("h1")

        # the new page still has its placeholder: the error page says where and what
        tab.goto(base + "min-nya-sida/")
        expect(heading).to_have_text("Innehållet har fel")
        expect(tab.locator("ul.problems li")).to_have_text([
            'content/min-nya-sida.md:4: summary: still holds the placeholder "FYLL I: en eller två '
            'meningar som visas i listor, flöden och sökresultat"; replace it with text'])

        # filling it in brings the page, marked as a draft
        _save(page_file, '"FYLL I: en eller två meningar som visas i listor, flöden och sökresultat"',
              "En kort sammanfattning.")
        expect(heading).to_have_text("Min nya sida", timeout=SEEN_WITHIN_MS)
        expect(tab.locator(".draft-label")).to_have_text("Utkast")

        # an edit is seen without touching the browser
        _save(page_file, 'title: "Min nya sida"', 'title: "Ändrad rubrik"')
        expect(heading).to_have_text("Ändrad rubrik", timeout=SEEN_WITHIN_MS)

        # a bad edit: the error page, with the message, instead of the stale page
        date_line = next(i + 1 for i, line in enumerate(page_file.read_text(encoding="utf-8")
                                                          .split("\n")) if line.startswith("date:"))
        text = page_file.read_text(encoding="utf-8").split("\n")
        good_date = text[date_line - 1]
        _save(page_file, good_date, "date: 2024-02-30")
        expect(heading).to_have_text("Innehållet har fel", timeout=SEEN_WITHIN_MS)
        expect(tab.locator("ul.problems li")).to_have_text([
            f"content/min-nya-sida.md:{date_line}: date: expected a date written YYYY-MM-DD such as "
            '2021-05-18, found "2024-02-30"'])

        # the fix brings the page back, same server
        _save(page_file, "date: 2024-02-30", good_date)
        expect(heading).to_have_text("Ändrad rubrik", timeout=SEEN_WITHIN_MS)
        browser.close()
    assert server.poll() is None  # still running after every kind of edit
