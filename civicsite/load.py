"""Step 2: load and validate the whole content folder into a Site, collecting every problem."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Callable, Optional

import yaml

from . import fields as F
from .cache import ParsedPage, digest
from .contacts import parse_contacts_file
from .discover import ContentFiles, SourceFile, discover, read_text
from .errors import Diagnostics
from .fields import Ctx
from .hours import parse_hours_file
from .colors import colors_css
from .fingerprint import fingerprints, hashed_name
from .links import body_links, check_links
from .parallel import process_map
from .outputs import COLORS_CSS, asset_path, published_files, reserved_urls, theme_files
from .templates_dir import TEMPLATES
from .pages import Page, Tables, parse_page
from .redirects import check_aliases
from .refs import UnreadableTable
from .schedule import check_links_to_hidden, is_live, note_hidden
from .site import Site, SiteConfig, parse_site_config


@dataclass
class PageParses:
    """Page parses of the last build by key, and this build's (incremental builds)."""

    previous: dict[str, ParsedPage] = field(default_factory=dict)
    current: dict[str, ParsedPage] = field(default_factory=dict)
    by_file: dict[str, ParsedPage] = field(default_factory=dict)  # content path → this build's
    # content path → digest of the file's bytes, when the caller has just read them all
    files: dict[str, str] = field(default_factory=dict)
    read: dict[str, str] = field(default_factory=dict)  # the same, of the files parsed now


def load_site(content_arg: str, diag: Diagnostics, build_date: dt.date,
              drafts: bool = False, base_url: Optional[str] = None,
              build_time: Optional[dt.datetime] = None, parses: Optional[PageParses] = None,
              jobs: int = 1) -> Optional[Site]:
    """Everything in ``content_arg`` as one Site; None when it cannot be built (see ``diag``).
    ``build_time`` (naive Stockholm time, default the start of ``build_date``) decides which
    pages are within their publish_date / expiry_date. With ``parses``, pages whose file and
    tables are unchanged are not parsed again."""
    now = build_time or dt.datetime.combine(build_date, dt.time())
    files = discover(content_arg, diag)
    tables_read: list[str] = []
    hours = _data_file(files, "hours.yaml", diag, parse_hours_file, tables_read)
    contacts = _data_file(files, "contacts.yaml", diag, parse_contacts_file, tables_read)
    for contact in contacts.values():
        if contact.hours_ref is not None:
            contact.hours_ref.resolve(hours, "opening hours", "hours.yaml")
    config = _site_config(files, content_arg, diag, contacts, hours, base_url)
    tables = Tables(contacts, hours, {a.key: a for a in files.assets})
    tables_key = digest(*tables_read, *sorted(tables.assets))
    parses = parses if parses is not None else PageParses()
    pages = []
    for parsed in _parse_pages(files.pages, tables, tables_key, parses, jobs):
        diag.items.extend(parsed.messages)
        if parsed.page is not None:
            pages.append(parsed.page)
    published = [p for p in pages if (drafts or not p.draft) and is_live(p.schedule, now)]
    note_hidden(pages, now, diag)
    taken = _check_urls(published, files, contacts, diag)
    check_aliases(pages, taken | {p.url + "index.html": p.source.display for p in pages
                                  if p.url + "index.html" not in taken}, diag)
    _check_body_links(pages, published, files, parses, diag)
    check_links_to_hidden(published, [p for p in pages if not is_live(p.schedule, now)], now, diag,
                          lambda p: parses.by_file[p.source.key].links)
    _check_site(published, pages, contacts, hours, config, build_date, diag, files)
    if config is None:
        return None
    return Site(config, contacts, hours, tuple(published), tuple(files.assets), build_date,
                fingerprints={**fingerprints(published_files(files.assets)),
                              COLORS_CSS: hashed_name(COLORS_CSS, colors_css(config.colors).encode())})


def _parse_pages(sources: list[SourceFile], tables: Tables, tables_key: str, parses: PageParses,
                 jobs: int) -> list[ParsedPage]:
    """Every page's parse, in file order: reused when its key is known, else parsed (in
    parallel processes when there are many; they read the files themselves)."""
    keys: dict[int, str] = {}
    todo = []
    for i, src in enumerate(sources):
        known = parses.files.get(src.key)
        if known is not None:  # reuse without reading the file a second time
            key = _parse_key(tables_key, src, known)
            if key in parses.previous:
                keys[i] = key
                continue
        todo.append(i)
    fresh: dict[str, ParsedPage] = {}
    job = _ParseJob(tables, tables_key, sources, frozenset(parses.previous))
    for i, key, parsed, file_digest in process_map(_read_and_parse, job, todo, jobs):
        keys[i] = key
        parses.read[sources[i].key] = file_digest
        if parsed is not None:
            fresh[key] = parsed
    out = []
    for i, src in enumerate(sources):
        key = keys[i]
        parsed = fresh[key] if key in fresh else parses.previous[key]
        if parsed.page is not None or not key.startswith("unreadable:"):
            parses.current[key] = parsed
        parses.by_file[src.key] = parsed
        out.append(parsed)
    return out


