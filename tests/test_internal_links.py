"""No broken internal links: every relative or site-root href/src in every built HTML page of both
example sites points at a file of the build (a folder link needs its index.html), and every
in-page fragment at an id of the target page."""
from __future__ import annotations

from pathlib import Path
import sys
from urllib.parse import unquote, urldefrag, urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from e2e_site import SITES, build, html_pages, parse  # noqa: E402

ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src"}


def _target(site: Path, page: Path, ref: str) -> Path | None:
    """The file ``ref`` names, or None for links that leave the site."""
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc or ref.startswith(("mailto:", "tel:")):
        return None
    path = unquote(parts.path)
    base = site if path.startswith("/") else page.parent
    target = (base / path.lstrip("/")).resolve() if path else page
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


@pytest.mark.parametrize("name", sorted(SITES))
def test_every_internal_link_resolves(tmp_path_factory, name):
    site = build(tmp_path_factory, name).resolve()
    docs = {p.resolve(): parse(p) for p in html_pages(site)}
    ids = {p: {el.get("id") for el in d.iter() if isinstance(el.tag, str) and el.get("id")}
           for p, d in docs.items()}
    broken, checked = [], 0
    for page, doc in docs.items():
        for el in doc.iter():
            if not isinstance(el.tag, str) or el.tag not in ATTRS or not el.get(ATTRS[el.tag]):
                continue
            ref = el.get(ATTRS[el.tag])
            target = _target(site, page, ref)
            if target is None:
                continue
            checked += 1
            rel = page.relative_to(site)
            if site not in target.parents:
                broken.append(f"{rel}: {ref} leaves the site")
            elif not target.is_file():
                broken.append(f"{rel}: {ref} -> missing {target.relative_to(site)}")
            else:
                fragment = urldefrag(ref).fragment
                if fragment and target in ids and unquote(fragment) not in ids[target]:
                    broken.append(f"{rel}: {ref} -> no id {fragment!r}")
    assert checked > 100
    assert not broken, "\n".join(broken)
