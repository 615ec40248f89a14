"""schema.org JSON-LD for a page: the organisation, the page, its event and its contacts."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from civicsite.contacts.jsonld import contact_jsonld, hours_available, organisation_jsonld
from civicsite.contacts.model import Contact, members_of
from civicsite.content.kinds import News, Sprint, Strategy, Workshop
from civicsite.content.pages import Page
from civicsite.content.site import Site
from civicsite.core.clock import STOCKHOLM
from civicsite.core.i18n import Translator
from civicsite.events.expand import last
from civicsite.events.model import Event, Occasion, as_datetime
from civicsite.hours.model import OpeningHours
from civicsite.hours.view import hours_jsonld
from civicsite.render.images import og_image
from civicsite.render.navigation import Listing, per_site

ATTENDANCE_MODE = {"online": "https://schema.org/OnlineEventAttendanceMode",
                   "offline": "https://schema.org/OfflineEventAttendanceMode",
                   "mixed": "https://schema.org/MixedEventAttendanceMode"}


def _org_id(site: Site) -> str:
    return site.config.base_url + "#organisation"


def _organisation(site: Site, contacts: list[Contact]) -> dict:
    org = organisation_jsonld(site.config.organisation, contacts, site.config.base_url)
    org["@id"] = _org_id(site)
    if site.config.logo:
        org["logo"] = og_image(site, site.config.logo.src).url
    return org


def _contact_id(site: Site, contact: Contact) -> str:
    return site.config.base_url + "#contact-" + contact.id


def _contact(site: Site, contact: Contact, language: Optional[str] = None) -> dict:
    """A contact's node: the same on every page that shows the contact (the footer's are on all
    of them), so made once per site being rendered; callers must not change it."""
    language = language or site.config.language
    return per_site(site, f"jsonld/contact/{contact.id}/{language}",
                    lambda: _contact_node(site, contact, language))


def _contact_node(site: Site, contact: Contact, language: str) -> dict:
    schedule = site.hours.get(contact.hours_ref.id) if contact.hours_ref else None
    hours = hours_jsonld(schedule, site.build_date, language) if schedule else None
    labelled = [(h.label, hours_jsonld(site.hours[h.ref.id], site.build_date, language))
                for h in contact.labelled_hours if h.ref.id in site.hours]
    data = contact_jsonld(contact, site.config.organisation, hours, labelled)
    data["@id"] = _contact_id(site, contact)
    for key in ("worksFor", "parentOrganization"):  # one organisation node, referenced by @id
        if key in data:
            data[key] = {"@id": _org_id(site)}
    members = members_of(contact, site.contacts)
    if members:
        data["member"] = [{"@id": _contact_id(site, m)} for m in members]
    return data


def _with_members(site: Site, contacts: list[Contact]) -> list[Contact]:
    """The contacts shown, each unit followed by its members (listed in its block)."""
    out = [c for contact in contacts for c in [contact, *members_of(contact, site.contacts)]]
    return list(dict.fromkeys(out))


def _schedule_point(site: Site, schedule: OpeningHours, language: Optional[str] = None) -> dict:
    """Hours that no contact owns, as a ContactPoint of the organisation (made once per site
    being rendered, as ``_contact``)."""
    language = language or site.config.language

    def point() -> dict:
        spec = hours_jsonld(schedule, site.build_date, language)
        return {"@type": "ContactPoint", "name": schedule.title, **hours_available(spec)}
    return per_site(site, f"jsonld/hours/{schedule.id}/{language}", point)


def _iso(value) -> str:
    """Times carry Sweden's UTC offset on that day (search engines need it for timed events)."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=STOCKHOLM).isoformat(timespec="minutes")
    return value.isoformat()


