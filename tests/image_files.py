"""Small real image files for test sites (every raster image of a site is decoded now)."""
from __future__ import annotations

import io

from PIL import Image


def png(width: int = 40, height: int = 30, color: tuple[int, int, int] = (11, 79, 108)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, "PNG")
    return out.getvalue()
