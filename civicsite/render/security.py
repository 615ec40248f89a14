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


# The admin at /admin/ (build --admin) is Decap CMS, a React application: it needs what the
# site's pages never get, so it has a policy of its own, on its own page and path only.
# 'unsafe-eval': Decap validates its configuration with ajv, which compiles the schema with
# new Function(); 'unsafe-inline' styles: its components are styled by emotion at run time;
# blob:/data: images: previews of pictures not yet committed; connect-src: the Git host's API
# and, on this computer only, the local backend (decap-server).
ADMIN_SOURCES = ("https://api.github.com", "https://gitlab.com")
LOCAL_BACKENDS = ("http://localhost:*", "http://127.0.0.1:*")


def admin_csp(origins: tuple[str, ...] = ()) -> str:
    """The admin's policy; ``origins``: a self-managed Git host's API and sign-in (site.yaml)."""
    connect = " ".join(dict.fromkeys(("'self'", "blob:", *ADMIN_SOURCES, *origins, *LOCAL_BACKENDS)))
    return ("default-src 'self'; script-src 'self' 'unsafe-eval'; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; "
            f"font-src 'self' data:; connect-src {connect}; frame-src 'self' blob:; "
            "worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'")


def admin_headers(origins: tuple[str, ...] = ()) -> tuple[tuple[str, str], ...]:
    """The admin's headers for ``_headers``: its policy (framed by nobody), as for pages."""
    return (("Content-Security-Policy", admin_csp(origins) + "; frame-ancestors 'none'"),
            *HEADERS[1:])
