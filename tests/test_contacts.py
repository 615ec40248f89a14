"""Contacts, people and participant lists: phones, e-mail, contacts.yaml, vCard, JSON-LD, blocks."""
from __future__ import annotations

from pathlib import Path
import datetime as dt
import re
import sys

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import jinja2  # noqa: E402
import vobject  # noqa: E402

from civicsite.contacts import jsonld as J  # noqa: E402
from civicsite.contacts import model as C  # noqa: E402
from civicsite.contacts import people as P  # noqa: E402
from civicsite.contacts import vcard as V  # noqa: E402
from civicsite.contacts.address import parse_address  # noqa: E402
from civicsite.contacts.vcard import fold  # noqa: E402
from civicsite.core.errors import Diagnostics  # noqa: E402
from civicsite.core.fields import Ctx, Fields, compose, list_of  # noqa: E402
from civicsite.core.i18n import Translator  # noqa: E402

PATH = "content/contacts.yaml"
ORG = C.Organisation("Hallstahammars kommun", "https://www.hallstahammar.se")
SEED = """\
kundcenter:
  name: Kundcenter
  phone: 0220-24000
  email: kundcenter@hallstahammar.se
  visiting_address: Norra Prästgårdsgatan 1, Hallstahammar
  postal_address: Hallstahammars kommun, 734 80 Hallstahammar
  hours: kundcenter          # id in hours.yaml
madeleine-ahlqvist:
  name: Madeleine Ahlqvist
  title: Chef för näringslivsenheten
  phone: 0220-24660
  email: madeleine.ahlqvist@hallstahammar.se
  visiting_address: Norra Prästgårdsgatan 1, Hallstahammar
"""
PHONE_HOW = ("write the whole number with its area code, for example 0220-240 00, "
             "08-123 456 78 or +46 70 123 45 67")


def field(parser, yaml_text: str, path: str = "content/page.md"):
    """Parse YAML with ``parser`` for its last key; returns (value, report lines)."""
    diag = Diagnostics()
    ctx = Ctx(diag, path)
    node = compose(yaml_text, ctx)
    fields = Fields.of(node, ctx, known=[])
    name = fields.names()[-1]
    return fields.get(name, parser), diag.report()


def contacts_of(text: str):
    diag = Diagnostics()
    ctx = Ctx(diag, PATH)
    return C.parse_contacts_file(compose(text, ctx), ctx), diag.report()


@pytest.fixture(scope="module")
def seed():
    table, report = contacts_of(SEED)
    assert report == []
    return table


@pytest.fixture(scope="module")
def env():
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "templates")),
                              autoescape=True, undefined=jinja2.StrictUndefined)


# ---- phone numbers --------------------------------------------------------------------------

@pytest.mark.parametrize("written, tel, display", [
    ("0220-24000", "tel:+4622024000", "0220-240 00"),
    ("022024000", "tel:+4622024000", "0220-240 00"),
    ("0220-24660", "tel:+4622024660", "0220-246 60"),
    ("08-123 456 78", "tel:+46812345678", "08-123 456 78"),
    ("010-123 45 67", "tel:+46101234567", "010-123 45 67"),
    ("+46 70 123 45 67", "tel:+46701234567", "070-123 45 67"),
    ("+46 (0)70 123 45 67", "tel:+46701234567", "070-123 45 67"),
    ("0046 70 123 45 67", "tel:+46701234567", "070-123 45 67"),
    ("0771-24 24 24", "tel:+46771242424", "0771-24 24 24"),
    ("0771-567 567", "tel:+46771567567", "0771-56 75 67"),
    ("0200-12 34 56", "tel:+46200123456", "0200-12 34 56"),
    ("0900-123 45 67", "tel:+469001234567", "0900-123 45 67"),
    ("020-12 34 56", "tel:+4620123456", "020-12 34 56"),
    ("(0220) 240 00", "tel:+4622024000", "0220-240 00"),
    ("0220–24000", "tel:+4622024000", "0220-240 00"),
    ("+1 650 253 0000", "tel:+16502530000", "+1 650-253-0000"),
])
def test_phone_writings(written, tel, display):
    value, report = field(C.phone, f"phone: {written}\n")
    assert report == []
    assert value == C.Phone(written, tel[4:], display)
    assert value.tel_url == tel


def test_phone_leading_zero_kept_as_written():
    value, _ = field(C.phone, "phone: 022024000\n")
    assert value.written == "022024000"


@pytest.mark.parametrize("written", ["0220-2", "12345", "+46 0", "112", "0040-123"])
def test_impossible_phone_is_one_error(written):
    value, report = field(C.phone, f"title: x\nphone: {written}\n")
    assert value is None
    assert report == [f'content/page.md:2: phone: "{written}" is not a valid phone number; '
                      f"{PHONE_HOW}"]


@pytest.mark.parametrize("written", ["0220-24OOO", "abc", "tel 0220-24000", "0220+24000"])
def test_phone_with_letters_or_stray_plus_is_one_error(written):
    value, report = field(C.phone, f'phone: "{written}"\n')
    assert value is None
    assert report == [f'content/page.md:1: phone: "{written}" is not a phone number: use only '
                      f"digits, spaces, dashes, parentheses and a leading +; {PHONE_HOW}"]


