"""What is shown about opening hours, all derived from ``hours_on``/``day_open``/``open_state``:
the block's tables, standing rules, deviations and "Öppet nu" data (:func:`hours_view`). The
JSON-LD (:mod:`civicsite.hours.jsonld`) and OpenStreetMap string (:mod:`civicsite.hours.osm`)
are re-exported here."""
from __future__ import annotations

from dataclasses import dataclass
import datetime as dt
from typing import Any, Optional

from babel.dates import get_day_names, get_month_names
from markupsafe import Markup, escape

from civicsite.core.i18n import Translator
from civicsite.hours.calendar import holiday_name
from civicsite.hours.jsonld import day_before_label, hours_jsonld  # noqa: F401  (re-exported)
from civicsite.hours.model import (
    DAY_MINUTES,
    Day,
    OpeningHours,
    OpenState,
    Period,
    Season,
    day_open,
    hours_on,
    open_state,
)
from civicsite.hours.osm import osm_opening_hours  # noqa: F401  (re-exported)
from civicsite.hours.words import fmt_closes, fmt_minutes, week_runs

DEVIATION_DAYS = 60
"""Deviations shown: the build date and the 60 days after it; periods shown: those current or
beginning within as many days."""
LIVE_BEFORE, LIVE_AFTER = 1, 400
"""The browser data covers the build date −1 to +400 days."""


@dataclass(frozen=True)
class HoursRow:
    """One line of a week table: "Måndag–torsdag" and "08.00–16.30"."""

    days: str
    """Day or run of consecutive days with the same hours."""
    hours: str
    """The hours, or "Stängt"."""


@dataclass(frozen=True)
class SeasonView:
    """The week of one season or period, formatted."""

    caption: str
    """"1 september–31 maj (vintertid)"; "Ordinarie öppettider" for a schedule without seasons;
    "Tillfälliga öppettider 27 februari–2 april 2023" for a period."""
    current: bool
    """In force on the build date (never marked for a schedule without seasons)."""
    current_text: str
    """"gäller nu" when ``current``, else empty."""
    rows: tuple[HoursRow, ...]
    """Open days grouped; a single "Stängt" row when closed all week."""
    note: str = ""
    """A period's note ("Foajén renoveras.")."""
    data_lang: str = ""
    """The language of the editor's words here (the note), when it is not the page's."""


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
    """The holiday's name, "Dag före Kristi himmelsfärdsdag", or the exception's note."""
    note_lang: str = ""
    """The language of ``note`` when it is the editor's and not in the page's language."""


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
    periods: tuple[SeasonView, ...] = ()
    """Periods current on the build date or beginning within 60 days."""
    rules: tuple[str, ...] = ()
    """Standing rules in words ("Stängt på helgdagar samt midsommarafton, …")."""
    deviations_title: str = ""
    """"Avvikande öppettider", or "Öppettider vissa dagar" without regular hours."""
    empty: str = ""
    """Said when nothing else is shown (a schedule without regular hours, nothing near)."""
    title_lang: str = ""
    """The language of ``title`` when the editor wrote it in another than the page's."""
    data_lang: str = ""
    """The language of the editor's words (notes) when it is not the page's (WCAG 3.1.2)."""


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
    """"08.00–12.00, 13.00–16.30", "16.00–01.30" (past midnight, as written) or "Stängt"."""
    if not intervals:
        return t("hours_closed")
    sep = t("hours_time_sep")
    return ", ".join(f"{fmt_minutes(i.opens, sep)}–{fmt_closes(i, sep)}" for i in intervals)


def week_rows(week: Optional[tuple[Day, ...]], t: Translator) -> tuple[HoursRow, ...]:
    """"Måndag–torsdag 08.00–16.30", "Fredag 08.00–16.00"; closed days are left out."""
    names = weekday_names(t)
    rows = []
    for first, last, day in week_runs(week or ((),) * 7):
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


def date_range(first: dt.date, last: dt.date, t: Translator) -> str:
    """"27 februari–2 april 2023", "24–30 januari 2022", "15 december 2022–10 januari 2023"."""
    if first == last:
        return t.date(first, "d MMMM y")
    if first.year != last.year:
        return f"{t.date(first, 'd MMMM y')}–{t.date(last, 'd MMMM y')}"
    if first.month != last.month:
        return f"{t.date(first, 'd MMMM')}–{t.date(last, 'd MMMM y')}"
    return f"{first.day}–{t.date(last, 'd MMMM y')}"


# ---- the view ------------------------------------------------------------------------------

def deviations(schedule: OpeningHours, first: dt.date, days: int):
    """The days from ``first`` on (``days`` days) whose hours differ from the week."""
    for n in range(days):
        hours = hours_on(schedule, first + dt.timedelta(days=n))
        if hours.deviates:
            yield hours


