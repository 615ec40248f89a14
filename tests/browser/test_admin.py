"""The admin at /admin/ end to end in Chromium, as an editor uses it: a copy of the example site
built with ``--admin``, the CMS's local backend (decap-server, pinned in admin/package.json)
writing into that copy, and the forms filled in. What the admin wrote must be content that
``check --strict`` accepts and that the built site shows: a new page of every kind with a picture
and its alt text, the accessibility statement edited, and a contact's new phone number on every
page. No flow may meet a Content-Security-Policy violation."""
from __future__ import annotations

import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
import json
import os
from pathlib import Path
import shutil
import socket
import subprocess
import sys
import threading
import time

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
SERVER = ROOT / "admin" / "node_modules" / ".bin" / "decap-server"
if not os.environ.get("CI"):
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed at /usr/bin/chromium", allow_module_level=True)
    if not SERVER.exists():
        pytest.skip("run `npm ci --prefix admin` (scripts/test.sh does)", allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402

from civicsite.content.kinds import KINDS  # noqa: E402

pytestmark = pytest.mark.browser

DATE = "2026-11-25"
PICTURE = ROOT / "content" / "naringslivsstrategi" / "workshop-2-mars-2023.png"
WATCH = """window.__violations = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _civicsite(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def admin(tmp_path_factory):
    """(admin URL, repository folder): the example site copied into a Git repository, built
    with --admin and served on loopback, decap-server writing into the copy."""
    repo = tmp_path_factory.mktemp("admin") / "repo"
    shutil.copytree(ROOT / "content", repo / "content")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    site = repo.parent / "site"
    built = _civicsite("build", "--content", "content", "--output", str(site), "--date", DATE,
                       "--admin", "--no-search", cwd=repo)
    assert built.returncode == 0, built.stderr
    port = _free_port()
    config = site / "admin" / "config.yml"  # the test's local backend: a free port
    config.write_text(config.read_text(encoding="utf-8").replace(
        '"local_backend": true', f'"local_backend": {{"url": "http://127.0.0.1:{port}/api/v1"}}'),
        encoding="utf-8")
    backend = subprocess.Popen([str(SERVER)], cwd=repo, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL,
                               env=dict(os.environ, PORT=str(port), BIND_HOST="127.0.0.1",
                                        GIT_REPO_DIRECTORY=str(repo), MODE="fs"))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.2)
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/admin/", repo
    finally:
        httpd.shutdown()
        backend.terminate()
        backend.wait(10)


def _open(browser, url: str):
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    page.add_init_script(WATCH)
    page.goto(url)
    page.get_by_role("button", name="Logga in").click()  # the local backend: no password
    return page


def _publish(page) -> None:
    page.get_by_role("button", name="Publicera").first.click()
    page.get_by_text("Publicera nu").click()
    expect(page.get_by_text("Ändringar sparade", exact=False).first).to_be_visible(timeout=20000)


def _built(repo: Path) -> Path:
    """The repository's content checked as CI checks it, then built."""
    check = _civicsite("check", "--content", "content", "--strict", "--date", DATE, cwd=repo)
    assert check.returncode == 0, check.stderr
    out = repo.parent / f"built-{time.monotonic_ns()}"
    built = _civicsite("build", "--content", "content", "--output", str(out), "--date", DATE,
                       "--strict", "--no-search", cwd=repo)
    assert built.returncode == 0, built.stderr
    return out


def _collection(repo: Path, kind: str) -> str:
    """The name of the admin's first collection for ``kind`` (as config.yml has it)."""
    config = json.loads((repo.parent / "site" / "admin" / "config.yml").read_text(
        encoding="utf-8").split("\n", 1)[1])
    return next(c["name"] for c in config["collections"] if c["name"].startswith(kind + "-"))


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "accessibility"])
def test_a_new_page_with_a_picture_through_the_form(admin, browser, kind, tmp_path):
    url, repo = admin
    page = _open(browser, url + f"#/collections/{_collection(repo, kind)}/new")
    title = page.locator("input[id^='title-field']").first
    title.fill(f"Ny {kind} i höst: Besökssprint")
    page.locator("input[id^='date-field']").first.fill("2026-09-01")
    page.get_by_text("Välj en bild").first.click()
    # a name no file beside the page has (the library selects a new upload, not one that
    # replaces a file of the same name)
    picture = tmp_path / f"foto-{kind}.png"
    shutil.copyfile(PICTURE, picture)
    page.locator("input[type=file]").first.set_input_files(str(picture))
    page.get_by_role("button", name="Välj markerad").click()
    page.locator("input[id^='alt-field']").first.fill("Företagare runt ett bord.")
    page.locator("[contenteditable=true]").first.click()
    page.keyboard.type("Kommunen bjuder in till en ny Besökssprint den 14 oktober.")
    preview = page.frame_locator("iframe").first
    expect(preview.locator("h1")).to_have_text(f"Ny {kind} i höst: Besökssprint")
    _publish(page)
    assert page.evaluate("window.__violations") == []
    page.close()

    written = list(repo.glob(f"content/**/ny-{kind}-i-host-besokssprint.md"))
    assert len(written) == 1, sorted(p.name for p in repo.glob("content/**/*.md"))
    text = written[0].read_text(encoding="utf-8")
    assert text.startswith(f"---\nkind: {kind}\ntitle: ") and "date: 2026-09-01" in text
    assert f"src: {picture.name}\n  alt: Företagare runt ett bord." in text
    assert (written[0].parent / picture.name).is_file()  # the picture beside its page
    out = _built(repo)
    folder = written[0].parent.relative_to(repo / "content").as_posix()
    html = (out / folder / f"ny-{kind}-i-host-besokssprint" / "index.html").read_text(
        encoding="utf-8")
    assert f"Ny {kind} i höst: Besökssprint</h1>" in html
    assert 'alt="Företagare runt ett bord."' in html and "den 14 oktober" in html


def test_a_contacts_new_phone_number_is_on_every_page(admin, browser):
    url, repo = admin
    page = _open(browser, url + "#/collections/settings/entries/contacts")
    page.get_by_text("Kundcenter (kundcenter)", exact=True).get_by_test_id("expand-button").click()
    phone = page.locator("input[id^='phone-field']").first
    phone.fill("0220-240 99")
    _publish(page)
    assert page.evaluate("window.__violations") == []
    page.close()

    assert "phone: 0220-240 99" in (repo / "content" / "contacts.yaml").read_text(encoding="utf-8")
    out = _built(repo)
    pages = sorted(out.rglob("index.html"))
    assert len(pages) > 5
    for html in pages:
        if "http-equiv=\"refresh\"" not in html.read_text(encoding="utf-8"):
            assert "0220-240 99" in html.read_text(encoding="utf-8"), html


def test_the_accessibility_statement_is_edited_through_its_form(admin, browser):
    url, repo = admin
    page = _open(browser, url + "#/collections/accessibility-top/entries/tillganglighet")
    updated = page.locator("input[id^='updated-field']").first
    updated.fill("2026-11-30")
    _publish(page)
    assert page.evaluate("window.__violations") == []
    page.close()

    text = (repo / "content" / "tillganglighet.md").read_text(encoding="utf-8")
    assert "updated: 2026-11-30" in text and "kind: accessibility" in text
    out = _built(repo)
    html = (out / "tillganglighet" / "index.html").read_text(encoding="utf-8")
    assert "30 november 2026" in html
