"""Step 4: pure rendering. ``render_page(site, page) -> str``; nothing here touches the disk
except Jinja reading templates."""
from __future__ import annotations

import json
from urllib.parse import urlsplit
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Optional

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from . import structured_data
from .contacts import Contact, vcard_filename
from .directives import Directive
from .hours import OpeningHours, hours_view
from .i18n import Translator
from .calendar_file import has_calendar_file, page_event
from .links import site_path, url_rewriter
from .markup import render_markdown
from .outputs import KIND_INDEX, content_path_to_output, href, ics_path, kind_index_url, root_of
from .pages import Page
from .security import CSP
from .site import Site

from .templates_dir import TEMPLATES


@lru_cache(maxsize=4)
def environment(templates: Path = TEMPLATES) -> Environment:
    """One Jinja environment: autoescape everywhere, StrictUndefined so template typos fail."""
    env = Environment(loader=FileSystemLoader(str(templates)), autoescape=select_autoescape(
        default=True, default_for_string=True), undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.globals["csp"] = Markup(CSP)  # a constant without quotes: shown as written
    return env


@lru_cache(maxsize=256)
def _cached_hours_view(schedule: OpeningHours, today, language: str):
    """The same schedule is shown on every page; compute its view once per build date."""
    return hours_view(schedule, today, Translator(language))


@dataclass(frozen=True)
class Listing:
    """A generated page listing pages (home page or a kind's index)."""

    url: str
    title: str
    pages: tuple[Page, ...]
    upcoming: tuple[Page, ...] = ()


@dataclass(frozen=True)
class Helpers:
    """Functions the templates call, bound to one page (its depth and the build date)."""

    t: Translator
    root: str
    site: Site

    def href(self, path: str) -> str:
        return href(self.root, path)

    def page_href(self, page: Page) -> str:
        return href(self.root, page.url) if page.url else (self.root or "./")

    def link(self, url: str) -> str:
        """An editor's link: a site path (/naringslivsstrategi/) becomes relative, others stay."""
        return site_path(url, self.root) or url

    def file_href(self, src: str) -> str:
        """A link to a content file given by its path inside the content folder (or a full URL)."""
        if src.startswith(("http://", "https://")):
            return src
        return href(self.root, content_path_to_output(src))

    def hours(self, schedule: OpeningHours):
        return _cached_hours_view(schedule, self.site.build_date, self.t.language)

    def vcard_path(self, contact: Contact) -> str:
        return vcard_filename(contact)

    def kind_index_href(self, kind: str) -> Optional[str]:
        return href(self.root, kind_index_url(kind)) if kind in KIND_INDEX else None

    def calendar_href(self, page: Page) -> Optional[str]:
        """The page's "add to calendar" file, for events that have not happened yet."""
        return href(self.root, ics_path(page)) if has_calendar_file(self.site, page) else None

    def date(self, value) -> str:
        return self.t.date(value)


def _context(site: Site, url: str, title: str, root: Optional[str] = None) -> dict:
    t = Translator(site.config.language)
    helpers = Helpers(t, root_of(url) if root is None else root, site)
    return {"site": site, "config": site.config, "t": t, "h": helpers, "root": helpers.root,
            "url": url, "title": title, "canonical": site.config.base_url + url,
            "statement": site.accessibility_page, "kind_indexes": _kind_indexes(site, helpers, t),
            "footer_contacts": site.config.footer_contacts, "footer_hours": site.config.footer_hours}


def _kind_indexes(site: Site, helpers: Helpers, t: Translator) -> list[tuple[str, str]]:
    kinds = {p.kind for p in site.pages}
    return [(t(f"kind_index_{k}"), helpers.href(kind_index_url(k))) for k in KIND_INDEX if k in kinds]


def _block_renderer(env: Environment, ctx: dict, page: Page) -> Callable[[Directive], str]:
    def render(d: Directive) -> str:
        block_id = f"block-{d.index}"
        if d.name == "contact":
            return env.get_template("blocks/contact.html").render(
                ctx, contact=ctx["site"].contacts[d.arg], level=2, block_id=block_id,
                vcard_path=vcard_filename(ctx["site"].contacts[d.arg]))
        if d.name == "hours":
            return env.get_template("blocks/hours.html").render(
                ctx, view=ctx["h"].hours(ctx["site"].hours[d.arg]), level=2, block_id=block_id)
        if d.name == "quote":
            return env.get_template("blocks/quote.html").render(ctx, quote=page.quotes[int(d.arg) - 1])
        people = page.participants
        return env.get_template("blocks/participants.html").render(
            ctx, title=people.title, people=people.people, level=2, block_id=block_id)
    return render


def render_page(site: Site, page: Page) -> str:
    """The HTML of one content page."""
    env = environment()
    ctx = _context(site, page.url, page.title)
    rewrite = url_rewriter(page.source.rel, ctx["root"],
                           {p.source.rel.as_posix(): p.url for p in site.pages},
                           (a.rel.as_posix() for a in site.assets))
    body = render_markdown(page.body, page.directives, _block_renderer(env, ctx, page), rewrite)
    # a block the page already shows is not repeated in its footer
    shown_contacts = {c.id for c in page.contacts} | {d.arg for d in page.directives if d.name == "contact"}
    shown_hours = {s.id for s in page.hours} | {d.arg for d in page.directives if d.name == "hours"}
    ctx.update(page=page, body=Markup(body), listing=None,
               footer_contacts=[c for c in site.config.footer_contacts if c.id not in shown_contacts],
               footer_hours=[s for s in site.config.footer_hours if s.id not in shown_hours],
               shown_participants=not any(d.name == "participants" for d in page.directives),
               end_quotes=[q for i, q in enumerate(page.quotes, 1) if str(i) not in
                           {d.arg for d in page.directives if d.name == "quote"}],
               jsonld=_jsonld(structured_data.page_graph(site, page)),
               children=_children(site, page) if page.url == "" else (),
               upcoming=upcoming_events(site) if page.url == "" else ())
    return env.get_template(f"kinds/{page.kind}.html").render(ctx)


def _children(site: Site, page: Page) -> tuple[Page, ...]:
    return tuple(newest_first(p for p in site.pages if p is not page and p.kind != "accessibility"))


def upcoming_events(site: Site) -> tuple[Page, ...]:
    """Workshops and sprints on or after the build date, soonest first."""
    events = [(e.day, p.title, p) for p in site.pages if (e := page_event(p)) and e.day >= site.build_date]
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


def render_listing(site: Site, listing: Listing) -> str:
    env = environment()
    ctx = _context(site, listing.url, listing.title)
    ctx.update(listing=listing, jsonld=_jsonld(structured_data.listing_graph(site, listing)))
    return env.get_template("listing.html").render(ctx)


def render_home_fallback(site: Site) -> str:
    """A home page when the content has no top-level index.md: the site's pages newest first."""
    return render_listing(site, Listing("", site.config.title, tuple(_children(site, None)),
                                        upcoming_events(site)))


def render_not_found(site: Site) -> str:
    env = environment()
    # served for any missing address, so links start from the site's own path, not relative
    ctx = _context(site, "", Translator(site.config.language)("not_found_title"),
                   root=urlsplit(site.config.base_url).path or "/")
    ctx.update(jsonld=None)
    return env.get_template("404.html").render(ctx)


def _jsonld(graph: dict) -> Markup:
    """JSON for a <script> element: ``</`` and ``<!--`` cannot end or confuse the element."""
    text = json.dumps(graph, ensure_ascii=False, indent=1, sort_keys=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)
