"""Real image files for tests and example sites, drawn with Pillow: a landscape that compresses
like a photo (sky, hills, a red cottage, trees, grain), and the EXIF a phone writes."""
from __future__ import annotations

import io
from pathlib import Path
import random
import shutil

from PIL import Image, ImageDraw, ImageFilter

GPS = 0x8825         # EXIF: the GPS IFD
ORIENTATION = 0x0112
MINIMAL = Path(__file__).resolve().parent / "sites" / "minimal"


def png(width: int = 40, height: int = 30, color: tuple[int, int, int] = (11, 79, 108)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, "PNG")
    return out.getvalue()


def landscape(width: int, height: int, seed: int = 1) -> Image.Image:
    """A summer landscape at ``width`` × ``height``."""
    rnd = random.Random(seed)
    sky = Image.linear_gradient("L").resize((width, height))
    im = Image.merge("RGB", (sky.point(lambda v: 70 + v // 3), sky.point(lambda v: 130 + v // 3),
                             sky.point(lambda v: 230 - v // 8)))
    draw = ImageDraw.Draw(im)
    u = width / 100
    draw.ellipse((78 * u, 6 * u, 88 * u, 16 * u), fill=(255, 236, 170))
    for i, shade in enumerate(((70, 120, 60), (55, 105, 45), (40, 90, 35))):
        base = height * (0.55 + 0.1 * i)
        points = [(x * u, base - rnd.uniform(0, 8) * u) for x in range(0, 101, 5)]
        draw.polygon([(0, height), *points, (width, height)], fill=shade)
    x, y = 30 * u, height * 0.62
    draw.rectangle((x, y, x + 22 * u, y + 12 * u), fill=(150, 30, 25))        # a red cottage
    draw.polygon([(x - 2 * u, y), (x + 11 * u, y - 8 * u), (x + 24 * u, y)], fill=(50, 45, 45))
    for wx in (3, 15):
        draw.rectangle((x + wx * u, y + 3 * u, x + (wx + 4) * u, y + 7 * u), fill=(235, 235, 225))
    for _ in range(14):                                                        # trees
        tx, ty, r = rnd.uniform(0, 100) * u, height * rnd.uniform(0.55, 0.8), rnd.uniform(2, 5) * u
        draw.ellipse((tx - r, ty - 2 * r, tx + r, ty), fill=(30, rnd.randrange(70, 110), 35))
    grain = Image.effect_noise((width, height), 40).convert("RGB")
    return Image.blend(im.filter(ImageFilter.GaussianBlur(u / 8)), grain, 0.06)


def phone_exif(orientation: int = 1) -> Image.Exif:
    """What a phone writes: the GPS position, the device, the owner, the orientation."""
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x013B] = "Apple", "iPhone 15", "Anna Andersson"
    exif[ORIENTATION] = orientation
    exif[GPS] = {1: "N", 2: (59.0, 37.0, 12.5), 3: "E", 4: (16.0, 13.0, 1.0)}
    return exif


PHOTOS = {  # file → (shown width, shown height, fallback format, animated)
    "foton/gps.jpg": (4000, 3000, "jpeg", False),
    "foton/staende.jpg": (4000, 3000, "jpeg", False),  # stored 3000 × 4000, orientation 6
    "foton/cmyk.jpg": (2000, 1500, "jpeg", False),
    "foton/genomskinlig.png": (1200, 800, "png", False),
    "foton/rorlig.gif": (600, 400, "gif", True),
}
PHOTO_PAGE = """---
title: Foton
summary: Foton från en mobil.
image: {src: gps.jpg, alt: Ett landskap med en röd stuga.}
---
Text.

![Samma bild, tagen med mobilen på högkant.](staende.jpg)

![Ett landskap i CMYK.](cmyk.jpg)

![En bild med genomskinlig bakgrund.](genomskinlig.png)

![En rörlig bild.](rorlig.gif)
"""


def save(im: Image.Image, fmt: str, **options) -> bytes:
    out = io.BytesIO()
    im.save(out, fmt, **options)
    return out.getvalue()


def photos() -> dict[str, bytes]:
    """What phones and cameras give editors, by path in the site of ``write_photo_site``."""
    view = landscape(4000, 3000)
    transparent = landscape(1200, 800).convert("RGBA")
    transparent.putalpha(Image.linear_gradient("L").resize((1200, 800)))  # clear at the top
    frames = [Image.new("RGB", (600, 400), (40 * i, 90, 200 - 30 * i)) for i in range(6)]
    return {
        "foton/gps.jpg": save(view, "JPEG", quality=92, exif=phone_exif(1)),
        # stored on its side, as a phone held the other way stores it: orientation 6 turns it
        # a quarter clockwise, so it shows upright only if the orientation is applied
        "foton/staende.jpg": save(view.transpose(Image.Transpose.ROTATE_90), "JPEG", quality=92,
                                  exif=phone_exif(6)),
        "foton/cmyk.jpg": save(view.resize((2000, 1500)).convert("CMYK"), "JPEG", quality=90,
                               exif=phone_exif(1)),
        "foton/genomskinlig.png": save(transparent, "PNG"),
        "foton/rorlig.gif": save(frames[0], "GIF", save_all=True, append_images=frames[1:],
                                 duration=120, loop=0),
    }


def write_photo_site(content: Path) -> Path:
    """tests/sites/minimal with ``photos()`` and a page showing them at /foton/."""
    shutil.copytree(MINIMAL, content)
    for rel, data in photos().items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_bytes(data)
    (content / "foton" / "index.md").write_text(PHOTO_PAGE, encoding="utf-8")
    return content
