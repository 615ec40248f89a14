"""A draft's or scheduled page's own files (the PDF a draft strategy lists, a file its body
links to, an embargoed page's image) are published with the page and not before: not in the
output, not named in ``_headers`` or anywhere else. A file a published page uses too, or that
no page names, is published as before (issue 25)."""
from __future__ import annotations

from pathlib import Path
import shutil

import pytest

from civicsite.cli import main

ROOT = Path(__file__).resolve().parent.parent
PDF = b"%PDF-1.4\n% a draft plan\n"
PNG = (ROOT / "tests" / "sites" / "minimal" / "bild.png").read_bytes()

DRAFT = """---
kind: strategy
title: Hemlig plan
draft: true
period:
  start: 2025
  end: 2030
status: draft
documents:
  - title: Planen
    src: hemlig-plan.pdf
  - title: Delad bilaga
    src: delad.pdf
---
Se [bilagan](bilaga-utkast.pdf) och ![diagram](diagram-utkast.png).
"""

EMBARGO = """---
title: Nyhet under embargo
publish_date: 2024-07-01
image:
  src: embargo-bild.png
  alt: Den nya fabriken.
---
Fabriken öppnar.
"""

PUBLISHED = """---
title: Öppen sida
---
Läs [den delade bilagan](delad.pdf).
"""

SECRET = ("hemlig-plan", "bilaga-utkast", "diagram-utkast", "embargo-bild")


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "tests" / "sites" / "minimal", folder)
    news = folder / "nyheter"
    (news / "plan.md").write_text(DRAFT, encoding="utf-8")
    (news / "embargo.md").write_text(EMBARGO, encoding="utf-8")
    (news / "oppen.md").write_text(PUBLISHED, encoding="utf-8")
    for name in ("hemlig-plan.pdf", "bilaga-utkast.pdf", "delad.pdf", "fristaende.pdf"):
        (news / name).write_bytes(PDF + name.encode())
    for name in ("diagram-utkast.png", "embargo-bild.png"):
        (news / name).write_bytes(PNG + name.encode())
    return folder


def build(content: Path, out: Path, date: str, *extra: str) -> None:
    code = main(["build", "--content", str(content), "--output", str(out), "--date", date,
                 "--no-search", *extra])
    assert code == 0


def files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file()}


def named_anywhere(out: Path, name: str) -> list[str]:
    return [path for path, data in files(out).items() if name in path or name.encode() in data]


def test_the_files_of_left_out_pages_are_not_published(content: Path, tmp_path: Path):
    out = tmp_path / "site"
    build(content, out, "2024-06-01", "--no-cache")
    for name in SECRET:
        assert named_anywhere(out, name) == [], name
    published = files(out)
    assert "nyheter/delad.pdf" in published  # a published page links to it too
    assert "nyheter/fristaende.pdf" in published  # no page names it: published as before
    headers = published["_headers"].decode()
    assert "/bild-1200." in headers and "embargo" not in headers  # the home page's picture


def test_they_are_published_with_their_page(content: Path, tmp_path: Path, capsys):
    drafts = tmp_path / "drafts"
    build(content, drafts, "2024-06-01", "--drafts", "--no-cache")
    published = files(drafts)
    assert published["nyheter/hemlig-plan.pdf"] == PDF + b"hemlig-plan.pdf"
    assert "nyheter/bilaga-utkast.pdf" in published
    assert any(p.startswith("nyheter/diagram-utkast-") for p in published)
    assert named_anywhere(drafts, "embargo-bild") == []  # a draft build keeps the schedule
    # with the cache, as a nightly build goes on: the day the page is published, so is its image
    out = tmp_path / "site"
    build(content, out, "2024-06-30T23:59")
    build(content, out, "2024-07-01")
    images = [p for p in files(out) if p.startswith("nyheter/embargo-bild-")]
    # its sizes, each in its own format and in WebP, every one cached as immutable
    assert {p.rsplit(".", 1)[1] for p in images} == {"png", "webp"}
    assert all(p in files(out)["_headers"].decode() for p in images)
    cold = tmp_path / "cold"
    build(content, cold, "2024-07-01", "--no-cache")
    assert files(out) == files(cold)
