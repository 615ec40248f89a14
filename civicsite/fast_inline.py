"""Python-Markdown's inline step, without the searches that cannot match.

Python-Markdown tries each of its ~15 inline patterns on every piece of text, one regex search
per pattern, through a Python method call each time: about 40 % of a page's Markdown time. Almost
every pattern needs a particular character to match at all (a link needs `[`, an entity `&`,
emphasis `*` or `_`), so a text without it can skip the pattern. The characters are read from
each pattern's own regex; a pattern whose first character cannot be known is always tried. The
HTML is the same as Python-Markdown's own (tests/test_fast_inline.py compares them).
"""
from __future__ import annotations

import re
import re._parser as sre  # the parser behind `re`: the only way to read a regex's structure
from typing import Optional

import markdown
from markdown import util
from markdown.treeprocessors import InlineProcessor

_HANDLE_INLINE = "_InlineProcessor__handleInline"
_APPLY_PATTERN = "_InlineProcessor__applyPattern"


def first_chars(regex: "re.Pattern[str]") -> Optional[frozenset[str]]:
    """Every character a match of ``regex`` can start with, or None when that cannot be known
    (a class like ``\\w``, a negated set, an empty match, case-insensitivity …)."""
    if regex.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        chars, can_be_empty = _first(sre.parse(regex.pattern, regex.flags))
    except (TypeError, ValueError, AttributeError, re.error, RecursionError):
        return None
    return None if chars is None or can_be_empty else frozenset(chars)


def _first(items) -> tuple[Optional[set[str]], bool]:
    """(first characters, whether the sequence can match the empty string)."""
    chars: set[str] = set()
    for op, arg in items:
        if op is sre.LITERAL:
            return chars | {chr(arg)}, False
        if op is sre.IN:
            inner = set()
            for sub_op, sub_arg in arg:
                if sub_op is sre.LITERAL:
                    inner.add(chr(sub_arg))
                elif sub_op is sre.RANGE and sub_arg[1] - sub_arg[0] < 256:
                    inner.update(chr(c) for c in range(sub_arg[0], sub_arg[1] + 1))
                else:  # NEGATE, CATEGORY, wide ranges
                    return None, True
            return chars | inner, False
        if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
            continue  # zero-width: the match starts at what follows
        if op is sre.SUBPATTERN:
            sub, empty = _first(arg[-1])
        elif op is sre.BRANCH:
            sub, empty = set(), False
            for branch in arg[1]:
                b, b_empty = _first(branch)
                if b is None:
                    return None, True
                sub |= b
                empty = empty or b_empty
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, _high, body = arg
            sub, empty = _first(body)
            empty = empty or low == 0
        elif op is sre.ATOMIC_GROUP:
            sub, empty = _first(arg)
        else:  # ANY, back references, conditionals …
            return None, True
        if sub is None:
            return None, True
        chars |= sub
        if not empty:
            return chars, False
    return chars, True


class SkippingInlineProcessor(InlineProcessor):
    """The stock inline processor; a pattern is tried only on text holding one of its first
    characters (a text without them would make it search and fail)."""

    def __init__(self, md: markdown.Markdown):
        super().__init__(md)
        self._needs: list[Optional[re.Pattern[str]]] = []
        for pattern in self.inlinePatterns:
            chars = first_chars(pattern.getCompiledRegExp()) \
                if isinstance(pattern, markdown.inlinepatterns.InlineProcessor) else None
            self._needs.append(re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")
                               if chars else None)

    # the stock methods call their name-mangled __handleInline: this takes its place
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if not isinstance(data, util.AtomicString):
            patterns, needs, apply = self.inlinePatterns, self._needs, self._InlineProcessor__applyPattern
            start, count = 0, len(patterns)
            if len(needs) != count:  # patterns registered after this was made: try them all
                needs = [None] * count
            while patternIndex < count:
                need = needs[patternIndex]
                if need is not None and need.search(data) is None:
                    patternIndex, start = patternIndex + 1, 0  # as after a failed search
                    continue
                data, matched, start = apply(patterns[patternIndex], data, patternIndex, start)
                if not matched:
                    patternIndex += 1
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
    block_level = frozenset(md.block_level_elements)
    md.is_block_level = lambda tag: isinstance(tag, str) and tag.lower().rstrip("/") in block_level
    return md
