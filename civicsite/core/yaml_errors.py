"""YAML mistakes in plain words, on the line where the editor made them.

PyYAML reports where its reading stopped, in parser terms ("while scanning a simple key", "mapping
values are not allowed in this context"), often a line or two after the mistake. ``explain``
maps each error class an editor can cause back to the line that holds the mistake and says what
to write instead; ``suspicious`` finds the mistakes YAML reads without complaint but wrongly (an
invisible character in a field name, a list item indented into the item above). Invisible
characters — a tab, a non-breaking space pasted from Word, a zero-width space, a soft hyphen —
are named with their column. Works with libyaml's and PyYAML's own messages alike.
"""
from __future__ import annotations

import re
from typing import Iterator, Optional

import yaml

from civicsite.core.messages import _
from civicsite.core.yaml_invisible import INVISIBLE, char_name, invisible_in_structure, invisible_on

# one line of block YAML: indentation, list dashes, `key:` and the value (keys are plain text)
LINE = re.compile(r"^(?P<indent>[ ]*)(?P<dash>(?:-[ ]+)*)"
                  r"(?P<key>[^\s#'\"\[\]{},&*!|>%@`?:][^:]*?)[ \t]*:(?:[ \t]+|$)(?P<value>.*)$")
NO_SPACE = re.compile(r"^[ ]*(?:-[ ]+)*(?P<key>[^\s#'\"\[\]{},:]+):(?P<rest>[^\s:/].*)$")
Found = tuple[int, str]  # (line index in the text, message)


def quoted(value: str) -> str:
    """``value`` in quotes as YAML reads it back unchanged."""
    value = value.strip()
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def _with_value_quoted(line: str) -> str:
    """``title: Besök: hösten`` → ``title: "Besök: hösten"`` (as the editor should write it)."""
    m = LINE.match(line)
    if not m or not m["value"].strip():
        return line.strip()
    return f'{m["dash"]}{m["key"]}: {quoted(m["value"])}'


# ---- what YAML read wrongly without an error ---------------------------------------------

def suspicious(node: Optional[yaml.Node], lines: list[str]) -> Optional[Found]:
    """The first place where YAML read the text without error but not as the editor meant it:
    an invisible character in a field name or after a colon, a list item indented under the
    item above (``- a`` then ``    - b`` reads as the one item "a - b"), a value starting with
    ``!`` (read as a YAML tag and dropped)."""
    for n in _scalars(node):
        line = n.start_mark.line
        if n.tag.startswith("!"):
            text = lines[line] if line < len(lines) else ""
            return line, _start_char("!", text)
        if n.style not in (None, ""):
            continue
        found = invisible_on(lines[line]) if line < len(lines) else None
        if found is not None and found[0] > n.start_mark.column:
            return line, found[1]
        for i in range(line + 1, min(n.end_mark.line + 1, len(lines))):
            stripped = lines[i].lstrip(" ")
            found = invisible_on(lines[i])
            if found is not None:
                return i, found[1]
            if re.match(r"-(?:[ \t" + INVISIBLE + "]|$)", stripped):
                return i, _("this list item is indented more than the item above it, so it is "
                            'read as part of that item; start every "- " of one list in the '
                            "same column")
    return None


def _scalars(node: Optional[yaml.Node]) -> Iterator[yaml.ScalarNode]:
    """Every scalar of a tree (field names and values) in document order."""
    stack = [node] if node is not None else []
    while stack:
        n = stack.pop()
        if isinstance(n, yaml.ScalarNode):
            yield n
        elif isinstance(n, yaml.MappingNode):
            stack.extend(reversed([x for pair in n.value for x in pair]))
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(reversed(n.value))


# ---- syntax errors -----------------------------------------------------------------------

def explain(exc: yaml.MarkedYAMLError, text: str) -> Found:
    """(line index, message) of a YAML syntax error: the line of the mistake and what to do."""
    lines = text.split("\n")
    mark = exc.problem_mark or exc.context_mark
    at = min(mark.line, len(lines) - 1) if mark else 0
    found = invisible_in_structure(lines, at)
    if found is not None:
        return found
    problem, context = (exc.problem or "").lower(), (exc.context or "").lower()
    start = exc.context_mark
    for test, rule in _RULES:
        if test(problem, context):
            found = rule(lines, at, mark.column if mark else 0, start)
            if found is not None:
                return found
    return at, explain_unknown()


