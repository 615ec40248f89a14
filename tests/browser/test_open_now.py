"""open-now.js in a real browser: the shared cases of tests/data/open_now_cases.yaml.

The browser runs in America/New_York with a faked clock, to prove the script computes in
Stockholm time. Skipped only when /usr/bin/chromium is missing and CI is not set.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
import shutil
import sys
from zoneinfo import ZoneInfo

import jinja2
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from civicsite.core.errors import Diagnostics  # noqa: E402
from civicsite.core.fields import Ctx, compose  # noqa: E402
from civicsite.core.i18n import Translator  # noqa: E402
from civicsite.hours.parse import parse_hours_file  # noqa: E402
from civicsite.hours.view import hours_view

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
    pytest.skip("chromium is not installed at /usr/bin/chromium", allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402

pytestmark = pytest.mark.browser

DATA = ROOT / "tests" / "data"
STOCKHOLM = ZoneInfo("Europe/Stockholm")
CASES = yaml.safe_load((DATA / "open_now_cases.yaml").read_text(encoding="utf-8"))
PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>Öppettider</title>
<script src="open-now.js" defer></script></head>
<body><main>{block}</main></body></html>
"""


def schedules():
    diag = Diagnostics()
    ctx = Ctx(diag, "tests/data/open_now_hours.yaml")
    text = (DATA / "open_now_hours.yaml").read_text(encoding="utf-8")
    out = parse_hours_file(compose(text, ctx), ctx)
    assert not diag.errors, diag.report()
    return out


def stockholm(text) -> dt.datetime:
    return dt.datetime.fromisoformat(str(text)).replace(tzinfo=STOCKHOLM)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A function (id, today, lang) -> file URL of a page with that hours block."""
    folder = tmp_path_factory.mktemp("open-now")
    shutil.copy(ROOT / "templates" / "static" / "open-now.js", folder / "open-now.js")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    template = env.get_template("blocks/hours.html")
    table = schedules()
    made: dict[tuple, str] = {}

    def page_for(schedule_id: str, today: dt.date, lang: str) -> str:
        key = (schedule_id, today, lang)
        if key not in made:
            t = Translator(lang)
            view = hours_view(table[schedule_id], today, t)
            block = template.render(view=view, t=t, level=2, block_id=f"hours-{schedule_id}")
            path = folder / f"{schedule_id}-{today}-{lang}.html"
            path.write_text(PAGE.format(lang=lang, block=block), encoding="utf-8")
            made[key] = path.as_uri()
        return made[key]
    return page_for


@pytest.fixture()
def context(browser):
    ctx = browser.new_context(timezone_id="America/New_York", locale="en-US")
    yield ctx
    ctx.close()


def case_id(case) -> str:
    return f"{case['id']}@{case['at']}-{case.get('lang', 'sv')}"


@pytest.mark.parametrize("case", CASES["cases"], ids=case_id)
def test_open_now_text(case, site, context):
    today = dt.date.fromisoformat(str(case.get("today", CASES["today"])))
    url = site(case["id"], today, case.get("lang", "sv"))
    page = context.new_page()
    page.clock.set_fixed_time(stockholm(case["at"]))
    page.goto(url)
    live = page.locator("[data-hours-now]")
    if case["text"]:
        expect(live).to_have_text(case["text"], timeout=3000)
        expect(live).to_be_visible()
    else:  # nothing is stated about the moment: the line says nothing
        page.wait_for_function("document.readyState === 'complete'")
        expect(live).to_be_hidden()
        expect(live).to_have_text("")
    expect(live).to_have_attribute("aria-live", "polite")
    page.close()


def test_updates_each_minute_across_closing_time(site, context):
    page = context.new_page()
    page.clock.install(time=stockholm("2026-01-09T15:58:30"))  # a winter Friday, closes 16.00
    page.goto(site("kundcenter", dt.date(2025, 12, 20), "sv"))
    live = page.locator("[data-hours-now]")
    expect(live).to_have_text("Öppet nu – stänger 16.00", timeout=3000)
    page.clock.run_for(60_000)  # 15.59.30
    expect(live).to_have_text("Öppet nu – stänger 16.00", timeout=3000)
    page.clock.run_for(60_000)  # 16.00.30
    expect(live).to_have_text("Stängt – öppnar måndag 08.00", timeout=3000)
    page.close()


def test_without_javascript_the_table_is_there_and_the_live_text_hidden(site, browser):
    ctx = browser.new_context(java_script_enabled=False, timezone_id="America/New_York")
    page = ctx.new_page()
    page.goto(site("kundcenter", dt.date(2025, 12, 20), "sv"))
    expect(page.locator("[data-hours-now]")).to_be_hidden()
    expect(page.locator("table.hours-week").first).to_contain_text("Måndag–torsdag")
    expect(page.locator("table.hours-week").first).to_contain_text("08.00–16.30")
    ctx.close()


# ---- the published kontaktcenter example, as a citizen sees it ------------------------------

sys.path.insert(0, str(ROOT / "tests"))
from e2e_site import build  # noqa: E402


@pytest.fixture(scope="module")
def kontaktcenter(tmp_path_factory):
    """examples/kontaktcenter built on 2026-04-20 through build.py."""
    return build(tmp_path_factory, "kontaktcenter", "2026-04-20")


def _lines(page) -> list[str]:
    page.wait_for_function("document.readyState === 'complete'")
    return [line.inner_text() if line.is_visible() else ""
            for line in page.locator("main [data-hours-now]").all()]


@pytest.mark.parametrize("url, at, expected", [
    # the kontaktcenter block: Telefon (växeln), Besök (receptionen)
    ("index.html", "2026-05-13T12:30", ["Stängt – öppnar fredag 08.00",   # day before Ascension
                                        "Stängt – öppnar fredag 10.00"]),
    ("index.html", "2026-05-13T11:00", ["Öppet nu – stänger 12.00", "Öppet nu – stänger 12.00"]),
    ("index.html", "2026-06-30T15:30", ["Stängt – öppnar i morgon 08.00",  # summer period
                                        "Stängt – öppnar i morgon 10.00"]),
    ("index.html", "2026-06-15T15:30", ["Öppet nu – stänger 16.30",       # before it
                                        "Stängt – öppnar i morgon 10.00"]),
    ("socialjouren/index.html", "2026-05-02T01:00", ["Öppet nu – stänger 01.30"]),  # Saturday
    ("socialjouren/index.html", "2026-05-02T01:30", ["Stängt – öppnar i dag 16.00"]),
    ("foretagslotsen/index.html", "2026-05-05T14:00", [""]),   # no regular hours: silent
])
def test_the_published_example(kontaktcenter, context, url, at, expected):
    page = context.new_page()
    page.clock.set_fixed_time(stockholm(at))
    page.goto((kontaktcenter / url).as_uri())
    assert _lines(page) == expected
    page.close()
