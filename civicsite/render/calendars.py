"""iCalendar (RFC 5545): one file per event page, past and upcoming, and one feed with every event."""
from __future__ import annotations

import datetime as dt
from typing import Optional
from urllib.parse import urlsplit

from icalendar import Calendar
from icalendar import Event as VEvent

from civicsite.content.kinds import Event
from civicsite.content.pages import Page
from civicsite.content.site import Site
from civicsite.core.clock import STOCKHOLM
from civicsite.core.encoding import ascii_uri
from civicsite.core.i18n import Translator


def page_event(page: Page) -> Optional[Event]:
    return getattr(page.data, "event", None)


def is_upcoming(site: Site, page: Page) -> bool:
    """An event on or after the build date: its page offers "add to calendar"."""
    event = page_event(page)
    return event is not None and event.day >= site.build_date


def _moment(value):
    """Swedish local time as UTC: valid without a VTIMEZONE block, understood by every calendar."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=STOCKHOLM).astimezone(dt.timezone.utc)
    return value


def _calendar(site: Site, name: Optional[str] = None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//civicsite//" + site.config.title + "//" + site.config.language.upper())
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if name:
        cal.add("x-wr-calname", name)
    return cal


def _vevent(site: Site, page: Page) -> VEvent:
    """The page's event; UID from the page URL, DTSTAMP from the build date (not the clock), so
    a rebuild on the same date gives the same bytes."""
    event = page_event(page)
    host = urlsplit(site.config.base_url).hostname or "civicsite.invalid"
    item = VEvent()
    item.add("uid", f"{page.url.strip('/').replace('/', '-') or 'start'}@{host}")
    item.add("dtstamp", dt.datetime.combine(site.build_date, dt.time(), dt.timezone.utc))
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
    item.add("url", ascii_uri(site.config.base_url + page.url))
    return item


def calendar_files(site: Site) -> tuple[dict[Page, bytes], bytes]:
    """The calendar file of every event page, and the feed with them all: each event is
    serialised once (icalendar's line folding is most of a build's calendar time)."""
    pages = sorted((p for p in site.pages if page_event(p) is not None),
                   key=lambda p: (page_event(p).day, p.url))
    events = [(page, _vevent(site, page).to_ical()) for page in pages]
    single = _calendar(site)
    files = {page: _assemble(single, [block]) for page, block in events}
    name = Translator(site.config.language)("calendar_feed_title", site=site.config.title)
    return files, _assemble(_calendar(site, name), [block for _, block in events])


def _assemble(cal: Calendar, blocks: list[bytes]) -> bytes:
    """``cal`` with the serialised components ``blocks``: what ``add_component`` and
    ``to_ical`` would give, without serialising a component twice."""
    head = cal.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert head.endswith(end) and not cal.subcomponents
    return head[:-len(end)] + b"".join(blocks) + end
