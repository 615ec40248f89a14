"""Images (civicsite/images): probed at load, published only as versions made of them — EXIF
orientation applied, no EXIF, XMP or other metadata, sRGB, 480–1600 px never upscaled, WebP plus
the original format — shown with srcset, sizes, width and height, made by the build's workers
and kept in the cache, so that a rebuild resizes nothing it made before.

The site here has what phones and cameras give editors: a 12-megapixel JPEG with the GPS
position in its EXIF, the same photo stored on its side with orientation 6, a CMYK JPEG, a PNG
with transparency and an animated GIF. The problems (truncated, damaged, bombs, too large) have
one fixture each in tests/invalid/test_invalid.py; the bytes a phone downloads in
tests/browser/test_images_browser.py."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
import re

from image_files import PHOTOS, photos, png, save, write_photo_site
from PIL import Image, ImageSequence
import pytest

from civicsite.build.options import BuildOptions
from civicsite.build.pipeline import run
from civicsite.core import messages
from civicsite.core.digest import digest
from civicsite.core.errors import Diagnostics
from civicsite.images.probe import ImageProblem, Probe, advice, probe, svg_size
from civicsite.images.variants import VERSION, initials, plan_picture

ROOT = Path(__file__).resolve().parent.parent
METADATA = ("exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "photoshop", "comment", "iptc")


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory) -> tuple[Path, BuildOptions, list]:
    """The minimal site with the photos and a page showing them, built once with a cache; the
    build results of the first build, a rebuild after a one-page edit, and after an edit of
    front matter."""
    work = tmp_path_factory.mktemp("photos")
    content = write_photo_site(work / "content")
    options = BuildOptions(str(content), work / "site", build_date=dt.date(2024, 6, 1), jobs=2,
                           cache=work / "cache", search=False)
    results = [_build(options)]
    index = content / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\nEn mening till.\n", encoding="utf-8")
    results.append(_build(options))
    index.write_text(index.read_text(encoding="utf-8").replace("summary: Startsidan.",
                                                               "summary: Ny start."), encoding="utf-8")
    results.append(_build(options))
    return work / "site", options, results


def _build(options: BuildOptions):
    diag = Diagnostics()
    result = run(options, diag)
    assert result is not None, diag.report()
    assert diag.report() == [], diag.report()
    return result


def _published_images(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.suffix in (".jpg", ".png", ".webp", ".gif", ".ico")
                  and not p.is_relative_to(site / "pagefind"))


def test_published_images_carry_no_metadata(photo_site):
    site, _, _ = photo_site
    images = _published_images(site)
    assert len(images) > 30
    for path in images:
        data = path.read_bytes()
        for secret in (b"iPhone", b"Anna Andersson", b"Apple"):
            assert secret not in data, f"{path.name}: {secret!r}"
        with Image.open(path) as im:
            assert dict(im.getexif()) == {}, path.name  # no GPS, no other EXIF tag
            assert im.getexif().get_ifd(0x8825) == {}, path.name
            assert not set(im.info) & set(METADATA), (path.name, set(im.info))


def test_versions_have_the_right_size_and_are_never_upscaled(photo_site):
    site, _, _ = photo_site
    for rel, (width, height, fallback, animated) in PHOTOS.items():
        stem = rel.rsplit(".", 1)[0]
        made = {}
        for path in site.glob(f"{stem}-*.*.*"):
            with Image.open(path) as im:
                made[(im.format.lower(), im.width)] = im.size, getattr(im, "n_frames", 1)
        widths = sorted({w for w in (480, 800, 1200, 1600) if w < width} | {min(width, 1600)})
        formats = {"webp", fallback}
        assert set(made) == {(f, w) for f in formats for w in widths}, rel
        for (fmt, w), (size, frames) in made.items():
            assert size == (w, round(height * w / width)), (rel, fmt, size)
            assert (frames > 1) == animated, (rel, fmt, frames)


def test_orientation_is_applied_before_the_metadata_goes(photo_site):
    """The photo stored on its side shows upright: sky above, hills below, as the other one."""
    site, _, _ = photo_site
    for stem in ("gps", "staende"):
        path = next(site.glob(f"foton/{stem}-800.*.jpg"))
        with Image.open(path) as im:
            assert im.size == (800, 600)
            sky, ground = im.getpixel((400, 20)), im.getpixel((400, 580))
            assert sky[2] > sky[1] > sky[0] and ground[1] > ground[2], (stem, sky, ground)


def test_cmyk_becomes_rgb_and_transparency_is_kept(photo_site):
    site, _, _ = photo_site
    with Image.open(next(site.glob("foton/cmyk-800.*.jpg"))) as im:
        assert im.mode == "RGB"
        sky = im.getpixel((400, 20))
        assert sky[2] > sky[0] + 60, sky  # blue stays blue (not inverted, not grey)
    for fmt in ("png", "webp"):
        with Image.open(next(site.glob(f"foton/genomskinlig-800.*.{fmt}"))) as im:
            alpha = im.convert("RGBA").getchannel("A")
            assert alpha.getpixel((400, 2)) < 20 and alpha.getpixel((400, 530)) > 235, fmt


def test_animated_gif_stays_animated(photo_site):
    site, _, _ = photo_site
    for fmt in ("gif", "webp"):
        with Image.open(next(site.glob(f"foton/rorlig-480.*.{fmt}"))) as im:
            frames = [frame.convert("RGB").getpixel((10, 10)) for frame in ImageSequence.Iterator(im)]
            assert len(frames) == 6 and len(set(frames)) == 6, fmt


def test_every_picture_has_its_size_and_every_version_is_published(photo_site):
    site, _, _ = photo_site
    html = (site / "foton" / "index.html").read_text(encoding="utf-8")
    imgs = re.findall(r"<img\b[^>]*>", html)
    assert len(imgs) == 5
    for img in imgs:
        assert re.search(r' width="\d+" height="\d+"', img), img
    # the photo at the top is loaded at once; the ones below the text lazily
    top, *below = imgs
    assert "loading=" not in top and all('loading="lazy" decoding="async"' in i for i in below)
    assert 'src="../foton/gps-800.' in top and 'width="1600" height="1200"' in top
    for url in re.findall(r'(?:src|srcset)="([^"]+)"', html):
        for candidate in url.split(", "):
            target = candidate.split(" ")[0]
            if not target.startswith(("http", "data:")):
                assert (site / "foton" / target).resolve().is_file(), target
    # nothing links to a photo as the phone stored it
    assert not re.search(r'(?:src|href|srcset)="[^"]*(?:gps|staende|cmyk)\.jpg', html)


def test_open_graph_is_the_1200_pixel_version_with_its_size(photo_site):
    site, _, _ = photo_site
    html = (site / "foton" / "index.html").read_text(encoding="utf-8")
    og = re.search(r'<meta property="og:image" content="https://naringsliv\.example\.se/'
                   r'(foton/gps-1200\.[0-9a-f]{8}\.jpg)">', html)
    assert og and (site / og.group(1)).is_file()
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta property="og:image:height" content="900">' in html


def test_rebuilds_resize_nothing_and_the_cache_holds_plain_image_files(photo_site):
    site, options, (first, body_edit, front_matter_edit) = photo_site
    assert first.resized == 7  # the five photos, bild.png and the icons
    assert body_edit.rendered == 1 and body_edit.resized == 0
    assert front_matter_edit.rendered == front_matter_edit.pages and front_matter_edit.resized == 0
    kept = [p for p in (options.cache / "images").rglob("*") if p.is_file()]
    assert {p.suffix for p in kept} == {".jpg", ".png", ".webp", ".gif", ".ico", ".json"}
    for path in kept:
        if path.suffix != ".json":
            with Image.open(path):
                pass


# --- units ---------------------------------------------------------------------------------------

def test_probe_reads_the_shown_size(tmp_path):
    made = photos()
    for rel, (width, height, fallback, animated) in PHOTOS.items():
        path = tmp_path / rel.split("/")[1]
        path.write_bytes(made[rel])
        found = probe(path)
        assert (found.width, found.height, found.animated) == (width, height, animated), rel
        assert found.size == len(made[rel])


@pytest.mark.parametrize("name, data, message", [
    ("a.jpg", b"", "the file is not an image that can be read"),
    ("a.png", png()[:-20], "the image is cut off"),
    ("a.jpg", b"\x89PNG\r\n\x1a\n" + png()[8:], None),  # a PNG named .jpg: shown, as PNG
    ("a.jpg", save(Image.new("RGB", (8, 8)), "TIFF"), "the file is not an image that can be read"),
])
def test_probe_problems(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    if message is None:
        assert probe(path).format == "png"
        return
    with pytest.raises(ImageProblem) as problem:
        probe(path)
    assert str(problem.value).startswith(message)


def test_problems_and_advice_in_swedish(tmp_path):
    path = tmp_path / "a.png"
    path.write_bytes(b"text")
    messages.set_language("sv")
    try:
        with pytest.raises(ImageProblem) as problem:
            probe(path)
        assert str(problem.value).startswith("filen är inte en bild som kan läsas")
        assert advice(Probe("jpeg", 4000, 3000, size=21_300_000)).startswith(
            "bilden är 21,3 MB (4000 × 3000 pixlar)")
    finally:
        messages.set_language("en")
    assert advice(Probe("jpeg", 4000, 3000, size=3_000_000)) is None  # a phone's photo is fine
    assert advice(Probe("jpeg", 8000, 6000, size=9_000_000)).startswith("the image is 9.0 MB")


@pytest.mark.parametrize("root, size", [
    ('<svg width="120" height="40">', (120, 40)),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 64">', (240, 64)),
    ('<svg width="480" viewBox="0 0 240 64">', (480, 128)),
    ("<svg width='2in' height='1in'>", (192, 96)),
    ('<svg width="100%" height="100%">', (0, 0)),
    ('<?xml version="1.0"?><svg height="10mm" width="20mm">', (76, 38)),
])
def test_svg_size(root, size):
    assert svg_size(root + "</svg>") == size


def test_versions_are_planned_without_upscaling_and_named_by_their_source():
    wide = plan_picture("a/b.jpg", "a/b.jpg", "d1", Probe("jpeg", 1000, 500))
    assert [(v.width, v.height, v.format) for v in wide.variants] == [
        (480, 240, "webp"), (800, 400, "webp"), (1000, 500, "webp"),
        (480, 240, "jpeg"), (800, 400, "jpeg"), (1000, 500, "jpeg")]
    assert wide.largest.path == f"a/b-1000.{digest(VERSION, 'd1', '1000', 'jpeg')[:8]}.jpg"
    assert wide.near(1200).width == 1000 and wide.near(800).width == 800
    small = plan_picture("c.png", "c.png", "d2", Probe("png", 300, 200))
    assert [(v.width, v.format) for v in small.variants] == [(300, "webp"), (300, "png")]
    other = plan_picture("a/b.jpg", "a/b.jpg", "d3", Probe("jpeg", 1000, 500))
    assert not {v.path for v in wide.variants} & {v.path for v in other.variants}
    logo = plan_picture("logo.png", "logo.png", "d4", Probe("png", 400, 104), logo=True)
    assert [v.width for v in logo.fallback] == [185, 370, 400]  # 48 and 96 px high, and all
    webp = plan_picture("w.webp", "w.webp", "d5", Probe("webp", 900, 600))
    assert {v.format for v in webp.variants} == {"webp"}
    assert plan_picture("s.svg", "s.svg", "d6", Probe("svg", 10, 10)).variants == ()


def test_initials():
    assert initials("Näringsliv i Hallstahammar") == "NH"
    assert initials("Örebro") == "Ö"
    assert initials("  ") == "?"


def test_pictures_in_the_text(tmp_path):
    """The first picture of a page without an image above its text is loaded at once; width and
    height written by the editor are kept; a picture from another site is only made lazy."""
    from test_render import make_site

    from civicsite.render.pages import render_page

    site = make_site(tmp_path / "c", pages={
        "index.md": ("---\ntitle: Start\n---\n![Ett.](a.png)\n\n"
                     '<img src="a.png" alt="Två" width="40" height="20" title="T">\n\n'
                     "![Tre.](https://example.se/b.png)\n"),
        "a.png": png(1000, 500)})
    html = render_page(site, site.home)
    first, second, third = re.findall(r"<img\b[^>]*>", html)
    assert 'width="1000" height="500" alt="Ett.">' in first
    assert 'width="40" height="20" alt="Två" title="T" loading="lazy" decoding="async">' in second
    assert "example.se/b.png" in third and third.endswith(' loading="lazy" decoding="async">')
    assert html.count('<source type="image/webp" media="(max-width: 44rem)"') == 2
