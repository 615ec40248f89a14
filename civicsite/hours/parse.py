"""Reading ``hours.yaml`` as Swedish editors write it, with errors at the right line and field."""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

import yaml

from civicsite.core.fields import (
    Ctx,
    Field,
    Fields,
    Record,
    Shape,
    boolean,
    date,
    line_of,
    list_of,
    scalar,
    text,
    with_schema,
)
from civicsite.core.messages import N_, _
from civicsite.core.weekdays import DASHES, DAY_WORDS, parse_days
from civicsite.hours.model import Day, DayException, Interval, OpeningHours, Season

CLOSED_WORDS = {"closed", "stängt", "stängd", "stangt", "off"}
_TIME = re.compile(r"(\d{1,2})(?:[.:](\d{2}))?")


# ---- times --------------------------------------------------------------------------------

def _time(word: str, ctx: Ctx, closing: bool) -> Optional[int]:
    m = _TIME.fullmatch(word.strip())
    if not m:
        ctx.error(_('cannot read the time "{time}"; write it like 08.00 or 8.00', time=word.strip()))
        return None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if minute > 59 or hour > 24 or (hour == 24 and minute):
        ctx.error(_('impossible time "{time}"; times run from 00.00 to 24.00', time=word.strip()))
        return None
    if hour == 24 and not closing:
        ctx.error(_('"{time}" cannot be an opening time; write 00.00 for midnight',
                    time=word.strip()))
        return None
    return hour * 60 + minute


def fmt_minutes(minutes: int, sep: str = ".") -> str:
    """1440 → ``24.00``, 510 → ``08.30``."""
    return f"{minutes // 60:02d}{sep}{minutes % 60:02d}"


def parse_intervals(written: str, ctx: Ctx) -> Optional[Day]:
    """``08.00-16.30``, ``8.00–12.00, 13.00–16.30``, ``stängt`` → intervals (empty = closed)."""
    if written.strip().lower() in CLOSED_WORDS:
        return ()
    out: list[Interval] = []
    for part in written.split(","):
        ends = re.split(f"\\s*[{DASHES}]\\s*", part.strip())
        if len(ends) != 2:
            ctx.error(_('cannot read the hours "{hours}"; write them like 08.00-16.30, or stängt',
                        hours=written.strip()))
            return None
        opens, closes = _time(ends[0], ctx, False), _time(ends[1], ctx, True)
        if opens is None or closes is None:
            return None
        if closes <= opens:
            ctx.error(_("closes ({closes}) before it opens ({opens}); hours past midnight belong "
                        "to the next day", closes=fmt_minutes(closes), opens=fmt_minutes(opens)))
            return None
        out.append(Interval(opens, closes))
    out.sort()
    for a, b in zip(out, out[1:]):
        if b.opens < a.closes:
            first, second = (fmt_minutes(i.opens) + "–" + fmt_minutes(i.closes) for i in (a, b))
            ctx.error(_("the hours {first} and {second} overlap", first=first, second=second))
            return None
    return tuple(out)


@with_schema({"anyOf": [{"type": "string"}, {"type": "number"}],  # 16.30 alone is a YAML number
              "description": "Tider som 08.00-16.30 eller 8.00-12.00, 13.00-16.30, eller stängt",
              "examples": ["08.00-16.30", "stängt"]})
def hours_value(node: yaml.Node, ctx: Ctx) -> Optional[Day]:
    value = scalar(node, ctx, _("hours such as 08.00-16.30"))
    return None if value is None else parse_intervals(value, ctx)


@with_schema({"type": "object", "additionalProperties": hours_value.schema,
              "description": "Dagar: tider, t.ex. `mån-tor: 08.00-16.30`; dagar som inte nämns är stängda",
              "propertyNames": {"pattern": r"\S"}})
def week(node: yaml.Node, ctx: Ctx) -> Optional[tuple[Day, ...]]:
    """A mapping ``days: hours``; days not named are closed."""
    fields = Fields.of(node, ctx, known=[])
    if fields is None:
        return None
    days: list[Day] = [()] * 7
    given: dict[int, tuple[str, int]] = {}
    for name in fields.names():
        sub = fields.sub(name)
        numbers = parse_days(name, sub)
        node_value = fields.node(name)
        intervals = hours_value(node_value, sub) if node_value is not None else ()
        if node_value is None:
            sub.error(_("no hours given; write them like 08.00-16.30, or stängt"))
        if numbers is None or intervals is None:
            continue
        for n in numbers:
            if n in given:
                other, line = given[n]
                sub.error(_('{day} is already given by "{other}" on line {line}',
                            day=DAY_WORDS[n].split()[0], other=other, line=line))
                break
        else:
            for n in numbers:
                given[n] = (name, sub.line)
                days[n] = intervals
    return tuple(days)


