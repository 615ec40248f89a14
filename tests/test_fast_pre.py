"""The quick preprocessors give exactly the stock ones' lines, and skip the stock work only on a
text without what that preprocessor looks for."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
import markdown
from markdown import preprocessors
from markdown.extensions import fenced_code
import pytest

from civicsite.markdown import fast_pre
from civicsite.markdown.body import EXTENSIONS

ROOT = Path(__file__).resolve().parents[1]
# what any of the three looks for, and ordinary text around it
TEXT = st.lists(st.sampled_from(list("ab #-*>|;") + [" ", "\n", "\t", "\r", "\x02", "\x03", "<",
                                                   "&", "&amp", "<p>", "```", "~~~", "`", "~"]),
                max_size=40).map("".join)
LINES = st.lists(st.text(st.sampled_from(list("ab #;`~<&\t\r\x02 ")), max_size=8), min_size=1,
                 max_size=8)


def stock() -> markdown.Markdown:
    return markdown.Markdown(extensions=EXTENSIONS, output_format="html")


def pairs() -> list[tuple[object, object]]:
    """(stock, quick) preprocessor of each kind, from two fresh converters."""
    plain, quick = stock(), fast_pre.install(stock())
    return [(plain.preprocessors[name], quick.preprocessors[name])
            for name in ("normalize_whitespace", "html_block", "fenced_code_block")]


def test_install_replaces_the_three_stock_preprocessors_in_place():
    md = fast_pre.install(stock())
    names = [item.name for item in md.preprocessors._priority]
    assert names == [item.name for item in stock().preprocessors._priority]
    assert type(md.preprocessors["normalize_whitespace"]) is fast_pre.QuickNormalizeWhitespace
    assert type(md.preprocessors["html_block"]) is fast_pre.QuickHtmlBlockPreprocessor
    assert type(md.preprocessors["fenced_code_block"]) is fast_pre.QuickFencedBlockPreprocessor


@settings(max_examples=1500, deadline=None)
@given(LINES)
def test_each_gives_the_stock_lines(lines):
    for plain, quick in pairs():
        assert quick.run(list(lines)) == plain.run(list(lines)), type(plain).__name__


@settings(max_examples=1500, deadline=None)
@given(TEXT)
def test_the_converter_gives_the_stock_html(text):
    assert fast_pre.install(stock()).convert(text) == stock().convert(text)


def test_the_example_site_converts_as_with_the_stock_preprocessors():
    pages = sorted((ROOT / "content").rglob("*.md")) + sorted((ROOT / "tests").rglob("*.md"))
    assert len(pages) > 20
    for page in pages:
        text = page.read_text(encoding="utf-8", errors="replace")
        assert fast_pre.install(stock()).convert(text) == stock().convert(text), page


@pytest.mark.parametrize("stock_class, lines", [
    (preprocessors.NormalizeWhitespace, ["# Rubrik", "", "Text med *betoning*.", "  - punkt"]),
    (preprocessors.HtmlBlockPreprocessor, ["Text utan taggar", "", "och utan et-tecken."]),
    (fenced_code.FencedBlockPreprocessor, ["Kod `inline` men inget staket", "~ ett tilde"]),
])
def test_a_text_without_what_it_looks_for_is_not_read_by_the_stock_one(stock_class, lines,
                                                                        monkeypatch):
    def refuse(self, lines):
        raise AssertionError("the stock preprocessor ran")
    quick = fast_pre.install(stock())
    monkeypatch.setattr(stock_class, "run", refuse)
    name = {preprocessors.NormalizeWhitespace: "normalize_whitespace",
            preprocessors.HtmlBlockPreprocessor: "html_block",
            fenced_code.FencedBlockPreprocessor: "fenced_code_block"}[stock_class]
    assert quick.preprocessors[name].run(list(lines))[:len(lines)] == lines


@pytest.mark.parametrize("name, lines", [
    ("normalize_whitespace", ["a", "   ", "b"]),     # a line of spaces is emptied
    ("normalize_whitespace", ["a\tb"]),              # tabs are expanded
    ("html_block", ["a &amp b &#38; c"]),            # entities go through the parser
    ("html_block", ["<div>", "x", "</div>"]),
    ("fenced_code_block", ["```", "kod", "```"]),
])
def test_a_text_with_it_gets_the_stock_work(name, lines):
    plain, quick = stock(), fast_pre.install(stock())
    stock_lines = plain.preprocessors[name].run(list(lines))
    assert quick.preprocessors[name].run(list(lines)) == stock_lines
    if "&" not in lines[0]:
        assert stock_lines[:len(lines)] != lines  # the stock one changed something here
