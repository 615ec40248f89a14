"""Site-wide views the templates need: tag groups, breadcrumbs, the current strategy."""
from __future__ import annotations

from dataclasses import dataclass
import threading
from typing import Optional

from civicsite.content.pages import Page
from civicsite.content.site import Site
from civicsite.content.urls import KIND_INDEX, TAG_DIR, kind_index_url, tag_url
from civicsite.core.i18n import Translator
from civicsite.content.kinds import dated
from civicsite.events.model import Occasion
from civicsite.render.calendars import next_of

# per thread: `serve` renders an edited page from the last site while a build renders the next
_LOCAL = threading.local()


def per_site(site: Site, name, compute):
    """``compute()``, once per site being rendered (per process and thread) under ``name``."""
    cache = getattr(_LOCAL, "cache", None)
    if cache is None or cache.get("site") is not site:
        cache = _LOCAL.cache = {"site": site}  # {"site": the site, name: value}
    if name not in cache:
        cache[name] = compute()
    return cache[name]


def tag_groups(site: Site) -> list[tuple[str, str, tuple[Page, ...]]]:
    """``(url, tag, pages)`` per tag, sorted by tag; tags that give the same URL ("Företag",
    "företag") are one group, named by the spelling that sorts first."""
    return per_site(site, "tag_groups", lambda: _compute_tag_groups(site))


def _compute_tag_groups(site: Site) -> list[tuple[str, str, tuple[Page, ...]]]:
    groups: dict[str, tuple[str, list]] = {}
    for page in site.pages:
        for tag in page.tags:
            url = tag_url(tag)
            name, pages = groups.setdefault(url, (tag, []))
            if tag < name:
                groups[url] = (tag, pages)
            if not pages or pages[-1] is not page:  # a page's tags come together
                pages.append(page)
    return sorted(((url, name, tuple(pages)) for url, (name, pages) in groups.items()),
                  key=lambda g: (g[1].casefold(), g[1]))


def has_events(site: Site) -> bool:
    """Whether a page has a dated occasion (then evenemang.ics exists)."""
    return per_site(site, "has_events", lambda: any(dated(p.data) for p in site.pages))


def next_occasions(site: Site) -> dict[str, Occasion]:
    """Page URL → its next occasion on or after the build date, for the pages that have one."""
    return per_site(site, "next_occasions", lambda: {
        p.url: o for p in site.pages if (o := next_of(site, p)) is not None})


def _titles(site: Site, t: Translator) -> dict[str, str]:
    return per_site(site, "titles/" + t.language, lambda: _compute_titles(site, t))


def _compute_titles(site: Site, t: Translator) -> dict[str, str]:
    """Every URL that has a page of its own → its title (pages, kind lists, tag pages)."""
    titles = {p.url: p.title for p in site.pages}
    kinds = site.kinds
    titles.update({kind_index_url(k): t(f"kind_index_{k}") for k in KIND_INDEX if k in kinds})
    groups = tag_groups(site)
    if groups:
        titles[TAG_DIR + "/"] = t("tags_title")
    titles.update({url: t("tag_title", tag=name) for url, name, _ in groups})
    return titles


def breadcrumbs(site: Site, url: str, t: Translator) -> list[tuple[str, str]]:
    """``[(title, url)]`` from the home page down to the parent of ``url``; empty on the home
    page. Folders without a page of their own are left out."""
    if not url or url.endswith(".html"):
        return []
    titles = _titles(site, t)
    crumbs = [(t("home"), "")]
    parts = url.strip("/").split("/")
    for i in range(1, len(parts)):
        parent = "/".join(parts[:i]) + "/"
        if parent in titles:
            crumbs.append((titles[parent], parent))
    return crumbs


def current_strategy(site: Site) -> Optional[Page]:
    """The strategy in force on the build date, else the newest one that has not expired."""
    year = site.build_date.year
    strategies = [p for p in site.pages if p.kind == "strategy" and p.data.status != "expired"]
    in_force = [p for p in strategies if p.data.status == "adopted"
                and (p.data.period_start or year) <= year <= (p.data.period_end or year)]
    pool = in_force or strategies
    return max(pool, key=lambda p: (p.data.period_start or 0, p.date or site.build_date, p.title),
               default=None)


@dataclass(frozen=True)
class Listing:
    """A generated page listing pages (home page or a kind's index)."""

    url: str
    title: str
    pages: tuple[Page, ...]
    upcoming: tuple[Page, ...] = ()


def site_children(site: Site, page: Page) -> tuple[Page, ...]:
    url = page.url if page is not None else None
    return tuple(newest_first(p for p in site.pages if p.url != url and p.kind != "accessibility"))


def upcoming_events(site: Site) -> tuple[Page, ...]:
    """Pages with an occasion on or after the build date, by their next one, soonest first."""
    coming = next_occasions(site)
    events = [(coming[p.url].day, p.title, p) for p in site.pages if p.url in coming]
    return tuple(p for _, _, p in sorted(events, key=lambda x: x[:2]))


def newest_first(pages) -> list[Page]:
    return sorted(pages, key=lambda p: (p.date.isoformat() if p.date else "", p.title), reverse=True)


def kind_listings(site: Site) -> list[Listing]:
    """One listing per kind that has pages, newest first."""
    t = Translator(site.config.language)
    out = []
    for kind in KIND_INDEX:
        pages = [p for p in site.pages if p.kind == kind]
        if pages:
            upcoming = tuple(p for p in upcoming_events(site) if p.kind == kind)
            out.append(Listing(kind_index_url(kind), t(f"kind_index_{kind}"),
                               tuple(newest_first(pages)), upcoming))
    return out
