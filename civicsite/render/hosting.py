"""Files for static hosts that read them: ``_headers`` (Netlify, Cloudflare Pages).

Every header rule of the site is made here, in ``header_rules``, so rules from other features
(e.g. a Content-Security-Policy for every page) join the same list and the same file.
"""
from __future__ import annotations

from typing import Iterable, Mapping
from urllib.parse import quote, urlsplit

from civicsite.content.site import Site
from civicsite.render.security import HEADERS as SECURITY_HEADERS

HEADERS_FILE = "_headers"
#: fingerprinted files never change under their name: cache for a year, never revalidate
IMMUTABLE = "public, max-age=31536000, immutable"

Headers = tuple[tuple[str, str], ...]
Rule = tuple[str, Headers]  # (path pattern, ((header, value), …))


def header_rules(site: Site, own: Mapping[str, Headers] = {},
                 outputs: Iterable[str] = ()) -> list[Rule]:
    """(path, headers) in file order. HTML, the feed and vCards get no Cache-Control rule: both
    hosts serve them with ``max-age=0, must-revalidate`` by default, and a second Cache-Control
    rule matching the same path would be joined to this one, not replace it.

    ``own``: top-level folders with a policy of their own (the admin). Two policies on one
    response both apply, and neither host can exclude a path from ``/*``, so then the site's
    headers are given for each other top-level file and folder of ``outputs`` instead."""
    base = urlsplit(site.config.base_url).path or "/"
    if own:
        top = sorted({p.split("/")[0] + ("/*" if "/" in p else "") for p in outputs} -
                     {f"{name}/*" for name in own})
        rules = [(quote(base), SECURITY_HEADERS)] + \
            [(quote(base + name, safe="/*"), SECURITY_HEADERS) for name in top] + \
            [(quote(base + name) + "/*", headers) for name, headers in sorted(own.items())]
    else:
        rules = [(quote(base) + "*", SECURITY_HEADERS)]
    return rules + [(quote(base + hashed), (("Cache-Control", IMMUTABLE),))
                    for hashed in sorted(site.fingerprints.values())]


def headers_file(site: Site, own: Mapping[str, Headers] = {}, outputs: Iterable[str] = ()) -> str:
    lines = ["# HTTP headers for Netlify and Cloudflare Pages; made by civicsite.",
             "# Every path: the Content-Security-Policy and other security headers.",
             "# Files with a content hash in their name: cached for a year (a change gets a new name)."]
    for path, headers in header_rules(site, own, outputs):
        lines.append(path)
        lines += [f"  {name}: {value}" for name, value in headers]
    return "\n".join(lines) + "\n"
