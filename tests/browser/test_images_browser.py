"""Pictures as a phone gets them, in Debian's Chromium, with each site served under a sub-path the
way a static host serves it (tests/subpath_server.py records every request and its answer):

  * at 390 px, on screens with 1, 2 and 3 pixels to a CSS pixel, a page of large phone photos
    downloads one version of each photo and at most 150 KB of it, even for a photo of pure
    noise (the worst case for compression)
  * every picture has a width and height (no layout shift), loads, and keeps its proportions
  * no page of any kind (every page, listing, tag page, search, 404 and redirect page of both
    example sites and of the photo site) asks for a file that is not there: the favicon
    included, which the browser would otherwise ask for at the host's root
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
import re
import sys

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "invalid"))
from image_files import save, write_photo_site  # noqa: E402
from subpath_server import subpath_server  # noqa: E402
from test_invalid import run_main  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
    pytest.skip("chromium is not installed at /usr/bin/chromium", allow_module_level=True)

from PIL import Image  # noqa: E402
import playwright.sync_api  # noqa: E402,F401  (fails early when Playwright is missing)

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
BUDGET = 150 * 1024  # bytes of one photo a phone may download
SITES = {"hallstahammar": ROOT / "content", "trollhattan": ROOT / "examples" / "trollhattan",
         "foton": None}
VERSION = re.compile(r"^(.*)-\d+\.[0-9a-f]{8}\.(?:jpg|png|webp|gif)$")
NOISE_PAGE = "\n![Brus, som en mörk bild tagen med hög känslighet.](brus.jpg)\n"


def _photo_content(folder: Path) -> Path:
    """The photo site of tests/test_images.py, with a photo of pure noise added and an old
    address for its page (a redirect page)."""
    content = write_photo_site(folder)
    noise = Image.effect_noise((4000, 3000), 64).convert("RGB")
    (content / "foton" / "brus.jpg").write_bytes(save(noise, "JPEG", quality=85))
    page = content / "foton" / "index.md"
    text = page.read_text(encoding="utf-8").replace("summary:", "aliases: [/gamla-foton/]\nsummary:")
    page.write_text(text + NOISE_PAGE, encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """site → its server (``server.folder`` the built site), each site under /naringsliv/."""
    tmp = tmp_path_factory.mktemp("pictures")
    servers = {}
    with subpath_server("/naringsliv/") as a, subpath_server("/naringsliv/") as b, \
            subpath_server("/naringsliv/") as c:
        for (name, content), server in zip(SITES.items(), (a, b, c)):
            content = content or _photo_content(tmp / "foton-content")
            out = tmp / name
            code, _, err = run_main("build", "--content", str(content), "--output", str(out),
                                    "--date", "2026-11-25", "--base-url", server.base_url)
            assert code == 0, err
            server.folder = out
            servers[name] = server
        yield servers


def _open(browser, url: str, scale: float):
    """A fresh phone (nothing cached, not even the favicon) showing ``url`` scrolled to its end,
    every picture loaded. (context, page, console errors)."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=scale, is_mobile=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")  # a redirect page (aliases:) has moved on by then
    page.evaluate("""async () => {
        for (const img of document.images) { img.scrollIntoView(); }
        window.scrollTo(0, document.body.scrollHeight);
        await Promise.all([...document.images].map(img => img.decode().catch(() => null)));
    }""")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)  # the favicon is asked for after the page has loaded
    return context, page, errors


@pytest.mark.parametrize("scale", [1, 2, 3])
def test_a_phone_downloads_one_version_of_each_photo_and_at_most_150_kb(served, browser, scale):
    server = served["foton"]
    start = len(server.answers)
    context, _, _ = _open(browser, server.base_url + "foton/", scale)
    context.close()
    per_photo: dict[str, list[tuple[str, int]]] = {}
    for path, status, size in server.answers[start:]:
        found = VERSION.match(path.rsplit("/", 1)[-1])
        if found and "/foton/" in path:
            assert status == 200, path
            per_photo.setdefault(found.group(1), []).append((path, size))
    assert set(per_photo) == {"gps", "staende", "cmyk", "genomskinlig", "rorlig", "brus"}
    for photo, got in per_photo.items():
        assert len(got) == 1, (photo, got)  # one version, the one that fits the screen
        assert got[0][1] <= BUDGET, (photo, got)
        assert got[0][0].endswith(".webp"), got


def test_every_picture_has_its_size_and_loads(served, browser):
    for name, server in served.items():
        for page_url in _pages(server):
            context, page, _ = _open(browser, page_url, 3)
            pictures = page.evaluate("""() => [...document.images].map(img => {
                const css = getComputedStyle(img), px = v => parseFloat(css[v]);
                return {src: img.currentSrc, width: img.getAttribute('width'),
                  height: img.getAttribute('height'), natural: [img.naturalWidth, img.naturalHeight],
                  shown: [img.clientWidth - px('paddingLeft') - px('paddingRight'),
                          img.clientHeight - px('paddingTop') - px('paddingBottom')]};
            })""")
            context.close()
            for p in pictures:
                assert p["width"] and p["height"], (page_url, p)  # no layout shift
                assert p["natural"][0] > 0, (page_url, p)         # it loaded
                ratio = int(p["width"]) / int(p["height"])
                assert abs(p["shown"][0] / p["shown"][1] - ratio) < 0.03, (page_url, p)


def test_no_page_asks_for_a_missing_file(served, browser):
    favicons = 0
    for name, server in served.items():
        for page_url in _pages(server):
            start = len(server.answers)
            context, _, errors = _open(browser, page_url, 2)
            context.close()
            answers = server.answers[start:]
            failed = [(path, status) for path, status, _ in answers if status >= 400]
            assert not failed and not errors, (page_url, failed, errors)
            favicons += any(path.endswith("/favicon.ico") for path, _, _ in answers)
    assert favicons > 0  # the browser did ask for the icon: the check above could see it fail


def _pages(server) -> list[str]:
    """Every HTML file of the site as the address a reader opens."""
    folder = server.folder
    urls = []
    for page in sorted(folder.rglob("*.html")):
        rel = page.relative_to(folder).as_posix()
        if rel.startswith("pagefind/"):
            continue
        urls.append(server.base_url + (rel[:-len("index.html")] if rel.endswith("index.html")
                                       else rel))
    return urls
