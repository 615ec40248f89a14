"""Dates known only to the year or the month, as decisions are often recorded ("antagen 2020",
"förlängd november 2020"): read from YAML as ``2020``, ``2020-11`` or ``2020-11-20``, shown in
words as far as they are known, written in ISO 8601 as far as they are known (``2020-11``)."""
from __future__ import annotations

from dataclasses import dataclass
import datetime as dt
import re
from typing import Optional

import yaml

from civicsite.core.fields import YEARS, Ctx, scalar, with_schema
from civicsite.core.messages import _

_PATTERN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A year, a year and month, or a whole date."""

    year: int
    month: Optional[int] = None
    day: Optional[int] = None

    def isoformat(self) -> str:
        """``2020``, ``2020-11`` or ``2020-11-20``: valid in JSON-LD and in ``<time datetime>``."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return self.first_day.isoformat()

    @property
    def first_day(self) -> dt.date:
        """The first day it can mean (for comparisons and month names)."""
        return dt.date(self.year, self.month or 1, self.day or 1)


@with_schema({"anyOf": [{"type": "integer", "minimum": YEARS[0], "maximum": YEARS[1]},
                       {"type": "string", "pattern": r"^\s*\d{4}(-\d{2}(-\d{2})?)?\s*$"}],
              "examples": ["2020", "2020-11", "2020-11-20"]})
def partial_date(node: yaml.Node, ctx: Ctx) -> Optional[PartialDate]:
    """``2020``, ``2020-11`` or ``2020-11-20``."""
    value = scalar(node, ctx, _("a year, a year and month, or a date"))
    if value is None:
        return None
    m = _PATTERN.fullmatch(value.strip())
    try:
        if not m:
            raise ValueError
        year, month, day = (int(g) if g else None for g in m.groups())
        dt.date(year, month or 1, day or 1)  # a month 13 or a 31 November: ValueError
    except ValueError:
        ctx.error(_('expected a year (2020), a year and month (2020-11) or a date (2020-11-20), '
                    'found "{value}"', value=value))
        return None
    if not YEARS[0] <= year <= YEARS[1]:
        ctx.error(_('"{value}" is not a plausible date; the year must be {first}–{last}',
                    value=value, first=YEARS[0], last=YEARS[1]))
        return None
    return PartialDate(year, month, day)
