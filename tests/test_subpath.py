"""Sub-path hosting: both example sites built with ``--base-url http://127.0.0.1:PORT/naringsliv/``,
served under ``/naringsliv/`` only (tests/subpath_server.py), and crawled from the root: every
href, src, srcset, <link>, meta refresh, sitemap <loc>, feed link and same-host URL in the JSON-LD
must answer 200 inside the sub-path, and every #anchor must name an element of its page. The 404
page is fetched at a deep missing address and crawled from there too.

Then the same served site is given to LinkChecker (a third-party checker from PyPI), which must
report no error.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
import json
from pathlib import Path
import re
import shutil
import subprocess
import sys
import urllib.error
from urllib.parse import urldefrag, urljoin, urlsplit
import urllib.request

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from e2e_site import BUILD_DATE, SITES  # noqa: E402
from subpath_server import subpath_server  # noqa: E402

from civicsite.cli import main  # noqa: E402

PREFIX = "/naringsliv/"
MISSING = "finns/inte/alls/sida"  # a deep address nothing is published at


class _Links(HTMLParser):
    """Every URL an HTML document refers to, and the ids it defines."""

    URL_ATTRS = {"href", "src", "poster", "action", "data"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []   # (url, where: tag.attr)
        self.ids: set[str] = set()
        self.jsonld: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name, value in attrs:
            if value is None:
                continue
            if name in self.URL_ATTRS:
                self.urls.append((value, f"{tag}.{name}"))
            elif name in ("srcset", "imagesrcset"):
                for candidate in value.split(","):
                    if candidate.strip():
                        self.urls.append((candidate.split()[0], f"{tag}.{name}"))
            elif name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            m = re.search(r"url\s*=\s*['\"]?([^'\"]+)", a.get("content") or "", re.I)
            if m:
                self.urls.append((m.group(1).strip(), "meta.refresh"))
        self._in_jsonld = tag == "script" and a.get("type") == "application/ld+json"

    def handle_endtag(self, tag):
        self._in_jsonld = False

    def handle_data(self, data):
        if self._in_jsonld:
            self.jsonld.append(data)


def _jsonld_urls(value, out: list[str]) -> None:
    if isinstance(value, dict):
        for v in value.values():
            _jsonld_urls(v, out)
    elif isinstance(value, list):
        for v in value:
            _jsonld_urls(v, out)
    elif isinstance(value, str) and value.startswith(("http://", "https://")):
        out.append(value)


@dataclass
class Crawl:
    base: str
    fetched: dict[str, int] = field(default_factory=dict)      # url → status
    ids: dict[str, set[str]] = field(default_factory=dict)     # html url → ids
    anchors: list[tuple[str, str, str]] = field(default_factory=list)  # (from, url, fragment)
    broken: list[str] = field(default_factory=list)

    def local(self, url: str) -> bool:
        return urlsplit(url).netloc == urlsplit(self.base).netloc

    def fetch(self, url: str) -> tuple[int, str, bytes]:
        try:
            with urllib.request.urlopen(url, timeout=10) as r:
                return r.status, r.headers.get("Content-Type", ""), r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("Content-Type", ""), e.read()

    def run(self, starts: list[str], expect_missing: set[str]) -> None:
        queue = [(s, "start") for s in starts]
        while queue:
            url, source = queue.pop(0)
            url = urldefrag(url)[0]
            if url in self.fetched or not self.local(url):
                continue
            status, kind, data = self.fetch(url)
            self.fetched[url] = status
            if not urlsplit(url).path.startswith(PREFIX):
                self.broken.append(f"{source} → {url}: outside the sub-path {PREFIX}")
            if status != 200 and url not in expect_missing:
                self.broken.append(f"{source} → {url}: HTTP {status}")
                continue
            queue += [(u, url) for u in self.links(url, kind, data)]

    def links(self, url: str, kind: str, data: bytes) -> list[str]:
        text = data.decode("utf-8", "replace")
        found: list[str] = []
        if "html" in kind:
            p = _Links()
            p.feed(text)
            self.ids[url] = p.ids
            for raw, _ in p.urls:
                target = urljoin(url, raw)
                if urlsplit(target).scheme not in ("http", "https"):
                    continue
                found.append(target)
                page, fragment = urldefrag(target)
                if fragment:
                    self.anchors.append((url, page, fragment))
            for block in p.jsonld:
                _jsonld_urls(json.loads(block), found)
        elif "xml" in kind:
            found += [urljoin(url, u) for u in re.findall(r"<loc>([^<]+)</loc>|href=\"([^\"]+)\"", text)
                      for u in u if u]
        elif url.endswith("robots.txt"):
            found += re.findall(r"^Sitemap:\s*(\S+)", text, re.M)
        return [u for u in found if self.local(u)]

    def check_anchors(self) -> None:
        for source, page, fragment in self.anchors:
            if page in self.ids and fragment not in self.ids[page]:
                self.broken.append(f"{source} → {page}#{fragment}: no element has this id")


#: the minimal site with old addresses and a page not yet published, to crawl the redirects too
ALIASES = ["gammal-strategi/", "arkiv/strategi.html"]
EXTRA = {"nyheter/strategi.md": ("title: Strategi\n", "title: Strategi\naliases: [/gammal-strategi/, "
                                 "/arkiv/strategi.html]\n"),
         "nyheter/workshop.md": ("title: Workshop\n", "title: Workshop\npublish_date: 2099-01-01\n")}


def content_folder(name: str, tmp: Path) -> Path:
    if name in SITES:
        return Path(__file__).parents[1] / SITES[name]
    sys.path.insert(0, str(Path(__file__).resolve().parent / "invalid"))
    from test_invalid import make_content
    return make_content(tmp / "content", EXTRA)


@pytest.fixture(scope="module", params=[*sorted(SITES), "minimal+aliases"])
def served(request, tmp_path_factory):
    """(server, output folder) for one site built for and served under the sub-path."""
    with subpath_server(PREFIX) as server:
        tmp = tmp_path_factory.mktemp(f"subpath-{request.param}")
        out = tmp / "site"
        assert main(["build", "--content", str(content_folder(request.param, tmp)),
                     "--output", str(out), "--date", BUILD_DATE, "--base-url", server.base_url]) == 0
        server.folder = out
        yield server, out


def test_crawl_finds_no_broken_link(served):
    server, out = served
    base = server.base_url
    crawl = Crawl(base)
    missing = base + MISSING
    aliases = [base + a for a in ALIASES] if out.parent.name.startswith("subpath-minimal") else []
    crawl.run([base, base + "robots.txt", missing, *aliases], expect_missing={missing})
    crawl.check_anchors()
    assert crawl.broken == []
    assert crawl.fetched[missing] == 404
    # the crawl reached every page and every file a page shows (so it really followed links)
    reached = {urlsplit(u).path[len(PREFIX):] for u, s in crawl.fetched.items() if s == 200}
    reached |= {p + "index.html" for p in reached if p.endswith("/") or p == ""}
    published = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    expected = {p for p in published if p.endswith((".html", ".css", ".js", ".png", ".jpg", ".xml",
                                                    ".vcf"))
                and not p.startswith("pagefind/")} - {"404.html"}
    # pagefind/ is loaded by search.js at run time, not linked (the browser search test uses it)
    assert expected - reached == set()
    assert all(r.startswith(PREFIX) for r in server.requests)
    if aliases:  # each redirect page was fetched and its target crawled; the future page is nowhere
        assert all((out / a).exists() for a in ("gammal-strategi/index.html", "arkiv/strategi.html"))
        assert all(crawl.fetched[a] == 200 for a in aliases)
        assert crawl.fetched[base + "nyheter/strategi/"] == 200
        assert not any("workshop" in u for u in crawl.fetched)


def test_404_page_links_work_from_any_depth(served):
    server, _ = served
    crawl = Crawl(server.base_url)
    deep = server.base_url + "a/b/c/d/saknas.html"
    status, kind, data = crawl.fetch(deep)
    assert status == 404 and b"<h1>" in data
    links = crawl.links(deep, kind, data)
    assert server.base_url in links  # the home link
    assert any(l.endswith(".css") for l in links)
    for link in {urldefrag(l)[0] for l in links} - {deep}:  # not the skip link to #main
        assert urlsplit(link).path.startswith(PREFIX), link
        assert crawl.fetch(link)[0] == 200, link


def test_linkchecker_reports_no_error(served, tmp_path):
    """LinkChecker (PyPI ``linkchecker``), recursive, internal links, with its AnchorCheck plugin
    (a missing #anchor is a warning, and any warning fails)."""
    server, _ = served
    exe = shutil.which("linkchecker", path=str(Path(sys.executable).parent))
    assert exe, "linkchecker is a test dependency (pip install -e '.[test]')"
    config = tmp_path / "linkcheckerrc"
    config.write_text("[AnchorCheck]\n")
    proc = subprocess.run([exe, "--config", str(config), "--no-status", "--recursion-level=-1",
                           "--threads=4", server.base_url],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    m = re.search(r"(\d+) links? in (\d+) URLs? checked", proc.stdout)
    assert m and int(m.group(2)) > 10, proc.stdout
    assert "0 warnings found. 0 errors found." in proc.stdout, proc.stdout
