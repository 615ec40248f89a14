"""``sitemap.xml``: every page and generated list, with the newest date each states, and the
language versions of each translated page (``xhtml:link``)."""
from __future__ import annotations

import datetime as dt

from civicsite.content.pages import Page
from civicsite.content.site import Site
from civicsite.content.urls import TAG_DIR
from civicsite.render.calendars import first_day
from civicsite.render.feed import escape
from civicsite.render.navigation import collections, tag_groups


def sitemap(site: Site) -> str:
    """Every page and every page of each generated list; lastmod is the newest date a page states (review, date,
    event), a list's is its newest page's, else the build date (deterministic, never the clock)."""
    dates = {p.url: _stated(p, site.build_date) for p in site.pages}
    lists = [(c.url_of(n), c.pages_of(n)) for c in collections(site) for n in range(1, c.count + 1)]
    if tag_groups(site):
        lists.append((TAG_DIR + "/", tuple(p for _, _, ps in tag_groups(site) for p in ps)))
    for url, pages in lists:
        dates[url] = max((dates[p.url] for p in pages), default=site.build_date)
    dates.setdefault("", max(dates.values(), default=site.build_date))
    alternates = {url: v.alternates for url, v in site.versions.items() if len(v.alternates) > 1}
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
             + (' xmlns:xhtml="http://www.w3.org/1999/xhtml">' if alternates else ">")]
    for url in sorted(dates):
        links = "".join(_alternate(site, lang, p.url) for lang, p in alternates.get(url, ()))
        if links:
            links += _alternate(site, "x-default", site.versions[url].default.url)
        lines.append(f"  <url><loc>{escape(site.config.base_url + url)}</loc>"
                     f"<lastmod>{dates[url].isoformat()}</lastmod>{links}</url>")
    return "\n".join(lines + ["</urlset>", ""])


def _alternate(site: Site, hreflang: str, url: str) -> str:
    """A version of the page in another language (Google's sitemap form of hreflang): every
    version lists them all, itself too, and x-default (the one in the site's language)."""
    return (f'<xhtml:link rel="alternate" hreflang="{hreflang}" '
            f'href="{escape(site.config.base_url + url).replace(chr(34), "&quot;")}"/>')


def _stated(page: Page, build_date: dt.date) -> dt.date:
    days = [d for d in (page.reviewed.date if page.reviewed else None, page.date,
                        getattr(page.data, "updated", None), first_day(page)) if d]
    return max(days, default=build_date)
