"""What is published of an image, decided at load from its probe alone (nothing is decoded): the
widths and formats of its versions, their sizes and their names. A name holds a hash of the source
file's digest, the width, the format and VERSION, so a changed picture, or a change in how
versions are made, gets new names (hosts may cache them for a year, as every fingerprinted file)."""
from __future__ import annotations

from dataclasses import dataclass
import math
import posixpath
from typing import Optional

from civicsite.core.digest import digest
from civicsite.images.probe import RASTER_SUFFIXES, Probe

VERSION = "1"          # change whenever derive.py makes other bytes: every name changes with it
WIDTHS = (480, 800, 1200, 1600)  # never wider than the source
OG_WIDTH = 1200        # the version social media are given (og:image)
SRC_WIDTH = 800        # the version browsers without srcset get
LOGO_HEIGHT = 48       # CSS pixels in the header (site.css .site-logo), made for 1x and 2x screens
ICON_PATHS = ("favicon.ico", "apple-touch-icon.png")
SUFFIX = {"jpeg": ".jpg", "png": ".png", "gif": ".gif", "webp": ".webp", "ico": ".ico"}
MIME = {"jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp"}


@dataclass(frozen=True)
class Variant:
    """One published file made from an image."""

    path: str      # output path
    width: int
    height: int
    format: str    # webp | jpeg | png | gif | ico


@dataclass(frozen=True)
class Picture:
    """An image of the content folder as it is published: its versions (none for SVG, which is
    published as it is)."""

    source: str           # path inside the content folder
    digest: str           # of the source file's bytes
    width: int            # as shown (orientation applied)
    height: int
    format: str           # of the fallback versions: jpeg | png | gif | webp; svg
    animated: bool = False
    variants: tuple[Variant, ...] = ()

    def versions(self, fmt: str) -> tuple[Variant, ...]:
        """The versions in ``fmt``, narrowest first."""
        return tuple(v for v in self.variants if v.format == fmt)

    @property
    def fallback(self) -> tuple[Variant, ...]:
        return self.versions(self.format)

    @property
    def largest(self) -> Optional[Variant]:
        """The widest version in the fallback format: what links to the file lead to."""
        return self.fallback[-1] if self.variants else None

    def near(self, width: int) -> Optional[Variant]:
        """The fallback version of exactly ``width``, else the widest narrower one, else the
        narrowest."""
        versions = self.fallback
        fitting = [v for v in versions if v.width <= width]
        return (fitting[-1] if fitting else versions[0]) if versions else None


@dataclass(frozen=True)
class Icons:
    """The site's favicon and Apple touch icon, made from its logo or drawn from its initials."""

    source: Optional[str]  # the logo's path inside the content folder; None: drawn
    digest: str            # of everything they are made from
    initials: str
    color: str             # background of drawn icons, #rrggbb
    variants: tuple[Variant, ...]


def plan_picture(source: str, output: str, source_digest: str, found: Probe,
                 logo: bool = False) -> Picture:
    """The versions of the image ``source`` (published at ``output``) with its probe ``found``;
    a logo is also made at the header's height."""
    suffix = posixpath.splitext(output)[1].lower()
    if found.format == "svg" or suffix not in RASTER_SUFFIXES:
        return Picture(source, source_digest, found.width, found.height, "svg")
    fallback = RASTER_SUFFIXES[suffix]
    if fallback == "avif":  # browsers without AVIF are the ones a fallback is for
        fallback = "jpeg"
    widths = set(WIDTHS)
    if logo:
        one = math.ceil(found.width * LOGO_HEIGHT / found.height)
        widths |= {one, 2 * one}
    shown = sorted({w for w in widths if w < found.width} | {min(found.width, max(widths))})
    formats = ["webp"] + ([fallback] if fallback != "webp" else [])
    stem = posixpath.splitext(output)[0]
    variants = tuple(
        Variant(f"{stem}-{w}.{digest(VERSION, source_digest, str(w), fmt)[:8]}{SUFFIX[fmt]}",
                w, max(1, round(found.height * w / found.width)), fmt)
        for fmt in formats for w in shown)
    return Picture(source, source_digest, found.width, found.height, fallback, found.animated,
                   variants)


def plan_icons(source: Optional[str], source_digest: str, initials: str, color: str) -> Icons:
    """The icons made from the logo ``source`` (its digest), or drawn from ``initials`` on
    ``color``."""
    key = digest(VERSION, source_digest, initials, color)
    return Icons(source, key, initials, color, (Variant(ICON_PATHS[0], 48, 48, "ico"),
                                                Variant(ICON_PATHS[1], 180, 180, "png")))


def initials(title: str) -> str:
    """``Näringsliv i Hallstahammar`` → ``NH``: the first letters of the first and last words."""
    words = [w for w in title.split() if w[:1].isalnum()]
    if not words:
        return "?"
    first = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return first.upper()
