"""The Swedish calendar of holidays and eves (midsommarafton, julafton, nyårsafton), from the
``holidays`` package, in the site's language."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

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


def before_holiday(day: dt.date) -> str:
    """The name of the holiday or eve the day after ``day``, if it is one, else ""."""
    return holiday_name(day + dt.timedelta(days=1))
