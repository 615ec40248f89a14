"""How a contact is reached: phone numbers as Swedish editors write them (``phonenumbers``) and
e-mail addresses (``email-validator``, no network look-up), each checked with a message in the
editor's words."""
from __future__ import annotations

from dataclasses import dataclass
import re
from typing import Optional

from email_validator import EmailNotValidError, validate_email
import phonenumbers
import yaml

from civicsite.core.fields import Ctx, scalar, with_schema
from civicsite.core.messages import N_, _, translate

# ---- phone numbers --------------------------------------------------------------------------

def phone_how() -> str:
    return _("write the whole number with its area code, for example 0220-240 00, 08-123 456 78 "
             "or +46 70 123 45 67")


_PHONE_CHARS = re.compile(r"[\d\s+\-‐‑–—()/.]+")
# Swedish non-geographic prefixes that phonenumbers splits after "07"/"02" instead of after the
# whole prefix (0771-24 24 24, 0200-12 34 56, 0900-123 45 67, 0939-…, 0944-…).
_SE_NON_GEOGRAPHIC = re.compile(r"(77\d|200|90\d|939|944)(\d{4,8})")
# Subscriber-number grouping of the Swedish standard (SS 01 45 01) by number of digits.
_GROUPS = {4: (2, 2), 5: (3, 2), 6: (2, 2, 2), 7: (3, 2, 2), 8: (3, 3, 2)}


@dataclass(frozen=True)
class Phone:
    written: str   # as the editor wrote it
    e164: str      # +4622024000
    display: str   # 0220-240 00 (Swedish numbers), +1 650-253-0000 (others)

    @property
    def tel_url(self) -> str:
        return f"tel:{self.e164}"


def _display(number: phonenumbers.PhoneNumber) -> str:
    if number.country_code != 46:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    m = _SE_NON_GEOGRAPHIC.fullmatch(phonenumbers.national_significant_number(number))
    if m and len(m[2]) in _GROUPS:
        rest, groups = m[2], []
        for size in _GROUPS[len(m[2])]:
            groups.append(rest[:size])
            rest = rest[size:]
        return f"0{m[1]}-{' '.join(groups)}"
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


@with_schema({"type": ["string", "integer"], "pattern": r"^\s*\+?[\d\s‐‑–—()/.-]+$",
              "examples": ["0220-240 00", "+46 70 123 45 67"]})
def phone(node: yaml.Node, ctx: Ctx) -> Optional[Phone]:
    """A phone number as Swedish editors write it (0220-24000, +46 70 123 45 67, 022024000)."""
    value = scalar(node, ctx, _("a phone number"))
    if value is None:
        return None
    written = value.strip()
    if not written:
        ctx.error(_("must not be empty; {how}", how=phone_how()))
        return None
    if not _PHONE_CHARS.fullmatch(written) or "+" in written[1:]:
        ctx.error(_('"{value}" is not a phone number: use only digits, spaces, dashes, '
                    "parentheses and a leading +; {how}", value=written, how=phone_how()))
        return None
    try:
        number = phonenumbers.parse(written, "SE")
        valid = phonenumbers.is_valid_number(number)
    except phonenumbers.NumberParseException:
        valid = False
    if not valid:
        ctx.error(_('"{value}" is not a valid phone number; {how}', value=written, how=phone_how()))
        return None
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return Phone(written, e164, _display(number))


# ---- e-mail ---------------------------------------------------------------------------------

@with_schema({"type": "string", "pattern": r"^\s*(?:mailto:)?[^@\s]+@[^@\s]+\.[^@\s]+\s*$",
              "examples": ["kundcenter@hallstahammar.se"]})
def email(node: yaml.Node, ctx: Ctx) -> Optional[str]:
    """An e-mail address, checked for syntax and a plausible domain (no network look-up)."""
    value = scalar(node, ctx, _("an e-mail address"))
    if value is None:
        return None
    written = value.strip()
    if written.lower().startswith("mailto:"):
        written = written[len("mailto:"):]
    if not written:
        ctx.error(_("must not be empty; write an e-mail address such as "
                    "kundcenter@hallstahammar.se"))
        return None
    try:
        result = validate_email(written, check_deliverability=False)
    except EmailNotValidError as exc:
        ctx.error(_('"{value}" is not a valid e-mail address: {reason}; write it like '
                    "kundcenter@hallstahammar.se", value=written, reason=_email_reason(exc)))
        return None
    return result.normalized


# email-validator's reasons (English), in the editor's words: (words of the reason, message)
_EMAIL_REASONS = (("something after the @", N_("nothing after the @")),
                  ("something before the @", N_("nothing before the @")),
                  ("should have a period", N_("the part after the @ needs a dot, as in example.se")),
                  ("two periods", N_("two dots in a row")), ("period", N_("a dot in the wrong place")),
                  ("invalid characters", N_("it holds a character an address cannot have (a "
                                            "space, a second @, …)")),
                  ("@-sign", N_("it needs exactly one @")))


def _email_reason(exc: EmailNotValidError) -> str:
    text = str(exc)
    found = next((reason for words, reason in _EMAIL_REASONS if words in text),
                 N_("it is not written as an e-mail address"))
    return translate(found)
