"""The site's Content-Security-Policy, shipped twice: as a <meta http-equiv> in every page (works
on any host) and in a ``_headers`` file (Netlify, Cloudflare Pages) with the directives a meta
tag cannot carry. Scripts only from the site itself: no inline script, no event handler, no eval;
JSON data blocks (<script type="application/json">, JSON-LD) are data and need no permission."""
from __future__ import annotations

# 'self' for everything the site ships; images may also come from https:// (an editor's
# `image: src: https://…`). Nothing may be framed, posted or used as <base>.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; "
       "img-src 'self' https:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; frame-src 'none'; "
       "base-uri 'self'; form-action 'self'")


# The search runs Pagefind's WebAssembly in a Web Worker. A worker takes its policy from its own
# response, not from the page's <meta>; served with the header below, it needs
# 'wasm-unsafe-eval' (compiling wasm only: JavaScript eval stays refused). The <meta> policy
# leaves it out: the Nu Html Checker does not know the keyword yet, and pages need no wasm.
# Only a header can forbid framing (frame-ancestors) and move http: subresources to https:.
HEADER_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'") + \
    "; frame-ancestors 'none'; upgrade-insecure-requests"
#: nothing the site does needs these: a page (or a file someone got onto the site) may not ask
PERMISSIONS = ("accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
               "microphone=(), payment=(), usb=()")
#: what only a real header can say, with the policy, for every path: in ``_headers``
#: (hosting.header_rules) and in deploy/nginx/civicsite.conf (a test keeps them the same)
HEADERS = (("Content-Security-Policy", HEADER_CSP),
           ("Strict-Transport-Security", "max-age=31536000"),
           ("X-Content-Type-Options", "nosniff"),
           ("Referrer-Policy", "strict-origin-when-cross-origin"),
           ("Permissions-Policy", PERMISSIONS),
           ("X-Frame-Options", "DENY"))
