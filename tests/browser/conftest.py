"""The one Chromium every browser test module shares (Debian's /usr/bin/chromium through
Playwright; never a downloaded browser build). Each module still skips itself when Chromium is
missing outside CI, before it imports Playwright."""
from __future__ import annotations

import pytest

CHROMIUM = "/usr/bin/chromium"
# Flags that keep a headless Chromium from reaching the network on its own (no update checks,
# no sync) and from needing a GPU or a sandbox the container lacks.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()
