"""People on a page who are not contacts: participant lists (named people and groups) and
quotes. Parsers follow fields.py: ``(node, ctx) -> value | None``."""
from __future__ import annotations

from dataclasses import dataclass
import re
from typing import Optional, Union

import yaml

from civicsite.contacts.model import Contact, resolve_contact
from civicsite.core.fields import (
    Ctx,
    Field,
    Fields,
    Record,
    describe,
    integer,
    text,
    with_schema,
)
from civicsite.core.messages import N_, _
from civicsite.core.refs import Ref, ref


# ---- participants ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Participant:
    """A named person, or a group of people (``group``, with ``count`` when known)."""

    name: Optional[str]                 # None for a group
    title: Optional[str]
    organisation: Optional[str] = None  # "Företagarna"
    group: Optional[str] = None         # "Kommunledningen", "tjänstemän"
    count: Optional[int] = None         # how many people the group was


PARTICIPANT = Record("participant", {
    "name": Field(text, description="Namnet (krävs utom för en grupp)",
                  hint=N_("write the person's `name:`, or `group:` for a group of people "
                          "(for example `group: tjänstemän`)")),
    "title": Field(text, description="Roll eller befattning, t.ex. kommunstyrelsens ordförande"),
    "organisation": Field(text, description="Personens organisation, t.ex. Företagarna"),
    "group": Field(text, description="En grupp i stället för en person, t.ex. Kommunledningen"),
    "count": Field(integer, description="Hur många gruppen var, t.ex. 6"),
}, extra={"anyOf": [{"required": ["name"]}, {"required": ["group"]}]})


@with_schema({"anyOf": [ref.schema, PARTICIPANT.json_schema()],
              "description": "{name, title, organisation}, {group, count} eller ett id i contacts.yaml"})
def participant(node: yaml.Node, ctx: Ctx) -> Optional[Union[Participant, Ref]]:
    """``{name, title, organisation}``, a group ``{group, count}``, or a contact id (then name
    and title come from contacts.yaml)."""
    if isinstance(node, yaml.ScalarNode):
        return ref(node, ctx)
    if not isinstance(node, yaml.MappingNode):
        ctx.error(_("expected name and title (`name:`, `title:`) or a contact id, found {found}",
                    found=describe(node)))
        return None
    f = Fields.of(node, ctx, PARTICIPANT)
    if f is None:
        return None
    group = f.get("group")
    name = f.get("name", required="group" not in f)
    if name and group:
        f.sub("group").error(_("a participant is a person (`name:`) or a group (`group:`), not "
                               "both; write the group as a participant of its own"))
        return None
    count = f.get("count")
    if count is not None and "group" not in f:
        f.sub("count").error(_("`count:` is the number of people in a group; give the group's "
                               "name with `group:`"))
        return None
    title, organisation = f.get("title"), f.get("organisation")
    if name and "title" not in f.names() and set(f.names()) <= set(PARTICIPANT):  # no misspelt title
        ctx.key("title").warn(_("{name} has no title; add `title:` with the role or position, "
                                "e.g. `title: VD, Företaget AB`", name=name))
    if name or group:
        return Participant(name, title, organisation, group, count)
    return None


def resolve_participants(items: list[Union[Participant, Ref]],
                         contacts: dict[str, Contact]) -> list[Participant]:
    """Participants in the order given; unknown ids are reported and left out."""
    out = []
    for item in items:
        if isinstance(item, Ref):
            found = resolve_contact(item, contacts)
            if found is not None and not found.title:
                item.ctx.warn(_('the contact "{id}" has no title in contacts.yaml, so the list '
                                "shows only the name; add `title:` to the contact, or write the "
                                "participant here as `name:` and `title:`", id=item.id))
            if found is not None:
                out.append(Participant(found.name, found.title))
        else:
            out.append(item)
    return out


# ---- quotes ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Quote:
    text: str
    name: Optional[str]          # optional when role or organisation says who said it
    role: Optional[str]
    organisation: Optional[str]

    @property
    def paragraphs(self) -> list[str]:
        return [" ".join(p.split()) for p in re.split(r"\n\s*\n", self.text) if p.strip()]


QUOTE = Record("quote", {
    "text": Field(text, required=True, description="Det citerade; tom rad mellan stycken",
                  hint=N_("the quoted words")),
    "name": Field(text, description="Vem som sa det (kan utelämnas när role "
                  "eller organisation anges)", hint=N_("who said it, or their `role:` or `organisation:`")),
    "role": Field(text, description="Personens roll, t.ex. näringslivschef eller En deltagare"),
    "organisation": Field(text, description="Personens organisation"),
}, extra={"anyOf": [{"required": ["name"]}, {"required": ["role"]}, {"required": ["organisation"]}]})


@with_schema(QUOTE)
def quote(node: yaml.Node, ctx: Ctx) -> Optional[Quote]:
    """``{text, name, role, organisation}``; text is required, and name unless role or
    organisation says who said it."""
    f = Fields.of(node, ctx, QUOTE)
    if f is None:
        return None
    body = f.get("text")
    name = f.get("name", required="role" not in f and "organisation" not in f)
    role = f.get("role")
    org = f.get("organisation")
    if body is None or not (name or role or org):
        return None
    return Quote(body, name, role, org)
