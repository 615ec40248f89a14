"""What is shown and published about opening hours, all derived from ``hours_on``/``open_state``."""
from __future__ import annotations

from dataclasses import dataclass
import datetime as dt
from typing import Any, Optional

from babel.dates import get_day_names, get_month_names

from civicsite.core.i18n import Translator
from civicsite.hours.model import (
    DAY_MINUTES,
    Day,
    OpeningHours,
    OpenState,
    Season,
    holiday_name,
    hours_on,
    open_state,
)
from civicsite.hours.parse import fmt_minutes

DEVIATION_DAYS = 60
"""Deviations shown: the build date and the 60 days after it."""
JSONLD_DAYS = 365
"""Deviations published as specialOpeningHoursSpecification: the next 12 months."""
LIVE_BEFORE, LIVE_AFTER = 1, 400
"""The browser data covers the build date −1 to +400 days."""
SCHEMA_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
OSM_DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
OSM_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class HoursRow:
    """One line of a week table: "Måndag–torsdag" and "08.00–16.30"."""

    days: str
    """Day or run of consecutive days with the same hours."""
    hours: str
    """The hours, or "Stängt"."""


@dataclass(frozen=True)
class SeasonView:
    """The week of one season, formatted."""

    caption: str
    """"1 september–31 maj (vintertid)"; "Ordinarie öppettider" for a schedule without seasons."""
    current: bool
    """The season in force on the build date (never marked for a schedule without seasons)."""
    current_text: str
    """"gäller nu" when ``current``, else empty."""
    rows: tuple[HoursRow, ...]
    """Open days grouped; a single "Stängt" row when closed all week."""


@dataclass(frozen=True)
class DeviationView:
    """A date within the deviation window whose hours differ from the week."""

    iso: str
    """The date as YYYY-MM-DD (for ``<time datetime>``)."""
    label: str
    """"Fredag 19 juni"."""
    hours: str
    """"Stängt" or "08.00–20.00"."""
    closed: bool
    """Closed all day."""
    note: str
    """The holiday's name or the exception's note."""


@dataclass(frozen=True)
class HoursView:
    """Everything ``templates/blocks/hours.html`` shows, already formatted."""

    id: str
    """The schedule id."""
    title: str
    """Heading of the block."""
    seasons: tuple[SeasonView, ...]
    """The weeks, in the order written."""
    notes: tuple[str, ...]
    """Editor's notes."""
    deviations: tuple[DeviationView, ...]
    """"Avvikande öppettider" within 60 days of the build date."""
    live: dict[str, Any]
    """Data for ``open-now.js`` (rendered with ``|tojson``)."""
    osm: str
    """The OpenStreetMap ``opening_hours`` value."""


# ---- formatting helpers --------------------------------------------------------------------

def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def weekday_names(t: Translator) -> list[str]:
    """Monday first, as babel writes them mid-sentence ("måndag" / "Monday")."""
    names = get_day_names("wide", locale=t.language)
    return [names[i] for i in range(7)]


def month_names(t: Translator) -> list[str]:
    names = get_month_names("wide", locale=t.language)
    return [names[i] for i in range(1, 13)]


def fmt_time(minutes: int, t: Translator) -> str:
    return fmt_minutes(minutes, t("hours_time_sep"))


def fmt_day(intervals: Day, t: Translator) -> str:
    """"08.00–12.00, 13.00–16.30" or "Stängt"."""
    if not intervals:
        return t("hours_closed")
    return ", ".join(f"{fmt_time(i.opens, t)}–{fmt_time(i.closes, t)}" for i in intervals)


def _runs(week: tuple[Day, ...]) -> list[tuple[int, int, Day]]:
    """Runs of consecutive weekdays (Monday first) with the same hours: (first, last, hours)."""
    runs: list[tuple[int, int, Day]] = []
    for n, day in enumerate(week):
        if runs and runs[-1][2] == day and runs[-1][1] == n - 1:
            runs[-1] = (runs[-1][0], n, day)
        else:
            runs.append((n, n, day))
    return runs


def week_rows(week: tuple[Day, ...], t: Translator) -> tuple[HoursRow, ...]:
    """"Måndag–torsdag 08.00–16.30", "Fredag 08.00–16.00"; closed days are left out."""
    names = weekday_names(t)
    rows = []
    for first, last, day in _runs(week):
        if not day:
            continue
        days = _cap(names[first]) + (f"–{names[last]}" if last != first else "")
        rows.append(HoursRow(days, fmt_day(day, t)))
    return tuple(rows) or (HoursRow(t("hours_every_day"), t("hours_closed")),)