def _event(site: Site, page: Page, event: Event, url: str) -> Optional[dict]:
    """The page's Event. Several occasions: every single one as a ``subEvent``, every series as
    an ``eventSchedule`` (its rule, as the calendar's RRULE: endless series included). An event
    with only a place is dated by the page (none without a page date)."""
    single, entries = event.single, event.entries
    if not entries and page.date is None:
        return None
    first = single or (min(entries, key=lambda o: as_datetime(o.start)) if entries else Occasion(page.date))
    data = {"@type": "Event", "name": page.title, "startDate": _iso(first.start),
            "eventStatus": "https://schema.org/EventScheduled", "organizer": {"@id": _org_id(site)},
            "url": url}
    if single and single.end:
        data["endDate"] = _iso(single.end)
    elif entries and not single:
        final = last(entries)
        if final:
            data["endDate"] = _iso(final.end or final.start)
        singles = [o for o in entries if o.repeat is None]
        if singles:
            data["subEvent"] = [_sub_event(site, page, o, url) for o in singles]
        schedules = [_schedule(o) for o in entries if o.repeat]
        if schedules:
            data["eventSchedule"] = schedules[0] if len(schedules) == 1 else schedules
    if page.summary:
        data["description"] = page.summary
    if event.attendance:
        data["eventAttendanceMode"] = ATTENDANCE_MODE[event.attendance]
    data["location"] = _places(site, event.location, event.attendance, url)
    if page.image and not page.image.decorative:
        data["image"] = _image_url(site, page)
    return data


def _places(site: Site, location: Optional[str], attendance: Optional[str], url: str):
    places = []
    if attendance in ("online", "mixed"):
        places.append({"@type": "VirtualLocation", "url": url})
    if location or attendance in (None, "offline", "mixed"):
        places.append({"@type": "Place", "name": location or site.config.organisation.name,
                       "address": location or site.config.organisation.name})
    return places[0] if len(places) == 1 else places


def _sub_event(site: Site, page: Page, occasion: Occasion, url: str) -> dict:
    data = {"@type": "Event", "name": page.title, "startDate": _iso(occasion.start),
            "eventStatus": "https://schema.org/EventScheduled", "url": url}
    if occasion.end:
        data["endDate"] = _iso(occasion.end)
    if occasion.attendance:
        data["eventAttendanceMode"] = ATTENDANCE_MODE[occasion.attendance]
    data["location"] = _places(site, occasion.location, occasion.attendance, url)
    return data


ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAYS_OF_WEEK = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _schedule(occasion: Occasion) -> dict:
    """A series as a schema.org Schedule: the same rule as its RRULE, field for field."""
    r = occasion.repeat
    data = {"@type": "Schedule", "repeatFrequency": f"P{r.interval}{r.every[0].upper()}",
            "startDate": occasion.day.isoformat(), "scheduleTimezone": "Europe/Stockholm"}
    if occasion.timed:
        data["startTime"] = occasion.start.strftime("%H:%M")
        if isinstance(occasion.end, dt.datetime) and occasion.end.date() == occasion.day:
            data["endTime"] = occasion.end.strftime("%H:%M")
    if r.weekdays and r.position:  # "sista tisdagen": iCal's BYDAY, as schema.org allows
        data["byDay"] = f"{r.position}{ICAL_DAYS[r.weekdays[0]]}"
        if r.every == "year":
            data["byMonth"] = occasion.day.month
    elif r.weekdays:
        days = ["https://schema.org/" + DAYS_OF_WEEK[d] for d in r.weekdays]
        data["byDay"] = days[0] if len(days) == 1 else days
    if r.monthday:
        data["byMonthDay"] = r.monthday
    if r.months:
        data["byMonth"] = list(r.months)
    if r.until:
        data["endDate"] = r.until.isoformat()
    if r.count:
        data["repeatCount"] = r.count
    if r.exceptions:
        data["exceptDate"] = [d.isoformat() for d in r.exceptions]
    return data


def _image_url(site: Site, page: Page) -> str:
    return og_image(site, page.image.src).url


