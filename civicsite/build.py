"""The pipeline: discover → load + validate → resolve → render → write."""
from __future__ import annotations

import datetime as dt
from concurrent.futures import Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import Iterator, Optional

from .contacts import vcard, vcard_filename
from .errors import Diagnostics
from .calendar_file import calendar_files
from .colors import colors_css
from .feed import FEED_PATH, atom_feed, escape
from .cache import BuildCache, CacheState, code_digest, code_digest_key, content_digests, digest, \
    fingerprint, schedule_window
from .hosting import HEADERS_FILE, headers_file
from .load import PageParses, load_site, with_bodies
from .navigation import has_events, tag_groups
from .options import BuildOptions, BuildResult, build_moment
from .pages import Page
from .parallel import process_map
from .outputs import CALENDAR_FEED, COLORS_CSS, TAG_DIR, ics_path, published_files
from .render import templates_for_build, kind_listings, render_home_fallback, \
    render_listing, render_not_found, render_page, render_redirect, render_search, render_tag, \
    render_tag_index
from .redirects import REDIRECTS_FILE, redirect_target, redirects_file
from .search import SEARCH_URL, carry_index, index_site
from .site import Site
from .write import REUSE, Output, Spare, Staging, Written, output_files, spare_folder, write_site


def render_site(site: Site) -> dict[str, Output]:
    """Every output file of the site, by its path inside the output folder (one process)."""
    outputs = {path: render_page(site, page) for path, page in page_outputs(site)}
    outputs.update(site_outputs(site))
    return outputs


def page_outputs(site: Site) -> list[tuple[str, Page]]:
    """The HTML file of each content page: the bulk of the work, rendered in parallel."""
    return [(page.url + "index.html", page) for page in site.pages]


def site_outputs(site: Site) -> dict[str, Output]:
    """Everything else: listings, feeds, calendars, vCards, files. Few, and made on every build."""
    outputs: dict[str, Output] = {}
    if site.home is None:
        outputs["index.html"] = render_home_fallback(site)
    for listing in kind_listings(site):
        outputs[listing.url + "index.html"] = render_listing(site, listing)
    outputs["404.html"] = render_not_found(site)
    outputs[SEARCH_URL + "index.html"] = render_search(site)
    for url, tag, pages in tag_groups(site):
        outputs[url + "index.html"] = render_tag(site, url, tag, pages)
    if tag_groups(site):
        outputs[TAG_DIR + "/index.html"] = render_tag_index(site)
    calendars, feed = calendar_files(site)
    if has_events(site):  # RFC 5545: a calendar holds at least one component
        outputs[CALENDAR_FEED] = feed
    outputs[site.published_path(COLORS_CSS)] = colors_css(site.config.colors)
    for contact in site.contacts.values():
        outputs[vcard_filename(contact)] = vcard(contact, site.config.organisation)
    for path, source in published_files(site.assets):
        outputs[site.published_path(path)] = source
    outputs["sitemap.xml"] = _sitemap(site)
    outputs[FEED_PATH] = atom_feed(site)
    for page, calendar in calendars.items():
        outputs[ics_path(page)] = calendar
    for page in site.pages:
        for a in page.aliases:
            outputs[a.output] = render_redirect(site, page, redirect_target(page, a))
    if any(p.aliases for p in site.pages):
        outputs[REDIRECTS_FILE] = redirects_file(site)
    outputs[HEADERS_FILE] = headers_file(site)
    outputs["robots.txt"] = f"User-agent: *\nAllow: /\nSitemap: {site.config.base_url}sitemap.xml\n"
    return outputs


def _sitemap(site: Site) -> str:
    """Every page and generated list; lastmod is the newest date a page states (review, date,
    event), a list's is its newest page's, else the build date (deterministic, never the clock)."""
    def stated(p) -> dt.date:
        event = getattr(p.data, "event", None)
        days = [d for d in (p.reviewed.date if p.reviewed else None, p.date,
                            getattr(p.data, "updated", None), event.day if event else None) if d]
        return max(days, default=site.build_date)
    dates = {p.url: stated(p) for p in site.pages}
    lists = [(l.url, l.pages) for l in kind_listings(site)] + \
            [(url, pages) for url, _, pages in tag_groups(site)]
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


