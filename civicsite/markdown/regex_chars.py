"""What a regex needs of a text before it can match in it, read from the regex's structure: the
characters a match can start with, and characters the text must hold (fast_inline and
fast_blocks skip Python-Markdown's patterns and block tests on texts that lack them); and what it
reads before the place where it is tried (linear_inline). Anything but a real ``re.Pattern`` (a
proxy, the ``regex`` module's patterns …) cannot be read: every answer is then "not known"."""
from __future__ import annotations

from functools import lru_cache, wraps
import re
import re._compiler as sre_compile
import re._parser as sre  # the parser behind `re`: the only way to read a regex's structure
from typing import Callable, Optional, TypeVar

# zero-width tests of the character before the place they are tried (\A ^ \b \B)
LOOKS_BACK = {sre.AT_BEGINNING, sre.AT_BEGINNING_STRING, sre.AT_BEGINNING_LINE,
              sre.AT_BOUNDARY, sre.AT_NON_BOUNDARY}

T = TypeVar("T")


def _readable(analysis: Callable[["re.Pattern[str]"], Optional[T]]) \
        -> Callable[[object], Optional[T]]:
    """``analysis`` of real ``re.Pattern`` objects only (None for anything else), each regex
    analysed once: the same regexes serve every Markdown instance."""
    cached = lru_cache(maxsize=512)(analysis)

    @wraps(analysis)
    def read(regex: object) -> Optional[T]:
        return cached(regex) if isinstance(regex, re.Pattern) else None
    return read


@_readable
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


@_readable
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


@_readable
def looking_back(regex: "re.Pattern[str]") -> Optional[tuple[int, tuple["re.Pattern[str]", ...]]]:
    """What ``regex`` reads before the place where it is tried: (how many characters at most,
    each look-behind, ``^``, ``\\A``, ``\\b`` or ``\\B`` of it as a regex of its own that matches
    the empty string where that test passes); (0, ()) when it reads nothing before. None when
    that cannot be known (local flags, a look-behind holding groups or tests of its own …)."""
    try:
        parsed = sre.parse(regex.pattern, regex.flags)
        found = _looks_back(parsed)
        if found is None:
            return None
        tests = tuple(sre_compile.compile(sre.SubPattern(parsed.state, [item]), parsed.state.flags)
                      for item, _width in found)
    except (TypeError, ValueError, AttributeError, re.error, RecursionError):
        return None
    return max((width for _item, width in found), default=0), tests


def _looks_back(items) -> Optional[list[tuple[tuple, int]]]:
    """Every backward test in a parsed regex with how far back it reads, or None if unknown."""
    found: list[tuple[tuple, int]] = []
    for op, arg in items:
        inner: list = []
        if op is sre.AT:
            if arg in LOOKS_BACK:
                found.append(((op, arg), 1))
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            direction, body = arg
            if direction < 0:  # a look-behind reads a fixed width; one that captures or tests
                if not _plain(body):  # more than characters is beyond this analysis
                    return None
                found.append(((op, arg), body.getwidth()[1]))
            else:
                inner = [body]
        elif op is sre.SUBPATTERN:
            if arg[1] or arg[2]:  # local flags (?i:…) would be lost on a test taken out
                return None
            inner = [arg[3]]
        elif op is sre.BRANCH:
            inner = arg[1]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            inner = [arg[2]]
        elif op is sre.ATOMIC_GROUP:
            inner = [arg]
        elif op is sre.GROUPREF_EXISTS:
            inner = [part for part in arg[1:] if part is not None]
        for part in inner:
            more = _looks_back(part)
            if more is None:
                return None
            found += more
    return found


def _plain(items) -> bool:
    """Whether a parsed regex holds only characters, sets and repeats of them."""
    for op, arg in items:
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            if not _plain(arg[2]):
                return False
        elif op is sre.BRANCH:
            if not all(_plain(branch) for branch in arg[1]):
                return False
        elif op not in (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY):
            return False
    return True
