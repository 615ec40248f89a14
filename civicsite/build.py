"""The pipeline: discover → load + validate → resolve → render → write."""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional
from xml.sax.saxutils import escape

from .contacts import vcard, vcard_filename
from .errors import Diagnostics
from .fields import STOCKHOLM
from .calendar_file import calendar_file, has_calendar_file
from .feed import FEED_PATH, atom_feed
from .load import load_site
from .outputs import STATIC_DIR, asset_path, ics_path, theme_files
from .render import TEMPLATES, kind_listings, render_home_fallback, render_listing, \
    render_not_found, render_page
from .security import HEADERS_FILE, headers_file
from .site import Site
from .write import Output, write_site


@dataclass(frozen=True)
class BuildOptions:
    """What the command line asks for."""

    content: str
    output: Optional[Path] = None   # None: check only, write nothing
    base_url: Optional[str] = None
    build_date: Optional[dt.date] = None
    drafts: bool = False
    strict: bool = False


def default_build_date() -> dt.date:
    """SOURCE_DATE_EPOCH (reproducible builds) or today, in Stockholm."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=STOCKHOLM).date()
    return dt.datetime.now(tz=STOCKHOLM).date()


def render_site(site: Site) -> dict[str, Output]:
    """Every output file of the site, by its path inside the output folder."""
    outputs: dict[str, Output] = {}
    for page in site.pages:
        outputs[page.url + "index.html"] = render_page(site, page)
    if site.home is None:
        outputs["index.html"] = render_home_fallback(site)
    for listing in kind_listings(site):
        outputs[listing.url + "index.html"] = render_listing(site, listing)
    outputs["404.html"] = render_not_found(site)
    for contact in site.contacts.values():
        outputs[vcard_filename(contact)] = vcard(contact, site.config.organisation)
    for asset in site.assets:
        outputs[asset_path(asset)] = asset.abs
    for name in theme_files(TEMPLATES):
        outputs[f"{STATIC_DIR}/{name}"] = TEMPLATES / STATIC_DIR / name
    outputs["sitemap.xml"] = _sitemap(site)
    outputs[FEED_PATH] = atom_feed(site)
    for page in site.pages:
        if has_calendar_file(site, page):
            outputs[ics_path(page)] = calendar_file(site, page)
    outputs[HEADERS_FILE] = headers_file()
    outputs["robots.txt"] = f"User-agent: *\nAllow: /\nSitemap: {site.config.base_url}sitemap.xml\n"
    return outputs


def _sitemap(site: Site) -> str:
    urls = sorted({p.url for p in site.pages} | {"" } | {l.url for l in kind_listings(site)})
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    dates = {p.url: (p.reviewed.date if p.reviewed else p.date) for p in site.pages}
    for url in urls:
        last = dates.get(url)
        lines.append(f"  <url><loc>{escape(site.config.base_url + url)}</loc>"
                     + (f"<lastmod>{last.isoformat()}</lastmod>" if last else "") + "</url>")
    return "\n".join(lines + ["</urlset>", ""])


def run(options: BuildOptions, diag: Diagnostics) -> Optional[Site]:
    """Load, and when there is an output folder and no error, render and write. The Site or None."""
    build_date = options.build_date or default_build_date()
    site = load_site(options.content, diag, build_date, options.drafts, options.base_url)
    if site is None or diag.failed(options.strict):
        return None
    if options.output is not None:
        write_site(render_site(site), options.output)
    return site
