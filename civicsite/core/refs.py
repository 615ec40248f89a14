"""References by id (contacts, hours) kept with their place until they are resolved at load."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Optional, TypeVar

import yaml

from civicsite.core.errors import did_you_mean
from civicsite.core.fields import Ctx, scalar, with_schema
from civicsite.core.messages import _

T = TypeVar("T")


class UnreadableTable(dict):
    """The ids of a data file that could not be read (its own error says why): references to it
    are not reported again as unknown ids. ``broken``: only these ids (written in the file, with
    an error in their entry) are unreadable; None: the whole file is."""

    def __init__(self, items=(), broken: Optional[set[str]] = None):
        super().__init__(items)
        self.broken = broken


@dataclass(frozen=True)
class Ref:
    """An id written in content, with the place it was written."""

    id: str
    ctx: Ctx = field(compare=False)  # where it was written, for messages; not part of its value

    def resolve(self, table: Mapping[str, T], what: str, defined_in: str) -> Optional[T]:
        """The referenced object, or None after an error naming close ids."""
        if self.id in table:
            return table[self.id]
        if isinstance(table, UnreadableTable) and (table.broken is None or self.id in table.broken):
            return None
        self.ctx.error(_unknown(what, self.id, defined_in) + did_you_mean(self.id, table.keys()))
        return None


def _unknown(what: str, written: str, defined_in: str) -> str:
    if what == "contact":
        return _('unknown contact "{id}"; it must be an id in {file}', id=written, file=defined_in)
    if what == "opening hours":
        return _('unknown opening hours "{id}"; it must be an id in {file}', id=written,
                 file=defined_in)
    return _('unknown id "{id}"; it must be an id in {file}', id=written, file=defined_in)


@with_schema({"type": ["string", "number"], "pattern": r"\S",
              "description": "ett id"})
def ref(node: yaml.Node, ctx: Ctx) -> Optional[Ref]:
    value = scalar(node, ctx, _("an id"))
    if value is None:
        return None
    if not value.strip():
        ctx.error(_("an id must not be empty"))
        return None
    return Ref(value.strip(), ctx)
