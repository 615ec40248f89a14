"""iCalendar (RFC 5545): one file per page with dated occasions (past ones too) and one feed with
every event of the site. A single occasion is one VEVENT in UTC; a series is one VEVENT whose
RRULE/EXDATE say what ``repeat:`` says, in Stockholm time (TZID, with its VTIMEZONE), so 07.30
stays 07.30 in summer and winter; a page's next meeting (``next.start``) is a VEVENT of its own."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Optional
from urllib.parse import urlsplit

from icalendar import Calendar, Timezone
from icalendar import Event as VEvent

from civicsite.content.kinds import dated
from civicsite.content.pages import Page
from civicsite.content.site import Site
from civicsite.core.clock import STOCKHOLM
from civicsite.core.encoding import ascii_uri
from civicsite.core.i18n import Translator
from civicsite.events.expand import last, next_occasion
from civicsite.events.model import Event, Occasion, Repeat

TZID = "Europe/Stockholm"
# An endless series' VTIMEZONE spells out Sweden's clock changes this many years past the build
# (clients that know the zone by name, as most do, need none); each build moves it on.
ZONE_YEARS = 10


def page_event(page: Page) -> Optional[Event]:
    return getattr(page.data, "event", None)


def first_day(page: Page) -> Optional[dt.date]:
    """The day of the page's first dated occasion (its event's, or its next meeting's)."""
    return min((o.day for o in dated(page.data)), default=None)


def next_of(site: Site, page: Page) -> Optional[Occasion]:
    """The page's next occasion on or after the build date."""
    return next_occasion(dated(page.data), site.build_date)


def is_upcoming(site: Site, page: Page) -> bool:
    """An occasion on or after the build date: the page offers "add to calendar"."""
    return next_of(site, page) is not None