def with_bodies(site: Site, indices: list[int], parses: PageParses,
                diag: Diagnostics) -> Optional[Site]:
    """The site with the body of each page ``site.pages[i]`` that a cached parse left out read
    again from its file (the pages about to be rendered). None, with an error, when a file no
    longer holds what was parsed: it changed while the site was being built."""
    pages = list(site.pages)
    read = False
    for i in indices:
        page = pages[i]
        if page.body is not None:
            continue
        read = True
        parsed = parses.by_file[page.source.key]
        text = read_text(page.source, diag)
        if text is None:
            return None
        front_digest, body_digest, body = _halves(text, page.body_line)
        if (front_digest, body_digest) != (parsed.front_matter, parsed.body):
            diag.error(page.source.display, 1, "file", "the file changed while the site was being "
                       "built; build again")
            return None
        pages[i] = replace(page, body=body)
    return replace(site, pages=tuple(pages)) if read else site


def _parse_key(tables_key: str, src: SourceFile, file_digest: str) -> str:
    """What a page's parse depends on: the tables, where the file is, and its bytes."""
    return digest(tables_key, src.display, file_digest, "")


@dataclass(frozen=True)
class _ParseJob:
    """What a parsing worker needs (inherited through the fork; only indices travel)."""
    tables: Tables
    tables_key: str
    sources: list[SourceFile]
    known: frozenset[str]  # keys of the last build's parses, reused as they are


def _read_and_parse(job: _ParseJob, index: int) -> tuple[int, str, Optional[ParsedPage], str]:
    """(index, key, parse, digest of the bytes read) of one source; the parse is None when the
    key is already known."""
    src = job.sources[index]
    try:
        raw = src.abs.read_bytes()
    except OSError as exc:  # no permission, removed while building, …: never cached
        diag = Diagnostics()
        diag.error(src.display, 1, "file", f"the file cannot be read ({exc.strerror or exc})")
        return index, f"unreadable:{src.display}", ParsedPage(None, diag.items), "unreadable"
    file_digest = digest(raw)  # as content_digests hashes it
    key = _parse_key(job.tables_key, src, file_digest)
    if key in job.known:
        return index, key, None, file_digest
    return index, key, _parse_one(job.tables, src, raw), file_digest


def _parse_one(tables: Tables, src: SourceFile, raw: bytes) -> ParsedPage:
    diag = Diagnostics()
    text = read_text(src, diag, raw)
    page = parse_page(src, text, tables, Ctx(diag, src.display)) if text is not None else None
    if page is None:
        return ParsedPage(None, diag.items)
    front_digest, body_digest, _ = _halves(text, page.body_line)
    return ParsedPage(page, diag.items, front_digest, body_digest, body_links(page.body))


def _halves(text: str, body_line: int) -> tuple[str, str, str]:
    """(digest of the front matter's lines, digest of the body's lines, the body) of a page's
    text whose body starts on line ``body_line``: what a parse records, and checks again."""
    lines = text.split("\n")
    body = "\n".join(lines[body_line - 1:])
    return digest("\n".join(lines[:body_line - 1])), digest(body), body