def test_phone_not_a_scalar():
    value, report = field(C.phone, "phone: [0220-24000]\n")
    assert value is None
    assert report == ['content/page.md:1: phone: expected a phone number, found a list']


def test_phone_parser_reusable_for_nested_fields():
    diag = Diagnostics()
    ctx = Ctx(diag, "content/tillganglighet.md")
    node = compose("feedback:\n  email: x@y.se\n  phone: 0220-2\n", ctx)
    outer = Fields.of(node, ctx, known=["feedback"])
    inner = Fields.of(outer.node("feedback"), outer.sub("feedback"), known=["email", "phone"])
    assert inner.get("phone", C.phone) is None
    assert diag.report() == [f'content/tillganglighet.md:3: feedback.phone: "0220-2" is not a '
                             f"valid phone number; {PHONE_HOW}"]


# ---- e-mail ---------------------------------------------------------------------------------

def test_email_ok():
    value, report = field(C.email, "email: kundcenter@hallstahammar.se\n")
    assert (value, report) == ("kundcenter@hallstahammar.se", [])


def test_email_mailto_prefix_is_accepted():
    value, report = field(C.email, "email: mailto:kundcenter@hallstahammar.se\n")
    assert (value, report) == ("kundcenter@hallstahammar.se", [])


@pytest.mark.parametrize("written, reason", [
    ("kundcenter@", "nothing after the @"),
    ("a@b", "the part after the @ needs a dot, as in example.se"),
    ("a b@x.se", "it holds a character an address cannot have (a space, a second @, …)"),
    ("kundcenter.hallstahammar.se", "it needs exactly one @"),
    ("a..b@x.se", "two dots in a row"),
    ("a.@x.se", "a dot in the wrong place"),
])
def test_bad_email_is_one_error(written, reason):
    value, report = field(C.email, f'name: x\nemail: "{written}"\n')
    assert value is None
    assert report == [f'content/page.md:2: email: "{written}" is not a valid e-mail address: '
                      f"{reason}; write it like kundcenter@hallstahammar.se"]


# ---- organisation ---------------------------------------------------------------------------

def test_organisation():
    value, report = field(C.organisation, "organisation:\n  name: Hallstahammars kommun\n"
                                          "  url: https://www.hallstahammar.se\n",
                          path="content/site.yaml")
    assert (value, report) == (ORG, [])


def test_organisation_needs_name():
    value, report = field(C.organisation, "organisation:\n  url: https://www.hallstahammar.se\n",
                          path="content/site.yaml")
    assert value is None
    assert report == ["content/site.yaml:1: organisation.name: required field is missing; "
                      "e.g. Hallstahammars kommun"]


# ---- contacts.yaml --------------------------------------------------------------------------

def test_seed_contacts(seed):
    kc = seed["kundcenter"]
    assert kc.name == "Kundcenter" and kc.title is None and kc.kind == "office"
    assert kc.phone == C.Phone("0220-24000", "+4622024000", "0220-240 00")
    assert kc.email == "kundcenter@hallstahammar.se"
    assert kc.visiting_address == "Norra Prästgårdsgatan 1, Hallstahammar"
    assert kc.postal_address == "Hallstahammars kommun, 734 80 Hallstahammar"
    assert kc.hours_ref.id == "kundcenter" and kc.hours_ref.ctx.field == "kundcenter.hours"
    assert kc.hours_ref.ctx.line == 7 and kc.line == 1
    ma = seed["madeleine-ahlqvist"]
    assert ma.kind == "person" and ma.is_person and ma.line == 8
    assert ma.title == "Chef för näringslivsenheten"
    assert ma.phone.display == "0220-246 60" and ma.phone.tel_url == "tel:+4622024660"
    assert ma.hours_ref is None
    assert list(seed) == ["kundcenter", "madeleine-ahlqvist"]


def test_contact_errors_are_named_by_id():
    table, report = contacts_of("kundcenter:\n  name: Kundcenter\n  phone: 0220-2\n"
                                "  email: kundcenter@\n")
    assert report == [
        f'content/contacts.yaml:3: kundcenter.phone: "0220-2" is not a valid phone number; '
        f"{PHONE_HOW}",
        'content/contacts.yaml:4: kundcenter.email: "kundcenter@" is not a valid e-mail address: '
        "nothing after the @; write it like kundcenter@hallstahammar.se",
    ]
    assert table["kundcenter"].phone is None


def test_unknown_keys_with_did_you_mean_are_errors_others_warnings():
    _, report = contacts_of("kc:\n  name: Kundcenter\n  emial: a@b.se\n  telefon: 0220-24000\n"
                            "  phone: 0220-24000\n  fax: 1\n")
    assert report == [
        'content/contacts.yaml:3: kc.emial: unknown field (did you mean "email"?); its value is '
        "not used until the name is right",
        'content/contacts.yaml:4: kc.telefon: unknown field (did you mean "phone"?); its value is '
        "not used until the name is right",
        "content/contacts.yaml:6: warning: kc.fax: unknown field, ignored",
    ]


def test_contact_without_any_way_to_reach_it():
    table, report = contacts_of("# comment\nnamnlos:\n  name: Ingen\n  title: Tyst\n")
    assert report == ["content/contacts.yaml:2: namnlos: a contact needs at least one way to "
                      "reach it: phone, phones, email, visiting_address, postal_address, url or "
                      "members"]
    assert "namnlos" in table  # still known, so pages referring to it get no second error


