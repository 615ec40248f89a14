"""``aliases:`` in front matter: the old addresses of a moved page. Each becomes a small HTML page
that sends the visitor on (canonical link, meta refresh, a visible link), and a line in
``_redirects`` (Netlify and Cloudflare Pages format) for hosts that redirect with a real 301.

An alias is a path on this site, written from the site's root: ``/gammal-sida/`` or
``/nyheter/gammal.html``. Folder addresses get ``index.html``; ``.html``/``.htm`` addresses are
written as that file.
"""
from __future__ import annotations

from dataclasses import dataclass
import re
from typing import Optional
from urllib.parse import unquote

import yaml

from civicsite.core import fields as F
from civicsite.core.fields import Ctx
from civicsite.core.messages import _

SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
HTML_SUFFIXES = (".html", ".htm")


@dataclass(frozen=True)
class Alias:
    """One old address: ``path`` as written (decoded, without the leading /), its output file and
    the line it was written on."""

    path: str
    output: str
    line: int


@F.with_schema({"type": "string", "pattern": r"\S", "description": "En gammal adress på webbplatsen, "
                "t.ex. /gammal-sida/"})
def alias(node: yaml.Node, ctx: Ctx) -> Optional[Alias]:
    """Parse one ``aliases:`` item; an address that could leave the site is an error."""
    value = F.text(node, ctx)
    if value is None:
        return None
    example = _("for example /gammal-sida/ or /nyheter/gammal.html")
    if SCHEME.match(value) or value.startswith("//"):
        ctx.error(_('"{value}" is a full address; an alias is an old address on this site, '
                    "{example}", value=value, example=example))
        return None
    path = unquote(value).lstrip("/")
    # as written and decoded: %00 or %0A would name a file no system can write, or add a line
    # to _redirects
    if any(c in v for v in (value, path) for c in "?#\\") or \
            any(ord(c) < 32 or 127 <= ord(c) < 160 for c in value + path):
        ctx.error(_('"{value}" may not contain ?, #, \\ or control characters; {example}',
                    value=value, example=example))
        return None
    segments = path.split("/")
    if any(s in (".", "..") for s in segments):
        ctx.error(_('"{value}" may not contain . or .. segments; write the address from the '
                    "site's root, {example}", value=value, example=example))
        return None
    if not path.strip("/"):
        ctx.error(_('"{value}" is the address of the home page; an alias must be an old address '
                    "of this page, {example}", value=value, example=example))
        return None
    if "//" in path:
        ctx.error(_('"{value}" has an empty segment (//); {example}', value=value, example=example))
        return None
    last = segments[-1]
    if path.endswith("/"):
        output = path + "index.html"
    elif last.lower().endswith(HTML_SUFFIXES):
        output = path
    elif "." in last:
        ctx.error(_('"{value}" ends in a file name that a static host cannot serve as a web '
                    "page; an alias is a folder address or an .html page, {example}",
                    value=value, example=example))
        return None
    else:
        path, output = path + "/", path + "/index.html"
    return Alias(path, output, ctx.line)


