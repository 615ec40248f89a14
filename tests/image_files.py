"""Real image files for tests and example sites, drawn with Pillow: a landscape that compresses
like a photo (sky, hills, a red cottage, trees, grain), as a phone stores it."""
from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageFilter

GPS = 0x8825         # EXIF: the GPS IFD
ORIENTATION = 0x0112


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


def phone_photo(width: int = 4000, height: int = 3000, turned: bool = False,
                quality: int = 92) -> bytes:
    """A JPEG of a ``width`` × ``height`` landscape as a phone writes it, with ``phone_exif``.
    ``turned``: stored on its side with orientation 6 (turn a quarter clockwise to show), as a
    phone held the other way stores it: it shows upright only if the orientation is applied."""
    picture = landscape(width, height)
    if turned:
        picture = picture.transpose(Image.Transpose.ROTATE_90)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=quality, exif=phone_exif(6 if turned else 1))
    return out.getvalue()