def _utc(value):
    """Swedish local time as UTC: valid without a VTIMEZONE block, understood by every calendar."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=STOCKHOLM).astimezone(dt.timezone.utc)
    return value


def _local(value):
    """Swedish local time with its zone (TZID): a repeating rule keeps the wall-clock time."""
    return value.replace(tzinfo=STOCKHOLM) if isinstance(value, dt.datetime) else value


def _calendar(site: Site, name: Optional[str] = None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//civicsite//" + site.config.title + "//" + site.config.language.upper())
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if name:
        cal.add("x-wr-calname", name)
    return cal


def _recur(occasion: Occasion) -> dict:
    """``repeat:`` as an RRULE (the same rule events.expand gives dateutil)."""
    r: Repeat = occasion.repeat
    rule: dict = {"freq": {"week": "WEEKLY", "month": "MONTHLY", "year": "YEARLY"}[r.every]}
    if r.interval > 1:
        rule["interval"] = r.interval
    days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    if r.weekdays:
        rule["byday"] = [f"{r.position}{days[r.weekdays[0]]}"] if r.position else [days[d] for d in r.weekdays]
        if r.position and r.every == "year":
            rule["bymonth"] = [occasion.day.month]
    if r.monthday:
        rule["bymonthday"] = [r.monthday]
    if r.months:
        rule["bymonth"] = list(r.months)
    if r.until and occasion.timed:  # with a TZID start, UNTIL is UTC: the end of that Swedish day
        rule["until"] = _utc(dt.datetime.combine(r.until, dt.time(23, 59, 59)))
    elif r.until:
        rule["until"] = r.until
    if r.count:
        rule["count"] = r.count
    return rule


def _vevent(site: Site, page: Page, occasion: Occasion, uid: str, summary: str) -> VEvent:
    """One VEVENT; DTSTAMP from the build date (not the clock), so a rebuild on the same date
    gives the same bytes."""
    moment = _local if occasion.repeat else _utc
    item = VEvent()
    item.add("uid", uid)
    item.add("dtstamp", dt.datetime.combine(site.build_date, dt.time(), dt.timezone.utc))
    item.add("summary", summary)
    item.add("dtstart", moment(occasion.start))
    if occasion.end is not None:
        end = occasion.end
        if not isinstance(end, dt.datetime):
            end = end + dt.timedelta(days=1)  # DTEND of an all-day event is exclusive
        item.add("dtend", moment(end))
    elif not occasion.timed:
        item.add("dtend", occasion.start + dt.timedelta(days=1))
    if occasion.repeat:
        item.add("rrule", _recur(occasion))
        if occasion.repeat.exceptions:
            start = occasion.start
            item.add("exdate", [_local(dt.datetime.combine(d, start.time())) if occasion.timed else d
                                for d in occasion.repeat.exceptions])
    if occasion.location:
        item.add("location", occasion.location)
    if page.summary:
        item.add("description", page.summary)
    item.add("url", ascii_uri(site.config.base_url + page.url))
    return item


def page_vevents(site: Site, page: Page, t: Translator) -> list[VEvent]:
    """The page's occasions as written: the first with the page's UID (as in version 1), the
    others numbered, the next meeting as ``…-next``."""
    host = urlsplit(site.config.base_url).hostname or "civicsite.invalid"
    slug = page.url.strip("/").replace("/", "-") or "start"
    upcoming = getattr(getattr(page.data, "next", None), "occasion", None)
    out = []
    for i, occasion in enumerate(dated(page.data)):
        if occasion is upcoming:
            out.append(_vevent(site, page, occasion, f"{slug}-next@{host}",
                               t("next_summary", title=page.title)))
        else:
            out.append(_vevent(site, page, occasion, f"{slug}{'-' + str(i + 1) if i else ''}@{host}",
                               page.title))
    return out


def calendar_files(site: Site) -> tuple[dict[Page, bytes], bytes]:
    """The calendar file of every page with dates, and the feed with them all: each event is
    serialised once (icalendar's line folding is most of a build's calendar time)."""
    pages = sorted((p for p in site.pages if dated(p.data)), key=lambda p: (first_day(p), p.url))
    t = Translator(site.config.language)
    files, feed, zoned = {}, [], []
    single = _calendar(site)
    listed = set(site.listed)  # the site calendar holds what the lists hold
    for page in pages:
        language = site.language_of(page)
        blocks = [v.to_ical() for v in page_vevents(
            site, page, t if language == t.language else Translator(language))]
        series = [o for o in dated(page.data) if o.repeat and o.timed]
        zone = [_zone(*_zone_span(site, series))] if series else []
        files[page] = _assemble(single, zone + blocks)
        if page in listed:
            feed += blocks
            zoned += series
    name = t("calendar_feed_title", site=site.config.title)
    zone = [_zone(*_zone_span(site, zoned))] if zoned else []
    return files, _assemble(_calendar(site, name), zone + feed)


def _zone_span(site: Site, series: list[Occasion]) -> tuple[dt.date, dt.date]:
    """From the first series' start to its last date, or some years past the build date."""
    ends = [last([o]) for o in series]
    end = max([o.day for o in ends if o] + ([site.build_date.replace(month=1, day=1) + dt.timedelta(
        days=366 * ZONE_YEARS)] if None in ends else []))
    return min(o.day for o in series).replace(month=1, day=1), dt.date(end.year + 1, 1, 1)


@lru_cache(maxsize=16)
def _zone(first: dt.date, until: dt.date) -> bytes:
    """Sweden's VTIMEZONE over those years, from the tz database (icalendar)."""
    return Timezone.from_tzid(TZID, first_date=first, last_date=until).to_ical()


def _assemble(cal: Calendar, blocks: list[bytes]) -> bytes:
    """``cal`` with the serialised components ``blocks``: what ``add_component`` and
    ``to_ical`` would give, without serialising a component twice."""
    head = cal.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert head.endswith(end) and not cal.subcomponents
    return head[:-len(end)] + b"".join(blocks) + end