def explain_unknown() -> str:
    """The message for a YAML error without a place."""
    return _("YAML cannot read this line; check that it is indented with spaces like the lines "
             "around it, that a colon and a space follow each field name, and put quotes around "
             'text that holds ": " or starts with a special character')


def _line(lines: list[str], i: int) -> str:
    return lines[i] if 0 <= i < len(lines) else ""


def _start_char(char: str, line: str) -> str:
    return _("a value cannot start with {char} in YAML; put quotes around the whole value: {fixed}",
             char=char, fixed=_with_value_quoted(line))


def _missing_colon(lines, at, column, start) -> Optional[Found]:
    """A line that is no `name: value`: its colon is missing, or has no space after it."""
    i = start.line if start is not None else at
    written = _line(lines, i)
    if NO_SPACE.match(written) and not LINE.match(written):
        fixed = NO_SPACE.sub(lambda n: n.group(0).replace(n["key"] + ":", n["key"] + ": ", 1),
                             written).strip()
        return i, _('there must be a space after the colon in "{written}": write `{fixed}`',
                    written=written.strip(), fixed=fixed)
    return i, _('the line "{text}" has no colon; write a field as `name: value` (a colon and a '
                "space after the name), or indent the line if it continues the text above it",
                text=_line(lines, i).strip())


def _unclosed_quote(lines, at, column, start) -> Optional[Found]:
    i = start.line if start is not None else at
    line = _line(lines, i)
    quote = line[start.column] if start is not None and start.column < len(line) else '"'
    return i, _never_closed(quote)


def _never_closed(quote: str) -> str:
    return _("the quote {quote} that opens on this line is never closed; add {quote} at the end "
             "of the text", quote=quote)


def _unclosed_bracket(lines, at, column, start) -> Optional[Found]:
    if start is None:
        return None
    line = _line(lines, start.line)
    opening = line[start.column] if start.column < len(line) else "["
    closing = {"[": "]", "{": "}"}.get(opening, "]")
    if start.line == at:
        return at, _("the list in {opening} {closing} on this line cannot be read; separate the "
                     "items with commas, and put quotes around an item that holds a comma or a "
                     "colon", opening=opening, closing=closing)
    return start.line, _("the {opening} that opens on this line is never closed; end the list "
                         "with {closing}", opening=opening, closing=closing)


def _flow_node(lines, at, column, start) -> Optional[Found]:
    """A list in [ ] or { } that the text ends inside: the last line that opens more than it
    closes."""
    for p in range(min(at, len(lines) - 1), -1, -1):
        value = lines[p].split("#", 1)[0]
        for opening, closing in (("[", "]"), ("{", "}")):
            if value.count(opening) > value.count(closing):
                return p, _("the {opening} that opens on this line is never closed; end the list "
                            "with {closing}", opening=opening, closing=closing)
    return None


def _mapping_value(lines, at, column, start) -> Optional[Found]:
    """A colon where no field can start: in a value, or on a line continuing the line above."""
    line = _line(lines, at)
    m = LINE.match(line)
    if m and column >= m.start("value"):
        return at, _('the text holds ": " (a colon and a space), which YAML reads as a new field; '
                     "put quotes around the whole text: {fixed}", fixed=_with_value_quoted(line))
    p = _previous(lines, at)
    if p is None:
        return None
    above_m = LINE.match(lines[p])
    if above_m is None:
        return _missing_colon(lines, p, 0, None)
    if above_m["value"].strip():
        return at, _('this line is indented more than the field "{name}" above it, which already '
                     "has a value; start it in the same column as the fields around it",
                     name=above_m["key"])
    return None


def _previous(lines: list[str], at: int) -> Optional[int]:
    for p in range(at - 1, -1, -1):
        if lines[p].strip() and not lines[p].lstrip().startswith("#"):
            return p
    return None


