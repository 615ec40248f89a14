"""The static search index: Pagefind run over the freshly written (not yet published) folder."""
from __future__ import annotations

import subprocess
from pathlib import Path

SEARCH_URL = "sok/"          # the search page
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
        raise SearchIndexError("the Python package pagefind is not installed "
                               "(pip install 'pagefind[bin]'), or build with --no-search") from exc
    exe = get_executable()
    if exe is None:
        raise SearchIndexError("the pagefind program is missing (pip install 'pagefind[bin]'), "
                               "or build with --no-search")
    return exe


def index_site(folder: Path, language: str) -> None:
    """Index every page of ``folder`` (only the ``data-pagefind-body`` part of each page) in
    ``language``; the bundle goes to ``folder/pagefind/``. Same input, same bytes out."""
    proc = subprocess.run([str(_executable()), "--site", str(folder), "--output-subdir", INDEX_DIR,
                           "--force-language", language, "--silent"],
                          capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        raise SearchIndexError(f"pagefind failed (exit {proc.returncode}): "
                               + (proc.stderr or proc.stdout).strip()[-2000:])
    if not (folder / INDEX_DIR / "pagefind.js").is_file():
        raise SearchIndexError("pagefind wrote no index")
    for name in UNUSED:
        (folder / INDEX_DIR / name).unlink(missing_ok=True)