def _data_file(files: ContentFiles, name: str, diag: Diagnostics, parse: Callable,
               read: list[str]) -> dict:
    """The file's table by id; an UnreadableTable when the file as a whole could not be read.
    The text read is added to ``read`` (what the pages' parses depend on)."""
    src = files.data.get(name)
    if src is None:  # absent, or refused (too large, a link outside): no error per id used
        return UnreadableTable() if name in files.refused else {}
    text = read_text(src, diag)
    read += [name, text or ""]
    if text is None:
        return UnreadableTable()
    ctx = Ctx(diag, src.display)
    if _empty(text, src.display, diag):
        return UnreadableTable()
    before = len(diag.items)
    node = F.compose(text, ctx)
    if node is None and len(diag.items) > before:  # a YAML syntax error, anchor or alias
        return UnreadableTable()
    table = parse(node, ctx) or {}
    if node is not None and not isinstance(node, yaml.MappingNode):  # e.g. a list of ids
        return UnreadableTable(table)
    if node is not None and any(e.level == "error" for e in diag.items[before:]):
        # an entry left out after an error in it: pages using its id get no second error
        written = {k.value.strip() for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
        if written - set(table):
            return UnreadableTable(table, written - set(table))
    return table


def _empty(text: str, display: str, diag: Diagnostics,
           hint: str = "write its entries (see the editor's guide) or delete the file") -> bool:
    """An empty data file is one error, not one per id that pages use from it."""
    if any(line.strip() and not line.lstrip().startswith("#") for line in text.split("\n")):
        return False
    diag.error(display, 1, "file", f"the file is empty; {hint}")
    return True


def _site_config(files: ContentFiles, content_arg: str, diag: Diagnostics, contacts, hours,
                 base_url: Optional[str]) -> Optional[SiteConfig]:
    src = files.data.get("site.yaml")
    if src is None and "site.yaml" in files.refused:  # already reported (a link outside, …)
        return None
    if src is None:
        diag.error(f"{content_arg.rstrip('/')}/site.yaml", 1, "file",
                   "the content folder has no site.yaml; create one with at least "
                   "`title:` and `organisation:` (see the editor's guide)")
        return None
    text = read_text(src, diag)
    if text is None:
        return None
    ctx = Ctx(diag, src.display)
    if _empty(text, src.display, diag, "write at least `title:` and `organisation:`"):
        return None
    before = len(diag.items)
    node = F.compose(text, ctx)
    if node is None and len(diag.items) > before:  # its syntax error is enough: no "missing title"
        return None
    return parse_site_config(node, ctx, contacts, hours, base_url)


def _check_urls(pages: list[Page], files: ContentFiles, contacts, diag: Diagnostics) -> dict[str, str]:
    """Two things published at one address is an error naming both files. Returns every output
    path taken, with what takes it."""
    taken = reserved_urls(pages, contacts.values(), theme_files(TEMPLATES))
    for page in pages:
        key = page.url + "index.html"
        if key in taken:
            diag.error(page.source.display, 1, "url",
                       f"this page would be published at /{page.url}, which is already used by "
                       f"{taken[key]}; rename one of them or set `slug:`")
        else:
            taken[key] = page.source.display
    for asset in files.assets:
        key = asset_path(asset)
        if key in taken:
            diag.error(asset.display, 1, "url", f"this file would be published as /{key}, which is "
                       f"already used by {taken[key]}; rename one of them")
        else:
            taken[key] = asset.display
    return taken


def _check_body_links(pages: list[Page], published: list[Page], files: ContentFiles,
                      parses: PageParses, diag: Diagnostics) -> None:
    targets = {p.source.key: p.url + "index.html" for p in pages}
    targets |= {a.key: asset_path(a) for a in files.assets}
    out = {p.url + "index.html" for p in published} | {asset_path(a) for a in files.assets}
    out |= set(reserved_urls(published))
    for page in pages:
        check_links(parses.by_file[page.source.key].links, page.body_line,
                    page.source.rel, page.url, targets, out,
                    Ctx(diag, page.source.display))


def _check_site(published: list[Page], pages: list[Page], contacts, hours, config, build_date: dt.date,
                diag: Diagnostics, files: ContentFiles) -> None:
    statements = [p for p in published if p.kind == "accessibility"]
    if not statements and published:
        diag.warn(files.data["site.yaml"].display if "site.yaml" in files.data else
                  files.pages[0].display, 1, "accessibility",
                  "the site has no accessibility statement (a page with `kind: accessibility`); "
                  "every public-sector site must have one and every page links to it")
    for extra in statements[1:]:
        diag.error(extra.source.display, 1, "kind", "there is already an accessibility statement "
                   f"({statements[0].source.display}); a site has exactly one")
    used = {c.id for p in pages for c in p.contacts}
    used |= {d.arg for p in pages for d in p.directives if d.name == "contact"}
    used |= {i for p in pages if p.participants for i in p.participants.contact_ids}
    if config is not None:
        used |= {c.id for c in config.footer_contacts}
    for contact in contacts.values():
        if contact.id not in used:
            diag.note(files.data["contacts.yaml"].display, contact.line, contact.id,
                      "this contact is not used on any page or in the footer")
    _check_hours_used(pages, contacts, config, hours, files, diag)
    months = config.review_interval_months if config else None
    for page in published:
        if months and page.reviewed and _months_between(page.reviewed.date, build_date) > months:
            diag.note(page.source.display, page.reviewed.line, "reviewed.date",
                      f"last reviewed {page.reviewed.date} by {page.reviewed.by}, more than "
                      f"{months} months ago; review the page and update the date")


def _check_hours_used(pages: list[Page], contacts, config, hours, files: ContentFiles,
                      diag: Diagnostics) -> None:
    """A note for each schedule of hours.yaml no page, contact or footer shows."""
    used = {h.id for p in pages for h in p.hours}
    used |= {d.arg for p in pages for d in p.directives if d.name == "hours"}
    used |= {c.hours_ref.id for c in contacts.values() if c.hours_ref is not None}
    if config is not None:
        used |= {h.id for h in config.footer_hours}
    for schedule in hours.values():
        if schedule.id not in used:
            diag.note(files.data["hours.yaml"].display, schedule.line, schedule.id,
                      "these opening hours are not used on any page, by any contact or in the footer")


def _months_between(a: dt.date, b: dt.date) -> int:
    return (b.year - a.year) * 12 + (b.month - a.month) - (b.day < a.day)