def _block(lines, at, column, start) -> Optional[Found]:
    """A block mapping or list that cannot go on: an unclosed quote above, text after a
    quoted value, a list item or a field at the wrong indentation."""
    first = start.line if start is not None else 0
    for p in range(first, at):
        m = LINE.match(lines[p])
        if m and _opens_quote(m["value"]):
            return p, _never_closed(m["value"].lstrip()[0])
    line = _line(lines, at)
    indent = len(line) - len(line.lstrip(" "))
    char = line[column] if column < len(line) else ""
    m = LINE.match(line)
    if column > indent and m and column >= m.start("value"):
        value = m["value"].lstrip()
        if value[:1] in "\"'":
            return at, _("there is more text after the closing quote; put quotes around the "
                         "whole text: {fixed}", fixed=_with_value_quoted(line))
        if value[:1] in "[{":
            return at, _("text that starts with {char} is read as a list; put quotes around the "
                         "whole text: {fixed}", char=value[0], fixed=_with_value_quoted(line))
        return None
    if char == "-":
        items = [p for p in range(first, at) if lines[p].lstrip(" ").startswith("- ")]
        if items:
            return at, _('this list item does not line up with the items above it; start every '
                         '"- " of one list in the same column')
        return at, _('a list item ("- ") where a field (`name: value`) is expected; indent it '
                     "under the field it belongs to")
    if char == ":":
        return at, _("the line starts with a colon; write the field name before it")
    if m is None and ":" not in line:
        return _missing_colon(lines, at, column, None)
    name = m["key"] if m else line.strip()
    p = _previous(lines, at)
    above = LINE.match(lines[p]) if p is not None else None
    if above is not None and above["key"] != name:
        column_above = len(above["indent"]) + len(above["dash"]) + 1
        return at, _('the field "{name}" does not line up with the field "{other}" above it '
                     "(column {column}); fields at the same level start in the same column",
                     name=name, other=above["key"], column=column_above)
    return at, _('the field "{name}" does not line up with the fields above it; fields at the '
                 "same level start in the same column", name=name)


def _opens_quote(value: str) -> bool:
    """Whether a value opens a quote it does not close on its line."""
    value = value.strip()
    if value[:1] == '"':
        return len(re.findall(r'(?<!\\)"', value)) % 2 == 1
    if value[:1] == "'":
        return value.replace("''", "").count("'") % 2 == 1
    return False


def _char_at_start(lines, at, column, start) -> Optional[Found]:
    """A value starting with a character YAML reserves (@ ` % & * | > ? !)."""
    i, col = (start.line, start.column) if start is not None else (at, column)
    line = _line(lines, i)
    char = line[col] if col < len(line) else ""
    if char == "\t":
        return i, _("{char} at column {column}; YAML needs ordinary spaces here: delete it and "
                    "type a space", char=char_name("\t"), column=col + 1)
    if char and char in "@`%&*|>?!":
        return i, _start_char(char, line)
    return None


def _token(lines, at, column, start) -> Optional[Found]:
    return _char_at_start(lines, at, column, None)


def _escape(lines, at, column, start) -> Optional[Found]:
    return at, _("a backslash (\\) inside double quotes starts a special character; write the "
                 "value in single quotes instead: {fixed}",
                 fixed=_with_value_quoted(_line(lines, at).replace('"', "")))


def too_deep() -> str:
    return _("the value is nested too deep (brackets inside brackets hundreds of times); write "
             "it more simply")


def _too_deep(lines, at, column, start) -> Optional[Found]:
    return at, too_deep()


def _two_documents(lines, at, column, start) -> Optional[Found]:
    for p in range(min(at, len(lines) - 1), -1, -1):
        if lines[p].strip() in ("---", "..."):
            return p, _("a line {line} ends the fields here and the rest of the file cannot be "
                        "read; remove the line", line=lines[p].strip())
    return None


_RULES = [
    (lambda p, c: "depth" in p or "flow level" in c, _too_deep),
    (lambda p, c: "simple key" in c, _missing_colon),
    (lambda p, c: "quoted scalar" in c and "escape" in p, _escape),
    (lambda p, c: "quoted scalar" in c, _unclosed_quote),
    (lambda p, c: "flow sequence" in c or "flow mapping" in c, _unclosed_bracket),
    (lambda p, c: "flow node" in c, _flow_node),
    (lambda p, c: "mapping values are not allowed" in p, _mapping_value),
    (lambda p, c: "alias" in c or "anchor" in c or "block scalar" in c or "directive" in c
        or "tag" in c, _char_at_start),
    (lambda p, c: "mapping keys are not allowed" in p or "cannot start any token" in p
        or "tab character" in p, _token),
    (lambda p, c: "document" in p or "document" in c, _two_documents),
    (lambda p, c: "block mapping" in c or "block collection" in c or "expected key" in p
        or "block end" in p, _block),
]
