"""Issue 20 in Chromium: the example site (content/) with its English page (en/) and lättläst
page (lattlast/), built with the real Pagefind, which makes one index per `<html lang>`.

  * a search on the English search page finds the English page and no Swedish one, and a
    search for the same word on the Swedish search page finds Swedish pages and not the
    English one
  * axe-core WCAG 2.1 A/AA finds nothing on the English, lättläst and search pages
  * the Nu Html Checker finds no error or warning on them
"""
from __future__ import annotations

import subprocess
import sys

import pytest
from test_citizen import (  # noqa: F401  (axe_path is a fixture; browser comes from conftest.py)
    DESKTOP,
    PHONE,
    ROOT,
    axe_path,
    describe,
    run_axe,
    serving,
    vnu_problems,
)

pytestmark = pytest.mark.browser
DATE = "2024-06-01"
PAGES = ("en/", "en/search/", "lattlast/", "", "sok/")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    out = tmp_path_factory.mktemp("languages") / "site"
    proc = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content",
                           str(ROOT / "content"), "--output", str(out), "--date", DATE, "--strict"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    with serving(out) as base:
        yield out, base


def _search(browser, url: str, query: str) -> list[str]:
    """The addresses of the results the search page at ``url`` shows for ``query``."""
    page = browser.new_page(viewport=DESKTOP)
    try:
        page.goto(url, wait_until="load")
        page.fill("#search-q", query)
        page.press("#search-q", "Enter")
        page.wait_for_function(
            "() => { const s = document.getElementById('search-status').textContent;"
            " return s && !s.includes('…'); }", timeout=15000)
        return page.eval_on_selector_all(
            "#search-results h2 a", "links => links.map(a => new URL(a.href).pathname)")
    finally:
        page.close()


def test_each_search_page_searches_its_own_language(served, browser):
    _, base = served
    english = _search(browser, base + "en/search/", "Hallstahammar")
    assert english == ["/en/"]
    swedish = _search(browser, base + "sok/", "Hallstahammar")
    assert swedish and "/en/" not in swedish
    assert "/" in swedish or "/lattlast/" in swedish


def test_the_english_page_searches_in_english(served, browser):
    _, base = served
    page = browser.new_page(viewport=DESKTOP)
    page.goto(base + "en/", wait_until="load")
    assert page.evaluate("document.documentElement.lang") == "en"
    page.get_by_role("link", name="Search", exact=True).click()
    page.wait_for_url("**/en/search/")
    assert page.evaluate("document.documentElement.lang") == "en"
    page.close()


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_axe_finds_nothing(served, browser, axe_path, viewport):
    _, base = served
    size = DESKTOP if viewport == "desktop" else PHONE
    failures = []
    ctx = browser.new_context(viewport=size, is_mobile=viewport == "phone")
    try:
        for url in PAGES:
            page = ctx.new_page()
            page.goto(base + url, wait_until="load")
            violations = run_axe(page, axe_path)
            if violations:
                failures.append(f"/{url} ({size['width']} px):\n{describe(violations)}")
            page.close()
    finally:
        ctx.close()
    assert not failures, "\n\n".join(failures)


def test_nu_html_checker(served):
    folder, _ = served
    files = [str(folder / url / "index.html") for url in PAGES]
    bad = vnu_problems(files)
    assert not bad, "\n".join(bad)
