"""XSS: a site whose every free-text field, file name and Markdown body carries payloads
(tests/payload_site.py) builds, and no payload of theirs becomes markup or runs.

  * the HTML, read by html5lib as a browser would: no event-handler attribute, no script but the
    site's own (open-now.js and JSON data blocks that parse as JSON), no javascript:/vbscript:/
    data: URL, no iframe/object/embed/base/form/style/meta refresh, no evaluated template
  * the feed is well-formed XML and shows each payload as text
  * Chromium (CSP bypassed, so escaping alone is tested) loads every page with a ``pwn`` function
    and a dialog listener: nothing calls them
  * control: the same checks catch a payload planted into the built output
"""
from __future__ import annotations

import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
import json
import os
from pathlib import Path
import re
import shutil
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET

import html5lib
import icalendar
import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from payload_site import EVALUATED, TEMPLATE_MARK, payload, write_payload_site  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
    pytest.skip("chromium is not installed at /usr/bin/chromium", allow_module_level=True)

import playwright.sync_api  # noqa: E402,F401  (fails early when Playwright is missing)

pytestmark = pytest.mark.browser

BAD_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcdoc", "xlink:href", "poster",
                  "background", "srcset"}
FORBIDDEN = {"iframe", "frame", "object", "embed", "base", "form", "style", "applet", "math",
             "noscript", "template", "link[rel=import]"}
DATA_TYPES = {"application/ld+json", "application/json"}


def _site_search_form(tag: str, el) -> bool:
    """The search page's own form (GET to itself, no action elsewhere) and its no-script note."""
    if tag == "form":
        return el.get("role") == "search" and el.get("method") == "get" and not el.get("action")
    return tag == "noscript" and el.find("p") is not None and len(list(el)) == 1
INIT = """window.__pwned = [];
window.pwn = (t) => window.__pwned.push(String(t));
window.alert = window.confirm = window.prompt = (t) => window.__pwned.push('dialog:' + t);"""


def problems_in_html(text: str) -> list[str]:
    """Every way the page could run a script that is not the site's own."""
    found = []
    doc = html5lib.parse(text, namespaceHTMLElements=False)
    for el in doc.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.split("}")[-1]
        for name, value in el.attrib.items():
            name = name.split("}")[-1] if isinstance(name, str) else str(name)
            if name.lower().startswith("on"):
                found.append(f"<{tag} {name}=…>")
            squashed = re.sub(r"[\s\x00-\x1f]", "", value)
            if name.lower() in URL_ATTRIBUTES and BAD_SCHEME.match(squashed):
                found.append(f"<{tag} {name}={value!r}>")
            if name.lower() == "style":
                found.append(f"<{tag} style>")
        if tag in FORBIDDEN and not _site_search_form(tag, el):
            found.append(f"<{tag}>")
        if tag == "meta" and el.get("http-equiv", "").lower() == "refresh":
            found.append("<meta refresh>")
        if tag == "script":
            if el.get("src") is not None:
                # the site's own scripts, by their fingerprinted names (static/open-now.1a2b3c4d.js)
                if not re.search(r"(?:^|/)static/(?:open-now|search)\.[0-9a-f]{8}\.js$",
                                 el.get("src")) or "//" in el.get("src"):
                    found.append(f"<script src={el.get('src')!r}>")
            elif el.get("type") in DATA_TYPES:
                try:
                    json.loads(el.text or "")
                except ValueError:
                    found.append(f"<script type={el.get('type')}> is not JSON: its element was closed early")
            else:
                found.append(f"inline <script>{(el.text or '')[:40]!r}")
    if EVALUATED in text:
        found.append(f"a template expression was evaluated ({EVALUATED})")
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    work = tmp_path_factory.mktemp("payload")
    write_payload_site(work / "content")
    r = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content", "content",
                        "--output", "out", "--date", "2026-11-25"],
                       cwd=work, capture_output=True, text=True, timeout=300,
                       env={**os.environ, "CIVICSITE_LANG": "en"})
    assert r.returncode == 0, r.stderr
    # the editor is told what the sanitiser removes (warnings: without --strict it builds)
    for removed in ("<script> is removed", "<form> is removed", "<svg> is removed",
                    "the attribute onerror= on <img> is removed"):
        assert removed in r.stderr, removed
    return work / "out"


def html_pages(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


def test_payload_html_has_no_executable_markup(built):
    pages = html_pages(built)
    assert len(pages) >= 8
    for page in pages:
        assert problems_in_html(page.read_text(encoding="utf-8")) == [], page.relative_to(built)


def test_payloads_are_shown_as_text(built):
    """Escaped, not dropped: the reader sees what the editor typed (and the unevaluated template)."""
    home = built / "index.html"
    doc = html5lib.parse(home.read_text(encoding="utf-8"), namespaceHTMLElements=False)
    text = " ".join("".join(el.itertext()) for el in doc.iter("main"))
    assert payload("home.title").replace("\u2028", "").split("<script>")[0] in text
    assert TEMPLATE_MARK in text
    for tag in ("summary", "image.caption", "quote.text", "contact.name"):
        assert tag in text, tag


def test_feed_and_calendar_stay_well_formed(built):
    feed = ET.parse(built / "feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.text for e in feed.findall("a:entry/a:title", ns)]
    assert payload("strategy.title") in titles
    ET.parse(built / "sitemap.xml")
    calendars = list(built.rglob("*.ics"))
    assert calendars
    pages = [p for p in built.rglob("*.ics") if p.name == "kalender.ics"]
    assert pages
    for ics in calendars:  # whose texts are the payloads, not extra lines or events
        cal = icalendar.Calendar.from_ical(ics.read_bytes())
        events = cal.walk("VEVENT")
        # a page's calendar has its one event; evenemang.ics has every event of the site
        assert len(events) == (1 if ics.name == "kalender.ics" else len(pages)), ics
        assert all(str(e["SUMMARY"]).startswith("\"'><script>pwn('") for e in events)


def _serve(folder: Path):
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _ran(browser, folder: Path, pages: list[Path]) -> dict[str, list[str]]:
    """Page → the payload calls made while loading it and moving the mouse over it."""
    server = _serve(folder)
    ran = {}
    try:
        context = browser.new_context(bypass_csp=True)
        context.add_init_script(INIT)
        page = context.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in pages:
            rel = path.relative_to(folder).as_posix()
            page.goto(f"http://127.0.0.1:{server.server_port}/{rel}", wait_until="load")
            for y in range(0, 2000, 150):  # onmouseover and friends, if any survived
                page.mouse.move(200, y % 800)
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 50)))")
            calls = page.evaluate("() => window.__pwned") + dialogs
            dialogs.clear()
            if calls:
                ran[rel] = calls
        context.close()
    finally:
        server.shutdown()
    return ran


def test_no_payload_runs_in_chromium(built, browser):
    assert _ran(browser, built, html_pages(built)) == {}


def test_the_checks_catch_a_planted_payload(built, browser, tmp_path):
    """Control: a copy of the output with one handler and one inline script planted."""
    folder = tmp_path / "planted"
    shutil.copytree(built, folder)
    home = folder / "index.html"
    html = home.read_text(encoding="utf-8")
    html = html.replace("</main>", "<img src=x onerror=\"pwn('planted-img')\">"
                        "<script>pwn('planted-script')</script></main>", 1)
    home.write_text(html, encoding="utf-8")
    assert problems_in_html(html) == ["<img onerror=…>", "inline <script>\"pwn('planted-script')\""]
    ran = _ran(browser, folder, [home])
    assert sorted(ran["index.html"]) == ["planted-img", "planted-script"]