def test_contact_url_only_is_enough():
    table, report = contacts_of("webb:\n  name: Företagslots\n  url: https://example.se/lots\n")
    assert report == [] and table["webb"].url == "https://example.se/lots"


def test_contact_missing_name_and_bad_shapes():
    table, report = contacts_of('kc:\n  phone: 0220-24000\nbad: text\n"":\n  name: X\n'
                                "  url: https://x.se\n")
    assert report == [
        'content/contacts.yaml:1: kc.name: required field is missing; the name shown as the '
        "heading of the block",
        "content/contacts.yaml:3: bad: expected the contact's fields (name, phone, email, …) "
        'indented under the id, found "text"',
        "content/contacts.yaml:4: file: a contact id must contain letters or digits, "
        "e.g. kundcenter",
    ]
    assert list(table) == ["kc"]


def test_contacts_file_not_a_mapping_and_empty():
    assert contacts_of("- a\n- b\n")[1] == [
        "content/contacts.yaml:1: file: expected a set of `key: value` fields, found a list"]
    assert contacts_of("") == ({}, [])
    assert contacts_of("# only comments\n") == ({}, [])


def test_kind_overrides_inference():
    table, report = contacts_of("anna:\n  name: Anna Berg\n  kind: person\n  phone: 0220-24000\n"
                                "enhet:\n  name: Näringslivsenheten\n  kind: kontor\n"
                                "  phone: 0220-24000\n")
    assert table["anna"].is_person
    assert report == ['content/contacts.yaml:7: enhet.kind: must be one of person, office, found '
                      '"kontor"']


def test_vcard_filename_collision_is_an_error():
    _, report = contacts_of("Kund-center:\n  name: A\n  url: https://a.se\n"
                            "kund-center:\n  name: B\n  url: https://b.se\n")
    assert report == ["content/contacts.yaml:4: kund-center: the id gives the same file "
                      'kontakt/kund-center.vcf as the contact "Kund-center"; choose another id']


def test_contact_refs_resolve_with_did_you_mean(seed):
    diag = Diagnostics()
    ctx = Ctx(diag, "content/index.md")
    node = compose("contacts: [kundcenter, madeleine-ahlquist]\n", ctx)
    refs = Fields.of(node, ctx, known=["contacts"]).get("contacts", list_of(C.contact_ref))
    assert [c.id for c in C.resolve_contacts(refs, seed)] == ["kundcenter"]
    assert diag.report() == ['content/index.md:1: contacts[1]: unknown contact '
                             '"madeleine-ahlquist"; it must be an id in contacts.yaml '
                             '(did you mean "madeleine-ahlqvist"?)']


# ---- participants ---------------------------------------------------------------------------

PARTICIPANTS = """\
people:
  - name: Paul Åkerlund
    title: kommunstyrelsens ordförande
  - madeleine-ahlqvist
  - name: Monica Hanson
  - kundcentre
"""


def test_participants_resolve_in_order(seed):
    diag = Diagnostics()
    ctx = Ctx(diag, "content/sprint.md", "participants", 5)
    node = compose(PARTICIPANTS, ctx, line_offset=4)
    items = Fields.of(node, ctx, known=["people"]).get("people", list_of(P.participant))
    assert diag.report() == ["content/sprint.md:9: warning: participants.people[2].title: Monica "
                             "Hanson has no title; add `title:` with the role or position, e.g. "
                             "`title: VD, Företaget AB`"]
    diag.items.clear()
    people = P.resolve_participants(items, seed)
    assert people == [P.Participant("Paul Åkerlund", "kommunstyrelsens ordförande"),
                      P.Participant("Madeleine Ahlqvist", "Chef för näringslivsenheten"),
                      P.Participant("Monica Hanson", None)]
    assert diag.report() == ['content/sprint.md:10: participants.people[3]: unknown contact '
                             '"kundcentre"; it must be an id in contacts.yaml '
                             '(did you mean "kundcenter"?)']


def test_participant_errors():
    value, report = field(list_of(P.participant), "people:\n  - title: utan namn\n"
                                                  "  - [a]\n  - name: A\n    titel: B\n")
    assert value == [P.Participant("A", None)]
    assert report == [
        "content/page.md:2: people[0].name: required field is missing; write the person's "
        "`name:`, or `group:` for a group of people (for example `group: tjänstemän`)",
        "content/page.md:3: people[1]: expected name and title (`name:`, `title:`) or a contact "
        "id, found a list",
        'content/page.md:5: people[2].titel: unknown field (did you mean "title"?); its value is '
        "not used until the name is right",
    ]


# ---- quotes ---------------------------------------------------------------------------------

def test_quote_parses():
    value, report = field(P.quote, "quote:\n  text: Det blev många besök.\n  name: Paul Åkerlund\n"
                                   "  role: kommunstyrelsens ordförande\n"
                                   "  organisation: Trollhättans Stad\n")
    assert report == []
    assert value == P.Quote("Det blev många besök.", "Paul Åkerlund",
                            "kommunstyrelsens ordförande", "Trollhättans Stad")


