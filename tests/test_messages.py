"""The editor's message catalog: every message in the code has its Swedish translation, the
compiled catalog is the one the .po describes, and messages are written so they can be
translated (a literal message with {placeholders}, the same placeholders in Swedish)."""
from __future__ import annotations

import ast
import gettext
import re
import string
from pathlib import Path

import pytest

from civicsite.core import messages
from civicsite.core.errors import ContentError, did_you_mean

PACKAGE = Path(messages.__file__).resolve().parents[1]


def _ids(message) -> list[str]:
    return list(message.id) if isinstance(message.id, tuple) else [message.id]


def _strings(message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


def test_every_message_in_the_code_has_a_swedish_translation():
    swedish = messages.read_swedish()
    missing = []
    for message in messages.extract():
        if not message.id:
            continue
        found = swedish.get(message.id)
        if found is None or found.fuzzy or not all(_strings(found)):
            missing.append(_ids(message)[0])
    assert not missing, "untranslated (run `python -m civicsite.core.messages`, then translate " \
                        "in civicsite/core/locale/sv/LC_MESSAGES/civicsite.po):\n" + "\n".join(missing)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_swedish_has_the_same_placeholders():
    wrong = [(m.id, m.string) for m in messages.read_swedish() if m.id
             for i, s in zip(_ids(m) * 2, _strings(m)) if s and _fields(s) != _fields(i)]
    assert not wrong


def test_the_compiled_catalog_is_the_po_file():
    compiled = gettext.GNUTranslations(messages.PO.with_suffix(".mo").open("rb"))
    for m in messages.read_swedish():
        if m.id and not m.fuzzy and isinstance(m.id, str) and m.string:
            assert compiled.gettext(m.id) == m.string, m.id


def _calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                node.func.id in messages.KEYWORDS:
            yield node


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.name)
def test_messages_are_literal_text(path: Path):
    """An f-string or a variable cannot be looked up in the catalog."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bad = [node.lineno for node in _calls(tree)
           if not (node.args and isinstance(node.args[0], ast.Constant)
                   and isinstance(node.args[0].value, str))]
    assert not bad, f"{path}: lines {bad}"


def test_swedish_is_the_default_and_english_is_a_setting():
    error = ContentError("a.md", 3, "", "x", "warning")
    before = messages.language()
    try:
        messages.set_language("sv")
        assert error.format() == "a.md:3: varning: fil: x"
        assert did_you_mean("titel", ["title"]) == ' (menade du "title"?)'
        messages.set_language("en")
        assert error.format() == "a.md:3: warning: file: x"
        assert did_you_mean("titel", ["title"]) == ' (did you mean "title"?)'
    finally:
        messages.set_language(before)


def test_no_message_is_translated_as_itself_by_accident():
    """A msgstr equal to an English msgid of several words is almost always a forgotten copy."""
    same = [m.id for m in messages.read_swedish() if isinstance(m.id, str) and m.string == m.id
            and len(re.findall(r"[a-z]{3,}", m.id)) >= 3]
    assert not same
