"""The typed fields of each page kind (CONTENT-FORMAT.md, "kind: …")."""
from __future__ import annotations

from dataclasses import dataclass
import datetime as dt
from typing import Optional, Union

import yaml

from civicsite.contacts.model import Phone, email, phone
from civicsite.content.discover import SourceFile
from civicsite.content.files import Tables, content_file
from civicsite.core import fields as F
from civicsite.core.fields import Ctx, Field, Fields, Record
from civicsite.events.model import Event, Next, Occasion
from civicsite.events.parse import NEXT_FIELD, event

KINDS = ("page", "strategy", "workshop", "sprint", "accessibility")


@dataclass(frozen=True)
class Document:
    """A downloadable file (PDF …) belonging to a page."""

    title: str
    src: str  # path inside the content folder, or an https:// URL


@dataclass(frozen=True)
class TitledText:
    """A focus area of a strategy."""

    title: str
    text: Optional[str]


@dataclass(frozen=True)
class Strategy:
    """kind: strategy."""

    period_start: Optional[int]
    period_end: Optional[int]
    status: Optional[str]            # draft | consultation | adopted | expired
    adopted_date: Optional[dt.date]
    adopted_by: Optional[str]
    focus_areas: tuple[TitledText, ...]
    documents: tuple[Document, ...]


@dataclass(frozen=True)
class Workshop:
    """kind: workshop."""

    event: Optional[Event]
    topics: tuple[str, ...]
    organisations: tuple[str, ...]
    attendees: Optional[int]
    attendees_approximate: bool
    next_steps: Optional[str]
    documents: tuple[Document, ...]
    next: Optional[Next] = None


@dataclass(frozen=True)
class Sprint:
    """kind: sprint (Besökssprint)."""

    event: Optional[Event]
    visits_planned: Optional[int]
    visits_completed: Optional[int]
    signup_url: Optional[str]
    signup_deadline: Optional[dt.date]
    next: Optional[Next]
    documents: tuple[Document, ...]


@dataclass(frozen=True)
class NonCompliance:
    """One part of the site that does not meet the requirements."""

    what: str
    reason: Optional[str]
    alternative: Optional[str]


@dataclass(frozen=True)
class Accessibility:
    """kind: accessibility (tillgänglighetsredogörelse)."""

    compliance: Optional[str]  # full | partial | none
    non_compliant: tuple[NonCompliance, ...]
    assessed_date: Optional[dt.date]
    assessed_method: Optional[str]
    updated: Optional[dt.date]
    feedback_email: Optional[str]
    feedback_phone: Optional[Phone]
    feedback_url: Optional[str]


KindData = Union[Strategy, Workshop, Sprint, Accessibility]

# ---- the declared fields of each kind (read by the parsers below and by schema.py) -----------

DOCUMENT = Record("document", {
    "title": Field(F.text, required=True, description="Länkens text, t.ex. Strategin (pdf)"),
    "src": Field(F.text, required=True, description="Filen: sökväg från sidans fil, eller https://…"),
})
PERIOD = Record("period", {"start": Field(F.year, required=True, description="Första året"),
                           "end": Field(F.year, required=True, description="Sista året")})
ADOPTED = Record("adopted", {"date": Field(F.date, required=True, description="Dagen för beslutet"),
                             "by": Field(F.text, description="Vem som beslutade, t.ex. Kommunfullmäktige")})
FOCUS_AREA = Record("focus area", {"title": Field(F.text, required=True, description="Områdets namn"),
                                   "text": Field(F.text, description="En kort beskrivning")})
ATTENDEES = Record("attendees", {
    "count": Field(F.integer, required=True, description="Antal deltagare"),
    "approximate": Field(F.boolean, description="true: ungefärligt antal (\"ett trettiotal\")"),
})
VISITS = Record("visits", {"planned": Field(F.integer, description="Planerade besök"),
                           "completed": Field(F.integer, description="Genomförda besök")})
