"""The inline step is linear in the length of a paragraph where it can be (issue 25: 20,000
``&#106;`` took 39 s, 1.7 MiB did not finish), and gives Python-Markdown's own HTML.

The work is counted, not timed: the characters the step reads to plan (``_present``), the
texts stock ``__applyPattern`` copies, and the texts the linear pass builds again. Doubling a
paragraph must about double that count. One end-to-end check runs the reported input at full
size in a child process bounded by a timeout far below what a quadratic step would take.
"""
from __future__ import annotations

from pathlib import Path
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st
import markdown
import pytest

from civicsite.markdown import fast_blocks, fast_inline, linear_inline
from civicsite.markdown.body import EXTENSIONS

ROOT = Path(__file__).resolve().parent.parent


def stock() -> markdown.Markdown:
    return markdown.Markdown(extensions=EXTENSIONS, output_format="html")


def fast() -> markdown.Markdown:
    return fast_blocks.install(fast_inline.install(stock()))


def work(text: str, monkeypatch) -> int:
    """Characters the accelerated inline step reads or copies while converting ``text``."""
    count = [0]
    step = fast_inline.SkippingInlineProcessor
    present, apply = step._present, step._InlineProcessor__applyPattern
    reads_alike = linear_inline._reads_alike

    def counted_present(self, data):
        count[0] += len(data)
        return present(self, data)

    def counted_apply(self, pattern, data, index, start=0):
        count[0] += len(data)  # the stock method builds the whole text again on a match
        return apply(self, pattern, data, index, start)

    def counted_reads_alike(back, pieces, data, done):
        alike = reads_alike(back, pieces, data, done)
        count[0] += 0 if alike else len(data)  # else the text is built again
        return alike

    with monkeypatch.context() as m:
        m.setattr(step, "_present", counted_present)
        m.setattr(step, "_InlineProcessor__applyPattern", counted_apply)
        m.setattr(linear_inline, "_reads_alike", counted_reads_alike)
        assert fast().convert(text) == stock().convert(text)
    return count[0]


# Long runs of every inline construct whose pattern reads the text from its match on: each
# is one paragraph of many matches (or of many characters a pattern starts on). Not here: an
# unclosed "[" or "![" (each makes Python-Markdown's own link pattern read to the end of the
# paragraph: body.check_body refuses more than 300 in one paragraph) and emphasis (its
# pattern keeps positions between matches: it goes through the stock method, no slower).
LINEAR_RUNS = ["&#106;", "&amp;", "&", "<b>", "<", "<https://x.se>", "<a@b.se>", "[a](b)",
               "![a](b)", "[a]", "[a][b]", "`a` ", "`", "\\*", "\\", "a  \n", "[^1]", "]("]


@pytest.mark.parametrize("unit", LINEAR_RUNS)
def test_the_work_grows_linearly_with_a_paragraph_of_many_matches(unit, monkeypatch):
    small, large = work(unit * 500, monkeypatch), work(unit * 2000, monkeypatch)
    assert large <= 4.4 * small, (small, large)  # quadratic would be 16 times


def test_a_paragraph_of_many_entities_is_read_a_few_times_not_once_per_entity(monkeypatch):
    text = "&#106;" * 2000
    assert work(text, monkeypatch) < 20 * len(text)  # it was len(text) per entity: 2000 times


def test_the_reported_paragraph_of_1_7_mib_renders_in_a_child_process_within_a_timeout():
    """1.7 MiB of ``&#106;`` (under the 2 MiB page limit) did not finish in 300 s; linear, it
    takes seconds. Quadratic, this child would run for many minutes and be stopped."""
    script = ("from civicsite.markdown.body import render_markdown\n"
              "html = render_markdown('&#106;' * 297_000, [], lambda d: '')\n"
              "assert html == '<p>' + 'j' * 297_000 + '</p>', html[:200]\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-2000:]


def test_a_placeholder_that_reads_otherwise_than_the_text_it_replaces_is_built_as_stock():
    """`\\b` after a match: before a placeholder (ends in a control character) it is a word
    boundary, before the matched word "ab" it is not; the text is then built as stock builds
    it, and the next match is found the stock way."""
    from markdown.inlinepatterns import SimpleTagInlineProcessor

    def with_pattern(md):
        md.inlinePatterns.register(SimpleTagInlineProcessor(r"()\b(ab)", "b"), "ab", 200)
        return md
    text = "abababab ab xab"
    assert with_pattern(fast()).convert(text) == with_pattern(stock()).convert(text)
    assert with_pattern(stock()).convert(text).count("<b>") == 5


@pytest.mark.parametrize("text", [
    '![]("**(aa][*',        # the image's end read as -1 (an unclosed title): the stock text is cut
    "[a](b'c) [d](e) f",   # there; the pass goes on from that text, as the stock step does
    "x [a](<b>) ![c](d 'e) &amp; [f](g)",
])
def test_a_match_that_ends_before_it_starts_continues_as_the_stock_step(text):
    assert fast().convert(text) == stock().convert(text)


INLINE = st.sampled_from(list("ab *_[]()!<>&#;`\\\n") + [
    "&#106;", "&amp;", "&copy;", "<b>", "</b>", "<https://x.se>", "<a@b.se>", "[a](b)",
    "![a](b)", "[a]", "[a][b]", "[^1]", "`a`", "``", "\\*", "  \n", "**", "__", "https://x.se"])


@settings(max_examples=300, deadline=None)
@given(st.lists(INLINE, min_size=1, max_size=80).map("".join),
       st.sampled_from(["", "\n\n[a]: /x/\n[b]: /y/ \"T\"\n\n[^1]: Not.\n"]))
def test_random_inline_heavy_text_gives_stock_html(text, references):
    document = text + references
    assert fast().convert(document) == stock().convert(document)


@settings(max_examples=60, deadline=None)
@given(st.lists(INLINE, min_size=1, max_size=6).map("".join), st.integers(20, 200))
def test_long_runs_of_random_inline_units_give_stock_html(unit, times):
    assert fast().convert(unit * times) == stock().convert(unit * times)
