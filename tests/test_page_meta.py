"""What every page carries besides its text: Open Graph, breadcrumbs, the header, the sign-up
that closes, the home page's current strategy, tag pages."""
from __future__ import annotations

from dataclasses import replace
import datetime as dt
import re

import pytest
from test_render import make_site

from civicsite.core.i18n import Translator
from civicsite.render.navigation import breadcrumbs, current_strategy, tag_groups
from civicsite.render.pages import render_page
from civicsite.render.site import render_site

PAGES = {
    "index.md": "---\ntitle: Start\n---\nVälkommen.\n",
    "tillganglighet.md": "---\nkind: accessibility\ntitle: Tillgänglighet\ncompliance: full\nassessed: {date: 2024-01-10, method: Egen granskning}\nupdated: 2024-01-10\nfeedback: {email: kundcenter@example.se}\n---\nText.\n",
    "besokssprint/index.md": "---\ntitle: Besökssprint\n---\nOm sprintarna.\n",
    "besokssprint/var-2021.md": (
        "---\nkind: sprint\ntitle: Vår 2021\ndate: 2021-05-18\nsummary: Trettio besök.\n"
        "tags: [Företag, företag, Besök]\n"
        "image: {src: bild.png, alt: Två personer i samtal., credit: Anna Fotograf}\n"
        "event: {start: 2021-05-18}\nsignup: {url: https://example.se/anmalan, deadline: 2021-05-12}\n"
        "---\nText.\n"),
    "besokssprint/bild.png": "png",
    "strategi/gammal.md": ("---\nkind: strategy\ntitle: Strategi 2016–2020\nperiod: {start: 2016, end: 2020}\n"
                           "status: expired\n---\n"),
    "strategi/nu.md": ("---\nkind: strategy\ntitle: Strategi 2021–2024\nperiod: {start: 2021, end: 2024}\n"
                       "status: adopted\ntags: [Besök]\n---\n"),
    "strategi/ny.md": ("---\nkind: strategy\ntitle: Strategi 2025–2028\nperiod: {start: 2025, end: 2028}\n"
                       "status: consultation\n---\n"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return make_site(tmp_path_factory.mktemp("meta") / "content", pages=PAGES)


def page(site, url):
    return next(p for p in site.pages if p.url == url)


def test_open_graph(site):
    html = render_page(site, page(site, "besokssprint/var-2021/"))
    # the image is published only under its fingerprinted name: the share image must use it
    image = site.published_path("besokssprint/bild.png")
    assert re.fullmatch(r"besokssprint/bild\.[0-9a-f]{8}\.png", image)
    for tag in ('<meta property="og:type" content="article">',
                '<meta property="og:title" content="Vår 2021">',
                '<meta property="og:url" content="https://naringsliv.example.se/besokssprint/var-2021/">',
                '<meta property="og:site_name" content="Näringsliv i Testkommun">',
                '<meta property="og:locale" content="sv_SE">',
                '<meta property="og:description" content="Trettio besök.">',
                f'<meta property="og:image" content="https://naringsliv.example.se/{image}">',
                '<meta property="og:image:alt" content="Två personer i samtal.">'):
        assert tag in html, tag
    assert '<span class="credit">Foto: Anna Fotograf</span>' in html


def test_signup_button_until_the_deadline_then_a_closed_notice(site):
    sprint = page(site, "besokssprint/var-2021/")
    before = render_page(replace(site, build_date=dt.date(2021, 5, 12)), sprint)
    assert '<a class="button" href="https://example.se/anmalan">Anmäl intresse</a>' in before
    after = render_page(replace(site, build_date=dt.date(2021, 5, 13)), sprint)
    assert "https://example.se/anmalan" not in after
    assert "Anmälan stängde 12 maj 2021." in after


def test_breadcrumbs_follow_folders_that_have_pages(site):
    t = Translator("sv")
    assert breadcrumbs(site, "besokssprint/var-2021/", t) == [("Startsida", ""), ("Besökssprint", "besokssprint/")]
    assert breadcrumbs(site, "strategi/nu/", t) == [("Startsida", "")]  # strategi/ has no page
    assert breadcrumbs(site, "amne/foretag/", t) == [("Startsida", ""), ("Alla ämnesord", "amne/")]
    assert breadcrumbs(site, "", t) == []
    html = render_page(site, page(site, "besokssprint/var-2021/"))
    assert ('<nav class="breadcrumbs" aria-label="Du är här">\n  <ol>\n'
            '    <li><a href="../../">Startsida</a></li>\n'
            '    <li><a href="../../besokssprint/">Besökssprint</a></li>\n'
            '    <li aria-current="page">Vår 2021</li>') in html


def test_current_strategy_is_the_adopted_one_in_force(site):
    assert current_strategy(site).title == "Strategi 2021–2024"
    later = replace(site, build_date=dt.date(2026, 1, 1))   # none in force: newest not expired
    assert current_strategy(later).title == "Strategi 2025–2028"
    home = render_page(site, page(site, ""))
    section = home.split('id="current-strategy"', 1)[1].split("</section>", 1)[0]
    assert '<a href="strategi/nu/">Strategi 2021–2024</a>' in section and "2021–2024 · Antagen" in section


def test_tags_that_give_one_address_share_a_page(site):
    groups = {url: (name, [p.title for p in pages]) for url, name, pages in tag_groups(site)}
    assert groups == {"amne/besok/": ("Besök", ["Vår 2021", "Strategi 2021–2024"]),
                      "amne/foretag/": ("Företag", ["Vår 2021"])}
    out = render_site(site)
    assert "<h1>Ämnesord: Besök</h1>" in out["amne/besok/index.html"]
    assert '<a href="../amne/foretag/">Företag</a> <span class="count">(1)</span>' in out["amne/index.html"]
    html = out["besokssprint/var-2021/index.html"]
    assert html.count('href="../../amne/foretag/"') == 2  # both spellings link to the one page


def test_menu_marks_the_current_listing_and_search(site):
    out = render_site(site)
    assert '<a href="../besokssprintar/" aria-current="page">Besökssprintar</a>' in out["besokssprintar/index.html"]
    assert '<a class="search-link" href="../sok/" aria-current="page">Sök</a>' in out["sok/index.html"]
    assert 'aria-current="page">Besökssprintar' not in out["index.html"]
