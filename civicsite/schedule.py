"""Scheduled publishing: ``publish_date`` and ``expiry_date`` in a page's front matter, compared
with the moment of the build (``--date``, else ``SOURCE_DATE_EPOCH``, else now; Stockholm time).

A page is published from its ``publish_date`` and left out from its ``expiry_date`` on. A date
without a time means the start of that day (00:00), so ``expiry_date: 2026-12-24`` removes the
page in the first build on 24 December.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Optional, Union

from .fields import Fields

if TYPE_CHECKING:
    from .errors import Diagnostics
    from .pages import Page

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
        f.sub("expiry_date").error(f"the page would expire ({_show(expiry)}) before it is published "
                                   f"({_show(publish)}); expiry_date must be after publish_date")
        return None
    return Schedule(publish, expiry, lines["publish_date"], lines["expiry_date"])


def _show(value: When) -> str:
    return value.isoformat(sep=" ", timespec="minutes") if isinstance(value, dt.datetime) \
        else value.isoformat()


def is_live(schedule: Optional[Schedule], now: dt.datetime) -> bool:
    if schedule is None:
        return True
    if schedule.publish is not None and moment(schedule.publish) > now:
        return False
    return schedule.expiry is None or moment(schedule.expiry) > now


def note_hidden(pages: Iterable["Page"], now: dt.datetime, diag: "Diagnostics") -> None:
    """A note (printed by ``check``) for every page this build leaves out for its dates."""
    for page in pages:
        s = page.schedule
        if s is None or is_live(s, now):
            continue
        if s.publish is not None and moment(s.publish) > now:
            diag.note(page.source.display, s.publish_line, "publish_date",
                      f"not published until {_show(s.publish)}; left out of this build")
        else:
            diag.note(page.source.display, s.expiry_line, "expiry_date",
                      f"expired on {_show(s.expiry)}; left out of this build")


def hidden_reason(page: "Page", now: dt.datetime) -> str:
    s = page.schedule
    if s is not None and s.publish is not None and moment(s.publish) > now:
        return f"not published until {_show(s.publish)}"
    return f"expired on {_show(s.expiry)}" if s is not None and s.expiry is not None else "not published"


def check_links_to_hidden(published: Iterable["Page"], hidden: Iterable["Page"], now: dt.datetime,
                          diag: "Diagnostics", links_of: Callable[["Page"], Iterable]) -> None:
    """A link in a published page's body (``links_of(page)``: its ``links.body_links``) to a
    page this build leaves out is a warning: the link would lead nowhere until that page is
    published (or after it expired)."""
    from .links import content_target

    by_source = {p.source.key: p for p in hidden}
    if not by_source:
        return
    for page in published:
        for i, url in links_of(page):
            target = content_target(url, page.source.rel)
            if target is not None and target[0] in by_source:
                other = by_source[target[0]]
                diag.warn(page.source.display, page.body_line + i, "body",
                          f'the link "{url}" leads to {other.source.display}, which is '
                          f"{hidden_reason(other, now)}; the link leads nowhere in this build")
