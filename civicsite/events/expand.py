"""Every date of an event: each series expanded by ``dateutil.rrule`` (the same rule the
calendars write as RRULE/EXDATE), single occasions as they are, merged in time order. Series
may have no end: everything here is lazy, and callers take as many as they show."""
from __future__ import annotations

from dataclasses import replace
import datetime as dt
import heapq
from itertools import islice
from typing import Iterable, Iterator, Optional

from dateutil import rrule as R

from civicsite.events.model import Occasion, Repeat, as_datetime

FREQ = {"week": R.WEEKLY, "month": R.MONTHLY, "year": R.YEARLY}
WEEKDAYS = (R.MO, R.TU, R.WE, R.TH, R.FR, R.SA, R.SU)
SHOWN = 12  # "Kommande tillfällen": at most this many


def rule(start: dt.date | dt.datetime, repeat: Repeat, exceptions: bool = True) -> R.rruleset:
    """The series starting at ``start`` as a dateutil rule set (naive Swedish wall-clock times,
    so 07.30 stays 07.30 across daylight saving); ``exceptions=False`` leaves ``except`` out."""
    first = as_datetime(start)
    options: dict = {"dtstart": first, "interval": repeat.interval}
    if repeat.weekdays and repeat.position:
        options["byweekday"] = WEEKDAYS[repeat.weekdays[0]](repeat.position)
        if repeat.every == "year":  # "första torsdagen" of the start's month, every year
            options["bymonth"] = first.month
    elif repeat.weekdays:
        options["byweekday"] = tuple(WEEKDAYS[d] for d in repeat.weekdays)
    if repeat.monthday:
        options["bymonthday"] = repeat.monthday
    if repeat.months:
        options["bymonth"] = repeat.months
    if repeat.until:
        options["until"] = dt.datetime.combine(repeat.until, dt.time(23, 59, 59))
    if repeat.count:
        options["count"] = repeat.count
    rules = R.rruleset(cache=True)
    rules.rrule(R.rrule(FREQ[repeat.every], **options))
    for day in repeat.exceptions if exceptions else ():
        rules.exdate(dt.datetime.combine(day, first.time()))
    return rules


def at(occasion: Occasion, moment: dt.datetime) -> Occasion:
    """``occasion`` moved to ``moment`` (a date of its series), lasting as long."""
    days = dt.timedelta(days=(moment.date() - occasion.day).days)
    start = moment if occasion.timed else moment.date()
    end = occasion.end + days if occasion.end is not None else None
    return replace(occasion, start=start, end=end, repeat=None)


def expand(occasion: Occasion, since: Optional[dt.date] = None) -> Iterator[Occasion]:
    """The dates of one entry (one, or every date of its series) from the day ``since`` on."""
    if occasion.repeat is None:
        if since is None or occasion.day >= since:
            yield occasion
        return
    rules = rule(occasion.start, occasion.repeat)
    moments = rules.xafter(dt.datetime.combine(since, dt.time()), inc=True) if since else iter(rules)
    for moment in moments:
        yield at(occasion, moment)


def occasions(entries: Iterable[Occasion], since: Optional[dt.date] = None) -> Iterator[Occasion]:
    """Every date of ``entries`` from ``since`` on, in time order (lazy: series may be endless)."""
    return heapq.merge(*(expand(e, since) for e in entries), key=lambda o: (as_datetime(o.start), o.day))


def coming(entries: Iterable[Occasion], day: dt.date, limit: int = SHOWN) -> list[Occasion]:
    """The next ``limit`` dates on or after ``day``."""
    return list(islice(occasions(entries, day), limit))


def next_occasion(entries: Iterable[Occasion], day: dt.date) -> Optional[Occasion]:
    return next(occasions(entries, day), None)


def past(entries: Iterable[Occasion], day: dt.date, limit: int = SHOWN) -> list[Occasion]:
    """The last ``limit`` dates before ``day``, in time order."""
    before: list[Occasion] = []
    for entry in entries:
        if entry.repeat is None:
            before += [entry] if entry.day < day else []
            continue
        moments = rule(entry.start, entry.repeat).between(
            as_datetime(entry.start), dt.datetime.combine(day, dt.time()), inc=True)
        before += [at(entry, m) for m in moments[-limit:] if m.date() < day]
    return sorted(before, key=lambda o: as_datetime(o.start))[-limit:]


def finite(entries: Iterable[Occasion]) -> bool:
    return all(e.repeat is None or e.repeat.finite for e in entries)


def last(entries: Iterable[Occasion]) -> Optional[Occasion]:
    """The last date of entries that end (None when a series has no end)."""
    entries = list(entries)
    if not entries or not finite(entries):
        return None
    return max((o for e in entries for o in expand(e)), key=lambda o: as_datetime(o.start), default=None)
