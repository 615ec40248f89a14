"""Contacts (``contacts.yaml``: offices and people, their numbers, members and labelled hours);
participant lists and quotes are in :mod:`civicsite.contacts.people`.

Parsers follow fields.py: ``(node, ctx) -> value | None``; content mistakes are reported through
``ctx`` and never raised. Phone numbers and e-mail live in :mod:`civicsite.contacts.reach`,
vCards in :mod:`civicsite.contacts.vcard`, schema.org JSON-LD in :mod:`civicsite.contacts.jsonld`.
"""
from __future__ import annotations

from dataclasses import dataclass
import re
from typing import Mapping, Optional

import yaml

from civicsite.contacts.address import Address, parse_address
from civicsite.contacts.reach import (  # noqa: F401 (read with the contacts)
    LabelledPhone,
    Phone,
    email,
    labelled_phone,
    phone,
)
from civicsite.core.errors import closest
from civicsite.core.fields import (
    Ctx,
    Field,
    Fields,
    Record,
    describe,
    line_of,
    list_of,
    one_of,
    text,
    url,
    with_schema,
)
from civicsite.core.messages import N_, _
from civicsite.core.refs import Ref, ref
from civicsite.core.slugs import slugify

# ---- organisation (site.yaml) ---------------------------------------------------------------

@dataclass(frozen=True)
class Organisation:
    name: str
    url: Optional[str]


ORGANISATION = Record("organisation", {
    "name": Field(text, required=True, description="Organisationens namn, t.ex. Hallstahammars kommun",
                  hint=N_("e.g. Hallstahammars kommun")),
    "url": Field(url, description="Organisationens webbplats"),
})


@with_schema(ORGANISATION)
def organisation(node: yaml.Node, ctx: Ctx) -> Optional[Organisation]:
    """site.yaml ``organisation: {name, url}``."""
    f = Fields.of(node, ctx, ORGANISATION)
    if f is None:
        return None
    name = f.get("name")
    link = f.get("url")
    return Organisation(name, link) if name else None


# ---- contacts.yaml --------------------------------------------------------------------------

REACH = ("phone", "phones", "email", "visiting_address", "postal_address", "url", "members")
# Swedish (and common) key names editors may write, mapped to the real key for the hint.
_ALIASES = {
    "namn": "name", "titel": "title", "befattning": "title", "roll": "title",
    "telefon": "phone", "tel": "phone", "telefonnummer": "phone", "mobil": "phone",
    "telefonnummer_lista": "phones", "nummer": "phones", "telefoner": "phones",
    "e-post": "email", "epost": "email", "mejl": "email", "mail": "email", "e-mail": "email",
    "besöksadress": "visiting_address", "adress": "visiting_address",
    "address": "visiting_address", "postadress": "postal_address",
    "webb": "url", "webbplats": "url", "länk": "url", "link": "url", "website": "url",
    "öppettider": "hours", "opening_hours": "hours", "typ": "kind",
    "medlemmar": "members", "medarbetare": "members", "personal": "members", "team": "members",
}


@dataclass(frozen=True)
class LabelledHours:
    """An hours id of a contact: ``hours: reception`` (no label: published in the structured
    data, not shown) or ``hours: {Besök: reception}`` (shown in the block under the label)."""

    label: Optional[str]
    ref: Ref


@dataclass(frozen=True)
class Contact:
    id: str
    name: str
    title: Optional[str]
    phones: tuple[LabelledPhone, ...]
    """``phone`` (one number, no label) or ``phones`` (each with its label)."""
    email: Optional[str]
    visiting_address: Optional[str]
    postal_address: Optional[str]
    url: Optional[str]
    hours: tuple[LabelledHours, ...]
    line: int
    kind: str = "office"   # "person" | "office"; default: person when it has a title
    members: tuple[Ref, ...] = ()
    """Contact ids of the people of a unit, listed in its block (resolved at load)."""

    @property
    def phone(self) -> Optional[Phone]:
        """The first (main) number."""
        return self.phones[0].number if self.phones else None

    @property
    def hours_ref(self) -> Optional[Ref]:
        """The unlabelled hours id (version 1 ``hours: id``), if any."""
        return next((h.ref for h in self.hours if h.label is None), None)

    @property
    def labelled_hours(self) -> tuple[LabelledHours, ...]:
        """The hours shown in the block, under their labels."""
        return tuple(h for h in self.hours if h.label is not None)

    @property
    def is_person(self) -> bool:
        return self.kind == "person"

    @property
    def visiting(self) -> Optional[Address]:
        return parse_address(self.visiting_address) if self.visiting_address else None

    @property
    def postal(self) -> Optional[Address]:
        return parse_address(self.postal_address) if self.postal_address else None


