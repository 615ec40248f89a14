"""civicsite.pages and civicsite.page_kinds: one page parsed from its text."""
from __future__ import annotations

import datetime as dt
from pathlib import Path, PurePosixPath

import pytest

from civicsite.contacts.model import parse_contacts_file
from civicsite.contacts.people import Participant
from civicsite.core.partial_dates import PartialDate
from civicsite.content.discover import SourceFile
from civicsite.content.files import Tables
from civicsite.content.statement import Accessibility, NonCompliance
from civicsite.content.kinds import Document, Sprint, Strategy, TitledText, Workshop
from civicsite.content.pages import Image, Link, Reviewed, page_url, parse_page, split_front_matter
from civicsite.core.errors import Diagnostics
from civicsite.core.fields import Ctx
from civicsite.core.yaml_read import compose
from civicsite.events.model import Event, Next, Occasion
from civicsite.hours.parse import parse_hours_file

CONTACTS = """\
kundcenter:
  name: Kundcenter
  phone: 0220-24000
  email: kundcenter@example.se
anna-andersson:
  name: Anna Andersson
  title: Näringslivschef
  phone: 0220-24660
"""
HOURS = """\
kundcenter:
  title: Öppettider
  week:
    mån-fre: 08.00-16.30
"""
ASSETS = ["bilder/foto.png", "strategi/plan.pdf", "besokssprint/bild.png", "logo.png"]


def tables() -> Tables:
    diag = Diagnostics()
    c = Ctx(diag, "content/contacts.yaml")
    contacts = parse_contacts_file(compose(CONTACTS, c), c)
    h = Ctx(diag, "content/hours.yaml")
    hours = parse_hours_file(compose(HOURS, h), h)
    assert diag.errors == [], diag.report()
    assets = {a: SourceFile(PurePosixPath(a), Path("/nonexistent") / a, "content/" + a)
              for a in ASSETS}
    return Tables(contacts, hours, assets)


def page(text: str, rel: str = "sida.md"):
    diag = Diagnostics()
    src = SourceFile(PurePosixPath(rel), Path("/nonexistent") / rel, "content/" + rel)
    result = parse_page(src, text, tables(), Ctx(diag, src.display))
    return result, diag.report()


def good(text: str, rel: str = "sida.md"):
    result, report = page(text, rel)
    assert report == [], report
    assert result is not None
    return result


# ---- front matter and URLs ----------------------------------------------------------------------

def test_split_front_matter_lines():
    diag = Diagnostics()
    front, body, line = split_front_matter("---\ntitle: A\nsummary: B\n---\nText\n", Ctx(diag, "p"))
    assert front == "title: A\nsummary: B\n"
    assert body == "Text\n"
    assert line == 5


def test_split_front_matter_dots_close():
    front, body, line = split_front_matter("---\ntitle: A\n...\nBody", Ctx(Diagnostics(), "p"))
    assert (front, body, line) == ("title: A\n", "Body", 4)


def test_missing_front_matter_is_error():
    result, report = page("title: A\n\nText\n")
    assert result is None
    assert report == ["content/sida.md:1: front matter: a page must start with front matter: "
                      "a line ---, then fields such as `title: …`, then another line ---"]


def test_unclosed_front_matter_is_error():
    result, report = page("---\ntitle: A\nText\n")
    assert result is None
    assert report == ["content/sida.md:1: front matter: the front matter is not closed; "
                      "add a line --- after the last field"]


def test_minimal_page():
    p = good("---\ntitle: Hej\n---\nText här.\n")
    assert p.kind == "page" and p.title == "Hej" and p.url == "sida/"
    assert p.body == "Text här.\n" and p.body_line == 4
    assert p.summary is None and p.date is None and p.tags == () and p.image is None
    assert p.draft is False and p.data is None and p.directives == ()


@pytest.mark.parametrize("rel,url", [
    ("index.md", ""),
    ("Index.md", ""),
    ("besokssprint/var-2021.md", "besokssprint/var-2021/"),
    ("Besökssprint/Vår 2021.md", "besokssprint/var-2021/"),
    ("Näringslivsstrategi/index.md", "naringslivsstrategi/"),
    ("Företag_och Näring/Frågor – svar.md", "foretag-och-naring/fragor-svar/"),
])
def test_url_from_path(rel, url):
    assert good("---\ntitle: T\n---\n", rel).url == url
    assert "".join(s + "/" for s in page_url(PurePosixPath(rel))) == url


