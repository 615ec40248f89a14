"""The static search index: Pagefind run over the freshly written (not yet published) folder
(``serve`` carries the last index over and indexes the published folder afterwards).

A small site is indexed by one Pagefind run into ``pagefind/``. A large one (``SHARD_PAGES``
pages or more than that) is split into shards of about ``SHARD_PAGES`` content pages, each
page's shard chosen by a stable hash of its path, and each shard is indexed by its own Pagefind
run into ``pagefind/shard-NN/`` (at most ``PARALLEL`` at a time): one Pagefind over 10,000
pages held about 2.8 GB. The search page loads the first shard and merges the others into it
(Pagefind's ``mergeIndex``); ``pagefind/shards.json`` says which bundles hold which language.
A shard whose pages' HTML is what the last build indexed (its fingerprint) is linked from the
last output instead of being indexed again, so a one-page edit re-indexes one shard."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
import contextlib
import hashlib
import json
import os
from pathlib import Path
import shutil
import subprocess
import threading
from typing import Mapping, Optional, Sequence

from civicsite.core.messages import _
from civicsite.output.write import link_or_copy, replace_folder

INDEX_DIR = "pagefind"       # Pagefind's bundle inside the output folder
SHARDS_FILE = "shards.json"  # language → the bundles (folders below pagefind/) holding its pages
SHARD_PAGES = 1000           # content pages per shard, about
PARALLEL = 2                 # Pagefind runs at a time (each uses every core it is given)
FORMAT = "civicsite search shards 1"  # in every fingerprint: bump when the indexing changes
# Pagefind's own search interfaces: the site has its own (templates/static/search.js), so these
# are not published (less to download and audit; the Nu Html Checker rejects their CSS).
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")

# What an index build leaves for the next: {"files": {path: [size, mtime_ns, digest]},
# "shards": {name: [fingerprint, digest of its pagefind-entry.json]}}; {} after a single run.
ShardState = dict


class SearchIndexError(RuntimeError):
    """Pagefind is missing or failed: a setup problem, never a content mistake."""


def _executable() -> Path:
    try:
        from pagefind.service import get_executable
    except ImportError as exc:
        raise SearchIndexError(_("the Python package pagefind is not installed (pip install "
                                 "'pagefind[bin]'), or build with --no-search")) from exc
    exe = get_executable()
    if exe is None:
        raise SearchIndexError(_("the pagefind program is missing (pip install 'pagefind[bin]'), "
                                 "or build with --no-search"))
    return exe


def shard_count(pages: int, shard_pages: int = SHARD_PAGES) -> int:
    """How many shards ``pages`` content pages are split into; 1 means one Pagefind run."""
    return max(1, -(-pages // shard_pages)) if pages > shard_pages else 1


def shard_of(path: str, shards: int) -> int:
    """The shard of the page at output ``path``: a stable hash of the path alone, so a page
    stays in its shard from build to build (while the number of shards stays)."""
    return int.from_bytes(hashlib.blake2b(path.encode("utf-8"), digest_size=8).digest(),
                          "big") % shards


def index_site(folder: Path, into: Optional[Path] = None, *,
               pages: Optional[Sequence[str]] = None, previous: Optional[Path] = None,
               last: Optional[ShardState] = None,
               shard_pages: int = SHARD_PAGES) -> ShardState:
    """Index ``folder`` (only the ``data-pagefind-body`` part of each page; Pagefind makes one
    index per language, from each page's ``<html lang>``); the bundle
    goes to ``folder/pagefind/`` (or ``into``). ``pages``: the output paths of the content
    pages; with more than ``shard_pages`` of them the index is sharded, and a shard of
    ``previous/pagefind/`` that ``last`` (what this returned then) describes is reused when its
    pages are unchanged. Returns what the next build needs to reuse shards. Same input, same
    bytes out."""
    bundle = into if into is not None else folder / INDEX_DIR
    shards = shard_count(len(pages), shard_pages) if pages is not None else 1
    if shards == 1:
        shutil.rmtree(bundle, ignore_errors=True)
        _pagefind(folder, bundle)
        (bundle / SHARDS_FILE).write_text(
            json.dumps({lang: [""] for lang in _languages(bundle)}, sort_keys=True),
            encoding="utf-8")
        return {}
    return _index_shards(folder, bundle, sorted(pages), shards, previous, last or {})


def _pagefind(site: Path, bundle: Path) -> None:
    """One Pagefind run over the folder ``site`` into ``bundle``."""
    proc = subprocess.run([str(_executable()), "--site", str(site), "--output-path", str(bundle),
                           "--silent"], capture_output=True, text=True, timeout=1800)
    if proc.returncode != 0:
        raise SearchIndexError(_("pagefind failed (exit {code}): {output}", code=proc.returncode,
                                 output=(proc.stderr or proc.stdout).strip()[-2000:]))
    if not (bundle / "pagefind.js").is_file():
        raise SearchIndexError(_("pagefind wrote no index"))
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    _sort_entry(bundle)


def _sort_entry(bundle: Path) -> None:
    """``pagefind-entry.json`` with its languages in order (Pagefind writes them as a hash map
    iterates: with two languages the bytes would differ from run to run)."""
    entry_file = bundle / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    entry["languages"] = dict(sorted(entry.get("languages", {}).items()))
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")


def _languages(bundle: Path) -> list[str]:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sorted(entry.get("languages", {}))


def _file_digest(path: Path, known: Mapping[str, list], rel: str) -> list:
    """[size, mtime_ns, digest] of an output file: the last build's digest when the file is
    as it recorded (the writer links unchanged pages, keeping their times)."""
    st = path.stat()
    old = known.get(rel)
    if old is not None and old[0] == st.st_size and old[1] == st.st_mtime_ns:
        return old
    return [st.st_size, st.st_mtime_ns, hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()]


def _entry_digest(shard: Path) -> Optional[str]:
    try:
        return hashlib.blake2b((shard / "pagefind-entry.json").read_bytes(),
                               digest_size=16).hexdigest()
    except OSError:
        return None


def _index_shards(folder: Path, bundle: Path, pages: list[str], shards: int,
                  previous: Optional[Path], last: ShardState) -> ShardState:
    groups: list[list[str]] = [[] for _ in range(shards)]
    for path in pages:
        groups[shard_of(path, shards)].append(path)
    known = last.get("files", {})
    recorded = last.get("shards", {})
    staging = folder.parent / f".{folder.name}.civicsite-shards-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(bundle, ignore_errors=True)
    bundle.mkdir(parents=True)

    def one(k: int) -> tuple[str, list, dict, list[str]]:
        name = f"shard-{k:02d}"
        files = {rel: _file_digest(folder / rel, known, rel) for rel in groups[k]}
        fingerprint = hashlib.blake2b(
            "\n".join([FORMAT, _pagefind_version(), *(f"{rel} {files[rel][2]}" for rel in groups[k])])
            .encode("utf-8"), digest_size=16).hexdigest()
        target = bundle / name
        old = previous / INDEX_DIR / name if previous is not None else None
        if old is not None and recorded.get(name, [None])[0] == fingerprint and \
                _entry_digest(old) == recorded[name][1] and (old / "pagefind.js").is_file():
            shutil.copytree(old, target, copy_function=link_or_copy)
        else:
            site = staging / name
            for rel in groups[k]:
                (site / rel).parent.mkdir(parents=True, exist_ok=True)
                link_or_copy(str(folder / rel), str(site / rel))
            try:
                _pagefind(site, target)
            finally:
                shutil.rmtree(site, ignore_errors=True)
        return name, [fingerprint, _entry_digest(target)], files, _languages(target)

    try:
        with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
            done = list(pool.map(one, [k for k in range(shards) if groups[k]]))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    by_language: dict[str, list[str]] = {}
    for name, _fp, _files, languages in done:
        for lang in languages:
            by_language.setdefault(lang, []).append(name + "/")
    (bundle / SHARDS_FILE).write_text(json.dumps(by_language, sort_keys=True), encoding="utf-8")
    return {"files": {rel: d for _n, _fp, files, _l in done for rel, d in files.items()},
            "shards": {name: fp for name, fp, _f, _l in done}}


_VERSION: list[str] = []


def _pagefind_version() -> str:
    """The installed Pagefind's version (in each shard's fingerprint: a new Pagefind indexes
    every shard again)."""
    if not _VERSION:
        try:
            from importlib.metadata import version
            _VERSION.append(version("pagefind_bin"))
        except Exception:  # noqa: BLE001 - any other installation: its path stands in
            _VERSION.append(str(_executable()))
    return _VERSION[0]


def carry_index(folder: Path, previous: Path) -> None:
    """For ``serve``: the search bundle of the output folder ``previous``, which ``folder`` is
    about to replace, linked into ``folder`` as it is (Pagefind reads every page again: 18 s at
    10,000 pages, which the preview of an edit should not wait for). It may miss the latest
    edits until ``refresh_index``. With none to carry, the first preview is served without
    one: ``serve`` indexes it right after (search says it is unavailable until then)."""
    old = previous / INDEX_DIR
    if not (old / SHARDS_FILE).is_file() and not (old / "pagefind.js").is_file():
        return
    shutil.rmtree(folder / INDEX_DIR, ignore_errors=True)
    shutil.copytree(old, folder / INDEX_DIR, copy_function=link_or_copy)


def refresh_index(output: Path, lock: Optional[threading.Lock] = None, *,
                  pages: Optional[Sequence[str]] = None,
                  last: Optional[ShardState] = None) -> ShardState:
    """Index the published ``output`` folder again and put the new bundle in place of its
    ``pagefind/`` in one step, under ``lock`` (``serve``, after a build that carried the index
    over; its builds hold the lock, and go on while Pagefind reads). Shards of the bundle in
    place that ``last`` describes are reused as ``index_site`` says."""
    fresh = output.parent / f".{output.name}.civicsite-search-{os.getpid()}"
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        state = index_site(output, into=fresh, pages=pages, previous=output, last=last)
        with lock if lock is not None else contextlib.nullcontext():
            replace_folder(fresh, output / INDEX_DIR)
        return state
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
