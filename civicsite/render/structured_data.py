"""schema.org JSON-LD for a page: the organisation, the page, its event and its contacts."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Optional
from urllib.parse import quote

from civicsite.contacts.jsonld import contact_jsonld, hours_available, organisation_jsonld
from civicsite.contacts.model import Contact, members_of
from civicsite.content.kinds import Event, Sprint, Strategy, Workshop
from civicsite.content.pages import Page
from civicsite.content.site import Site
from civicsite.content.urls import content_path_to_output
from civicsite.core.clock import STOCKHOLM
from civicsite.hours.model import OpeningHours
from civicsite.hours.view import hours_jsonld as _hours_jsonld
from civicsite.render.navigation import Listing

ATTENDANCE_MODE = {"online": "https://schema.org/OnlineEventAttendanceMode",
                   "offline": "https://schema.org/OfflineEventAttendanceMode",
                   "mixed": "https://schema.org/MixedEventAttendanceMode"}


@lru_cache(maxsize=256)
def hours_jsonld(schedule: OpeningHours, today: dt.date, language: str = "sv") -> dict:
    """Every page carries the same schedules; work each out once per build date (read-only)."""
    return _hours_jsonld(schedule, today, language)


def _org_id(site: Site) -> str:
    return site.config.base_url + "#organisation"


def _organisation(site: Site, contacts: list[Contact]) -> dict:
    org = organisation_jsonld(site.config.organisation, contacts, site.config.base_url)
    org["@id"] = _org_id(site)
    return org


def _contact_id(site: Site, contact: Contact) -> str:
    return site.config.base_url + "#contact-" + contact.id


def _contact(site: Site, contact: Contact) -> dict:
    language = site.config.language
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


def _schedule_point(site: Site, schedule: OpeningHours) -> dict:
    """Hours that no contact owns, as a ContactPoint of the organisation."""
    spec = hours_jsonld(schedule, site.build_date, site.config.language)
    return {"@type": "ContactPoint", "name": schedule.title, **hours_available(spec)}


def _iso(value) -> str:
    """Times carry Sweden's UTC offset on that day (search engines need it for timed events)."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=STOCKHOLM).isoformat(timespec="minutes")
    return value.isoformat()


def _event(site: Site, page: Page, event: Event, url: str) -> dict:
    data = {"@type": "Event", "name": page.title, "startDate": _iso(event.start),
            "eventStatus": "https://schema.org/EventScheduled", "organizer": {"@id": _org_id(site)},
            "url": url}
    if event.end:
        data["endDate"] = _iso(event.end)
    if page.summary:
        data["description"] = page.summary
    if event.attendance:
        data["eventAttendanceMode"] = ATTENDANCE_MODE[event.attendance]
    places = []
    if event.attendance in ("online", "mixed"):
        places.append({"@type": "VirtualLocation", "url": url})
    if event.location or event.attendance in (None, "offline", "mixed"):
        places.append({"@type": "Place", "name": event.location or site.config.organisation.name,
                       "address": event.location or site.config.organisation.name})
    data["location"] = places[0] if len(places) == 1 else places
    if page.image and not page.image.decorative:
        data["image"] = _image_url(site, page)
    return data


def _image_url(site: Site, page: Page) -> str:
    src = page.image.src
    return src if src.startswith("http") else \
        site.config.base_url + quote(site.published_path(content_path_to_output(src)))


def page_graph(site: Site, page: Page) -> dict:
    """The JSON-LD of one page as a @graph."""
    base = site.config.base_url
    url = base + page.url
    contacts = list(dict.fromkeys(list(page.contacts) + list(site.config.footer_contacts)
                                  + [site.contacts[d.arg] for d in page.directives if d.name == "contact"]))
    web_page = {"@type": "AboutPage" if page.kind == "accessibility" else "WebPage", "@id": url,
                "url": url, "name": page.title, "inLanguage": site.config.language,
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
    if page.image and not page.image.decorative:
        image = {"@type": "ImageObject", "contentUrl": _image_url(site, page), "caption": page.image.alt}
        if page.image.credit:
            image["creditText"] = page.image.credit
        web_page["primaryImageOfPage"] = image
    graph = [_organisation(site, contacts), web_page]
    main = _main_entity(site, page, url)
    if main:
        web_page["mainEntity"] = {"@id": main["@id"]}
        graph.append(main)
    graph += [_contact(site, c) for c in _with_members(site, contacts)]
    shown = list(dict.fromkeys(list(page.hours) + list(site.config.footer_hours)
                               + [site.hours[d.arg] for d in page.directives if d.name == "hours"]))
    owners = {h.ref.id for c in contacts for h in c.hours if h.label or not c.is_person}
    graph += [_schedule_point(site, s) for s in shown if s.id not in owners]
    return {"@context": "https://schema.org", "@graph": graph}


def _main_entity(site: Site, page: Page, url: str) -> Optional[dict]:
    data = page.data
    if isinstance(data, (Workshop, Sprint)) and data.event:
        event = _event(site, page, data.event, url)
        event["@id"] = url + "#event"
        if isinstance(data, Workshop) and data.organisations:
            event["contributor"] = [{"@type": "Organization", "name": n} for n in data.organisations]
        if isinstance(data, Workshop) and data.topics:
            event["about"] = [{"@type": "Thing", "name": n} for n in data.topics]
        return event
    if isinstance(data, Strategy):
        work = {"@type": "CreativeWork", "@id": url + "#strategy", "name": page.title,
                "author": {"@id": _org_id(site)}}
        if data.period_start and data.period_end:
            work["temporalCoverage"] = f"{data.period_start}/{data.period_end}"
        if data.status:
            work["creativeWorkStatus"] = data.status
        if data.adopted_date:
            work["datePublished"] = data.adopted_date.isoformat()
        return work
    return None


def _breadcrumbs(site: Site, page: Page) -> dict:
    items = [{"@type": "ListItem", "position": 1, "name": site.config.title, "item": site.config.base_url}]
    if page.url:
        items.append({"@type": "ListItem", "position": 2, "name": page.title,
                      "item": site.config.base_url + page.url})
    return {"@type": "BreadcrumbList", "itemListElement": items}


def listing_graph(site: Site, listing: Listing, page_type: str = "CollectionPage",
                  parts: Optional[list[tuple[str, str, str]]] = None) -> dict:
    """A generated page; ``parts`` (type, name, url) default to the listing's pages."""
    url = site.config.base_url + listing.url
    if parts is None:
        parts = [("WebPage", p.title, p.url) for p in listing.pages]
    node = {"@type": page_type, "@id": url, "url": url, "name": listing.title,
            "inLanguage": site.config.language, "publisher": {"@id": _org_id(site)}}
    if parts:
        node["hasPart"] = [{"@type": t, "name": name, "url": site.config.base_url + u}
                           for t, name, u in parts]
    return {"@context": "https://schema.org", "@graph": [
        _organisation(site, list(site.config.footer_contacts)), node,
        *[_contact(site, c) for c in _with_members(site, list(site.config.footer_contacts))]]}