def test_quote_needs_text_and_name():
    value, report = field(P.quote, "quote:\n  organisaton: y\n")
    assert value is None
    assert report == [
        "content/page.md:1: quote.name: required field is missing; who said it, or their "
        "`role:` or `organisation:`",
        "content/page.md:1: quote.text: required field is missing; the quoted words",
        'content/page.md:2: quote.organisaton: unknown field (did you mean "organisation"?); its '
        "value is not used until the name is right",
    ]


def test_a_quote_with_a_role_needs_no_name():
    value, report = field(P.quote, "quote:\n  text: Bra dag.\n  role: En deltagare\n")
    assert report == []
    assert value == P.Quote("Bra dag.", None, "En deltagare", None)
    value, report = field(P.quote, "quote:\n  role: x\n")
    assert value is None
    assert report == ["content/page.md:1: quote.text: required field is missing; the quoted words"]


# ---- addresses ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, name, street, code, locality", [
    ("Norra Prästgårdsgatan 1, Hallstahammar", None, "Norra Prästgårdsgatan 1", None,
     "Hallstahammar"),
    ("Hallstahammars kommun, 734 80 Hallstahammar", "Hallstahammars kommun", None, "734 80",
     "Hallstahammar"),
    ("Gärdhemsvägen 9 461 83 Trollhättan", None, "Gärdhemsvägen 9", "461 83", "Trollhättan"),
    ("Gärdhemsvägen 9, 461 83 Trollhättan", None, "Gärdhemsvägen 9", "461 83", "Trollhättan"),
    ("Box 12, 73480 Hallstahammar", None, "Box 12", "734 80", "Hallstahammar"),
    ("Stadshuset, Storgatan 1, SE-734 80 Hallstahammar", "Stadshuset", "Storgatan 1", "734 80",
     "Hallstahammar"),
    ("Stortorget, Hallstahammar", None, "Stortorget", None, "Hallstahammar"),
    ("Storgatan 1", None, "Storgatan 1", None, None),
])
def test_parse_address(text, name, street, code, locality):
    a = parse_address(text)
    assert (a.name, a.street, a.postal_code, a.locality) == (name, street, code, locality)


def test_address_jsonld_and_lines():
    a = parse_address("Hallstahammars kommun, 734 80 Hallstahammar")
    assert a.lines == ["Hallstahammars kommun", "734 80 Hallstahammar"]
    assert a.jsonld() == {"@type": "PostalAddress", "postalCode": "734 80",
                          "addressLocality": "Hallstahammar", "addressCountry": "SE"}
    b = parse_address("Gärdhemsvägen 9 461 83 Trollhättan")
    assert b.jsonld() == {"@type": "PostalAddress", "streetAddress": "Gärdhemsvägen 9",
                          "postalCode": "461 83", "addressLocality": "Trollhättan",
                          "addressCountry": "SE"}


# ---- vCard ----------------------------------------------------------------------------------

def test_vcard_person_exact(seed):
    card = V.vcard(seed["madeleine-ahlqvist"], ORG)
    lines = card.split("\r\n")
    assert lines[:2] == ["BEGIN:VCARD", "VERSION:4.0"] and lines[-2:] == ["END:VCARD", ""]
    assert re.fullmatch(r"UID:urn:uuid:[0-9a-f-]{36}", lines[3])
    assert lines[4:] == [
        "KIND:individual",
        "FN:Madeleine Ahlqvist",
        "N:Ahlqvist;Madeleine;;;",
        "TITLE:Chef för näringslivsenheten",
        "ORG:Hallstahammars kommun",
        "TEL;VALUE=uri;TYPE=work,voice:tel:+4622024660",
        "EMAIL;TYPE=work:madeleine.ahlqvist@hallstahammar.se",
        "ADR;TYPE=work;PREF=1:;;Norra Prästgårdsgatan 1;Hallstahammar;;;Sverige",
        "END:VCARD",
        "",
    ]
    assert "\n" not in card.replace("\r\n", "")
    assert card == V.vcard(seed["madeleine-ahlqvist"], ORG)  # stable UID: reproducible builds


def test_vcard_person_round_trip(seed):
    card = vobject.readOne(V.vcard(seed["madeleine-ahlqvist"], ORG))
    assert card.fn.value == "Madeleine Ahlqvist"
    assert (card.n.value.family, card.n.value.given) == ("Ahlqvist", "Madeleine")
    assert card.title.value == "Chef för näringslivsenheten"
    assert card.tel.value == "tel:+4622024660"
    assert card.email.value == "madeleine.ahlqvist@hallstahammar.se"
    assert card.org.value == ["Hallstahammars kommun"]
    adr = card.adr.value
    assert (adr.street, adr.city, adr.code, adr.country) == (
        "Norra Prästgårdsgatan 1", "Hallstahammar", "", "Sverige")


def test_vcard_office_round_trip(seed):
    text = V.vcard(seed["kundcenter"], ORG)
    assert "\r\nKIND:org\r\n" in text and "\r\nN:" not in text
    card = vobject.readOne(text)
    assert card.kind.value == "org"
    assert card.org.value == ["Hallstahammars kommun", "Kundcenter"]
    # the postal address's recipient is the extended address (RFC 6350 6.3.1), not a street
    assert [(a.value.extended, a.value.street, a.value.code, a.value.city)
            for a in card.contents["adr"]] == [
        ("", "Norra Prästgårdsgatan 1", "", "Hallstahammar"),
        ("Hallstahammars kommun", "", "734 80", "Hallstahammar"),
    ]


