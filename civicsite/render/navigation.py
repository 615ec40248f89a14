"""Site-wide views the templates need: tag groups, breadcrumbs, the current strategy, and every
generated listing page by page."""
from __future__ import annotations

from dataclasses import dataclass
import threading
from typing import Optional

from civicsite.content import collections as lists
from civicsite.content.collections import Collection, newest_first
from civicsite.content.pages import Page
from civicsite.content.site import Site
from civicsite.content.urls import TAG_DIR
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
    """``(url, tag, pages)`` per tag, sorted by tag (see ``collections.tag_groups``)."""
    return per_site(site, "tag_groups", lambda: lists.tag_groups(site.listed))


def collections(site: Site) -> list[Collection]:
    """Every generated list of the site: kinds, news by year, tags."""
    return per_site(site, "collections",
                    lambda: lists.collections(site.pages, site.config, tag_groups(site)))


def has_events(site: Site) -> bool:
    """Whether a listed page has a dated occasion (then evenemang.ics exists)."""
    return per_site(site, "has_events", lambda: any(dated(p.data) for p in site.listed))


def next_occasions(site: Site) -> dict[str, Occasion]:
    """Page URL → its next occasion on or after the build date, for the pages that have one."""
    return per_site(site, "next_occasions", lambda: {
        p.url: o for p in site.pages if (o := next_of(site, p)) is not None})


def _titles(site: Site, t: Translator) -> dict[str, str]:
    return per_site(site, "titles/" + t.language, lambda: _compute_titles(site, t))


def _compute_titles(site: Site, t: Translator) -> dict[str, str]:
    """Every URL that has a page of its own → its title (pages, kind lists, tag pages)."""
    titles = {p.url: p.title for p in site.pages}
    titles.update({c.url: collection_title(site, c, t) for c in collections(site)})
    if tag_groups(site):
        titles[TAG_DIR + "/"] = t("tags_title")
    return titles


def kind_title(site: Site, kind: str, t: Translator) -> str:
    """A kind's listing's heading and menu label: site.yaml's `kinds.<kind>.title`, or ours."""
    return site.config.listing(kind).title or t(f"kind_index_{kind}")


def collection_title(site: Site, c: Collection, t: Translator) -> str:
    if c.tag is not None:
        return t("tag_title", tag=c.tag)
    if c.year is not None:
        return t("news_year_title", title=kind_title(site, "news", t), year=c.year)
    return kind_title(site, c.kind, t)


def breadcrumbs(site: Site, url: str, t: Translator, home: str = "") -> list[tuple[str, str]]:
    """``[(title, url)]`` from the home page (``home``: the home page's version in the page's
    language) down to the parent of ``url``; empty on the home page. Folders without a page of
    their own are left out."""
    if not url or url == home or url.endswith(".html"):
        return []
    titles = _titles(site, t)
    crumbs = [(t("home"), home)]
    parts = url.strip("/").split("/")
    for i in range(1, len(parts)):
        parent = "/".join(parts[:i]) + "/"
        if parent in titles and parent != home:
            crumbs.append((titles[parent], parent))
    return crumbs


def current_strategy(site: Site) -> Optional[Page]:
    """The strategy in force on the build date, else the newest one that has not expired."""
    year = site.build_date.year
    strategies = [p for p in site.listed if p.kind == "strategy" and p.data.status != "expired"]
    in_force = [p for p in strategies if p.data.status == "adopted"
                and (p.data.period_start or year) <= year <= (p.data.period_end or year)]
    pool = in_force or strategies
    return max(pool, key=lambda p: (p.data.period_start or 0, p.date or site.build_date, p.title),
               default=None)


@dataclass(frozen=True)
class Listing:
    """A generated page listing pages: the home page, one page of a kind's, a year's or a
    tag's list, the tag index or the search page."""

    url: str
    title: str
    pages: tuple[Page, ...]
    upcoming: tuple[Page, ...] = ()
    number: int = 1                          # which page of its list this is
    page_urls: tuple[str, ...] = ()          # every page of the list (more than one: a pager)
    years: tuple[tuple[int, str], ...] = ()  # news: each year's list (year, url), newest first
    description: Optional[str] = None        # for search engines (meta description)

    @property
    def count(self) -> int:
        return max(1, len(self.page_urls))

    def pager(self, around: int = 2) -> list[Optional[int]]:
        """The page numbers the pager links to: the first, the last and ``around`` on each side
        of this one; None where numbers are left out."""
        shown = [n for n in range(1, self.count + 1)
                 if n in (1, self.count) or abs(n - self.number) <= around]
        out: list[Optional[int]] = []
        for n in shown:
            if out and n - out[-1] == 2:  # one number left out: show it rather than "…"
                out.append(n - 1)
            elif out and n - out[-1] > 2:
                out.append(None)
            out.append(n)
        return out


def site_children(site: Site, page: Page) -> tuple[Page, ...]:
    url = page.url if page is not None else None
    return tuple(newest_first(p for p in site.listed if p.url != url and p.kind != "accessibility"))


def upcoming_events(site: Site) -> tuple[Page, ...]:
    """Pages with an occasion on or after the build date, by their next one, soonest first."""
    coming = next_occasions(site)
    events = [(coming[p.url].day, p.title, p) for p in site.listed if p.url in coming]
    return tuple(p for _, _, p in sorted(events, key=lambda x: x[:2]))


def listings(site: Site) -> list[Listing]:
    """Every page of every generated list (kinds, news by year, tags); upcoming events on the
    first page of a kind's listing."""
    t = Translator(site.config.language)
    all_lists = collections(site)
    years = tuple((c.year, c.url) for c in all_lists if c.year is not None)
    out = []
    for c in all_lists:
        upcoming = tuple(p for p in upcoming_events(site) if p.kind == c.kind) \
            if c.kind and c.year is None else ()
        urls = c.urls if c.count > 1 else ()
        title = collection_title(site, c, t)
        description = t("tag_description", tag=c.tag, site=site.config.title) if c.tag else \
            t("listing_description", title=title, site=site.config.title)
        for n in range(1, c.count + 1):
            out.append(Listing(c.url_of(n), title, c.pages_of(n), upcoming if n == 1 else (), n,
                               urls, years if c.kind == "news" else (), description))
    return out
