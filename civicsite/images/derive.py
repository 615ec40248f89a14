"""The published files of a picture, made from its source: the EXIF orientation applied first,
colours converted to sRGB by the embedded profile (CMYK included), then every version resized
from the source and encoded without EXIF, XMP, IPTC, comments or profile (what a phone stores
there, such as where a photo was taken, never reaches the site). Animated images stay animated."""
from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, ImageSequence

from civicsite.images.probe import ORIENTATION
from civicsite.images.variants import Picture, Variant

SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
QUALITY = {"webp": 80, "jpeg": 82}
SAVE = {  # per format: what Pillow is told, no metadata among it
    "webp": {"format": "WEBP", "quality": QUALITY["webp"], "method": 4},
    "jpeg": {"format": "JPEG", "quality": QUALITY["jpeg"], "optimize": True, "progressive": True},
    "png": {"format": "PNG", "compress_level": 6},
    "gif": {"format": "GIF"},
}


def derive_picture(path: Path, picture: Picture) -> dict[str, bytes]:
    """Every version of ``picture`` made from the file at ``path``, by output path."""
    with Image.open(path) as im:
        if picture.animated:
            return _animated(im, picture)
        widest = max(picture.variants, key=lambda v: v.width)
        _draft(im, widest)
        shown = to_srgb(ImageOps.exif_transpose(im))
    made: dict[str, bytes] = {}
    for width in sorted({v.width for v in picture.variants}, reverse=True):
        versions = [v for v in picture.variants if v.width == width]
        size = (versions[0].width, versions[0].height)
        # each from the next larger one: as sharp (LANCZOS reduces by at most about half), faster
        shown = shown if shown.size == size else shown.resize(size, Image.Resampling.LANCZOS)
        for v in versions:
            made[v.path] = encode(shown, v.format)
    return made


def _draft(im: Image.Image, widest: Variant) -> None:
    """Let the JPEG decoder scale down by a power of two while staying at least as large as the
    widest version (in the stored orientation: a turned photo is stored on its side)."""
    if im.format not in ("JPEG", "MPO"):
        return
    turned = im.getexif().get(ORIENTATION, 1) in (5, 6, 7, 8)
    im.draft(None, (widest.height, widest.width) if turned else (widest.width, widest.height))


def to_srgb(im: Image.Image) -> Image.Image:
    """RGB (or RGBA when the image has transparency) in sRGB, by the image's colour profile
    when it has one, with no metadata left in ``info``."""
    alpha = im.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in im.info
    mode = "RGBA" if alpha else "RGB"
    if im.mode.startswith("I"):  # 16-bit grey: scaled to 8 bits rather than clipped
        im = im.convert("I").point(lambda value: value / 256).convert("L")
    profile = im.info.get("icc_profile")
    out = None
    if profile and im.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            out = ImageCms.profileToProfile(im, source, SRGB, outputMode=mode if im.mode != "L"
                                            or not alpha else "RGB")
        except (ImageCms.PyCMSError, OSError, ValueError):
            out = None  # a broken profile: the colours as stored
    if out is None or out.mode != mode:
        out = (out or im).convert(mode)
    out.info = {}
    return out


def encode(im: Image.Image, fmt: str) -> bytes:
    """``im`` in ``fmt`` with nothing but its pixels (JPEG has no transparency: on white)."""
    if fmt == "jpeg" and im.mode == "RGBA":
        im = _on_white(im)
    out = io.BytesIO()
    im.save(out, **SAVE[fmt])
    return out.getvalue()


def _on_white(im: Image.Image) -> Image.Image:
    back = Image.new("RGB", im.size, (255, 255, 255))
    back.paste(im, mask=im.getchannel("A"))
    return back


def _animated(im: Image.Image, picture: Picture) -> dict[str, bytes]:
    """An animation at each width, every frame resized; timing and looping kept."""
    frames = [to_srgb(frame.convert("RGBA")) for frame in ImageSequence.Iterator(im)]
    durations = [int(frame.info.get("duration", 100) or 100) for frame in ImageSequence.Iterator(im)]
    loop = int(im.info.get("loop", 0))
    made: dict[str, bytes] = {}
    for v in picture.variants:
        sized = [f.resize((v.width, v.height), Image.Resampling.LANCZOS) for f in frames]
        out = io.BytesIO()
        options = {"lossless": False, "quality": QUALITY["webp"]} if v.format == "webp" else \
            {"disposal": 2, "optimize": False}
        sized[0].save(out, format=v.format.upper(), save_all=True, append_images=sized[1:],
                      duration=durations, loop=loop, **options)
        made[v.path] = out.getvalue()
    return made
