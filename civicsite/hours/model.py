"""Opening hours: the model and the one answer to "what are the hours on date D / is it open at T".

Everything shown or published about opening hours (table, deviations, JSON-LD, browser data,
OpenStreetMap) derives from :func:`hours_on` (the hours of a date, and which rule gave them) and
:func:`day_open` / :func:`open_state` (when it is open during a date, past midnight included).
"""
from __future__ import annotations

from dataclasses import dataclass, field
import datetime as dt
from typing import Literal, Optional

from civicsite.core.clock import STOCKHOLM
from civicsite.hours.calendar import before_holiday, holiday_name  # noqa: F401  (re-exported)

DAY_MINUTES = 24 * 60
Reason = Literal["season", "period", "day_before", "holiday", "exception", "uncovered", "unknown"]


@dataclass(frozen=True, order=True)
class Interval:
    """One opening that starts on a day, in minutes after that day's midnight."""

    opens: int
    """Minute of the day the doors open (0–1439)."""
    closes: int
    """Minute the doors close, after ``opens`` and at most 24 hours later: up to 1440
    (24.00) the same day, beyond it the next morning (1530 = 01.30)."""
    zero: bool = field(default=False, compare=False)
    """Midnight was written 00.00, not 24.00 (shown as written)."""


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
    """Hours for one date that replace everything else on that date."""

    date: dt.date
    """The date the exception holds."""
    intervals: Day
    """The hours that day; empty when closed."""
    note: str = ""
    """Why ("Midsommarafton"), shown with the deviation."""


@dataclass(frozen=True)
class Period:
    """Temporary hours (or a closure) for a range of dates, over the week or season."""

    start: dt.date
    """The first date (``from``)."""
    end: dt.date
    """The last date (``to``), included."""
    week: Optional[tuple[Day, ...]]
    """Seven days, Monday first; None when closed for the whole period."""
    note: str = ""
    """Why ("Foajén renoveras."), shown with the period."""

    @property
    def closed(self) -> bool:
        return self.week is None

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def hours(self, day: dt.date) -> Day:
        """The period's hours on ``day`` (a date it contains)."""
        return () if self.week is None else self.week[day.weekday()]


@dataclass(frozen=True)
class OpeningHours:
    """One schedule of ``hours.yaml``: seasons, periods, holiday rules and exceptions."""

    id: str
    """The id content refers to (``hours: [kundcenter]``)."""
    title: str
    """Heading of the block ("Öppettider i kundcenter"); may be empty."""
    seasons: tuple[Season, ...] = ()
    """Seasons in the order written; one ``all_year`` season when written with ``week:``; none
    when the regular hours are not stated (only periods and exceptions)."""
    closed_on_holidays: bool = False
    """Closed on public holidays and on midsommarafton, julafton and nyårsafton."""
    exceptions: tuple[DayException, ...] = ()
    """Dated exceptions, in the order written (dates are unique)."""
    notes: tuple[str, ...] = ()
    """Free-text notes shown under the hours."""
    line: int = field(default=1, compare=False)
    """Line of the id in hours.yaml (for "not used" notes)."""
    periods: tuple[Period, ...] = ()
    """Temporary hours for date ranges, sorted by their first date (they never overlap)."""
    day_before_holiday: Optional[Day] = None
    """The hours of an open day before a holiday or an eve; None: no such rule."""

    @property
    def has_regular_hours(self) -> bool:
        """Whether the week is stated (``week:`` or ``seasons:``): else days outside periods
        and exceptions are unknown, not closed."""
        return bool(self.seasons)


@dataclass(frozen=True)
class DayHours:
    """The hours of one schedule on one date, and why."""

    date: dt.date
    """The date."""
    intervals: Day
    """The openings that start that day (the last may run past midnight); empty when closed."""
    reason: Reason
    """Where the hours come from: season (the week), period, day_before, holiday, exception,
    uncovered (a day no season covers: closed) or unknown (no regular hours stated)."""
    season: str = ""
    """Name of the season in force that day (empty if none or unnamed)."""
    note: str = ""
    """Exception or period note, the Swedish name of the holiday, or (day_before) of the
    holiday or eve that follows."""
    regular: Day = ()
    """What the week of the season or period would have given (to tell a real deviation)."""
    rank: tuple = (0,)
    """Precedence of the rule that decided the date: an opening of the day before runs on past
    midnight into this date only when this rank is not higher than that day's (see
    :func:`day_open`; the order the rules have in the OpenStreetMap string)."""

    @property
    def closed(self) -> bool:
        return not self.intervals

    @property
    def known(self) -> bool:
        """False for a date of a schedule without regular hours that nothing states."""
        return self.reason != "unknown"

    @property
    def deviates(self) -> bool:
        """An exception, or a holiday or day-before rule that changes the regular hours."""
        return self.reason == "exception" or (self.reason in ("holiday", "day_before")
                                              and self.intervals != self.regular)


@dataclass(frozen=True)
class DayOpen:
    """When a schedule is open during one calendar date, wall-clock minutes 0–1440: the night
    of the day before that runs on past midnight, and the openings of the day itself."""

    date: dt.date
    spans: tuple[tuple[int, int], ...]
    """(from, until) minute pairs, sorted and merged; until ≤ 1440."""
    known: bool
    """False: outside ``spans`` nothing is stated about the date."""


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
    known: bool = True
    """False when nothing is stated about the moment (a schedule without regular hours)."""


