"""Every output file of a site: the HTML of each content page (the bulk of the work, rendered in
parallel by the build) and everything else — listings, feeds, calendars, vCards, files."""
from __future__ import annotations

from pathlib import Path
from typing import Union

from civicsite.contacts.model import vcard_filename
from civicsite.contacts.vcard import vcard
from civicsite.content.colors import colors_css
from civicsite.content.pages import Page
from civicsite.content.pictures import copied
from civicsite.content.site import Site
from civicsite.content.urls import (
    CALENDAR_FEED,
    COLORS_CSS,
    TAG_DIR,
    ics_path,
    published_files,
    search_url,
)
from civicsite.core.encoding import ascii_uri
from civicsite.images.variants import Icons, Picture
from civicsite.render.calendars import calendar_files
from civicsite.render.feed import FEED_PATH, atom_feed
from civicsite.render.hosting import HEADERS_FILE, headers_file
from civicsite.render.listings import (
    render_home_fallback,
    render_listing,
    render_not_found,
    render_search,
    render_tag_index,
)
from civicsite.render.navigation import has_events, listings, tag_groups
from civicsite.render.pages import render_page
from civicsite.render.redirects import (
    REDIRECTS_FILE,
    redirects_file,
    render_redirect,
)
from civicsite.render.sitemap import sitemap

Output = Union[str, bytes, Path]  # text, bytes, or a file to copy as it is


def render_site(site: Site) -> dict[str, Output]:
    """Every output file of the site, by its path inside the output folder (one process)."""
    outputs = {path: render_page(site, page) for path, page in page_outputs(site)}
    outputs.update(site_outputs(site))
    for item in image_work(site):
        outputs.update(derive(site, item))
    return outputs


def image_work(site: Site) -> list[Union[Picture, Icons]]:
    """What is made of images (by the build's workers): the versions of every raster picture,
    and the icons."""
    work: list[Union[Picture, Icons]] = [p for p in site.pictures.values() if p.variants]
    return work + ([site.icons] if site.icons is not None else [])


def derive(site: Site, item: Union[Picture, Icons]) -> dict[str, bytes]:
    """The files made of one picture, or the icons, by output path."""
    # Pillow and resvg only where images are made: a build that reuses them never loads them
    from civicsite.images.derive import derive_picture
    from civicsite.images.icons import derive_icons

    source = next((a.abs for a in site.assets if a.key == item.source), None)
    if isinstance(item, Icons):
        return derive_icons(source, item)
    return derive_picture(source, item)


def page_outputs(site: Site) -> list[tuple[str, Page]]:
    """The HTML file of each content page: the bulk of the work, rendered in parallel."""
    return [(page.url + "index.html", page) for page in site.pages]


def site_outputs(site: Site) -> dict[str, Output]:
    """Everything else: listings, feeds, calendars, vCards, files. Few, and made on every build."""
    outputs: dict[str, Output] = {}
    if site.home is None:
        outputs["index.html"] = render_home_fallback(site)
    for listing in listings(site):  # kinds, news by year, tags: every page of each
        outputs[listing.url + "index.html"] = render_listing(site, listing)
    outputs["404.html"] = render_not_found(site)
    for language in site.languages:  # one search page per language: Pagefind has an index each
        outputs[search_url(language, site.config.language) + "index.html"] = \
            render_search(site, language)
    if tag_groups(site):
        outputs[TAG_DIR + "/index.html"] = render_tag_index(site)
    calendars, feed = calendar_files(site)
    if has_events(site):  # RFC 5545: a calendar holds at least one component
        outputs[CALENDAR_FEED] = feed
    outputs[site.published_path(COLORS_CSS)] = colors_css(site.config.colors)
    for contact in site.contacts.values():
        outputs[vcard_filename(contact)] = vcard(contact, site.config.organisation)
    for path, source in published_files(a for a in site.assets if copied(a, site.pictures)):
        outputs[site.published_path(path)] = source
    outputs["sitemap.xml"] = sitemap(site)
    outputs[FEED_PATH] = atom_feed(site)
    for page, calendar in calendars.items():
        outputs[ics_path(page)] = calendar
    for page in site.pages:
        for a in page.aliases:
            outputs[a.output] = render_redirect(site, page, a)
    if any(p.aliases for p in site.pages):
        outputs[REDIRECTS_FILE] = redirects_file(site)
    outputs[HEADERS_FILE] = headers_file(site)
    outputs["robots.txt"] = robots_txt(site.config.base_url)
    return outputs


def robots_txt(base_url: str) -> str:
    """Every line of robots.txt is ours: the address is percent-encoded, so that nothing in it
    (a line break) can add a line."""
    return f"User-agent: *\nAllow: /\nSitemap: {ascii_uri(base_url)}sitemap.xml\n"
