"""Generated listings (issue 16): pagination of every listing (kind, news, year, tag), site.yaml
``kinds:`` (title, path, menu, per_page), the news kind (listing, year archive, home page, feed,
NewsArticle), inexact dates and open-ended strategies, groups of people and unnamed quotes.

The site is ``tests/sites/news`` (news paginated 2 a page, sprints moved to /foretagsbesok/,
workshops at /traffar/ and out of the menu); large listings are generated here."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
import re
import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st
import pytest

from civicsite.content.collections import Collection
from civicsite.content.load import load_site
from civicsite.core.errors import Diagnostics
from civicsite.render.navigation import Listing
from civicsite.render.pages import render_page
from civicsite.render.site import site_outputs

ROOT = Path(__file__).resolve().parent.parent
NEWS_SITE = ROOT / "tests" / "sites" / "news"
BUILD_DATE = dt.date(2026, 11, 25)
BASE = "https://naringsliv.exempelby.example/"


def load(content: Path, build_date: dt.date = BUILD_DATE):
    diag = Diagnostics()
    site = load_site(str(content), diag, build_date)
    assert not diag.failed(strict=True), diag.report(strict=True)
    return site


@pytest.fixture(scope="module")
def site():
    return load(NEWS_SITE)


@pytest.fixture(scope="module")
def out(site) -> dict[str, str]:
    """Every output of the news site: pages and generated files."""
    outputs = {p.url + "index.html": render_page(site, p) for p in site.pages}
    outputs.update(site_outputs(site))
    return outputs


def jsonld(html: str) -> list[dict]:
    return json.loads(re.search(r'application/ld\+json">(.*?)</script>', html).group(1))["@graph"]


def main_text(html: str) -> str:
    """The text of <main>, tags removed, whitespace collapsed."""
    main = html[html.index("<main"):html.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


# ---- pagination, in general ------------------------------------------------------------------

@given(st.integers(0, 300), st.integers(1, 40))
def test_a_collection_is_split_into_pages_in_order(n: int, per_page: int) -> None:
    pages = tuple(range(n))  # any items: the split does not look at them
    c = Collection("nyheter/", pages, per_page)  # type: ignore[arg-type]
    parts = [c.pages_of(k) for k in range(1, c.count + 1)]
    assert sum(parts, ()) == pages
    assert all(1 <= len(p) <= per_page for p in parts) or n == 0
    assert c.count == max(1, -(-n // per_page))
    assert c.urls[0] == "nyheter/"  # page 1 keeps the list's own address
    assert c.urls[1:] == tuple(f"nyheter/sida/{k}/" for k in range(2, c.count + 1))


@given(st.integers(1, 200), st.data())
def test_the_pager_shows_first_last_and_neighbours(count: int, data) -> None:
    number = data.draw(st.integers(1, count))
    listing = Listing("x/", "X", (), number=number, page_urls=tuple(f"u{k}" for k in range(count)))
    shown = listing.pager()
    numbers = [n for n in shown if n is not None]
    assert numbers == sorted(set(numbers))
    assert {1, count, number} <= set(numbers)
    assert set(range(max(1, number - 2), min(count, number + 2) + 1)) <= set(numbers)
    for before, gap, after in zip(shown, shown[1:], shown[2:]):
        if gap is None:  # "…" stands for at least two numbers
            assert after - before > 2
    assert len(shown) <= 9


def test_a_kind_listing_of_2000_pages_is_100_pages_of_20(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "besok").mkdir(parents=True)
    (content / "site.yaml").write_text("title: T\norganisation: {name: K}\n", encoding="utf-8")
    (content / "tillganglighet.md").write_text("---\nkind: accessibility\ntitle: T\ncompliance: full\nassessed: {date: 2024-01-10, method: Egen granskning}\nupdated: 2024-01-10\nfeedback: {email: kundcenter@example.se}\n---\nx\n",
                                               encoding="utf-8")
    start = dt.date(2020, 1, 1)
    for i in range(2000):
        day = start + dt.timedelta(days=i)
        (content / "besok" / f"b{i}.md").write_text(
            f"---\nkind: sprint\ntitle: Besök {i}\ndate: {day}\ntags: [besök]\n---\nx\n",
            encoding="utf-8")
    site = load(content)
    outputs = site_outputs(site)
    listing = [k for k in outputs if k.startswith("besokssprintar/")]
    assert len(listing) == 100
    assert "besokssprintar/index.html" in outputs and "besokssprintar/sida/100/index.html" in outputs
    first, last = outputs["besokssprintar/index.html"], outputs["besokssprintar/sida/100/index.html"]
    assert first.count('<li class="card">') == 20 and last.count('<li class="card">') == 20
    assert "Besök 1999<" in first and "Besök 0<" in last  # newest first
    assert "Sida 1 av 100" in first and "Sida 100 av 100" in last
    # the tag's page is paginated the same way, and every page of both is in the sitemap
    assert "amne/besok/sida/100/index.html" in outputs
    assert "amne/besok/sida/101/index.html" not in outputs
    sitemap = outputs["sitemap.xml"]
    for n in range(2, 101):
        assert f"besokssprintar/sida/{n}/</loc>" in sitemap and f"amne/besok/sida/{n}/</loc>" in sitemap


# ---- the pager on the page ---------------------------------------------------------------------

def test_paginated_news_listing(out) -> None:
    assert {"nyheter/index.html", "nyheter/sida/2/index.html", "nyheter/sida/3/index.html"} <= set(out)
    assert "nyheter/sida/4/index.html" not in out and "nyheter/sida/1/index.html" not in out
    page2 = out["nyheter/sida/2/index.html"]
    assert "<title>Nyheter, sida 2 av 3 – Näringsliv i Exempelby</title>" in page2
    assert "<h1>Nyheter</h1>" in page2 and '<p class="meta">Sida 2 av 3</p>' in page2
    assert ('<link rel="prev" href="../../../nyheter/"><link rel="next" '
            'href="../../../nyheter/sida/3/">') in page2
    assert f'<link rel="canonical" href="{BASE}nyheter/sida/2/">' in page2
    nav = page2[page2.index('<nav class="pagination"'):]
    nav = nav[:nav.index("</nav>")]
    assert 'aria-label="Sidor i listan"' in nav
    assert '<a href="../../../nyheter/" rel="prev">Föregående sida</a>' in nav
    assert '<a href="../../../nyheter/sida/3/" rel="next">Nästa sida</a>' in nav
    assert ('<a href="../../../nyheter/sida/2/" aria-label="Sida 2" aria-current="page">2</a>'
            in nav)
    assert nav.count("aria-current") == 1
    # newest first over the pages: 20 oct, 1 sep | 15 jun, 3 feb | 10 dec 2025
    assert re.findall(r'<h3><a href="[^"]*/nyheter/([^/]+)/"', out["nyheter/index.html"]) == [
        "lokalt-naringslivsrad", "ny-besokssprint"]
    assert re.findall(r'<h3><a href="[^"]*/nyheter/([^/]+)/"', page2) == [
        "sommarjobb", "frukostmote-februari"]
    first, last = out["nyheter/index.html"], out["nyheter/sida/3/index.html"]
    assert 'rel="prev"' not in first and 'rel="next"' in first
    assert 'rel="next"' not in last and 'rel="prev"' in last


def test_a_listing_of_one_page_has_no_pager(out) -> None:
    page = out["foretagsbesok/index.html"]
    assert "pagination" not in page and 'rel="next"' not in page and "Sida 1 av" not in page


def test_year_archives(out) -> None:
    assert {"nyheter/2026/index.html", "nyheter/2026/sida/2/index.html",
            "nyheter/2025/index.html"} <= set(out)
    year = out["nyheter/2026/index.html"]
    assert "<h1>Nyheter 2026</h1>" in year and "Sida 1 av 2" in year
    assert "nytt-naringslivsprogram" not in year  # 2025
    archive = year[year.index('<nav class="years"'):]
    assert '<a href="../../nyheter/2026/" aria-current="page">2026</a>' in archive
    assert '<a href="../../nyheter/2025/">2025</a>' in archive
    crumbs = out["nyheter/2026/sida/2/index.html"]
    assert '<li><a href="../../../../nyheter/">Nyheter</a></li>' in crumbs
    assert '<li><a href="../../../../nyheter/2026/">Nyheter 2026</a></li>' in crumbs
    assert '<li aria-current="page">Nyheter 2026, sida 2 av 2</li>' in crumbs


def test_every_listing_page_is_in_the_sitemap(out) -> None:
    locs = set(re.findall(r"<loc>([^<]+)</loc>", out["sitemap.xml"]))
    for path in out:
        if path.endswith("index.html") and "/sida/" in path or re.match(r"nyheter/\d{4}/", path):
            assert BASE + path[:-len("index.html")] in locs, path


# ---- site.yaml kinds: ------------------------------------------------------------------------

def test_kinds_title_path_and_menu(out) -> None:
    home = out["index.html"]
    menu = home[home.index('<ul class="menu">'):home.index("</ul>", home.index('<ul class="menu">'))]
    assert '<a href="foretagsbesok/">Företagsbesök</a>' in menu
    assert '<a href="nyheter/">Nyheter</a>' in menu
    assert "traffar" not in menu  # menu: false
    assert "<h1>Företagsbesök</h1>" in out["foretagsbesok/index.html"]
    assert "<h1>Träffar och workshoppar</h1>" in out["traffar/index.html"]
    # a changed path is simply the new URL: the default one is not made
    assert "besokssprintar/index.html" not in out and "workshoppar/index.html" not in out
    crumbs = out["foretagsbesok/host-2026/index.html"]
    assert '<li><a href="../../foretagsbesok/">Företagsbesök</a></li>' in crumbs


def test_without_kinds_the_defaults_hold(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "site.yaml").write_text("title: T\norganisation: {name: K}\n", encoding="utf-8")
    site = load(content)
    s = site.config.listing("sprint")
    assert (s.title, s.url, s.menu, s.per_page) == (None, "besokssprintar/", True, 20)
    assert site.config.listing("news").url == "nyheter/"


# ---- news ------------------------------------------------------------------------------------

def test_news_page(out) -> None:
    page = out["nyheter/ny-besokssprint/index.html"]
    assert ('Publicerad <time datetime="2026-09-01">1 september 2026</time> · Uppdaterad '
            '<time datetime="2026-09-03">3 september 2026</time>') in page
    assert "14 oktober 2026 kl. 08.30" in main_text(page) and "Kommunhuset, Exempelby" in page
    graph = jsonld(page)
    (article,) = [n for n in graph if n["@type"] == "NewsArticle"]
    assert article["headline"] == "Ny Besökssprint i höst"
    assert (article["datePublished"], article["dateModified"]) == ("2026-09-01", "2026-09-03")
    assert article["publisher"] == {"@id": BASE + "#organisation"}
    assert article["about"] == {"@id": BASE + "nyheter/ny-besokssprint/#event"}
    assert [n["startDate"] for n in graph if n["@type"] == "Event"] == ["2026-10-14T08:30+02:00"]
    (with_image,) = [n for n in jsonld(out["nyheter/sommarjobb/index.html"])
                     if n["@type"] == "NewsArticle"]
    assert with_image["image"][0].startswith(BASE + "nyheter/bild-1200.") and "dateModified" in with_image


def test_news_on_the_home_page_in_the_feed_and_calendar(out) -> None:
    latest = out["index.html"][out["index.html"].index('id="latest"'):]
    for slug in ("lokalt-naringslivsrad", "ny-besokssprint", "sommarjobb"):
        assert f'href="nyheter/{slug}/"' in latest
    feed = ET.fromstring(out["feed.xml"].encode())
    a = "{http://www.w3.org/2005/Atom}"
    entries = {e.find(f"{a}id").text: e for e in feed.findall(f"{a}entry")}
    news = entries[BASE + "nyheter/ny-besokssprint/"]
    assert news.find(f"{a}published").text.startswith("2026-09-01")
    assert news.find(f"{a}updated").text.startswith("2026-09-03")
    assert BASE + "nyheter/nytt-naringslivsprogram/" in entries
    assert "nyheter/ny-besokssprint/kalender.ics" in out  # a news item with an event


# ---- inexact dates, open-ended strategies --------------------------------------------------------

def test_open_ended_strategy_with_inexact_dates(out) -> None:
    page = out["strategi/index.html"]
    text = main_text(page)
    assert "Period 2016–tills vidare" in text
    assert '<time datetime="2016-05">maj 2016</time> av Kommunfullmäktige' in page
    assert ('<dt>Förlängd</dt>\n<dd>tills vidare av KSAU, <time datetime="2020-11">november 2020'
            '</time></dd>') in page
    assert "Strategin gäller tills en ny har antagits." in text
    (work,) = [n for n in jsonld(page) if n["@type"] == "CreativeWork"]
    assert (work["temporalCoverage"], work["datePublished"], work["dateModified"]) == (
        "2016/..", "2016-05", "2020-11")
    home = out["index.html"]  # the open-ended strategy is the current one
    current = home[home.index('id="current-strategy"'):]
    assert '<a href="strategi/">Näringslivsstrategi</a>' in current and "2016–tills vidare" in current


@pytest.mark.parametrize("written,sv,en", [
    ("2020", "2020", "2020"), ("2020-11", "november 2020", "November 2020"),
    ("2020-11-20", "20 november 2020", "20 November 2020")])
def test_inexact_dates_in_swedish_and_english(tmp_path: Path, written, sv, en) -> None:
    for language, shown, until in (("sv", sv, "tills vidare"), ("en", en, "until further notice")):
        content = tmp_path / language / written
        content.mkdir(parents=True)
        (content / "site.yaml").write_text(f"title: T\norganisation: {{name: K}}\nlanguage: {language}\n",
                                           encoding="utf-8")
        (content / "s.md").write_text(
            f"---\nkind: strategy\ntitle: S\nperiod: {{start: 2016, end: until further notice}}\n"
            f"status: adopted\nadopted: {{date: {written}}}\n---\nx\n", encoding="utf-8")
        (content / "t.md").write_text("---\nkind: accessibility\ntitle: T\ncompliance: full\nassessed: {date: 2024-01-10, method: Egen granskning}\nupdated: 2024-01-10\nfeedback: {email: kundcenter@example.se}\n---\nx\n", encoding="utf-8")
        site = load(content)
        html = render_page(site, next(p for p in site.pages if p.kind == "strategy"))
        assert f'<time datetime="{written}">{shown}</time>' in html
        assert f"2016–{until}" in html


# ---- people ----------------------------------------------------------------------------------

def test_groups_organisations_and_unnamed_quotes(out) -> None:
    page = out["foretagsbesok/host-2026/index.html"]
    people = re.findall(r"<li>(.*?)</li>", page[page.index('class="participant-list"'):
                                                   page.index("</ul>", page.index("participant-list"))])
    assert [re.sub(r"<[^>]+>", "", p) for p in people] == [
        "Ulrika Juul, ordförande, Företagarna", "Kommunledningen", "tjänstemän (6 personer)",
        "Anna Andersson, Näringslivschef"]
    assert "<figcaption>— En deltagare, Företagarna</figcaption>" in page
    assert ("<figcaption>— En deltagare, Region Västmanland</figcaption>"
            in out["traffar/frukostmote/index.html"])
    (event,) = [n for n in jsonld(page) if n["@type"] == "Event"]
    assert event["attendee"] == [  # only the named people are Persons
        {"@type": "Person", "name": "Ulrika Juul", "jobTitle": "ordförande",
         "affiliation": {"@type": "Organization", "name": "Företagarna"}},
        {"@type": "Person", "name": "Anna Andersson", "jobTitle": "Näringslivschef"}]
