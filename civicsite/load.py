"""Step 2: load and validate the whole content folder into a Site, collecting every problem."""
from __future__ import annotations

import datetime as dt
from typing import Callable, Optional

import yaml

from . import fields as F
from .contacts import parse_contacts_file
from .discover import ContentFiles, discover, read_text
from .errors import Diagnostics
from .fields import Ctx
from .hours import parse_hours_file
from .links import check_links
from .outputs import asset_path, reserved_urls, theme_files
from .templates_dir import TEMPLATES
from .pages import Page, Tables, parse_page
from .refs import UnreadableTable
from .site import Site, SiteConfig, parse_site_config


def load_site(content_arg: str, diag: Diagnostics, build_date: dt.date,
              drafts: bool = False, base_url: Optional[str] = None) -> Optional[Site]:
    """Everything in ``content_arg`` as one Site; None when it cannot be built (see ``diag``)."""
    files = discover(content_arg, diag)
    hours = _data_file(files, "hours.yaml", diag, parse_hours_file)
    contacts = _data_file(files, "contacts.yaml", diag, parse_contacts_file)
    for contact in contacts.values():
        if contact.hours_ref is not None:
            contact.hours_ref.resolve(hours, "opening hours", "hours.yaml")
    config = _site_config(files, content_arg, diag, contacts, hours, base_url)
    tables = Tables(contacts, hours, {a.rel.as_posix(): a for a in files.assets})
    pages = []
    for src in files.pages:
        text = read_text(src, diag)
        if text is not None:
            page = parse_page(src, text, tables, Ctx(diag, src.display))
            if page is not None:
                pages.append(page)
    published = [p for p in pages if drafts or not p.draft]
    _check_urls(published, files, contacts, diag)
    _check_body_links(pages, published, files, diag)
    _check_site(published, pages, contacts, config, build_date, diag, files)
    if config is None:
        return None
    return Site(config, contacts, hours, tuple(published), tuple(files.assets), build_date)


def _data_file(files: ContentFiles, name: str, diag: Diagnostics, parse: Callable) -> dict:
    """The file's table by id; an UnreadableTable when the file as a whole could not be read."""
    src = files.data.get(name)
    if src is None:  # absent, or refused (too large, a link outside): no error per id used
        return UnreadableTable() if name in files.refused else {}
    text = read_text(src, diag)
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


def _check_urls(pages: list[Page], files: ContentFiles, contacts, diag: Diagnostics) -> None:
    """Two things published at one address is an error naming both files."""
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


def _check_body_links(pages: list[Page], published: list[Page], files: ContentFiles,
                      diag: Diagnostics) -> None:
    targets = {p.source.rel.as_posix(): p.url + "index.html" for p in pages}
    targets |= {a.rel.as_posix(): asset_path(a) for a in files.assets}
    out = {p.url + "index.html" for p in published} | {asset_path(a) for a in files.assets}
    out |= set(reserved_urls(published))
    for page in pages:
        check_links(page.body, page.body_line, page.source.rel, page.url, targets, out,
                    Ctx(diag, page.source.display))


def _check_site(published: list[Page], pages: list[Page], contacts, config, build_date: dt.date,
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
    months = config.review_interval_months if config else None
    for page in published:
        if months and page.reviewed and _months_between(page.reviewed.date, build_date) > months:
            diag.note(page.source.display, 1, "reviewed.date", f"last reviewed {page.reviewed.date}, "
                      f"more than {months} months ago; review the page and update the date")


def _months_between(a: dt.date, b: dt.date) -> int:
    return (b.year - a.year) * 12 + (b.month - a.month) - (b.day < a.day)