SIGNUP = Record("signup", {"url": Field(F.url, required=True, description="Anmälningssidan"),
                           "deadline": Field(F.date, description="Sista anmälningsdag")})
ASSESSED = Record("assessed", {"date": Field(F.date, required=True, description="Dagen för granskningen"),
                               "method": Field(F.text, description="Hur webbplatsen granskades")})
FEEDBACK = Record("feedback", {"email": Field(email, description="E-post för synpunkter"),
                               "phone": Field(phone, description="Telefon för synpunkter"),
                               "url": Field(F.url, description="Webbformulär för synpunkter")})
NON_COMPLIANCE = Record("non-compliance", {
    "what": Field(F.text, required=True, description="Vad som inte uppfyller kraven"),
    "reason": Field(F.text, description="Varför"),
    "alternative": Field(F.text, description="Hur man får innehållet på annat sätt"),
})
_DOCUMENTS = Field(F.list_of(DOCUMENT), description="Filer att ladda ned: [{title, src}]")
_EVENT = Field(event, description="När och var: {start, end, location, attendance, repeat}, "
               "en lista av tillfällen, eller bara {location}")
_NEXT = Field(NEXT_FIELD, description="Nästa träff: {when, start, end, location, url}")
_TEXTS = F.list_of(F.text, allow_single=True)
KIND_RECORDS: dict[str, Record] = {
    "page": Record("page", {}),
    "strategy": Record("strategy", {
        "period": Field(PERIOD, description="Åren strategin gäller: {start, end}"),
        "status": Field(F.one_of("draft", "consultation", "adopted", "expired"),
                        description="draft, consultation (på remiss), adopted eller expired"),
        "adopted": Field(ADOPTED, description="Beslutet: {date, by}"),
        "focus_areas": Field(F.list_of(FOCUS_AREA), description="Fokusområden: [{title, text}]"),
        "documents": _DOCUMENTS}),
    "workshop": Record("workshop", {
        "event": _EVENT,
        "topics": Field(_TEXTS, description="Ämnen"),
        "organisations": Field(_TEXTS, description="Medverkande organisationer"),
        "attendees": Field(ATTENDEES, description="Antal deltagare: {count, approximate}"),
        "next_steps": Field(F.text, description="Vad som händer sedan"),
        "next": _NEXT,
        "documents": _DOCUMENTS}),
    "sprint": Record("sprint", {
        "event": _EVENT,
        "visits": Field(VISITS, description="Företagsbesök: {planned, completed}"),
        "signup": Field(SIGNUP, description="Anmälan: {url, deadline}"),
        "next": _NEXT,
        "documents": _DOCUMENTS}),
    "accessibility": Record("accessibility", {
        "compliance": Field(F.one_of("full", "partial", "none"),
                            description="full, partial (delvis) eller none"),
        "non_compliant": Field(F.list_of(NON_COMPLIANCE), description="Kända brister: [{what, reason, alternative}]"),
        "assessed": Field(ASSESSED, description="Granskningen: {date, method}"),
        "updated": Field(F.date, description="Dagen då redogörelsen senast uppdaterades"),
        "feedback": Field(FEEDBACK, description="Hur man meddelar brister: {email, phone, url}")}),
}
KIND_FIELDS: dict[str, tuple[str, ...]] = {kind: tuple(r) for kind, r in KIND_RECORDS.items()}


def parse_kind(kind: str, f: Fields, src: SourceFile, tables: Tables, ctx: Ctx) -> Optional[KindData]:
    """The kind's own fields from the page's front matter."""
    if kind == "strategy":
        return _strategy(f, src, tables)
    if kind == "workshop":
        return _workshop(f, src, tables)
    if kind == "sprint":
        return _sprint(f, src, tables)
    if kind == "accessibility":
        return _accessibility(f)
    return None