def _render_one(state: tuple[Site, Staging], index: int) -> tuple[str, Written]:
    """In a worker: render a page and hand it to the writer's folder. The site and the folder
    are inherited, so only the page's number travels there and the file's size back."""
    site, staging = state
    page = site.pages[index]
    path = page.url + "index.html"
    return path, Written(staging.put(path, render_page(site, page)))


class ContentChanged(Exception):
    """A content file changed while the site was being built (the error is in the diagnostics)."""


SITE_OUTPUTS = "site outputs"  # the render key of every file site_outputs makes, as one


def _render_keys(site: Site, parses: PageParses, options: BuildOptions, inputs: dict[str, str],
                 code: str) -> dict[str, str]:
    """Output path → a digest of everything its HTML may depend on: the page's body, and
    everything site-wide (any page may show it; see cache.py). Under SITE_OUTPUTS: the
    site-wide digest alone, which is all that listings, feeds, calendars and the rest show."""
    site_wide = digest(code, repr((options.base_url, options.drafts, options.search,
                                   site.build_date.isoformat())),
                       *(p.source.key for p in site.pages),  # drafts, schedules
                       *(f"{rel}={d}" for rel, d in sorted(inputs.items())
                         if not rel.lower().endswith(".md")),
                       *(f"{rel}={parsed.front_matter}" for rel, parsed in sorted(parses.by_file.items())))
    keys = {path: digest(site_wide, page.source.key,
                         parses.by_file[page.source.key].body)
            for path, page in page_outputs(site)}
    keys[SITE_OUTPUTS] = site_wide
    return keys


