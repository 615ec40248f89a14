"""An edit that changed only the text under a page's front matter changes only that page's HTML
(lists, menus, feeds and the other pages show no body), so the preview can show it before the
full build is done: the page is parsed again and rendered against the last good site. The full
build follows at once and has the last word (checks across pages, the output, the cache)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Optional

from civicsite.content.discover import read_text
from civicsite.content.files import Tables
from civicsite.content.pages import Page, parse_page
from civicsite.content.site import Site
from civicsite.core.errors import ContentError, Diagnostics
from civicsite.core.fields import Ctx
from civicsite.render.pages import render_page


@dataclass(frozen=True)
class Quick:
    """One page parsed again: its URL, its HTML (None when it has errors) and its problems."""

    path: str              # the display path, as in problems
    url: str
    html: Optional[str]
    problems: list[ContentError]


def _without_body(page: Page) -> Page:
    return replace(page, body=None, directives=())


def quick_pages(site: Site, changed: set[Path], strict: bool = False) -> Optional[list[Quick]]:
    """The changed pages parsed and rendered, when every changed file is a page of ``site``
    whose front matter means what it meant; None when anything else changed."""
    pages = {page.source.abs: page for page in site.pages}
    # a file made and removed within the batch (an editor's save through a temporary file)
    changed = {path for path in changed if path in pages or path.exists()}
    if not changed or any(path not in pages for path in changed):
        return None
    tables = Tables(site.contacts, site.hours, {a.key: a for a in site.assets})
    done = []
    for path in sorted(changed):
        old = pages[path]
        diag = Diagnostics()
        text = read_text(old.source, diag)
        new = parse_page(old.source, text, tables, Ctx(diag, old.source.display)) \
            if text is not None else None
        if new is None or new.body_line != old.body_line or \
                _without_body(new) != _without_body(old):
            return None  # its front matter changed (or cannot be read): the full build decides
        problems = diag.problems(strict)
        html = None if any(p.level == "error" for p in problems) else render_page(site, new)
        done.append(Quick(old.source.display, new.url, html, problems))
    return done