def _sub(f: Fields, name: str, record: Record) -> Optional[Fields]:
    return Fields.of(f.node(name), f.sub(name), record) if name in f else None


def _documents(f: Fields, src: SourceFile, tables: Tables) -> tuple[Document, ...]:
    def document(node: yaml.Node, ctx: Ctx) -> Optional[Document]:
        d = Fields.of(node, ctx, DOCUMENT)
        if d is None:
            return None
        title, path = d.get("title"), d.get("src")
        path = content_file(src, tables, path, d.sub("src")) if path else None
        return Document(title, path) if title and path else None
    return tuple(f.get("documents", F.list_of(document), default=[]))


def _strategy(f: Fields, src: SourceFile, tables: Tables) -> Strategy:
    start = end = adopted_date = adopted_by = None
    if (p := _sub(f, "period", PERIOD)) is not None:
        start, end = p.get("start"), p.get("end")
        if start and end and end < start:
            p.sub("end").error(f"the period ends ({end}) before it starts ({start})")
    if (a := _sub(f, "adopted", ADOPTED)) is not None:
        adopted_date, adopted_by = a.get("date"), a.get("by")

    def area(node: yaml.Node, ctx: Ctx) -> Optional[TitledText]:
        x = Fields.of(node, ctx, FOCUS_AREA)
        title = x.get("title") if x else None
        return TitledText(title, x.get("text")) if title else None

    return Strategy(start, end, f.get("status"),
                    adopted_date, adopted_by, tuple(f.get("focus_areas", F.list_of(area), default=[])),
                    _documents(f, src, tables))


def _workshop(f: Fields, src: SourceFile, tables: Tables) -> Workshop:
    count, approximate = None, False
    if (a := _sub(f, "attendees", ATTENDEES)) is not None:
        count = a.get("count")
        approximate = a.get("approximate", default=False)
    return Workshop(f.get("event"), tuple(f.get("topics", default=[])),
                    tuple(f.get("organisations", default=[])), count, approximate,
                    f.get("next_steps"), _documents(f, src, tables), f.get("next"))


def _sprint(f: Fields, src: SourceFile, tables: Tables) -> Sprint:
    planned = completed = signup_url = deadline = None
    if (v := _sub(f, "visits", VISITS)) is not None:
        planned, completed = v.get("planned"), v.get("completed")
    if (s := _sub(f, "signup", SIGNUP)) is not None:
        signup_url, deadline = s.get("url"), s.get("deadline")
    return Sprint(f.get("event"), planned, completed, signup_url, deadline, f.get("next"),
                  _documents(f, src, tables))


def _accessibility(f: Fields) -> Accessibility:
    assessed_date = method = fb_email = fb_phone = fb_url = None
    if (a := _sub(f, "assessed", ASSESSED)) is not None:
        assessed_date, method = a.get("date"), a.get("method")
    if (b := _sub(f, "feedback", FEEDBACK)) is not None:
        fb_email, fb_phone, fb_url = b.get("email"), b.get("phone"), b.get("url")

    def item(node: yaml.Node, ctx: Ctx) -> Optional[NonCompliance]:
        x = Fields.of(node, ctx, NON_COMPLIANCE)
        what = x.get("what") if x else None
        return NonCompliance(what, x.get("reason"), x.get("alternative")) if what else None

    return Accessibility(f.get("compliance"),
                         tuple(f.get("non_compliant", F.list_of(item), default=[])),
                         assessed_date, method, f.get("updated"), fb_email, fb_phone, fb_url)


def dated(data: Optional[KindData]) -> tuple[Occasion, ...]:
    """What a page puts in calendars and "Kommande": its event's occasions as written, then its
    next meeting when that has a date."""
    entries = getattr(data, "event", None)
    upcoming = getattr(data, "next", None)
    return ((entries.entries if entries else ())
            + ((upcoming.occasion,) if upcoming and upcoming.occasion else ()))
