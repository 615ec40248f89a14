"""YAML mistakes in plain words (core.yaml_errors), with libyaml's parser and PyYAML's own: each
mistake is one message, on the line where it is, saying what to write instead. (The Swedish
wording of each is asserted in tests/invalid.)"""
from __future__ import annotations

import pytest
import yaml

from civicsite.core import yaml_read
from civicsite.core.errors import Diagnostics
from civicsite.core.fields import Ctx

LOADERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])
COLON = ("write a field as `name: value` (a colon and a space after the name), or indent the line "
         "if it continues the text above it")
NBSP = "a non-breaking space (often pasted from Word)"

CASES = [
    ("title: A\nsummary B\ndate: 2024-01-01\n", 2, 'the line "summary B" has no colon; ' + COLON),
    ("event:\n  start: 2024-01-01\n  location Här\n  attendance: offline\n", 3,
     'the line "location Här" has no colon; ' + COLON),
    ("image\n  src: a\n", 1, 'the line "image" has no colon; ' + COLON),
    ("people:\n  - name Anna\n    title: x\n", 2, 'the line "- name Anna" has no colon; ' + COLON),
    ("title:A\nsummary: b\n", 1, 'there must be a space after the colon in "title:A": write `title: A`'),
    ("title: A\nsummary:B\ndate: x\n", 2,
     'there must be a space after the colon in "summary:B": write `summary: B`'),
    ("title: Besök: hösten\nsummary: x\n", 1, 'the text holds ": " (a colon and a space), which YAML '
     'reads as a new field; put quotes around the whole text: title: "Besök: hösten"'),
    ('title: Hej "du" där: x\n', 1, 'the text holds ": " (a colon and a space), which YAML reads as '
     "a new field; put quotes around the whole text: title: 'Hej \"du\" där: x'"),
    ("image:\n\tsrc: a.png\n", 2, "a tab at column 1 in the indentation; indent with ordinary spaces "
     "only: delete it and type spaces"),
    ('title: "Hej\nsummary: x\ndate: 2024-01-01\n', 1,
     'the quote " that opens on this line is never closed; add " at the end of the text'),
    ('title: "Hej\nsummary: "x"\n', 1,
     'the quote " that opens on this line is never closed; add " at the end of the text'),
    ("title: 'Hej\nsummary: x\n", 1,
     "the quote ' that opens on this line is never closed; add ' at the end of the text"),
    ("tags: [a, b\nsummary: x\n", 1, "the [ that opens on this line is never closed; end the list with ]"),
    ("colors: {text: x\nsummary: y\n", 1,
     "the { that opens on this line is never closed; end the list with }"),
    ("tags:\n  - a\n  - b: [\n", 3, "the [ that opens on this line is never closed; end the list with ]"),
    ("tags:\n  - a\n - b\nsummary: x\n", 3, 'this list item does not line up with the items above it; '
     'start every "- " of one list in the same column'),
    ("tags:\n  - a\n    - b\n", 3, "this list item is indented more than the item above it, so it is "
     'read as part of that item; start every "- " of one list in the same column'),
    ("title: A\n- b\n", 2, 'a list item ("- ") where a field (`name: value`) is expected; indent it '
     "under the field it belongs to"),
    ("title: A\n  summary: x\n", 2, 'this line is indented more than the field "title" above it, '
     "which already has a value; start it in the same column as the fields around it"),
    ("image:\n  src: a\n alt: b\n", 3, 'the field "alt" does not line up with the field "src" above '
     "it (column 3); fields at the same level start in the same column"),
    ("people:\n  - name: a\n   title: b\n", 3, 'the field "title" does not line up with the field '
     '"name" above it (column 5); fields at the same level start in the same column'),
    ("title:\xa0A\nsummary: x\n", 1, NBSP + ' at column 7, right after "title:"; there must be an '
     "ordinary space after the colon: delete it and type a space"),
    ("title:\xa0A\n", 1, NBSP + ' at column 7, right after "title:"; there must be an ordinary space '
     "after the colon: delete it and type a space"),
    ("image:\n\xa0\xa0src: a\n  alt: b\n", 2, NBSP + " at column 1 in the indentation; indent with "
     "ordinary spaces only: delete it and type spaces"),
    ("image:\n\xa0\xa0src: a\n", 2, NBSP + " at column 1 in the indentation; indent with ordinary "
     "spaces only: delete it and type spaces"),
    ("tags:\n  -\xa0a\n  - b\n", 2, NBSP + " at column 4, right after the - of a list item; there "
     "must be an ordinary space after the -: delete it and type a space"),
    ("ti\u200btle: A\n", 1, 'an invisible zero-width character (U+200B) at column 3 in the field name '
     '"title"; delete it (or type the name again)'),
    ("sum\xadmary: x\n", 1, "a soft hyphen (an invisible hyphenation mark, often pasted from Word) at "
     'column 4 in the field name "summary"; delete it (or type the name again)'),
    ("title: a\n\ufeffsummary: b\n", 2, "an invisible zero-width character (U+FEFF) at column 1 in "
     "the indentation; indent with ordinary spaces only: delete it and type spaces"),
    ('title: "Hej" du\n', 1, "there is more text after the closing quote; put quotes around the "
     "whole text: title: '\"Hej\" du'"),
    ("title: [Nytt] Möte\n", 1, "text that starts with [ is read as a list; put quotes around the "
     'whole text: title: "[Nytt] Möte"'),
    ("title: @hej\n", 1, 'a value cannot start with @ in YAML; put quotes around the whole value: '
     'title: "@hej"'),
    ("title: `hej`\n", 1, 'a value cannot start with ` in YAML; put quotes around the whole value: '
     'title: "`hej`"'),
    ("title: *viktigt*\n", 1, 'a value cannot start with * in YAML; put quotes around the whole '
     'value: title: "*viktigt*"'),
    ("title: & co\n", 1, 'a value cannot start with & in YAML; put quotes around the whole value: '
     'title: "& co"'),
    ("title: !viktigt\n", 1, 'a value cannot start with ! in YAML; put quotes around the whole value: '
     'title: "!viktigt"'),
    ("summary: > text\nnext: x\n", 1, "a value cannot start with > in YAML; put quotes around the "
     'whole value: summary: "> text"'),
    ("title: ? x\n", 1, 'a value cannot start with ? in YAML; put quotes around the whole value: '
     'title: "? x"'),
    (": x\n", 1, "the line starts with a colon; write the field name before it"),
    ('src: "C:\\mapp\\a.png"\n', 1, "a backslash (\\) inside double quotes starts a special "
     "character; write the value in single quotes instead: src: 'C:\\mapp\\a.png'"),
    ("title: a\n---\nb: c\n", 2, "a line --- ends the fields here and the rest of the file cannot "
     "be read; remove the line"),
    ("x: " + "[" * 2000 + "]" * 2000 + "\n", 1, "the value is nested too deep (brackets inside "
     "brackets hundreds of times); write it more simply"),
]
VALID = ["title: Hej\xa0du\n", "text: |\n  \xa0Hej\n  du\ntitle: x\n",
         "summary: Lång text\n  som fortsätter\ntitle: x\n", "title: A #1\n",
         "url: https://x.se/a:b\n", "tags: [a, 'b: c']\n", "title: 'Det är ''bra'''\n"]


@pytest.fixture(params=LOADERS, ids=lambda loader: loader.__name__)
def loader(request, monkeypatch):
    monkeypatch.setattr(yaml_read, "LOADER", request.param)
    return request.param


@pytest.mark.parametrize("text, line, message", CASES, ids=[str(i) for i in range(len(CASES))])
def test_each_mistake_is_one_message_on_its_line(loader, text, line, message):
    diag = Diagnostics()
    assert yaml_read.compose(text, Ctx(diag, "x.yaml")) is None
    assert [(e.line, e.field, e.message) for e in diag.items] == [(line, "yaml", message)]


@pytest.mark.parametrize("text", VALID)
def test_valid_yaml_is_left_alone(loader, text):
    diag = Diagnostics()
    assert yaml_read.compose(text, Ctx(diag, "x.yaml")) is not None
    assert diag.items == []


def test_lines_count_from_the_top_of_the_file():
    """Front matter starts on the page's second line: the offset is added to the mistake's line."""
    diag = Diagnostics()
    yaml_read.compose("title: A\nsummary B\n", Ctx(diag, "x.md"), line_offset=1)
    assert [e.line for e in diag.items] == [3]
