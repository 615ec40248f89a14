"""What a build is asked to do, and what it did. Light on imports: the command line reads these
before it knows whether anything needs to be built."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from civicsite.core.clock import default_build_time

if TYPE_CHECKING:
    from civicsite.content.site import Site


@dataclass(frozen=True)
class BuildOptions:
    """What the command line asks for."""

    content: str
    output: Optional[Path] = None   # None: check only, write nothing
    base_url: Optional[str] = None
    build_date: Optional[dt.date] = None
    drafts: bool = False
    strict: bool = False
    jobs: int = 1                   # processes for parsing and rendering
    cache: Optional[Path] = None    # the incremental-build cache folder; None: build from scratch
    build_time: Optional[dt.datetime] = None  # --date with a time; else the start of build_date
    search: bool = True             # build the Pagefind index (--no-search: skip it)
    # serve: carry the replaced output's index over instead (search.carry_index); serve then
    # brings it up to date in the background (search.refresh_index)
    search_later: bool = False
    admin: bool = False             # also write the admin at admin/ (editor.admin)
    # serve: pages before their publish_date are built too (the preview marks them), and the
    # site is always loaded (BuildResult.site), never taken as unchanged from the cache
    preview: bool = False


@dataclass(frozen=True)
class BuildResult:
    """What a build did."""

    pages: int               # content pages published
    rendered: int = 0        # page outputs rendered this time (the others were reused)
    unchanged: bool = False  # nothing had changed since the last build: nothing was done
    resized: int = 0         # images whose versions were made (not taken from the cache)
    site: Optional["Site"] = field(default=None, repr=False, compare=False)  # what was built


def build_moment(options: BuildOptions) -> tuple[dt.date, Optional[dt.datetime]]:
    """The build's date and, when known, its time: ``--date`` (with or without a time), else
    SOURCE_DATE_EPOCH or now."""
    build_time = options.build_time or (None if options.build_date else default_build_time())
    return options.build_date or build_time.date(), build_time