def run(options: BuildOptions, diag: Diagnostics) -> Optional[BuildResult]:
    """Load, and when there is an output folder and no error, render and write. None on errors.
    With a cache folder, only what changed since the last build is parsed and rendered again."""
    build_date, build_time = build_moment(options)
    code_digest.cache_clear()  # once per build: `serve` builds again after a template is edited
    now = build_time or dt.datetime.combine(build_date, dt.time())
    cache = BuildCache(options.cache) if options.cache and options.output else None
    state, inputs, current, scan = CacheState(), {}, {}, None
    if cache is not None:
        last = cache.last_scan()
        # a first scan leaves the pages to their parse, which reads and hashes them anyway
        scan = content_digests(Path(options.content), last,
                               later=(lambda rel: rel.endswith(".md")) if last is None else None)
        inputs = scan.digests
        summary = cache.unchanged(options, build_date, now, inputs) if not scan.later else None
        if summary is not None:
            diag.items.extend(summary.messages)
            if diag.failed(options.strict):
                return None
            return BuildResult(summary.pages_built, 0, unchanged=True)
        state = cache.load()
        # the spare holds the files that stay as they are: the output folder itself is looked
        # at only for the few files the writer links from it (write_site checks those)
        spare = state.spare is not None and spare_folder(options.output).is_dir()
        current = None if spare else output_files(options.output) or {}
    parses = PageParses(previous=state.parsed, files=inputs)
    site = load_site(options.content, diag, build_date, options.drafts, options.base_url,
                     build_time, parses, options.jobs)
    if site is None or diag.failed(options.strict):
        return None
    if options.output is None:
        return BuildResult(len(site.pages))
    if scan is not None:
        scan.complete(Path(options.content), parses.read)
    keys = _render_keys(site, parses, options, inputs, code_digest_key()) if cache else {}
    written = (state.output or {}) if options.output.is_dir() else {}

    def as_written(path: str) -> bool:
        return path in written and (current is None or written[path] == current.get(path))
    reuse = {path for path, key in keys.items() if state.rendered.get(path) == key and as_written(path)}
    todo = [i for i, (path, _) in enumerate(page_outputs(site)) if path not in reuse]
    site = with_bodies(site, todo, parses, diag)
    if site is None:
        return None
    templates_for_build(cache.templates if cache is not None else None)
    # listings, feeds, calendars …: all unchanged when nothing site-wide changed (a body edit)
    site_files = None
    if cache is not None and state.site_files and \
            state.rendered.get(SITE_OUTPUTS) == keys[SITE_OUTPUTS] and \
            all(as_written(p) for p in state.site_files):
        site_files = list(state.site_files)

    def outputs(staging: Staging) -> Iterator[tuple[str, Output]]:
        yield from ((path, REUSE) for path in sorted(reuse))
        pages = process_map(_render_one, (site, staging), todo, options.jobs, ordered=False)
        # once the workers have started, this process makes the site-wide files meanwhile
        first = next(pages, None)
        if cache is not None:  # and the cache's parses (in a thread: only after the fork)
            saver = ThreadPoolExecutor(max_workers=1)
            parses_saved.append(saver.submit(cache.save_parses, parses.current))
            saver.shutdown(wait=False)
        # written while the workers render too (they write their pages themselves), so that
        # the build ends when the last page is rendered
        if site_files is not None:
            yield from ((path, REUSE) for path in site_files)
        else:
            made = site_outputs(site)
            site_files_made[:] = sorted(made)
            yield from sorted(made.items())
        if first is not None:
            yield first
        yield from pages
    site_files_made: list[str] = list(site_files or [])
    parses_saved: list[Future] = []  # written while the pages render: trusted once state names them
    index = {path: i for i, (path, _) in enumerate(page_outputs(site))}
    made_again: dict[str, Output] = {}

    def remake(path: str) -> Output:
        """A file to reuse that is no longer as written in the output folder (edited by hand)."""
        if path in index:
            with_body = with_bodies(site, [index[path]], parses, diag)
            if with_body is None:
                raise ContentChanged()
            return render_page(with_body, with_body.pages[index[path]])
        if not made_again:
            made_again.update(site_outputs(site))
        return made_again[path]

    if cache is not None:
        cache.clear()  # the output is about to change: a cache describing the old one is wrong
    language = site.config.language
    finalize = None if not options.search else \
        (lambda folder: carry_index(folder, options.output, language)) if options.search_later else \
        (lambda folder: index_site(folder, language))
    try:
        published = write_site(outputs, options.output, finalize,
                               cache.trash if cache is not None else None, spare=state.spare,
                               key_of=lambda path: _render_key(keys, path),
                               keep_spare=cache is not None,
                               previous=written if current is None else None, remake=remake)
    except ContentChanged:  # with_bodies said which file; nothing was published
        return None
    finally:
        wait(parses_saved)  # never leave a half-written file to os._exit
    if cache is not None:
        window = schedule_window((p.page.schedule for p in parses.by_file.values() if p.page), now)
        # the output this build replaced is now the spare: what the last build wrote
        spare = Spare(_output_keys(state), written) if written else None
        cache.save(CacheState(inputs=fingerprint(options, build_date, inputs),
                              output=published, messages=list(diag.items),
                              pages_built=len(site.pages), window=window,
                              parsed=parses.current, rendered=keys, site_files=site_files_made,
                              spare=spare, scan=scan),
                   parsed_files=parses_saved[0].result() if parses_saved else None)
    return BuildResult(len(site.pages), len(todo))


def _render_key(keys: dict[str, str], path: str) -> Optional[str]:
    """An output file's render key: a page's own, else the one of every site-wide file."""
    return keys.get(path, keys.get(SITE_OUTPUTS))


def _output_keys(state: CacheState) -> dict[str, str]:
    """The render key of every file a build wrote (pages and site-wide files)."""
    paths = [p for p in state.rendered if p != SITE_OUTPUTS] + list(state.site_files)
    return {path: key for path in paths if (key := _render_key(state.rendered, path)) is not None}