def test_slug_replaces_last_segment():
    assert good("---\ntitle: T\nslug: var-2021\n---\n", "Besökssprint/Våren 2021.md").url == \
        "besokssprint/var-2021/"
    assert good("---\ntitle: T\nslug: ny\n---\n", "strategi/index.md").url == "ny/"


@pytest.mark.parametrize("slug", ["-a", "a-", "a--b"])
def test_slug_with_dashes_at_the_ends_or_doubled_is_valid(slug):
    # CONTENT-FORMAT: [a-z0-9-]+ with at least one letter or digit
    assert good(f"---\ntitle: T\nslug: \"{slug}\"\n---\n", "a/b.md").url == f"a/{slug}/"


@pytest.mark.parametrize("slug,suggestion", [("../x", "x"), ("Vår 2021", "var-2021"),
                                             ("a/b", "ab"), ("---", "var-2021"), ("Ab", "ab")])
def test_bad_slug(slug, suggestion):
    _, report = page(f"---\ntitle: T\nslug: \"{slug}\"\n---\n", "a/b.md")
    assert report == [f'content/a/b.md:3: slug: "{slug}" is not a valid URL segment; use only '
                      f'a-z, 0-9 and -, for example "{suggestion}"']


def test_slug_on_home_page_is_error():
    _, report = page("---\ntitle: T\nslug: hem\n---\n", "index.md")
    assert report == ["content/index.md:3: slug: the home page (index.md at the top) has no URL "
                      "segment to replace; remove `slug:`"]


def test_name_without_letters_is_error():
    _, report = page("---\ntitle: T\n---\n", "!!!.md")
    assert report == ['content/!!!.md:1: file: the name "!!!" gives an empty URL segment; '
                      'use letters or digits in it']


def test_missing_title():
    result, report = page("---\nsummary: S\n---\n")
    assert result is None
    assert report == ["content/sida.md:1: title: required field is missing; write for example "
                      "`title: Ny näringslivsstrategi`"]


def test_unknown_kind():
    _, report = page("---\nkind: sprintt\ntitle: T\n---\n")
    assert report == ['content/sida.md:2: kind: must be one of page, strategy, workshop, sprint, '
                      'accessibility, news, found "sprintt" (did you mean "sprint"?)']


def test_kind_field_on_wrong_kind_warns():
    _, report = page("---\ntitle: T\nperiod: {start: 2024, end: 2028}\n---\n")
    assert report == ["content/sida.md:3: warning: period: unknown field, ignored"]


# ---- common fields -----------------------------------------------------------------------------

FULL = """\
---
title: 30 företagsbesök på en dag
summary: En mening.
date: 2021-05-18
tags: [företagsbesök, kompetensförsörjning]
image:
  src: bild.png
  alt: "Lila bakgrund, vit text."
  credit: Trollhättans Stad
  caption: Bildtext
contacts: [kundcenter, anna-andersson]
hours: kundcenter
related:
  - title: Företagsbesök
    url: https://www.trollhattan.se/foretagsbesok
reviewed:
  date: 2021-05-27
  by: JOSÅKEBEN
draft: false
---
Text
"""


def test_common_fields():
    p = good(FULL, "besokssprint/var-2021.md")
    assert p.title == "30 företagsbesök på en dag"
    assert p.summary == "En mening."
    assert p.date == dt.date(2021, 5, 18)
    assert p.tags == ("företagsbesök", "kompetensförsörjning")
    assert p.image == Image("besokssprint/bild.png", "Lila bakgrund, vit text.", False,
                            "Trollhättans Stad", "Bildtext")
    assert [c.id for c in p.contacts] == ["kundcenter", "anna-andersson"]
    assert [h.id for h in p.hours] == ["kundcenter"]
    assert p.related == (Link("Företagsbesök", "https://www.trollhattan.se/foretagsbesok"),)
    assert p.reviewed == Reviewed(dt.date(2021, 5, 27), "JOSÅKEBEN")
    assert p.draft is False
    assert p.body == "Text\n" and p.body_line == 21


