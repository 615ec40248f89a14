"""The whole site as one model: settings from site.yaml, data tables, pages and files."""
from __future__ import annotations

from dataclasses import dataclass, field
import datetime as dt
from functools import cached_property
from typing import Mapping, Optional

from civicsite.contacts.model import Contact, Organisation, organisation
from civicsite.content.admin import AdminSettings, admin_settings
from civicsite.content.colors import Colors, parse_colors
from civicsite.content.discover import SourceFile
from civicsite.content.languages import Versions, language_of, listed, page_versions
from civicsite.content.listings_config import KindSettings, parse_kinds, settings_for
from civicsite.content.files import Tables, content_file
from civicsite.content.pages import LINK, Link, Page, link
from civicsite.content.urls import content_path_to_output
from civicsite.core import fields as F
from civicsite.core.fields import Ctx, Field, Fields, Record
from civicsite.core.messages import N_, _
from civicsite.core.i18n import LANGUAGES, SITE_LANGUAGE
from civicsite.core.refs import ref
from civicsite.hours.model import OpeningHours
from civicsite.images.probe import IMAGE_SUFFIXES
from civicsite.images.variants import Icons, Picture

_IDS = F.list_of(ref, allow_single=True)
FOOTER = Record("footer", {
    "contacts": Field(_IDS, description="Kontaktblock i sidfoten: id i contacts.yaml"),
    "hours": Field(_IDS, description="Öppettider i sidfoten: id i hours.yaml"),
})
LOGO = Record("logo", {
    "src": Field(F.text, required=True, description="Logotypens fil i innehållsmappen (SVG, PNG, "
                 "JPEG, GIF eller WebP), t.ex. logo.svg"),
    "alt": Field(F.text, required=True, description="Vad logotypen säger, t.ex. kommunens namn",
                 hint=N_("for example `alt: Hallstahammars kommun`")),
}, description="Logotypen i sidhuvudet; webbplatsens ikoner görs av den")
SITE = Record("site.yaml", {
    "title": Field(F.text, required=True, description="Webbplatsens namn",
                   hint=N_("for example `title: Näringsliv i Hallstahammar`")),
    "description": Field(F.text, description="En mening om webbplatsen (sökmotorer, förstasidan)"),
    "base_url": Field(F.url, description="Webbplatsens adress, t.ex. https://naringsliv.example.se/"),
    "language": Field(F.one_of(*LANGUAGES), description="Språk: sv (standard) eller en"),
    "organisation": Field(organisation, required=True, description="Kommunen: {name, url}",
                          hint=N_("for example `organisation: {name: Hallstahammars kommun, url: "
                                  "https://www.hallstahammar.se}`")),
    "footer": Field(FOOTER, description="Sidfotens block: {contacts, hours}"),
    "more_sites": Field(F.list_of(LINK), description="Fler webbplatser: [{title, url}]"),
    "review_interval_months": Field(F.integer, description="Hur många månader en granskning "
                                    "(reviewed) gäller innan check påminner"),
    "colors": Field(parse_colors, description="Webbplatsens färger: {primary, link, text}"),
    "kinds": Field(parse_kinds, description="Sidtypernas listor: rubrik, adress, meny och antal "
                   "per sida, t.ex. sprint: {title: Företagsbesök, path: foretagsbesok}"),
    "admin": Field(admin_settings, description="Redigering i webbläsaren: {backend, repo, branch, "
                   "auth_url, app_id, api_root, review}; sätts upp av IT"),
    "logo": Field(LOGO, description="Logotypen: {src, alt}"),
}, description="Webbplatsens inställningar")
SITE_FIELDS = tuple(SITE)


@dataclass(frozen=True)
class Logo:
    """The organisation's logo (site.yaml ``logo:``)."""

    src: str   # path inside the content folder
    alt: str


@dataclass(frozen=True)
class SiteConfig:
    """site.yaml."""

    title: str
    description: Optional[str]
    base_url: str                  # always ends with "/"
    language: str                  # sv | en
    organisation: Organisation
    footer_contacts: tuple[Contact, ...]
    footer_hours: tuple[OpeningHours, ...]
    more_sites: tuple[Link, ...]
    review_interval_months: Optional[int]
    colors: Colors = Colors()
    kinds: tuple[KindSettings, ...] = ()  # `kinds:` as written; see listing()
    admin: Optional[AdminSettings] = None  # where /admin/ commits (build --admin)
    logo: Optional[Logo] = None

    def listing(self, kind: str) -> KindSettings:
        """The settings of ``kind``'s generated listing (title, path, menu, per_page)."""
        return settings_for(self.kinds, kind)


