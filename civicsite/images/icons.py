"""The site's icons: ``favicon.ico`` (16, 32 and 48 pixels) and the Apple touch icon (180 pixels,
opaque), made from the logo (an SVG is drawn by resvg) or, without a logo, the site's initials
in white on its primary colour. Every browser asks for a favicon; a site that has none logs an
error on every page."""
from __future__ import annotations

import io
from pathlib import Path
import unicodedata
from typing import Optional

from PIL import Image, ImageDraw, ImageFont, ImageOps
import resvg_py

from civicsite.images.derive import encode, to_srgb
from civicsite.images.probe import svg_size
from civicsite.images.variants import Icons

CANVAS = 512         # the square every icon is scaled from
TOUCH_MARGIN = 0.1   # of the touch icon's side: iOS rounds its corners


def derive_icons(source: Optional[Path], icons: Icons) -> dict[str, bytes]:
    """``favicon.ico`` and ``apple-touch-icon.png`` by output path."""
    logo = _logo(source) if source is not None else None
    if logo is not None:
        square, background = _fitted(logo, CANVAS), (255, 255, 255, 255)
    else:
        square = _drawn(icons.initials, icons.color)
        background = square.getpixel((0, 0))
    favicon, touch = icons.variants
    out = io.BytesIO()
    square.save(out, format="ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    side = touch.width
    inner = _fitted(square, round(side * (1 - 2 * TOUCH_MARGIN))) if logo is not None else \
        square.resize((side, side), Image.Resampling.LANCZOS)
    opaque = Image.new("RGBA", (side, side), background)
    opaque.alpha_composite(inner, ((side - inner.width) // 2, (side - inner.height) // 2))
    return {favicon.path: out.getvalue(), touch.path: encode(opaque.convert("RGB"), "png")}


def _logo(source: Path) -> Optional[Image.Image]:
    """The logo as RGBA, at most CANVAS pixels on its longer side; None for an SVG that resvg
    cannot draw (browsers may still show it: the icons are then drawn from the initials)."""
    if source.suffix.lower() == ".svg":
        width, height = svg_size(source.read_text(encoding="utf-8", errors="replace"))
        longer = {"width": CANVAS} if width >= height else {"height": CANVAS}
        try:
            png = resvg_py.svg_to_bytes(svg_path=str(source),
                                        **(longer if width and height else {}))
        except ValueError:
            return None
        return Image.open(io.BytesIO(bytes(png))).convert("RGBA")
    with Image.open(source) as im:
        im.seek(0)
        logo = to_srgb(ImageOps.exif_transpose(im)).convert("RGBA")
    logo.thumbnail((CANVAS, CANVAS), Image.Resampling.LANCZOS)
    return logo


def _fitted(im: Image.Image, side: int) -> Image.Image:
    """``im`` scaled to fit a transparent square of ``side`` pixels, centred."""
    scaled = ImageOps.contain(im, (side, side), Image.Resampling.LANCZOS)
    square = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    square.alpha_composite(scaled, ((side - scaled.width) // 2, (side - scaled.height) // 2))
    return square


def _drawn(initials: str, color: str) -> Image.Image:
    """The initials in white, bold enough to read at 16 pixels, on a square of ``color``."""
    square = Image.new("RGBA", (CANVAS, CANVAS), color)
    draw = ImageDraw.Draw(square)
    font, initials = _font(CANVAS * (0.62 if len(initials) < 2 else 0.46), initials)
    draw.text((CANVAS / 2, CANVAS / 2), initials, font=font, fill="white", anchor="mm",
              stroke_width=CANVAS // 48, stroke_fill="white")
    return square


# bold sans-serif fonts with Å, Ä and Ö, where systems keep them (Pillow looks in their folders)
BOLD_FONTS = ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf", "arialbd.ttf", "Arial Bold.ttf",
              "Helvetica.ttc")


def _font(size: float, text: str) -> tuple[ImageFont.FreeTypeFont, str]:
    """A bold font of the system, else Pillow's own, which lacks Å, Ä and Ö: then the letters
    without their marks."""
    for name in BOLD_FONTS:
        try:
            return ImageFont.truetype(name, size), text
        except OSError:
            continue
    plain = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return ImageFont.load_default(size=size), plain