def test_title_written_as_number_is_text():
    assert good("---\ntitle: 2024\n---\n").title == "2024"


def test_draft_is_parsed_and_still_validated():
    result, report = page("---\ntitle: Utkast\ndraft: true\ndate: igår\n---\n")
    assert report == ['content/sida.md:4: date: expected a date written YYYY-MM-DD such as '
                      '2021-05-18, found "igår"']
    assert result is not None and result.draft is True


def test_unknown_contact_and_hours_ids():
    _, report = page("---\ntitle: T\ncontacts: [kundcentr]\nhours:\n  - okänd\n---\n")
    assert report == [
        'content/sida.md:3: contacts[0]: unknown contact "kundcentr"; it must be an id in '
        'contacts.yaml (did you mean "kundcenter"?)',
        'content/sida.md:5: hours[0]: unknown opening hours "okänd"; it must be an id in hours.yaml',
    ]


def test_image_paths():
    img = lambda src: good(f"---\ntitle: T\nimage: {{src: \"{src}\", alt: A}}\n---\n",
                           "besokssprint/sida.md").image.src
    assert img("bild.png") == "besokssprint/bild.png"
    assert img("../logo.png") == "logo.png"
    assert img("/bilder/foto.png") == "bilder/foto.png"
    assert img("https://example.se/a.png") == "https://example.se/a.png"


def test_image_outside_content_refused():
    _, report = page("---\ntitle: T\nimage:\n  src: ../../etc/passwd\n  alt: A\n---\n", "a/b.md")
    assert report == ['content/a/b.md:4: image.src: "../../etc/passwd" leads outside the content '
                      'folder; put the file inside it']


def test_image_missing_file_suggests_close_name():
    _, report = page("---\ntitle: T\nimage:\n  src: bld.png\n  alt: A\n---\n", "besokssprint/s.md")
    assert report == ['content/besokssprint/s.md:4: image.src: file "bld.png" not found (looked '
                      'for besokssprint/bld.png in the content folder) (did you mean "bild.png"?)']


def test_image_needs_alt_or_decorative():
    _, report = page("---\ntitle: T\nimage:\n  src: /logo.png\n---\n")
    assert report == ["content/sida.md:3: image: an image needs `alt:` describing what it shows "
                      "(for people who cannot see it), or `decorative: true` if it is pure "
                      "decoration"]
    p = good("---\ntitle: T\nimage:\n  src: /logo.png\n  decorative: true\n---\n")
    assert p.image == Image("logo.png", "", True, None, None)


def test_related_link_with_javascript_refused():
    _, report = page("---\ntitle: T\nrelated:\n  - title: X\n    url: \"java\\tscript:alert(1)\"\n---\n")
    assert report == ['content/sida.md:5: related[0].url: "javascript:" links are not allowed; '
                      'use an https:// address']


def test_reviewed_missing_by():
    _, report = page("---\ntitle: T\nreviewed:\n  date: 2021-05-27\n---\n")
    assert report == ["content/sida.md:3: reviewed.by: required field is missing"]


# ---- directives ------------------------------------------------------------------------------

def test_directives_resolved_and_checked():
    text = ("---\ntitle: T\n---\nIntro\n"
            "::: contact kundcenter\n"
            "::: hours kundcenter\n"
            "::: contact okand\n"
            "::: karta x\n"
            "::: participants\n"
            "```\n::: contact inne-i-kod\n```\n")
    _, report = page(text)
    assert report == [
        'content/sida.md:7: ::: contact: unknown contact "okand"; it must be an id in contacts.yaml',
        'content/sida.md:8: ::: karta: unknown block "karta"; the blocks are ::: contact, ::: hours, '
        '::: participants, ::: quote',
        "content/sida.md:9: ::: participants: this page has no `participants:` in its front matter "
        "to show here",
    ]


def test_directive_without_id():
    _, report = page("---\ntitle: T\n---\n::: hours\n")
    assert report == ["content/sida.md:4: ::: hours: `::: hours` needs an id, for example "
                      "`::: hours kundcenter`"]


# ---- kinds -------------------------------------------------------------------------------------

