"""What a regex needs of a text before it can match in it, read from the regex's structure: the
characters a match can start with, and characters the text must hold. fast_inline and
fast_blocks skip Python-Markdown's patterns and block tests on texts that lack them."""
from __future__ import annotations

import re
import re._parser as sre  # the parser behind `re`: the only way to read a regex's structure
from typing import Optional


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


def required_chars(regex: "re.Pattern[str]") -> Optional[list[frozenset[str]]]:
    """Sets of characters of which the searched text holds at least one each whenever ``regex``
    matches in it, or None when none can be known (case-insensitivity, only classes like ``\\w``
    or ``.`` …)."""
    if regex.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        found = _required(sre.parse(regex.pattern, regex.flags))
    except (TypeError, ValueError, AttributeError, re.error, RecursionError):
        return None
    return [frozenset(s) for s in found] or None


def _required(items) -> list[set[str]]:
    """Every part of a sequence must match, so each part's required set holds for the whole."""
    found: list[set[str]] = []
    for op, arg in items:
        one = _required_one(op, arg)
        if one is not None:
            found.append(one)
    return found


def _required_one(op, arg) -> Optional[set[str]]:
    """One set of characters of which a match of this part holds one (or None)."""
    if op is sre.LITERAL:
        return {chr(arg)}
    if op is sre.IN:
        return set_chars(arg)
    if op is sre.SUBPATTERN:
        return _narrowest(_required(arg[-1]))
    if op is sre.ATOMIC_GROUP:
        return _narrowest(_required(arg))
    if op is sre.ASSERT:  # a look-ahead or look-behind that must match: in the text all the same
        return _narrowest(_required(arg[1]))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _high, body = arg
        return _narrowest(_required(body)) if low >= 1 else None
    if op is sre.BRANCH:  # one branch matches: the union of what each one needs
        union: set[str] = set()
        for branch in arg[1]:
            one = _narrowest(_required(branch))
            if one is None:
                return None
            union |= one
        return union
    return None  # ANY, anchors, negative look-arounds, back references …


def _narrowest(sets: list[set[str]]) -> Optional[set[str]]:
    return min(sets, key=len) if sets else None
