"""Checks across the whole content: addresses taken twice, body links, scheduled pages linked
to, aliases, the accessibility statement, unused contacts and hours, reviews due."""
from __future__ import annotations

import datetime as dt
from typing import Callable, Iterable, Optional

from civicsite.content.discover import ContentFiles
from civicsite.content.files import Tables
from civicsite.content.links import check_links, content_target
from civicsite.content.pages import Page
from civicsite.content.schedule import is_live, moment, show_when
from civicsite.content.site import SiteConfig
from civicsite.content.urls import asset_path, reserved_urls, theme_files
from civicsite.core.errors import Diagnostics
from civicsite.core.fields import Ctx
from civicsite.core.paths import TEMPLATES


def check_content(pages: list[Page], published: list[Page], files: ContentFiles, tables: Tables,
                  config: Optional[SiteConfig], build_date: dt.date, now: dt.datetime,
                  diag: Diagnostics, links_of: Callable[[Page], Iterable]) -> None:
    """Every check across pages, in order; ``links_of(page)``: the links of its body."""
    note_hidden(pages, now, diag)
    taken = _check_urls(published, files, tables.contacts, diag)
    check_aliases(pages, taken | {p.url + "index.html": p.source.display for p in pages
                                  if p.url + "index.html" not in taken}, diag)
    _check_body_links(pages, published, files, links_of, diag)
    check_links_to_hidden(published, [p for p in pages if not is_live(p.schedule, now)], now, diag,
                          links_of)
    _check_site(published, pages, tables.contacts, tables.hours, config, build_date, diag, files)


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
                      links_of: Callable[[Page], Iterable], diag: Diagnostics) -> None:
    targets = {p.source.key: p.url + "index.html" for p in pages}
    targets |= {a.key: asset_path(a) for a in files.assets}
    out = {p.url + "index.html" for p in published} | {asset_path(a) for a in files.assets}
    out |= set(reserved_urls(published))
    for page in pages:
        check_links(links_of(page), page.body_line,
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
    used |= {m.id for c in contacts.values() if c.id in used for m in c.members}
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
    used |= {h.ref.id for c in contacts.values() for h in c.hours}
    if config is not None:
        used |= {h.id for h in config.footer_hours}
    for schedule in hours.values():
        if schedule.id not in used:
            diag.note(files.data["hours.yaml"].display, schedule.line, schedule.id,
                      "these opening hours are not used on any page, by any contact or in the footer")


def _months_between(a: dt.date, b: dt.date) -> int:
    return (b.year - a.year) * 12 + (b.month - a.month) - (b.day < a.day)


def note_hidden(pages: Iterable[Page], now: dt.datetime, diag: Diagnostics) -> None:
    """A note (printed by ``check``) for every page this build leaves out for its dates."""
    for page in pages:
        s = page.schedule
        if s is None or is_live(s, now):
            continue
        if s.publish is not None and moment(s.publish) > now:
            diag.note(page.source.display, s.publish_line, "publish_date",
                      f"not published until {show_when(s.publish)}; left out of this build")
        else:
            diag.note(page.source.display, s.expiry_line, "expiry_date",
                      f"expired on {show_when(s.expiry)}; left out of this build")


def hidden_reason(page: Page, now: dt.datetime) -> str:
    s = page.schedule
    if s is not None and s.publish is not None and moment(s.publish) > now:
        return f"not published until {show_when(s.publish)}"
    return f"expired on {show_when(s.expiry)}" if s is not None and s.expiry is not None else "not published"


def check_links_to_hidden(published: Iterable[Page], hidden: Iterable[Page], now: dt.datetime,
                          diag: Diagnostics, links_of: Callable[[Page], Iterable]) -> None:
    """A link in a published page's body (``links_of(page)``: its ``links.body_links``) to a
    page this build leaves out is a warning: the link would lead nowhere until that page is
    published (or after it expired)."""
    by_source = {p.source.key: p for p in hidden}
    if not by_source:
        return
    for page in published:
        for i, url in links_of(page):
            target = content_target(url, page.source.rel)
            if target is not None and target[0] in by_source:
                other = by_source[target[0]]
                diag.warn(page.source.display, page.body_line + i, "body",
                          f'the link "{url}" leads to {other.source.display}, which is '
                          f"{hidden_reason(other, now)}; the link leads nowhere in this build")


def check_aliases(pages: Iterable[Page], taken: dict[str, str], diag: Diagnostics) -> None:
    """An alias at an address a page, file or other alias already has is an error naming both.
    ``taken``: output path → what uses it (pages, files and generated files)."""
    taken = dict(taken)
    folders = {"/".join(p.split("/")[:n]) for p in taken for n in range(1, p.count("/") + 1)}
    for page in pages:
        for i, a in enumerate(page.aliases):
            parts = a.output.split("/")
            owner = taken.get(a.output) or next(
                (taken[f] for f in ("/".join(parts[:n]) for n in range(1, len(parts))) if f in taken),
                None)
            if owner is None and a.output in folders:
                owner = "a folder of published files"
            if owner is not None:
                diag.error(page.source.display, a.line, f"aliases[{i}]",
                           f"/{a.path} is already used by {owner}; an alias must be an address "
                           "no page or file has")
            else:
                taken[a.output] = f"an alias of {page.source.display}"
                folders |= {"/".join(parts[:n]) for n in range(1, len(parts))}
