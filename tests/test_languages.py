"""A page in another language and a lättläst version (issue 20): the minimal site with an
English translation of its home page, English news and an English workshop, and a lättläst
version of the home page, built once. Each English page is published in English (its
`<html lang>`, every interface text, JSON-LD); the pairs link both ways with hreflang and
x-default, in the HTML and in the sitemap; the other-language and lättläst pages are in no
generated list, the feed or the site calendar, but in the sitemap and the search."""
from __future__ import annotations

import json
from pathlib import Path
import re
import shutil
import xml.etree.ElementTree as ET

import pytest
import yaml

from civicsite.cli import main
from test_english import swedish_fragments  # the same Swedish texts to look for

MINIMAL = Path(__file__).resolve().parent / "sites" / "minimal"
BASE = "https://naringsliv.example.se/"

PAGES = {
    "en/index.md": """---
title: Welcome
language: en
translation_of: ../index.md
summary: The municipality's business pages in English.
contacts: [kundcenter]
hours: [kundcenter]
related:
  - title: The municipality
    url: https://www.example.se
---
A short English introduction to the pages for local businesses.

::: contact anna-andersson
""",
    "en/news.md": """---
kind: news
title: Breakfast meeting in English
language: en
date: 2024-05-20
tags: [företagsklimat]
---
An English news item about the breakfast meeting.
""",
    "en/workshop.md": """---
kind: workshop
title: Workshop in English
language: en
event:
  start: 2024-09-10T09:00
  end: 2024-09-10T11:00
  attendance: offline
---
A workshop held in English.
""",
    "lattlast.md": """---
title: Lättläst om kommunen
easy_read_of: index.md
date: 2024-05-21
tags: [företagsklimat]
---
Kommunen hjälper företag.
""",
    "om.md": """---
title: Om kommunen
translation_of: en/about.md
---
Om kommunen.
""",
    "en/about.md": """---
title: About the municipality
language: en
translation_of: ../om.md
---
About the municipality.
""",
    "nyheter/svensk-nyhet.md": """---
kind: news
title: Frukostmöte
date: 2024-05-19
tags: [företagsklimat]
---
En nyhet på svenska.
""",
}
ENGLISH = ["en/index.html", "en/about/index.html", "en/news/index.html", "en/workshop/index.html", "en/search/index.html"]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("languages") / "content"
    shutil.copytree(MINIMAL, content)
    for name, text in PAGES.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(text, encoding="utf-8")
    out = content.parent / "site"
    assert main(["build", "--content", str(content), "--output", str(out), "--date",
                 "2024-06-01"]) == 0
    return out


def read(out: Path, path: str) -> str:
    return (out / path).read_text(encoding="utf-8")


def jsonld(html: str) -> list[dict]:
    text = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    return json.loads(text)["@graph"]


def test_english_pages_are_in_english(site):
    for path in ENGLISH:
        assert '<html lang="en">' in read(site, path), path
    for path in ("index.html", "lattlast/index.html", "nyheter/index.html", "sok/index.html"):
        assert '<html lang="sv">' in read(site, path), path
    page = read(site, "en/index.html")
    for text in ("Skip to content", ">Search</a>", "Contact us", "Phone", "Save contact",
                 "Related information", ">Day</th>", "Accessibility statement",
                 "Other versions of this page"):
        assert text in page, text
    assert '"open_long": "Open now"' in page and '"Monday"' in page  # the browser's "Öppet nu"
    news = read(site, "en/news/index.html")
    assert "Published" in news and "20 May 2024" in news
    assert 'aria-label="You are here"' in news and ">Home</a>" in news


def test_no_swedish_interface_text_on_english_pages(site):
    written = "\n".join(p.read_text(encoding="utf-8") for p in MINIMAL.rglob("*")
                        if p.suffix in (".md", ".yaml")) + "\n".join(PAGES.values())
    fragments = {f: k for f, k in swedish_fragments().items() if f not in written}
    assert len(fragments) > 80
    found = [f"{path}: {fragment!r} ({key})" for path in ENGLISH
             for fragment, key in fragments.items() if fragment in read(site, path)]
    assert not found, "\n".join(found)


def _alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def test_the_pair_links_both_ways(site):
    pair = {"sv": BASE, "en": BASE + "en/", "x-default": BASE}
    assert _alternates(read(site, "index.html")) == pair
    assert _alternates(read(site, "en/index.html")) == pair
    assert _alternates(read(site, "en/news/index.html")) == {}  # no translation: no alternates
    home = read(site, "index.html")
    assert '<a href="en/" hreflang="en" lang="en">In English</a>' in home
    english = read(site, "en/index.html")
    assert '<a href="../" hreflang="sv" lang="sv">På svenska</a>' in english
    # "Home" on an English page leads to the English home page, which has no breadcrumbs
    assert 'class="breadcrumbs"' not in english
    assert '<li><a href="../../en/">Home</a></li>' in read(site, "en/news/index.html")


def test_a_pair_may_name_each_other(site):
    """`translation_of:` written on both pages is the same pair (x-default: the Swedish one)."""
    pair = {"sv": BASE + "om/", "en": BASE + "en/about/", "x-default": BASE + "om/"}
    assert _alternates(read(site, "om/index.html")) == pair
    assert _alternates(read(site, "en/about/index.html")) == pair
    assert "Om kommunen" in read(site, "index.html")  # the Swedish one is listed


