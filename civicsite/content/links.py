"""Links written in page bodies: relative links to other pages' .md files and to files in the
content folder are checked at load and rewritten to their published addresses at render."""
from __future__ import annotations

from dataclasses import dataclass, field
import html
from pathlib import PurePosixPath
import posixpath
import re
from typing import Callable, Iterable, Mapping, Optional
from urllib.parse import quote, unquote, urljoin, urlsplit

from civicsite.content.urls import content_path_to_output
from civicsite.core import fields as F
from civicsite.core.errors import did_you_mean
from civicsite.core.fields import Ctx
from civicsite.core.messages import _
from civicsite.markdown.directives import unfenced

# Three patterns rather than one alternation: each starts with a literal, which is many
# times faster to search for than an alternation tried at every position.
LINK_PATTERNS = (
    re.compile(r"\]\([ \t]*(<[^>\n]*>|[^)\n]+)"),                          # [text](url "title")
    re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S+?)>?(?:\s|$)", re.MULTILINE),  # [id]: url
    re.compile(r"(?:href|src)[ \t]*=[ \t]*[\"']([^\"'\n]+)[\"']", re.IGNORECASE),  # raw HTML
)
LINK_NEEDS = ("](", "]:")  # what the first two patterns need: a quick test first
RAW_ATTRIBUTE = re.compile(r"=[ \t]*[\"']")  # and the third
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#|\?)", re.IGNORECASE)


def content_target(url: str, page_rel: PurePosixPath) -> Optional[tuple[str, str]]:
    """(path inside the content folder, #fragment) for a relative link; None for other links."""
    if EXTERNAL.match(url) or url.startswith("/"):
        return None
    path, _hash, fragment = url.partition("#")
    path = unquote(path.split("?", 1)[0])
    if not path:
        return None
    joined = posixpath.normpath(posixpath.join(page_rel.parent.as_posix(), path))
    return joined, ("#" + fragment if fragment else "")


@dataclass(frozen=True)
class PageRef:
    """A page named in another page's front matter by the path of its .md file, written
    relative to that page's file like body links (``translation_of: ../foretagsbesok.md``)."""

    written: str
    target: str   # the path inside the content folder it leads to ("" for none: /x, https:)
    line: int     # of the field, for messages


def page_ref(page_rel: PurePosixPath) -> Callable[..., Optional[PageRef]]:
    """The parser of a front-matter field naming a page (a text, resolved from ``page_rel``)."""
    def parse(node, ctx: Ctx) -> Optional[PageRef]:
        written = F.text(node, ctx)
        if not written:
            return None
        target = content_target(written.strip(), page_rel)
        return PageRef(written.strip(), target[0] if target else "", ctx.line)
    return parse


def body_links(body: str) -> tuple[tuple[int, str], ...]:
    """Every link target written in a Markdown body, with its line in the body (0 = first)."""
    patterns = [p for p, need in zip(LINK_PATTERNS, LINK_NEEDS) if need in body]
    if RAW_ATTRIBUTE.search(body):
        patterns.append(LINK_PATTERNS[2])
    found = {m.start(): _target(m.group(1)) for pattern in patterns for m in pattern.finditer(body)}
    links = [(body.count("\n", 0, start), url) for start, url in sorted(found.items())]
    if "```" in body or "~~~" in body:  # code blocks show links as text: nothing to check
        text = {i for i, _ in unfenced(body)}
        links = [(i, url) for i, url in links if i in text]
    return tuple(links)


def _target(written: str) -> str:
    """The address of ``[text](address "title")``: spaces kept (Python-Markdown links a file
    name with spaces as written), the title (from the first quote after a space) and ``<…>``
    left out."""
    written = written.strip()
    if written.startswith("<"):
        return written[1:].split(">", 1)[0]
    return TITLE.split(written, 1)[0]


TITLE = re.compile(r"""\s+["']""")


@dataclass(frozen=True)
class SitePaths:
    """Where links to the site's own addresses may lead: ``/foretagsbesok/`` and
    ``https://<the host of base_url>/…`` are checked like links to .md files."""

    host: str                  # of base_url, lower case; "" when base_url is "/"
    base: str                  # the path of base_url: "/" or "/naringsliv/"
    published: frozenset[str]  # every output path of this build
    pages: Mapping[str, str] = field(default_factory=dict)  # url → file of every page

    @classmethod
    def of(cls, base_url: str, published: Iterable[str], pages: Mapping[str, str]) -> "SitePaths":
        parts = urlsplit(base_url or "/")
        return cls(parts.netloc.lower(), parts.path or "/", frozenset(published), pages)

    def path(self, url: str) -> Optional[str]:
        """The path inside the site a link to the site's own address leads to; None else."""
        if url.startswith("/") and not url.startswith("//"):
            path = url
        else:
            parts = urlsplit(url)
            if parts.scheme.lower() not in ("http", "https") or not self.host or \
                    parts.netloc.lower() != self.host:
                return None
            if not (parts.path or "/").startswith(self.base):
                return None  # another site on the same host
            path = "/" + (parts.path or "/")[len(self.base):]
        return unquote(path.split("#", 1)[0].split("?", 1)[0]).lstrip("/")

    def leads_somewhere(self, path: str) -> bool:
        candidates = (path, path + "index.html", path.rstrip("/") + "/index.html")
        return any(p in self.published for p in candidates) or \
            (path.rstrip("/") + "/") in self.pages or path in self.pages

    def near(self, path: str) -> str:
        """`` (did you mean "/x/"?)`` for the closest page address."""
        return did_you_mean("/" + path, ["/" + u for u in self.pages])


