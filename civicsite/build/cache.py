"""Incremental builds: what the last successful build read, parsed and wrote, kept in a cache
folder (``.civicsite-cache/`` beside the output by default).

Three levels, each keyed by digests of exactly what it depends on:

* the whole build: a fingerprint of every input file, the engine's code, templates and
  translations, the options and the build date. Unchanged, and the output folder is the one the
  last build wrote: nothing is done (its messages are printed again).
* each page's parse: its file, its display path and the tables it may refer to (contacts.yaml,
  hours.yaml, the list of content files). The parsed Page and its messages are reused.
* each page's HTML: its body and everything site-wide that any page may show (site.yaml, the
  data files, every page's front matter, the content files, templates, code, options, date).
  An edit of a body re-renders that page only; an edit of anything site-wide re-renders all.
  Listings, feeds, calendars and other site-wide files are always made afresh (they are few).

Every file is sealed with a key kept outside the cache (``sealed.py``): a file that is not
exactly what this computer's builds wrote for this place is never unpickled. What changed in
the content folder is found by ``scan.py``. This module imports nothing heavy, so a build with
nothing to do returns quickly.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
import sys
from dataclasses import dataclass, field, replace
from typing import Optional

from civicsite.content.parses import ParsedPage

from civicsite.build.options import BuildOptions
from civicsite.build.scan import ContentScan, code_digest, content_digests
from civicsite.build.sealed import KeyProblem, Refused, Seal, cache_key, dump, load
from civicsite.core.digest import digest
from civicsite.core.messages import _
from civicsite.output.write import Spare, output_files

FORMAT = 6
CACHE_NAME = ".civicsite-cache"


@dataclass
class CacheState:
    """Everything kept between builds; the first four fields are also saved on their own
    (``summary.pickle``), so that a build with nothing to do reads only them."""

    inputs: str = ""                                      # fingerprint of the last build
    output: Optional[dict[str, tuple[int, int]]] = None   # the files it wrote (output_files)
    messages: list = field(default_factory=list)          # what it printed
    pages_built: int = 0
    # build moments for which the same pages are within their publish_date / expiry_date
    window: tuple = (None, None)
    parsed: dict[str, ParsedPage] = field(default_factory=dict)   # parse key → result
    # (id of pages.pickle, id of pages-delta.pickle or None), where ``parsed`` is saved
    parsed_files: tuple = (None, None)
    rendered: dict[str, str] = field(default_factory=dict)        # output path → render key
    site_files: list = field(default_factory=list)  # the paths build.site_outputs made
    spare: Optional[Spare] = None  # what the spare folder beside the output holds (write.py)
    scan: Optional["ContentScan"] = None  # the content scan of that build (saved in the summary)


class BuildCache:
    """The cache folder. A missing, damaged or outdated cache is an empty one, never an error;
    every file is sealed (``sealed.py``), and one whose seal fails is deleted unread, said so
    in one line, and makes the whole cache a miss.

    The page parses, most of its size, are kept apart: ``pages.pickle`` holds them as they were
    when it was written, ``pages-delta.pickle`` what has changed since. A build that changed
    a few pages writes only the delta; the whole file is written again once the delta has grown
    to a tenth of it."""

    DELTA_LIMIT = 0.1
    enabled = True

    def __init__(self, folder: Path, content: Path | str, key: bytes):
        self.folder = folder
        # sealed for this cache folder and this content folder: a cache copied from another
        # project does not open
        self.seal = Seal(key, f"{FORMAT}\0{folder.resolve()}\0{Path(content).resolve()}")
        self.summary = folder / "summary.pickle"
        self.file = folder / "state.pickle"
        self.pages = folder / "pages.pickle"
        self.delta = folder / "pages-delta.pickle"
        self.trash = folder / "trash"  # replaced output folders, deleted in the background
        self.templates = folder / "templates"  # compiled templates (template_cache)
        self.images = folder / "images"  # image files made by builds (build.images.ImageStore)
        self.search = folder / "search.pickle"  # the search shards' fingerprints (output.search)
        self._base: Optional[tuple[str, frozenset]] = None  # id and keys of pages.pickle as read
        self._summary_state: Optional[CacheState] = None
        self._summary_loaded = False
        self.distrusted = False  # a file failed its seal: nothing more is read from this cache

    def _read(self, path: Path):
        if self.distrusted:
            return None
        try:
            found = load(self.seal, path)
        except Refused:
            self.refuse(path)
            return None
        if not isinstance(found, tuple) or len(found) != 3:
            return None
        version, code, value = found
        return value if version == FORMAT and code == code_digest_key() else None

    def _write(self, path: Path, value) -> None:
        dump(self.seal, path, (FORMAT, code_digest_key(), value))

    def refuse(self, path: Path) -> None:
        """A file whose seal failed: deleted, and the cache no longer trusted (said once)."""
        try:
            path.unlink()
        except OSError:
            pass
        if not self.distrusted:
            say(_("the build cache {folder} is damaged or was not written by this computer's "
                  "builds ({file}); it is not used, and the site is built from scratch",
                  folder=self.folder, file=path.name))
        self.distrusted = True

    def template_cache(self):
        """Jinja's compiled templates, kept sealed in the cache folder; checked once here,
        before worker processes read them."""
        from civicsite.build.template_cache import SealedBytecodeCache
        if self.templates.is_symlink():  # planted: compiled templates are written only here
            self.templates.unlink()
        self.templates.mkdir(parents=True, exist_ok=True)
        templates = SealedBytecodeCache(self.templates, self.seal, self.refuse)
        templates.sweep()
        return templates

    def load(self) -> CacheState:
        state = self._read(self.file)
        if not isinstance(state, CacheState):
            return CacheState()
        state.parsed = self._load_parsed(*state.parsed_files)
        return state if not self.distrusted else CacheState()

    def _load_parsed(self, base_id: Optional[str], delta_id: Optional[str]) -> dict:
        """The parses the state names, or none when the files are not the ones it names."""
        base = self._read(self.pages)
        if not isinstance(base, tuple) or base_id is None or base[0] != base_id:
            return {}
        _, parsed = base
        added, removed = {}, []
        if delta_id is not None:
            delta = self._read(self.delta)
            if not isinstance(delta, tuple) or delta[:2] != (base_id, delta_id):
                return {}
            _, _, added, removed = delta
        self._base = (base_id, frozenset(parsed))
        for key in removed:
            parsed.pop(key, None)
        parsed.update(added)
        return parsed

    def save_parses(self, parsed: dict[str, ParsedPage]) -> tuple:
        """Write the page parses (all of them, or what changed since ``pages.pickle``): the ids
        under which ``save`` names them. Parses are trusted only where the state names them,
        so this may run while the build goes on (a killed build leaves them unnamed)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        if self._base is not None:
            base_id, base_keys = self._base
            added = {k: v.without_body() for k, v in parsed.items() if k not in base_keys}
            removed = [k for k in base_keys if k not in parsed]
            if len(added) + len(removed) <= self.DELTA_LIMIT * max(len(parsed), 1):
                ids = (base_id, os.urandom(8).hex())
                self._write(self.delta, (*ids, added, removed))
                return ids
        ids = (os.urandom(8).hex(), None)
        self._write(self.pages, (ids[0], {k: v.without_body() for k, v in parsed.items()}))
        self._base = (ids[0], frozenset(parsed))
        return ids

    def save(self, state: CacheState, parsed_files: Optional[tuple] = None) -> None:
        """Written beside, then renamed: a killed build leaves the old cache or the new one.
        The summary goes last: it is what declares the output up to date. ``parsed_files``:
        what ``save_parses`` gave for ``state.parsed``, when it was called already."""
        ids = parsed_files if parsed_files is not None else self.save_parses(state.parsed)
        self._write(self.file, replace(state, parsed={}, parsed_files=ids, scan=None))
        self._write(self.summary, CacheState(state.inputs, state.output, state.messages,
                                             state.pages_built, window=state.window,
                                             scan=state.scan))

    def search_state(self) -> dict:
        """What the last search index left for reusing its shards (``output.search``), or {}.
        Each shard it names is checked against the published bundle before it is reused."""
        found = self._read(self.search) if self.search.is_file() else None
        return found if isinstance(found, dict) else {}

    def save_search_state(self, state: dict) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._write(self.search, state)

    def clear(self) -> None:
        for path in (self.summary, self.file):
            try:
                path.unlink()
            except OSError:
                pass

    def last_scan(self) -> Optional[ContentScan]:
        """The content scan of the last build (from its summary), if any."""
        summary = self._summary()
        return summary.scan if summary is not None else None

    def _summary(self) -> Optional[CacheState]:
        if not self._summary_loaded:
            summary = self._read(self.summary)
            self._summary_state = summary if isinstance(summary, CacheState) else None
            self._summary_loaded = True
        return self._summary_state

    def scan(self, content: Path) -> ContentScan:
        """The content folder now, trusting files unchanged since the last build's scan; a
        first scan leaves the pages to their parse, which reads and hashes them anyway."""
        last = self.last_scan()
        return content_digests(content, last,
                               later=(lambda rel: rel.endswith(".md")) if last is None else None)

    def unchanged(self, options: BuildOptions, build_date: dt.date, now: dt.datetime,
                  scan: ContentScan) -> Optional[CacheState]:
        """The last build's summary if it built exactly these inputs into exactly the output
        folder that is there now, for a moment with the same pages scheduled; None if anything
        must be built."""
        summary = self._summary()
        if scan.later or summary is None or not summary.output or options.output is None:
            return None
        if summary.inputs != fingerprint(options, build_date, scan.digests):
            return None
        start, end = summary.window
        if (start is not None and now < start) or (end is not None and now >= end):
            return None
        return summary if summary.output == output_files(options.output) else None


