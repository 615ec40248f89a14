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
            inner = set_chars(arg)
            return (None, True) if inner is None else (chars | inner, False)
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


def set_chars(items) -> Optional[set[str]]:
    """The characters a regex's set ``[…]`` (as parsed) matches, or None when it is negated,
    holds a class like ``\\w`` or a wide range."""
    chars = set()
    for op, arg in items:
        if op is sre.LITERAL:
            chars.add(chr(arg))
        elif op is sre.RANGE and arg[1] - arg[0] < 256:
            chars.update(chr(c) for c in range(arg[0], arg[1] + 1))
        else:
            return None
    return chars


class SkippingInlineProcessor(InlineProcessor):
    """The stock inline processor; a pattern is tried only on text holding one of its first
    characters (a text without them would make it search and fail)."""

    def __init__(self, md: markdown.Markdown):
        super().__init__(md)
        self._needs: list[Optional[frozenset[str]]] = []
        for pattern in self.inlinePatterns:
            self._needs.append(first_chars(pattern.getCompiledRegExp())
                               if isinstance(pattern, markdown.inlinepatterns.InlineProcessor) else None)
        wanted = sorted(set().union(*(n for n in self._needs if n)))
        # one search for every character a pattern may start with, instead of one per pattern
        self._wanted = re.compile("[" + "".join(re.escape(c) for c in wanted) + "]") if wanted else None

    # the stock methods call their name-mangled __handleInline: this takes its place
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if not isinstance(data, util.AtomicString):
            patterns, needs, apply = self.inlinePatterns, self._needs, self._InlineProcessor__applyPattern
            start, count = 0, len(patterns)
            if len(needs) != count or self._wanted is None:  # patterns registered since: try all
                needs = [None] * count
            present: Optional[set[str]] = None  # the wanted characters in the text as it is now
            while patternIndex < count:
                need = needs[patternIndex]
                if need is not None:
                    if present is None:
                        present = set(self._wanted.findall(data))
                    if need.isdisjoint(present):
                        patternIndex, start = patternIndex + 1, 0  # as after a failed search
                        continue
                data, matched, start = apply(patterns[patternIndex], data, patternIndex, start)
                if matched:
                    present = None  # the text changed
                else:
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
