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
from civicsite.content.listings_config import KindSettings, parse_kinds, settings_for
from civicsite.content.pages import LINK, Link, Page, link
from civicsite.core import fields as F
from civicsite.core.fields import Ctx, Field, Fields, Record
from civicsite.core.messages import N_, _
from civicsite.core.i18n import LANGUAGES
from civicsite.core.refs import ref
from civicsite.hours.model import OpeningHours

_IDS = F.list_of(ref, allow_single=True)
FOOTER = Record("footer", {
    "contacts": Field(_IDS, description="Kontaktblock i sidfoten: id i contacts.yaml"),
    "hours": Field(_IDS, description="Öppettider i sidfoten: id i hours.yaml"),
})
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
}, description="Webbplatsens inställningar")
SITE_FIELDS = tuple(SITE)


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

    def published_path(self, path: str) -> str:
        """Where an output file is published: its fingerprinted name for CSS, JS and images."""
        return self.fingerprints.get(path, path)

    @cached_property
    def kinds(self) -> frozenset[str]:
        """The page kinds the site has (every page's menu shows their lists)."""
        return frozenset(p.kind for p in self.pages)

    @cached_property
    def page_urls(self) -> dict[str, str]:
        """Path of each page's file inside the content folder → its URL (for body links)."""
        return {p.source.key: p.url for p in self.pages}

    @cached_property
    def asset_paths(self) -> frozenset[str]:
        """Path of each content file inside the content folder."""
        return frozenset(a.key for a in self.assets)

    @cached_property
    def accessibility_page(self) -> Optional[Page]:
        return next((p for p in self.pages if p.kind == "accessibility"), None)

    @cached_property
    def home(self) -> Optional[Page]:
        return next((p for p in self.pages if p.url == ""), None)


def parse_site_config(node, ctx: Ctx, contacts: dict[str, Contact], hours: dict[str, OpeningHours],
                      base_url_override: Optional[str]) -> Optional[SiteConfig]:
    """site.yaml with its footer references resolved."""
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
        language=f.get("language", default="sv"),
        organisation=org,
        footer_contacts=tuple(footer_contacts),
        footer_hours=tuple(footer_hours),
        more_sites=tuple(f.get("more_sites", F.list_of(link), default=[])),
        review_interval_months=f.get("review_interval_months"),
        colors=f.get("colors") or Colors(),
        kinds=f.get("kinds", default=()),
        admin=f.get("admin"),
    )