def page_graph(site: Site, page: Page) -> dict:
    """The JSON-LD of one page as a @graph."""
    base = site.config.base_url
    url = base + page.url
    language = site.language_of(page)
    contacts = list(dict.fromkeys(list(page.contacts) + list(site.config.footer_contacts)
                                  + [site.contacts[d.arg] for d in page.directives if d.name == "contact"]))
    web_page = {"@type": "AboutPage" if page.kind == "accessibility" else "WebPage", "@id": url,
                "url": url, "name": page.title, "inLanguage": language,
                "isPartOf": {"@type": "WebSite", "name": site.config.title, "url": base},
                "publisher": {"@id": _org_id(site)}, "breadcrumb": _breadcrumbs(site, page)}
    if page.summary:
        web_page["description"] = page.summary
    if page.date:
        web_page["datePublished"] = page.date.isoformat()
    if page.reviewed:
        web_page["lastReviewed"] = page.reviewed.date.isoformat()
        web_page["reviewedBy"] = {"@type": "Person", "name": page.reviewed.by}
    if page.tags:
        web_page["keywords"] = ", ".join(page.tags)
    web_page.update(_versions(site, page))
    if page.image and not page.image.decorative:
        image = {"@type": "ImageObject", "contentUrl": _image_url(site, page),
                 "caption": page.image.alt}
        if page.image.credit:
            image["creditText"] = page.image.credit
        web_page["primaryImageOfPage"] = image
    graph = [_organisation(site, contacts), web_page]
    main = _main_entity(site, page, url)
    if main:
        web_page["mainEntity"] = {"@id": main["@id"]}
        graph.append(main)
    if isinstance(page.data, News) and page.data.event:
        graph.append({**_event(site, page, page.data.event, url), "@id": url + "#event"})
    people = _people(page)
    if people:  # those who took part in an event attended it; elsewhere the page names them
        target = main if main and main["@type"] == "Event" else web_page
        target["attendee" if target is main else "mentions"] = people
    graph += [_contact(site, c, language) for c in _with_members(site, contacts)]
    shown = list(dict.fromkeys(list(page.hours) + list(site.config.footer_hours)
                               + [site.hours[d.arg] for d in page.directives if d.name == "hours"]))
    owners = {h.ref.id for c in contacts for h in c.hours if h.label or not c.is_person}
    graph += [_schedule_point(site, s, language) for s in shown if s.id not in owners]
    return {"@context": "https://schema.org", "@graph": graph}


def _page_node(site: Site, page: Page) -> dict:
    """Another page of the site, named where it is referred to (its graph is on its own page)."""
    url = site.config.base_url + page.url
    return {"@type": "WebPage", "@id": url, "url": url, "name": page.title,
            "inLanguage": site.language_of(page)}


def _versions(site: Site, page: Page) -> dict:
    """A translation names the page it translates (``translationOfWork``) and the page its
    translations (``workTranslation``). A lättläst version is ``isBasedOn`` its ordinary page
    and says in ``accessibilitySummary`` what it is: schema.org's ``accessibilityFeature``
    values describe how content is made accessible (captions, ``structuralNavigation`` …),
    and none of them means "easy-to-read language"; the main page names it as ``hasPart``
    no more than it names its translations as parts, so it only links it in its HTML."""
    versions = site.versions.get(page.url)
    if versions is None:
        return {}
    out: dict = {}
    if versions.translation_of is not None:
        out["translationOfWork"] = _page_node(site, versions.translation_of)
    others = [p for _lang, p in versions.alternates if p is not page and p is not versions.translation_of]
    if others and versions.translation_of is None:
        out["workTranslation"] = [_page_node(site, p) for p in others]
    if versions.easy_read_of is not None:
        main = versions.easy_read_of
        out["isBasedOn"] = _page_node(site, main)
        out["accessibilitySummary"] = Translator(site.language_of(page))(
            "easy_read_summary", title=main.title)
    return out


