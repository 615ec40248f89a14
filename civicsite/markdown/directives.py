"""The `::: name [id]` block lines inside a page body, found and checked at load."""
from __future__ import annotations

from dataclasses import dataclass
import re
from typing import Iterator

DIRECTIVE = re.compile(r"^:::\s*([^\s]*)\s*(.*?)\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
NAMES = ("contact", "hours", "participants", "quote")


@dataclass(frozen=True)
class Directive:
    """One block line: ``::: contact madeleine-ahlqvist`` on ``line`` of the file."""

    name: str
    arg: str
    line: int
    index: int  # line index inside the body


def unfenced(body: str) -> Iterator[tuple[int, str]]:
    """(index, line) of every body line outside fenced code blocks (the fence lines left out
    too): code shows directives, links and headings as text."""
    fence = None
    for i, line in enumerate(body.split("\n")):
        m = FENCE.match(line)
        if m:
            fence = None if fence == m.group(1) else (fence or m.group(1))
        elif not fence:
            yield i, line


def scan(body: str, first_line: int) -> list[Directive]:
    """Every directive line outside fenced code blocks; ``first_line`` is the body's first file line."""
    found = []
    for i, line in unfenced(body):
        d = DIRECTIVE.match(line)
        if d:
            found.append(Directive(d.group(1), d.group(2), first_line + i, i))
    return found