# ---- seasons and exceptions ---------------------------------------------------------------

@with_schema({"type": "string", "pattern": r"^\s*\d{1,2}-\d{1,2}\s*$", "examples": ["09-01"]})
def month_day(node: yaml.Node, ctx: Ctx) -> Optional[tuple[int, int]]:
    """``09-01`` (MM-DD, every year) → (9, 1); 02-30 and the like are errors."""
    value = scalar(node, ctx, _("a day of the year written MM-DD"))
    if value is None:
        return None
    m = re.fullmatch(r"(\d{1,2})-(\d{1,2})", value.strip())
    if not m:
        ctx.error(_('expected a day of the year written MM-DD such as 09-01, found "{value}"',
                    value=value))
        return None
    month, day = int(m.group(1)), int(m.group(2))
    try:
        dt.date(2000, month, day)  # a leap year: 02-29 exists
    except ValueError:
        ctx.error(_('"{value}" is not a date that exists (MM-DD)', value=value.strip()))
        return None
    return month, day


SEASON = Record("season", {
    "name": Field(text, description="Säsongens namn, t.ex. sommartid"),
    "from": Field(month_day, required=True, description="Första dagen varje år, MM-DD",
                  hint=N_("a day of the year such as 09-01")),
    "to": Field(month_day, required=True, description="Sista dagen varje år, MM-DD",
                hint=N_("a day of the year such as 05-31")),
    "week": Field(week, required=True, description="Veckans tider", hint=N_("e.g. `mån-fre: 08.00-16.30`")),
})
EXCEPTION = Record("exception", {
    "date": Field(date, required=True, description="Dagen, ÅÅÅÅ-MM-DD", hint=N_("a date such as 2026-12-24")),
    "closed": Field(boolean, description="true: stängt hela dagen"),
    "hours": Field(hours_value, description="Tider den dagen, t.ex. 08.00-20.00"),
    "note": Field(text, description="Varför, t.ex. Midsommarafton"),
}, extra={"oneOf": [{"required": ["closed"]}, {"required": ["hours"]}]})
SEASON_FIELDS, EXCEPTION_FIELDS = list(SEASON), list(EXCEPTION)


def _season(node: yaml.Node, ctx: Ctx) -> Optional[Season]:
    f = Fields.of(node, ctx, SEASON)
    if f is None:
        return None
    name = f.get("name", default="") or ""
    start = f.get("from")
    end = f.get("to")
    days = f.get("week")
    if start is None or end is None or days is None:
        return None
    return Season(name, start, end, days)


def _exception(node: yaml.Node, ctx: Ctx) -> Optional[DayException]:
    f = Fields.of(node, ctx, EXCEPTION)
    if f is None:
        return None
    day = f.get("date")
    closed = f.get("closed")
    intervals = f.get("hours")
    note = f.get("note", default="") or ""
    if closed and "hours" in f:
        ctx.error(_("give either `closed: true` or `hours:`, not both"))
        return None
    if not closed and "hours" not in f:
        ctx.error(_("give `closed: true` or `hours: 08.00-20.00` for the date"))
        return None
    if day is None or (not closed and intervals is None):
        return None
    return DayException(day, () if closed else intervals or (), note)


def _exceptions(node: yaml.Node, ctx: Ctx) -> Optional[tuple[DayException, ...]]:
    if not isinstance(node, yaml.SequenceNode):
        ctx.error(_("expected a list of exceptions (items starting with `- date:`)"))
        return None
    out: list[DayException] = []
    seen: dict[dt.date, int] = {}
    for i, child in enumerate(node.value):
        item_ctx = ctx.index(i, line_of(child))
        exc = _exception(child, item_ctx)
        if exc is None:
            continue
        if exc.date in seen:
            item_ctx.key("date").error(_("{date} already has an exception on line {line}",
                                         date=exc.date, line=seen[exc.date]))
            continue
        seen[exc.date] = item_ctx.line
        out.append(exc)
    return tuple(out)


def _days_of_year(season: Season) -> set[tuple[int, int]]:
    return {(d.month, d.day) for d in _YEAR if season.contains(d)}


_YEAR = [dt.date(2000, 1, 1) + dt.timedelta(days=i) for i in range(366)]


def _ranges(days: set[tuple[int, int]]) -> str:
    """``06-01–08-31, 12-24–12-24`` for a set of (month, day) in a leap year."""
    out, run = [], []
    for d in _YEAR + [None]:
        if d is not None and (d.month, d.day) in days:
            run.append(d)
            continue
        if run:
            out.append(f"{run[0]:%m-%d}–{run[-1]:%m-%d}")
            run = []
    return ", ".join(out)