@dataclass(frozen=True)
class Site:
    """Everything the renderer needs, loaded and resolved."""

    config: SiteConfig
    contacts: dict[str, Contact]
    hours: dict[str, OpeningHours]
    pages: tuple[Page, ...]        # the pages to publish (drafts only with --drafts)
    assets: tuple[SourceFile, ...]
    build_date: dt.date
    fingerprints: Mapping[str, str] = field(default_factory=dict)  # output path → hashed name
    # path inside the content folder → how each image (raster or SVG) is published
    pictures: Mapping[str, Picture] = field(default_factory=dict)
    icons: Optional[Icons] = None  # favicon.ico and apple-touch-icon.png

    def published_path(self, path: str) -> str:
        """Where an output file is published: its fingerprinted name for CSS, JS and images."""
        return self.fingerprints.get(path, path)

    @cached_property
    def kinds(self) -> frozenset[str]:
        """The page kinds the site lists (every page's menu shows their lists)."""
        return frozenset(p.kind for p in self.listed)

    @cached_property
    def page_urls(self) -> dict[str, str]:
        """Path of each page's file inside the content folder → its URL (for body links)."""
        return {p.source.key: p.url for p in self.pages}

    @cached_property
    def asset_paths(self) -> frozenset[str]:
        """Path of each content file inside the content folder."""
        return frozenset(a.key for a in self.assets)

    @cached_property
    def pictures_by_path(self) -> dict[str, Picture]:
        """Each picture by the output path links to it lead to (its fingerprinted name)."""
        return {self.published_path(content_path_to_output(key)): picture
                for key, picture in self.pictures.items()}

    def language_of(self, page: Page) -> str:
        """The language ``page`` is published in (its ``language:``, else the site's)."""
        return language_of(page, self.config.language)

    @cached_property
    def listed(self) -> tuple[Page, ...]:
        """The pages the generated lists, the feed and the site calendar hold: in the site's
        language, and not lättläst versions."""
        return tuple(listed(self.pages, self.config.language))

    @cached_property
    def versions(self) -> dict[str, Versions]:
        """Page URL → its translations and lättläst version (pages that have any)."""
        return page_versions(self.pages, self.config.language)

    @cached_property
    def languages(self) -> tuple[str, ...]:
        """Every language a page is published in, the site's first."""
        others = {self.language_of(p) for p in self.pages} - {self.config.language}
        return (self.config.language, *sorted(others))

    @cached_property
    def accessibility_page(self) -> Optional[Page]:
        return next((p for p in self.pages if p.kind == "accessibility"), None)

    @cached_property
    def home(self) -> Optional[Page]:
        return next((p for p in self.pages if p.url == ""), None)


def parse_site_config(node, ctx: Ctx, src: SourceFile, tables: Tables,
                      base_url_override: Optional[str]) -> Optional[SiteConfig]:
    """site.yaml (the file ``src``) with its footer references and logo resolved."""
    contacts, hours = tables.contacts, tables.hours
    f = Fields.of(node, ctx, SITE)
    if f is None:
        return None
    title = f.get("title")
    org = f.get("organisation")
    base_url = base_url_override or f.get("base_url") or "/"
    if base_url != "/" and not base_url.startswith(("http://", "https://")):
        f.sub("base_url").error(_('"{value}" must be a full address such as '
                                  "https://naringsliv.example.se/", value=base_url))
    footer_contacts, footer_hours = [], []
    if "footer" in f:
        ff = Fields.of(f.node("footer"), f.sub("footer"), FOOTER)
        if ff is not None:
            footer_contacts = [c for r in ff.get("contacts", default=[])
                               if (c := r.resolve(contacts, "contact", "contacts.yaml"))]
            footer_hours = [h for r in ff.get("hours", default=[])
                            if (h := r.resolve(hours, "opening hours", "hours.yaml"))]
    if title is None or org is None:
        return None
    return SiteConfig(
        title=title,
        description=f.get("description"),
        base_url=base_url if base_url.endswith("/") else base_url + "/",
        language=f.get("language", default=SITE_LANGUAGE),
        organisation=org,
        footer_contacts=tuple(footer_contacts),
        footer_hours=tuple(footer_hours),
        more_sites=tuple(f.get("more_sites", F.list_of(link), default=[])),
        review_interval_months=f.get("review_interval_months"),
        colors=f.get("colors") or Colors(),
        kinds=f.get("kinds", default=()),
        admin=f.get("admin"),
        logo=f.get("logo", _logo_parser(src, tables)),
    )


def _logo_parser(src: SourceFile, tables: Tables) -> F.Parser[Logo]:
    def parse(node, ctx: Ctx) -> Optional[Logo]:
        f = Fields.of(node, ctx, LOGO)
        if f is None:
            return None
        path, alt = f.get("src"), f.get("alt")
        if path and path.startswith(("http://", "https://")):
            f.sub("src").error(_("the logo must be a file in the content folder (the site's icons "
                                 "are made from it), not an address"))
            return None
        path = content_file(src, tables, path, f.sub("src")) if path else None
        if path and not path.lower().endswith(IMAGE_SUFFIXES):
            f.sub("src").error(_("the logo must be an SVG, PNG, JPEG, GIF or WebP file"))
            return None
        return Logo(path, alt) if path and alt else None
    return parse