class NoCache:
    """A build without a cache folder (``--no-cache``, ``check``): nothing is known from a last
    build and nothing is kept for the next."""

    enabled = False
    trash = templates = images = None

    def template_cache(self) -> None:
        return None

    def scan(self, content: Path) -> None:
        return None

    def unchanged(self, *args) -> None:
        return None

    def load(self) -> CacheState:
        return CacheState()

    def search_state(self) -> dict:
        return {}

    def save_search_state(self, state: dict) -> None:
        pass

    def clear(self) -> None:
        pass


def open_cache(options: BuildOptions) -> BuildCache | NoCache:
    """The cache folder of a build that writes an output folder, if it keeps one (and there is
    a key to seal it with)."""
    if not options.cache or not options.output:
        return NoCache()
    try:
        key = cache_key()
    except KeyProblem as problem:
        say(_("the build cache is not used: there is no key to seal it ({problem})",
              problem=problem))
        return NoCache()
    return BuildCache(options.cache, options.content, key)


def say(line: str) -> None:
    """One line for the person running the build, beside the build's own."""
    print("civicsite: " + line, file=sys.stderr)


def schedule_window(schedules, now: dt.datetime) -> tuple:
    """(latest publish/expiry moment at or before ``now``, earliest after it) over all pages'
    schedules (``schedule.Schedule`` or None): between them the same pages are published."""
    from civicsite.content.schedule import moment

    moments = {moment(w) for s in schedules if s is not None
               for w in (s.publish, s.expiry) if w is not None}
    before = [m for m in moments if m <= now]
    after = [m for m in moments if m > now]
    return (max(before) if before else None, min(after) if after else None)


def fingerprint(options: BuildOptions, build_date: dt.date, inputs: dict[str, str]) -> str:
    """Everything a build's output depends on (see the module docstring)."""
    return digest(code_digest_key(), repr((str(Path(options.content).resolve()),
                  options.base_url, build_date.isoformat(), options.drafts, options.search,
                  options.search_later, options.preview, options.admin)),
                  *(f"{rel}={d}" for rel, d in sorted(inputs.items())))


def code_digest_key() -> str:
    """The engine, its theme and the editor's language: cached messages are in that language."""
    from civicsite.core import messages
    from civicsite.core.paths import TEMPLATES
    return code_digest(TEMPLATES) + "/" + messages.language()


def default_cache_folder(output: Path) -> Path:
    return output.resolve().parent / CACHE_NAME