def _seasons(node: yaml.Node, ctx: Ctx) -> Optional[tuple[Season, ...]]:
    if not isinstance(node, yaml.SequenceNode):
        ctx.error(_("expected a list of seasons (items starting with `- `)"))
        return None
    if not node.value:
        ctx.error(_("no seasons given; add at least one with `from:`, `to:` and `week:`"))
        return None
    parsed: list[tuple[int, Season]] = []
    for i, child in enumerate(node.value):
        season = _season(child, ctx.index(i, line_of(child)))
        if season is not None:
            parsed.append((i, season))
    # A season ending 02-28 also covers 02-29 unless another season starts that day.
    leap = (2, 29) not in {s.start for _, s in parsed}
    parsed = [(i, Season(s.name, s.start, s.end, s.week, covers_leap_day=leap))
              for i, s in parsed]
    days = {i: _days_of_year(s) for i, s in parsed}
    for k, (i, season) in enumerate(parsed):
        for j, other in parsed[:k]:
            overlap = days[i] & days[j]
            if overlap:
                label = f'"{other.name}"' if other.name else f"seasons[{j}]"
                ctx.index(i, line_of(node.value[i])).error(
                    _("overlaps season {season} on {days}; seasons must not overlap",
                      season=label, days=_ranges(overlap)))
    missing = {(d.month, d.day) for d in _YEAR} - set().union(*days.values())
    if parsed and len(parsed) == len(node.value) and missing:
        ctx.warn(_("the seasons leave {days} uncovered; those days show as closed",
                   days=_ranges(missing)))
    return tuple(s for _, s in parsed)


SCHEDULE = Record("opening hours", {
    "title": Field(text, description="Rubrik, t.ex. Öppettider i kundcenter"),
    "seasons": Field(Shape({"type": "array", "minItems": 1, "items": SEASON.json_schema()}),
                     description="Säsonger med egna tider: [{name, from, to, week}]"),
    "week": Field(week, description="Samma tider hela året, t.ex. `mån-fre: 08.00-16.30`"),
    "closed_on_holidays": Field(boolean, description="true: stängt på helgdagar, midsommarafton, "
                                "julafton och nyårsafton"),
    "exceptions": Field(Shape({"type": "array", "items": EXCEPTION.json_schema()}),
                        description="Avvikande dagar: [{date, closed eller hours, note}]"),
    "notes": Field(list_of(text, allow_single=True), description="Upplysningar under tiderna"),
}, description="Ett schema med öppettider: week eller seasons",
   extra={"oneOf": [{"required": ["week"]}, {"required": ["seasons"]}]})
SCHEDULE_FIELDS = list(SCHEDULE)


def _schedule(schedule_id: str, node: yaml.Node, ctx: Ctx) -> Optional[OpeningHours]:
    f = Fields.of(node, ctx, SCHEDULE)
    if f is None:
        return None
    title = f.get("title", default="") or ""
    seasons: Optional[tuple[Season, ...]] = ()
    if "seasons" in f and "week" in f:
        f.sub("week").error(_("give either `week:` (the same hours all year) or `seasons:`, "
                              "not both"))
        return None
    if "week" in f:
        days = f.get("week")
        seasons = (Season("", (1, 1), (12, 31), days, all_year=True),) if days else None
    elif "seasons" in f:
        seasons = f.get("seasons", _seasons)
    else:
        ctx.error(_("no hours given; add `week:` (e.g. `mån-fre: 08.00-16.30`) or `seasons:`"))
        return None
    holidays = f.get("closed_on_holidays", default=False)
    exceptions = f.get("exceptions", _exceptions, default=()) or ()
    notes = f.get("notes", default=[]) or []
    if seasons is None:
        return None
    return OpeningHours(schedule_id, title, seasons, bool(holidays), tuple(exceptions),
                        tuple(notes), ctx.line)


def parse_hours_file(node: yaml.Node | None, ctx: Ctx) -> dict[str, OpeningHours]:
    """Every schedule of ``hours.yaml`` by id; mistakes are reported on ``ctx``, never raised."""
    top = Fields.of(node, ctx, known=[])
    if top is None:
        return {}
    out: dict[str, OpeningHours] = {}
    for schedule_id in top.names():
        sub = top.sub(schedule_id)
        child = top.node(schedule_id)
        if child is None:
            sub.error(_("empty schedule; give `title:` and `week:` or `seasons:`"))
            continue
        schedule = _schedule(schedule_id, child, sub)
        if schedule is not None:
            out[schedule_id] = schedule
    return out
