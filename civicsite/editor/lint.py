"""``civicsite check`` beyond validation: what a page body does wrong for its readers.

Anchors (``#…``) that lead to no element of the published target page, and heading levels that
skip. Both are warnings (errors with ``--strict``) on the line of the body where they are written.
Anchors are checked against the rendered pages, so an anchor counts exactly when the published
HTML has that id. (Images without a text alternative are errors of every build:
markdown.mistakes.)
"""
from __future__ import annotations

import re
from typing import Iterator, Optional
from urllib.parse import unquote, urljoin

from civicsite.content.links import body_links, content_target
from civicsite.content.pages import Page
from civicsite.content.site import Site
from civicsite.core.errors import Diagnostics, did_you_mean
from civicsite.core.fields import Ctx
from civicsite.core.messages import _
from civicsite.markdown.directives import unfenced
from civicsite.render.pages import render_page

ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
HTML_ID = re.compile(r"""\sid\s*=\s*["']([^"']+)["']""")


def _body_lines(page: Page) -> Iterator[tuple[int, str, str]]:
    """(file line, line, previous line) of the body outside fenced code blocks; the previous
    line is empty after a fence or code."""
    last_index, previous = -2, ""
    for i, line in unfenced(page.body):
        yield page.body_line + i, line, previous if last_index == i - 1 else ""
        last_index, previous = i, line


def _where(diag: Diagnostics, page: Page, line: int) -> Ctx:
    return Ctx(diag, page.source.display, _("body"), line)


def check_headings(page: Page, diag: Diagnostics) -> None:
    """The title is the h1; body headings start at h2 (# and ## both become h2) and go down one
    level at a time."""
    previous_level = 1
    for line_no, line, before in _body_lines(page):
        m = ATX.match(line)
        if m:
            written = len(m.group(1))
        elif SETEXT.match(line) and before.strip() and not ATX.match(before) \
                and not before.lstrip().startswith(("-", "*", "+", ">", "|", ":::")):
            written = 1 if line.strip().startswith("=") else 2
        else:
            continue
        level = max(2, written)
        if level > previous_level + 1:
            want = "#" * (previous_level + 1) if previous_level >= 2 else "##"
            _where(diag, page, line_no).warn(_(
                "the heading jumps from level {previous} to level {level}; use {want} here "
                "(screen-reader users navigate by heading levels)", previous=previous_level,
                level=level, want=want))
        previous_level = level


def check_anchors(site: Site, diag: Diagnostics) -> None:
    """Links with #fragment to a page of the site whose published HTML has no such id."""
    ids: dict[str, set[str]] = {}
    by_source = {p.source.key: p for p in site.pages}
    by_url = {p.url: p for p in site.pages}

    def ids_of(target: Page) -> set[str]:
        if target.url not in ids:
            ids[target.url] = set(HTML_ID.findall(render_page(site, target)))
        return ids[target.url]

    for page in site.pages:
        for i, url in body_links(page.body):
            target, fragment = _anchor_target(url, page, by_source, by_url)
            if target is None or not fragment:
                continue
            known = ids_of(target)
            if fragment not in known:
                where = _("this page") if target.url == page.url else target.source.display
                _where(diag, page, page.body_line + i).warn(
                    _('the link "{url}" points to "#{fragment}", which is not on {page}',
                      url=url, fragment=fragment, page=where) + did_you_mean(fragment, known)
                    + _("; headings have no anchors, link to the page itself"))


def _anchor_target(url: str, page: Page, by_source: dict[str, Page],
                   by_url: dict[str, Page]) -> tuple[Optional[Page], str]:
    if url.startswith("#"):
        return page, unquote(url[1:])
    if "#" not in url:
        return None, ""
    target = content_target(url, page.source.rel)
    if target is not None and target[0] in by_source:
        return by_source[target[0]], unquote(target[1][1:])
    path, _hash, fragment = url.partition("#")
    if re.match(r"^[a-z][a-z0-9+.-]*:|^//", path, re.IGNORECASE):
        return None, ""
    resolved = unquote(urljoin("/" + page.url, path))[1:]
    resolved = resolved.removesuffix("index.html")
    if resolved and not resolved.endswith("/"):
        resolved += "/"
    return by_url.get(resolved), unquote(fragment)


def lint_site(site: Site, diag: Diagnostics, anchors: bool = True) -> None:
    """Every body check on every published page; anchors only when the site can be rendered
    (no errors), since they are looked up in the published HTML."""
    for page in site.pages:
        check_headings(page, diag)
    if anchors:
        check_anchors(site, diag)
