"""Python-Markdown's inline step, without the searches that cannot match.

Python-Markdown tries each of its ~15 inline patterns on every piece of text, one regex search
per pattern, through a Python method call each time: about 40 % of a page's Markdown time. Almost
every pattern needs a particular character to match at all (a link needs `[`, an entity `&`,
emphasis `*` or `_`, a line break a space and a newline), so a text without it can skip the
pattern: one search per text finds which of those characters it holds, and a plan made once for
each such set says which patterns to try. The characters are read from each pattern's own regex
(regex_chars.py); a pattern of which nothing can be known is always tried. A pattern that is
tried finds all its matches in one pass, linear in the text (linear_inline.py). What is known
of the patterns is worked out again whenever they change (checked before each document). The
HTML is the same as Python-Markdown's own (tests/test_fast_inline.py compares them, and
tests/test_markdown_suite.py runs Python-Markdown's own tests with this step installed).
"""
from __future__ import annotations

import re
from typing import Optional

import markdown
from markdown import util
from markdown.treeprocessors import InlineProcessor

from civicsite.markdown import linear_inline
from civicsite.markdown.linear_inline import Backward, LinearInlineProcessor
from civicsite.markdown.regex_chars import first_chars, required_chars

_HANDLE_INLINE = "_InlineProcessor__handleInline"
_APPLY_PATTERN = "_InlineProcessor__applyPattern"


Need = tuple[Optional[frozenset[str]], list[frozenset[str]]]  # (first characters, required sets)


class SkippingInlineProcessor(LinearInlineProcessor):
    """The stock inline processor; a pattern is tried only on text holding one of the characters
    its matches start with and one of each set of characters its matches hold (a text without
    them would make it search and fail)."""

    def __init__(self, md: markdown.Markdown):
        super().__init__(md)
        self._known: tuple = ()  # the patterns and regexes the rest is worked out for
        self._steps: list[tuple[object, Optional[Backward]]] = []  # (pattern, linear pass?)
        self._needs: list[Optional[Need]] = []
        self._wanted: Optional[re.Pattern[str]] = None
        self._plans: dict[frozenset[str], list[int]] = {}

    def run(self, tree, ancestors=None):
        self._refresh()
        return super().run(tree, ancestors)

    def _refresh(self) -> None:
        patterns = tuple(self.inlinePatterns)
        known = patterns + tuple(_regex(p) for p in patterns)
        if known != self._known or not known:  # registered, removed or recompiled since
            self._learn(patterns)
            self._known = known

    def _learn(self, patterns: tuple) -> None:
        """What each pattern needs, and which ones find their matches in one linear pass."""
        self._needs = []
        for pattern in patterns:
            regex = _regex(pattern)
            first, required = first_chars(regex), required_chars(regex) or []
            self._needs.append((first, required) if first or required else None)
        use_linear = linear_inline.fits()
        self._steps = [(p, linear_inline.linear(p) if use_linear else None) for p in patterns]
        chars: set[str] = set()
        for first, required in filter(None, self._needs):
            chars = chars.union(first or (), *required)
        wanted = sorted(chars)
        # one search for every character that decides, instead of one per pattern
        self._wanted = re.compile("[" + "".join(re.escape(c) for c in wanted) + "]") if wanted else None
        self._plans = {}

    def _plan(self, present: frozenset[str]) -> list[int]:
        """For the characters ``present`` in a text: at each pattern index, the index of the
        first pattern from there on that can match (len(patterns) for none). Few texts differ
        in which of the wanted characters they hold, so each plan is made once."""
        plan = self._plans.get(present)
        if plan is None:
            count = len(self._needs)
            plan = [count] * (count + 1)
            for i in range(count - 1, -1, -1):
                need = self._needs[i]
                can = need is None or ((need[0] is None or not need[0].isdisjoint(present)) and
                                       all(not s.isdisjoint(present) for s in need[1]))
                plan[i] = i if can else plan[i + 1]
            self._plans[present] = plan
        return plan

    def _present(self, data: str) -> frozenset[str]:
        """The deciding characters ``data`` holds."""
        return frozenset(self._wanted.findall(data)) if self._wanted else frozenset()

    # the stock methods call their name-mangled __handleInline: this takes its place
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if isinstance(data, util.AtomicString):
            return data
        if not self._known:  # not called from run()
            self._refresh()
        steps = self._steps
        plan = self._plan(self._present(data))
        index = plan[patternIndex]  # as after failed searches
        while index < len(steps):
            data, changed = self._pass(index, data)
            if changed:  # the text changed: the next patterns that can still match in it
                plan = self._plan(self._present(data))
            index = plan[index + 1]
        return data

    def _pass(self, index: int, data: str) -> tuple[str, bool]:
        """The pattern at ``index`` applied until it matches no more, as the stock step does:
        (the new text, whether it matched)."""
        pattern, back = self._steps[index]
        if back is not None:
            return self._linear_pass(pattern, index, data, back)
        apply, start, matched = self._InlineProcessor__applyPattern, 0, False
        while True:
            data, found, start = apply(pattern, data, index, start)
            if not found:
                return data, matched
            matched = True


def _regex(pattern) -> object:
    """The compiled regex of a pattern of the current kind (None for the old ``Pattern``)."""
    return pattern.getCompiledRegExp() \
        if isinstance(pattern, markdown.inlinepatterns.InlineProcessor) else None


def install(md: markdown.Markdown) -> markdown.Markdown:
    """``md`` with its inline step replaced by the skipping one, when this Python-Markdown's
    inline step has the shape it was written against (else left as it is)."""
    stock = md.treeprocessors["inline"] if "inline" in md.treeprocessors else None
    if type(stock) is not InlineProcessor or not hasattr(InlineProcessor, _HANDLE_INLINE) \
            or not hasattr(InlineProcessor, _APPLY_PATTERN):
        return md
    priority = next(item.priority for item in md.treeprocessors._priority if item.name == "inline")
    md.treeprocessors.register(SkippingInlineProcessor(md), "inline", priority)
    # asked for every element, hundreds of times a page; the stock one searches a list
    md.is_block_level = _BlockLevel(md).answer
    return md


class _BlockLevel(dict):
    """Tag → whether Markdown.is_block_level says it is a block-level element, each tag worked
    out once (a page has a handful of tags, asked about hundreds of times) and again whenever
    ``md.block_level_elements`` changes: in place (an extension appends a tag) or replaced."""

    def __init__(self, md: markdown.Markdown):
        super().__init__()
        self.md = md
        self.names: list[str] = md.block_level_elements
        self.seen: list[str] = list(self.names)  # the same strings: compared by identity first

    def answer(self, tag) -> bool:
        names = self.md.block_level_elements
        if names is not self.names or names != self.seen:
            self.clear()
            self.names, self.seen = names, list(names)
        return self[tag]

    def __missing__(self, tag) -> bool:
        answer = self[tag] = isinstance(tag, str) and tag.lower().rstrip("/") in self.seen
        return answer