def test_strategy():
    p = good("""\
---
kind: strategy
title: Näringslivsstrategi 2024–2028
period: {start: 2024, end: 2028}
status: adopted
adopted: {date: 2023-11-30, by: Kommunfullmäktige}
focus_areas:
  - title: Företagsklimat
    text: Bättre service.
  - title: Kompetens
documents:
  - title: Strategin (PDF)
    src: plan.pdf
---
""", "strategi/index.md")
    assert p.url == "strategi/"
    assert p.data == Strategy(2024, 2028, "adopted", PartialDate(2023, 11, 30), "Kommunfullmäktige",
                              (TitledText("Företagsklimat", "Bättre service."),
                               TitledText("Kompetens", None)),
                              (Document("Strategin (PDF)", "strategi/plan.pdf"),))


def test_strategy_errors():
    _, report = page("---\nkind: strategy\ntitle: T\nperiod:\n  start: 2028\n  end: 2024\n"
                     "status: antagen\n---\n")
    assert report == [
        "content/sida.md:6: period.end: the period ends (2024) before it starts (2028)",
        'content/sida.md:7: status: must be one of draft, consultation, adopted, expired, found '
        '"antagen"',
    ]


def test_workshop():
    p = good("""\
---
kind: workshop
title: Workshop
event:
  start: 2023-03-02T08:00
  end: 2023-03-02T10:00
  location: Kommunhuset
  attendance: mixed
topics: [företagsklimat, attraktionskraft]
organisations:
  - Region Västmanland
  - Almi Mälardalen
attendees: {count: 30, approximate: true}
quotes:
  - text: Bra dag.
    name: Anna
    role: VD
    organisation: AB
next_steps: Vi sammanställer.
---
""")
    assert p.data == Workshop(
        Event((Occasion(dt.datetime(2023, 3, 2, 8), dt.datetime(2023, 3, 2, 10), "Kommunhuset", "mixed"),)),
        ("företagsklimat", "attraktionskraft"), ("Region Västmanland", "Almi Mälardalen"),
        30, True, "Vi sammanställer.", ())
    assert [(q.text, q.name, q.role, q.organisation) for q in p.quotes] == [
        ("Bra dag.", "Anna", "VD", "AB")]


def test_workshop_event_errors():
    _, report = page("---\nkind: workshop\ntitle: T\nevent:\n  start: 2023-03-02T10:00\n"
                     "  end: 2023-03-02T08:00\n  attendance: hybrid\n---\n")
    assert report == [
        "content/sida.md:6: event.end: the event ends before it starts; check the dates and times",
        'content/sida.md:7: event.attendance: must be one of offline, online, mixed, found '
        '"hybrid"',
    ]


def test_workshop_event_without_start():
    """A place alone is an event without a date; an end (or repeat) without a start is not."""
    p = good("---\nkind: workshop\ntitle: T\nevent:\n  location: X\n  attendance: offline\n---\n")
    assert p.data.event == Event(place="X", place_attendance="offline")
    _, report = page("---\nkind: workshop\ntitle: T\nevent:\n  location: X\n  end: 2023-03-02\n---\n")
    assert report == ["content/sida.md:4: event.start: required field is missing; for example "
                      "`start: 2021-05-18`"]


def test_sprint_with_participants():
    p = good("""\
---
kind: sprint
title: Besökssprint
event: {start: 2021-05-18, attendance: online}
visits: {planned: 30, completed: 28}
signup: {url: "https://example.se/anmalan", deadline: 2021-05-01}
next: {when: hösten 2021, url: "https://example.se/nasta"}
participants:
  title: Deltagare
  people:
    - anna-andersson
    - name: Bo Berg
      title: Politiker
    - name: Cia Carlsson
      title: Företagare
---
Text
::: participants
""")
    assert p.data == Sprint(Event((Occasion(dt.date(2021, 5, 18), None, None, "online"),)), 30, 28,
                            "https://example.se/anmalan", dt.date(2021, 5, 1),
                            Next("hösten 2021", None, None, "https://example.se/nasta"), ())
    assert p.participants.title == "Deltagare"
    assert p.participants.people == (Participant("Anna Andersson", "Näringslivschef"),
                                     Participant("Bo Berg", "Politiker"),
                                     Participant("Cia Carlsson", "Företagare"))
    assert p.participants.contact_ids == ("anna-andersson",)
    assert [d.name for d in p.directives] == ["participants"]


