"""The static search index: Pagefind run over the freshly written (not yet published) folder
(``serve`` carries the last index over and indexes the published folder afterwards)."""
from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
import shutil
import subprocess
import threading
from typing import Optional

from civicsite.core.messages import _
from civicsite.output.write import link_or_copy, replace_folder

INDEX_DIR = "pagefind"       # Pagefind's bundle inside the output folder
# Pagefind's own search interfaces: the site has its own (templates/static/search.js), so these
# are not published (less to download and audit; the Nu Html Checker rejects their CSS).
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


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


def index_site(folder: Path, language: str, into: Optional[Path] = None) -> None:
    """Index every page of ``folder`` (only the ``data-pagefind-body`` part of each page), one
    index per language: Pagefind reads each page's ``<html lang>`` (``language``, the site's,
    is the language of the pages that have none: none of ours); the bundle goes to
    ``folder/pagefind/`` (or ``into``). Same input, same bytes out."""
    bundle = into if into is not None else folder / INDEX_DIR
    proc = subprocess.run([str(_executable()), "--site", str(folder), "--output-path", str(bundle),
                           "--silent"],
                          capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        raise SearchIndexError(_("pagefind failed (exit {code}): {output}", code=proc.returncode,
                                 output=(proc.stderr or proc.stdout).strip()[-2000:]))
    if not (bundle / "pagefind.js").is_file():
        raise SearchIndexError(_("pagefind wrote no index"))
    _sort_languages(bundle / "pagefind-entry.json")
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)


def _sort_languages(entry: Path) -> None:
    """The languages of the index in ``pagefind-entry.json`` in sorted order, whatever order
    Pagefind wrote them in (the same input gives the same bytes)."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    languages = data.get("languages")
    if isinstance(languages, dict) and list(languages) != sorted(languages):
        data["languages"] = dict(sorted(languages.items()))
        entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                         encoding="utf-8")


def carry_index(folder: Path, previous: Path, language: str) -> None:
    """For ``serve``: the search bundle of the output folder ``previous``, which ``folder`` is
    about to replace, linked into ``folder`` as it is (Pagefind reads every page again: 18 s at
    10,000 pages, which the preview of an edit should not wait for). It may miss the latest
    edits until ``refresh_index``. With none to carry, the first preview is served without
    one: ``serve`` indexes it right after (search says it is unavailable until then)."""
    old = previous / INDEX_DIR
    if not (old / "pagefind.js").is_file():
        return
    shutil.rmtree(folder / INDEX_DIR, ignore_errors=True)
    shutil.copytree(old, folder / INDEX_DIR, copy_function=link_or_copy)


def refresh_index(output: Path, language: str, lock: Optional[threading.Lock] = None) -> None:
    """Index the published ``output`` folder again and put the new bundle in place of its
    ``pagefind/`` in one step, under ``lock`` (``serve``, after a build that carried the index
    over; its builds hold the lock, and go on while Pagefind reads)."""
    fresh = output.parent / f".{output.name}.civicsite-search-{os.getpid()}"
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        index_site(output, language, into=fresh)
        with lock if lock is not None else contextlib.nullcontext():
            replace_folder(fresh, output / INDEX_DIR)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)

