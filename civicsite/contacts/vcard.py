"""vCard 4.0 (RFC 6350) for a contact: UTF-8, CRLF, folded at 75 octets, ``,;\\`` escaped."""
from __future__ import annotations

from typing import Optional
import uuid

from civicsite.contacts.address import Address
from civicsite.contacts.model import Contact, Organisation
from civicsite.core.encoding import ascii_uri

CRLF = "\r\n"
MAX_OCTETS = 75


def escape(value: str) -> str:
    """Escape a TEXT value (RFC 6350 3.4): backslash, comma, semicolon, new line."""
    return (value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """Fold one content line to at most 75 octets per line, never inside a UTF-8 sequence."""
    data = line.encode("utf-8")
    if len(data) <= MAX_OCTETS:
        return line
    chunks, start, limit = [], 0, MAX_OCTETS
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # continuation byte: step back
            end -= 1
        chunks.append(data[start:end].decode("utf-8"))
        start, limit = end, MAX_OCTETS - 1  # continuation lines begin with one space
    return (CRLF + " ").join(chunks)


def _adr(address: Address) -> str:
    # a recipient ("Hallstahammars kommun") is the extended address, not the street (RFC 6350 6.3.1)
    parts = ["", address.name or "", address.street or "", address.locality or "", "",
             address.postal_code or "",
             "Sverige" if address.country == "SE" else address.country]
    return ";".join(escape(p) for p in parts)


def _uid(contact: Contact, organisation: Organisation) -> str:
    """A stable UID, so that rebuilding gives the same file and address books can update."""
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, organisation.url or organisation.name)
    return f"urn:uuid:{uuid.uuid5(namespace, contact.id)}"


def _name(full: str) -> str:
    """``N``: family;given;additional;prefix;suffix — the last word is taken as family name."""
    words = full.split()
    family = words[-1] if words else ""
    given = " ".join(words[:-1])
    return ";".join([escape(family), escape(given), "", "", ""])


def vcard(contact: Contact, organisation: Organisation,
          url: Optional[str] = None) -> str:
    """The vCard text; a person gets N/TITLE/ORG, an office ``KIND:org``.

    ``url`` (optional) is the page to link from the card when the contact has no ``url``.
    """
    lines = ["BEGIN:VCARD", "VERSION:4.0", "PRODID:-//civicsite//vCard//SV"]
    lines.append(f"UID:{_uid(contact, organisation)}")
    if contact.is_person:
        lines.append("KIND:individual")
        lines.append(f"FN:{escape(contact.name)}")
        lines.append(f"N:{_name(contact.name)}")
        if contact.title:
            lines.append(f"TITLE:{escape(contact.title)}")
        lines.append(f"ORG:{escape(organisation.name)}")
    else:
        lines.append("KIND:org")
        lines.append(f"FN:{escape(contact.name)}")
        if contact.name != organisation.name:
            lines.append(f"ORG:{escape(organisation.name)};{escape(contact.name)}")
        else:
            lines.append(f"ORG:{escape(organisation.name)}")
        if contact.title:
            lines.append(f"NOTE:{escape(contact.title)}")
    if contact.phone:
        lines.append(f"TEL;VALUE=uri;TYPE=work,voice:{ascii_uri(contact.phone.tel_url)}")
    if contact.email:
        lines.append(f"EMAIL;TYPE=work:{escape(contact.email)}")
    if contact.visiting:
        lines.append(f"ADR;TYPE=work;PREF=1:{_adr(contact.visiting)}")
    if contact.postal and contact.postal_address != contact.visiting_address:
        lines.append(f"ADR;TYPE=work:{_adr(contact.postal)}")
    link = contact.url or url
    if link:
        lines.append(f"URL:{ascii_uri(link)}")
    lines.append("END:VCARD")
    return "".join(fold(line) + CRLF for line in lines)
