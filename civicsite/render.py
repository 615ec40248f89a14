"""Step 4: pure rendering. ``render_page(site, page) -> str``; nothing here touches the disk
except Jinja reading templates (and, with a build cache, keeping them compiled there)."""
from __future__ import annotations

import json
from urllib.parse import quote, urlsplit
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Optional

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, \
    select_autoescape
from markupsafe import Markup

from . import structured_data
from .contacts import Contact, vcard_filename
from .directives import Directive
from .hours import OpeningHours, hours_view
from .i18n import Translator
from .calendar_file import is_upcoming, page_event
from .links import site_path, url_rewriter
from .markup import render_markdown
from .navigation import breadcrumbs, current_strategy, has_events, per_site, tag_groups
from .outputs import KIND_INDEX, STATIC_DIR, TAG_DIR, content_path_to_output, href, ics_path, \
    kind_index_url, root_of, tag_url
from .pages import Page
from .search import SEARCH_URL
from .security import CSP
from .site import Site

from .templates_dir import TEMPLATES


@lru_cache(maxsize=4)
def environment(templates: Path = TEMPLATES) -> Environment:
    """One Jinja environment: autoescape everywhere, StrictUndefined so template typos fail."""
    env = Environment(loader=FileSystemLoader(str(templates)), autoescape=select_autoescape(
        default=True, default_for_string=True), undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        auto_reload=False)  # read once per build (see templates_for_build), not stat'ed per use
    env.globals["csp"] = Markup(CSP)  # a constant without quotes: shown as written
    return env


class _TemplateCache(FileSystemBytecodeCache):
    """Jinja's cache of compiled templates (checked against each template's source), where a
    damaged file is a miss, as anything damaged in the build cache is."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:
            bucket.reset()


def templates_for_build(folder: Optional[Path]) -> None:
    """Called once per build: the templates are read again (``serve`` builds again after one is
    edited), and kept compiled in ``folder`` (in the build cache), so that a build in a new
    process does not compile them again (a tenth of a second, most of a one-page build's
    render). None: compile them in memory only."""
    env = environment()
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = _TemplateCache(str(folder)) if folder is not None else None
    if env.cache is not None:
        env.cache.clear()


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
        return site_path(url, self.root, self.site.fingerprints) or url

    def file_href(self, src: str) -> str:
        """A link to a content file given by its path inside the content folder (or a full URL)."""
        if src.startswith(("http://", "https://")):
            return src
        return href(self.root, self.site.published_path(content_path_to_output(src)))

    def static(self, name: str) -> str:
        """A theme file (``site.css``) by its published, fingerprinted name."""
        return href(self.root, self.site.published_path(f"{STATIC_DIR}/{name}"))

    def file_url(self, src: str) -> str:
        """A content file's absolute address (Open Graph needs one)."""
        if src.startswith(("http://", "https://")):
            return src
        return self.site.config.base_url + quote(self.site.published_path(content_path_to_output(src)))

    def hours(self, schedule: OpeningHours):
        return _cached_hours_view(schedule, self.site.build_date, self.t.language)

    def vcard_path(self, contact: Contact) -> str:
        return vcard_filename(contact)

    def kind_index_href(self, kind: str) -> Optional[str]:
        return href(self.root, kind_index_url(kind)) if kind in KIND_INDEX else None

    def calendar_href(self, page: Page) -> Optional[str]:
        """The page's "add to calendar" file, for events that have not happened yet."""
        return href(self.root, ics_path(page)) if is_upcoming(self.site, page) else None

    def date(self, value) -> str:
        return self.t.date(value)

    def tag_href(self, tag: str) -> str:
        return href(self.root, tag_url(tag))

    def _once(self, template: str, key: tuple, **values) -> Markup:
        """``template`` rendered with ``values``: once per process for this site and each
        ``key`` (what, besides the language, tells one rendering from another)."""
        return per_site(self.site, (template, self.t.language, *key), lambda: Markup(
            environment().get_template(template).render(**values)))

    def footer(self, contacts: list[Contact], schedules: list[OpeningHours]) -> Markup:
        """The site footer at this depth: the same on most pages, so rendered once for each
        depth and set of blocks it shows."""
        return self._once("partials/footer.html",
                          (self.root, tuple(c.id for c in contacts), tuple(s.id for s in schedules)),
                          config=self.site.config, t=self.t, h=self, root=self.root,
                          statement=self.site.accessibility_page, footer_contacts=contacts,
                          footer_hours=schedules)

    def card(self, page: Page, upcoming: bool) -> Markup:
        """A page's entry in a list at this depth: the same in every list at that depth that
        holds the page (its kind's, each of its tags'), so rendered once for each."""
        return self._once("partials/card.html", (self.root, page.url, upcoming),
                          p=page, h=self, upcoming=upcoming)

    def contact_block(self, contact: Contact, level: int) -> Markup:
        """A contact block at this depth: the same on every page that shows it, so rendered
        once for each contact, depth and heading level."""
        return self._once("blocks/contact.html", (self.root, contact.id, level),
                          contact=contact, t=self.t, level=level, root=self.root,
                          vcard_path=vcard_filename(contact))

    def hours_block(self, schedule: OpeningHours, level: int, block_id: str) -> Markup:
        """An opening-hours block (it links nowhere, so the same at every depth): rendered once
        for each schedule, heading level and id."""
        return self._once("blocks/hours.html", (schedule.id, level, block_id),
                          view=self.hours(schedule), t=self.t, level=level, block_id=block_id)


