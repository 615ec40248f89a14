"""Property-based tests: any front matter, data file or page text gives either a site that
renders or collected ContentErrors, never another exception.

The trees use the real field names (so values reach the real parsers) with values of every type
plus strings chosen to hit parsers' edges (dates, times, ids, paths, URLs, markup).
"""
from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
import shutil
import tempfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
import yaml

from civicsite.contacts.model import CONTACT_FIELDS
from civicsite.content.kinds import KIND_FIELDS
from civicsite.content.load import load_site
from civicsite.content.pages import COMMON_FIELDS
from civicsite.content.site import SITE_FIELDS
from civicsite.core.errors import Diagnostics
from civicsite.hours.parse import EXCEPTION_FIELDS, PERIOD_FIELDS, SCHEDULE_FIELDS, SEASON_FIELDS
from civicsite.render.site import render_site

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "sites" / "minimal"
BUILD_DATE = dt.date(2024, 6, 1)
# Bounded for the suite (about 40 builds per property); CIVICSITE_PROPERTY_EXAMPLES=2000 for a soak.
EXAMPLES = int(os.environ.get("CIVICSITE_PROPERTY_EXAMPLES", "40"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

NAMES = sorted(set(COMMON_FIELDS) | {n for names in KIND_FIELDS.values() for n in names}
               | set(CONTACT_FIELDS) | set(SCHEDULE_FIELDS) | set(SEASON_FIELDS)
               | set(EXCEPTION_FIELDS) | set(PERIOD_FIELDS) | set(SITE_FIELDS)
               | {"start", "end", "location", "attendance", "src", "alt", "decorative", "url",
                  "people", "name", "text", "planned", "completed", "deadline", "by", "email",
                  "phone", "street", "postcode", "city", "contacts", "hours", "documents"})
EDGE_STRINGS = [
    "", " ", "kundcenter", "anna-andersson", "bild.png", "logo.svg", "../bild.png", "/bild.png",
    "..", "a/b", "%2e%2e", "https://www.example.se", "http://x", "mailto:a@b.se", "tel:+4622024000",
    "javascript:alert(1)", " JaVaScRiPt:x", "data:text/html,x", "vbscript:x", "//evil.example",
    "2024-02-29", "2023-02-29", "9999-12-31", "0001-01-01", "9999-12-31T23:59Z", "2199-12-31T23:00Z", "2024-13-01", "2024-03-02T08:00", "2024-03-02T25:61", "2024",
    "08.00-16.30", "16.00-08.00", "24.00-25.00", "16.00-01.30", "16.30-00.00", "08.00-33.00", "mån-fre", "fre", "lör-sön", "stängt", "09-01",
    "02-30", "12-31", "0220-24000", "+46 220 240 00", "12", "a@b", "nobody@example.se", "true",
    "ja", "nej", "0", "-1", "1e9", "99999999999999999999", "draft", "adopted", "full", "offline",
    "online", "strategy", "workshop", "sprint", "accessibility", "person", "office",
    "{{ 7*7 }}", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\u202e", "\x00",
    "\t", "a\nb", "::: contact kundcenter", "#", "*", "&a",
]
SCALARS = st.one_of(st.sampled_from(EDGE_STRINGS), st.text(max_size=30), st.integers(),
                    st.booleans(), st.none(), st.floats(), st.dates(), st.datetimes())
KEYS = st.one_of(st.sampled_from(NAMES), st.text(max_size=12))
TREES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)), max_leaves=25)
MAPPINGS = st.dictionaries(KEYS, TREES, max_size=10)


def _dump(value) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False)


def _build_ok(edits: dict[str, str | bytes]) -> None:
    """Load (and, when it loads, render) the minimal site with ``edits``: must not raise."""
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        shutil.copytree(BASE, content)
        for rel, data in edits.items():
            (content / rel).parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                (content / rel).write_bytes(data)
            else:
                (content / rel).write_text(data, encoding="utf-8", errors="surrogatepass")
        diag = Diagnostics()
        site = load_site(str(content), diag, BUILD_DATE)
        if site is not None and not diag.errors:
            outputs = render_site(site)
            assert "index.html" in outputs
        for line in diag.report():
            path, number = line.split(":")[:2]
            assert path.startswith(str(content)) and number.isdigit() and "\n" not in line, line


@SETTINGS
@given(front=MAPPINGS, kind=st.sampled_from([None, *KIND_FIELDS]), body=st.text(max_size=200))
def test_any_front_matter(front, kind, body):
    if kind is not None:
        front = {"kind": kind, **front}
    front.setdefault("title", "Sida")
    _build_ok({"nyheter/ny.md": f"---\n{_dump(front)}---\n{body}\n"})


