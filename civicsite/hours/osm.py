"""The OpenStreetMap ``opening_hours`` value of a schedule.

OSM rules are read in order and a later rule that applies to a date replaces what the earlier
ones said about it, the part past midnight of the day before's opening included; rules joined
with ``,`` add to each other instead. The rules come in the order of civicsite's precedence
(``DayHours.rank``): the seasons' weeks, the day-before-holiday hours, each period (its week,
then its days before holidays), the holidays, the exceptions. One thing OSM does differently:
when a later rule replaces a date, the part past midnight of that date's earlier opening still
runs into the next morning; civicsite's night belongs to the hours that hold on its date, so
where a rule replaces a date with a night, ``00:00-01:30 off`` the next morning says so. With
that, opening_hours.js gives the same answer as ``day_open`` at every minute
(tests/test_osm_agreement.py). ``PH`` is the consumer's own list of Swedish public holidays;
the eves are written out as dates.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from civicsite.hours.calendar import before_holiday
from civicsite.hours.model import (
    DAY_MINUTES,
    Day,
    OpeningHours,
    Period,
    Season,
    hours_on,
)
from civicsite.hours.words import fmt_minutes, week_runs

OSM_DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
OSM_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
HOLIDAYS_OFF = ("PH off", "Jun 19-Jun 25 Fr off", "Dec 24 off", "Dec 31 off")
"""Public holidays, midsommarafton (the Friday 19–25 June), julafton and nyårsafton."""
EVES_BEFORE = ((12, 23), (12, 30))
"""The days before julafton and nyårsafton; before midsommarafton: the Thursday 18–24 June."""
MIDSUMMER_THURSDAYS = [dt.date(2000, 6, d) for d in range(18, 25)]


def _hhmm(minutes: int) -> str:
    """24:00 stays 24:00; a time past midnight is the next morning's (01:30)."""
    return fmt_minutes(minutes if minutes <= DAY_MINUTES else minutes - DAY_MINUTES, ":")


def _osm_day(intervals: Day) -> str:
    if not intervals:
        return "off"
    return ",".join(f"{_hhmm(i.opens)}-{_hhmm(i.closes)}" for i in intervals)


def _tail(intervals: Day) -> int:
    """How far past midnight the day's last opening runs (minutes), 0 if it does not."""
    return max((i.closes - DAY_MINUTES for i in intervals if i.closes > DAY_MINUTES), default=0)


def _morning_off(selector: str, tail: int) -> str:
    return f"{selector} 00:00-{_hhmm(tail)} off"


def _md(month: int, day: int) -> str:
    return f"{OSM_MONTHS[month - 1]} {day:02d}"


def _date(day: dt.date) -> str:
    return f"{day.year} {_md(day.month, day.day)}"


def _days(first: int, last: int) -> str:
    return OSM_DAYS[first] + (f"-{OSM_DAYS[last]}" if last != first else "")


def _weekdays(days: list[int]) -> str:
    """``Mo-Fr``, ``Mo-Tu,Th``: the given weekday numbers as OSM ranges."""
    runs: list[list[int]] = []
    for n in days:
        if runs and runs[-1][-1] == n - 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ",".join(_days(r[0], r[-1]) for r in runs)


def _season_range(season: Season) -> str:
    """``Sep 01-May 31``. A season that ends on 29 February in leap years (``to: 02-29``, or
    ``02-28`` covering it) ends ``Feb 28,Feb 29``: in a range, opening_hours.js reads ``Feb 29``
    of a common year as 1 March."""
    start = _md(*season.start)
    if season.end == (2, 29) or (season.end == (2, 28) and season.covers_leap_day):
        return "Feb 29" if season.start == (2, 29) else f"{start}-Feb 28,Feb 29"
    return f"{start}-{_md(*season.end)}"


def _period_range(period: Period) -> str:
    if period.start == period.end:
        return _date(period.start)
    return f"{_date(period.start)}-{_date(period.end)}"


class _Rules(list):
    """OSM rules with the separator that comes before each."""

    def add(self, rule: str, sep: str = "; ") -> None:
        self.append(rule if not self else sep + rule)


def _week_rules(out: _Rules, prefix: str, week: tuple[Day, ...], sep: str) -> None:
    runs = [r for r in week_runs(week) if r[2]]
    if not runs:
        out.add(prefix + "off", sep)
    for first, last, day in runs:
        out.add(f"{prefix}{_days(first, last)} {_osm_day(day)}", sep)


def _day_before_rules(out: _Rules, season: Season, hours: str) -> None:
    """The days before a holiday or an eve on which the season's week opens."""
    open_days = [n for n in range(7) if season.week[n]]
    if not open_days:
        return
    days = _weekdays(open_days)
    prefix = "" if season.all_year else f"{_season_range(season)}: "
    out.add(f"{prefix}PH -1 day {days} {hours}")
    for month, day in EVES_BEFORE:
        if season.contains(dt.date(2000, month, day)):
            out.add(f"{_md(month, day)} {days} {hours}")
    if 3 in open_days:  # the Thursday before midsommarafton, in the part of 18–24 June covered
        covered = [d for d in MIDSUMMER_THURSDAYS if season.contains(d)]
        if covered:
            out.add(f"{_md(6, covered[0].day)}-{_md(6, covered[-1].day)} Th {hours}")


