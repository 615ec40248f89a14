"""The typed fields of each page kind (CONTENT-FORMAT.md, "kind: …")."""
from __future__ import annotations

from dataclasses import dataclass
import datetime as dt
import re
from typing import Optional, Union

import yaml

from civicsite.content.discover import SourceFile
from civicsite.content.files import Tables, content_file
from civicsite.core import fields as F
from civicsite.content.statement import STATEMENT, Accessibility, accessibility
from civicsite.core.errors import Diagnostics
from civicsite.core.fields import Ctx, Field, Fields, Record, with_schema
from civicsite.core.messages import _
from civicsite.core.partial_dates import PartialDate, partial_date
from civicsite.events.model import Event, Next, Occasion
from civicsite.events.parse import NEXT_FIELD, event

KINDS = ("page", "strategy", "workshop", "sprint", "accessibility", "news")
DATED_KINDS = ("news",)  # kinds whose pages must have a `date:` (when it was published)
# `period.end` of a strategy in force until it is replaced (Swedish or English, any case)
OPEN_ENDED = ("tills vidare", "until further notice")


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
class Extension:
    """A decision that a strategy stays in force longer: "Förlängd tills vidare av KSAU"."""

    date: Optional[PartialDate]
    by: Optional[str]
    note: Optional[str]


@dataclass(frozen=True)
class Strategy:
    """kind: strategy."""

    period_start: Optional[int]
    period_end: Optional[int]        # None when open-ended (or not given)
    status: Optional[str]            # draft | consultation | adopted | expired
    adopted_date: Optional[PartialDate]
    adopted_by: Optional[str]
    focus_areas: tuple[TitledText, ...]
    documents: tuple[Document, ...]
    period_open_ended: bool = False  # `period.end: tills vidare`
    extended: Optional[Extension] = None


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
class News:
    """kind: news (a news item; its publication date is the page's required ``date``)."""

    updated: Optional[dt.date]       # "Uppdaterad 3 september 2026"
    event: Optional[Event] = None    # what the news is about, when it has a date and place


KindData = Union[Strategy, Workshop, Sprint, Accessibility, News]

# ---- the declared fields of each kind (read by the parsers below and by schema.py) -----------

DOCUMENT = Record("document", {
    "title": Field(F.text, required=True, description="Länkens text, t.ex. Strategin (pdf)"),
    "src": Field(F.text, required=True, description="Filen: sökväg från sidans fil, eller https://…"),
})
@with_schema({"anyOf": [F.year.schema, {"type": "string", "pattern":
                                          r"^\s*([Tt]ills vidare|[Uu]ntil further notice)\s*$"}]})
def period_end(node: yaml.Node, ctx: Ctx) -> Optional[Union[int, str]]:
    """A year, or ``tills vidare`` / ``until further notice`` (returned as ``OPEN_ENDED[0]``)."""
    value = F.scalar(node, ctx, _('a year, or "tills vidare"'))
    if value is None:
        return None
    if " ".join(value.split()).casefold() in OPEN_ENDED:
        return OPEN_ENDED[0]
    if not re.fullmatch(r"(19|20|21)\d\d", value.strip()):
        ctx.error(_('expected a year such as 2028, or "tills vidare", found "{value}"', value=value))
        return None
    return int(value)


PERIOD = Record("period", {"start": Field(F.year, required=True, description="Första året"),
                           "end": Field(period_end, required=True,
                                        description="Sista året, eller tills vidare")})
_PARTIAL_DATE = "År (2020), år och månad (2020-11) eller dag (2020-11-20)"
ADOPTED = Record("adopted", {"date": Field(partial_date, required=True,
                                           description="När beslutet togs: " + _PARTIAL_DATE),
                             "by": Field(F.text, description="Vem som beslutade, t.ex. Kommunfullmäktige")})
EXTENDED = Record("extended", {
    "date": Field(partial_date, description="När strategin förlängdes: " + _PARTIAL_DATE),
    "by": Field(F.text, description="Vem som beslutade, t.ex. KSAU"),
    "note": Field(F.text, description="En mening om förlängningen"),
})
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
        "extended": Field(EXTENDED, description="Förlängningen: {date, by, note}"),
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
    "accessibility": STATEMENT,
    "news": Record("news", {
        "updated": Field(F.date, description="Dagen då nyheten senast ändrades, ÅÅÅÅ-MM-DD"),
        "event": _EVENT}),
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
        return accessibility(f)
    if kind == "news":
        return _news(f)
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
    start = end = adopted_date = adopted_by = extended = None
    if (p := _sub(f, "period", PERIOD)) is not None:
        start, end = p.get("start"), p.get("end")
        if start and isinstance(end, int) and end < start:
            p.sub("end").error(_("the period ends ({end}) before it starts ({start})", end=end,
                                 start=start))
    if (a := _sub(f, "adopted", ADOPTED)) is not None:
        adopted_date, adopted_by = a.get("date"), a.get("by")
    if (x := _sub(f, "extended", EXTENDED)) is not None:
        extended = Extension(x.get("date"), x.get("by"), x.get("note"))

    def area(node: yaml.Node, ctx: Ctx) -> Optional[TitledText]:
        x = Fields.of(node, ctx, FOCUS_AREA)
        title = x.get("title") if x else None
        return TitledText(title, x.get("text")) if title else None

    return Strategy(start, end if isinstance(end, int) else None, f.get("status"),
                    adopted_date, adopted_by, tuple(f.get("focus_areas", F.list_of(area), default=[])),
                    _documents(f, src, tables), period_open_ended=end == OPEN_ENDED[0],
                    extended=extended)


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
    when = f.get("event")
    if (v := _sub(f, "visits", VISITS)) is not None:
        planned, completed = v.get("planned"), v.get("completed")
    if (s := _sub(f, "signup", SIGNUP)) is not None:
        signup_url, deadline = s.get("url"), s.get("deadline")
        first = min((o.day for o in when.entries), default=None) if when else None
        if deadline and first and deadline > first:
            s.sub("deadline").error(_(
                "the sign-up deadline ({deadline}) is after the event starts ({start}); the "
                "deadline must be on or before the day of the event", deadline=deadline,
                start=first))
    return Sprint(when, planned, completed, signup_url, deadline, f.get("next"),
                  _documents(f, src, tables))


def _news(f: Fields) -> News:
    updated = f.get("updated")
    # the date as written (its own mistakes are reported with the page's common fields)
    published = F.date(f.node("date"), Ctx(Diagnostics(), "")) if "date" in f else None
    if updated and published and updated < published:
        f.sub("updated").error(_("the news item is updated ({updated}) before it is published "
                                 "({date}); check the dates", updated=updated, date=published))
    return News(updated, f.get("event"))


def dated(data: Optional[KindData]) -> tuple[Occasion, ...]:
    """What a page puts in calendars and "Kommande": its event's occasions as written, then its
    next meeting when that has a date."""
    entries = getattr(data, "event", None)
    upcoming = getattr(data, "next", None)
    return ((entries.entries if entries else ())
            + ((upcoming.occasion,) if upcoming and upcoming.occasion else ()))
