"""schema.org ``OpeningHoursSpecification`` of a schedule: the weeks of its seasons, and its
periods and deviating dates as special hours, all derived from ``hours_on``."""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from civicsite.core.i18n import Translator
from civicsite.hours.calendar import holiday_name
from civicsite.hours.model import DAY_MINUTES, Day, OpeningHours, hours_on
from civicsite.hours.words import fmt_minutes

JSONLD_DAYS = 365
"""Periods and deviations published as specialOpeningHoursSpecification: the next 12 months."""
SCHEMA_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _hhmm(minutes: int) -> str:
    # Google's convention: 23:59 for "until midnight", 00:00–00:00 for closed all day; a
    # closing time past midnight is the next morning's ("closes": "01:30").
    if minutes == DAY_MINUTES:
        return "23:59"
    return fmt_minutes(minutes % DAY_MINUTES, ":")


def day_before_label(day: dt.date, t: Translator) -> str:
    """"Dag före julafton", "Dag före Kristi himmelsfärdsdag": Swedish writes holidays in lower
    case inside a sentence, except the name Kristi."""
    holiday = holiday_name(day + dt.timedelta(days=1), t.language)
    if t.language == "sv" and not holiday.startswith("Kristi"):
        holiday = holiday[:1].lower() + holiday[1:]
    return t("hours_day_before", holiday=holiday)


def _spec(intervals: Day, **extra: Any) -> list[dict[str, Any]]:
    if not intervals:
        return [{"@type": "OpeningHoursSpecification", **extra, "opens": "00:00", "closes": "00:00"}]
    return [{"@type": "OpeningHoursSpecification", **extra, "opens": _hhmm(i.opens),
             "closes": _hhmm(i.closes)} for i in intervals]


def _week(week: Optional[tuple[Day, ...]], closed_days: bool, **extra: Any) -> list[dict]:
    """One entry per group of weekdays with the same hours; closed days only if asked (a
    period's week replaces the regular one, so its closed days must be said)."""
    groups: dict[Day, list[str]] = {}
    for n, day in enumerate(week or ((),) * 7):
        if day or closed_days:
            groups.setdefault(day, []).append(f"https://schema.org/{SCHEMA_DAYS[n]}")
    out: list[dict] = []
    for day, names in groups.items():
        out.extend(_spec(day, dayOfWeek=names, **extra))
    return out


def hours_jsonld(schedule: OpeningHours, today: dt.date, language: str = "sv") -> dict[str, Any]:
    """``openingHoursSpecification`` (per season and day group, with the current or next
    occurrence as validFrom/validThrough) and ``specialOpeningHoursSpecification`` (periods and
    deviating dates of the next 12 months; a day before a holiday is named in ``language``)."""
    regular: list[dict[str, Any]] = []
    for season in schedule.seasons:
        extra: dict[str, Any] = {}
        if not season.all_year:
            first, last = season.next_occurrence(today)
            extra = {"validFrom": first.isoformat(), "validThrough": last.isoformat()}
        regular.extend(_week(season.week, False, **extra))
    special: list[dict[str, Any]] = []
    horizon = today + dt.timedelta(days=JSONLD_DAYS)
    for period in schedule.periods:
        if period.end < today or period.start > horizon:
            continue
        extra = {"validFrom": period.start.isoformat(), "validThrough": period.end.isoformat()}
        if period.note:
            extra["name"] = period.note
        special.extend(_spec((), **extra) if period.closed else _week(period.week, True, **extra))
    for n in range(JSONLD_DAYS + 1):
        day = hours_on(schedule, today + dt.timedelta(days=n))
        if not day.deviates:
            continue
        iso = day.date.isoformat()
        extra = {"validFrom": iso, "validThrough": iso}
        if day.reason == "day_before":
            extra["name"] = day_before_label(day.date, Translator(language))
        elif day.note:
            extra["name"] = day.note
        special.extend(_spec(day.intervals, **extra))
    return {"openingHoursSpecification": regular, "specialOpeningHoursSpecification": special}
