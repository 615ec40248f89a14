"""YAML text composed into nodes that keep the line of every key (never constructed into Python
objects: scalars stay as written), and every way that can go wrong reported once, on the line
of the mistake, in the editor's words (:mod:`civicsite.core.yaml_errors`)."""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

import yaml

from civicsite.core import yaml_errors
from civicsite.core.messages import _

# libyaml's C parser when present: same nodes and marks, several times faster.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
NULLS = {"", "~", "null", "Null", "NULL"}


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def compose(text: str, ctx, line_offset: int = 0) -> Optional[yaml.Node]:  # ctx: fields.Ctx
    """Parse YAML text into a node tree; a syntax error, anchor or alias, or text YAML reads
    otherwise than meant (core.yaml_errors) becomes one error on the line of the mistake.
    ``line_offset``: the lines above the text in its file (every mark counts from the top)."""
    # blank lines in place of those above: YAML skips them, and no mark is shifted afterwards
    text = "\n" * line_offset + text
    lines = text.split("\n")
    try:
        # an anchor is written with & and an alias with *: only then are the events read
        for event in yaml.parse(text, Loader=LOADER) if "&" in text or "*" in text else ():
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                _at_yaml(ctx).error(_(
                    "a value cannot start with {char} in YAML (it would be read as a reference "
                    "to another value); write the value out, and put quotes around text that "
                    "starts with {char}", char="*" if isinstance(event, yaml.AliasEvent) else "&"),
                    line_of(event))
                return None
        node = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as exc:
        line, message = yaml_errors.explain(exc, text)
        _at_yaml(ctx).error(message, line + 1)
        return None
    except yaml.reader.ReaderError as exc:  # a control character (C and Python loaders alike)
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        at, code = max(text.find(char), 0), "%04X" % ord(char)
        _at_yaml(ctx).error(_("an invisible control character (U+{code}) at column {column}, "
                              "which is not allowed; delete it, or type the line again",
                              code=code, column=at - text.rfind("\n", 0, at)),
                            text.count("\n", 0, at) + 1)
        return None
    except RecursionError:  # PyYAML's own parser on a value nested thousands of times
        _at_yaml(ctx).error(yaml_errors.too_deep(), 1 + line_offset)
        return None
    except yaml.YAMLError:
        _at_yaml(ctx).error(yaml_errors.explain_unknown(), 1 + line_offset)
        return None
    found = yaml_errors.suspicious(node, lines)
    if found is not None:
        _at_yaml(ctx).error(found[1], found[0] + 1)
        return None
    return node


def _at_yaml(ctx):
    """Where a YAML mistake is reported: the field being read, else "yaml"."""
    return ctx if ctx.field else replace(ctx, field=_("yaml"))


def is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.style in (None, "") and node.value in NULLS
