"""Shared helpers for the end-to-end tests: build the two example sites through the CLI (once per
pytest session, whatever test module asks first) and read the published HTML as text.

Used by tests/test_seed_facts.py, tests/test_structured_data.py and tests/browser/test_citizen.py.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
import re
import subprocess
import sys
from typing import Iterator, Optional

import html5lib

ROOT = Path(__file__).resolve().parents[1]

#: site name -> content folder (relative to the project root)
SITES = {
    "hallstahammar": "content",
    "trollhattan": "examples/trollhattan",
    "kontaktcenter": "examples/kontaktcenter",
}
#: the fixed build date of the tests ("today" for seasons, deviations and upcoming events)
BUILD_DATE = "2026-11-25"

_BUILT: dict[tuple[str, str], Path] = {}


def build(tmp_path_factory, site: str, date: str = BUILD_DATE) -> Path:
    """Build ``site`` with ``--date date`` through ``build.py`` (the way an editor does) into a
    fresh temporary folder; built once per session and date, shared by every test module."""
    key = (site, date)
    if key not in _BUILT:
        out = tmp_path_factory.mktemp(f"site-{site}-{date}") / "site"
        proc = subprocess.run(
            [sys.executable, str(ROOT / "build.py"), "build", "--content", str(ROOT / SITES[site]),
             "--output", str(out), "--date", date],
            cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, f"build of {site} failed:\n{proc.stdout}\n{proc.stderr}"
        assert (out / "index.html").is_file(), f"build of {site} wrote no index.html"
        _BUILT[key] = out
    return _BUILT[key]


def html_pages(site_dir: Path) -> list[Path]:
    """Every published HTML file, sorted."""
    return sorted(site_dir.rglob("*.html"))


def url_of(site_dir: Path, page: Path) -> str:
    """The site-relative URL of a published HTML file: '' for the home page, 'a/b/' for a/b/index.html."""
    rel = page.relative_to(site_dir).as_posix()
    if rel == "index.html":
        return ""
    if rel.endswith("/index.html"):
        return rel[: -len("index.html")]
    return rel


# ---------------------------------------------------------------------------------------------
# HTML as text

BLOCK = {
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "div",
    "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "html", "li", "main", "nav", "ol", "p", "section", "summary", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul",
}
SKIP = {"script", "style", "template", "head", "noscript"}
DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2212-]")


def norm(text: str) -> str:
    """Whitespace collapsed (also no-break spaces), trimmed."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def nodash(text: str) -> str:
    """``norm`` with every kind of dash written as '-' (the seeds write 2024-2028, the site 2024–2028)."""
    return DASHES.sub("-", norm(text))


def parse(path_or_html):
    text = path_or_html.read_text(encoding="utf-8") if isinstance(path_or_html, Path) else path_or_html
    return html5lib.parse(text, treebuilder="etree", namespaceHTMLElements=False)


def text_of(el, sep_br: str = " ") -> str:
    """The text a reader sees in ``el``: block elements and <br> separate words, scripts are left out."""
    parts: list[str] = []

    def walk(node):
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in SKIP:
            return
        if tag == "br":
            parts.append(sep_br)
        elif tag in BLOCK:
            parts.append(" ")
        if node.text and tag not in SKIP:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag in BLOCK:
            parts.append(" ")

    walk(el)
    return norm("".join(parts))


def classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def find_all(root, tag: Optional[str] = None, cls: Optional[str] = None) -> Iterator:
    for el in root.iter(tag) if tag else root.iter():
        if not isinstance(el.tag, str):
            continue
        if cls is None or cls in classes(el):
            yield el


@dataclass
class Page:
    path: Path
    url: str
    doc: object

    @property
    def body(self):
        return self.doc.find("body")

    @property
    def lang(self) -> str:
        """The page's ``<html lang>``: the example site has an English page (content/en/)."""
        return self.doc.get("lang", "")

    @property
    def main(self):
        return next(find_all(self.doc, "main"))

    @property
    def text(self) -> str:
        return text_of(self.body)

    @property
    def main_text(self) -> str:
        return text_of(self.main)


def load_pages(site_dir: Path) -> dict[str, Page]:
    """url -> Page for every published HTML page of a built site."""
    return {url_of(site_dir, p): Page(p, url_of(site_dir, p), parse(p)) for p in html_pages(site_dir)}
