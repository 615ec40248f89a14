"""Body links: content-relative (.md and files) rewritten, URL-relative checked, broken ones reported."""
import datetime as dt
from pathlib import Path, PurePosixPath
import shutil

import pytest

from civicsite.content.links import content_target, url_rewriter
from civicsite.content.load import load_site
from civicsite.core.errors import Diagnostics
from civicsite.render.site import render_site

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "trollhattan"
PAGE = "besokssprint/var-2021.md"


def test_content_target_resolves_against_the_page_folder():
    rel = PurePosixPath(PAGE)
    assert content_target("../index.md#top", rel) == ("index.md", "#top")
    assert content_target("bild%20ett.png", rel) == ("besokssprint/bild ett.png", "")
    for external in ("https://x.se/", "mailto:a@b.se", "#anchor", "//cdn.example/x", "/absolut/"):
        assert content_target(external, rel) is None


def test_rewriter_maps_pages_files_and_site_paths():
    rewrite = url_rewriter(PurePosixPath(PAGE), "../../",
                           {"index.md": "", "tillganglighet.md": "tillganglighet/"},
                           ["besokssprint/Bild 1.png"])
    assert rewrite("../index.md") == "../../"
    assert rewrite("../tillganglighet.md#feedback") == "../../tillganglighet/#feedback"
    assert rewrite("Bild%201.png") == "../../besokssprint/Bild%201.png"
    assert rewrite("/tillganglighet/") == "../../tillganglighet/"
    assert rewrite("https://www.trollhattan.se/") == "https://www.trollhattan.se/"
    assert rewrite("../../tillganglighet/") == "../../tillganglighet/"  # URL-relative: left as written


def test_rewriter_uses_fingerprinted_names():
    rewrite = url_rewriter(PurePosixPath(PAGE), "../../", {}, ["besokssprint/Bild 1.png", "a.pdf"],
                           {"besokssprint/Bild 1.png": "besokssprint/Bild 1.0123abcd.png"},
                           "besokssprint/var-2021/")
    assert rewrite("Bild%201.png#x") == "../../besokssprint/Bild%201.0123abcd.png#x"
    assert rewrite("/besokssprint/Bild%201.png") == "../../besokssprint/Bild%201.0123abcd.png"
    assert rewrite("../Bild%201.png") == "../../besokssprint/Bild%201.0123abcd.png"  # URL-relative
    assert rewrite("../a.pdf") == "../../a.pdf"


def _site_with(tmp_path: Path, extra: str):
    content = tmp_path / "c"
    shutil.copytree(EXAMPLE, content)
    page = content / PAGE
    lines = page.read_text(encoding="utf-8").split("\n")
    page.write_text("\n".join(lines + ["", extra, ""]), encoding="utf-8")
    diag = Diagnostics()
    site = load_site(str(content), diag, dt.date(2026, 11, 25))
    return site, diag, str(content), len(lines) + 2


def test_valid_links_render_relative_to_the_published_page(tmp_path):
    site, diag, _, _ = _site_with(
        tmp_path, "[start](../index.md) ![bild](besokssprint.png) [t](../../tillganglighet/)")
    assert diag.report() == []
    html = render_site(site)[PAGE.replace(".md", "/index.html")]
    assert '<a href="../../" rel="noopener noreferrer">start</a>' in html
    png = site.published_path("besokssprint/besokssprint.png")
    assert png.startswith("besokssprint/besokssprint.") and png != "besokssprint/besokssprint.png"
    assert f'<img alt="bild" src="../../{png}">' in html
    assert '<a href="../../tillganglighet/" rel="noopener noreferrer">t</a>' in html


@pytest.mark.parametrize("link, level, message", [
    ("[x](saknas.md)", "", 'the link "saknas.md" leads to no page or file of this site'),
    ("[x](../tillganglighet/)", "", 'the link "../tillganglighet/" leads to no page'),
    ("[x](/foretagsbesok/hosten/)", "", 'the link "/foretagsbesok/hosten/" leads to no page or '
     "file of this site; check the address (was the page moved or renamed?)"),
    ("[x](/besokssprint/var-2021/#deltagare)", "", None),
    ("[x](/tillganglighet/)", "", None),
    ("[x](/bilder/saknas.png)", "", 'the link "/bilder/saknas.png" leads to no page'),
    ("[x](../../../etc/passwd)", "", 'the link "../../../etc/passwd" leads outside the content folder'),
])
def test_broken_links_are_reported_on_their_line(tmp_path, link, level, message):
    _, diag, content, line = _site_with(tmp_path, link)
    reports = [r for r in diag.report() if "body:" in r]
    if message is None:
        assert reports == []
    else:
        assert len(reports) == 1 and reports[0].startswith(
            f"{content}/{PAGE}:{line}: {level}body: {message}"), reports


