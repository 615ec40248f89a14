"""Pictures in pages: ``<picture>`` with a WebP and a fallback ``srcset`` the browser chooses
from by the width it shows the picture at, the intrinsic width and height (no layout shift while
it loads), and lazy loading for every picture but the first of a page (the top one is seen at
once). Images in page bodies are given the same markup after the body is sanitised."""
from __future__ import annotations

import math
import re
from typing import Callable, NamedTuple, Optional
from urllib.parse import quote, unquote

from markupsafe import Markup, escape

from civicsite.content.site import Site
from civicsite.content.urls import content_path_to_output
from civicsite.images.variants import LOGO_HEIGHT, MIME, OG_WIDTH, SRC_WIDTH, Picture, Variant

# the width pictures are shown at: the text column of site.css (.page > * at most 42rem, .wrap's
# padding 1rem on each side)
SIZES = "(min-width: 44rem) 42rem, calc(100vw - 2rem)"
# A phone is given versions up to 800 pixels wide: twice its column. Its screen may have three
# pixels to a CSS pixel, but the third would more than double the bytes, for what no eye sees.
PHONE, PHONE_SIZES, PHONE_WIDTH = "(max-width: 44rem)", "calc(100vw - 2rem)", 800
IMG = re.compile(r"<img\s([^>]*?)\s*/?>")
ATTRIBUTE = re.compile(r'([a-zA-Z-]+)="([^"]*)"')  # as nh3 writes them: double quotes, escaped


class OgImage(NamedTuple):
    url: str
    width: Optional[int]
    height: Optional[int]


def picture_html(picture: Picture, alt: str, href: Callable[[str], str], eager: bool,
                 attrs: str = "", size: Optional[tuple[str, str]] = None) -> Markup:
    """The picture for ``alt`` (escaped unless it is Markup); ``href(output path)`` links to a
    published file; ``attrs``: more attributes of the img as HTML; ``size``: width and height
    to give instead of the picture's own."""
    width, height = size or (str(picture.largest.width), str(picture.largest.height))
    loading = "" if eager else ' loading="lazy" decoding="async"'
    fallback = picture.near(SRC_WIDTH)
    img = (f'<img src="{href(fallback.path)}"{_srcset(picture.fallback, href)} '
           f'width="{width}" height="{height}" alt="{escape(alt)}"{attrs}{loading}>')
    webp = picture.versions("webp")
    phone = [v for v in webp if v.width <= PHONE_WIDTH]
    sources = "" if len(phone) == len(webp) else \
        f'<source type="{MIME["webp"]}" media="{PHONE}"{_srcset(phone, href, PHONE_SIZES)}>'
    if picture.format != "webp":
        sources += f'<source type="{MIME["webp"]}"{_srcset(webp, href)}>'
    return Markup(f"<picture>{sources}{img}</picture>") if sources else Markup(img)


def _srcset(variants: tuple[Variant, ...], href: Callable[[str], str], sizes: str = SIZES) -> str:
    return (' srcset="' + ", ".join(f"{href(v.path)} {v.width}w" for v in variants)
            + f'" sizes="{sizes}"')


def svg_html(picture: Picture, src: str, alt: str, eager: bool, attrs: str = "",
             css_class: str = "") -> Markup:
    """An SVG image, with its size when the file states one."""
    size = f' width="{picture.width}" height="{picture.height}"' if picture.width else ""
    loading = "" if eager else ' loading="lazy" decoding="async"'
    lead = f'class="{css_class}" ' if css_class else ""
    return Markup(f'<img {lead}src="{src}"{size} alt="{escape(alt)}"{attrs}{loading}>')


def logo_html(picture: Picture, alt: str, href: Callable[[str], str], svg_src: str) -> Markup:
    """The logo in the header: the versions made at its height on 1x and 2x screens."""
    if not picture.variants:
        return svg_html(picture, svg_src, alt, eager=True, css_class="site-logo")
    one = math.ceil(picture.width * LOGO_HEIGHT / picture.height)
    widths = [min(one, picture.largest.width), min(2 * one, picture.largest.width)]

    def srcset(fmt: str) -> str:
        by_width = {v.width: v for v in picture.versions(fmt)}
        return ", ".join(f"{href(by_width[w].path)} {n}x" for n, w in enumerate(widths, 1))
    shown = next(v for v in picture.fallback if v.width == widths[0])
    img = (f'<img class="site-logo" src="{href(shown.path)}" srcset="{srcset(picture.format)}" '
           f'width="{shown.width}" height="{shown.height}" alt="{escape(alt)}">')
    if picture.format == "webp":
        return Markup(img)
    return Markup(f'<picture><source type="{MIME["webp"]}" srcset="{srcset("webp")}">{img}'
                  "</picture>")


def og_image(site: Site, src: str) -> OgImage:
    """What social media are shown of an image: its version 1200 pixels wide (or its widest),
    in the fallback format, which every service reads."""
    if src.startswith(("http://", "https://")):
        return OgImage(src, None, None)
    picture = site.pictures.get(src)
    if picture is None or picture.largest is None:
        path = site.published_path(content_path_to_output(src))
        return OgImage(site.config.base_url + quote(path), None, None)
    chosen = picture.near(OG_WIDTH)
    return OgImage(site.config.base_url + quote(chosen.path), chosen.width, chosen.height)


def body_pictures(html: str, site: Site, root: str, first_eager: bool) -> str:
    """Every ``<img>`` of a sanitised body that shows a picture of the content folder, as that
    picture; the first one eager when ``first_eager`` (the page has no image above its text)."""
    if "<img" not in html:
        return html
    eager = [first_eager]

    def replace(m: re.Match) -> str:
        attrs = dict(ATTRIBUTE.findall(m.group(1)))
        src = attrs.get("src", "")
        path = unquote(src[len(root):]) if src.startswith(root) else None
        picture = site.pictures_by_path.get(path) if path is not None else None
        first, eager[0] = eager[0], False
        if picture is None:
            return m.group() if first or "loading" in attrs else \
                m.group()[:-1].rstrip("/ ") + ' loading="lazy" decoding="async">'
        alt = Markup(attrs.get("alt", ""))  # nh3 escaped it already
        more = "".join(f' {k}="{v}"' for k, v in attrs.items()
                       if k not in ("src", "alt", "width", "height"))
        if not picture.variants:
            return svg_html(picture, src, alt, first, more)
        size = (attrs["width"], attrs["height"]) if "width" in attrs and "height" in attrs else None
        return picture_html(picture, alt, lambda p: root + quote(p), first, more, size)
    return IMG.sub(replace, html)
