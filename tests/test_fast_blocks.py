"""The gated block step gives exactly Python-Markdown's own HTML, only sooner."""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from hypothesis import given, settings
from hypothesis import strategies as st
import markdown
from markdown import blockprocessors as bp
from markdown.extensions import tables
import pytest

from civicsite.markdown import fast_blocks
from civicsite.markdown.body import EXTENSIONS
from civicsite.markdown.fast_blocks import gate, holds, install
from civicsite.markdown.regex_chars import required_chars


def stock() -> markdown.Markdown:
    return markdown.Markdown(extensions=EXTENSIONS, output_format="html")


def both(text: str) -> tuple[str, str]:
    return stock().convert(text), install(stock()).convert(text)


@pytest.mark.parametrize("pattern, sets", [
    (r"(?:^|\n)(?P<level>#{1,6})(?P<header>.*?)", [{"#"}]),     # an anchor or "\n": not needed
    (r"(^|\n)[ ]{0,3}>(.*)", [{">"}]),
    (r"^.*?\n[=-]+[ ]*(\n|$)", [{"\n"}, {"=", "-"}]),
    (r"a?b", [{"b"}]),                                          # an optional part needs nothing
    (r"(?=x)y", [{"x"}, {"y"}]),                                # a look-ahead must match too
    (r"(?:ab|cd)", [{"a", "c"}]),                               # one branch or the other
    (r"(?:(-+ ?){3,}|(_+ ?){3,})", [{"-", "_"}]),
    (r"[x-z]+", [{"x", "y", "z"}]),
])
def test_required_chars_reads_the_regex(pattern, sets):
    assert required_chars(re.compile(pattern)) == [frozenset(s) for s in sets]


@pytest.mark.parametrize("pattern", [
    r"\w+", r".*", r"(?i)a", r"(?!a)b?", r"a*", r"(?:a|\w)", r"[^a]", r"^$",
])
def test_required_chars_is_none_when_nothing_is_known(pattern):
    assert required_chars(re.compile(pattern)) is None


def test_the_stock_processors_that_search_are_gated_and_the_others_are_not():
    gates = {type(p).__name__: gate(p) for p in stock().parser.blockprocessors}
    assert gates["HashHeaderProcessor"] == ("#",)
    assert gates["BlockQuoteProcessor"] == (">",)
    assert gates["TableProcessor"] == ("|",)
    assert gates["SetextHeaderProcessor"] == ("\n", "-=")
    assert gates["HRProcessor"] == ("*-_",)
    assert "^" in "".join(gates["FootnoteBlockProcessor"])
    assert ":" in "".join(gates["ReferenceProcessor"])
    for name in ("EmptyBlockProcessor", "ListIndentProcessor", "CodeBlockProcessor",
                 "SaneOListProcessor", "SaneUListProcessor", "ParagraphProcessor"):
        assert gates[name] is None, name


def test_a_subclass_is_not_gated_it_may_test_otherwise():
    class Heading(bp.HashHeaderProcessor):
        def test(self, parent, block):
            return block.startswith("Rubrik:")
    md = stock()
    assert gate(Heading(md.parser)) is None


def test_holds_needs_one_character_of_each_string():
    assert holds("a # b", ("#",))
    assert not holds("a b", ("#",))
    assert holds("x\n-", ("\n", "-="))
    assert not holds("x -", ("\n", "-="))


def test_install_leaves_a_parser_it_does_not_know():
    class Other(bp.BlockParser):
        pass
    md = stock()
    md.parser = Other(md)
    assert "parseBlocks" not in vars(install(md).parser)


def test_a_processor_registered_later_is_asked():
    class Banner(bp.BlockProcessor):
        def test(self, parent, block):
            return block.startswith("!!!")

        def run(self, parent, blocks):
            etree.SubElement(parent, "aside").text = blocks.pop(0)[3:].strip()
    md = install(stock())
    assert md.convert("# Rubrik") == "<h1>Rubrik</h1>"  # the steps are made once …
    md.parser.blockprocessors.register(Banner(md.parser), "banner", 95)
    assert md.reset().convert("!!! Viktigt\n\ntext") == "<aside>Viktigt</aside>\n<p>text</p>"


BLOCKS = [
    "# Rubrik\n\nText\n\n## Under ##\n\n###### sex",
    "Rubrik\n======\n\nUnder\n------\n\ntext - med streck\n=likhetstecken",
    "---\n\n* * *\n\n___\n\n- - -\n\ntext\n***\nmer",
    "> citat\n> rad två\n\n>> djupare\n\ntext > inte citat",
    "| a | b |\n|---|:-:|\n| 1 | 2 |\n\n| ensam |\n|---|\n| x |\n\na | b\n--|--\n1 | 2",
    "Text[^1] och [länk][r].\n\n[^1]: Fotnot\n    fortsätter\n\n[r]: https://example.se/ \"Titel\"",
    "    kod\n    mer kod\n\n- punkt\n\n    indragen\n\n1. ett\n2. två",
    "text\n# inte rubrik mitt i\n\ntext\n> citat mitt i\n\ntext\n---\nhr eller setext",
    "```\n# inte rubrik\n> inte citat\n```\n\n<div>\n# html\n</div>",
]


@pytest.mark.parametrize("text", BLOCKS)
def test_block_markdown_is_unchanged(text):
    reference, ours = both(text)
    assert ours == reference


BLOCK_ALPHABET = st.sampled_from(
    ["#", "## ", "> ", ">", "|", "| a | b |", "|---|---|", "---", "***", "___", "- ", "* ", "1. ",
     "===", "[^1]", "[^1]: ", "[r]: /x", "[r]", ":", "    ", "\t", "text", " ", "\n", "\n\n",
     "```", "<div>", "</div>", "*", "_", "-", "=", "^", "[", "]"])


@settings(max_examples=500, deadline=None)
@given(st.lists(BLOCK_ALPHABET, max_size=50).map("".join))
def test_random_block_markdown_is_unchanged(text):
    reference, ours = both(text)
    assert ours == reference


@settings(max_examples=500, deadline=None)
@given(st.lists(BLOCK_ALPHABET, max_size=30).map("".join))
def test_a_block_a_processor_takes_passes_its_gate(block):
    md = stock()
    for processor in md.parser.blockprocessors:
        needs = gate(processor)
        if needs is None:
            continue
        if type(processor) is tables.TableProcessor:
            taken = processor.test(etree.Element("div"), block)
        else:
            taken = getattr(processor, fast_blocks.REGEX_GATED[type(processor)]).search(block)
        if taken:
            assert holds(block, needs), (type(processor).__name__, block)
