"""What an image file is, read cheaply when the content is loaded: its format, its size as shown
(EXIF orientation applied), whether it is animated, and what makes it unusable. A JPEG is decoded
at an eighth of its size and a PNG's chunks are checked without decoding, which is enough to find
a file that ends too early."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
import re
from typing import Optional
import warnings

from babel.numbers import format_decimal

from civicsite.core.messages import _, language

# suffix → the format a browser is given as the fallback beside WebP
RASTER_SUFFIXES = {".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".gif": "gif", ".webp": "webp",
                   ".avif": "avif"}
IMAGE_SUFFIXES = (*RASTER_SUFFIXES, ".svg")
ADVISED_BYTES = 10 * 1000 * 1000   # beyond either, a warning: readers get small versions anyway,
ADVISED_PIXELS = 40 * 1000 * 1000  # but every first build decodes the whole file
ORIENTATION = 0x0112  # EXIF tag; values 5–8 turn the picture a quarter
VERSION = 1  # of what a Probe holds: a cached probe of another version is read again


@dataclass(frozen=True)
class Probe:
    """An image file as it will be shown."""

    format: str          # jpeg | png | gif | webp | avif | svg (as read, not as named)
    width: int           # as shown: EXIF orientation applied; 0 when an SVG does not say
    height: int
    animated: bool = False
    size: int = 0        # bytes of the file


class ImageProblem(Exception):
    """An image that cannot be published: the message says why and what to do."""


def probe(path: Path) -> Probe:
    """The file at ``path`` read as an image (SVG by its suffix); ImageProblem if it cannot be.
    A picture with more pixels than Pillow's limit (a "decompression bomb": it could take
    gigabytes to decode) is refused before it is decoded."""
    # Pillow is imported when an image is read, not with the package: a build whose images are
    # all known from the cache (most edits) never needs it
    from PIL import Image, UnidentifiedImageError

    size = path.stat().st_size
    if path.suffix.lower() == ".svg":
        width, height = svg_size(path.read_bytes().decode("utf-8", "replace"))
        return Probe("svg", width, height, size=size)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(path) as im:
                if im.format == "PNG":  # every chunk and its checksum, to the end, without
                    im.verify()         # inflating the pixels; then the file is opened again
                    im = Image.open(path)
                with im:
                    return _read(im, size)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            found = re.search(r"\((\d+) pixels\)", str(exc))
            raise ImageProblem(_(
                "the image has {megapixels} megapixels, more than the {limit} an image may have "
                "(decoding it could exhaust the computer's memory); save it smaller, for example "
                "4000 pixels wide", megapixels=int(found.group(1)) // 1_000_000 if found else "?",
                limit=Image.MAX_IMAGE_PIXELS // 1_000_000)) from None
        except UnidentifiedImageError:
            raise ImageProblem(_("the file is not an image that can be read (or it is damaged); "
                                 "export it again as JPEG, PNG, GIF or WebP")) from None
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            if "truncated" in str(exc).lower():
                raise ImageProblem(_("the image is cut off: the file ends too early (an upload or "
                                     "copy was interrupted); copy or export it again")) from None
            raise ImageProblem(_("the image is damaged and cannot be read; export it again as "
                                 "JPEG, PNG, GIF or WebP")) from None


def _read(im, size: int) -> Probe:
    """Format, shown size and animation of an open image, decoding just enough to find damage."""
    fmt = (im.format or "").lower()
    width, height = im.size
    turned = im.getexif().get(ORIENTATION, 1) in (5, 6, 7, 8)
    frames = getattr(im, "n_frames", 1)
    if fmt == "mpo":  # a camera's JPEG with a second, smaller picture: shown as the first
        fmt, frames = "jpeg", 1
    if fmt == "png":
        pass  # verified when opened
    elif fmt == "jpeg":
        im.draft(None, (max(1, width // 8), max(1, height // 8)))  # the whole file, an 8th decoded
        im.load()
    else:
        for frame in range(frames):
            im.seek(frame)
            im.load()
    if fmt not in set(RASTER_SUFFIXES.values()):  # a TIFF or BMP named .jpg: browsers cannot show it
        from PIL import UnidentifiedImageError
        raise UnidentifiedImageError(fmt)
    return Probe(fmt, height if turned else width, width if turned else height, frames > 1, size)


def advice(found: Probe) -> Optional[str]:
    """A warning for an image larger than advised, naming its size; None if it is not."""
    if found.format == "svg" or (found.size <= ADVISED_BYTES
                                 and found.width * found.height <= ADVISED_PIXELS):
        return None
    size = format_decimal(found.size / 1e6, "0.0", locale=language())  # 21,3 in Swedish
    return _("the image is {size} MB ({width} × {height} pixels), more than the advised {max_size} "
             "MB or {max_megapixels} megapixels; readers get smaller versions, but save it smaller "
             "(for example 2000–4000 pixels wide) to keep the content folder and builds light",
             size=size, width=found.width, height=found.height,
             max_size=ADVISED_BYTES // 1_000_000, max_megapixels=ADVISED_PIXELS // 1_000_000)


# --- SVG: its size as written on the root element ------------------------------------------------

SVG_ROOT = re.compile(r"<svg\b[^>]*>", re.IGNORECASE)
ATTRIBUTE = re.compile(r"""\s([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
LENGTH = re.compile(r"\s*([0-9]*\.?[0-9]+(?:e[-+]?[0-9]+)?)\s*(px|pt|pc|mm|cm|in)?\s*$", re.I)
PX = {None: 1.0, "px": 1.0, "pt": 96 / 72, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}


def svg_size(text: str) -> tuple[int, int]:
    """(width, height) in CSS pixels from the root element's width and height, or its viewBox;
    (0, 0) when neither says (percentages, em)."""
    root = SVG_ROOT.search(text)
    if root is None:
        return 0, 0
    attrs = {m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3)
             for m in ATTRIBUTE.finditer(root.group())}
    width, height = _length(attrs.get("width")), _length(attrs.get("height"))
    box = [float(n) for n in re.findall(r"-?[0-9]*\.?[0-9]+", attrs.get("viewbox", ""))]
    if len(box) == 4 and box[2] > 0 and box[3] > 0:
        ratio = box[3] / box[2]
        if width and not height:
            height = width * ratio
        elif height and not width:
            width = height / ratio
        elif not width and not height:
            width, height = box[2], box[3]
    if not width or not height:
        return 0, 0
    return max(1, round(width)), max(1, round(height))


def _length(value: Optional[str]) -> float:
    found = LENGTH.match(value or "")
    return float(found.group(1)) * PX[(found.group(2) or "").lower() or None] if found else 0.0


def probe_to_json(found: Probe) -> dict:
    return {"version": VERSION, **asdict(found)}


def probe_from_json(data: object) -> Optional[Probe]:
    """A probe saved by ``probe_to_json``; None for anything else (another version, damage)."""
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return None
    try:
        return Probe(str(data["format"]), int(data["width"]), int(data["height"]),
                     bool(data["animated"]), int(data["size"]))
    except (KeyError, TypeError, ValueError):
        return None
