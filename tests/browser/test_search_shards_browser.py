"""The sharded search index searched in Chromium with the real Pagefind: the same site indexed as
one bundle and as shards (merged in the browser by templates/static/search.js through Pagefind's
mergeIndex) gives the same results; a word of a page's body finds that page, a word that is only
in the footer finds nothing."""
from __future__ import annotations

import html
from pathlib import Path
import re
import shutil
import subprocess
import sys

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
from test_citizen import CHROMIUM, serving  # noqa: E402  (browser: conftest.py)

from playwright.sync_api import expect  # noqa: E402

from civicsite.output import search  # noqa: E402

pytestmark = pytest.mark.browser
FOOTER_WORD = "vattenkraftverk"


def _words(text: str) -> set[str]:
    text = re.sub(r"<script.*?</script>", " ", text, flags=re.S)
    return {w.lower() for w in re.findall(r"[A-Za-zÅÄÖåäöé]{5,}", html.unescape(re.sub(r"<[^>]+>", " ", text)))}


def _body(text: str) -> str:
    return re.search(r"<article[^>]*data-pagefind-body.*?</article>", text, re.S).group(0)


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    """The example site built without an index, then indexed as one bundle and as shards of
    two pages."""
    tmp = tmp_path_factory.mktemp("shards")
    built = tmp / "built"
    proc = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content",
                           str(ROOT / "content"), "--output", str(built), "--date", "2026-11-25",
                           "--no-search"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    pages = sorted(p.relative_to(built).as_posix() for p in built.rglob("*.html")
                   if "data-pagefind-body" in p.read_text(encoding="utf-8"))
    for path in built.rglob("*.html"):  # a word on every page, in the footer only
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("</footer>", f"<p>{FOOTER_WORD}</p></footer>"), encoding="utf-8")
    single, sharded = tmp / "single", tmp / "sharded"
    shutil.copytree(built, single)
    shutil.copytree(built, sharded)
    search.index_site(single, pages=pages)
    search.index_site(sharded, pages=pages, shard_pages=2)
    # a shard the hash leaves empty has no bundle
    used = {search.shard_of(p, search.shard_count(len(pages), 2)) for p in pages}
    assert len(list((sharded / "pagefind").glob("shard-*"))) == len(used) >= 3
    return single, sharded, pages


def _results(browser, base: str, query: str) -> list[str]:
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + "sok/", wait_until="load")
    page.get_by_label("Sökord").fill(query)
    page.get_by_label("Sökord").press("Enter")
    status = page.locator("#search-status")
    expect(status).to_contain_text(re.compile("träff"), timeout=20000)
    hrefs = page.locator("#search-results li h2 a").evaluate_all(
        "els => els.map(a => a.getAttribute('href'))")
    page.close()
    assert not errors, errors
    return hrefs


def test_shards_find_what_one_bundle_finds(indexed, browser):
    single, sharded, pages = indexed
    texts = {p: (single / p).read_text(encoding="utf-8") for p in pages}
    bodies = {p: _words(_body(t)) for p, t in texts.items()}
    # a word of one page's body only, and a word that only the footer has
    page, word = next((p, w) for p in pages for w in sorted(bodies[p])
                      if all(w not in bodies[q] for q in pages if q != p))
    assert all(FOOTER_WORD in t and FOOTER_WORD not in _body(t) for t in texts.values())
    with serving(single) as one, serving(sharded) as many:
        for query in (word, "strategi", "workshop", "näringsliv", FOOTER_WORD):
            from_one, from_shards = _results(browser, one, query), _results(browser, many, query)
            assert sorted(from_shards) == sorted(from_one), query
        url = "/" + page[: -len("index.html")]
        assert url in _results(browser, many, word)
        assert _results(browser, many, FOOTER_WORD) == []
        assert len(_results(browser, many, "strategi")) >= 2


def test_each_language_searches_its_own_pages_through_shards(indexed, browser):
    """The English search page merges only the shards that hold English pages: a word on every
    page finds the English page there and not on the Swedish search page."""
    _single, sharded, _pages = indexed
    from test_languages_browser import _search

    with serving(sharded) as many:
        english = _search(browser, many + "en/search/", "Hallstahammar")
        swedish = _search(browser, many + "sok/", "Hallstahammar")
    assert english == ["/en/"]
    assert swedish and "/en/" not in swedish