def _warn_unknown(f: Fields, known: list[str]) -> None:
    for name in f.names():
        if name in known:
            continue
        alias = _ALIASES.get(name.lower())
        f.unknown(name, alias or closest(name, known))


@with_schema(text.schema)
def _address(node: yaml.Node, ctx: Ctx) -> Optional[str]:
    value = text(node, ctx)
    if value is None:
        return None
    return ", ".join(p for p in (s.strip() for s in re.split(r"[,\n]", value)) if p)


@with_schema({"anyOf": [ref.schema, {"type": "object", "minProperties": 1,
                                     "additionalProperties": ref.schema}],
              "description": "Ett id i hours.yaml, eller etikett: id, t.ex. {Telefon: vaxel, "
                             "Besök: reception}"})
def contact_hours(node: yaml.Node, ctx: Ctx) -> Optional[tuple[LabelledHours, ...]]:
    """``hours: reception`` or ``hours: {Telefon: vaxel, Besök: reception}``."""
    if not isinstance(node, yaml.MappingNode):
        found = ref(node, ctx)
        return (LabelledHours(None, found),) if found else None
    f = Fields.of(node, ctx, known=[])
    if f is None:
        return None
    out = []
    for label in f.names():
        sub = f.sub(label)
        if not label.strip():
            sub.error(_("a label must not be empty; write what the hours are for, e.g. "
                        "Telefon or Besök"))
            continue
        value = f.node(label)
        if value is None:
            sub.error(_("no hours id given for the label; write e.g. `{label}: reception`",
                        label=label.strip()))
            continue
        found = ref(value, sub)
        if found:
            out.append(LabelledHours(label.strip(), found))
    return tuple(out)


CONTACT = Record("contact", {
    "name": Field(text, required=True, description="Namnet, visas som blockets rubrik",
                  hint=N_("the name shown as the heading of the block")),
    "title": Field(text, description="Befattning (för en person), t.ex. Chef för näringslivsenheten"),
    "kind": Field(one_of("person", "office"), description="person eller office (en funktion); "
                  "utan kind: person om title finns"),
    "phone": Field(phone, description="Telefonnummer med riktnummer, t.ex. 0220-240 00"),
    "phones": Field(list_of(labelled_phone), description="I stället för phone: flera nummer med "
                    "etiketter, t.ex. [{number: 0563-187 00, label: Växel}]"),
    "email": Field(email, description="E-postadress"),
    "visiting_address": Field(_address, description="Besöksadress, t.ex. Norra Prästgårdsgatan 1, "
                              "Hallstahammar"),
    "postal_address": Field(_address, description="Postadress"),
    "url": Field(url, description="Webbsida"),
    "hours": Field(contact_hours, description="Öppettider: ett id i hours.yaml, eller etikett: id "
                   "(visas i blocket under etiketten)"),
    "members": Field(list_of(ref), description="Enhetens medarbetare: id i contacts.yaml, visas "
                     "i blocket med namn, titel, telefon och e-post"),
}, description="En kontakt. Den behöver minst ett sätt att nå den: phone, phones, email, "
   "visiting_address, postal_address, url eller members.",
   extra={"anyOf": [{"required": [k]} for k in REACH],
          "not": {"required": ["phone", "phones"]}})
CONTACT_FIELDS = list(CONTACT)


def _members(f: Fields, contact_id: str) -> tuple[Ref, ...]:
    """The member ids; the unit itself among them is an error."""
    out = []
    for member in f.get("members", default=[]) or []:
        if member.id == contact_id:
            member.ctx.error(_("a unit cannot be its own member; list the people of the unit "
                               "by their ids in contacts.yaml"))
        else:
            out.append(member)
    return tuple(out)