def _main_entity(site: Site, page: Page, url: str) -> Optional[dict]:
    data = page.data
    event = _event(site, page, data.event, url) if isinstance(data, (Workshop, Sprint)) and data.event else None
    if event:
        event["@id"] = url + "#event"
        if isinstance(data, Workshop) and data.organisations:
            event["contributor"] = [{"@type": "Organization", "name": n} for n in data.organisations]
        if isinstance(data, Workshop) and data.topics:
            event["about"] = [{"@type": "Thing", "name": n} for n in data.topics]
        return event
    if isinstance(data, Strategy):
        work = {"@type": "CreativeWork", "@id": url + "#strategy", "name": page.title,
                "author": {"@id": _org_id(site)}}
        if data.period_start and (data.period_end or data.period_open_ended):
            # ISO 8601 writes an interval without an end as "2016/.."
            work["temporalCoverage"] = f"{data.period_start}/{data.period_end or '..'}"
        if data.status:
            work["creativeWorkStatus"] = data.status
        if data.adopted_date:  # as far as it is known: "2020", "2020-11" or "2020-11-20"
            work["datePublished"] = data.adopted_date.isoformat()
        if data.extended and data.extended.date:
            work["dateModified"] = data.extended.date.isoformat()
        return work
    if isinstance(data, News):
        return _news_article(site, page, data, url)
    return None


def _news_article(site: Site, page: Page, news: News, url: str) -> dict:
    """A news item: Google's Article fields (headline, dates, image, publisher)."""
    article = {"@type": "NewsArticle", "@id": url + "#article", "headline": page.title,
               "url": url, "mainEntityOfPage": {"@id": url}, "inLanguage": site.language_of(page),
               "datePublished": page.date.isoformat(),
               "dateModified": (news.updated or page.date).isoformat(),
               "author": {"@id": _org_id(site)}, "publisher": {"@id": _org_id(site)}}
    if page.summary:
        article["description"] = page.summary
    if page.image and not page.image.decorative:
        article["image"] = [_image_url(site, page)]
    if page.tags:
        article["keywords"] = ", ".join(page.tags)
    if news.event:
        article["about"] = {"@id": url + "#event"}
    return article


def _people(page: Page) -> list[dict]:
    """The named participants as ``Person``s; a group of people is not a person."""
    out = []
    for p in page.participants.people if page.participants else ():
        if p.name:
            person = {"@type": "Person", "name": p.name}
            if p.title:
                person["jobTitle"] = p.title
            if p.organisation:
                person["affiliation"] = {"@type": "Organization", "name": p.organisation}
            out.append(person)
    return out


def _breadcrumbs(site: Site, page: Page) -> dict:
    items = [{"@type": "ListItem", "position": 1, "name": site.config.title, "item": site.config.base_url}]
    if page.url:
        items.append({"@type": "ListItem", "position": 2, "name": page.title,
                      "item": site.config.base_url + page.url})
    return {"@type": "BreadcrumbList", "itemListElement": items}


def listing_graph(site: Site, listing: Listing, page_type: str = "CollectionPage",
                  parts: Optional[list[tuple[str, str, str]]] = None,
                  language: Optional[str] = None) -> dict:
    """A generated page; ``parts`` (type, name, url) default to the listing's pages."""
    url = site.config.base_url + listing.url
    if parts is None:
        parts = [("WebPage", p.title, p.url) for p in listing.pages]
    node = {"@type": page_type, "@id": url, "url": url, "name": listing.title,
            "inLanguage": language or site.config.language, "publisher": {"@id": _org_id(site)}}
    if parts:
        node["hasPart"] = [{"@type": t, "name": name, "url": site.config.base_url + u}
                           for t, name, u in parts]
    return {"@context": "https://schema.org", "@graph": [
        _organisation(site, list(site.config.footer_contacts)), node,
        *[_contact(site, c, language) for c in _with_members(site, list(site.config.footer_contacts))]]}
