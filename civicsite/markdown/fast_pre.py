"""Python-Markdown's preprocessors, without the work that cannot change the text.

Three preprocessors read every page's whole text before the block step: one normalises its
whitespace (a regex with a look-behind, tried at every character), one stashes raw HTML (an
HTML parser fed the whole text), one stashes fenced code (a regex search). On a text without
what each of them looks for, each gives back the lines as they were, so they are not run: no
tab, carriage return, STX/ETX or line of only spaces; no ``<`` or ``&`` (the two characters
the HTML parser stops at); no ````` or ``~~~``. Any other text goes to the stock
preprocessor. The lines are the same as the stock ones' (tests/test_fast_pre.py compares them;
Python-Markdown's own test suite runs with them installed).
"""
from __future__ import annotations

import re

import markdown
from markdown import preprocessors
from markdown.extensions import fenced_code

_UNUSUAL = re.compile("[\t\r\x02\x03]")  # what NormalizeWhitespace removes or replaces
_SPACES_LINE = re.compile(r"\n +\n")     # a line of spaces: where its look-behind regex matches


class QuickNormalizeWhitespace(preprocessors.NormalizeWhitespace):
    def run(self, lines: list[str]) -> list[str]:
        source = "\n".join(lines) + "\n\n"
        if _UNUSUAL.search(source) or _SPACES_LINE.search(source):
            return super().run(lines)
        return source.split("\n")


class _Gated:
    """The stock preprocessor's run, only on a text holding one of ``MARKERS``."""
    MARKERS: tuple[str, ...] = ()

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if any(marker in text for marker in self.MARKERS):
            return super().run(lines)
        return list(lines)


class QuickHtmlBlockPreprocessor(_Gated, preprocessors.HtmlBlockPreprocessor):
    MARKERS = ("<", "&")  # where the HTML parser stops: all else is data, given back as it is


class QuickFencedBlockPreprocessor(_Gated, fenced_code.FencedBlockPreprocessor):
    MARKERS = ("```", "~~~")


# stock class → its quick subclass; a processor of another class (a subclass) is left alone
QUICK = {
    preprocessors.NormalizeWhitespace: QuickNormalizeWhitespace,
    preprocessors.HtmlBlockPreprocessor: QuickHtmlBlockPreprocessor,
    fenced_code.FencedBlockPreprocessor: QuickFencedBlockPreprocessor,
}


def install(md: markdown.Markdown) -> markdown.Markdown:
    """``md`` with each stock preprocessor of QUICK replaced by its quick one, same name and
    priority, same state."""
    for item in list(md.preprocessors._priority):
        stock = md.preprocessors[item.name]
        quick = QUICK.get(type(stock))
        if quick is not None:
            replacement = quick.__new__(quick)
            replacement.__dict__.update(stock.__dict__)  # md, and the fenced one's config
            md.preprocessors.register(replacement, item.name, item.priority)
    return md
