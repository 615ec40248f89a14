"""The editor's loop in Chromium: `new`, then `serve`; the open tab follows every save by itself
(no navigation by the test): the error page while the content is broken, the page once fixed,
each within 2 seconds of saving, with one server process throughout. And what the preview adds
(in Swedish, as editors see it): a page's warnings in a banner on it, one broken page's error
page while the other pages browse on, drafts and scheduled pages marked on their page and in
the lists that show them."""
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


def _serve(tmp_path: Path, language: str = "en"):
    """(base URL, server process) of `serve` in ``tmp_path``, speaking ``language``."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--port", str(port), "--date", "2024-06-01",
         "--no-search"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "CIVICSITE_LANG": language})
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
    return base, server


@pytest.fixture
def preview(tmp_path: Path):
    """(content folder, base URL, server process): the minimal site plus a page made by `new`."""
    shutil.copytree(ROOT / "tests" / "sites" / "minimal", tmp_path / "content")
    made = _cli("new", "page", "Min nya sida", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    base, server = _serve(tmp_path)
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
        expect(heading).to_have_text("The content has errors")
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
        expect(heading).to_have_text("The content has errors", timeout=SEEN_WITHIN_MS)
        expect(tab.locator("ul.problems li")).to_have_text([
            f"content/min-nya-sida.md:{date_line}: date: expected a date written YYYY-MM-DD such as "
            '2021-05-18, found "2024-02-30"'])

        # the fix brings the page back, same server
        _save(page_file, "date: 2024-02-30", good_date)
        expect(heading).to_have_text("Ändrad rubrik", timeout=SEEN_WITHIN_MS)
        browser.close()
    assert server.poll() is None  # still running after every kind of edit


def _page(title: str, extra: str = "", body: str = "Text.") -> str:
    return f"---\ntitle: {title}\nsummary: Om {title.lower()}.\ndate: 2024-05-01\n{extra}---\n{body}\n"


def test_preview_marks_warns_and_keeps_browsing_past_a_broken_page(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "tests" / "sites" / "minimal", content)
    (content / "plan.md").write_text(_page("Ny plan", "draft: true\n"), encoding="utf-8")
    (content / "senare.md").write_text(_page("Höstens sprint", "publish_date: 2024-09-01T08:00\n"),
                                       encoding="utf-8")
    (content / "varnad.md").write_text(_page("Anmälan", body='Text.\n\n<iframe src="https://'
                                             'example.se/anmalan"></iframe>'), encoding="utf-8")
    base, server = _serve(tmp_path, "sv")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            tab = browser.new_page()
            tab.goto(base)
            # the home page lists the draft and the scheduled page, each marked
            latest = tab.locator("#latest ~ ul.cards")
            expect(latest.locator("a", has_text="Ny plan").locator(".civicsite-preview-mark")) \
                .to_have_text("Utkast")
            expect(latest.locator("a", has_text="Höstens sprint").locator(".civicsite-preview-mark")) \
                .to_have_text("Publiceras 1 september 2024 kl. 08.00")
            expect(tab.locator(".civicsite-preview")).to_have_count(0)  # nothing to warn about here

            # a scheduled page is shown, not a 404, with its date; a draft with its label
            tab.get_by_role("link", name="Höstens sprint").click()
            expect(tab.locator("h1")).to_have_text("Höstens sprint")
            expect(tab.locator(".civicsite-preview-label")).to_have_text(
                "Publiceras 1 september 2024 kl. 08.00")
            tab.goto(base + "plan/")
            expect(tab.locator(".draft-label")).to_have_text("Utkast")

            # a page's warnings in a banner on that page
            tab.goto(base + "varnad/")
            banner = tab.locator("aside.civicsite-preview")
            expect(banner).to_contain_text("Varningar på den här sidan:")
            expect(banner.locator("li")).to_have_count(1)
            expect(banner.locator("li")).to_contain_text("content/varnad.md:8:")
            expect(banner.locator("li")).to_contain_text("<iframe>")

            # one page broken: its error page, while the others browse on with a banner
            tab.goto(base + "plan/")
            (content / "plan.md").write_text(_page("Ny plan", "draft: true\ndate: 2024-02-30\n"),
                                             encoding="utf-8")
            expect(tab.locator("h1")).to_have_text("Innehållet har fel", timeout=SEEN_WITHIN_MS)
            expect(tab.locator("ul.problems li")).to_contain_text(["content/plan.md:"])
            tab.get_by_role("link", name="Till startsidan").click()
            expect(tab.locator("h1")).to_have_text("Välkommen")
            banner = tab.locator("aside.civicsite-preview")
            expect(banner).to_contain_text("Andra sidor har fel.")
            banner.get_by_role("link", name="content/plan.md").click()
            expect(tab.locator("h1")).to_have_text("Innehållet har fel")
            tab.goto(base + "varnad/")
            expect(tab.locator("h1")).to_have_text("Anmälan")

            # fixed: the banner goes by itself
            (content / "plan.md").write_text(_page("Ny plan", "draft: true\n"), encoding="utf-8")
            expect(tab.locator("aside.civicsite-preview")).not_to_contain_text(
                "Andra sidor har fel.", timeout=SEEN_WITHIN_MS * 3)
            browser.close()
    finally:
        server.terminate()
        log = server.communicate(timeout=10)[0]
    assert "Traceback" not in log