def contact(node: yaml.Node, ctx: Ctx, contact_id: str) -> Optional[Contact]:
    """One entry of contacts.yaml; ``ctx.field`` is its id, ``ctx.line`` the line of the id."""
    f = Fields.of(node, ctx, known=[])
    if f is None:
        return None
    f.record = CONTACT  # read as declared; unknown keys get the Swedish-alias hints below
    _warn_unknown(f, CONTACT_FIELDS)
    name, title, kind = f.get("name"), f.get("title"), f.get("kind")
    phones: list[LabelledPhone] = []
    if "phone" in f and "phones" in f:
        f.sub("phones").error(_("give either `phone:` (one number) or `phones:` (several, with "
                                "labels), not both"))
    elif "phone" in f:
        tel = f.get("phone")
        phones = [LabelledPhone(tel)] if tel else []
    else:
        phones = f.get("phones", default=[]) or []
    mail = f.get("email")
    visiting, postal = f.get("visiting_address"), f.get("postal_address")
    link = f.get("url")
    hours = f.get("hours", default=()) or ()
    members = _members(f, contact_id)
    if not any(f.node(k) is not None for k in REACH):
        ctx.error(_("a contact needs at least one way to reach it: phone, phones, email, "
                    "visiting_address, postal_address, url or members"))
    return Contact(contact_id, name or contact_id, title, tuple(phones), mail, visiting, postal,
                   link, hours, ctx.line, kind or ("person" if title else "office"), members)


def parse_contacts_file(node: Optional[yaml.Node], ctx: Ctx) -> dict[str, Contact]:
    """All contacts of contacts.yaml by id; ``ctx = Ctx(diag, "<content>/contacts.yaml")``."""
    if node is None:
        return {}
    f = Fields.of(node, ctx, known=[])
    if f is None:
        return {}
    contacts: dict[str, Contact] = {}
    files: dict[str, str] = {}
    for key in f.names():
        key_node, value_node = f.entries[key]
        cid = key.strip()
        cctx = Ctx(ctx.diag, ctx.path, cid, line_of(key_node))
        if not cid or not slugify(cid):
            cctx.error(_("a contact id must contain letters or digits, e.g. kundcenter"))
            continue
        if not isinstance(value_node, yaml.MappingNode):
            cctx.error(_("expected the contact's fields (name, phone, email, …) indented under "
                         "the id, found {found}", found=describe(value_node)))
            continue
        item = contact(value_node, cctx, cid)
        if item is None:
            continue
        filename = vcard_filename(item)
        if filename in files:
            cctx.error(_('the id gives the same file {file} as the contact "{other}"; choose '
                         "another id", file=filename, other=files[filename]))
        files.setdefault(filename, cid)
        contacts[cid] = item
    return contacts


def resolve_contact_refs(contacts: Mapping[str, Contact], hours: Mapping) -> None:
    """Report every hours id and member id of contacts.yaml that names nothing."""
    for item in contacts.values():
        for labelled in item.hours:
            labelled.ref.resolve(hours, "opening hours", "hours.yaml")
        for member in item.members:
            member.resolve(contacts, "contact", "contacts.yaml")


def members_of(item: Contact, contacts: Mapping[str, Contact]) -> list[Contact]:
    """The unit's members that exist, in the order written."""
    return [contacts[m.id] for m in item.members if m.id in contacts]


def contact_ref(node: yaml.Node, ctx: Ctx) -> Optional[Ref]:
    """A contact id in a page or site.yaml; resolve later with :func:`resolve_contact`."""
    return ref(node, ctx)


def resolve_contact(item: Ref, contacts: dict[str, Contact]) -> Optional[Contact]:
    """The contact an id refers to, or None after an error naming close ids."""
    return item.resolve(contacts, "contact", "contacts.yaml")


def resolve_contacts(items: list[Ref], contacts: dict[str, Contact]) -> list[Contact]:
    return [c for c in (resolve_contact(r, contacts) for r in items) if c is not None]


def vcard_filename(contact: Contact) -> str:
    """Path of the contact's vCard inside the site: ``kontakt/<id>.vcf``."""
    return f"kontakt/{slugify(contact.id)}.vcf"
