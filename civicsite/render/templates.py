"""The Jinja environment (autoescape everywhere, strict), the helpers templates call, and the
context every page template gets."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
import json
from pathlib import Path
from typing import Optional

from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    select_autoescape,
)
from markupsafe import Markup, escape

from civicsite.contacts.model import Contact, members_of, vcard_filename
from civicsite.content.links import site_path
from civicsite.content.listings_config import LISTED_KINDS
from civicsite.content.site import Site
from civicsite.content.urls import (
    STATIC_DIR,
    content_path_to_output,
    href,
    ics_path,
    root_of,
    search_url,
    tag_url,
)
from civicsite.core import paths
from civicsite.core.i18n import Translator
from civicsite.hours.model import OpeningHours
from civicsite.hours.view import hours_view
from civicsite.content.pages import Image, Page
from civicsite.events.model import Event, Occasion
from civicsite.render.calendars import is_upcoming
from civicsite.render.images import OgImage, logo_html, og_image, picture_html, svg_html
from civicsite.render.navigation import (breadcrumbs, has_events, kind_title, next_occasions,
                                         per_site)
from civicsite.render.occasions import EventView, event_view
from civicsite.render.security import CSP


def environment() -> Environment:
    """The Jinja environment of the theme in ``paths.TEMPLATES`` (read now: tests point it at a
    copy to edit): autoescape everywhere, StrictUndefined so template typos fail."""
    return _environment(paths.TEMPLATES)


@lru_cache(maxsize=4)
def _environment(templates: Path) -> Environment:
    env = Environment(loader=FileSystemLoader(str(templates)), autoescape=select_autoescape(
        default=True, default_for_string=True), undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        auto_reload=False)  # read once per build (see templates_for_build), not stat'ed per use
    env.globals["csp"] = Markup(CSP)  # a constant without quotes: shown as written
    return env


def templates_for_build(bytecode_cache: Optional[BytecodeCache]) -> None:
    """Called once per build: the templates are read again (``serve`` builds again after one is
    edited), and kept compiled in ``bytecode_cache`` (the build cache's, whose files are
    sealed: ``build/template_cache.py``), so that a build in a new process does not compile
    them again (a tenth of a second, most of a one-page build's render). None: compile them in
    memory only."""
    env = environment()
    env.bytecode_cache = bytecode_cache
    if env.cache is not None:
        env.cache.clear()


@lru_cache(maxsize=256)
def _cached_hours_view(schedule: OpeningHours, today, language: str, data_lang: str = ""):
    """The same schedule is shown on every page; compute its view once per build date."""
    return hours_view(schedule, today, Translator(language), data_lang)


@dataclass(frozen=True)
class Helpers:
    """Functions the templates call, bound to one page (its depth and the build date)."""

    t: Translator
    root: str
    site: Site

    def href(self, path: str) -> str:
        return href(self.root, path)

    def page_href(self, page: Page) -> str:
        return href(self.root, page.url) if page.url else (self.root or "./")

    def link(self, url: str) -> str:
        """An editor's link: a site path (/naringslivsstrategi/) becomes relative, others stay."""
        return site_path(url, self.root, self.site.fingerprints) or url

    def file_href(self, src: str) -> str:
        """A link to a content file given by its path inside the content folder (or a full URL)."""
        if src.startswith(("http://", "https://")):
            return src
        return href(self.root, self.site.published_path(content_path_to_output(src)))

    def static(self, name: str) -> str:
        """A theme file (``site.css``) by its published, fingerprinted name."""
        return href(self.root, self.site.published_path(f"{STATIC_DIR}/{name}"))

    def picture(self, image: Image, eager: bool) -> Markup:
        """A page's image (front matter) in every version made of it, with its size."""
        picture = self.site.pictures.get(image.src)
        src = self.file_href(image.src)
        if picture is not None and picture.variants:
            return picture_html(picture, image.alt, self.href, eager)
        if picture is not None:
            return svg_html(picture, src, image.alt, eager)
        loading = "" if eager else ' loading="lazy" decoding="async"'  # an https:// address
        return Markup(f'<img src="{escape(src)}" alt="{escape(image.alt)}"{loading}>')

    def logo(self) -> Markup:
        """The site's logo in the header (site.yaml ``logo:``), the same on every page."""
        logo = self.site.config.logo
        return per_site(self.site, ("logo", self.root), lambda: logo_html(
            self.site.pictures[logo.src], logo.alt, self.href, self.file_href(logo.src)))

    def og_image(self, image: Image) -> OgImage:
        return og_image(self.site, image.src)

    def hours(self, schedule: OpeningHours):
        return _cached_hours_view(schedule, self.site.build_date, self.t.language,
                                  self.data_lang)

    @property
    def data_lang(self) -> str:
        """The language of what the editor wrote in site.yaml, contacts and hours (the site's)
        when this page is in another: those words are marked with it (WCAG 3.1.2); else ""."""
        site = self.site.config.language
        return site if self.t.language != site else ""

    def vcard_path(self, contact: Contact) -> str:
        return vcard_filename(contact)

    def kind_index_href(self, kind: str) -> Optional[str]:
        return href(self.root, self.site.config.listing(kind).url) \
            if kind in LISTED_KINDS and kind in self.site.kinds else None

    def calendar_href(self, page: Page) -> Optional[str]:
        """The page's "add to calendar" file, for events that have not happened yet."""
        return href(self.root, ics_path(page)) if is_upcoming(self.site, page) else None

    def date(self, value) -> str:
        return self.t.date(value)

    def day(self, value) -> str:
        """With the weekday: ``tisdag 29 augusti 2023``."""
        return self.t.date(value, "EEEE d MMMM y")

    def event_view(self, event: Event) -> EventView:
        """A series in words, the coming occasions (at most 12) and the last past ones."""
        return event_view(event, self.site.build_date, self.t)

    def next_occasion(self, page: Page) -> Optional[Occasion]:
        """The page's next occasion on or after the build date ("Kommande")."""
        return next_occasions(self.site).get(page.url)

    def partial_date(self, value) -> str:
        """A year, month or day as far as it is known (``november 2020``)."""
        return self.t.partial_date(value)

    def tag_href(self, tag: str) -> str:
        return href(self.root, tag_url(tag))

    def _once(self, template: str, key: tuple, **values) -> Markup:
        """``template`` rendered with ``values``: once per process for this site and each
        ``key`` (what, besides the language, tells one rendering from another)."""
        return per_site(self.site, (template, self.t.language, *key), lambda: Markup(
            environment().get_template(template).render(**values)))

    def footer(self, contacts: list[Contact], schedules: list[OpeningHours]) -> Markup:
        """The site footer at this depth: the same on most pages, so rendered once for each
        depth and set of blocks it shows."""
        return self._once("partials/footer.html",
                          (self.root, tuple(c.id for c in contacts), tuple(s.id for s in schedules)),
                          config=self.site.config, t=self.t, h=self, root=self.root,
                          statement=self.site.accessibility_page, footer_contacts=contacts,
                          footer_hours=schedules, dl=self.data_lang)

    def card(self, page: Page, upcoming: bool) -> Markup:
        """A page's entry in a list at this depth: the same in every list at that depth that
        holds the page (its kind's, each of its tags'), so rendered once for each."""
        return self._once("partials/card.html", (self.root, page.url, upcoming),
                          p=page, h=self, upcoming=upcoming)

    def members(self, contact: Contact) -> list[tuple[Contact, str]]:
        """A unit's members and the paths of their vCards."""
        return [(m, vcard_filename(m)) for m in members_of(contact, self.site.contacts)]

    def contact_hours(self, contact: Contact) -> list[tuple[str, object]]:
        """The labelled hours a contact block shows: (label, HoursView)."""
        return [(h.label, self.hours(self.site.hours[h.ref.id])) for h in contact.labelled_hours
                if h.ref.id in self.site.hours]

    def contact_block(self, contact: Contact, level: int) -> Markup:
        """A contact block at this depth: the same on every page that shows it, so rendered
        once for each contact, depth and heading level."""
        return self._once("blocks/contact.html", (self.root, contact.id, level),
                          contact=contact, t=self.t, level=level, root=self.root,
                          dl=self.data_lang,
                          vcard_path=vcard_filename(contact), members=self.members(contact),
                          labelled_hours=self.contact_hours(contact))

    def hours_block(self, schedule: OpeningHours, level: int, block_id: str) -> Markup:
        """An opening-hours block (it links nowhere, so the same at every depth): rendered once
        for each schedule, heading level and id."""
        return self._once("blocks/hours.html", (schedule.id, level, block_id),
                          view=self.hours(schedule), t=self.t, level=level, block_id=block_id)


def page_context(site: Site, url: str, title: str, root: Optional[str] = None,
                 description: Optional[str] = None, language: Optional[str] = None) -> dict:
    """What every template gets. ``description`` (meta and Open Graph) defaults to the site's;
    ``language`` (of the page: its interface texts, ``<html lang>``) to the site's."""
    language = language or site.config.language
    t = Translator(language)
    helpers = Helpers(t, root_of(url) if root is None else root, site)
    home = _home_in(site, language)
    return {"site": site, "config": site.config, "t": t, "h": helpers, "root": helpers.root,
            "url": url, "title": title, "canonical": site.config.base_url + url,
            "language": language, "site_language": site.config.language,
            "description": description or site.config.description,
            "statement": site.accessibility_page, "kind_indexes": _kind_indexes(site, helpers, t),
            "search_href": helpers.href(search_url(language, site.config.language)),
            "current_strategy": None, "calendar_feed": has_events(site),
            "breadcrumbs": [(name, helpers.href(u) if u else (helpers.root or "./"))
                            for name, u in breadcrumbs(site, url, t, home)],
            "alternates": (), "versions": (),
            "footer_contacts": site.config.footer_contacts, "footer_hours": site.config.footer_hours}


def _home_in(site: Site, language: str) -> str:
    """Where "Home" leads on a page in ``language``: the home page's version in it, if any."""
    if language == site.config.language:
        return ""
    versions = site.versions.get("")
    page = dict(versions.alternates).get(language) if versions else None
    return page.url if page is not None else ""


def _kind_indexes(site: Site, helpers: Helpers, t: Translator) -> list[tuple[str, str, str]]:
    """The main menu: the listing of each kind the site has, unless site.yaml says `menu: false`;
    (label, link, the label's language when it is not the page's: site.yaml's own titles are
    in the site's language)."""
    kinds = site.kinds
    other = t.language != site.config.language
    return [(kind_title(site, k, t), helpers.href(site.config.listing(k).url),
             site.config.language if other and site.config.listing(k).title else "")
            for k in LISTED_KINDS if k in kinds and site.config.listing(k).menu]


def jsonld_script(graph: dict) -> Markup:
    """JSON for a <script> element: ``</`` and ``<!--`` cannot end or confuse the element."""
    text = json.dumps(graph, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)
