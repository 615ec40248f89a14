"""Step 2: load and validate the whole content folder into a Site, collecting every problem."""
from __future__ import annotations

import datetime as dt
from typing import Callable, Optional

import yaml

from civicsite.contacts.model import parse_contacts_file, resolve_contact_refs
from civicsite.content.checks import check_content
from civicsite.content.colors import colors_css
from civicsite.content.discover import ContentFiles, discover, read_text
from civicsite.content.files import Tables
from civicsite.content.fingerprint import fingerprints, hashed_name
from civicsite.content.parses import PageParses, parse_pages
from civicsite.content.pictures import ImageProbes, copied, load_pictures, site_icons
from civicsite.content.schedule import is_live, is_over
from civicsite.content.site import Site, SiteConfig, parse_site_config
from civicsite.content.urls import COLORS_CSS, asset_path, published_files
from civicsite.content.withheld import withheld_files
from civicsite.core import fields as F
from civicsite.core.digest import digest
from civicsite.core.errors import Diagnostics
from civicsite.core.fields import Ctx
from civicsite.core.messages import _
from civicsite.core.refs import UnreadableTable
from civicsite.hours.parse import parse_hours_file


def load_site(content_arg: str, diag: Diagnostics, build_date: dt.date,
              drafts: bool = False, base_url: Optional[str] = None,
              build_time: Optional[dt.datetime] = None, parses: Optional[PageParses] = None,
              jobs: int = 1, probes: Optional[ImageProbes] = None,
              upcoming: bool = False) -> Optional[Site]:
    """Everything in ``content_arg`` as one Site; None when it cannot be built (see ``diag``).
    ``build_time`` (naive Stockholm time, default the start of ``build_date``) decides which
    pages are within their publish_date / expiry_date. With ``parses``, pages whose file and
    tables are unchanged are not parsed again; with ``probes``, images whose bytes are
    unchanged are not probed again. With ``upcoming`` (the preview), pages before their
    publish_date are in the Site too; the checks still see the site as published."""
    now = build_time or dt.datetime.combine(build_date, dt.time())
    files = discover(content_arg, diag)
    tables, tables_key = _tables(files, diag)
    config = _site_config(files, content_arg, diag, tables, base_url)
    parses = parses if parses is not None else PageParses()
    pictures = load_pictures(files.assets, parses.files, probes or ImageProbes(),
                             config.logo.src if config and config.logo else None, jobs, diag)
    pages = parse_pages(files.pages, tables, tables_key, parses, jobs, diag)
    published = [p for p in pages if (drafts or not p.draft) and is_live(p.schedule, now)]
    links_of = lambda p: parses.by_file[p.source.key].links  # noqa: E731
    check_content(pages, published, files, tables, config, build_date, now, diag, links_of)
    if config is None:
        return None
    if upcoming:
        published = [p for p in pages if (drafts or not p.draft) and not is_over(p.schedule, now)]
    # a left-out page's own files are published with it, not before
    withheld = withheld_files(pages, published, lambda p: parses.by_file[p.source.key].files)
    assets = tuple(a for a in files.assets if a.key not in withheld)
    pictures = {key: p for key, p in pictures.items() if key not in withheld}
    logo = config.logo.src if config.logo else None
    return Site(config, tables.contacts, tables.hours, tuple(published), assets,
                build_date, fingerprints={
                    **fingerprints(published_files(a for a in assets if copied(a, pictures))),
                    **{asset_path(a): p.largest.path for a in assets
                       if (p := pictures.get(a.key)) is not None and p.largest is not None},
                    COLORS_CSS: hashed_name(COLORS_CSS, colors_css(config.colors).encode())},
                pictures=pictures,
                icons=site_icons(config.title, config.colors.primary, logo, pictures))


def _tables(files: ContentFiles, diag: Diagnostics) -> tuple[Tables, str]:
    """hours.yaml and contacts.yaml (a contact's hours resolved), the content files, and a
    digest of what was read: what every page's parse depends on."""
    read: list[str] = []
    hours = _data_file(files, "hours.yaml", diag, parse_hours_file, read)
    contacts = _data_file(files, "contacts.yaml", diag, parse_contacts_file, read)
    resolve_contact_refs(contacts, hours)
    tables = Tables(contacts, hours, {a.key: a for a in files.assets})
    return tables, digest(*read, *sorted(tables.assets))


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


def _empty(text: str, display: str, diag: Diagnostics, site: bool = False) -> bool:
    """An empty data file is one error, not one per id that pages use from it."""
    if any(line.strip() and not line.lstrip().startswith("#") for line in text.split("\n")):
        return False
    diag.error(display, 1, _("file"), _("the file is empty; write at least `title:` and "
                                        "`organisation:`") if site else
               _("the file is empty; write its entries (see the editor's guide) or delete the file"))
    return True


def _site_config(files: ContentFiles, content_arg: str, diag: Diagnostics, tables: Tables,
                 base_url: Optional[str]) -> Optional[SiteConfig]:
    src = files.data.get("site.yaml")
    if src is None and "site.yaml" in files.refused:  # already reported (a link outside, …)
        return None
    if src is None:
        diag.error(f"{content_arg.rstrip('/')}/site.yaml", 1, _("file"), _(
            "the content folder has no site.yaml; create one with at least `title:` and "
            "`organisation:` (see the editor's guide)"))
        return None
    text = read_text(src, diag)
    if text is None:
        return None
    ctx = Ctx(diag, src.display)
    if _empty(text, src.display, diag, site=True):
        return None
    before = len(diag.items)
    node = F.compose(text, ctx)
    if node is None and len(diag.items) > before:  # its syntax error is enough: no "missing title"
        return None
    return parse_site_config(node, ctx, src, tables, base_url)
