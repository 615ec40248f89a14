"""Checks across the whole content: addresses taken twice, body links, scheduled pages linked
to, aliases, the accessibility statement, unused contacts and hours, reviews due."""
from __future__ import annotations

import datetime as dt
import os
import re
from typing import Callable, Iterable, Mapping, Optional

from civicsite.content.collections import reserved
from civicsite.content.discover import ContentFiles
from civicsite.content.files import Tables
from civicsite.content.languages import check_versions
from civicsite.content.links import SitePaths, check_links, check_site_link, content_target
from civicsite.content.pages import Page, page_url
from civicsite.content.schedule import is_live, moment, show_when
from civicsite.content.site import SiteConfig
from civicsite.content.urls import asset_path, reserved_urls, theme_files
from civicsite.core.errors import Diagnostics
from civicsite.core.fields import Ctx
from civicsite.core.i18n import SITE_LANGUAGE
from civicsite.core.messages import _
from civicsite.core.paths import TEMPLATES


def check_content(pages: list[Page], published: list[Page], files: ContentFiles, tables: Tables,
                  config: Optional[SiteConfig], build_date: dt.date, now: dt.datetime,
                  diag: Diagnostics, links_of: Callable[[Page], Iterable]) -> None:
    """Every check across pages, in order; ``links_of(page)``: the links of its body."""
    note_hidden(pages, now, diag)
    lists = reserved(published, config)
    taken = _check_urls(published, files, tables.contacts, lists, diag)
    check_aliases(pages, taken | {p.url + "index.html": p.source.display for p in pages
                                  if p.url + "index.html" not in taken}, diag)
    site = _check_body_links(pages, published, files, links_of, diag, config, lists)
    check_links_to_hidden(published, [p for p in pages if not is_live(p.schedule, now)], now, diag,
                          links_of, site)
    _check_site(published, pages, tables.contacts, tables.hours, config, build_date, diag, files)
    check_versions(pages, files, config.language if config else SITE_LANGUAGE, diag)


def _check_urls(pages: list[Page], files: ContentFiles, contacts, lists: Mapping[str, tuple],
                diag: Diagnostics) -> dict[str, str]:
    """Two things published at one address is an error naming both files, reported on the one
    that came last (see ``claim_order``), or, for a listing site.yaml moved there, on its
    `path:`; ``lists``: the generated lists' addresses (``collections.reserved``). Returns
    every output path taken, with what takes it."""
    taken = reserved_urls(pages, contacts.values(), theme_files(TEMPLATES))
    taken.update({key: what for key, (what, _where) in lists.items()})
    by_url: dict[str, list[Page]] = {}
    for page in pages:
        by_url.setdefault(page.url + "index.html", []).append(page)
    for key, group in by_url.items():
        where = lists[key][1] if key in lists else None  # a listing site.yaml put there
        if where is not None:
            where.error(_("/{url} is already the address of {page}, so {what} cannot be "
                          "published there; choose another path", url=group[0].url,
                          page=group[0].source.display, what=lists[key][0]))
            continue
        for page in sorted(group, key=claim_order) if len(group) > 1 else group:
            if key not in taken:
                taken[key] = page.source.display
            elif page.url != own_url(page):
                diag.error(page.source.display, _slug_line(page), "slug", _(
                    "the address /{url} is already used by {other}; choose another slug",
                    url=page.url, other=taken[key]))
            else:
                diag.error(page.source.display, 1, _("url"), _(
                    "this page would be published at /{url}, which is already used by {other}; "
                    "rename one of them or set `slug:`", url=page.url, other=taken[key]))
    for asset in files.assets:
        key = asset_path(asset)
        if key in taken:
            diag.error(asset.display, 1, _("url"), _(
                "this file would be published as /{path}, which is already used by {other}; "
                "rename one of them", path=key, other=taken[key]))
        else:
            taken[key] = asset.display
    return taken


def own_url(page: Page) -> str:
    """The address a page gets from its file's path, without `slug:`."""
    return "".join(s + "/" for s in page_url(page.source.rel))


def claim_order(page: Page) -> tuple:
    """Which of two pages at one address keeps it: the one whose address comes from its own
    file name before one that takes it with `slug:`; then the older file (the newer one is the
    page just written, where the editor looks); then path order, so a build is deterministic
    when both were saved at once (a fresh checkout)."""
    try:
        modified = os.stat(page.source.abs).st_mtime_ns
    except OSError:
        modified = 0
    return (page.url != own_url(page), modified, page.source.key)


def _slug_line(page: Page) -> int:
    return _front_matter_line(page, re.compile(r"slug\s*:"))


def _front_matter_line(page: Page, text) -> int:
    """The first line of the page's front matter that holds ``text`` (a string, or a pattern
    matched at the line's start); 1 if there is none. Read again from the file: only a page
    with a mistake needs it."""
    try:
        lines = page.source.abs.read_text(encoding="utf-8-sig").split("\n")
    except (OSError, UnicodeDecodeError):
        return 1
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() in ("---", "..."):
            break
        if (text in line) if isinstance(text, str) else text.match(line):
            return number
    return 1