def season_range(season: Season, t: Translator) -> str:
    """"1 september–31 maj"."""
    first = t.date(dt.date(2000, *season.start), "d MMMM")
    last = t.date(dt.date(2000, *season.end), "d MMMM")
    return f"{first}–{last}"


# ---- the view ------------------------------------------------------------------------------

def deviations(schedule: OpeningHours, first: dt.date, days: int):
    """The days from ``first`` on (``days`` days) whose hours differ from the week."""
    for n in range(days):
        hours = hours_on(schedule, first + dt.timedelta(days=n))
        if hours.deviates:
            yield hours


def hours_view(schedule: OpeningHours, today: dt.date, t: Translator) -> HoursView:
    """Everything the template shows for ``schedule`` on the build date ``today``."""
    seasons = []
    for season in schedule.seasons:
        current = season.contains(today) and not season.all_year
        if season.all_year:
            caption = t("hours_regular")
        elif season.name:
            caption = t("hours_season", range=season_range(season, t), name=season.name)
        else:
            caption = season_range(season, t)
        seasons.append(SeasonView(caption, current, t("hours_current") if current else "",
                                  week_rows(season.week, t)))
    devs = []
    for day in deviations(schedule, today, DEVIATION_DAYS + 1):
        note = day.note
        if day.reason == "holiday":
            note = holiday_name(day.date, t.language) or note
        label = _cap(t.date(day.date, "EEEE d MMMM"))
        devs.append(DeviationView(day.date.isoformat(), label, fmt_day(day.intervals, t),
                                  day.closed, note))
    return HoursView(schedule.id, schedule.title or t("hours_title"), tuple(seasons),
                     schedule.notes, tuple(devs), live_data(schedule, today, t),
                     osm_opening_hours(schedule, since=today))


# ---- "Öppet nu" ----------------------------------------------------------------------------

def live_data(schedule: OpeningHours, today: dt.date, t: Translator) -> dict[str, Any]:
    """Explicit hours for every date from ``today``−1 to ``today``+400, plus the texts.

    ``days[i]`` is the index in ``patterns`` of the hours of ``start + i`` days; a pattern is a
    list of ``[opens, closes]`` minute pairs (closes may be 1440).
    """
    start = today - dt.timedelta(days=LIVE_BEFORE)
    patterns: list[list[list[int]]] = []
    index: dict[Day, int] = {}
    days = []
    for n in range(LIVE_BEFORE + LIVE_AFTER + 1):
        intervals = hours_on(schedule, start + dt.timedelta(days=n)).intervals
        if intervals not in index:
            index[intervals] = len(patterns)
            patterns.append([[i.opens, i.closes] for i in intervals])
        days.append(index[intervals])
    keys = ("open", "open_until", "open_long", "opens_today", "opens", "closed", "tomorrow",
            "date")
    return {
        "start": start.isoformat(),
        "patterns": patterns,
        "days": days,
        "sep": t("hours_time_sep"),
        "weekdays": weekday_names(t),
        "months": month_names(t),
        "texts": {k: t(f"hours_now_{k}") for k in keys},
    }


def _when(day: dt.date, offset: int, t: Translator) -> str:
    if offset == 1:
        return t("hours_now_tomorrow")
    if offset < 7:
        return weekday_names(t)[day.weekday()]
    return t("hours_now_date", day=day.day, month=month_names(t)[day.month - 1])


def open_now_text(state: OpenState, t: Translator) -> str:
    """"Öppet nu – stänger 16.30", "Stängt – öppnar måndag 08.00" (the same rules as open-now.js)."""
    today = state.moment.date()
    if state.is_open:
        if state.closes_at is None:
            return t("hours_now_open_long")
        day, minute = state.closes_at.date(), state.closes_at.hour * 60 + state.closes_at.minute
        if minute == 0:  # closing at midnight is 24.00 of the day before
            day, minute = day - dt.timedelta(days=1), DAY_MINUTES
        offset = (day - today).days
        if offset == 0:
            return t("hours_now_open", time=fmt_time(minute, t))
        return t("hours_now_open_until", when=_when(day, offset, t), time=fmt_time(minute, t))
    if state.opens_at is None:
        return t("hours_now_closed")
    day, minute = state.opens_at.date(), state.opens_at.hour * 60 + state.opens_at.minute
    offset = (day - today).days
    if offset == 0:
        return t("hours_now_opens_today", time=fmt_time(minute, t))
    return t("hours_now_opens", when=_when(day, offset, t), time=fmt_time(minute, t))


