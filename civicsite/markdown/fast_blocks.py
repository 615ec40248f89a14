"""Python-Markdown's block step, without the tests that cannot pass.

For every block of a page (a paragraph, a list, a heading …) Python-Markdown asks each of its
~13 block processors in turn whether the block is theirs: several search the whole block with a
regex, and the list of processors is rebuilt for every block. Most of those searches can only
succeed when the block holds a certain character (a heading needs `#`, a quote `>`, a table
`|`), so a block without it skips the processor. The characters are read from each processor's
own regex; a processor whose test this module does not know is always asked. The HTML is the
same as Python-Markdown's own (tests/test_fast_blocks.py compares them).
"""
from __future__ import annotations

import types
from typing import Callable, Optional

import markdown
from markdown import blockprocessors as bp
from markdown.extensions import footnotes, tables

from civicsite.markdown.regex_chars import required_chars

# The block processors whose answer is "no" unless a regex of theirs (by attribute name) matches
# somewhere in the block: in their test, or in a run that gives its block back (returns False)
# when the regex finds nothing, their test then always saying yes. Only a processor of exactly
# one of these classes is gated: a subclass may test otherwise.
REGEX_GATED: dict[type, str] = {
    bp.HashHeaderProcessor: "RE",
    bp.SetextHeaderProcessor: "RE",
    bp.HRProcessor: "SEARCH_RE",
    bp.BlockQuoteProcessor: "RE",
    bp.ReferenceProcessor: "RE",
    footnotes.FootnoteBlockProcessor: "RE",
}
# a table's first row is split at "|" into two or more cells, or begins or ends with "|"
CHAR_GATED: dict[type, list[frozenset[str]]] = {
    tables.TableProcessor: [frozenset("|")],
}


def gate(processor: bp.BlockProcessor) -> Optional[tuple[str, ...]]:
    """Characters a block holds whenever the processor takes it: one of each string's (see
    ``holds``). None when that is not known for this processor."""
    sets = CHAR_GATED.get(type(processor))
    if type(processor) in REGEX_GATED:
        regex = getattr(processor, REGEX_GATED[type(processor)], None)
        sets = required_chars(regex)  # None for anything but a real re.Pattern
    return tuple("".join(sorted(s)) for s in sets) if sets else None


def holds(block: str, needs: tuple[str, ...]) -> bool:
    """Whether ``block`` holds one character of each string of ``needs``."""
    for one_of in needs:
        for c in one_of:
            if c in block:
                break
        else:
            return False
    return True


def _steps(parser: bp.BlockParser) -> list[tuple[Optional[tuple[str, ...]], Callable, Callable]]:
    """(gate, test, run) of each block processor in priority order."""
    return [(gate(p), p.test, p.run) for p in parser.blockprocessors]


def _parse_blocks(self: bp.BlockParser, parent, blocks: list[str]) -> None:
    """BlockParser.parseBlocks over the steps (made again when the processors change): a
    processor whose gate the block fails is not asked."""
    registry = self.blockprocessors
    names = [i.name for i in registry._priority]
    steps = self.__dict__.get("_civicsite_steps")
    if steps is None or steps[0] is not registry or steps[1] != names:
        steps = self._civicsite_steps = (registry, names, _steps(self))
    order = steps[2]
    while blocks:
        for needs, test, run in order:
            if needs is not None and not holds(blocks[0], needs):
                continue
            if test(parent, blocks[0]):
                if run(parent, blocks) is not False:
                    break


def install(md: markdown.Markdown) -> markdown.Markdown:
    """``md`` with its block step asking only the processors a block can be for, when this
    Python-Markdown's block parser has the shape it was written against (else left as it is)."""
    if type(md.parser) is not bp.BlockParser or \
            bp.BlockParser.parseBlocks.__code__.co_names != ("blockprocessors", "test", "run"):
        return md
    md.parser.parseBlocks = types.MethodType(_parse_blocks, md.parser)
    return md
