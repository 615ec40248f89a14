"""schema.org JSON-LD (as Python dicts) for the organisation, its offices and its people."""
from __future__ import annotations

from typing import Optional

from civicsite.contacts.model import Contact, Organisation

CONTEXT = "https://schema.org"


def _organisation_ref(org: Organisation) -> dict:
    data = {"@type": "GovernmentOrganization", "name": org.name}
    if org.url:
        data["url"] = org.url
    return data


def _reach(contact: Contact) -> dict:
    """telephone (E.164), email and url, where the contact has them."""
    values = {"telephone": contact.phone.e164 if contact.phone else None,
              "email": contact.email, "url": contact.url}
    return {key: value for key, value in values.items() if value}


def _contact_point(contact: Contact) -> dict:
    data: dict = {"@type": "ContactPoint", "name": contact.name,
                  "contactType": contact.title or contact.name, **_reach(contact)}
    data["availableLanguage"] = "sv"
    return data


def organisation_jsonld(org: Organisation, contacts: list[Contact], base_url: str) -> dict:
    """``GovernmentOrganization`` with one ``ContactPoint`` per contact with a phone or e-mail."""
    data: dict = {"@context": CONTEXT, "@type": "GovernmentOrganization", "name": org.name,
                  "url": org.url or base_url}
    points = [_contact_point(c) for c in contacts if c.phone or c.email]
    if points:
        data["contactPoint"] = points
    return data


def contact_jsonld(contact: Contact, org: Organisation, hours: Optional[dict] = None) -> dict:
    """``Person`` (people) or ``GovernmentOffice`` (offices).

    The office's ``address`` is its visiting address, else its postal address. ``hours`` (from
    ``hours_jsonld``) is merged into an office; keys with empty values are left out. A person
    has no opening hours, so ``hours`` is ignored for people.
    """
    address = contact.visiting or contact.postal
    if contact.is_person:
        data: dict = {"@context": CONTEXT, "@type": "Person", "name": contact.name}
        if contact.title:
            data["jobTitle"] = contact.title
    else:
        data = {"@context": CONTEXT, "@type": "GovernmentOffice", "name": contact.name}
        if address:
            data["address"] = address.jsonld()
    data.update(_reach(contact))
    if contact.is_person:
        if address:
            data["workLocation"] = {"@type": "Place", "address": address.jsonld()}
        data["worksFor"] = _organisation_ref(org)
    else:
        data["parentOrganization"] = _organisation_ref(org)
        for key, value in (hours or {}).items():
            if value:
                data[key] = value
    return data