# ---- the one answer ----------------------------------------------------------------------

SEASON_RANK, DAY_BEFORE_RANK, PERIOD_RANK, HOLIDAY_RANK, EXCEPTION_RANK = 0, 1, 2, 3, 4
UNKNOWN_RANK = (-1,)


def season_on(schedule: OpeningHours, day: dt.date) -> Optional[Season]:
    """The season that holds on ``day`` (seasons never overlap once validated)."""
    for season in schedule.seasons:
        if season.contains(day):
            return season
    return None


def _base(schedule: OpeningHours, day: dt.date) -> DayHours:
    """The week in force on ``day``: a period's, else the season's (else uncovered/unknown)."""
    season = season_on(schedule, day)
    name = season.name if season else ""
    for n, period in enumerate(schedule.periods):
        if period.contains(day):
            hours = period.hours(day)
            return DayHours(day, hours, "period", name, period.note, hours, (PERIOD_RANK, n))
    if season is not None:
        hours = season.week[day.weekday()]
        return DayHours(day, hours, "season", name, "", hours, (SEASON_RANK,))
    if not schedule.has_regular_hours:
        return DayHours(day, (), "unknown", rank=UNKNOWN_RANK)
    return DayHours(day, (), "uncovered")


def hours_on(schedule: OpeningHours, day: dt.date) -> DayHours:
    """The hours on ``day``: an exception wins over a holiday (closed), which wins over the
    day-before-holiday hours (on a day the week or period opens), which win over a period,
    which wins over the season's week."""
    base = _base(schedule, day)
    for exc in schedule.exceptions:
        if exc.date == day:
            return DayHours(day, exc.intervals, "exception", base.season, exc.note,
                            base.intervals, (EXCEPTION_RANK, day.toordinal()))
    if schedule.closed_on_holidays:
        holiday = holiday_name(day)
        if holiday:
            return DayHours(day, (), "holiday", base.season, holiday, base.intervals,
                            (HOLIDAY_RANK,))
    if schedule.day_before_holiday is not None and base.intervals:
        holiday = before_holiday(day)
        if holiday:
            rank = ((DAY_BEFORE_RANK,) if base.reason == "season"
                    else base.rank + (1, day.toordinal()))
            return DayHours(day, schedule.day_before_holiday, "day_before", base.season,
                            holiday, base.intervals, rank)
    return base


def day_open(schedule: OpeningHours, day: dt.date) -> DayOpen:
    """When it is open during the date ``day``: its own openings up to midnight, after the part
    past midnight of the day before's last opening, unless a rule of higher rank decides
    ``day`` (a period that begins that day, the day-before hours, a holiday, an exception)."""
    today = hours_on(schedule, day)
    yesterday = hours_on(schedule, day - dt.timedelta(days=1))
    spans = [(i.opens, min(i.closes, DAY_MINUTES)) for i in today.intervals]
    if today.rank <= yesterday.rank:
        spans += [(0, i.closes - DAY_MINUTES) for i in yesterday.intervals
                  if i.closes > DAY_MINUTES]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return DayOpen(day, tuple(merged), today.known)


def stockholm(moment: dt.datetime) -> dt.datetime:
    """``moment`` as naive Europe/Stockholm wall-clock time (naive input is taken as such)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(STOCKHOLM).replace(tzinfo=None)


def _at(day: dt.date, minute: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minute)


def is_open(schedule: OpeningHours, moment: dt.datetime) -> Optional[bool]:
    """Open at ``moment`` (naive = Europe/Stockholm); None when nothing says."""
    now = stockholm(moment)
    today = day_open(schedule, now.date())
    minute = now.hour * 60 + now.minute
    if any(start <= minute < end for start, end in today.spans):
        return True
    return False if today.known else None


def open_state(schedule: OpeningHours, moment: dt.datetime) -> OpenState:
    """Open or closed at ``moment`` (naive = Europe/Stockholm), with the next change."""
    now = stockholm(moment).replace(second=0, microsecond=0)
    day = now.date()
    minute = now.hour * 60 + now.minute
    today = day_open(schedule, day)
    for start, end in today.spans:
        if start <= minute < end:
            return OpenState(now, True, closes_at=_closing(schedule, day, end))
    if not today.known:
        return OpenState(now, False, known=False)
    for start, _end in today.spans:
        if start > minute:
            return OpenState(now, False, opens_at=_at(day, start))
    for offset in range(1, 401):
        later = day_open(schedule, day + dt.timedelta(days=offset))
        if later.spans:
            return OpenState(now, False, opens_at=_at(later.date, later.spans[0][0]))
        if not later.known:
            break
    return OpenState(now, False)


def _closing(schedule: OpeningHours, day: dt.date, end: int) -> Optional[dt.datetime]:
    """End of an opening, following midnight into a next date that is open from 00.00 (up
    to a week)."""
    for _ in range(8):
        if end < DAY_MINUTES:
            return _at(day, end)
        following = day_open(schedule, day + dt.timedelta(days=1))
        if not following.spans or following.spans[0][0] != 0:
            return _at(day, DAY_MINUTES)
        day, end = following.date, following.spans[0][1]
    return None