def test_sprint_participant_errors():
    _, report = page("---\nkind: sprint\ntitle: T\nparticipants:\n  title: D\n  people:\n"
                     "    - okand\n    - title: Utan namn\n    - name: C\n---\n")
    assert report == [
        'content/sida.md:7: participants.people[0]: unknown contact "okand"; it must be an id in '
        'contacts.yaml',
        "content/sida.md:8: participants.people[1].name: required field is missing; write the "
        "person's `name:`, or `group:` for a group of people (for example `group: tjänstemän`)",
        "content/sida.md:9: warning: participants.people[2].title: C has no title; add `title:` "
        "with the role or position, e.g. `title: VD, Företaget AB`",
    ]


def test_sprint_signup_needs_url():
    _, report = page("---\nkind: sprint\ntitle: T\nsignup:\n  deadline: 2021-05-01\n---\n")
    assert report == ["content/sida.md:4: signup.url: required field is missing"]


def test_accessibility():
    p = good("""\
---
kind: accessibility
title: Tillgänglighet
compliance: partial
non_compliant:
  - what: PDF-filer
    reason: Inte granskade.
    alternative: Kontakta kundcenter.
  - what: Video
assessed: {date: 2023-03-20, method: Egen granskning}
updated: 2023-03-21
feedback:
  email: kundcenter@example.se
  phone: 0220-24000
  url: https://example.se/synpunkter
---
""", "tillganglighet.md")
    a = p.data
    assert isinstance(a, Accessibility)
    assert a.compliance == "partial"
    assert a.non_compliant == (NonCompliance("PDF-filer", "Inte granskade.", "Kontakta kundcenter."),
                               NonCompliance("Video", None, None))
    assert (a.assessed_date, a.assessed_method, a.updated) == (
        dt.date(2023, 3, 20), "Egen granskning", dt.date(2023, 3, 21))
    assert a.feedback_email == "kundcenter@example.se"
    assert a.feedback_phone.e164 == "+4622024000" and a.feedback_phone.written == "0220-24000"
    assert a.feedback_url == "https://example.se/synpunkter"


def test_accessibility_errors():
    _, report = page("---\nkind: accessibility\ntitle: T\ncompliance: delvis\nnon_compliant:\n"
                     "  - reason: x\nassessed: {date: 2023-03-20, method: Egen}\n"
                     "updated: 2023-03-21\nfeedback: {email: a@example.se}\n---\n")
    assert report == [
        'content/sida.md:4: compliance: must be one of full, partial, none, found "delvis"',
        "content/sida.md:6: non_compliant[0].what: required field is missing",
    ]


def test_accessibility_legally_required_fields():
    """DOS-lagen and Digg's regulations (MDFFS 2019:2): compliance, what is not compliant,
    how and when the site was assessed, when the statement was updated, how to report."""
    _, report = page("---\nkind: accessibility\ntitle: T\ncompliance: partial\n"
                     "assessed: {date: 2023-03-20}\nfeedback: {}\n---\n")
    assert report == [
        "content/sida.md:1: updated: required field is missing; the day the statement was last "
        "updated, for example `updated: 2026-03-20` (Digg's template asks for it)",
        "content/sida.md:4: compliance: a site that is partially compliant must list what is not "
        "(the law requires it): add `non_compliant:` with `what:`, `reason:` and, where there is "
        "one, `alternative:`",
        "content/sida.md:5: assessed.method: required field is missing; how the site was "
        "assessed, for example `method: Egen granskning av webbplatsen` (Digg's template asks "
        "for it)",
        "content/sida.md:6: feedback: give at least one way to report problems: `email:`, "
        "`phone:` or `url:` (the law requires one)",
    ]
    _, report = page("---\nkind: accessibility\ntitle: T\n---\n")
    assert [line.split(": required field is missing")[0] for line in report] == [
        "content/sida.md:1: assessed", "content/sida.md:1: compliance",
        "content/sida.md:1: feedback", "content/sida.md:1: updated"]
