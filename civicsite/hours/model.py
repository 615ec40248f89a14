"""Opening hours: the model and the one answer to "what are the hours on date D / is it open at T".

Everything shown or published about opening hours (table, deviations, JSON-LD, browser data,
OpenStreetMap) derives from :func:`hours_on` and :func:`open_state`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
import datetime as dt
from functools import lru_cache
from typing import Literal, Optional

import holidays

from civicsite.core.clock import STOCKHOLM

DAY_MINUTES = 24 * 60
Reason = Literal["season", "holiday", "exception", "uncovered"]


@dataclass(frozen=True, order=True)
class Interval:
    """One opening on one day, in minutes after midnight (closes may be 1440 = 24.00)."""

    opens: int
    """Minute of the day the doors open (0–1439)."""
    closes: int
    """Minute of the day the doors close (1–1440), always after ``opens``."""


Day = tuple[Interval, ...]
"""The intervals of one day, sorted and not overlapping; empty means closed."""


@dataclass(frozen=True)
class Season:
    """Weekly hours that hold every year from one MM-DD to another (both included)."""

    name: str
    """The editor's name for the season ("vintertid"); empty for a schedule without seasons."""
    start: tuple[int, int]
    """(month, day) of the first day, as written."""
    end: tuple[int, int]
    """(month, day) of the last day, as written; before ``start`` when it spans new year."""
    week: tuple[Day, ...]
    """Seven days, Monday first."""
    all_year: bool = False
    """True for a schedule written with ``week:`` directly (no seasons)."""
    covers_leap_day: bool = False
    """True when the season ends 02-28 and so also covers 02-29 of leap years."""

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` falls in this season (every year)."""
        md = (day.month, day.day)
        end = (2, 29) if self.covers_leap_day and self.end == (2, 28) else self.end
        if self.start <= end:
            return self.start <= md <= end
        return md >= self.start or md <= end

    def occurrence(self, day: dt.date) -> Optional[tuple[dt.date, dt.date]]:
        """First and last date of the occurrence of the season that contains ``day``."""
        if not self.contains(day):
            return None
        if self.all_year:
            return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
        y = day.year
        if self.start <= self.end:
            first_year, last_year = y, y
        elif (day.month, day.day) >= self.start:
            first_year, last_year = y, y + 1
        else:
            first_year, last_year = y - 1, y
        return _md_date(first_year, self.start, False), self._last(last_year)

    def next_occurrence(self, day: dt.date) -> tuple[dt.date, dt.date]:
        """The occurrence that contains ``day``, else the first one starting after it."""
        current = self.occurrence(day)
        if current:
            return current
        for year in (day.year, day.year + 1):
            first = _md_date(year, self.start, False)
            if first > day:
                occ = self.occurrence(first)
                assert occ is not None
                return occ
        raise AssertionError("a season starts within a year")  # pragma: no cover

    def _last(self, year: int) -> dt.date:
        if self.end == (2, 28) and self.covers_leap_day:
            return _md_date(year, (2, 29), True)
        return _md_date(year, self.end, True)


def _md_date(year: int, md: tuple[int, int], is_end: bool) -> dt.date:
    """The date of MM-DD in ``year``; 02-29 in a common year is 02-28 (end) or 03-01 (start)."""
    try:
        return dt.date(year, *md)
    except ValueError:
        return dt.date(year, 2, 28) if is_end else dt.date(year, 3, 1)


@dataclass(frozen=True)
class DayException:
    """Hours for one date that replace the week (and holidays) on that date."""

    date: dt.date
    """The date the exception holds."""
    intervals: Day
    """The hours that day; empty when closed."""
    note: str = ""
    """Why ("Midsommarafton"), shown with the deviation."""


@dataclass(frozen=True)
class OpeningHours:
    """One schedule of ``hours.yaml``: seasons, holidays and exceptions."""

    id: str
    """The id content refers to (``hours: [kundcenter]``)."""
    title: str
    """Heading of the block ("Öppettider i kundcenter"); may be empty."""
    seasons: tuple[Season, ...] = ()
    """Seasons in the order written; one ``all_year`` season when written with ``week:``."""
    closed_on_holidays: bool = False
    """Closed on public holidays and on midsommarafton, julafton and nyårsafton."""
    exceptions: tuple[DayException, ...] = ()
    """Dated exceptions, in the order written (dates are unique)."""
    notes: tuple[str, ...] = ()
    """Free-text notes shown under the hours."""
    line: int = field(default=1, compare=False)
    """Line of the id in hours.yaml (for "not used" notes)."""


@dataclass(frozen=True)
class DayHours:
    """The hours of one schedule on one date, and why."""

    date: dt.date
    """The date."""
    intervals: Day
    """When it is open that day; empty when closed."""
    reason: Reason
    """Where the hours come from: season (the week), holiday, exception or uncovered."""
    season: str = ""
    """Name of the season in force that day (empty if none or unnamed)."""
    note: str = ""
    """Exception note, or the Swedish name of the holiday."""
    regular: Day = ()
    """What the week of the season would have given (to tell a real deviation)."""

    @property
    def closed(self) -> bool:
        return not self.intervals

    @property
    def deviates(self) -> bool:
        """An exception, or a holiday that changes the regular hours."""
        return self.reason == "exception" or (self.reason == "holiday"
                                              and self.intervals != self.regular)


@dataclass(frozen=True)
class OpenState:
    """Whether a schedule is open at a moment, and when that changes."""

    moment: dt.datetime
    """The moment asked about, as naive Europe/Stockholm wall-clock time."""
    is_open: bool
    """Open at ``moment``."""
    closes_at: Optional[dt.datetime] = None
    """When open: when it closes (naive Stockholm; midnight after 24.00), None if not within a week."""
    opens_at: Optional[dt.datetime] = None
    """When closed: the next opening within 400 days (naive Stockholm), else None."""


# ---- Swedish calendar --------------------------------------------------------------------

HOLIDAY_LANGUAGES = {"sv": "sv", "en": "en_US"}


@lru_cache(maxsize=None)
def _holidays(year: int, language: str) -> dict[dt.date, str]:
    # include_sundays=False: python-holidays otherwise counts every Sunday as a Swedish holiday.
    # "de_facto" adds midsommarafton, julafton and nyårsafton.
    table = holidays.Sweden(years=year, include_sundays=False, categories=("public", "de_facto"),
                            language=HOLIDAY_LANGUAGES.get(language, "en_US"))
    return {day: name.replace("; ", ", ") for day, name in table.items()}


def holiday_name(day: dt.date, language: str = "sv") -> str:
    """The name of the Swedish holiday (or midsommar-/jul-/nyårsafton) on ``day``, else ""."""
    return _holidays(day.year, language).get(day, "")


# ---- the one answer ----------------------------------------------------------------------

def season_on(schedule: OpeningHours, day: dt.date) -> Optional[Season]:
    """The season that holds on ``day`` (seasons never overlap once validated)."""
    for season in schedule.seasons:
        if season.contains(day):
            return season
    return None


def hours_on(schedule: OpeningHours, day: dt.date) -> DayHours:
    """The hours on ``day``: an exception wins over a holiday, which wins over the week."""
    season = season_on(schedule, day)
    regular = season.week[day.weekday()] if season else ()
    name = season.name if season else ""
    for exc in schedule.exceptions:
        if exc.date == day:
            return DayHours(day, exc.intervals, "exception", name, exc.note, regular)
    if schedule.closed_on_holidays:
        holiday = holiday_name(day)
        if holiday:
            return DayHours(day, (), "holiday", name, holiday, regular)
    if season is None:
        return DayHours(day, (), "uncovered")
    return DayHours(day, regular, "season", name, "", regular)


def stockholm(moment: dt.datetime) -> dt.datetime:
    """``moment`` as naive Europe/Stockholm wall-clock time (naive input is taken as such)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(STOCKHOLM).replace(tzinfo=None)


def _at(day: dt.date, minute: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minute)


def open_state(schedule: OpeningHours, moment: dt.datetime) -> OpenState:
    """Open or closed at ``moment`` (naive = Europe/Stockholm), with the next change."""
    now = stockholm(moment).replace(second=0, microsecond=0)
    day = now.date()
    minute = now.hour * 60 + now.minute
    for interval in hours_on(schedule, day).intervals:
        if interval.opens <= minute < interval.closes:
            return OpenState(now, True, closes_at=_closing(schedule, day, interval))
        if interval.opens > minute:
            return OpenState(now, False, opens_at=_at(day, interval.opens))
    for offset in range(1, 401):
        later = day + dt.timedelta(days=offset)
        intervals = hours_on(schedule, later).intervals
        if intervals:
            return OpenState(now, False, opens_at=_at(later, intervals[0].opens))
    return OpenState(now, False)


def _closing(schedule: OpeningHours, day: dt.date, interval: Interval) -> Optional[dt.datetime]:
    """End of an opening, following 24.00 into a next day that opens 00.00 (up to a week)."""
    for _ in range(8):
        if interval.closes < DAY_MINUTES:
            return _at(day, interval.closes)
        day = day + dt.timedelta(days=1)
        following = hours_on(schedule, day).intervals
        if not following or following[0].opens != 0:
            return _at(day, 0)
        interval = following[0]
    return None
