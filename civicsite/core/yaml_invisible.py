"""Invisible characters where YAML reads structure — a tab, a non-breaking space pasted from
Word, a zero-width space, a soft hyphen — named for the editor with their column
(:mod:`civicsite.core.yaml_errors` says where they make YAML read a file wrongly)."""
from __future__ import annotations

import re
from typing import Iterator, Optional

from civicsite.core.messages import _

# Characters that look like a space or like nothing at all.
SPACES = "\xa0\u202f\u2007\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u3000"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
INVISIBLE = "\t" + SPACES + ZERO_WIDTH + "\xad"
_ANY_INVISIBLE = re.compile("[" + INVISIBLE + "]")


def char_name(char: str) -> str:
    """What an invisible character is called, for an editor."""
    if char == "\t":
        return _("a tab")
    if char == "\xa0":
        return _("a non-breaking space (often pasted from Word)")
    if char in SPACES:
        return _("a special space (U+{code})", code=_code(char))
    if char == "\xad":
        return _("a soft hyphen (an invisible hyphenation mark, often pasted from Word)")
    return _("an invisible zero-width character (U+{code})", code=_code(char))


def _code(char: str) -> str:
    return "%04X" % ord(char)


def invisible_in_structure(lines: list[str], last: int) -> Optional[tuple[int, str]]:
    """The first invisible character up to line ``last`` in a place where YAML reads structure:
    the indentation, a field name, right after a field's colon or a list item's dash."""
    for i, line in _structure_lines(lines, last):
        found = invisible_on(line)
        if found is not None:
            column, message = found
            return i, message
    return None


def _structure_lines(lines: list[str], last: int) -> Iterator[tuple[int, str]]:
    """(index, line) up to ``last``, leaving out comments and the text of block scalars (``|``)."""
    block = None  # indentation of the field whose block scalar is being read
    for i, line in enumerate(lines[:last + 1]):
        stripped = line.strip(" ")
        if block is not None:
            if not stripped or len(line) - len(line.lstrip(" ")) > block:
                continue
            block = None
        if not stripped or stripped.startswith("#"):
            continue
        if re.search(r":[ \t]+[|>][-+0-9]*[ \t]*(?:#.*)?$", line):
            block = len(line) - len(line.lstrip(" "))
        yield i, line


def invisible_on(line: str) -> Optional[tuple[int, str]]:
    """(column, message) of an invisible character where YAML reads structure on ``line``."""
    # what invisible_in finds is always one of them, and most lines hold none
    return invisible_in(line) if _ANY_INVISIBLE.search(line) else None


def invisible_in(line: str) -> Optional[tuple[int, str]]:
    """The same, looked for on the line whatever it holds."""
    indent = len(line) - len(line.lstrip(" " + INVISIBLE))
    for col, char in enumerate(line[:indent]):
        if char != " ":
            if col == indent - 1 == len(line) - 1 and char != "\t":
                break  # a line of nothing else: YAML reads it as text, not as indentation
            return col + 1, _("{char} at column {column} in the indentation; indent with ordinary "
                              "spaces only: delete it and type spaces",
                              char=char_name(char), column=col + 1)
    rest = line[indent:]
    dash = re.match(r"(?:-[ ]+)*-([" + INVISIBLE + "])", rest)
    if dash:
        col = indent + dash.end()
        return col, _("{char} at column {column}, right after the - of a list item; there must be "
                      "an ordinary space after the -: delete it and type a space",
                      char=char_name(dash.group(1)), column=col)
    m = re.match(r"(?:-[ ]+)*([^\s#'\"\[\]{},:][^:]*?):([" + INVISIBLE + r"]|(?=\s|$))", rest)
    if not m:
        return None
    key_start = indent + m.start(1)
    for offset, char in enumerate(m.group(1)):
        if char in INVISIBLE:
            column = key_start + offset + 1
            return column, _('{char} at column {column} in the field name "{name}"; delete it '
                             "(or type the name again)", char=char_name(char), column=column,
                             name=_visible(m.group(1)))
    if m.group(2):
        column = indent + m.end(2)
        return column, _('{char} at column {column}, right after "{name}:"; there must be an '
                         "ordinary space after the colon: delete it and type a space",
                         char=char_name(m.group(2)), column=column, name=m.group(1).strip())
    return None


def _visible(text: str) -> str:
    return "".join(c for c in text if c not in INVISIBLE).strip()
