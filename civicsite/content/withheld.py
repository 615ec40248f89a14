"""The own files of pages a build leaves out (drafts, pages before their publish_date or after
their expiry_date): a PDF a draft strategy lists, an embargoed page's image, a file only its
body links to. They are published with the page, not before: left out of the site's files,
its fingerprints and ``_headers``, so neither the file nor its name can be found."""
from __future__ import annotations

import dataclasses
from functools import lru_cache
from typing import Callable, Container, Iterable

from civicsite.contacts.model import Contact
from civicsite.content.links import content_target
from civicsite.content.pages import Page
from civicsite.hours.model import OpeningHours

SHARED = (Contact, OpeningHours)  # site-wide tables a page refers to: never its own files
NOT_FILES = frozenset({"source", "body", "body_line", "directives"})


def withheld_files(pages: Iterable[Page], published: Iterable[Page],
                   files_of: Callable[[Page], Iterable[str]]) -> frozenset[str]:
    """Content files (paths inside the content folder) that pages left out name and no
    published page does; ``files_of(page)``: what ``page_files`` found in it at its parse."""
    shown = {p.source.key for p in published}
    hidden: set[str] = set()
    used: set[str] = set()
    for page in pages:
        (used if page.source.key in shown else hidden).update(files_of(page))
    return frozenset(hidden - used)


def page_files(page: Page, links: Iterable[tuple[int, str]], assets: Container[str]) -> set[str]:
    """The files among ``assets`` that a page names: in any field of its front matter (an
    image, documents …) and in links of its body. Found once per parse (``ParsedPage.files``):
    a walk of every page takes a fifth of a second at 10,000 pages."""
    found: set[str] = set()
    _collect(page, assets, found)
    for _, url in links:
        target = content_target(url.strip(), page.source.rel)
        if target is not None and target[0] in assets:
            found.add(target[0])
    return found


def _collect(value, assets: Container[str], found: set[str]) -> None:
    if isinstance(value, str):
        if value in assets:
            found.add(value)
    elif isinstance(value, (tuple, list)):
        for item in value:
            _collect(item, assets, found)
    elif dataclasses.is_dataclass(value) and not isinstance(value, SHARED):
        for name in _fields(type(value)):
            _collect(getattr(value, name), assets, found)


@lru_cache(maxsize=None)
def _fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.name not in NOT_FILES)
