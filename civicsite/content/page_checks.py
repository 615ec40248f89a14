"""Checks of one page beyond its fields: the example text of ``civicsite new`` left in a page
that is published, and a contact shown twice on one page."""
from __future__ import annotations

from typing import Iterable

from civicsite.core.fields import Ctx
from civicsite.core.messages import _
from civicsite.core.refs import Ref
from civicsite.markdown.directives import Directive

# The body ``civicsite new`` writes (editor/new_page.py): guidance that must not be published.
SKELETON_BODY = """\
Skriv sidans text här i Markdown. Stycken skiljs åt av en tom rad.

## En mellanrubrik

Block läggs in på en egen rad, till exempel `::: contact kundcenter`.
"""
_SKELETON_LINES = frozenset(line.strip() for line in SKELETON_BODY.split("\n") if line.strip())


def check_skeleton(body: str, first_line: int, draft: bool, ctx: Ctx) -> None:
    """The example text of ``new`` in a page that is not a draft is an error on its first line."""
    if draft or "Skriv sidans text här" not in body and "En mellanrubrik" not in body \
            and "Block läggs in på en egen rad" not in body:
        return
    for i, line in enumerate(body.split("\n")):
        if line.strip() in _SKELETON_LINES:
            Ctx(ctx.diag, ctx.path, _("body"), first_line + i).error(_(
                "this is the example text from `new`; replace it (and the example heading and "
                "lines after it) with the page's own text before the page is published"))
            return


def check_repeated_contacts(refs: Iterable[Ref], directives: Iterable[Directive], ctx: Ctx) -> None:
    """A contact shown twice on one page (twice under `contacts:`, or both there and in a
    ``::: contact`` line, or in two such lines) is a warning on the second place."""
    seen: dict[str, int] = {}
    places = [(r.id, r.ctx) for r in refs]
    places += [(d.arg, Ctx(ctx.diag, ctx.path, f"::: {d.name}", d.line))
               for d in directives if d.name == "contact" and d.arg]
    for contact_id, where in sorted(places, key=lambda p: p[1].line):
        if contact_id in seen:
            where.warn(_('the contact "{id}" is already shown on this page (line {line}); '
                         "remove one of them", id=contact_id, line=seen[contact_id]))
        else:
            seen[contact_id] = where.line
