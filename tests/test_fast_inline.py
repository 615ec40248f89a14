"""The skipping inline step gives exactly Python-Markdown's own HTML, only sooner; so does the
converter as civicsite builds it (with the gated block step too, tests/test_fast_blocks.py)."""
from __future__ import annotations

from pathlib import Path
import re
import sys
import xml.etree.ElementTree as etree

from hypothesis import given, settings
from hypothesis import strategies as st
import markdown
from markdown.inlinepatterns import InlineProcessor as InlinePattern
from markdown.treeprocessors import InlineProcessor
import pytest

from civicsite.markdown import fast_blocks
from civicsite.markdown.body import EXTENSIONS
from civicsite.markdown.fast_inline import SkippingInlineProcessor, install
from civicsite.markdown.regex_chars import first_chars

ROOT = Path(__file__).resolve().parent.parent


def stock() -> markdown.Markdown:
    return markdown.Markdown(extensions=EXTENSIONS, output_format="html")


def fast() -> markdown.Markdown:
    return install(stock())


def as_built() -> markdown.Markdown:
    return fast_blocks.install(install(stock()))


def both(text: str) -> tuple[str, str]:
    return stock().convert(text), fast().convert(text)


@pytest.mark.parametrize("pattern, chars", [
    (r"\[", {"["}),
    (r"(?<!\!)\[", {"["}),                       # a look-behind adds nothing
    (r"\*|_", {"*", "_"}),
    (r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)", {"\\", "`"}),
    (r"a?b", {"a", "b"}),                        # an optional start: what follows counts too
    (r"(?:ab)*c", {"a", "c"}),
    (r"[x-z]q", {"x", "y", "z"}),
    (r"^&", {"&"}),                              # an anchor is zero-width
])
def test_first_chars_reads_the_regex(pattern, chars):
    assert first_chars(re.compile(pattern)) == chars


@pytest.mark.parametrize("pattern", [
    r"\w+", r"[^a]", r".x", r"a*", r"(?i)a", r"x?", r"(?:a|)",
])
def test_first_chars_is_none_when_it_cannot_be_known(pattern):
    assert first_chars(re.compile(pattern)) is None


def test_install_replaces_the_stock_inline_step_at_its_place():
    md = fast()
    assert type(md.treeprocessors["inline"]) is SkippingInlineProcessor
    assert sorted((i.priority, i.name) for i in md.treeprocessors._priority) == \
        sorted((i.priority, i.name) for i in stock().treeprocessors._priority)


def test_a_pattern_is_planned_only_for_texts_holding_what_it_needs():
    step = fast().treeprocessors["inline"]
    step._refresh()  # what is known of the patterns is learnt before each document
    names = [type(p).__name__ for p in step.inlinePatterns]
    linebreak = names.index("SubstituteTagInlineProcessor")  # "  \n": a space and a line break
    emphasis = names.index("DelimiterProcessor")
    plan = step._plan(frozenset(" "))
    assert plan[linebreak] != linebreak and plan[0] == len(names)  # nothing can match
    plan = step._plan(frozenset(" \n"))
    assert plan[linebreak] == linebreak and plan[linebreak + 1] == len(names)
    assert step._plan(frozenset("*"))[0] == emphasis


def test_install_leaves_an_inline_step_it_does_not_know():
    class Other(InlineProcessor):
        pass
    md = stock()
    md.treeprocessors.register(Other(md), "inline", 20)
    assert type(install(md).treeprocessors["inline"]) is Other


TRICKY = [
    "Plain text only.",
    "*em* and **strong** and ***both*** and _u_ and __uu__ and a * lone star",
    "`code *not em*` and ``double `tick` code`` and \\`escaped\\`",
    "[link](https://example.se/ \"title\") and ![bild](bild.png) and [ref][r] and [r]\n\n[r]: /x/",
    "<https://example.se/> and <namn@example.se> and <span>raw</span> and &amp; &copy; & alone",
    "line with break  \nnext line",
    "footnote[^1] here.\n\n[^1]: The note with *em* and [a link](https://a.se/).",
    "| a | b |\n|---|---|\n| *x* | [y](z/) |",
    "- item *one*\n- item `two`\n\n1. first\n2. second [l](l/)",
    "## Rubrik {#id}\n\nText {: .klass }",
    "\\*not em\\* and \\[not a link\\] and \\\\ backslash",
    "> quote with **strong** and <b>html</b>\n> second",
    "```\n*no* [inline] in <code>\n```",
    "a_b_c snake_case_word and 2*3*4",
    "[unclosed link and ![unclosed image and <unclosed tag and &unclosed entity",
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_markdown_is_unchanged(text):
    reference, ours = both(text)
    assert ours == reference


def test_every_markdown_file_of_the_example_tests_and_bench_corpus_is_unchanged(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import write_corpus
    write_corpus(tmp_path, 150, seed=3, tools=("civicsite",))
    files = sorted(p for folder in (ROOT / "content", ROOT / "tests", tmp_path)
                   for p in folder.rglob("*.md") if "node_modules" not in p.parts)
    assert len(files) > 150
    a, b = stock(), as_built()
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert b.reset().convert(text) == a.reset().convert(text), path


MARKDOWN_ALPHABET = st.sampled_from(list("ab *_[]()!<>&`\\#-:^{}.|\"'\n") +
                                    ["  \n", "](", "![", "[^1]", "&amp;", "<b>", "</b>", "**",
                                     "https://x.se", "@", "\n\n", "- ", "1. ", "> ", "```"])


@settings(max_examples=400, deadline=None)
@given(st.lists(MARKDOWN_ALPHABET, max_size=60).map("".join))
def test_random_markdown_is_unchanged(text):
    reference, ours = both(text)
    assert ours == reference
    assert as_built().convert(text) == reference


def test_a_pattern_registered_later_is_still_tried():
    class Shout(InlinePattern):
        def handleMatch(self, m, data):
            el = etree.Element("strong")
            el.text = m.group(1)
            return el, m.start(0), m.end(0)
    md = fast()
    md.inlinePatterns.register(Shout(r"!!(\w+)!!", md), "shout", 5)
    assert md.convert("say !!hej!! now") == "<p>say <strong>hej</strong> now</p>"


def test_a_tag_made_block_level_after_install_is_block_level():
    """md_in_html: a custom element appended to ``block_level_elements`` after the converter
    was made (as Python-Markdown's own test_md_in_html does) is raw HTML, not a paragraph."""
    text = "<a-b>\n\nasdf\n\n</a-b>"
    md, reference = fast_with("md_in_html"), stock_with("md_in_html")
    assert md.convert(text) == reference.convert(text)  # answered once before the change
    md.block_level_elements.append("a-b")
    reference.block_level_elements.append("a-b")
    assert md.convert(text) == reference.convert(text) == "<a-b>\n\nasdf\n\n</a-b>"
    md.block_level_elements.remove("a-b")
    assert md.convert(text) == "<p><a-b></p>\n<p>asdf</p>\n<p></a-b></p>"
    md.block_level_elements = ["a-b"]  # replaced, not changed in place
    assert md.is_block_level("a-b") and not md.is_block_level("div")
    md.block_level_elements[0] = "div"
    assert md.is_block_level("div") and not md.is_block_level("a-b")


def stock_with(*extensions: str) -> markdown.Markdown:
    return markdown.Markdown(extensions=[*EXTENSIONS, *extensions], output_format="html")


def fast_with(*extensions: str) -> markdown.Markdown:
    return fast_blocks.install(install(stock_with(*extensions)))


class Proxy:
    """A compiled regex's stand-in, as Python-Markdown's own tests use one (not an re.Pattern:
    nothing can be read from it)."""

    def __init__(self, regex):
        self.regex = regex

    def finditer(self, data, start=0):
        return self.regex.finditer(data, start)


class ProxiedShout(InlinePattern):
    def getCompiledRegExp(self):
        return Proxy(self.compiled_re)

    def handleMatch(self, m, data):
        el = etree.Element("strong")
        el.text = m.group(1)
        return el, m.start(0), m.end(0)


def test_a_pattern_whose_regex_cannot_be_read_is_always_tried_and_install_does_not_crash():
    def with_shout(md):
        md.inlinePatterns.register(ProxiedShout(r"!!(\w+)!!", md), "shout", 175)
        return md
    md = install(with_shout(stock()))  # crashed in regex_chars.first_chars before
    md.convert("warm up")
    text = "say !!hej!! &amp; [l](x) !!då!!"
    assert md.convert(text) == with_shout(stock()).convert(text)
    assert md.convert(text).count("<strong>") == 2


class Tag(InlinePattern):
    def __init__(self, regex, tag):
        super().__init__(regex)
        self.tag = tag

    def handleMatch(self, m, data):
        el = etree.Element(self.tag)
        el.text = m.group(1)
        return el, m.start(0), m.end(0)


def test_a_pattern_replaced_or_recompiled_after_a_document_is_learnt_again():
    md = fast()
    assert md.convert("a ~x~ b") == "<p>a ~x~ b</p>"
    md.inlinePatterns.register(Tag(r"~(\w+)~", "del"), "entity", 80)  # same name, same place
    assert md.convert("a ~x~ b") == "<p>a <del>x</del> b</p>"
    md.inlinePatterns["entity"].compiled_re = re.compile(r"\^(\w+)\^")
    assert md.convert("a ~x~ ^y^") == "<p>a ~x~ <del>y</del></p>"