@pytest.mark.parametrize("path, owner", [("static/site.css", "a file of the site's theme"),
                                         ("kontakt/kontaktcenter.vcf", 'the vCard of contact "kontaktcenter"')])
def test_a_file_on_a_generated_address_is_an_error(tmp_path, path, owner):
    content = tmp_path / "c"
    shutil.copytree(EXAMPLE, content)
    (content / path).parent.mkdir(parents=True, exist_ok=True)
    (content / path).write_text("x")
    diag = Diagnostics()
    load_site(str(content), diag, dt.date(2026, 11, 25))
    assert f"{content}/{path}:1: url: this file would be published as /{path}, which is already used by {owner}; rename one of them" in diag.report()


@pytest.mark.parametrize("link, message", [
    ("[x](https://naringsliv.trollhattan.example/foretagsbesok/hosten/)",
     'the link "https://naringsliv.trollhattan.example/foretagsbesok/hosten/" leads to no page or '
     "file of this site; check the address (was the page moved or renamed?)"),
    ("[x](https://NARINGSLIV.trollhattan.example/besokssprint/var-2021/)", None),
    ("[x](https://naringsliv.trollhattan.example/)", None),
    ("[x](https://www.trollhattan.se/saknas/)", None),  # another site: not checked
    ("[x](/besokssprint/var-202/)", 'the link "/besokssprint/var-202/" leads to no page or file of '
     'this site; check the address (was the page moved or renamed?) (did you mean '
     '"/besokssprint/var-2021/"?)'),
])
def test_links_to_the_sites_own_addresses_must_lead_somewhere(tmp_path, link, message):
    _, diag, content, line = _site_with(tmp_path, link)
    reports = [r for r in diag.report() if "body:" in r]
    assert reports == ([] if message is None else [f"{content}/{PAGE}:{line}: body: {message}"])


def test_a_front_matter_link_to_the_site_is_checked_on_its_line(tmp_path):
    content = tmp_path / "c"
    shutil.copytree(EXAMPLE, content)
    page = content / PAGE
    text = page.read_text(encoding="utf-8")
    related = text.index("related:")
    page.write_text(text[:related] + text[related:].replace(
        "url: https://www.trollhattan.se/foretagsbesok", "url: /hosten/", 1), encoding="utf-8")
    line = text[:related].count("\n") + 3
    diag = Diagnostics()
    load_site(str(content), diag, dt.date(2026, 11, 25))
    assert diag.report() == [f'{content}/{PAGE}:{line}: related[0].url: the link "/hosten/" leads '
                             "to no page or file of this site; check the address (was the page "
                             "moved or renamed?)"]


def test_a_file_name_with_spaces_links_as_written(tmp_path):
    """[Program](Program 2021.pdf) links the file (no misleading "Program" not found); a missing
    one is named in full, with the file that is there."""
    content = tmp_path / "c"
    shutil.copytree(EXAMPLE, content)
    (content / "besokssprint" / "Program 2021.pdf").write_bytes(b"%PDF-1.4\n")
    page = content / PAGE
    lines = page.read_text(encoding="utf-8").split("\n")
    page.write_text("\n".join(lines + ["", '[Program](Program 2021.pdf), [PDF](<Program 2021.pdf> '
                                        '"PDF") och [fel](Program 2012.pdf)', ""]), encoding="utf-8")
    diag = Diagnostics()
    site = load_site(str(content), diag, dt.date(2026, 11, 25))
    assert diag.report() == [f'{content}/{PAGE}:{len(lines) + 2}: body: the link "Program 2012.pdf" '
                             "leads to no page or file of this site; link to a page's .md file (e.g. "
                             "../besokssprint/var-2021.md) or to a file in the content folder (did "
                             'you mean "Program 2021.pdf"?)']
    diag.items.clear()
    page.write_text("\n".join(lines + ["", '[Program](Program 2021.pdf) och [PDF](<Program 2021.pdf> '
                                        '"PDF")', ""]), encoding="utf-8")
    site = load_site(str(content), diag, dt.date(2026, 11, 25))
    assert diag.report() == []
    html = render_site(site)[PAGE.replace(".md", "/index.html")]
    assert html.count('href="../../besokssprint/Program%202021.pdf"') == 2
