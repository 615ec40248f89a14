"""Python-Markdown's inline step, without the searches that cannot match.

Python-Markdown tries each of its ~15 inline patterns on every piece of text, one regex search
per pattern, through a Python method call each time: about 40 % of a page's Markdown time. Almost
every pattern needs a particular character to match at all (a link needs `[`, an entity `&`,
emphasis `*` or `_`, a line break a space and a newline), so a text without it can skip the
pattern: one search per text finds which of those characters it holds, and a plan made once for
each such set says which patterns to try. The characters are read from each pattern's own regex
(regex_chars.py); a pattern of which nothing can be known is always tried. The HTML is the same
as Python-Markdown's own (tests/test_fast_inline.py compares them).
"""
from __future__ import annotations

import re
from typing import Optional

import markdown
from markdown import util
from markdown.treeprocessors import InlineProcessor

from civicsite.markdown.regex_chars import first_chars, required_chars

_HANDLE_INLINE = "_InlineProcessor__handleInline"
_APPLY_PATTERN = "_InlineProcessor__applyPattern"


Need = tuple[Optional[frozenset[str]], list[frozenset[str]]]  # (first characters, required sets)


class SkippingInlineProcessor(InlineProcessor):
    """The stock inline processor; a pattern is tried only on text holding one of the characters
    its matches start with and one of each set of characters its matches hold (a text without
    them would make it search and fail)."""

    def __init__(self, md: markdown.Markdown):
        super().__init__(md)
        self._needs: list[Optional[Need]] = []
        for pattern in self.inlinePatterns:
            regex = pattern.getCompiledRegExp() \
                if isinstance(pattern, markdown.inlinepatterns.InlineProcessor) else None
            first, required = (first_chars(regex), required_chars(regex) or []) if regex else (None, [])
            self._needs.append((first, required) if first or required else None)
        chars: set[str] = set()
        for first, required in filter(None, self._needs):
            chars = chars.union(first or (), *required)
        wanted = sorted(chars)
        # one search for every character that decides, instead of one per pattern
        self._wanted = re.compile("[" + "".join(re.escape(c) for c in wanted) + "]") if wanted else None
        self._plans: dict[frozenset[str], list[int]] = {}

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

    # the stock methods call their name-mangled __handleInline: this takes its place
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if isinstance(data, util.AtomicString):
            return data
        patterns, apply = self.inlinePatterns, self._InlineProcessor__applyPattern
        count = len(patterns)
        if len(self._needs) != count or self._wanted is None:  # patterns registered since
            return super()._InlineProcessor__handleInline(data, patternIndex)
        plan = self._plan(frozenset(self._wanted.findall(data)))
        patternIndex, start = plan[patternIndex], 0  # as after failed searches
        while patternIndex < count:
            data, matched, start = apply(patterns[patternIndex], data, patternIndex, start)
            if matched:  # the text changed: the same pattern again from ``start``, if it can match
                plan = self._plan(frozenset(self._wanted.findall(data)))
                if plan[patternIndex] != patternIndex:
                    patternIndex, start = plan[patternIndex], 0
            else:
                patternIndex = plan[patternIndex + 1]
        return data


def install(md: markdown.Markdown) -> markdown.Markdown:
    """``md`` with its inline step replaced by the skipping one, when this Python-Markdown's
    inline step has the shape it was written against (else left as it is)."""
    stock = md.treeprocessors["inline"] if "inline" in md.treeprocessors else None
    if type(stock) is not InlineProcessor or not hasattr(InlineProcessor, _HANDLE_INLINE) \
            or not hasattr(InlineProcessor, _APPLY_PATTERN) or len(md.inlinePatterns) == 0:
        return md
    priority = next(item.priority for item in md.treeprocessors._priority if item.name == "inline")
    md.treeprocessors.register(SkippingInlineProcessor(md), "inline", priority)
    # asked for every element, hundreds of times a page; the stock one searches a list
    md.is_block_level = _BlockLevel(md.block_level_elements).__getitem__
    return md


class _BlockLevel(dict):
    """Tag → whether Markdown.is_block_level says it is a block-level element, each tag worked
    out once (a page has a handful of tags, asked about hundreds of times)."""

    def __init__(self, names):
        super().__init__()
        self.names = frozenset(names)

    def __missing__(self, tag) -> bool:
        answer = self[tag] = isinstance(tag, str) and tag.lower().rstrip("/") in self.names
        return answer