def test_sitemap_alternates_match_the_pages(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(read(site, "sitemap.xml").encode())
    urls = {u.find("s:loc", ns).text: u for u in root.findall("s:url", ns)}
    for url in (BASE + "en/news/", BASE + "en/workshop/", BASE + "lattlast/"):
        assert url in urls  # left out of the lists, not of the sitemap
    for loc, path in ((BASE, "index.html"), (BASE + "en/", "en/index.html")):
        links = {l.get("hreflang"): l.get("href") for l in urls[loc].findall("x:link", ns)}
        assert all(l.get("rel") == "alternate" for l in urls[loc].findall("x:link", ns))
        assert links == _alternates(read(site, path)) == {"sv": BASE, "en": BASE + "en/",
                                                            "x-default": BASE}
    assert not urls[BASE + "lattlast/"].findall("x:link", ns)


def test_jsonld_language_and_versions(site):
    english = next(n for n in jsonld(read(site, "en/index.html")) if n["@type"] == "WebPage")
    assert english["inLanguage"] == "en"
    assert english["translationOfWork"]["@id"] == BASE
    assert english["translationOfWork"]["inLanguage"] == "sv"
    home = next(n for n in jsonld(read(site, "index.html")) if n["@type"] == "WebPage")
    assert home["inLanguage"] == "sv"
    assert [n["@id"] for n in home["workTranslation"]] == [BASE + "en/"]
    news = next(n for n in jsonld(read(site, "en/news/index.html")) if n["@type"] == "NewsArticle")
    assert news["inLanguage"] == "en"
    easy = next(n for n in jsonld(read(site, "lattlast/index.html")) if n["@type"] == "WebPage")
    assert easy["inLanguage"] == "sv" and easy["isBasedOn"]["@id"] == BASE
    assert "Lättläst version av sidan Välkommen" in easy["accessibilitySummary"]


def test_lattlast_links_both_ways(site):
    assert '<a href="lattlast/" hreflang="sv">Lättläst</a>' in read(site, "index.html")
    assert '<a href="../" hreflang="sv">Till ordinarie sida</a>' in read(site, "lattlast/index.html")


def test_left_out_of_lists_feed_and_calendar(site):
    listed_news = read(site, "nyheter/index.html")
    assert "Frukostmöte" in listed_news and "Breakfast meeting in English" not in listed_news
    tag = read(site, "amne/foretagsklimat/index.html")
    assert "Frukostmöte" in tag and "Breakfast" not in tag and "Lättläst om" not in tag
    home = read(site, "index.html")
    assert "Frukostmöte" in home
    for title in ("Breakfast meeting in English", "Workshop in English", "Lättläst om kommunen"):
        assert title not in home and title not in read(site, "feed.xml")
    assert "Workshop in English" not in read(site, "evenemang.ics")
    assert "Workshop in English" not in read(site, "workshoppar/index.html")
    assert (site / "en/workshop/kalender.ics").is_file()  # the page's own calendar file stays
    # a tag of a page in no list is shown as text, not linked to a list without it
    assert 'Tags: företagsklimat</span>' in read(site, "en/news/index.html")


def test_search_per_language(site):
    assert 'href="../en/search/"' in read(site, "en/index.html")
    assert 'href="sok/"' in read(site, "index.html")
    search = read(site, "en/search/index.html")
    assert "<h1>Search this website</h1>" in search and 'data-none="No results for' in search
    entry = json.loads(read(site, "pagefind/pagefind-entry.json"))
    assert list(entry["languages"]) == ["en", "sv"]
    assert entry["languages"]["en"]["page_count"] == 4  # the four English pages


def _language_of_texts(html: str) -> dict[str, set[str]]:
    """Each text of the page's body → the languages it is in (the nearest ``lang`` above it)."""
    import html5lib

    tree = html5lib.parse(html, namespaceHTMLElements=False)
    found: dict[str, set[str]] = {}

    def walk(node, lang):
        lang = node.get("lang", lang)
        for text in (node.text, *(child.tail for child in node)):
            if text and text.strip():
                found.setdefault(text.strip(), set()).add(lang)
        for child in node:
            if child.tag not in ("script", "style"):
                walk(child, lang)

    walk(tree, "")
    return found


def test_the_editors_swedish_words_on_an_english_page_are_marked_swedish(site):
    """WCAG 3.1.2: what the editor wrote in Swedish in site.yaml, contacts.yaml and hours.yaml
    (a contact's name and title, a schedule's title and season names, the organisation) is
    marked lang="sv" where an English page shows it; the interface around it stays English."""
    texts = _language_of_texts(read(site, "en/index.html"))
    config = yaml.safe_load((MINIMAL / "site.yaml").read_text(encoding="utf-8"))
    swedish = ["Kundcenter", "Öppettider i kundcenter", "vintertid", "sommartid",
               "Näringslivschef", config["organisation"]["name"], config["title"]]
    for text in swedish:
        assert texts.get(text) == {"sv"}, (text, texts.get(text))
    for text in ("Phone", "Day", "Save contact"):
        assert texts.get(text) == {"en"}, (text, texts.get(text))
    # on a Swedish page nothing is marked: the page's own language holds
    assert 'lang="sv"' not in re.sub(r'hreflang="sv"', "", read(site, "index.html").split("<body", 1)[1])
