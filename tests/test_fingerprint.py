"""Asset fingerprinting: CSS, JS and content images are published under content-hashed names,
referenced only by those names, the same for the same bytes; ``_headers`` caches exactly them.
The versions made of a raster image are named by a hash of the source's digest, their width
and format (civicsite/images/variants.py): known before they are made."""
from __future__ import annotations

import hashlib
from pathlib import Path
import re
import sys

sys.path.insert(0, str(Path(__file__).resolve().parent / "invalid"))
from test_invalid import make_content, run_main  # noqa: E402

from civicsite.content.fingerprint import hashed_name, is_fingerprinted
from civicsite.core.digest import digest
from civicsite.images.variants import ICON_PATHS, VERSION

HASHED = re.compile(r"\.[0-9a-f]{8}\.(css|js|png|svg|webp)$")
VERSION_NAME = re.compile(r"^(.*)-(\d+)\.([0-9a-f]{8})\.(png|webp)$")


def build(tmp_path: Path, name: str, edits: dict | None = None) -> Path:
    content = tmp_path / f"content-{name}"
    if not content.exists():
        make_content(content, edits or {})
    out = tmp_path / f"out-{name}"
    code, _, err = run_main("build", "--content", str(content), "--output", str(out),
                            "--date", "2024-06-01", "--base-url", "https://x.example/sub/")
    assert code == 0, err
    return out


def published(out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}


def test_hashed_name():
    digest = hashlib.sha256(b"body{}").hexdigest()[:8]
    assert hashed_name("static/site.css", b"body{}") == f"static/site.{digest}.css"
    assert hashed_name("Bilder/Foto 1.JPG", b"x").startswith("Bilder/Foto 1.")
    assert [p for p in ("a.css", "b.JS", "c.png", "d.jpeg", "e.svg", "f.pdf", "g.docx", "h.vcf")
            if is_fingerprinted(p)] == ["a.css", "b.JS", "c.png", "d.jpeg", "e.svg"]


def test_assets_are_published_and_referenced_only_by_hashed_names(tmp_path):
    out = build(tmp_path, "a")
    files = published(out)
    # Pagefind names its own index files; its loader pagefind.js is revalidated like HTML
    # the icons keep the names browsers and other programs look for at a site's top
    assets = {f for f in files if is_fingerprinted(f) and not f.startswith("pagefind/")
              and f not in ICON_PATHS}
    versions = {f for f in assets if VERSION_NAME.match(f)}
    assert {re.sub(r"\.[0-9a-f]{8}\.", ".", f) for f in assets - versions} == \
        {"static/site.css", "static/colors.css", "static/open-now.js", "static/search.js",
         "logo.svg"}
    for f in assets - versions:
        assert HASHED.search(f), f
        assert f == hashed_name(re.sub(r"\.[0-9a-f]{8}\.", ".", f), (out / f).read_bytes())
    source = (Path(__file__).parent / "sites/minimal/bild.png").read_bytes()  # 1200 px wide
    assert {re.sub(r"\.[0-9a-f]{8}\.", ".", f) for f in versions} == \
        {f"bild-{w}.{fmt}" for w in (480, 800, 1200) for fmt in ("png", "webp")}
    for f in versions:
        stem, width, hashed, fmt = VERSION_NAME.match(f).groups()
        assert hashed == digest(VERSION, digest(source), width, "png" if fmt == "png" else
                                "webp")[:8]
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        refs = re.findall(r'(?:href|src)="([^"]+\.(?:css|js|png|svg|webp))"', text)
        refs += [u for s in re.findall(r'srcset="([^"]+)"', text) for u in re.findall(r"(\S+) \d+w", s)]
        for ref in refs:
            assert HASHED.search(ref) or ref.endswith(ICON_PATHS), f"{page}: {ref}"
    home = (out / "index.html").read_text(encoding="utf-8")
    png = next(f for f in versions if f.startswith("bild-800.") and f.endswith(".png"))
    og = next(f for f in versions if f.startswith("bild-1200.") and f.endswith(".png"))
    assert f'src="{png}"' in home and f'"contentUrl":"https://x.example/sub/{og}"' in home


def test_same_bytes_same_names_changed_bytes_new_name(tmp_path):
    first, again = build(tmp_path, "a"), build(tmp_path, "a2")  # two folders, the same bytes
    assert first != again and published(first) == published(again)
    assert {re.sub(r"\.[0-9a-f]{8}\.", ".", f) for f in published(again) if f.startswith("bild")} == {
        f"bild-{w}.{ext}" for w in (480, 800, 1200) for ext in ("png", "webp")}
    changed = build(tmp_path, "b", {"bild.png": (Path(__file__).parent / "sites/minimal/bild.png")
                                    .read_bytes() + b"\0"})
    old = {f for f in published(first) if f.startswith("bild")}
    new = {f for f in published(changed) if f.startswith("bild")}
    assert len(old) == len(new) == 6 and not old & new
    assert all(f in (changed / "index.html").read_text(encoding="utf-8") for f in new)
    # the theme did not change, so neither did its names
    assert {f for f in published(first) if f.startswith("static/")} == \
        {f for f in published(changed) if f.startswith("static/")}


def test_headers_file_caches_exactly_the_hashed_files(tmp_path):
    out = build(tmp_path, "a")
    text = (out / "_headers").read_text(encoding="utf-8")
    rules = re.findall(r"^(/\S*)\n  Cache-Control: (.+)$", text, re.M)
    hashed = sorted(f for f in published(out) if HASHED.search(f) and not f.startswith("pagefind/"))
    assert [path for path, _ in rules] == [f"/sub/{f}" for f in hashed]
    assert {value for _, value in rules} == {"public, max-age=31536000, immutable"}
    # the rule for every path carries the security headers only: HTML keeps the host's
    # revalidating default (a second Cache-Control rule would be joined, not replace it)
    every_path = re.search(r"^/sub/\*\n((?:  .*\n)+)", text, re.M).group(1)
    assert "Content-Security-Policy" in every_path and "Cache-Control" not in every_path