def _check_body_links(pages: list[Page], published: list[Page], files: ContentFiles,
                      links_of: Callable[[Page], Iterable], diag: Diagnostics,
                      config: Optional[SiteConfig], lists: Mapping[str, tuple]) -> SitePaths:
    """Links in bodies and front matter that lead to no page or file; returns what the
    site's own addresses lead to."""
    targets = {p.source.key: p.url + "index.html" for p in pages}
    targets |= {a.key: asset_path(a) for a in files.assets}
    out = {p.url + "index.html" for p in published} | {asset_path(a) for a in files.assets}
    out |= set(reserved_urls(published)) | set(lists)
    out |= {a.output for p in published for a in p.aliases}
    site = SitePaths.of(config.base_url if config else "/", out,
                        {p.url: p.source.display for p in pages})
    for page in pages:
        check_links(links_of(page), page.body_line,
                    page.source.rel, page.url, targets, out,
                    Ctx(diag, page.source.display), site)
        for name, url in _front_matter_links(page):
            path = site.path(url)
            if path is not None and not site.leads_somewhere(path):
                check_site_link(url, site, Ctx(diag, page.source.display, name,
                                               _front_matter_line(page, url)))
    return site


def _front_matter_links(page: Page) -> Iterable[tuple[str, str]]:
    """(field, address) of every link in a page's front matter."""
    for i, link in enumerate(page.related):
        yield f"related[{i}].url", link.url
    for name, attribute in (("signup.url", "signup_url"), ("feedback.url", "feedback_url")):
        url = getattr(page.data, attribute, None)
        if url:
            yield name, url
    following = getattr(page.data, "next", None)  # a workshop's or sprint's next meeting
    if following is not None and following.url:
        yield "next.url", following.url


def _check_site(published: list[Page], pages: list[Page], contacts, hours, config, build_date: dt.date,
                diag: Diagnostics, files: ContentFiles) -> None:
    statements = [p for p in published if p.kind == "accessibility"]
    if not statements and published:
        diag.warn(files.data["site.yaml"].display if "site.yaml" in files.data else
                  files.pages[0].display, 1, _("accessibility"), _(
                      "the site has no accessibility statement (a page with `kind: "
                      "accessibility`); every public-sector site must have one and every page "
                      "links to it"))
    for extra in statements[1:]:
        diag.error(extra.source.display, 1, "kind", _(
            "there is already an accessibility statement ({other}); a site has exactly one",
            other=statements[0].source.display))
    used = {c.id for p in pages for c in p.contacts}
    used |= {d.arg for p in pages for d in p.directives if d.name == "contact"}
    used |= {i for p in pages if p.participants for i in p.participants.contact_ids}
    if config is not None:
        used |= {c.id for c in config.footer_contacts}
    used |= {m.id for c in contacts.values() if c.id in used for m in c.members}
    for contact in contacts.values():
        if contact.id not in used:
            diag.note(files.data["contacts.yaml"].display, contact.line, contact.id,
                      _("this contact is not used on any page or in the footer"))
    _check_hours_used(pages, contacts, config, hours, files, diag)
    months = config.review_interval_months if config else None
    for page in published:
        if months and page.reviewed and _months_between(page.reviewed.date, build_date) > months:
            diag.note(page.source.display, page.reviewed.line, "reviewed.date", _(
                "last reviewed {date} by {by}, more than {months} months ago; review the page "
                "and update the date", date=page.reviewed.date, by=page.reviewed.by,
                months=months))


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
            diag.note(files.data["hours.yaml"].display, schedule.line, schedule.id, _(
                "these opening hours are not used on any page, by any contact or in the footer"))


def _months_between(a: dt.date, b: dt.date) -> int:
    return (b.year - a.year) * 12 + (b.month - a.month) - (b.day < a.day)


def note_hidden(pages: Iterable[Page], now: dt.datetime, diag: Diagnostics) -> None:
    """A note (printed by ``check``) for every page this build leaves out for its dates."""
    for page in pages:
        s = page.schedule
        if s is None or is_live(s, now):
            continue
        if s.publish is not None and moment(s.publish) > now:
            diag.note(page.source.display, s.publish_line, "publish_date", _(
                "not published until {when}; left out of this build", when=show_when(s.publish)))
        else:
            diag.note(page.source.display, s.expiry_line, "expiry_date", _(
                "expired on {when}; left out of this build", when=show_when(s.expiry)))


def hidden_reason(page: Page, now: dt.datetime) -> str:
    s = page.schedule
    if s is not None and s.publish is not None and moment(s.publish) > now:
        return _("not published until {when}", when=show_when(s.publish))
    if s is not None and s.expiry is not None:
        return _("expired on {when}", when=show_when(s.expiry))
    return _("not published")


def check_links_to_hidden(published: Iterable[Page], hidden: Iterable[Page], now: dt.datetime,
                          diag: Diagnostics, links_of: Callable[[Page], Iterable],
                          site: Optional[SitePaths] = None) -> None:
    """A link in a published page's body (``links_of(page)``: its ``links.body_links``) to a
    page this build leaves out is a warning: the link would lead nowhere until that page is
    published (or after it expired)."""
    by_source = {p.source.key: p for p in hidden}
    if not by_source:
        return
    by_url = {p.url: p for p in by_source.values()}
    for page in published:
        for i, url in links_of(page):
            target = content_target(url, page.source.rel)
            other = None
            if target is not None:
                other = by_source.get(target[0])
            elif site is not None and (path := site.path(url)) is not None:
                other = by_url.get(path if not path or path.endswith("/") else path + "/")
            if other is not None:
                diag.warn(page.source.display, page.body_line + i, _("body"), _(
                    'the link "{url}" leads to {page}, which is {reason}; the link leads nowhere '
                    "in this build", url=url, page=other.source.display,
                    reason=hidden_reason(other, now)))


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
                owner = _("a folder of published files")
            if owner is not None:
                diag.error(page.source.display, a.line, f"aliases[{i}]", _(
                    "/{path} is already used by {other}; an alias must be an address no page or "
                    "file has", path=a.path, other=owner))
            else:
                taken[a.output] = _("an alias of {page}", page=page.source.display)
                folders |= {"/".join(parts[:n]) for n in range(1, len(parts))}