def _nights_cut(out: _Rules, season: Season, selectors: list[tuple[str, range]],
                prefixed: bool = True) -> None:
    """The mornings after the dates ``selectors`` pick out (each with the weekdays it may
    apply to) lose the season's night of the day before. ``prefixed``: within the season's date
    range (a selector naming dates of its own cannot take a second range in OSM)."""
    prefix = f"{_season_range(season)}: " if prefixed and not season.all_year else ""
    for selector, weekdays in selectors:
        for n in weekdays:
            tail = _tail(season.week[n])
            if tail:
                out.add(prefix + _morning_off(f"{selector} {OSM_DAYS[(n + 1) % 7]}", tail))


def _eve_nights_cut(out: _Rules, season: Season) -> None:
    """The eves, after a day before a holiday in the season: no night of the season's week."""
    eves = [(f"{_md(12, day + 1)}", range(7)) for day in (23, 30)
            if season.contains(dt.date(2000, 12, day))]
    covered = [d for d in MIDSUMMER_THURSDAYS if season.contains(d)]
    if covered:
        eves.append((f"{_md(6, covered[0].day + 1)}-{_md(6, covered[-1].day + 1)}", range(3, 4)))
    _nights_cut(out, season, eves, prefixed=False)


def _period_rules(out: _Rules, schedule: OpeningHours, period: Period,
                  since: Optional[dt.date]) -> None:
    where = _period_range(period)
    out.add(f"{where} off")
    after = period.end + dt.timedelta(days=1)  # the season's night of the last day ends there
    tail = _tail(_lower_hours(schedule, period.end, below=period))
    if tail:
        out.add(_morning_off(_date(after), tail))
    if period.week is not None:
        for first, last, day in week_runs(period.week):
            if day:
                out.add(f"{where} {_days(first, last)} {_osm_day(day)}", ", ")
    day = max(period.start, since) if since else period.start
    while day <= period.end:
        decided = hours_on(schedule, day).reason
        tail = _tail(period.hours(day))
        if tail and decided in ("day_before", "holiday"):
            out.add(_morning_off(_date(day + dt.timedelta(days=1)), tail))
        if decided == "day_before":
            out.add(f"{_date(day)} {_osm_day(schedule.day_before_holiday or ())}")
        day += dt.timedelta(days=1)


def _day_before(schedule: OpeningHours, day: dt.date) -> Day:
    """The day-before-holiday hours, if their rule applies to ``day`` (before its exception)."""
    if schedule.day_before_holiday is None or not before_holiday(day):
        return ()
    return schedule.day_before_holiday if _lower_hours(schedule, day) else ()


def _lower_hours(schedule: OpeningHours, day: dt.date, below: Optional[Period] = None) -> Day:
    """The nights of the rules an override replaces on ``day`` (their OSM rules still run into
    the next morning): the season's week, and the period's (unless it is ``below``)."""
    out: list = []
    season = next((s for s in schedule.seasons if s.contains(day)), None)
    if season is not None:
        out += season.week[day.weekday()]
    for period in schedule.periods:
        if period.contains(day) and period is not below:
            out += period.hours(day)
    return tuple(out)


def osm_opening_hours(schedule: OpeningHours, since: Optional[dt.date] = None) -> str:
    """The OpenStreetMap ``opening_hours`` value; periods and exceptions that are over before
    ``since`` are left out.

    Each rule repeats its season's date range, since in OSM a rule without one would hold all
    year. A schedule without regular hours starts with ``unknown``.
    """
    out = _Rules()
    if not schedule.has_regular_hours:
        out.add("unknown")
    # past midnight, the weeks' rules must add to each other, not replace the next day
    night = any(i.closes > DAY_MINUTES for s in schedule.seasons for d in s.week for i in d)
    for season in schedule.seasons:
        prefix = "" if season.all_year else f"{_season_range(season)}: "
        _week_rules(out, prefix, season.week, ", " if night else "; ")
    if schedule.day_before_holiday is not None:
        for season in schedule.seasons:  # a day before a holiday or eve has no night after it
            _nights_cut(out, season, [("PH", range(7))])
            _eve_nights_cut(out, season)
        for season in schedule.seasons:
            _day_before_rules(out, season, _osm_day(schedule.day_before_holiday))
    for period in schedule.periods:
        if since is None or period.end >= since:
            _period_rules(out, schedule, period, since)
    if schedule.closed_on_holidays:
        for rule in HOLIDAYS_OFF:
            out.add(rule)
        for season in schedule.seasons:  # a holiday closed has no night after it
            _nights_cut(out, season, [("PH +1 day", range(7))])
    exceptions = [e for e in sorted(schedule.exceptions, key=lambda e: e.date)
                  if since is None or e.date >= since]
    for exc in exceptions:  # nor has a date an exception replaces, but the exception's own
        tail = _tail(_lower_hours(schedule, exc.date) + _day_before(schedule, exc.date))
        if tail:
            out.add(_morning_off(_date(exc.date + dt.timedelta(days=1)), tail))
    for exc in exceptions:
        out.add(f"{_date(exc.date)} {_osm_day(exc.intervals)}")
    return "".join(out)