def open_now(schedule: OpeningHours, moment: dt.datetime, t: Translator) -> str:
    """The "Öppet nu" text for ``moment`` (naive = Europe/Stockholm)."""
    return open_now_text(open_state(schedule, moment), t)


# ---- structured data -----------------------------------------------------------------------

def _hhmm(minutes: int) -> str:
    # Google's convention: 23:59 for "until midnight"; 00:00–00:00 for closed all day.
    return "23:59" if minutes >= DAY_MINUTES else fmt_minutes(minutes, ":")


def _spec(intervals: Day, **extra: Any) -> list[dict[str, Any]]:
    if not intervals:
        return [{"@type": "OpeningHoursSpecification", **extra, "opens": "00:00", "closes": "00:00"}]
    return [{"@type": "OpeningHoursSpecification", **extra, "opens": _hhmm(i.opens),
             "closes": _hhmm(i.closes)} for i in intervals]


def hours_jsonld(schedule: OpeningHours, today: dt.date) -> dict[str, Any]:
    """``openingHoursSpecification`` (per season and day group, with the current or next
    occurrence as validFrom/validThrough) and ``specialOpeningHoursSpecification`` (deviations
    of the next 12 months)."""
    regular: list[dict[str, Any]] = []
    for season in schedule.seasons:
        extra: dict[str, Any] = {}
        if not season.all_year:
            first, last = season.next_occurrence(today)
            extra = {"validFrom": first.isoformat(), "validThrough": last.isoformat()}
        groups: dict[Day, list[str]] = {}
        for n, day in enumerate(season.week):
            if day:
                groups.setdefault(day, []).append(f"https://schema.org/{SCHEMA_DAYS[n]}")
        for day, names in groups.items():
            regular.extend(_spec(day, dayOfWeek=names, **extra))
    special: list[dict[str, Any]] = []
    for day in deviations(schedule, today, JSONLD_DAYS + 1):
        iso = day.date.isoformat()
        extra = {"validFrom": iso, "validThrough": iso}
        if day.note:
            extra["name"] = day.note
        special.extend(_spec(day.intervals, **extra))
    return {"openingHoursSpecification": regular, "specialOpeningHoursSpecification": special}


# ---- OpenStreetMap -------------------------------------------------------------------------

def _osm_day(intervals: Day) -> str:
    if not intervals:
        return "off"
    return ",".join(f"{fmt_minutes(i.opens, ':')}-{fmt_minutes(i.closes, ':')}" for i in intervals)


def _osm_md(md: tuple[int, int]) -> str:
    return f"{OSM_MONTHS[md[0] - 1]} {md[1]:02d}"


def osm_opening_hours(schedule: OpeningHours, since: Optional[dt.date] = None) -> str:
    """The OpenStreetMap ``opening_hours`` value; exceptions before ``since`` are left out.

    Each rule repeats its season's date range, since in OSM a rule without one would hold all
    year and override the earlier seasons.
    """
    rules = []
    for season in schedule.seasons:
        prefix = "" if season.all_year else f"{_osm_md(season.start)}-{_osm_md(season.end)}: "
        runs = [r for r in _runs(season.week) if r[2]]
        if not runs:
            rules.append(prefix + "off")
        for first, last, day in runs:
            days = OSM_DAYS[first] + (f"-{OSM_DAYS[last]}" if last != first else "")
            rules.append(f"{prefix}{days} {_osm_day(day)}")
    if schedule.closed_on_holidays:
        rules += ["PH off", "Jun 19-Jun 25 Fr off", "Dec 24 off", "Dec 31 off"]
    for exc in sorted(schedule.exceptions, key=lambda e: e.date):
        if since is None or exc.date >= since:
            d = exc.date
            rules.append(f"{d.year} {OSM_MONTHS[d.month - 1]} {d.day:02d} {_osm_day(exc.intervals)}")
    return "; ".join(rules)
