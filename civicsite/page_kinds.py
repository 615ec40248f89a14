"""The typed fields of each page kind (CONTENT-FORMAT.md, "kind: …")."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional, Union

import yaml

from . import fields as F
from .contacts import Phone, email, phone
from .fields import Ctx, Fields

if TYPE_CHECKING:
    from .discover import SourceFile
    from .pages import Tables

KINDS = ("page", "strategy", "workshop", "sprint", "accessibility")
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    "page": (),
    "strategy": ("period", "status", "adopted", "focus_areas", "documents"),
    "workshop": ("event", "topics", "organisations", "attendees", "next_steps", "documents"),
    "sprint": ("event", "visits", "signup", "next", "documents"),
    "accessibility": ("compliance", "non_compliant", "assessed", "updated", "feedback"),
}
ATTENDANCE = ("offline", "online", "mixed")


@dataclass(frozen=True)
class Document:
    """A downloadable file (PDF …) belonging to a page."""

    title: str
    src: str  # path inside the content folder, or an https:// URL


@dataclass(frozen=True)
class Event:
    """When and where something happens; a date alone means the whole day."""

    start: Union[dt.date, dt.datetime]
    end: Optional[Union[dt.date, dt.datetime]]
    location: Optional[str]
    attendance: Optional[str]  # offline | online | mixed

    @property
    def day(self) -> dt.date:
        """The day it starts."""
        return self.start.date() if isinstance(self.start, dt.datetime) else self.start


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


@dataclass(frozen=True)
class Sprint:
    """kind: sprint (Besökssprint)."""

    event: Optional[Event]
    visits_planned: Optional[int]
    visits_completed: Optional[int]
    signup_url: Optional[str]
    signup_deadline: Optional[dt.date]
    next_when: Optional[str]
    next_url: Optional[str]
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


def parse_kind(kind: str, f: Fields, src: "SourceFile", tables: "Tables", ctx: Ctx) -> Optional[KindData]:
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


def _sub(f: Fields, name: str, known: tuple[str, ...]) -> Optional[Fields]:
    return Fields.of(f.node(name), f.sub(name), known) if name in f else None


def _documents(f: Fields, src: "SourceFile", tables: "Tables") -> tuple[Document, ...]:
    from .pages import content_file

    def document(node: yaml.Node, ctx: Ctx) -> Optional[Document]:
        d = Fields.of(node, ctx, ("title", "src"))
        if d is None:
            return None
        title, path = d.get("title", F.text, required=True), d.get("src", F.text, required=True)
        path = content_file(src, tables, path, d.sub("src")) if path else None
        return Document(title, path) if title and path else None
    return tuple(f.get("documents", F.list_of(document), default=[]))


def event(node: yaml.Node, ctx: Ctx) -> Optional[Event]:
    e = Fields.of(node, ctx, ("start", "end", "location", "attendance"))
    if e is None:
        return None
    start = e.get("start", F.date_or_datetime, required=True, hint="for example `start: 2021-05-18`")
    end = e.get("end", _end_parser(start))
    if start and end and _as_dt(end) < _as_dt(start):
        e.sub("end").error("the event ends before it starts; check the dates and times")
    location, attendance = e.get("location", F.text), e.get("attendance", F.one_of(*ATTENDANCE))
    if start is None:  # after reading the rest: every mistake in the event is reported at once
        return None
    return Event(start, end, location, attendance)


def _end_parser(start) -> F.Parser:
    """``end`` is a date, a date and time, or only a time (``10.00``) on the start's day."""
    def parse(node: yaml.Node, ctx: Ctx):
        text = node.value.strip() if isinstance(node, yaml.ScalarNode) else ""
        if isinstance(start, dt.datetime) and ("-" not in text) and text:
            clock = F.time_of_day(node, ctx)
            return dt.datetime.combine(start.date(), clock) if clock else None
        return F.date_or_datetime(node, ctx)
    return parse


def _as_dt(value: Union[dt.date, dt.datetime]) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())


def _strategy(f: Fields, src: "SourceFile", tables: "Tables") -> Strategy:
    start = end = adopted_date = adopted_by = None
    if (p := _sub(f, "period", ("start", "end"))) is not None:
        start, end = p.get("start", F.year, required=True), p.get("end", F.year, required=True)
        if start and end and end < start:
            p.sub("end").error(f"the period ends ({end}) before it starts ({start})")
    if (a := _sub(f, "adopted", ("date", "by"))) is not None:
        adopted_date, adopted_by = a.get("date", F.date, required=True), a.get("by", F.text)

    def area(node: yaml.Node, ctx: Ctx) -> Optional[TitledText]:
        x = Fields.of(node, ctx, ("title", "text"))
        title = x.get("title", F.text, required=True) if x else None
        return TitledText(title, x.get("text", F.text)) if title else None

    return Strategy(start, end, f.get("status", F.one_of("draft", "consultation", "adopted", "expired")),
                    adopted_date, adopted_by, tuple(f.get("focus_areas", F.list_of(area), default=[])),
                    _documents(f, src, tables))


def _workshop(f: Fields, src: "SourceFile", tables: "Tables") -> Workshop:
    count, approximate = None, False
    if (a := _sub(f, "attendees", ("count", "approximate"))) is not None:
        count = a.get("count", F.integer, required=True)
        approximate = a.get("approximate", F.boolean, default=False)
    texts = F.list_of(F.text, allow_single=True)
    return Workshop(f.get("event", event), tuple(f.get("topics", texts, default=[])),
                    tuple(f.get("organisations", texts, default=[])), count, approximate,
                    f.get("next_steps", F.text), _documents(f, src, tables))


def _sprint(f: Fields, src: "SourceFile", tables: "Tables") -> Sprint:
    planned = completed = signup_url = deadline = next_when = next_url = None
    if (v := _sub(f, "visits", ("planned", "completed"))) is not None:
        planned, completed = v.get("planned", F.integer), v.get("completed", F.integer)
    if (s := _sub(f, "signup", ("url", "deadline"))) is not None:
        signup_url, deadline = s.get("url", F.url, required=True), s.get("deadline", F.date)
    if (n := _sub(f, "next", ("when", "url"))) is not None:
        next_when, next_url = n.get("when", F.text, required=True), n.get("url", F.url)
    return Sprint(f.get("event", event), planned, completed, signup_url, deadline, next_when,
                  next_url, _documents(f, src, tables))


def _accessibility(f: Fields) -> Accessibility:
    assessed_date = method = fb_email = fb_phone = fb_url = None
    if (a := _sub(f, "assessed", ("date", "method"))) is not None:
        assessed_date, method = a.get("date", F.date, required=True), a.get("method", F.text)
    if (b := _sub(f, "feedback", ("email", "phone", "url"))) is not None:
        fb_email, fb_phone, fb_url = b.get("email", email), b.get("phone", phone), b.get("url", F.url)

    def item(node: yaml.Node, ctx: Ctx) -> Optional[NonCompliance]:
        x = Fields.of(node, ctx, ("what", "reason", "alternative"))
        what = x.get("what", F.text, required=True) if x else None
        return NonCompliance(what, x.get("reason", F.text), x.get("alternative", F.text)) if what else None

    return Accessibility(f.get("compliance", F.one_of("full", "partial", "none")),
                         tuple(f.get("non_compliant", F.list_of(item), default=[])),
                         assessed_date, method, f.get("updated", F.date), fb_email, fb_phone, fb_url)
