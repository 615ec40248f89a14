"""The Atom feed: dated pages newest first, with the fields RFC 4287 requires."""
import datetime as dt
from pathlib import Path
import xml.etree.ElementTree as ET

import hypothesis

from civicsite.content.load import load_site
from civicsite.core.errors import Diagnostics
from civicsite.render.feed import atom_feed

ROOT = Path(__file__).resolve().parent.parent
A = "{http://www.w3.org/2005/Atom}"


def _feed(content: Path):
    site = load_site(str(content), Diagnostics(), dt.date(2026, 11, 25))
    return ET.fromstring(atom_feed(site).encode("utf-8"))


def test_trollhattan_feed_has_the_sprint_with_its_dates():
    feed = _feed(ROOT / "examples" / "trollhattan")
    assert feed.find(f"{A}title").text == "Näringsliv i Trollhättan"
    assert feed.find(f"{A}updated").text == "2021-05-27T00:00:00+02:00"  # the review is the last change
    entries = feed.findall(f"{A}entry")
    assert [e.find(f"{A}id").text for e in entries] == [
        "https://naringsliv.trollhattan.example/besokssprint/var-2021/"]
    entry = entries[0]
    assert entry.find(f"{A}published").text == "2021-05-18T00:00:00+02:00"
    assert entry.find(f"{A}updated").text == "2021-05-27T00:00:00+02:00"
    assert entry.find(f"{A}summary").text.startswith("Den 18 maj 2021 gjorde politiker")
    assert [c.get("term") for c in entry.findall(f"{A}category")][:2] == ["företagsbesök", "besökssprint"]


def test_every_entry_has_the_required_atom_elements_and_newest_comes_first(tmp_path):
    feed = _feed(ROOT / "tests" / "sites" / "golden")
    for element in ("id", "title", "updated", "author"):
        assert feed.find(f"{A}{element}") is not None
    entries = feed.findall(f"{A}entry")
    assert len(entries) >= 2
    for entry in entries:
        for element in ("id", "title", "updated", "link"):
            assert entry.find(f"{A}{element}") is not None, element
    published = [e.find(f"{A}published").text for e in entries]
    assert published == sorted(published, reverse=True)
    assert "tillganglighet" not in " ".join(e.find(f"{A}id").text for e in entries)


def test_pages_link_to_the_feed():
    from civicsite.render.pages import render_page
    site = load_site(str(ROOT / "content"), Diagnostics(), dt.date(2026, 11, 25))
    page = next(p for p in site.pages if p.url == "naringslivsstrategi/")
    assert '<link rel="alternate" type="application/atom+xml" title="Näringsliv i Hallstahammar" href="../feed.xml">' in render_page(site, page)


@hypothesis.given(hypothesis.strategies.text())
def test_escaping_is_that_of_saxutils(text: str) -> None:
    from xml.sax.saxutils import escape as sax_escape

    from civicsite.render.feed import NOT_XML, _attr, escape
    # and what XML cannot hold at all (text fields refuse it) becomes U+FFFD
    assert escape(text) == NOT_XML.sub("\ufffd", sax_escape(text))
    assert _attr(text) == NOT_XML.sub("\ufffd", sax_escape(text, {'"': "&quot;"}))
