"""Content-Security-Policy: every page of both example sites carries the policy (no
'unsafe-inline' or eval for scripts), the output has a ``_headers`` file with it, no page has an
inline script or event handler, and in Chromium, with the policy enforced, no page reports a
violation while open-now.js still shows "Öppet nu"."""
from __future__ import annotations

import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
import os
from pathlib import Path
import sys
import threading

import html5lib
import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(HERE))
from e2e_site import SITES, build, html_pages  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
    pytest.skip("chromium is not installed at /usr/bin/chromium", allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402
from test_payloads import problems_in_html  # noqa: E402

from civicsite.render.security import CSP, HEADER_CSP  # noqa: E402

pytestmark = pytest.mark.browser

WATCH = """window.__violations = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"""


def _directives(policy: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}


def test_policy_forbids_inline_and_eval_scripts():
    d = _directives(CSP)
    assert d["script-src"] == ["'self'"]
    assert d["object-src"] == ["'none'"] and d["base-uri"] == ["'self'"]
    assert "'unsafe-inline'" not in CSP and "'unsafe-eval'" not in CSP


@pytest.mark.parametrize("site", sorted(SITES))
def test_every_page_carries_the_policy_and_no_inline_script(site, tmp_path_factory):
    out = build(tmp_path_factory, site)
    headers = [line for line in (out / "_headers").read_text(encoding="utf-8").splitlines()
               if not line.startswith("#")]
    assert headers[0] == "/*"
    assert f"  Content-Security-Policy: {HEADER_CSP}" in headers
    # the header differs from the <meta> only by what a header alone can say or needs: framing,
    # and WebAssembly for the search's worker (which does not get the page's <meta> policy)
    assert HEADER_CSP == CSP.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'") \
        + "; frame-ancestors 'none'; upgrade-insecure-requests"
    for page in html_pages(out):
        text = page.read_text(encoding="utf-8")
        doc = html5lib.parse(text, namespaceHTMLElements=False)
        metas = [m.get("content") for m in doc.iter("meta")
                 if (m.get("http-equiv") or "").lower() == "content-security-policy"]
        assert metas == [CSP], page
        assert problems_in_html(text) == [], page


@pytest.mark.parametrize("site", sorted(SITES))
def test_no_violation_in_chromium_and_open_now_works(site, tmp_path_factory, browser):
    out = build(tmp_path_factory, site)

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        context = browser.new_context(timezone_id="Europe/Stockholm")
        context.add_init_script(WATCH)
        page = context.new_page()
        console = []
        page.on("console", lambda m: console.append(m.text) if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: console.append(str(e)))
        missing = []  # a 404 shows in the console too; the browser's own favicon request aside
        page.on("response", lambda r: missing.append(r.url) if r.status >= 400
                and not r.url.endswith("/favicon.ico") else None)
        shown = 0
        for path in html_pages(out):
            rel = path.relative_to(out).as_posix()
            page.goto(f"http://127.0.0.1:{server.server_port}/{rel}", wait_until="load")
            # open-now.js ran under the policy: each line shows a text, or stays hidden and
            # empty on a day its schedule does not state (a drop-in with dates only)
            states = page.evaluate("() => [...document.querySelectorAll('[data-hours-now]')]"
                                   ".map(e => [e.hidden, e.textContent.trim()])")
            assert all(hidden == (text == "") for hidden, text in states), (rel, states)
            shown += sum(not hidden for hidden, _ in states)
            assert page.evaluate("() => window.__violations") == [], rel
        assert shown >= 1
        assert [m for m in console if "Content Security Policy" in m or "Refused" in m] == []
        assert missing == []
        assert [m for m in console if not m.startswith("Failed to load resource")] == []
        context.close()
    finally:
        server.shutdown()


def test_the_policy_blocks_a_planted_inline_script(tmp_path_factory, browser, tmp_path):
    """Control: an inline script added to a built page is refused and reported."""
    out = build(tmp_path_factory, "hallstahammar")
    page_file = tmp_path / "index.html"
    html = (out / "index.html").read_text(encoding="utf-8")
    page_file.write_text(html.replace("</main>", "<script>window.__ran = 1</script></main>", 1),
                         encoding="utf-8")
    context = browser.new_context()
    context.add_init_script(WATCH)
    page = context.new_page()
    page.goto(page_file.as_uri(), wait_until="load")
    assert page.evaluate("() => window.__ran") is None
    assert any(v.startswith("script-src") for v in page.evaluate("() => window.__violations"))
    context.close()
