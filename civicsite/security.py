"""The site's Content-Security-Policy, shipped twice: as a <meta http-equiv> in every page (works
on any host) and in a ``_headers`` file (Netlify, Cloudflare Pages) with the directives a meta
tag cannot carry. Scripts only from the site itself: no inline script, no event handler, no eval;
JSON data blocks (<script type="application/json">, JSON-LD) are data and need no permission."""
from __future__ import annotations

HEADERS_FILE = "_headers"

# 'self' for everything the site ships; images may also come from https:// (an editor's
# `image: src: https://…`). Nothing may be framed, posted or used as <base>.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; frame-src 'none'; "
       "base-uri 'self'; form-action 'self'")


def headers_file() -> str:
    """``_headers``: the policy for every path, plus what only a real header can say."""
    return ("/*\n"
            f"  Content-Security-Policy: {CSP}; frame-ancestors 'self'\n"
            "  X-Content-Type-Options: nosniff\n"
            "  Referrer-Policy: strict-origin-when-cross-origin\n")
