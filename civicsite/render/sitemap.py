"""``sitemap.xml``: every page and generated list, with the newest date each states."""
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
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url in sorted(dates):
        lines.append(f"  <url><loc>{escape(site.config.base_url + url)}</loc>"
                     f"<lastmod>{dates[url].isoformat()}</lastmod></url>")
    return "\n".join(lines + ["</urlset>", ""])


def _stated(page: Page, build_date: dt.date) -> dt.date:
    days = [d for d in (page.reviewed.date if page.reviewed else None, page.date,
                        getattr(page.data, "updated", None), first_day(page)) if d]
    return max(days, default=build_date)
