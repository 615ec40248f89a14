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

This module imports nothing heavy, so a build with nothing to do returns quickly.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import stat
import time
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Optional

from civicsite.output.write import Spare, output_files
from civicsite.core.digest import digest

from civicsite.build.options import BuildOptions

FORMAT = 4
CACHE_NAME = ".civicsite-cache"
PACKAGE = Path(__file__).resolve().parents[1]  # the whole civicsite package


RACY_NS = 2_000_000_000  # a file changed this close to the last scan is read again (see below)


def _tree(folder: Path, hidden: bool = False, known: Optional[dict] = None,
          scanned: int = 0, stats: Optional[dict] = None,
          later: Optional[Callable[[str], bool]] = None,
          left: Optional[dict] = None) -> dict[str, str]:
    """Path inside ``folder`` → digest of the file's bytes, for every file below it.

    ``known`` (path → (size, mtime, ctime, inode, digest) from the scan at ``scanned``, ns):
    a file whose stat is unchanged and whose mtime was already older than that scan by
    RACY_NS keeps its digest without being read (as git's index does; a change made after
    the scan gives it a newer mtime or ctime). ``stats`` receives this scan's entries. A file
    to read for which ``later(path)`` is true is not read: ``left`` receives its stat instead."""
    files: dict[str, str] = {}
    to_read: list[tuple[str, str, tuple]] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        if not hidden:
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        rel_dir = os.path.relpath(dirpath, folder).replace(os.sep, "/")
        prefix = "" if rel_dir == "." else rel_dir + "/"
        for name in filenames:
            if name.startswith(".") and not hidden:
                continue
            path, rel = os.path.join(dirpath, name), prefix + name
            try:
                st = os.stat(path)
            except OSError:  # a broken link or unreadable file: discover reports it
                files[rel] = "unreadable"
                continue
            if not stat.S_ISREG(st.st_mode):  # a pipe or device: opening it could block
                files[rel] = f"special:{st.st_mode}"
                continue
            key = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
            old = known.get(rel) if known else None
            if old is not None and old[:4] == key and st.st_mtime_ns < scanned - RACY_NS \
                    and st.st_ctime_ns < scanned - RACY_NS:
                files[rel] = old[4]
                if stats is not None:
                    stats[rel] = (*key, files[rel])
            elif later is not None and left is not None and later(rel):
                left[rel] = key
            else:
                to_read.append((rel, path, key))
    # reading and hashing release the GIL: threads share the work of a first scan of a large site
    if len(to_read) > READ_IN_THREADS:
        from concurrent.futures import ThreadPoolExecutor  # not needed when nothing changed
        with ThreadPoolExecutor(max_workers=4) as pool:
            read = list(pool.map(_file_digest, (path for _, path, _ in to_read), chunksize=64))
    else:
        read = [_file_digest(path) for _, path, _ in to_read]
    for (rel, _, key), file_digest in zip(to_read, read):
        files[rel] = file_digest
        if stats is not None and file_digest != "unreadable":
            stats[rel] = (*key, file_digest)
    return files


READ_IN_THREADS = 64  # files to read: below this, one thread


def _file_digest(path: str) -> str:
    try:
        with open(path, "rb") as f:
            return digest(f.read())
    except OSError:
        return "unreadable"


@lru_cache(maxsize=4)
def code_digest(templates: Path) -> str:
    """The engine's own code and data, and the theme: any change invalidates every cache entry."""
    parts = []
    for root in (PACKAGE, templates):
        for rel, d in sorted(_tree(root).items()):
            if not rel.endswith((".pyc",)) and "__pycache__" not in rel:
                parts += [str(root.name), rel, d]
    return digest(*parts)


@dataclass
class ContentScan:
    """The digests of every visible file of the content folder, by its path inside it, and what
    the next scan needs to trust a file without reading it."""

    digests: dict[str, str]
    stats: dict[str, tuple] = field(default_factory=dict)
    scanned: int = 0  # time.time_ns() when the scan began
    later: dict[str, tuple] = field(default_factory=dict)  # not read yet: path → its stat

    def complete(self, content: Path, read: dict[str, str]) -> None:
        """Add the digests of the files left for later: from ``read`` (path → digest of the
        bytes the caller read; a change after the stat was taken only makes the next scan
        read the file again), else by reading the file now."""
        for rel, key in sorted(self.later.items()):
            file_digest = read.get(rel) or _file_digest(os.path.join(content, rel))
            self.digests[rel] = file_digest
            if file_digest != "unreadable":
                self.stats[rel] = (*key, file_digest)
        self.later = {}


def content_digests(content: Path, previous: Optional[ContentScan] = None,
                    later: Optional[Callable[[str], bool]] = None) -> ContentScan:
    """Every visible file of the content folder, by its path inside it; files unchanged since
    ``previous`` (a scan of the same folder) are not read again. A file to read for which
    ``later(path)`` is true is left to the caller, who reads it anyway (``ContentScan.later``)."""
    scan = ContentScan({}, {}, time.time_ns())
    scan.digests = _tree(content, known=previous.stats if previous else None,
                         scanned=previous.scanned if previous else 0, stats=scan.stats,
                         later=later, left=scan.later)
    return scan


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
    """The cache folder. A missing, damaged or outdated cache is an empty one, never an error.

    The page parses, most of its size, are kept apart: ``pages.pickle`` holds them as they were
    when it was written, ``pages-delta.pickle`` what has changed since. A build that changed
    a few pages writes only the delta; the whole file is written again once the delta has grown
    to a tenth of it."""

    DELTA_LIMIT = 0.1
    enabled = True

    def __init__(self, folder: Path):
        self.folder = folder
        self.summary = folder / "summary.pickle"
        self.file = folder / "state.pickle"
        self.pages = folder / "pages.pickle"
        self.delta = folder / "pages-delta.pickle"
        self.trash = folder / "trash"  # replaced output folders, deleted in the background
        self.templates = folder / "templates"  # compiled templates (render.templates_for_build)
        self._base: Optional[tuple[str, frozenset]] = None  # id and keys of pages.pickle as read
        self._summary_state: Optional[CacheState] = None
        self._summary_loaded = False

    def _read(self, path: Path):
        try:
            with open(path, "rb") as f:
                version, code, value = pickle.load(f)
        except Exception:  # missing, truncated, or written by another version
            return None
        return value if version == FORMAT and code == code_digest_key() else None

    def _write(self, path: Path, value) -> None:
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            pickle.dump((FORMAT, code_digest_key(), value), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)

    def load(self) -> CacheState:
        state = self._read(self.file)
        if not isinstance(state, CacheState):
            return CacheState()
        state.parsed = self._load_parsed(*state.parsed_files)
        return state

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
    trash = templates = None

    def scan(self, content: Path) -> None:
        return None

    def unchanged(self, *args) -> None:
        return None

    def load(self) -> CacheState:
        return CacheState()

    def clear(self) -> None:
        pass


def open_cache(options: BuildOptions) -> BuildCache | NoCache:
    """The cache folder of a build that writes an output folder, if it keeps one."""
    return BuildCache(options.cache) if options.cache and options.output else NoCache()


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
                  options.search_later, options.preview)),
                  *(f"{rel}={d}" for rel, d in sorted(inputs.items())))


def code_digest_key() -> str:
    """The engine, its theme and the editor's language: cached messages are in that language."""
    from civicsite.core import messages
    from civicsite.core.paths import TEMPLATES
    return code_digest(TEMPLATES) + "/" + messages.language()


def default_cache_folder(output: Path) -> Path:
    return output.resolve().parent / CACHE_NAME
