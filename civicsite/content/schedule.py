"""Scheduled publishing: ``publish_date`` and ``expiry_date`` in a page's front matter, compared
with the moment of the build (``--date``, else ``SOURCE_DATE_EPOCH``, else now; Stockholm time).

A page is published from its ``publish_date`` and left out from its ``expiry_date`` on. A date
without a time means the start of that day (00:00), so ``expiry_date: 2026-12-24`` removes the
page in the first build on 24 December.
"""
from __future__ import annotations

from dataclasses import dataclass
import datetime as dt
from typing import Optional, Union

from civicsite.core.fields import Fields
from civicsite.core.messages import _

FIELDS = ("publish_date", "expiry_date")
When = Union[dt.date, dt.datetime]


@dataclass(frozen=True)
class Schedule:
    """When a page is shown; either end may be open. Lines are those of the fields."""

    publish: Optional[When] = None
    expiry: Optional[When] = None
    publish_line: int = 1
    expiry_line: int = 1


def moment(value: When) -> dt.datetime:
    """A date is its first moment (00:00, Stockholm time, naive)."""
    return value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())


def parse_schedule(f: Fields) -> Optional[Schedule]:
    """The two fields of one page; an expiry not after the publication is an error."""
    publish = f.get("publish_date")
    expiry = f.get("expiry_date")
    if publish is None and expiry is None:
        return None
    lines = {name: f.sub(name).line for name in FIELDS}
    if publish is not None and expiry is not None and moment(expiry) <= moment(publish):
        f.sub("expiry_date").error(_("the page would expire ({expiry}) before it is published "
                                     "({publish}); expiry_date must be after publish_date",
                                     expiry=show_when(expiry), publish=show_when(publish)))
        return None
    return Schedule(publish, expiry, lines["publish_date"], lines["expiry_date"])


def show_when(value: When) -> str:
    return value.isoformat(sep=" ", timespec="minutes") if isinstance(value, dt.datetime) \
        else value.isoformat()


def is_live(schedule: Optional[Schedule], now: dt.datetime) -> bool:
    if schedule is None:
        return True
    if schedule.publish is not None and moment(schedule.publish) > now:
        return False
    return schedule.expiry is None or moment(schedule.expiry) > now




def is_over(schedule: Optional[Schedule], now: dt.datetime) -> bool:
    """Past its expiry_date (a page before its publish_date is not over: it is still to come)."""
    return schedule is not None and schedule.expiry is not None and moment(schedule.expiry) <= now