def test_vcard_escaping_and_folding_with_swedish_letters():
    title = ("Näringslivsutvecklare; ansvarig för företagsbesök, kompetensförsörjning och "
             "etableringar i Hallstahammar\\Kolbäck – även nyföretagarrådgivning")
    table, report = contacts_of(f"åsa-öberg:\n  name: Åsa Öberg-Ängström\n  title: '{title}'\n"
                                "  phone: +46 70 123 45 67\n  email: asa.oberg@hallstahammar.se\n"
                                "  visiting_address: Långgatan 12, Kolbäck\n")
    assert report == []
    contact = table["åsa-öberg"]
    assert C.vcard_filename(contact) == "kontakt/asa-oberg.vcf"
    text = V.vcard(contact, ORG)
    raw = text.encode("utf-8")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    assert any(line.startswith(b" ") for line in raw.split(b"\r\n"))  # it was folded
    for line in raw.split(b"\r\n"):
        line.decode("utf-8")  # no UTF-8 sequence split across lines
    assert "TITLE:Näringslivsutvecklare\\; ansvarig för företagsbesök\\, kompetens" in \
        text.replace("\r\n ", "")
    card = vobject.readOne(text)
    assert card.title.value == title
    assert card.fn.value == "Åsa Öberg-Ängström"
    assert card.n.value.family == "Öberg-Ängström"
    assert card.tel.value == "tel:+46701234567"
    assert card.adr.value.street == "Långgatan 12" and card.adr.value.city == "Kolbäck"


def test_fold_never_splits_utf8():
    line = "NOTE:" + "ö" * 100
    folded = fold(line).encode("utf-8").split(b"\r\n")
    assert [len(x) for x in folded] == [75, 75, 57]  # 5 + 35 ö; space + 37 ö; space + 28 ö
    assert folded[1].startswith(b" ")
    assert "".join(x.decode("utf-8")[1:] if i else x.decode("utf-8")
                   for i, x in enumerate(folded)) == line
    assert fold("x" * 75) == "x" * 75
    odd = "NOTE:x" + "ö" * 100  # the 75th octet falls inside an ö: the line is cut before it
    parts = fold(odd).encode("utf-8").split(b"\r\n")
    assert [len(x) for x in parts] == [74, 75, 59]
    assert "".join(x.decode("utf-8").removeprefix(" ") for x in parts) == odd


# ---- JSON-LD --------------------------------------------------------------------------------

HOURS = {"openingHoursSpecification": [{"@type": "OpeningHoursSpecification",
                                        "dayOfWeek": ["Monday"], "opens": "08:00",
                                        "closes": "16:30"}],
         "specialOpeningHoursSpecification": []}


def test_office_jsonld(seed):
    data = J.contact_jsonld(seed["kundcenter"], ORG, HOURS)
    assert data == {
        "@context": "https://schema.org",
        "@type": "GovernmentOffice",
        "name": "Kundcenter",
        "address": {"@type": "PostalAddress", "streetAddress": "Norra Prästgårdsgatan 1",
                    "addressLocality": "Hallstahammar", "addressCountry": "SE"},
        "telephone": "+4622024000",
        "email": "kundcenter@hallstahammar.se",
        "parentOrganization": {"@type": "GovernmentOrganization",
                               "name": "Hallstahammars kommun",
                               "url": "https://www.hallstahammar.se"},
        "openingHoursSpecification": HOURS["openingHoursSpecification"],
    }
    assert "openingHoursSpecification" not in J.contact_jsonld(seed["kundcenter"], ORG)


def test_office_with_postal_code_jsonld():
    table, _ = contacts_of("kontaktcenter:\n  name: Kontaktcenter – en väg in\n"
                           "  visiting_address: Gärdhemsvägen 9 461 83 Trollhättan\n")
    data = J.contact_jsonld(table["kontaktcenter"], C.Organisation("Trollhättans Stad", None))
    assert data["address"] == {"@type": "PostalAddress", "streetAddress": "Gärdhemsvägen 9",
                               "postalCode": "461 83", "addressLocality": "Trollhättan",
                               "addressCountry": "SE"}
    assert data["parentOrganization"] == {"@type": "GovernmentOrganization",
                                          "name": "Trollhättans Stad"}


def test_person_jsonld(seed):
    data = J.contact_jsonld(seed["madeleine-ahlqvist"], ORG, HOURS)
    assert data["@type"] == "Person"
    assert data["jobTitle"] == "Chef för näringslivsenheten"
    assert data["telephone"] == "+4622024660"
    assert data["email"] == "madeleine.ahlqvist@hallstahammar.se"
    assert data["worksFor"] == {"@type": "GovernmentOrganization",
                                "name": "Hallstahammars kommun",
                                "url": "https://www.hallstahammar.se"}
    assert "openingHoursSpecification" not in data


