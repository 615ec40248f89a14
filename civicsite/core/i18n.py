"""Citizen-facing texts from ``translations.yaml`` and Swedish/English dates via babel."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date as _babel_date
import yaml

from civicsite.core.partial_dates import PartialDate
from civicsite.core.yaml_read import LOADER

TRANSLATIONS = Path(__file__).with_name("translations.yaml")
LANGUAGES = ("sv", "en")
SITE_LANGUAGE = "sv"  # a site's language when site.yaml (or its absence) names none


@lru_cache(maxsize=None)
def _table() -> dict[str, dict[str, str]]:
    # libyaml's loader where present: read at every build's first page (70 ms in Python)
    return yaml.load(TRANSLATIONS.read_text(encoding="utf-8"), Loader=LOADER)


class Translator:
    """``t("key", name=value)`` for one language; a missing key is a programming error."""

    def __init__(self, language: str = SITE_LANGUAGE):
        self.language = language

    def __call__(self, key: str, **values: object) -> str:
        entry = _table()[key]
        return entry[self.language].format(**values) if values else entry[self.language]

    def template(self, key: str) -> str:
        """The text of ``key`` with its ``{placeholders}`` unfilled."""
        return _table()[key][self.language]

    def date(self, day: dt.date, fmt: str = "d MMMM y") -> str:
        """``18 maj 2021`` (sv) / ``18 May 2021`` (en)."""
        return _format_date(day, fmt, self.language)

    def partial_date(self, value: PartialDate) -> str:
        """As far as it is known: ``2020``, ``november 2020``, ``20 november 2020`` (sv) /
        ``2020``, ``November 2020``, ``20 November 2020`` (en)."""
        if value.month is None:
            return str(value.year)
        if value.day is None:  # LLLL: the month's name on its own ("november", not "novembers")
            return _format_date(value.first_day, "LLLL y", self.language)
        return self.date(value.first_day)


@lru_cache(maxsize=4096)
def _format_date(day: dt.date, fmt: str, language: str) -> str:
    """Memoised: the same dates (the build date, events, reviews) are on page after page, and
    babel parses the pattern on every call."""
    return _babel_date(day, fmt, locale=_locale(language))


@lru_cache(maxsize=None)
def _locale(language: str) -> Locale:
    """Parsed once: babel parses a locale given by name on every call (two thirds of its time)."""
    return Locale.parse(language)
