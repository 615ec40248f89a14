"""Links written in page bodies: relative links to other pages' .md files and to files in the
content folder are checked at load and rewritten to their published addresses at render."""
from __future__ import annotations

import html
import posixpath
import re
from pathlib import PurePosixPath
from typing import Callable, Iterable, Mapping, Optional
from urllib.parse import quote, unquote, urljoin

from .fields import Ctx
from .outputs import content_path_to_output

LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)"
                  r"|(?:href|src)\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#|\?)", re.IGNORECASE)


def content_target(url: str, page_rel: PurePosixPath) -> Optional[tuple[str, str]]:
    """(path inside the content folder, #fragment) for a relative link; None for other links."""
    if EXTERNAL.match(url) or url.startswith("/"):
        return None
    path, _, fragment = url.partition("#")
    path = unquote(path.split("?", 1)[0])
    if not path:
        return None
    joined = posixpath.normpath(posixpath.join(page_rel.parent.as_posix(), path))
    return joined, ("#" + fragment if fragment else "")


def check_links(body: str, first_line: int, page_rel: PurePosixPath, page_url: str,
                files: Mapping[str, str], published: set[str], ctx: Ctx) -> None:
    """Relative links that lead nowhere are warnings on their line. ``files``: content path →
    output path of every page and file; ``published``: every output path of the site."""
    for i, line in enumerate(body.split("\n")):
        for m in LINK.finditer(line):
            url = next(g for g in m.groups() if g).strip()
            if EXTERNAL.match(re.sub(r"[\t\n\r]", "", html.unescape(url))):
                continue  # e.g. &#106;avascript: (refused by check_body) or an encoded https:
            target = content_target(url, page_rel)
            if target is None or target[0] in files:
                continue
            if _published(url, page_url, published):
                continue
            where = Ctx(ctx.diag, ctx.path, "body", first_line + i)
            if target[0] == ".." or target[0].startswith("../"):
                where.error(f'the link "{url}" leads outside the content folder')
            else:
                where.warn(f'the link "{url}" leads to no page or file of this site; link to a '
                           "page's .md file (e.g. ../besokssprint/var-2021.md) or to a file in "
                           "the content folder")


def _published(url: str, page_url: str, published: set[str]) -> bool:
    """A link written as an address relative to the published page (``../``, ``annan-sida/``)."""
    path = unquote(urljoin("/" + page_url, url.split("#", 1)[0].split("?", 1)[0]))[1:]
    return any(p in published for p in (path, path + "index.html", path + "/index.html"))


def site_path(url: str, root: str) -> Optional[str]:
    """A site path (``/naringslivsstrategi/``) as a link relative to the page; None for other links."""
    if url.startswith("/") and not url.startswith("//"):
        return (root or "./") + url.lstrip("/")
    return None


def url_rewriter(page_rel: PurePosixPath, root: str, page_urls: Mapping[str, str],
                 files: Iterable[str]) -> Callable[[str], str]:
    """Relative links as written by the editor → links relative to the published page."""
    assets = set(files)

    def rewrite(url: str) -> str:
        relative = site_path(url, root)
        if relative is not None:
            return relative
        target = content_target(url, page_rel)
        if target is None:
            return url
        path, fragment = target
        if path in page_urls:
            return (root + quote(page_urls[path]) or "./") + fragment
        if path in assets:
            return root + quote(content_path_to_output(path)) + fragment
        return url
    return rewrite
