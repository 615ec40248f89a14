"""The whole site as one model: settings from site.yaml, data tables, pages and files."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from . import fields as F
from .colors import Colors, parse_colors
from .contacts import Contact, Organisation, organisation
from .discover import SourceFile
from .fields import Ctx, Fields
from .hours import OpeningHours
from .i18n import LANGUAGES
from .pages import Link, Page, link
from .refs import ref

SITE_FIELDS = ("title", "description", "base_url", "language", "organisation", "footer",
               "more_sites", "review_interval_months", "colors")


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


@dataclass(frozen=True)
class Site:
    """Everything the renderer needs, loaded and resolved."""

    config: SiteConfig
    contacts: dict[str, Contact]
    hours: dict[str, OpeningHours]
    pages: tuple[Page, ...]        # the pages to publish (drafts only with --drafts)
    assets: tuple[SourceFile, ...]
    build_date: dt.date

    @property
    def accessibility_page(self) -> Optional[Page]:
        return next((p for p in self.pages if p.kind == "accessibility"), None)

    @property
    def home(self) -> Optional[Page]:
        return next((p for p in self.pages if p.url == ""), None)


def parse_site_config(node, ctx: Ctx, contacts: dict[str, Contact], hours: dict[str, OpeningHours],
                      base_url_override: Optional[str]) -> Optional[SiteConfig]:
    """site.yaml with its footer references resolved."""
    f = Fields.of(node, ctx, SITE_FIELDS)
    if f is None:
        return None
    title = f.get("title", F.text, required=True, hint="for example `title: Näringsliv i Hallstahammar`")
    org = f.get("organisation", organisation, required=True,
                hint="for example `organisation: {name: Hallstahammars kommun, url: https://www.hallstahammar.se}`")
    base_url = base_url_override or f.get("base_url", F.url) or "/"
    if base_url != "/" and not base_url.startswith(("http://", "https://")):
        f.sub("base_url").error(f'"{base_url}" must be a full address such as https://naringsliv.example.se/')
    footer_contacts, footer_hours = [], []
    if "footer" in f:
        ff = Fields.of(f.node("footer"), f.sub("footer"), ("contacts", "hours"))
        if ff is not None:
            ids = F.list_of(ref, allow_single=True)
            footer_contacts = [c for r in ff.get("contacts", ids, default=[])
                               if (c := r.resolve(contacts, "contact", "contacts.yaml"))]
            footer_hours = [h for r in ff.get("hours", ids, default=[])
                            if (h := r.resolve(hours, "opening hours", "hours.yaml"))]
    if title is None or org is None:
        return None
    return SiteConfig(
        title=title,
        description=f.get("description", F.text),
        base_url=base_url if base_url.endswith("/") else base_url + "/",
        language=f.get("language", F.one_of(*LANGUAGES), default="sv"),
        organisation=org,
        footer_contacts=tuple(footer_contacts),
        footer_hours=tuple(footer_hours),
        more_sites=tuple(f.get("more_sites", F.list_of(link), default=[])),
        review_interval_months=f.get("review_interval_months", F.integer),
        colors=f.get("colors", parse_colors) or Colors(),
    )
