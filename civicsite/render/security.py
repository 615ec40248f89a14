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
HEADER_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'") + \
    "; frame-ancestors 'self'"
#: what only a real header can say, with the policy, for every path (hosting.header_rules)
HEADERS = (("Content-Security-Policy", HEADER_CSP),
           ("X-Content-Type-Options", "nosniff"),
           ("Referrer-Policy", "strict-origin-when-cross-origin"))
