"""schema.org JSON-LD for a page: the organisation, the page, its event and its contacts."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Optional

from civicsite.contacts.jsonld import contact_jsonld, organisation_jsonld
from civicsite.contacts.model import Contact
from civicsite.content.kinds import Event, Sprint, Strategy, Workshop
from civicsite.content.pages import Page
from civicsite.content.site import Site
from civicsite.core.clock import STOCKHOLM
from civicsite.hours.model import OpeningHours
from civicsite.hours.view import hours_jsonld as _hours_jsonld
from civicsite.render.images import og_image
from civicsite.render.navigation import Listing

ATTENDANCE_MODE = {"online": "https://schema.org/OnlineEventAttendanceMode",
                   "offline": "https://schema.org/OfflineEventAttendanceMode",
                   "mixed": "https://schema.org/MixedEventAttendanceMode"}


@lru_cache(maxsize=256)
def hours_jsonld(schedule: OpeningHours, today: dt.date) -> dict:
    """Every page carries the same schedules; work each out once per build date (read-only)."""
    return _hours_jsonld(schedule, today)


def _org_id(site: Site) -> str:
    return site.config.base_url + "#organisation"


def _organisation(site: Site, contacts: list[Contact]) -> dict:
    org = organisation_jsonld(site.config.organisation, contacts, site.config.base_url)
    org["@id"] = _org_id(site)
    if site.config.logo:
        org["logo"] = og_image(site, site.config.logo.src).url
    return org


def _contact(site: Site, contact: Contact) -> dict:
    schedule = site.hours.get(contact.hours_ref.id) if contact.hours_ref else None
    hours = hours_jsonld(schedule, site.build_date) if schedule else None
    data = contact_jsonld(contact, site.config.organisation, hours)
    data["@id"] = site.config.base_url + "#contact-" + contact.id
    for key in ("worksFor", "parentOrganization"):  # one organisation node, referenced by @id
        if key in data:
            data[key] = {"@id": _org_id(site)}
    return data


def _schedule_point(site: Site, schedule: OpeningHours) -> dict:
    """Hours that no contact owns, as a ContactPoint of the organisation."""
    spec = hours_jsonld(schedule, site.build_date)
    return {"@type": "ContactPoint", "name": schedule.title,
            "hoursAvailable": spec.get("openingHoursSpecification", []),
            **({"specialOpeningHoursSpecification": spec["specialOpeningHoursSpecification"]}
               if spec.get("specialOpeningHoursSpecification") else {})}


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
    return og_image(site, page.image.src).url


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
    graph += [_contact(site, c) for c in contacts]
    shown = list(dict.fromkeys(list(page.hours) + list(site.config.footer_hours)
                               + [site.hours[d.arg] for d in page.directives if d.name == "hours"]))
    owners = {c.hours_ref.id for c in contacts if c.hours_ref and not c.is_person}
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
        *[_contact(site, c) for c in site.config.footer_contacts]]}
