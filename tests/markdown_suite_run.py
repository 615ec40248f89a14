"""Runs Python-Markdown's own test suite (its ``tests/`` folder, from the sdist) in this process,
stock or with civicsite's accelerations installed on every Markdown instance, and writes what
happened as JSON. Used by tests/test_markdown_suite.py, in a child process:

    python tests/markdown_suite_run.py SUITE_ROOT stock|fast OUT.json

SUITE_ROOT holds only ``tests/``, so ``import markdown`` is the installed package under test.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path
import sys
import unittest

# Counted: the block gate's answers (False: a block processor not asked) and the inline step's
# plans and linear passes. Counted by wrapping functions that the recursion does not go through
# (or, for the linear pass, once per level as the stock __applyPattern): Python-Markdown's tests
# of its recursion limits must see the stack as deep as it is without the counting.
COUNTED = ("holds", "_plan", "_linear_pass", "quick pre", "stock pre")


def accelerate_every_instance(counts: dict[str, int]) -> None:
    """Patch Markdown's construction so that every instance (``markdown.markdown()``, the tests'
    own ``Markdown(...)``, subclasses) gets civicsite's accelerations, and count the calls that go
    through them."""
    import markdown

    from civicsite.markdown import fast_blocks, fast_inline, fast_pre

    stock_init = markdown.Markdown.__init__

    @functools.wraps(stock_init)
    def init(self, *args, **kwargs):
        stock_init(self, *args, **kwargs)
        counts["instances"] += 1
        stock_pre = [type(p) in fast_pre.QUICK for p in self.preprocessors]
        fast_pre.install(fast_blocks.install(fast_inline.install(self)))
        # each stock preprocessor replaced (a subclass, as md_in_html's, stays as it is)
        if [type(p) in fast_pre.QUICK.values() for p in self.preprocessors] == stock_pre:
            counts["pre installed"] += 1
        if isinstance(self.treeprocessors["inline"] if "inline" in self.treeprocessors else None,
                      fast_inline.SkippingInlineProcessor):
            counts["inline installed"] += 1
        if getattr(self.parser.parseBlocks, "__func__", None) is fast_blocks._parse_blocks:
            counts["blocks installed"] += 1

    def counter(name, function):
        @functools.wraps(function)
        def counted(*args, **kwargs):
            answer = function(*args, **kwargs)
            counts[name if answer is not False else name + " False"] += 1
            return answer
        return counted

    fast_blocks.holds = counter("holds", fast_blocks.holds)
    for name in ("_plan", "_linear_pass"):
        setattr(fast_inline.SkippingInlineProcessor, name,
                counter(name, getattr(fast_inline.SkippingInlineProcessor, name)))
    # a quick preprocessor's run, and the stock run it falls back to: the difference is the
    # texts given back without the stock work
    for quick in fast_pre.QUICK.values():
        quick.run = counter("quick pre", quick.run)
    for stock in fast_pre.QUICK:
        stock.run = counter("stock pre", stock.run)
    markdown.Markdown.__init__ = init


class Recorder(unittest.TextTestResult):
    """Keeps every test's id and outcome."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes: dict[str, str] = {}

    def addSuccess(self, test):
        super().addSuccess(test)
        self.outcomes[test.id()] = "ok"

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self.outcomes[test.id()] = "failure: " + self._exc_info_to_string(err, test)[-2000:]

    def addError(self, test, err):
        super().addError(test, err)
        self.outcomes[test.id()] = "error: " + self._exc_info_to_string(err, test)[-2000:]

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self.outcomes[test.id()] = "skipped"

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self.outcomes[test.id()] = "ok"

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self.outcomes[test.id()] = "failure: unexpected success"


def main(root: str, mode: str, out: str) -> None:
    counts: dict[str, int] = {}
    if mode == "fast":
        counts.update(dict.fromkeys(["instances", "inline installed", "blocks installed", "holds",
                                     "holds False", "_plan", "_linear_pass", "pre installed",
                                     "quick pre", "stock pre"], 0))
        accelerate_every_instance(counts)
    suite = unittest.defaultTestLoader.discover(str(Path(root) / "tests"), top_level_dir=root)
    runner = unittest.TextTestRunner(stream=sys.stderr, verbosity=0, resultclass=Recorder)
    result = runner.run(suite)
    Path(out).write_text(json.dumps({"outcomes": result.outcomes, "counts": counts}, indent=1),
                         encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
