"""Generated pages that list or find pages: a kind's listing, tag pages and the tag index, the
home page when the content has none, the search page and the 404 page."""
from __future__ import annotations

from typing import Optional
from urllib.parse import urlsplit

from civicsite.content.pages import Page
from civicsite.content.site import Site
from civicsite.content.urls import TAG_DIR, search_url
from civicsite.core.i18n import Translator
from civicsite.render import structured_data
from civicsite.render.navigation import (
    Listing,
    current_strategy,
    site_children,
    tag_groups,
    upcoming_events,
)
from civicsite.render.templates import environment, jsonld_script, page_context


def render_listing(site: Site, listing: Listing, strategy: Optional[Page] = None) -> str:
    """A generated list, or one page of it ("Nyheter, sida 2 av 5" in its title)."""
    env = environment()
    title = listing.title if listing.count == 1 else Translator(site.config.language)(
        "listing_page_title", title=listing.title, number=listing.number, count=listing.count)
    ctx = page_context(site, listing.url, title, description=listing.description)
    ctx.update(listing=listing, jsonld=jsonld_script(structured_data.listing_graph(site, listing)),
               current_strategy=strategy)
    return env.get_template("listing.html").render(ctx)


def render_home_fallback(site: Site) -> str:
    """A home page when the content has no top-level index.md: the site's pages newest first."""
    return render_listing(site, Listing("", site.config.title, tuple(site_children(site, None)),
                                        upcoming_events(site)), current_strategy(site))


def render_tag_index(site: Site) -> str:
    """Every tag, with the number of its pages."""
    t = Translator(site.config.language)
    ctx = page_context(site, TAG_DIR + "/", t("tags_title"),
                       description=t("tags_description", site=site.config.title))
    listing = Listing(TAG_DIR + "/", t("tags_title"), ())
    groups = tag_groups(site)
    ctx.update(groups=groups, listing=listing, jsonld=jsonld_script(structured_data.listing_graph(
        site, listing, parts=[("CollectionPage", t("tag_title", tag=tag), url) for url, tag, _ in groups])))
    return environment().get_template("tags.html").render(ctx)


def render_not_found(site: Site) -> str:
    env = environment()
    # served for any missing address, so links start from the site's own path, not relative
    t = Translator(site.config.language)
    ctx = page_context(site, "", t("not_found_title"), root=urlsplit(site.config.base_url).path or "/",
                       description=t("not_found_description", site=site.config.title))
    ctx.update(jsonld=None, canonical=None)  # it stands for every missing address, none its own
    return env.get_template("404.html").render(ctx)


def render_search(site: Site, language: Optional[str] = None) -> str:
    """The search page of the pages in ``language`` (default: the site's); it queries the
    Pagefind index in the browser, which picks the index of its ``<html lang>``."""
    language = language or site.config.language
    t = Translator(language)
    title = t("search_title")
    url = search_url(language, site.config.language)
    ctx = page_context(site, url, title, language=language,
                       description=t("search_description", site=site.config.title))
    ctx.update(jsonld=jsonld_script(structured_data.listing_graph(
        site, Listing(url, title, ()), page_type="SearchResultsPage", language=language)))
    return environment().get_template("search.html").render(ctx)
