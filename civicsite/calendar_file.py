"""An iCalendar file (RFC 5545) per upcoming event, so a visitor can add it to a calendar."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Optional
from urllib.parse import urlsplit

from icalendar import Calendar, Event as VEvent

from .fields import STOCKHOLM

if TYPE_CHECKING:
    from .page_kinds import Event
    from .pages import Page
    from .site import Site



def page_event(page: "Page") -> Optional["Event"]:
    return getattr(page.data, "event", None)


def has_calendar_file(site: "Site", page: "Page") -> bool:
    """Only events that have not yet happened (on the build date) get a calendar file."""
    event = page_event(page)
    return event is not None and event.day >= site.build_date


def _moment(value):
    """Swedish local time as UTC: valid without a VTIMEZONE block, understood by every calendar."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=STOCKHOLM).astimezone(dt.timezone.utc)
    return value


def calendar_file(site: "Site", page: "Page") -> bytes:
    """The page's event as a one-event calendar; stable UID and DTSTAMP so rebuilds are identical."""
    event = page_event(page)
    url = site.config.base_url + page.url
    host = urlsplit(site.config.base_url).hostname or "civicsite.invalid"
    cal = Calendar()
    cal.add("prodid", "-//civicsite//" + site.config.title + "//SV")
    cal.add("version", "2.0")
    item = VEvent()
    item.add("uid", f"{page.url.strip('/').replace('/', '-') or 'start'}@{host}")
    item.add("dtstamp", dt.datetime.combine(page.date or event.day, dt.time(), dt.timezone.utc))
    item.add("summary", page.title)
    item.add("dtstart", _moment(event.start))
    if event.end is not None:
        end = event.end
        if not isinstance(end, dt.datetime):
            end = end + dt.timedelta(days=1)  # DTEND of an all-day event is exclusive
        item.add("dtend", _moment(end))
    elif not isinstance(event.start, dt.datetime):
        item.add("dtend", event.start + dt.timedelta(days=1))
    if event.location:
        item.add("location", event.location)
    if page.summary:
        item.add("description", page.summary)
    item.add("url", url)
    cal.add_component(item)
    return cal.to_ical()
