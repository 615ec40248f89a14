"""The generated lists of pages — each kind's listing, the news of each year, each tag's pages —
with their addresses, split into pages of ``per_page``: page 1 at the list's own address, page n
at ``<address>sida/<n>/``. Made from the pages and site.yaml alone, so the checks reserve exactly
the addresses the renderer fills."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

from civicsite.content.languages import listed
from civicsite.content.listings_config import LISTED_KINDS, PER_PAGE, KindSettings
from civicsite.content.pages import Page
from civicsite.content.site import SiteConfig
from civicsite.content.urls import TAG_DIR, tag_url
from civicsite.core.fields import Ctx
from civicsite.core.i18n import SITE_LANGUAGE
from civicsite.core.messages import _

PAGE_DIR = "sida"  # page n of a list: <list>/sida/<n>/


@dataclass(frozen=True)
class Collection:
    """One generated list: its address, its pages newest first, and how many a page shows."""

    url: str
    pages: tuple[Page, ...]
    per_page: int = PER_PAGE
    kind: Optional[str] = None   # a kind's listing, or (with year) its news of one year
    year: Optional[int] = None
    tag: Optional[str] = None    # a tag's pages (the spelling shown)

    @property
    def count(self) -> int:
        """How many pages the list has (at least one, even when empty)."""
        return max(1, -(-len(self.pages) // self.per_page))

    def url_of(self, number: int) -> str:
        return self.url if number == 1 else f"{self.url}{PAGE_DIR}/{number}/"

    def pages_of(self, number: int) -> tuple[Page, ...]:
        return self.pages[(number - 1) * self.per_page:number * self.per_page]

    @property
    def urls(self) -> tuple[str, ...]:
        return tuple(self.url_of(n) for n in range(1, self.count + 1))


def newest_first(pages: Iterable[Page]) -> list[Page]:
    return sorted(pages, key=_newest_key, reverse=True)


def _newest_key(page: Page) -> tuple[str, str]:
    return (page.date.isoformat() if page.date else "", page.title)


class _Order:
    """``newest_first`` of many groups of one list of pages, from one sort of the list: a group
    taken from it in its order (a subsequence) is sorted by each page's place in the sorted
    list, which is the order ``newest_first`` gives it, ties included (both sorts are stable)."""

    def __init__(self, pages: list[Page]):
        self.place = {id(p): i for i, p in enumerate(newest_first(pages))}

    def newest_first(self, group: Iterable[Page]) -> list[Page]:
        group = list(group)
        if not all(id(p) in self.place for p in group):  # not from this list: the plain way
            return newest_first(group)
        return sorted(group, key=lambda p: self.place[id(p)])


def settings(config: Optional[SiteConfig], kind: str) -> KindSettings:
    return config.listing(kind) if config is not None else KindSettings(kind)


def kind_collections(pages: Iterable[Page], config: Optional[SiteConfig],
                     order: Optional[_Order] = None) -> list[Collection]:
    """One listing per kind that has pages, newest first."""
    pages = list(pages)
    sort = order.newest_first if order is not None else newest_first
    out = []
    for kind in LISTED_KINDS:
        mine = [p for p in pages if p.kind == kind]
        if mine:
            s = settings(config, kind)
            out.append(Collection(s.url, tuple(sort(mine)), s.per_page, kind))
    return out


def year_collections(pages: Iterable[Page], config: Optional[SiteConfig],
                     order: Optional[_Order] = None) -> list[Collection]:
    """The news of each year (``nyheter/2026/``), newest year first."""
    s = settings(config, "news")
    sort = order.newest_first if order is not None else newest_first
    by_year: dict[int, list[Page]] = {}
    for page in pages:
        if page.kind == "news" and page.date:
            by_year.setdefault(page.date.year, []).append(page)
    return [Collection(f"{s.url}{year}/", tuple(sort(by_year[year])), s.per_page, "news",
                       year) for year in sorted(by_year, reverse=True)]


def tag_groups(pages: Iterable[Page]) -> list[tuple[str, str, tuple[Page, ...]]]:
    """``(url, tag, pages)`` per tag, sorted by tag; tags that give the same URL ("Företag",
    "företag") are one group, named by the spelling that sorts first."""
    groups: dict[str, tuple[str, list]] = {}
    for page in pages:
        for tag in page.tags:
            url = tag_url(tag)
            name, mine = groups.setdefault(url, (tag, []))
            if tag < name:
                groups[url] = (tag, mine)
            if not mine or mine[-1] is not page:  # a page's tags come together
                mine.append(page)
    return sorted(((url, name, tuple(mine)) for url, (name, mine) in groups.items()),
                  key=lambda g: (g[1].casefold(), g[1]))


def tag_collections(groups: list[tuple[str, str, tuple[Page, ...]]],
                    order: Optional[_Order] = None) -> list[Collection]:
    sort = order.newest_first if order is not None else newest_first
    return [Collection(url, tuple(sort(pages)), tag=name) for url, name, pages in groups]


def collections(pages: Iterable[Page], config: Optional[SiteConfig],
                groups: Optional[list] = None) -> list[Collection]:
    """Every generated list of the site; ``groups``: its ``tag_groups``, when already known.
    Pages in another language than the site's and lättläst versions are in none (``listed``)."""
    pages = listed(pages, config.language if config is not None else SITE_LANGUAGE)
    order = _Order(pages)  # one sort for every list (tens of thousands of tag entries)
    return (kind_collections(pages, config, order) + year_collections(pages, config, order)
            + tag_collections(tag_groups(pages) if groups is None else groups, order))


def reserved(pages: Iterable[Page], config: Optional[SiteConfig]) -> dict[str, tuple[str, Optional[Ctx]]]:
    """Output path of every page of every generated list → (what it is, for messages; the
    site.yaml `path:` that put it there, if one did)."""
    out: dict[str, tuple[str, Optional[Ctx]]] = {}
    lists = collections(pages, config)
    for c in lists:
        if c.tag is not None:
            what = _('the generated page of the tag "{tag}"', tag=c.tag)
        elif c.year is not None:
            what = _("the generated list of news from {year}", year=c.year)
        else:
            what = _("the generated list of {kind} pages", kind=c.kind)
        where = settings(config, c.kind).where if c.kind else None
        for n, url in enumerate(c.urls, 1):
            out[url + "index.html"] = (what if n == 1 else _("page {number} of {what}", number=n,
                                                             what=what), where)
    if any(c.tag is not None for c in lists):
        out[TAG_DIR + "/index.html"] = (_("the generated list of tags"), None)
    return out
