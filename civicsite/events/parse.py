"""Reading ``event:`` (one occasion, a list, a series with ``repeat:``, or only a place) and
``next:`` from front matter, with every mistake on its line."""
from __future__ import annotations

from dataclasses import replace
import datetime as dt
from typing import Optional

import yaml

from civicsite.core import fields as F
from civicsite.core.errors import Diagnostics, did_you_mean
from civicsite.core.fields import Ctx, Field, Fields, Record, line_of
from civicsite.core.messages import N_, _
from civicsite.core.weekdays import parse_days
from civicsite.events.expand import at as _at
from civicsite.events.expand import rule
from civicsite.events.model import ATTENDANCE, Event, Moment, Next, Occasion, Repeat, as_datetime
from civicsite.events.words import EVERY_WORDS, ORDINALS, Day, month_numbers, read_on

HOW_OFTEN = ("week", "month", "year", "vecka", "månad", "år")


@F.with_schema({"enum": sorted(EVERY_WORDS)})
def every(node: yaml.Node, ctx: Ctx) -> Optional[str]:
    value = F.scalar(node, ctx, "week, month or year")
    if value is None:
        return None
    key = " ".join(value.lower().split())
    if key not in EVERY_WORDS:
        ctx.error(_('cannot repeat every "{value}"; write week, month or year (vecka, månad, år)',
                    value=value.strip()) + did_you_mean(key, sorted(EVERY_WORDS)))
        return None
    return EVERY_WORDS[key]


@F.with_schema({"anyOf": [{"type": ["string", "integer"]}, {"type": "array", "items": {"type": "string"}}],
                "examples": ["tisdag", "sista tisdagen", "last tuesday", "15", "mån, ons"]})
def on_text(node: yaml.Node, ctx: Ctx) -> Optional[str]:
    """``on`` as written; a list of day names (``[mån, ons]``) is read as ``mån, ons``."""
    if isinstance(node, yaml.SequenceNode):
        parts = [F.text(n, ctx.index(i, line_of(n))) for i, n in enumerate(node.value)]
        return ", ".join(parts) if parts and None not in parts else None
    return F.text(node, ctx)


@F.with_schema({"anyOf": [{"type": "integer", "minimum": 1, "maximum": 12}, {"type": "string"}]})
def months(node: yaml.Node, ctx: Ctx) -> Optional[tuple[int, ...]]:
    value = F.scalar(node, ctx, "a month")
    found = month_numbers(value) if value is not None else None
    if value is not None and found is None:
        ctx.error(_('cannot read the month "{value}"; write a number 1–12 or a name such as juli',
                    value=value.strip()))
    return found


@F.with_schema(F.date.schema)
def _dated(node: yaml.Node, ctx: Ctx) -> Optional[tuple[dt.date, Ctx]]:
    """A date with the place it was written (an ``except`` date must be one of the series')."""
    day = F.date(node, ctx)
    return (day, ctx) if day else None


REPEAT = Record("repeat", {
    "every": Field(every, required=True, description="Hur ofta: week, month eller year (vecka, månad, år)",
                   hint=N_("week, month or year")),
    "interval": Field(F.integer, description="2: varannan vecka (månad, år)"),
    "on": Field(on_text, description="Vilken dag: veckodagar (tisdag; mån, ons), "
                "sista tisdagen / first monday, eller ett datum i månaden (15)"),
    "until": Field(F.date, description="Sista dagen serien pågår (ÅÅÅÅ-MM-DD)"),
    "count": Field(F.integer, description="Hur många gånger (i stället för until)"),
    "except": Field(F.list_of(_dated, allow_single=True), description="Datum som utgår: [2023-12-26]"),
    "except_months": Field(F.list_of(months, allow_single=True),
                           description="Månader utan träffar: [6, 7, 8] eller [juni, juli, augusti]"),
})
_START = Field(F.date_or_datetime, description="Start: 2023-03-02 eller 2023-03-02T08:00 (svensk tid)",
               hint=N_("for example `start: 2021-05-18`"))
_END = Field(F.Shape({"anyOf": [F.date_or_datetime.schema, F.time_of_day.schema]}),
             description="Slut: dag, dag och tid, eller bara en tid (10.00) samma dag")
OCCASION = Record("event", {
    "start": _START,
    "end": _END,
    "location": Field(F.text, description="Plats"),
    "attendance": Field(F.one_of(*ATTENDANCE), description="offline, online eller mixed"),
    "repeat": Field(REPEAT, description="Upprepa: {every, on, until eller count, except, except_months}"),
})
_IN_LIST = Record("occasion", {**OCCASION.fields, "start": Field(
    _START.parser, required=True, description=_START.description, hint=_START.hint)})
