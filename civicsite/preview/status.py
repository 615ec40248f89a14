"""What the preview knows after each build: the pages of the last good build (where each file
is published, which pages the published site would not show yet) and the last build's problems,
by page."""
from __future__ import annotations

from dataclasses import dataclass, field
import datetime as dt
from pathlib import PurePosixPath
from typing import Mapping, Optional

from civicsite.content.pages import page_url
from civicsite.content.schedule import When, is_live
from civicsite.content.site import Site
from civicsite.core.errors import ContentError


@dataclass(frozen=True)
class Shown:
    """A page the preview shows that the published site would not show now."""

    draft: bool
    publish: Optional[When] = None  # its publish_date, while still to come


@dataclass(frozen=True)
class Status:
    """One state of the preview. ``urls`` and ``shown`` describe the last good build (what the
    output folder holds); ``problems`` are the last build's, good or not."""

    content: str                                                  # as given: problems start with it
    urls: Mapping[str, str] = field(default_factory=dict)         # page's display path → URL
    shown: Mapping[str, Shown] = field(default_factory=dict)      # URL → why it is not published
    problems: tuple[ContentError, ...] = ()
    failed: bool = False

    def url_of(self, path: str) -> Optional[str]:
        """The URL of the page a problem is in; None for the data files, images and the like.
        A page not in the last good build (new, or renamed) gets the URL of its file name."""
        if path in self.urls:
            return self.urls[path]
        prefix = self.content.rstrip("/\\") + "/"
        if not path.startswith(prefix) or not path.endswith(".md"):
            return None
        return "".join(s + "/" for s in page_url(PurePosixPath(path[len(prefix):])))

    def errors(self) -> list[ContentError]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def blocking(self) -> bool:
        """A failed build with an error outside the pages (site.yaml, contacts.yaml, hours.yaml,
        a file), or before any good build: the whole preview shows the errors."""
        return self.failed and (not self.urls or
                                any(self.url_of(p.path) is None for p in self.errors()))

    def errors_of(self, url: str) -> list[ContentError]:
        return [p for p in self.errors() if self.url_of(p.path) == url]

    def warnings_of(self, url: Optional[str]) -> list[ContentError]:
        """The warnings of the page at ``url``; with None, those outside every page."""
        return [p for p in self.problems if p.level == "warning" and self.url_of(p.path) == url]

    def broken(self) -> dict[str, str]:
        """URL → file of every page with an error."""
        return {self.url_of(p.path): p.path for p in self.errors() if self.url_of(p.path) is not None}


def after_build(status: Status, site: Optional[Site], problems: list[ContentError],
                now: dt.datetime) -> Status:
    """The status after a build: a good one (``site``) describes the output anew; a failed one
    keeps the last good build's pages, which the output folder still holds."""
    if site is None:
        return Status(status.content, status.urls, status.shown, tuple(problems), failed=True)
    shown = {}
    for page in site.pages:
        upcoming = page.schedule.publish if not is_live(page.schedule, now) else None
        if page.draft or upcoming is not None:
            shown[page.url] = Shown(page.draft, upcoming)
    return Status(status.content, {p.source.display: p.url for p in site.pages}, shown,
                  tuple(problems))


def with_page(status: Status, path: str, problems: list[ContentError]) -> Status:
    """The status with the problems of one page (``path``) replaced by a new parse's."""
    every = tuple(p for p in status.problems if p.path != path) + tuple(problems)
    return Status(status.content, status.urls, status.shown, every,
                  any(p.level == "error" for p in every))