def _context(site: Site, url: str, title: str, root: Optional[str] = None) -> dict:
    t = Translator(site.config.language)
    helpers = Helpers(t, root_of(url) if root is None else root, site)
    return {"site": site, "config": site.config, "t": t, "h": helpers, "root": helpers.root,
            "url": url, "title": title, "canonical": site.config.base_url + url,
            "statement": site.accessibility_page, "kind_indexes": _kind_indexes(site, helpers, t),
            "search_href": helpers.href(SEARCH_URL), "current_strategy": None,
            "calendar_feed": has_events(site),
            "breadcrumbs": [(name, helpers.href(u) if u else (helpers.root or "./"))
                            for name, u in breadcrumbs(site, url, t)],
            "footer_contacts": site.config.footer_contacts, "footer_hours": site.config.footer_hours}


def _kind_indexes(site: Site, helpers: Helpers, t: Translator) -> list[tuple[str, str]]:
    kinds = site.kinds
    return [(t(f"kind_index_{k}"), helpers.href(kind_index_url(k))) for k in KIND_INDEX if k in kinds]


def _block_renderer(env: Environment, ctx: dict, page: Page) -> Callable[[Directive], str]:
    def render(d: Directive) -> str:
        block_id = f"block-{d.index}"
        if d.name == "contact":
            return ctx["h"].contact_block(ctx["site"].contacts[d.arg], 2)
        if d.name == "hours":
            return ctx["h"].hours_block(ctx["site"].hours[d.arg], 2, block_id)
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
    rewrite = url_rewriter(page.source.rel, ctx["root"], site.page_urls, site.asset_paths,
                           site.fingerprints, page.url)
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
               upcoming=upcoming_events(site) if page.url == "" else (),
               current_strategy=current_strategy(site) if page.url == "" else None)
    return env.get_template(f"kinds/{page.kind}.html").render(ctx)


def _children(site: Site, page: Page) -> tuple[Page, ...]:
    url = page.url if page is not None else None
    return tuple(newest_first(p for p in site.pages if p.url != url and p.kind != "accessibility"))


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


def render_listing(site: Site, listing: Listing, strategy: Optional[Page] = None) -> str:
    env = environment()
    ctx = _context(site, listing.url, listing.title)
    ctx.update(listing=listing, jsonld=_jsonld(structured_data.listing_graph(site, listing)),
               current_strategy=strategy)
    return env.get_template("listing.html").render(ctx)


def render_home_fallback(site: Site) -> str:
    """A home page when the content has no top-level index.md: the site's pages newest first."""
    return render_listing(site, Listing("", site.config.title, tuple(_children(site, None)),
                                        upcoming_events(site)), current_strategy(site))


def render_tag(site: Site, url: str, tag: str, pages: tuple[Page, ...]) -> str:
    """The pages with one tag, newest first."""
    title = Translator(site.config.language)("tag_title", tag=tag)
    return render_listing(site, Listing(url, title, tuple(newest_first(pages))))


def render_tag_index(site: Site) -> str:
    """Every tag, with the number of its pages."""
    t = Translator(site.config.language)
    ctx = _context(site, TAG_DIR + "/", t("tags_title"))
    listing = Listing(TAG_DIR + "/", t("tags_title"), ())
    groups = tag_groups(site)
    ctx.update(groups=groups, listing=listing, jsonld=_jsonld(structured_data.listing_graph(
        site, listing, parts=[("CollectionPage", t("tag_title", tag=tag), url) for url, tag, _ in groups])))
    return environment().get_template("tags.html").render(ctx)


def render_not_found(site: Site) -> str:
    env = environment()
    # served for any missing address, so links start from the site's own path, not relative
    ctx = _context(site, "", Translator(site.config.language)("not_found_title"),
                   root=urlsplit(site.config.base_url).path or "/")
    ctx.update(jsonld=None)
    return env.get_template("404.html").render(ctx)


def render_redirect(site: Site, page: Page, target: str) -> str:
    """The page at an old address (``aliases:``): ``target`` is the page's relative address."""
    t = Translator(site.config.language)
    return environment().get_template("redirect.html").render(
        config=site.config, t=t, page=page, target=target,
        canonical=site.config.base_url + page.url)


def render_search(site: Site) -> str:
    """The search page; it queries the Pagefind index in the browser."""
    title = Translator(site.config.language)("search_title")
    ctx = _context(site, SEARCH_URL, title)
    ctx.update(jsonld=_jsonld(structured_data.listing_graph(
        site, Listing(SEARCH_URL, title, ()), page_type="SearchResultsPage")))
    return environment().get_template("search.html").render(ctx)


def _jsonld(graph: dict) -> Markup:
    """JSON for a <script> element: ``</`` and ``<!--`` cannot end or confuse the element."""
    text = json.dumps(graph, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)