NEXT = Record("next", {
    "when": Field(F.text, description="När, i ord: hösten 2021, 5 december"),
    "start": _START, "end": _END,
    "location": Field(F.text, description="Plats"),
    "url": Field(F.url, description="Mer information"),
}, extra={"anyOf": [{"required": ["when"]}, {"required": ["start"]}]})


def _event_schema() -> dict:
    one = {**OCCASION.json_schema(), "anyOf": [{"required": ["start"]}, {"required": ["location"]}]}
    return {"anyOf": [one, {"type": "array", "minItems": 1, "items": _IN_LIST.json_schema()}]}


@F.with_schema(_event_schema())
def event(node: yaml.Node, ctx: Ctx) -> Optional[Event]:
    """``event:``: one occasion, a list of occasions, a series, or a place without a date."""
    if isinstance(node, yaml.SequenceNode):
        if not node.value:
            ctx.error(_("the list of occasions is empty; give at least one `- start: …`"))
            return None
        read = F.list_of(lambda n, c: _occasion(n, c, _IN_LIST))(node, ctx)
        ok = read is not None and len(read) == len(node.value)
        return Event(tuple(o for entries in read for o in entries)) if ok else None
    e = Fields.of(node, ctx, OCCASION)
    if e is None:
        return None
    if "start" not in e and "location" in e and not {"end", "repeat"} & set(e.names()):
        return Event(place=e.get("location"), place_attendance=e.get("attendance"))
    found = _occasion(node, ctx, OCCASION, e)
    return Event(found) if found else None


def _occasion(node: yaml.Node, ctx: Ctx, record: Record,
              e: Optional[Fields] = None) -> Optional[tuple[Occasion, ...]]:
    """One occasion as written: itself, or with ``repeat`` its series (see :func:`_split`)."""
    e = e or Fields.of(node, ctx, record)
    if e is None:
        return None
    start = e.get("start", required=True)
    end = e.get("end", end_parser(start))
    if start and end and as_datetime(end) < as_datetime(start):
        e.sub("end").error(_("the event ends before it starts; check the dates and times"))
    location, attendance = e.get("location"), e.get("attendance")
    repeat = _repeat(e, start) if "repeat" in e else None
    if start is None or (repeat is None and "repeat" in e):
        return None  # after reading the rest: every mistake in the event is reported at once
    found = _split(Occasion(start, end, location, attendance, repeat))
    if not found:
        e.sub("repeat").error(_("the series has no dates left; check until, count and except"))
    return found or None


def _split(occasion: Occasion) -> tuple[Occasion, ...]:
    """A series whose start is not a date of its rule (``start: 2023-08-29`` with
    ``except_months: [6, 7, 8]``) as its start, then the rule from its first date: the start is
    always the first occasion (RFC 5545 counts it in COUNT), and every series in the model
    starts on a date of its rule, which iCalendar otherwise leaves undefined."""
    r = occasion.repeat
    if r is None:
        return (occasion,)
    rest = rule(occasion.start, r, exceptions=False)
    first = next(iter(rest), None)
    if first == as_datetime(occasion.start):
        return (occasion,)
    alone = replace(occasion, repeat=None)
    alone = () if occasion.day in r.exceptions else (alone,)
    if first is None or r.count == 1:
        return alone
    moved = _at(occasion, first)
    moved = replace(moved, repeat=replace(r, count=r.count - 1 if r.count else None))
    return alone + ((moved,) if next(iter(rule(moved.start, moved.repeat)), None) else ())


def end_parser(start: Optional[Moment]) -> F.Parser:
    """``end`` is a date, a date and time, or only a time (``10.00``) on the start's day."""
    def parse(node: yaml.Node, ctx: Ctx):
        text = node.value.strip() if isinstance(node, yaml.ScalarNode) else ""
        if isinstance(start, dt.datetime) and ("-" not in text) and text:
            clock = F.time_of_day(node, ctx)
            return dt.datetime.combine(start.date(), clock) if clock else None
        return F.date_or_datetime(node, ctx)
    return parse


def _errors(ctx: Ctx) -> int:
    return sum(1 for p in ctx.diag.items if p.level == "error")


