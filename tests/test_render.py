"""civicsite.render: pure rendering of pages, relative links, escaping, strictness, languages."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

import jinja2
import pytest

from civicsite.content.load import load_site
from civicsite.core.errors import Diagnostics
from civicsite.core.i18n import Translator
from civicsite.core.paths import TEMPLATES
from civicsite.render.listings import render_listing, render_not_found
from civicsite.render.navigation import listings
from civicsite.render.pages import render_page
from civicsite.render.templates import environment

SITE_YAML = """\
title: Näringsliv i Testkommun
base_url: https://naringsliv.example.se/
language: {language}
organisation:
  name: Testkommun
  url: https://www.example.se
more_sites:
  - title: Testkommun
    url: https://www.example.se
"""
CONTACTS = """\
kundcenter:
  name: Kundcenter
  phone: 0220-24000
  email: kundcenter@example.se
"""
PAGES = {
    "index.md": "---\ntitle: Start\n---\nVälkommen.\n",
    "tillganglighet.md": ("---\nkind: accessibility\ntitle: Tillgänglighet\n" + "compliance: full\nassessed: {date: 2024-01-10, method: Egen granskning}\nupdated: 2024-01-10\nfeedback: {email: kundcenter@example.se}\n"
                          "---\nText.\n"),
    "besokssprint/var-2021.md": ("---\nkind: sprint\ntitle: 30 företagsbesök <script>alert(1)</script>\n"
                                 "date: 2021-05-18\nevent: {start: 2021-05-18, attendance: online}\n"
                                 "contacts: [kundcenter]\n"
                                 "---\nSe [start](../../).\n"),
    "strategi/index.md": ("---\nkind: strategy\ntitle: Strategi\nperiod: {start: 2024, end: 2028}\n"
                          "status: adopted\nadopted: {date: 2023-11-30, by: Kommunfullmäktige}\n---\n"),
}
BUILD_DATE = dt.date(2021, 5, 10)


def make_site(root: Path, language: str = "sv", pages: dict | None = None):
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.yaml").write_text(SITE_YAML.format(language=language), encoding="utf-8")
    (root / "contacts.yaml").write_text(CONTACTS, encoding="utf-8")
    for rel, text in (pages or PAGES).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    diag = Diagnostics()
    site = load_site(str(root), diag, BUILD_DATE)
    assert diag.errors == [], diag.report()
    return site


def by_url(site, url):
    return next(p for p in site.pages if p.url == url)


@pytest.fixture(scope="module")
def sv_site(tmp_path_factory):
    return make_site(tmp_path_factory.mktemp("sv") / "content")


def test_render_page_is_pure(sv_site, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = by_url(sv_site, "besokssprint/var-2021/")
    first = render_page(sv_site, page)
    second = render_page(sv_site, page)
    assert first == second
    assert os.listdir(tmp_path) == []


def _hashed(name: str) -> str:
    """The fingerprinted theme file, computed here from its bytes: static/site.<sha256[:8]>.css."""
    stem, suffix = name.rsplit(".", 1)
    digest = hashlib.sha256((TEMPLATES / "static" / name).read_bytes()).hexdigest()[:8]
    return f"static/{stem}.{digest}.{suffix}"


CSS, JS = _hashed("site.css"), _hashed("open-now.js")


def test_relative_links_for_nested_page(sv_site):
    out = render_page(sv_site, by_url(sv_site, "besokssprint/var-2021/"))
    assert f'<link rel="stylesheet" href="../../{CSS}">' in out
    assert f'<script src="../../{JS}" defer></script>' in out
    assert '<a class="site-title" href="../../">' in out
    assert '<a href="../../tillganglighet/">Tillgänglighetsredogörelse</a>' in out
    assert '<a href="../../besokssprintar/">Besökssprintar</a>' in out
    assert '<a href="../../kontakt/kundcenter.vcf" download' in out
    assert ('<link rel="canonical" href="https://naringsliv.example.se/besokssprint/var-2021/">'
            in out)


def test_relative_links_for_home_page(sv_site):
    out = render_page(sv_site, by_url(sv_site, ""))
    assert f'<link rel="stylesheet" href="{CSS}">' in out
    assert '<a class="site-title" href="./">' in out
    assert '<a href="tillganglighet/">Tillgänglighetsredogörelse</a>' in out
    assert '<title>Näringsliv i Testkommun</title>' in out


def test_title_is_escaped(sv_site):
    out = render_page(sv_site, by_url(sv_site, "besokssprint/var-2021/"))
    assert "<script>alert(1)</script>" not in out
    assert "<h1>30 företagsbesök &lt;script&gt;alert(1)&lt;/script&gt;</h1>" in out
    assert ("<title>30 företagsbesök &lt;script&gt;alert(1)&lt;/script&gt; – "
            "Näringsliv i Testkommun</title>") in out


def test_json_ld_cannot_close_its_script_element(sv_site):
    out = render_page(sv_site, by_url(sv_site, "besokssprint/var-2021/"))
    start = out.index('<script type="application/ld+json">')
    end = out.index("</script>", start)
    block = out[start:end]
    assert "<script>" not in block.split(">", 1)[1]
    assert "\\u003cscript\\u003e" in block


def test_swedish_dates_and_labels(sv_site):
    out = render_page(sv_site, by_url(sv_site, "besokssprint/var-2021/"))
    assert 'Publicerad <time datetime="2021-05-18">18 maj 2021</time>' in out
    assert '<dt>När</dt>\n<dd><time datetime="2021-05-18">18 maj 2021</time></dd>' in out
    assert "<dt>Form</dt><dd>Digitalt</dd>" in out
    assert '<html lang="sv">' in out
    strategy = render_page(sv_site, by_url(sv_site, "strategi/"))
    assert "<dd>2024–2028</dd>" in strategy
    assert "<dt>Status</dt><dd>Antagen</dd>" in strategy
    assert ('<time datetime="2023-11-30">30 november 2023</time> av Kommunfullmäktige'
            in strategy)


def test_translator_dates():
    assert Translator("sv").date(dt.date(2021, 5, 18)) == "18 maj 2021"
    assert Translator("en").date(dt.date(2021, 5, 18)) == "18 May 2021"
    assert Translator("sv")("reviewed", date="2021-05-27", by="JOSÅKEBEN") == \
        "Senast granskad 2021-05-27 av JOSÅKEBEN"


def test_english_site_shows_english_labels(tmp_path):
    site = make_site(tmp_path / "content", language="en")
    out = render_page(site, by_url(site, "besokssprint/var-2021/"))
    assert '<html lang="en">' in out
    assert 'Published <time datetime="2021-05-18">18 May 2021</time>' in out
    assert "<dt>When</dt>" in out and "<dd>Online</dd>" in out
    assert "Skip to content" in out and "Accessibility statement" in out
    assert "More websites" in out
    for swedish in ("Publicerad", "Hoppa till", "Tillgänglighetsredogörelse", "Fler webbplatser",
                    "Telefon", "Digitalt"):
        assert swedish not in out
    assert "Company visit sprints" in out


def test_listing_and_404(sv_site):
    (listing,) = [l for l in listings(sv_site) if l.url == "besokssprintar/"]
    out = render_listing(sv_site, listing)
    assert "<h1>Besökssprintar</h1>" in out
    assert '<a href="../besokssprint/var-2021/">' in out
    assert f'<link rel="stylesheet" href="../{CSS}">' in out
    nf = render_not_found(sv_site)
    assert "<h1>Sidan finns inte</h1>" in nf
    # the 404 page is served at any address: its links start at the base URL's path
    assert '<a href="/tillganglighet/">Tillgänglighetsredogörelse</a>' in nf
    assert f'<link rel="stylesheet" href="/{CSS}">' in nf


def test_strict_undefined_raises():
    env = environment()
    template = env.from_string("Hej {{ namn_som_inte_finns }}")
    with pytest.raises(jinja2.UndefinedError):
        template.render()
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ page.titel }}").render(page=object())


def test_environment_autoescapes_strings():
    env = environment()
    assert env.from_string("{{ x }}").render(x="<b>&") == "&lt;b&gt;&amp;"


def test_translations_have_both_languages_as_text():
    import yaml

    from civicsite.core.i18n import TRANSLATIONS
    table = yaml.safe_load(TRANSLATIONS.read_text(encoding="utf-8"))
    for key, entry in table.items():
        assert isinstance(entry, dict) and set(entry) == {"sv", "en"}, key
        assert all(isinstance(v, str) and v for v in entry.values()), key


def test_accessibility_statement_texts(tmp_path):
    pages = dict(PAGES)
    pages["tillganglighet.md"] = (
        "---\nkind: accessibility\ntitle: Tillgänglighet\ncompliance: partial\n"
        "non_compliant: [{what: PDF-filer}]\n"
        "assessed: {date: 2023-03-20, method: Egen granskning.}\nupdated: 2023-03-21\n"
        "feedback: {email: kundcenter@example.se}\n---\nText.\n")
    site = make_site(tmp_path / "content", pages=pages)
    out = render_page(site, by_url(site, "tillganglighet/"))
    assert ("<p>Om du upptäcker problem som inte beskrivs här eller behöver innehåll i ett annat "
            "format, kontakta oss.</p>") in out
    assert '<a href="https://www.digg.se/tdosanmalan">Anmäl till Digg</a>' in out
    assert ("Webbplatsen granskades 20 mars 2023. Egen granskning. "
            "Redogörelsen uppdaterades senast 21 mars 2023.") in out