def test_organisation_jsonld(seed):
    data = J.organisation_jsonld(ORG, list(seed.values()), "https://naringsliv.example.se/")
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "GovernmentOrganization"
    assert data["name"] == "Hallstahammars kommun"
    assert data["url"] == "https://www.hallstahammar.se"
    assert [(p["@type"], p["name"], p["telephone"], p["email"]) for p in data["contactPoint"]] == [
        ("ContactPoint", "Kundcenter", "+4622024000", "kundcenter@hallstahammar.se"),
        ("ContactPoint", "Madeleine Ahlqvist", "+4622024660",
         "madeleine.ahlqvist@hallstahammar.se"),
    ]
    bare = J.organisation_jsonld(C.Organisation("X kommun", None), [], "https://n.example/")
    assert bare == {"@context": "https://schema.org", "@type": "GovernmentOrganization",
                    "name": "X kommun", "url": "https://n.example/"}


# ---- templates ------------------------------------------------------------------------------

def render_contact(env, contact, language="sv", members=(), labelled_hours=()):
    return env.get_template("blocks/contact.html").render(
        contact=contact, t=Translator(language), level=2, root="../../",
        vcard_path=C.vcard_filename(contact), members=members, labelled_hours=labelled_hours)


def test_contact_block_office(env, seed):
    html = render_contact(env, seed["kundcenter"])
    assert '<h2 class="contact-name">Kundcenter</h2>' in html
    assert '<a href="tel:+4622024000">0220-240 00</a>' in html
    assert '<a href="mailto:kundcenter@hallstahammar.se">kundcenter@hallstahammar.se</a>' in html
    address = re.search(r"<address>(.*?)</address>", html, re.S).group(1)
    assert "<dt>Besöksadress</dt>" in address and "<dt>Postadress</dt>" in address
    assert "<dd>Norra Prästgårdsgatan 1<br>Hallstahammar</dd>" in address
    assert "<dd>Hallstahammars kommun<br>734 80 Hallstahammar</dd>" in address
    assert "<dt>Telefon</dt>" in address and "<dt>E-post</dt>" in address
    assert not re.search(r"<h\d", address)  # no headings inside <address>
    assert ('<a href="../../kontakt/kundcenter.vcf" download '
            'aria-label="Spara kontakt: Kundcenter (vCard)">Spara kontakt</a>') in html
    assert "contact-title" not in html


def test_contact_block_person_and_english(env, seed):
    html = render_contact(env, seed["madeleine-ahlqvist"], "en")
    assert '<p class="contact-title">Chef för näringslivsenheten</p>' in html
    assert '<a href="tel:+4622024660">0220-246 60</a>' in html
    assert "<dt>Visiting address</dt>" in html and "Postal address" not in html
    assert ">Save contact</a>" in html


def test_contact_block_escapes_and_minimal(env):
    table, _ = contacts_of('x:\n  name: "A & <B>"\n  url: "https://x.se/?a=1&b=2"\n')
    html = render_contact(env, table["x"])
    assert "A &amp; &lt;B&gt;" in html and "<B>" not in html
    assert '<a href="https://x.se/?a=1&amp;b=2">' in html
    assert "tel:" not in html and "mailto:" not in html


def test_participants_block_shows_only_name_and_title(env, seed):
    people = P.resolve_participants(
        [P.Participant("Paul Åkerlund", "kommunstyrelsens ordförande"),
         C.Ref("madeleine-ahlqvist", Ctx(Diagnostics(), "p.md")),
         P.Participant("Monica Hanson", None)], seed)
    html = env.get_template("blocks/participants.html").render(
        title="Deltagare i Besökssprint våren 2021", people=people, t=Translator(), level=3)
    assert "<h3>Deltagare i Besökssprint våren 2021</h3>" in html
    items = re.findall(r"<li>(.*?)</li>", html)
    assert [re.sub(r"<[^>]+>", "", i) for i in items] == [
        "Paul Åkerlund, kommunstyrelsens ordförande",
        "Madeleine Ahlqvist, Chef för näringslivsenheten",
        "Monica Hanson",
    ]
    assert "<ul" in html
    for leak in ("tel:", "mailto:", "0220", "@", "Prästgårdsgatan"):
        assert leak not in html
    assert env.get_template("blocks/participants.html").render(
        title="X", people=[], t=Translator(), level=2).strip() == ""


def test_quote_block(env):
    q = P.Quote("Det blev många besök.\n\nTack <alla>!", "Paul Åkerlund",
                "kommunstyrelsens ordförande", "Trollhättans Stad")
    html = env.get_template("blocks/quote.html").render(quote=q, t=Translator())
    compact = re.sub(r">\s+<", "><", html.strip())
    assert compact == ('<figure class="quote"><blockquote><p>Det blev många besök.</p>'
                       "<p>Tack &lt;alla&gt;!</p></blockquote><figcaption>— Paul Åkerlund, "
                       "kommunstyrelsens ordförande, Trollhättans Stad</figcaption></figure>")
    bare = env.get_template("blocks/quote.html").render(
        quote=P.Quote("Bra.", "Anna", None, None), t=Translator())
    assert "<figcaption>— Anna</figcaption>" in bare


def test_translation_keys_exist():
    t = Translator("sv")
    assert [t(k) for k in ("contact_phone", "contact_email", "contact_visiting_address",
                           "contact_postal_address", "contact_save", "contact_heading")] == [
        "Telefon", "E-post", "Besöksadress", "Postadress", "Spara kontakt", "Kontakta oss"]


