"""``aliases:``: old addresses of a moved page become redirect pages and ``_redirects`` lines;
an alias that collides or could leave the site is an error naming file, line and field."""
from __future__ import annotations

from pathlib import Path
import sys

import html5lib
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "invalid"))
from test_invalid import assert_lines_like as assert_lines, make_content, run_main  # noqa: E402

DATE = "2024-06-01"
STRATEGY = "nyheter/strategi.md"
TITLE = "title: Strategi\n"


def build(tmp_path: Path, aliases: str, base_url: str = "https://naringsliv.example.se/",
          extra: dict | None = None) -> tuple[int, str, Path]:
    content = make_content(tmp_path / "content", {STRATEGY: (TITLE, TITLE + aliases), **(extra or {})})
    out = tmp_path / "out"
    code, _, err = run_main("build", "--content", str(content), "--output", str(out),
                            "--date", DATE, "--base-url", base_url)
    return code, err.replace(str(content), "content"), out


def test_each_alias_gets_a_redirect_page_and_a_redirects_line(tmp_path):
    code, err, out = build(tmp_path, "aliases:\n  - /gammal-strategi/\n  - arkiv/Strategi%202020.html\n"
                                     "  - /kort\n", base_url="https://x.example/sub/")
    assert code == 0, err
    expected = {"gammal-strategi/index.html": "../nyheter/strategi/",
                "arkiv/Strategi 2020.html": "../nyheter/strategi/",
                "kort/index.html": "../nyheter/strategi/"}
    for path, target in expected.items():
        html = (out / path).read_text(encoding="utf-8")
        doc = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(html)
        assert doc.get("lang") == "sv"
        assert doc.find(".//link[@rel='canonical']").get("href") == "https://x.example/sub/nyheter/strategi/"
        assert doc.find(".//meta[@http-equiv='refresh']").get("content") == f"0; url={target}"
        link = doc.find(".//main//a")
        assert link.get("href") == target and link.text == "Strategi"
        assert "Sidan har flyttat" in doc.find(".//h1").text
        # the relative target, resolved from the alias's folder, is the page's folder
        assert (out / path).parent.joinpath(target, "index.html").resolve() == \
            (out / "nyheter/strategi/index.html").resolve()
    assert (out / "_redirects").read_text(encoding="utf-8").splitlines()[1:] == [
        "/sub/gammal-strategi/ /sub/nyheter/strategi/ 301",
        "/sub/arkiv/Strategi%202020.html /sub/nyheter/strategi/ 301",
        "/sub/kort/ /sub/nyheter/strategi/ 301"]
    # redirect pages are not pages of their own: not in the sitemap
    assert "gammal-strategi" not in (out / "sitemap.xml").read_text(encoding="utf-8")


def test_english_site_redirect_text(tmp_path):
    code, err, out = build(tmp_path, "aliases: /old/\n",
                           extra={"site.yaml": ("language: sv", "language: en")})
    assert code == 0, err
    html = (out / "old/index.html").read_text(encoding="utf-8")
    assert 'lang="en"' in html and "This page has moved" in html


def test_no_aliases_no_redirects_file(tmp_path):
    code, err, out = build(tmp_path, "")
    assert code == 0, err
    assert not (out / "_redirects").exists()


@pytest.mark.parametrize("aliases, line, field, message", [
    ("aliases: [/nyheter/workshop/]", 4, "aliases[0]", r"^/nyheter/workshop/ is already used by content/nyheter/workshop\.md"),
    ("aliases: [/nyheter/workshop]", 4, "aliases[0]", r"^/nyheter/workshop/ is already used by content/nyheter/workshop\.md"),
    ("aliases: [/nyheter/utkast/]", 4, "aliases[0]", r"already used by content/nyheter/utkast\.md"),
    ("aliases: [/sitemap.xml]", 4, "aliases[0]", r"file name that a static host cannot serve"),
    ("aliases: [/404.html]", 4, "aliases[0]", r"^/404\.html is already used by the generated 404\.html"),
    ("aliases: [/strategier/]", 4, "aliases[0]", r"already used by the generated list of strategy pages"),
    ("aliases:\n  - /a/\n  - /b/\n  - /a", 7, "aliases[2]", r"^/a/ is already used by an alias of content/nyheter/strategi\.md"),
    ("aliases: [/nyheter/strategi/]", 4, "aliases[0]", r"already used by content/nyheter/strategi\.md"),
    ("aliases: [/feed.xml/]", 4, "aliases[0]", r"^/feed\.xml/ is already used by the generated feed\.xml"),
    ("aliases: [/sitemap.xml/gammal.html]", 4, "aliases[0]", r"already used by the generated sitemap\.xml"),
    ("aliases:\n  - /a/b.html\n  - /a/b.html/", 6, "aliases[1]", r"^/a/b\.html/ is already used by an alias of"),
    ("aliases:\n  - /a/b.html/\n  - /a/b.html", 6, "aliases[1]", r"^/a/b\.html is already used by a folder"),
    ("aliases: [../utanfor/]", 4, "aliases[0]", r"may not contain \. or \.\. segments"),
    ("aliases: [/a/../../b/]", 4, "aliases[0]", r"may not contain \. or \.\. segments"),
    ("aliases: ['%2e%2e/b/']", 4, "aliases[0]", r"may not contain \. or \.\. segments"),
    ("aliases: [https://evil.example/x/]", 4, "aliases[0]", r"is a full address"),
    ("aliases: [//evil.example/x/]", 4, "aliases[0]", r"is a full address"),
    ("aliases: ['javascript:alert(1)']", 4, "aliases[0]", r"is a full address"),
    ("aliases: ['/a?b=1']", 4, "aliases[0]", r"may not contain \?, #"),
    ("aliases: ['/a\\b/']", 4, "aliases[0]", r"may not contain \?, #, \\"),
    ("aliases: [/]", 4, "aliases[0]", r"address of the home page"),
    ("aliases: [/a//b/]", 4, "aliases[0]", r"empty segment"),
    ("aliases: [/gammal.php]", 4, "aliases[0]", r"cannot serve as a web page"),
])
def test_bad_alias_is_an_error_with_file_line_field(tmp_path, aliases, line, field, message):
    code, err, out = build(tmp_path, aliases + "\n")
    assert code == 1
    assert_lines(err, [(STRATEGY, line, field, message)])
    assert not out.exists()


def test_two_pages_with_one_alias(tmp_path):
    code, err, _ = build(tmp_path, "aliases: [/gammal/]\n", extra={
        "nyheter/workshop.md": ("title: Workshop\n", "title: Workshop\naliases:\n  - /gammal/\n")})
    assert code == 1
    assert_lines(err, [("nyheter/workshop.md", 5, "aliases[0]",
                        r"^/gammal/ is already used by an alias of content/nyheter/strategi\.md")])
