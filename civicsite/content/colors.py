"""The site's colours (site.yaml `colors:`), checked for WCAG 2.1 AA contrast when they are read."""
from __future__ import annotations

from dataclasses import dataclass
import math
import re
from typing import Optional

from civicsite.core.fields import Ctx, Field, Fields, Record, scalar, with_schema
from civicsite.core.messages import N_, _, translate

HEX = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
WHITE, SOFT = "#ffffff", "#f3f1ee"   # the page and the footer background of the theme
AA_TEXT = 4.5                        # WCAG 2.1 SC 1.4.3, normal-size text

#: field → (default, [(background or foreground it must contrast with, where)])
COLOR_FIELDS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "primary": ("#0b4f6c", ((WHITE, N_("the white text of the header and buttons on it")),)),
    "link": ("#0a58a3", ((WHITE, N_("the white page")), (SOFT, N_("the light footer (#f3f1ee)")))),
    "text": ("#1b1b1b", ((WHITE, N_("the white page")), (SOFT, N_("the light footer (#f3f1ee)")))),
}


@dataclass(frozen=True)
class Colors:
    """Colours as ``#rrggbb``."""

    primary: str = COLOR_FIELDS["primary"][0]
    link: str = COLOR_FIELDS["link"][0]
    text: str = COLOR_FIELDS["text"][0]

    @property
    def primary_dark(self) -> str:
        """The primary colour 30 % darker (hover, the organisation bar): contrast only grows."""
        r, g, b = _rgb(self.primary)
        return "#%02x%02x%02x" % tuple(round(c * 0.7) for c in (r, g, b))


def _rgb(color: str) -> tuple[int, int, int]:
    h = color.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def _luminance(color: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in _rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, 1–21."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@with_schema({"type": "string", "pattern": "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"})
def _hex_color(node, ctx: Ctx) -> Optional[str]:
    value = scalar(node, ctx, _("a colour"))
    if value is None:
        return None
    if not HEX.fullmatch(value):
        ctx.error(_('expected a colour written #rrggbb such as "#0b4f6c", found "{value}"',
                    value=value))
        return None
    return "#" + "".join(f"{c:02x}" for c in _rgb(value))


COLORS = Record("colors", {
    "primary": Field(_hex_color, description="Huvudfärg: sidhuvud och knappar (vit text på den), #rrggbb"),
    "link": Field(_hex_color, description="Länkfärg, #rrggbb"),
    "text": Field(_hex_color, description="Textfärg, #rrggbb"),
}, description="Webbplatsens färger; varje färg kontrolleras mot WCAG 2.1 AA")


@with_schema(COLORS)
def parse_colors(node, ctx: Ctx) -> Optional[Colors]:
    """``colors: {primary: "#…", link: "#…", text: "#…"}``; each one that fails AA is an error
    naming the measured ratio and what it must reach."""
    f = Fields.of(node, ctx, COLORS)
    if f is None:
        return None
    values = {}
    for name, (default, against) in COLOR_FIELDS.items():
        value = f.get(name)
        if value is None:
            if name in f.names() and f.node(name) is None:  # empty: most often an unquoted #rrggbb
                f.sub(name).error(_('no colour given; write it in quotes, e.g. "#0b4f6c" (without '
                                    "quotes, YAML reads # as the start of a comment)"))
            continue
        for other, where in against:
            ratio = contrast(value, other)
            if ratio < AA_TEXT:
                shown = math.floor(ratio * 100) / 100  # never round a failing ratio up to 4.5
                f.sub(name).error(_('"{value}" has a contrast of {ratio}:1 against {where}; WCAG '
                                    "2.1 AA needs at least {needed}:1 (choose a darker colour)",
                                    value=value, ratio="%.2f" % shown, where=translate(where),
                                    needed=AA_TEXT))
                break
        values[name] = value
    return Colors(**values)


def colors_css(colors: Colors) -> str:
    """``static/colors.css``: the custom properties site.css uses (a file, not inline, for CSP)."""
    return (":root {\n"
            f"  --brand: {colors.primary};\n"
            f"  --brand-dark: {colors.primary_dark};\n"
            f"  --link: {colors.link};\n"
            f"  --text: {colors.text};\n"
            "}\n")