# ---- several numbers, members, labelled hours (content format 2, section 6) ----------------

UNIT = """\
naringslivsenheten:
  name: Näringslivsenheten
  phones:
    - {number: 031-390 06 00, label: Växel}
    - {number: 031-390 06 10, label: Direkt}
    - 070-174 06 05
  email: naringsliv@example.se
  visiting_address: Storgatan 1, 461 83 Strömsby
  members: [lars-berg, anna-ek]
  hours: {Telefon: vaxel, Besök: reception}
lars-berg:
  name: Lars Berg
  title: Näringslivschef
  phones: [{number: 070-174 06 06, label: Mobil}]
  email: lars.berg@example.se
anna-ek:
  name: Anna Ek
  title: Företagslots
  phone: 031-390 06 11
  email: anna.ek@example.se
"""
HOURS_IDS = {"vaxel": object(), "reception": object()}


def contacts_and_refs(text: str, hours=HOURS_IDS):
    """contacts.yaml parsed and its references resolved, as content/load.py does."""
    diag = Diagnostics()
    ctx = Ctx(diag, PATH)
    table = C.parse_contacts_file(compose(text, ctx), ctx)
    C.resolve_contact_refs(table, hours)
    return table, diag.report()


def test_phones_members_and_labelled_hours():
    table, report = contacts_and_refs(UNIT)
    assert report == []
    unit = table["naringslivsenheten"]
    assert [(p.label, p.number.display, p.number.e164) for p in unit.phones] == [
        ("Växel", "031-390 06 00", "+46313900600"), ("Direkt", "031-390 06 10", "+46313900610"),
        (None, "070-174 06 05", "+46701740605")]
    assert unit.phone == unit.phones[0].number  # the main number, where one is wanted
    assert [m.id for m in unit.members] == ["lars-berg", "anna-ek"]
    assert [m.name for m in C.members_of(unit, table)] == ["Lars Berg", "Anna Ek"]
    assert [(h.label, h.ref.id) for h in unit.hours] == [("Telefon", "vaxel"), ("Besök", "reception")]
    assert unit.hours_ref is None and len(unit.labelled_hours) == 2
    assert unit.hours[1].ref.ctx.field == "naringslivsenheten.hours.Besök"
    assert table["anna-ek"].phones[0].label is None  # `phone:` is one number without a label


def test_members_are_a_way_to_reach_a_unit():
    table, report = contacts_and_refs("enhet:\n  name: Enheten\n  members: [a]\n"
                                      "a:\n  name: A\n  email: a@example.se\n")
    assert report == [] and [m.id for m in table["enhet"].members] == ["a"]


def test_contact_v2_mistakes_one_message_each_on_its_line():
    _, report = contacts_and_refs("""\
enhet:
  name: Enheten
  phone: 031-390 06 00
  phones:
    - {number: 031-390 06 01, label: Växel}
  members: [lars-bergh, enhet]
  hours: {Telefon: vaxl, Besök: reception}
lars-berg:
  name: Lars Berg
  email: lars@example.se
""")
    assert report == [
        "content/contacts.yaml:4: enhet.phones: give either `phone:` (one number) or `phones:` "
        "(several, with labels), not both",
        'content/contacts.yaml:6: enhet.members[0]: unknown contact "lars-bergh"; it must be an '
        'id in contacts.yaml (did you mean "lars-berg"?)',
        "content/contacts.yaml:6: enhet.members[1]: a unit cannot be its own member; list the "
        "people of the unit by their ids in contacts.yaml",
        'content/contacts.yaml:7: enhet.hours.Telefon: unknown opening hours "vaxl"; it must be '
        'an id in hours.yaml (did you mean "vaxel"?)',
    ]


def test_phones_item_mistakes():
    _, report = contacts_and_refs("x:\n  name: X\n  phones:\n    - {label: Växel}\n"
                                  "    - {number: 031-390, label: Direkt}\n    - [1]\n")
    assert report == [
        "content/contacts.yaml:4: x.phones[0].number: required field is missing; the number, "
        "e.g. 0563-187 00",
        'content/contacts.yaml:5: x.phones[1].number: "031-390" is not a valid phone number; '
        f"{PHONE_HOW}",
        "content/contacts.yaml:6: x.phones[2]: expected {number, label} or a phone number, "
        "found a list",
    ]


def test_vcard_phones_with_type_and_label():
    table, _ = contacts_and_refs(UNIT)
    text = V.vcard(table["naringslivsenheten"], ORG)
    assert ("item1.TEL;VALUE=uri;TYPE=work,voice;PREF=1:tel:+46313900600\r\n"
            "item1.X-ABLabel:Växel\r\n") in text
    assert "\r\nTEL;VALUE=uri;TYPE=work,voice:tel:+46701740605\r\n" in text  # no label
    card = vobject.readOne(text)
    tels = [(t.group, t.value, t.params.get("TYPE"), t.params.get("PREF"))
            for t in card.contents["tel"]]
    assert tels == [("item1", "tel:+46313900600", ["work", "voice"], ["1"]),
                    ("item2", "tel:+46313900610", ["work", "voice"], None),
                    (None, "tel:+46701740605", ["work", "voice"], None)]
    labels = {l.group: l.value for l in card.contents["x-ablabel"]}
    assert labels == {"item1": "Växel", "item2": "Direkt"}
    mobile = vobject.readOne(V.vcard(table["lars-berg"], ORG))
    assert mobile.tel.params["TYPE"] == ["work", "cell"]
    assert mobile.contents["x-ablabel"][0].value == "Mobil"
    # each member has a card of their own (kontakt/<id>.vcf), as every contact does
    assert vobject.readOne(V.vcard(table["anna-ek"], ORG)).fn.value == "Anna Ek"