@SETTINGS
@given(front=MAPPINGS)
def test_any_front_matter_on_an_existing_page(front):
    """The fields of a real page replaced one by one by random trees (the rest still valid)."""
    original = yaml.safe_load((BASE / "nyheter" / "besokssprint.md").read_text(encoding="utf-8")
                              .split("---\n")[1])
    _build_ok({"nyheter/besokssprint.md": f"---\n{_dump({**original, **front})}---\nText.\n"})


@SETTINGS
@given(contacts=st.dictionaries(st.one_of(st.sampled_from(["kundcenter", "anna-andersson"]),
                                          st.text(max_size=10)), TREES, max_size=4))
def test_any_contacts_file(contacts):
    _build_ok({"contacts.yaml": _dump(contacts)})


@SETTINGS
@given(hours=st.dictionaries(st.sampled_from(["kundcenter", "annat"]), st.one_of(
    TREES, st.fixed_dictionaries({}, optional={
        "title": SCALARS, "week": st.dictionaries(st.sampled_from(EDGE_STRINGS), SCALARS, max_size=4),
        "seasons": st.lists(st.dictionaries(st.sampled_from(SEASON_FIELDS + ["x"]), TREES,
                                            max_size=5), max_size=3),
        "exceptions": st.lists(st.dictionaries(st.sampled_from(EXCEPTION_FIELDS), SCALARS,
                                               max_size=4), max_size=3),
        "periods": st.lists(st.dictionaries(st.sampled_from(PERIOD_FIELDS), st.one_of(
            SCALARS, st.dictionaries(st.sampled_from(EDGE_STRINGS), SCALARS, max_size=3)),
            max_size=5), max_size=3),
        "day_before_holiday": SCALARS,
        "closed_on_holidays": SCALARS, "notes": TREES})), max_size=2))
def test_any_hours_file(hours):
    _build_ok({"hours.yaml": _dump(hours)})


@SETTINGS
@given(changes=MAPPINGS)
def test_any_site_file(changes):
    site = yaml.safe_load((BASE / "site.yaml").read_text(encoding="utf-8"))
    _build_ok({"site.yaml": _dump({**site, **changes})})


@SETTINGS
@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=400),
       name=st.sampled_from(["nyheter/ny.md", "site.yaml", "contacts.yaml", "hours.yaml", "index.md"]))
def test_any_text_in_any_file(text, name):
    _build_ok({name: text})


@SETTINGS
@given(data=st.binary(max_size=300), name=st.sampled_from(["nyheter/ny.md", "contacts.yaml"]))
def test_any_bytes(data, name):
    _build_ok({name: data})


@SETTINGS
@given(lines=st.lists(st.one_of(st.sampled_from(["---", "title: x", "kind: workshop", "  - a",
                                                 "event:", "  start: 2024-03-02", "::: contact",
                                                 "::: hours kundcenter", "::: participants",
                                                 "[x](javascript:1)", "[x](../../y.md)", "", "\t"]),
                                 st.text(max_size=20)), max_size=15))
def test_any_page_shape(lines):
    _build_ok({"nyheter/ny.md": "\n".join(lines)})


@SETTINGS
@given(text=st.text(), key=st.text(max_size=8))
def test_embedded_json_can_never_close_its_script_element(text, key):
    """JSON-LD and the hours data sit inside <script>: no `<`, `>` or `&` may appear raw, and the
    JSON still reads back to the same value."""
    from civicsite.render.templates import environment
    from civicsite.render.templates import jsonld_script as _jsonld
    value = {key: text, "list": [text, {"n": text}]}
    for out in (str(_jsonld(value)),
                environment().from_string("{{ value | tojson }}").render(value=value)):
        assert not set("<>&") & set(out), out
        assert json.loads(out) == value


MD_TOKENS = ["> ", "- ", "1. ", "    ", "\t", "[", "]", "(", ")", "![", "*", "_", "`", "```", "#",
             "|", "<div>", "</div>", "<script>", "&#106;", "javascript:", "https://e.se", "\n", "\n\n",
             "::: contact kundcenter\n", "{: .x }", "[^1]", "[^1]: x\n", "<", ">", "&", "x", "å"]


@SETTINGS
@given(parts=st.lists(st.one_of(st.sampled_from(MD_TOKENS), st.text(max_size=5)), max_size=300),
       repeat=st.sampled_from([1, 1, 20, 200]))
def test_any_markdown_body(parts, repeat):
    """Markdown made of its own special tokens, sometimes repeated into floods and deep nesting."""
    body = "".join(parts) * repeat
    _build_ok({"nyheter/ny.md": f"---\ntitle: Sida\n---\n{body}\n"})
