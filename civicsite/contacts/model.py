"""Contacts (``contacts.yaml``); participant lists and quotes are in :mod:`civicsite.contacts.people`.

Parsers follow fields.py: ``(node, ctx) -> value | None``; content mistakes are reported through
``ctx`` and never raised. vCards live in :mod:`civicsite.vcard`, schema.org JSON-LD in
:mod:`civicsite.contacts_jsonld`; both are re-exported here.
"""
from __future__ import annotations

from dataclasses import dataclass
import re
from typing import Optional

import yaml

from civicsite.contacts.address import Address, parse_address
from civicsite.contacts.reach import Phone, email, phone  # noqa: F401 (read with the contacts)
from civicsite.core.errors import closest
from civicsite.core.fields import (
    Ctx,
    Field,
    Fields,
    Record,
    describe,
    line_of,
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

REACH = ("phone", "email", "visiting_address", "postal_address", "url")
# Swedish (and common) key names editors may write, mapped to the real key for the hint.
_ALIASES = {
    "namn": "name", "titel": "title", "befattning": "title", "roll": "title",
    "telefon": "phone", "tel": "phone", "telefonnummer": "phone", "mobil": "phone",
    "e-post": "email", "epost": "email", "mejl": "email", "mail": "email", "e-mail": "email",
    "besöksadress": "visiting_address", "adress": "visiting_address",
    "address": "visiting_address", "postadress": "postal_address",
    "webb": "url", "webbplats": "url", "länk": "url", "link": "url", "website": "url",
    "öppettider": "hours", "opening_hours": "hours", "typ": "kind",
}


@dataclass(frozen=True)
class Contact:
    id: str
    name: str
    title: Optional[str]
    phone: Optional[Phone]
    email: Optional[str]
    visiting_address: Optional[str]
    postal_address: Optional[str]
    url: Optional[str]
    hours_ref: Optional[Ref]
    line: int
    kind: str = "office"   # "person" | "office"; default: person when it has a title

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


CONTACT = Record("contact", {
    "name": Field(text, required=True, description="Namnet, visas som blockets rubrik",
                  hint=N_("the name shown as the heading of the block")),
    "title": Field(text, description="Befattning (för en person), t.ex. Chef för näringslivsenheten"),
    "kind": Field(one_of("person", "office"), description="person eller office (en funktion); "
                  "utan kind: person om title finns"),
    "phone": Field(phone, description="Telefonnummer med riktnummer, t.ex. 0220-240 00"),
    "email": Field(email, description="E-postadress"),
    "visiting_address": Field(_address, description="Besöksadress, t.ex. Norra Prästgårdsgatan 1, "
                              "Hallstahammar"),
    "postal_address": Field(_address, description="Postadress"),
    "url": Field(url, description="Webbsida"),
    "hours": Field(ref, description="Öppettider: ett id i hours.yaml"),
}, description="En kontakt. Den behöver minst ett sätt att nå den: phone, email, "
   "visiting_address, postal_address eller url.",
   extra={"anyOf": [{"required": [k]} for k in REACH]})
CONTACT_FIELDS = list(CONTACT)


def contact(node: yaml.Node, ctx: Ctx, contact_id: str) -> Optional[Contact]:
    """One entry of contacts.yaml; ``ctx.field`` is its id, ``ctx.line`` the line of the id."""
    f = Fields.of(node, ctx, known=[])
    if f is None:
        return None
    f.record = CONTACT  # read as declared; unknown keys get the Swedish-alias hints below
    _warn_unknown(f, CONTACT_FIELDS)
    name = f.get("name")
    title = f.get("title")
    kind = f.get("kind")
    tel = f.get("phone")
    mail = f.get("email")
    visiting = f.get("visiting_address")
    postal = f.get("postal_address")
    link = f.get("url")
    hours = f.get("hours")
    if not any(f.node(k) is not None for k in REACH):
        ctx.error(_("a contact needs at least one way to reach it: phone, email, "
                    "visiting_address, postal_address or url"))
    return Contact(contact_id, name or contact_id, title, tel, mail, visiting, postal, link,
                   hours, ctx.line, kind or ("person" if title else "office"))


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