WEEK = {"openingHoursSpecification": [{"@type": "OpeningHoursSpecification",
                                        "dayOfWeek": ["https://schema.org/Monday"],
                                        "opens": "08:00", "closes": "16:30"}],
        "specialOpeningHoursSpecification": [{"@type": "OpeningHoursSpecification",
                                              "validFrom": "2026-05-13",
                                              "validThrough": "2026-05-13",
                                              "opens": "08:00", "closes": "12:00"}]}
VISIT = {"openingHoursSpecification": [{"@type": "OpeningHoursSpecification",
                                         "dayOfWeek": ["https://schema.org/Tuesday"],
                                         "opens": "10:00", "closes": "15:00"}],
         "specialOpeningHoursSpecification": []}


def test_jsonld_phone_hours_on_contact_points_and_visiting_hours_on_the_office():
    table, _ = contacts_and_refs(UNIT)
    data = J.contact_jsonld(table["naringslivsenheten"], ORG, None,
                            [("Telefon", WEEK), ("Besök", VISIT)])
    assert data["@type"] == "GovernmentOffice" and data["telephone"] == "+46313900600"
    assert data["openingHoursSpecification"] == VISIT["openingHoursSpecification"]
    assert "specialOpeningHoursSpecification" not in data  # the visiting hours have none
    points = data["contactPoint"]
    assert [(p["name"], p["telephone"]) for p in points] == [
        ("Växel", "+46313900600"), ("Direkt", "+46313900610"),
        ("Näringslivsenheten", "+46701740605")]
    for point in points:  # "Telefon" is the hours of every number
        assert point["hoursAvailable"] == WEEK["openingHoursSpecification"] + \
            WEEK["specialOpeningHoursSpecification"]
    # hours labelled like one number are that number's
    own = J.contact_jsonld(table["naringslivsenheten"], ORG, None,
                           [("Direkt", VISIT), ("Telefon", WEEK)])
    assert [p["hoursAvailable"][0]["opens"] for p in own["contactPoint"]] == ["08:00", "10:00",
                                                                              "08:00"]
    assert "openingHoursSpecification" not in own  # both labels name telephones


def test_jsonld_without_labels_stays_as_in_version_1(seed):
    data = J.contact_jsonld(seed["kundcenter"], ORG, WEEK)
    assert "contactPoint" not in data and data["openingHoursSpecification"]


def test_contact_block_lists_numbers_members_and_labelled_hours(env):
    from civicsite.hours.parse import parse_hours_file
    from civicsite.hours.view import hours_view
    diag = Diagnostics()
    ctx = Ctx(diag, "content/hours.yaml")
    hours = parse_hours_file(compose("vaxel:\n  week: {mån-fre: 08.00-16.30}\n"
                                     "reception:\n  week: {tis: 10.00-15.00}\n", ctx), ctx)
    table, _ = contacts_and_refs(UNIT, hours)
    unit = table["naringslivsenheten"]
    views = [(h.label, hours_view(hours[h.ref.id], dt.date(2026, 5, 4), Translator()))
             for h in unit.labelled_hours]
    html = render_contact(env, unit, members=[(m, C.vcard_filename(m))
                                              for m in C.members_of(unit, table)],
                          labelled_hours=views)
    address = re.search(r"<address>(.*?)</address>", html, re.S).group(1)
    assert re.findall(r"<dt>(.*?)</dt>\s*<dd><a href=\"(tel:[^\"]+)\">", address) == [
        ("Växel", "tel:+46313900600"), ("Direkt", "tel:+46313900610"),
        ("Telefon", "tel:+46701740605")]
    labels = re.findall(r'<h3 class="contact-hours-label">(.*?)</h3>', html)
    assert labels == ["Telefon", "Besök"]
    assert "Måndag–fredag</th><td>08.00–16.30" in html and "Tisdag</th><td>10.00–15.00" in html
    assert html.count("data-hours-block") == 2 and ' id="' not in html  # no ids: may repeat
    members = re.search(r'<ul class="contact-members">(.*?)</ul>', html, re.S).group(1)
    assert '<h3 class="contact-members-title">Medarbetare</h3>' in html
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", members)).strip()
    assert text == ("Lars Berg , Näringslivschef Mobil 070-174 06 06 E-post lars.berg@example.se "
                    "Spara kontakt Anna Ek , Företagslots Telefon 031-390 06 11 E-post "
                    "anna.ek@example.se Spara kontakt")
    assert 'href="tel:+46701740606"' in members and 'href="mailto:anna.ek@example.se"' in members
    assert ('<a href="../../kontakt/lars-berg.vcf" download aria-label="Spara kontakt: Lars Berg '
            '(vCard)">') in members