def check_links(links: Iterable[tuple[int, str]], first_line: int, page_rel: PurePosixPath,
                page_url: str, files: Mapping[str, str], published: set[str], ctx: Ctx,
                site: Optional[SitePaths] = None) -> None:
    """Links (``body_links``) that lead to no page or file are errors on their line: relative
    ones (to a page's .md file or a file), and those to the site's own addresses (``site``).
    ``files``: content path → output path of every page and file; ``published``: every output
    path."""
    for i, url in links:
        url = url.strip()
        where = Ctx(ctx.diag, ctx.path, _("body"), first_line + i)
        if EXTERNAL.match(re.sub(r"[\t\n\r]", "", html.unescape(url))) or url.startswith("/"):
            # e.g. &#106;avascript: (refused by check_body) or an encoded https:
            check_site_link(url, site, where)
            continue
        target = content_target(url, page_rel)
        if target is None or target[0] in files:
            continue
        if _published(url, page_url, published):
            continue
        if target[0] == ".." or target[0].startswith("../"):
            where.error(_('the link "{url}" leads outside the content folder', url=url))
        else:
            folder = posixpath.dirname(target[0])
            near = [posixpath.relpath(f, page_rel.parent.as_posix() or ".") for f in files
                    if posixpath.dirname(f) == folder]
            where.error(_('the link "{url}" leads to no page or file of this site; link to a '
                          "page's .md file (e.g. ../besokssprint/var-2021.md) or to a file in "
                          "the content folder", url=url) + did_you_mean(url, near))


def check_site_link(url: str, site: Optional[SitePaths], where: Ctx) -> None:
    """An error when ``url`` is an address of this site (``/x/`` or its own host) that leads
    to no page or file."""
    path = site.path(url) if site is not None else None
    if path is None or site.leads_somewhere(path):
        return
    where.error(_('the link "{url}" leads to no page or file of this site; check the address '
                  "(was the page moved or renamed?)", url=url) + site.near(path))


def _published(url: str, page_url: str, published: set[str]) -> bool:
    """A link written as an address relative to the published page (``../``, ``annan-sida/``)."""
    path = unquote(urljoin("/" + page_url, url.split("#", 1)[0].split("?", 1)[0]))[1:]
    return any(p in published for p in (path, path + "index.html", path + "/index.html"))


def site_path(url: str, root: str, published: Mapping[str, str] = {}) -> Optional[str]:
    """A site path (``/naringslivsstrategi/``) as a link relative to the page; None for other links.
    ``published``: output path → fingerprinted name (``/bilder/a.png`` → ``bilder/a.1f2e3d4c.png``)."""
    if url.startswith("/") and not url.startswith("//"):
        path = url.lstrip("/")
        target = published.get(unquote(path))
        return (root or "./") + (quote(target) if target else path)
    return None


def url_rewriter(page_rel: PurePosixPath, root: str, page_urls: Mapping[str, str],
                 files: Iterable[str], published: Mapping[str, str] = {},
                 page_url: str = "") -> Callable[[str], str]:
    """Relative links as written by the editor → links relative to the published page.
    ``published``: output path → fingerprinted name; ``page_url``: the page's own address, for
    links written relative to it (``../bilder/a.png``)."""
    assets = files if isinstance(files, (set, frozenset)) else set(files)

    def rewrite(url: str) -> str:
        relative = site_path(url, root, published)
        if relative is not None:
            return relative
        target = content_target(url, page_rel)
        if target is None:
            return url
        path, fragment = target
        if path in page_urls:
            return (root + quote(page_urls[path]) or "./") + fragment
        if path in assets:
            out = content_path_to_output(path)
            return root + quote(published.get(out, out)) + fragment
        out = unquote(urljoin("/" + page_url, url.split("#", 1)[0]))[1:]
        if out in published:  # an address relative to the published page, of a renamed file
            return root + quote(published[out]) + fragment
        return url
    return rewrite