def _repeat(e: Fields, start: Optional[Moment]) -> Optional[Repeat]:
    """``repeat:`` of an occasion starting at ``start`` (None: already reported)."""
    r = Fields.of(e.node("repeat"), e.sub("repeat"), REPEAT)
    if r is None:
        return None
    before = _errors(r.ctx)
    how, interval = r.get("every"), r.get("interval", default=1)
    if interval < 1:
        r.sub("interval").error(_("interval must be 1 or more (2: every other)"))
    day = _on(r, how) if how and "on" in r else Day()
    until, count = r.get("until"), r.get("count")
    if until is not None and count is not None:
        later, other = sorted(("until", "count"), key=lambda n: r.sub(n).line, reverse=True)
        r.sub(later).error(_("give until or count, not both ({other} is on line {line})",
                             other=other, line=r.sub(other).line))
    if count == 0:
        r.sub("count").error(_("count must be 1 or more"))
    first_day = as_datetime(start).date() if start else None
    if until and first_day and until < first_day:
        r.sub("until").error(_("the series ends ({until}) before it starts ({start})",
                               until=until.isoformat(), start=first_day.isoformat()))
    exceptions = r.get("except", default=[])
    left_out = sorted({m for found in r.get("except_months", default=[]) for m in found})
    if left_out and how == "year":
        r.sub("except_months").error(_("except_months does not fit every: year; leave out a "
                                       "year's date with except"))
    elif len(left_out) == 12:
        r.sub("except_months").error(_("except_months leaves out every month"))
    if start is None or day is None or _errors(r.ctx) > before:
        return None
    repeat = Repeat(how, interval, day.weekdays, day.position, day.monthday, until, count,
                    tuple(sorted({d for d, _ in exceptions})), tuple(left_out))
    return repeat if _fits(repeat, start, exceptions) else None


def _on(r: Fields, how: str) -> Optional[Day]:
    """``on`` for a series repeating every ``how``; None after reporting."""
    ctx = r.sub("on")
    written = r.get("on")
    if written is None:
        return None
    day = read_on(written)
    if day is not None and day.problem == "ordinal":
        first = written.split()[0]
        ctx.error(_('cannot read "{value}"; write första, andra, tredje, fjärde or sista (first … last)',
                    value=first) + did_you_mean(first.lower(), sorted(ORDINALS)))
        return None
    if day is not None and day.problem == "day":
        last = written.split()[-1]
        ctx.error(_('unknown day "{value}"; write e.g. sista tisdagen or last tuesday', value=last))
        return None
    if how == "week":
        if day is not None:
            ctx.error(_('"{value}" does not fit every: week; name days of the week, such as tisdag '
                        'or mån, ons', value=written))
            return None
        weekdays = parse_days(written, ctx)
        return Day(weekdays=weekdays) if weekdays else None
    if day is None:
        names = parse_days(written, Ctx(Diagnostics(), ctx.path))  # day names: a week's, not a month's
        ctx.error(_('"{value}" does not fit every: {every}; write which one, such as sista tisdagen '
                    'or första måndagen', value=written, every=how) if names else
                  _('cannot read "{value}"; write e.g. sista tisdagen, first monday or a day number '
                    'such as 15', value=written))
        return None
    if day.monthday is not None and how == "year":
        ctx.error(_('"{value}" does not fit every: year; a yearly series repeats on its start date, '
                    'or on e.g. första torsdagen of its month', value=written))
        return None
    if day.monthday is not None and not 1 <= day.monthday <= 31:
        ctx.error(_('"{value}" is not a day of the month; write 1–31', value=written))
        return None
    return day


def _fits(repeat: Repeat, start: Moment, exceptions: list) -> bool:
    """Every ``except`` date must be a date of the series (its start or a date of its rule)."""
    dates = rule(start, repeat, exceptions=False)
    ok = True
    for day, where in exceptions:
        midnight = dt.datetime.combine(day, dt.time())
        found = dates.between(midnight, midnight + dt.timedelta(days=1), inc=True)
        if day != as_datetime(start).date() and not [m for m in found if m.date() == day]:
            where.error(_("{day} is not one of the series' dates", day=day.isoformat()))
            ok = False
    return ok


def next_meeting(node: yaml.Node, ctx: Ctx) -> Optional[Next]:
    """``next: {when, start, end, location, url}``: ``when`` (in words) or ``start`` required."""
    n = Fields.of(node, ctx, NEXT)
    if n is None:
        return None
    when, start, location, url = n.get("when"), n.get("start"), n.get("location"), n.get("url")
    end = n.get("end", end_parser(start))
    if start and end and as_datetime(end) < as_datetime(start):
        n.sub("end").error(_("the event ends before it starts; check the dates and times"))
        return None
    if "when" not in n and "start" not in n:
        ctx.error(_("give when (in words, e.g. hösten 2026) or start (a date), or both"))
        return None
    occasion = Occasion(start, end, location) if start else None
    return Next(when, occasion, location, url) if when or occasion else None


NEXT_FIELD = F.with_schema(NEXT)(next_meeting)
