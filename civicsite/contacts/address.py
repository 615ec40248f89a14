"""Swedish addresses as editors write them, split into parts for vCard, JSON-LD and display.

Rules (one line of text, parts separated by commas or new lines):

* A postal code is ``\\d{3} ?\\d{2}`` (optionally ``SE-``) followed by the locality at the end of
  the last part: ``734 80 Hallstahammar``, ``Gärdhemsvägen 9 461 83 Trollhättan`` (no comma needed
  before the code). It is shown as ``734 80``.
* Without a postal code, a last part without digits is the locality:
  ``Norra Prästgårdsgatan 1, Hallstahammar``.
* The remaining parts are the street. Leading parts without digits that come before a part with
  digits (``Stadshuset, Storgatan 1``), or all parts when there is a postal code and no part has
  digits (``Hallstahammars kommun, 734 80 …``), are a recipient/building name, not the street.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
import re
from typing import Optional

_POSTCODE = re.compile(
    r"(?P<pre>.*?)\s*(?<![\w-])(?:SE-?\s?)?(?P<a>\d{3}) ?(?P<b>\d{2})\s+(?P<loc>[^\d]+)",
    re.IGNORECASE)


@dataclass(frozen=True)
class Address:
    text: str                     # as written
    name: Optional[str]           # recipient or building, e.g. "Hallstahammars kommun"
    street: Optional[str]         # "Norra Prästgårdsgatan 1", "Box 123"
    postal_code: Optional[str]    # "734 80"
    locality: Optional[str]       # "Hallstahammar"
    country: str = "SE"

    @property
    def lines(self) -> list[str]:
        """Lines to show, e.g. ``["Hallstahammars kommun", "734 80 Hallstahammar"]``."""
        out = [x for x in (self.name, self.street) if x]
        last = " ".join(x for x in (self.postal_code, self.locality) if x)
        if last:
            out.append(last)
        return out or [self.text]

    def jsonld(self) -> dict:
        """schema.org ``PostalAddress`` (the recipient name is left out)."""
        data: dict = {"@type": "PostalAddress"}
        if self.street:
            data["streetAddress"] = self.street
        if self.postal_code:
            data["postalCode"] = self.postal_code
        if self.locality:
            data["addressLocality"] = self.locality
        data["addressCountry"] = self.country
        return data


@lru_cache(maxsize=4096)  # a site has few addresses, read on every page that shows a contact
def parse_address(text: str) -> Address:
    parts = [p for p in (s.strip() for s in re.split(r"[,\n]", text)) if p]
    parts = [" ".join(p.split()) for p in parts]
    if not parts:
        return Address(text, None, None, None, None)
    postal_code = locality = None
    last = parts[-1]
    m = _POSTCODE.fullmatch(last)
    if m:
        postal_code = f"{m['a']} {m['b']}"
        locality = m["loc"].strip()
        rest = parts[:-1] + ([m["pre"].strip()] if m["pre"].strip() else [])
    elif len(parts) >= 2 and not re.search(r"\d", last):
        locality = last
        rest = parts[:-1]
    else:
        rest = parts
    has_digits = [bool(re.search(r"\d", p)) for p in rest]
    if any(has_digits):
        first = has_digits.index(True)
    else:
        first = len(rest) if postal_code else 0
    name = ", ".join(rest[:first]) or None
    street = ", ".join(rest[first:]) or None
    return Address(text, name, street, postal_code, locality)
