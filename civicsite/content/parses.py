"""Pages parsed, in parallel processes when there are many, and reused from the last build
when their key (the file's bytes, its place, the tables it may refer to) is unchanged; a cached
parse keeps no body, which is read again for the pages rendered (``with_bodies``)."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Optional

from civicsite.content.discover import SourceFile, cannot_read, read_text
from civicsite.content.files import Tables
from civicsite.content.links import body_links
from civicsite.content.pages import Page, parse_page
from civicsite.content.site import Site
from civicsite.content.withheld import page_files
from civicsite.core.digest import digest
from civicsite.core.errors import Diagnostics
from civicsite.core.fields import Ctx
from civicsite.core.messages import _
from civicsite.core.parallel import process_map


@dataclass
class ParsedPage:
    """One page's parse, reusable while its key is unchanged.

    The cache keeps the Page without its body (``body=None``), which is most of its size and
    is in the file anyway: ``with_bodies`` reads it again for the pages rendered."""

    page: Any                   # the Page, or None when it had errors
    messages: list              # the ContentErrors its parse reported
    front_matter: str = ""      # digests of the two halves of the file
    body: str = ""
    links: tuple = ()           # links.body_links of the body
    files: tuple = ()           # the content files it names (withheld.page_files)

    def without_body(self) -> "ParsedPage":
        if self.page is None or self.page.body is None:
            return self
        return replace(self, page=replace(self.page, body=None))


@dataclass
class PageParses:
    """Page parses of the last build by key, and this build's (incremental builds)."""

    previous: dict[str, ParsedPage] = field(default_factory=dict)
    current: dict[str, ParsedPage] = field(default_factory=dict)
    by_file: dict[str, ParsedPage] = field(default_factory=dict)  # content path → this build's
    # content path → digest of the file's bytes, when the caller has just read them all
    files: dict[str, str] = field(default_factory=dict)
    read: dict[str, str] = field(default_factory=dict)  # the same, of the files parsed now


def parse_pages(sources: list[SourceFile], tables: Tables, tables_key: str, parses: PageParses,
                jobs: int, diag: Diagnostics) -> list[Page]:
    """Every page's parse, in file order: reused when its key is known, else parsed (in
    parallel processes when there are many; they read the files themselves)."""
    keys: dict[int, str] = {}
    todo = []
    for i, src in enumerate(sources):
        known = parses.files.get(src.key)
        if known is not None:  # reuse without reading the file a second time
            key = _parse_key(tables_key, src, known)
            if key in parses.previous:
                keys[i] = key
                continue
        todo.append(i)
    fresh: dict[str, ParsedPage] = {}
    job = _ParseJob(tables, tables_key, sources, frozenset(parses.previous))
    for i, key, parsed, file_digest in process_map(_read_and_parse, job, todo, jobs):
        keys[i] = key
        parses.read[sources[i].key] = file_digest
        if parsed is not None:
            fresh[key] = parsed
    out = []
    for i, src in enumerate(sources):
        key = keys[i]
        parsed = fresh[key] if key in fresh else parses.previous[key]
        if parsed.page is not None or not key.startswith("unreadable:"):
            parses.current[key] = parsed
        parses.by_file[src.key] = parsed
        diag.items.extend(parsed.messages)
        if parsed.page is not None:
            out.append(parsed.page)
    return out


def with_bodies(site: Site, indices: list[int], parses: PageParses,
                diag: Diagnostics) -> Optional[Site]:
    """The site with the body of each page ``site.pages[i]`` that a cached parse left out read
    again from its file (the pages about to be rendered). None, with an error, when a file no
    longer holds what was parsed: it changed while the site was being built."""
    pages = list(site.pages)
    read = False
    for i in indices:
        page = pages[i]
        if page.body is not None:
            continue
        read = True
        parsed = parses.by_file[page.source.key]
        text = read_text(page.source, diag)
        if text is None:
            return None
        front_digest, body_digest, body = _halves(text, page.body_line)
        if (front_digest, body_digest) != (parsed.front_matter, parsed.body):
            diag.error(page.source.display, 1, _("file"), _(
                "the file changed while the site was being built; build again"))
            return None
        pages[i] = replace(page, body=body)
    return replace(site, pages=tuple(pages)) if read else site


def _parse_key(tables_key: str, src: SourceFile, file_digest: str) -> str:
    """What a page's parse depends on: the tables, where the file is, and its bytes."""
    return digest(tables_key, src.display, file_digest, "")


@dataclass(frozen=True)
class _ParseJob:
    """What a parsing worker needs (inherited through the fork; only indices travel)."""
    tables: Tables
    tables_key: str
    sources: list[SourceFile]
    known: frozenset[str]  # keys of the last build's parses, reused as they are


def _read_and_parse(job: _ParseJob, index: int) -> tuple[int, str, Optional[ParsedPage], str]:
    """(index, key, parse, digest of the bytes read) of one source; the parse is None when the
    key is already known."""
    src = job.sources[index]
    try:
        raw = src.abs.read_bytes()
    except OSError as exc:  # no permission, removed while building, …: never cached
        diag = Diagnostics()
        diag.error(src.display, 1, _("file"), cannot_read(exc))
        return index, f"unreadable:{src.display}", ParsedPage(None, diag.items), "unreadable"
    file_digest = digest(raw)  # as content_digests hashes it
    key = _parse_key(job.tables_key, src, file_digest)
    if key in job.known:
        return index, key, None, file_digest
    return index, key, _parse_one(job.tables, src, raw), file_digest


def _parse_one(tables: Tables, src: SourceFile, raw: bytes) -> ParsedPage:
    diag = Diagnostics()
    text = read_text(src, diag, raw)
    page = parse_page(src, text, tables, Ctx(diag, src.display)) if text is not None else None
    if page is None:
        return ParsedPage(None, diag.items)
    front_digest, body_digest, _ = _halves(text, page.body_line)
    links = body_links(page.body)
    return ParsedPage(page, diag.items, front_digest, body_digest, links,
                      tuple(sorted(page_files(page, links, tables.assets))))


def _halves(text: str, body_line: int) -> tuple[str, str, str]:
    """(digest of the front matter's lines, digest of the body's lines, the body) of a page's
    text whose body starts on line ``body_line``: what a parse records, and checks again."""
    lines = text.split("\n")
    body = "\n".join(lines[body_line - 1:])
    return digest("\n".join(lines[:body_line - 1])), digest(body), body
