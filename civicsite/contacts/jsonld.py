"""schema.org JSON-LD (as Python dicts) for the organisation, its offices and its people."""
from __future__ import annotations

import re
from typing import Optional

from civicsite.contacts.model import Contact, Organisation

CONTEXT = "https://schema.org"
HOURS_KEYS = ("openingHoursSpecification", "specialOpeningHoursSpecification")
_PHONE_LABEL = re.compile(r"\b(telefon|phone|tel\b|växel|vaxel|switchboard|samtal|call)",
                          re.IGNORECASE)


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


def is_phone_label(label: str, contact: Contact) -> bool:
    """Whether labelled hours are phone hours: the label names one of the contact's numbers
    ("Växel") or says telephone ("Telefon", "Telefontider", "Phone")."""
    numbers = {(p.label or "").casefold() for p in contact.phones}
    return label.casefold() in numbers or bool(_PHONE_LABEL.search(label))


def hours_available(hours: dict) -> dict:
    """A ContactPoint's hours: ``hoursAvailable`` holds the weeks and, with their dates as
    validFrom/validThrough, the periods and deviations (a ContactPoint has no special hours)."""
    return {"hoursAvailable": [*hours.get("openingHoursSpecification", []),
                               *hours.get("specialOpeningHoursSpecification", [])]}


def _labelled_points(contact: Contact, labelled: list[tuple[str, dict]],
                     visiting: Optional[str]) -> list[dict]:
    """A ContactPoint per number, carrying its phone hours (those labelled like the number,
    else the general phone hours); one per other label, except the visiting hours."""
    numbers = {(p.label or "").casefold() for p in contact.phones}
    phone_hours = {label: h for label, h in labelled if is_phone_label(label, contact)}
    general = next((h for label, h in phone_hours.items() if label.casefold() not in numbers),
                   None)
    points = []
    for entry in contact.phones:
        own = next((h for label, h in phone_hours.items()
                    if entry.label and label.casefold() == entry.label.casefold()), general)
        point = {"@type": "ContactPoint", "name": entry.label or contact.name,
                 "contactType": entry.label or contact.title or contact.name,
                 "telephone": entry.number.e164, "availableLanguage": "sv"}
        points.append({**point, **(hours_available(own) if own else {})})
    for label, h in labelled:
        if label != visiting and not (contact.phones and label in phone_hours):
            points.append({"@type": "ContactPoint", "name": label, "contactType": label,
                           **hours_available(h)})
    return points


def contact_jsonld(contact: Contact, org: Organisation, hours: Optional[dict] = None,
                   labelled: Optional[list[tuple[str, dict]]] = None) -> dict:
    """``Person`` (people) or ``GovernmentOffice`` (offices).

    The office's ``address`` is its visiting address, else its postal address. ``hours`` (from
    ``hours_jsonld``, the unlabelled ``hours: id``) is merged into an office; ``labelled``
    ((label, hours_jsonld) for ``hours: {label: id}``) gives phone hours as ``hoursAvailable``
    on the number's ``ContactPoint`` and the first other label's hours (visiting hours) as the
    office's ``openingHoursSpecification`` when it has no unlabelled hours. Keys with empty
    values are left out; a person has no opening hours of its own.
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
    labelled = labelled or []
    visiting = None
    if not contact.is_person and hours is None:
        visiting = next((label for label, _h in labelled if not is_phone_label(label, contact)),
                        None)
        hours = next((h for label, h in labelled if label == visiting), None)
    if contact.is_person:
        if address:
            data["workLocation"] = {"@type": "Place", "address": address.jsonld()}
        data["worksFor"] = _organisation_ref(org)
    else:
        data["parentOrganization"] = _organisation_ref(org)
        for key, value in (hours or {}).items():
            if value:
                data[key] = value
    if labelled or len(contact.phones) > 1 or any(p.label for p in contact.phones):
        points = _labelled_points(contact, labelled, visiting)
        if points:
            data["contactPoint"] = points
    return data
