"""What changed since the last build: a digest of every file of the content folder (and of the
engine's own code), reading only the files whose stat says they may have changed.

Plain functions, one job each: ``walk`` lists a folder's files, ``regular_stat`` stats one,
``trusted_digest`` decides whether a file's recorded digest still holds, ``read_digests`` reads
and hashes the rest (in threads when there are many); ``content_digests`` and ``code_digest``
put them together."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
import os
from pathlib import Path
import stat
import time
from typing import Callable, Iterator, Optional

from civicsite.core.digest import digest

PACKAGE = Path(__file__).resolve().parents[1]  # the whole civicsite package
RACY_NS = 2_000_000_000  # a file changed this close to the last scan is read again (see below)
READ_IN_THREADS = 64  # files to read: below this, one thread
UNREADABLE = "unreadable"

Stat = tuple[int, int, int, int]  # size, mtime ns, ctime ns, inode


def walk(folder: Path, hidden: bool = False) -> Iterator[tuple[str, str]]:
    """(path inside ``folder`` with forward slashes, path on disk) of every file below it;
    names starting with a dot, and what is inside such folders, only if ``hidden``."""
    for dirpath, dirnames, filenames in os.walk(folder):
        if not hidden:
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        rel_dir = os.path.relpath(dirpath, folder).replace(os.sep, "/")
        prefix = "" if rel_dir == "." else rel_dir + "/"
        for name in filenames:
            if hidden or not name.startswith("."):
                yield prefix + name, os.path.join(dirpath, name)


def regular_stat(path: str) -> Stat | str:
    """The stat key of an ordinary file, or the digest that stands for any other: a broken link
    or unreadable file (discover reports it), a pipe or device (opening it could block)."""
    try:
        st = os.stat(path)
    except OSError:
        return UNREADABLE
    if not stat.S_ISREG(st.st_mode):
        return f"special:{st.st_mode}"
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def trusted_digest(key: Stat, recorded: Optional[tuple], scanned: int) -> Optional[str]:
    """The digest a scan at ``scanned`` (ns) recorded with this stat, if it still holds: the
    stat is unchanged and the mtime and ctime were already RACY_NS older than that scan (as
    git's index does: a change made after the scan gives the file a newer mtime or ctime)."""
    if recorded is None or recorded[:4] != key:
        return None
    if key[1] >= scanned - RACY_NS or key[2] >= scanned - RACY_NS:
        return None
    return recorded[4]


def file_digest(path: str) -> str:
    try:
        with open(path, "rb") as f:
            return digest(f.read())
    except OSError:
        return UNREADABLE


def read_digests(paths: list[str]) -> list[str]:
    """The digest of each file; reading and hashing release the GIL, so threads share the work
    of a first scan of a large site."""
    if len(paths) <= READ_IN_THREADS:
        return [file_digest(path) for path in paths]
    from concurrent.futures import ThreadPoolExecutor  # not needed when nothing changed
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(file_digest, paths, chunksize=64))


def tree_digests(folder: Path) -> dict[str, str]:
    """Path inside ``folder`` → digest of the file's bytes, every file read."""
    files = dict(walk(folder))
    return dict(zip(files, read_digests(list(files.values()))))


@lru_cache(maxsize=4)
def code_digest(templates: Path) -> str:
    """The engine's own code and data, and the theme: any change invalidates every cache entry."""
    parts = []
    for root in (PACKAGE, templates):
        for rel, d in sorted(tree_digests(root).items()):
            if not rel.endswith(".pyc") and "__pycache__" not in rel:
                parts += [str(root.name), rel, d]
    return digest(*parts)


@dataclass
class ContentScan:
    """The digests of every visible file of the content folder, by its path inside it, and what
    the next scan needs to trust a file without reading it."""

    digests: dict[str, str]
    stats: dict[str, tuple] = field(default_factory=dict)  # path → (*Stat, digest)
    scanned: int = 0  # time.time_ns() when the scan began
    later: dict[str, tuple] = field(default_factory=dict)  # not read yet: path → its stat

    def complete(self, content: Path, read: dict[str, str]) -> None:
        """Add the digests of the files left for later: from ``read`` (path → digest of the
        bytes the caller read; a change after the stat was taken only makes the next scan
        read the file again), else by reading the file now."""
        for rel, key in sorted(self.later.items()):
            self._add(rel, key, read.get(rel) or file_digest(os.path.join(content, rel)))
        self.later = {}

    def _add(self, rel: str, key: Stat, found: str) -> None:
        self.digests[rel] = found
        if found != UNREADABLE:
            self.stats[rel] = (*key, found)


def content_digests(content: Path, previous: Optional[ContentScan] = None,
                    later: Optional[Callable[[str], bool]] = None) -> ContentScan:
    """Every visible file of the content folder, by its path inside it; files unchanged since
    ``previous`` (a scan of the same folder) are not read again. A file to read for which
    ``later(path)`` is true is left to the caller, who reads it anyway (``ContentScan.later``)."""
    scan = ContentScan({}, {}, time.time_ns())
    known = previous.stats if previous else {}
    scanned = previous.scanned if previous else 0
    to_read: list[tuple[str, str, Stat]] = []
    for rel, path in walk(content):
        key = regular_stat(path)
        if isinstance(key, str):
            scan.digests[rel] = key
            continue
        recorded = trusted_digest(key, known.get(rel), scanned)
        if recorded is not None:
            scan._add(rel, key, recorded)
        elif later is not None and later(rel):
            scan.later[rel] = key
        else:
            to_read.append((rel, path, key))
    for (rel, _, key), found in zip(to_read, read_digests([p for _, p, _ in to_read])):
        scan._add(rel, key, found)
    return scan