def _seasons(schedule: OpeningHours, today: dt.date, t: Translator,
             data_lang: str = "") -> list[SeasonView]:
    out = []
    for season in schedule.seasons:
        current = season.contains(today) and not season.all_year
        if season.all_year:
            caption = t("hours_regular")
        elif season.name and data_lang:  # the editor's name of the season marked as theirs
            caption = Markup(escape(t.template("hours_season"))).format(
                range=season_range(season, t),
                name=Markup('<span lang="{}">{}</span>').format(data_lang, season.name))
        elif season.name:
            caption = t("hours_season", range=season_range(season, t), name=season.name)
        else:
            caption = season_range(season, t)
        out.append(SeasonView(caption, current, t("hours_current") if current else "",
                              week_rows(season.week, t)))
    return out


def shown_periods(schedule: OpeningHours, today: dt.date) -> list[Period]:
    """The periods in force on ``today`` or beginning within the next 60 days."""
    until = today + dt.timedelta(days=DEVIATION_DAYS)
    return [p for p in schedule.periods if p.end >= today and p.start <= until]


def _periods(schedule: OpeningHours, today: dt.date, t: Translator,
             data_lang: str = "") -> list[SeasonView]:
    out = []
    for period in shown_periods(schedule, today):
        current = period.contains(today)
        out.append(SeasonView(t("hours_period", range=date_range(period.start, period.end, t)),
                              current, t("hours_current") if current else "",
                              week_rows(period.week, t), period.note, data_lang))
    return out


def rules(schedule: OpeningHours, t: Translator) -> list[str]:
    """The standing rules in words, true whatever the date."""
    out = []
    if schedule.day_before_holiday is not None:
        out.append(t("hours_rule_day_before", hours=fmt_day(schedule.day_before_holiday, t)))
    if schedule.closed_on_holidays:
        out.append(t("hours_rule_holidays"))
    return out


def _deviation(day, t: Translator, data_lang: str = "") -> DeviationView:
    note, note_lang = day.note, data_lang
    if day.reason == "holiday":
        named = holiday_name(day.date, t.language)
        note, note_lang = (named, "") if named else (note, note_lang)
    elif day.reason == "day_before":
        note, note_lang = day_before_label(day.date, t), ""
    label = _cap(t.date(day.date, "EEEE d MMMM"))
    return DeviationView(day.date.isoformat(), label, fmt_day(day.intervals, t), day.closed, note,
                         note_lang if note else "")


def hours_view(schedule: OpeningHours, today: dt.date, t: Translator,
               data_lang: str = "") -> HoursView:
    """Everything the template shows for ``schedule`` on the build date ``today``.
    ``data_lang``: the language the editor wrote the schedule in, when the page is in another
    (their words are then marked with it)."""
    devs = tuple(_deviation(d, t, data_lang)
                 for d in deviations(schedule, today, DEVIATION_DAYS + 1))
    seasons = _seasons(schedule, today, t, data_lang)
    periods = _periods(schedule, today, t, data_lang)
    said = rules(schedule, t)
    regular = schedule.has_regular_hours
    empty = "" if seasons or periods or devs else t("hours_none_stated")
    return HoursView(schedule.id, schedule.title or t("hours_title"), tuple(seasons),
                     schedule.notes, devs, live_data(schedule, today, t),
                     osm_opening_hours(schedule, since=today), tuple(periods), tuple(said),
                     t("hours_deviations") if regular else t("hours_dates"), empty,
                     data_lang if schedule.title else "", data_lang)


# ---- "Öppet nu" ----------------------------------------------------------------------------

def live_data(schedule: OpeningHours, today: dt.date, t: Translator) -> dict[str, Any]:
    """When it is open on every date from ``today``−1 to ``today``+400, plus the texts.

    ``days[i]`` says when it is open during the date ``start + i``: ``k >= 0`` is
    ``patterns[k]``; ``k < 0`` is ``patterns[-k - 1]`` on a date nothing else is known about
    (a schedule without regular hours). A pattern is a list of ``[from, until]`` minute pairs
    within the date (until ≤ 1440), the part of the day before's night past midnight included.
    """
    start = today - dt.timedelta(days=LIVE_BEFORE)
    patterns: list[list[list[int]]] = []
    index: dict[tuple, int] = {}
    days = []
    for n in range(LIVE_BEFORE + LIVE_AFTER + 1):
        day = day_open(schedule, start + dt.timedelta(days=n))
        if day.spans not in index:
            index[day.spans] = len(patterns)
            patterns.append([list(span) for span in day.spans])
        days.append(index[day.spans] if day.known else -index[day.spans] - 1)
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
    """"Öppet nu – stänger 16.30", "Stängt – öppnar måndag 08.00", or "" when nothing is known
    (the same rules as open-now.js)."""
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
    if not state.known:
        return ""
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
