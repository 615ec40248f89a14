"""More broken and hostile content, one mistake per case, run like ``test_invalid.py``: exit 1,
exactly the expected ``path:line: field: message`` lines, no traceback, the previous output
untouched. Valid-but-unusual input (BOM, CRLF, tabs inside values, large pages, links inside the
folder) must build, and build the right thing.

Huge files are generated here, never committed.
"""
from __future__ import annotations

import os
from pathlib import Path
import resource
import shutil
import subprocess
import sys

import pytest
from test_invalid import (  # noqa: F401
    BASE,
    BUILD_DATE,
    ROOT,
    Case,
    assert_lines,
    base_output,
    make_content,
    run_main,
    snapshot,
)

MIB = 1024 * 1024
STRATEGI = "nyheter/strategi.md"


def _append(text: str):
    def edit(path: Path, content: Path) -> None:
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return edit


def _huge_page(path: Path, content: Path) -> None:
    line = "Ett stycke text om näringslivet i kommunen som upprepas. " * 4 + "\n\n"
    path.write_text("---\ntitle: Stor\n---\n" + line * (3 * MIB // len(line)), encoding="utf-8")


def _huge_data(path: Path, content: Path) -> None:
    entries = "".join(f"person-{i}:\n  name: Person {i}\n  email: p{i}@example.se\n"
                      for i in range(60_000))
    path.write_text(path.read_text(encoding="utf-8") + entries, encoding="utf-8")


def _symlink(target: str):
    def make(path: Path, content: Path) -> None:
        if path.exists() or path.is_symlink():
            path.unlink()
        path.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, path)
    return make


def _fifo(path: Path, content: Path) -> None:
    os.mkfifo(path)


def _raw_name(name: bytes, data: bytes = b"---\ntitle: X\n---\nx\n"):
    """A file whose name is given as bytes (not UTF-8, or with a line break)."""
    def make(path: Path, content: Path) -> None:
        with open(os.path.join(os.fsencode(content), name), "wb") as f:
            f.write(data)
    return make


def _raw_folder(name: bytes):
    def make(path: Path, content: Path) -> None:
        folder = os.path.join(os.fsencode(content), name)
        os.mkdir(folder)
        with open(os.path.join(folder, b"x.md"), "wb") as f:
            f.write(b"---\ntitle: X\n---\nx\n")
    return make


BOMB = ('lol: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
        + "".join(f"l{i}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n"
                  for i in range(9)))
DEEP_FLOW = "[" * 20_000 + "]" * 20_000
DOC = "status: draft\ndocuments:\n  - title: Plan\n    src: {}"

CASES = [
    # -- syntax: tabs, empty and unclosed files, several documents -------------------------------
    Case("tab-indentation", {"index.md": ("  src: bild.png", "\tsrc: bild.png")},
         [("index.md", 6, "yaml", r"YAML syntax error.*a tab; YAML is indented with spaces only")]),
    Case("tab-indentation-in-hours", {"hours.yaml": ("  closed_on_holidays", "\tclosed_on_holidays")},
         [("hours.yaml", 15, "yaml", r"tab")]),
    Case("empty-page", {STRATEGI: ""}, [(STRATEGI, 1, "front matter", r"must start with front matter")]),
    Case("page-of-only-dashes", {STRATEGI: "---\n---\n"}, [(STRATEGI, 1, "title", r"required field")]),
    Case("empty-site-yaml", {"site.yaml": ""}, [("site.yaml", 1, "file", r"the file is empty.*title")]),
    Case("blank-contacts-yaml", {"contacts.yaml": "\n  \n"}, [("contacts.yaml", 1, "file", r"the file is empty")]),
    Case("comment-only-hours-yaml", {"hours.yaml": "# inga tider än\n"},
         [("hours.yaml", 1, "file", r"the file is empty")]),
    Case("front-matter-not-closed-on-home", {"index.md": ("---\nVälkommen", "Välkommen")},
         [("index.md", 1, "front matter", r"not closed")]),
    Case("two-documents-in-site-yaml", {"site.yaml": ("language: sv", "language: sv\n---\nx: 1")},
         [("site.yaml", 4, "yaml", r"YAML syntax error.*single document")]),
    Case("complex-key", {"index.md": ("summary: Startsidan.", "summary: Startsidan.\n? [a, b]\n: c")},
         [("index.md", 4, "yaml", r"field name must be plain text, found a list")]),
    Case("nul-in-front-matter", {"index.md": ("summary: Startsidan.", "summary: Start\x00sidan.")},
         [("index.md", 3, "yaml", r"control character \(U\+0000\)")]),
    Case("bad-unicode-escape", {"index.md": ("title: Välkommen", 'title: "V\\uD800"')},
         [("index.md", 2, "yaml", r"YAML syntax error")]),
    # -- wrong types ------------------------------------------------------------------------------
    Case("title-is-a-list", {"index.md": ("title: Välkommen", "title: [a, b]")},
         [("index.md", 2, "title", r"expected text, found a list")]),
    Case("summary-is-a-mapping", {"index.md": ("summary: Startsidan.", "summary: {a: 1}")},
         [("index.md", 3, "summary", r"expected text, found a set of fields")]),
    Case("tag-is-a-list", {"index.md": ("summary: Startsidan.", "summary: Startsidan.\ntags: [[a]]")},
         [("index.md", 4, "tags[0]", r"expected text, found a list")]),
    Case("event-is-text", {"nyheter/workshop.md": ("event:\n  start: 2024-03-02T08:00\n  end: 2024-03-02T10:00\n"
                                                   "  attendance: offline\n", "event: i morgon\n")},
         [("nyheter/workshop.md", 4, "event", r'found "i morgon"')]),
    Case("visits-planned-decimal", {"nyheter/besokssprint.md": ("planned: 30", "planned: 2.5")},
         [("nyheter/besokssprint.md", 9, "visits.planned", r'whole number.*"2.5"')]),
    Case("contact-name-is-a-list", {"contacts.yaml": ("  name: Anna Andersson", "  name: [Anna, Andersson]")},
         [("contacts.yaml", 7, "anna-andersson.name", r"found a list")]),
    Case("site-title-is-a-mapping", {"site.yaml": ("title: Näringsliv i Testkommun", "title: {sv: x}")},
         [("site.yaml", 1, "title", r"found a set of fields")]),
    # -- impossible dates -------------------------------------------------------------------------
    Case("date-29-february-2023", {"index.md": ("date: 2024-01-15", "date: 2023-02-29")},
         [("index.md", 4, "date", r'"2023-02-29"')]),
    Case("date-31-april", {"index.md": ("date: 2024-01-15", "date: 2024-04-31")},
         [("index.md", 4, "date", r'"2024-04-31"')]),
    Case("date-as-number", {"index.md": ("date: 2024-01-15", "date: 20240115")},
         [("index.md", 4, "date", r'"20240115"')]),
    Case("event-minute-60", {"nyheter/workshop.md": ("start: 2024-03-02T08:00", "start: 2024-03-02T08:60")},
         [("nyheter/workshop.md", 5, "event.start", r'"2024-03-02T08:60"')]),
    Case("signup-deadline-impossible", {"nyheter/besokssprint.md": ("deadline: 2024-05-01", "deadline: 2024-02-30")},
         [("nyheter/besokssprint.md", 13, "signup.deadline", r'"2024-02-30"')]),
    Case("sprint-on-31-december-9999", {"nyheter/besokssprint.md": ("start: 2024-05-18", "start: 9999-12-31")},
         [("nyheter/besokssprint.md", 6, "event.start", r'"9999-12-31" is not a plausible date.*1900–2199')]),
    Case("event-in-utc-at-the-end-of-time", {"nyheter/workshop.md": (
        "start: 2024-03-02T08:00\n  end: 2024-03-02T10:00", "start: 9999-12-31T23:00Z")},
         [("nyheter/workshop.md", 5, "event.start", r"not a plausible date")]),
    Case("hours-exception-year-1", {"hours.yaml": ("    - date: 2024-12-23", "    - date: 0001-01-01")},
         [("hours.yaml", 17, "kundcenter.exceptions[0].date", r"not a plausible date")]),
    # -- duplicates -------------------------------------------------------------------------------
    Case("duplicate-contact-id", {"contacts.yaml": _append("kundcenter:\n  name: Igen\n")},
         [("contacts.yaml", 11, "kundcenter", r"duplicate key.*line 1")]),
    Case("duplicate-hours-id", {"hours.yaml": _append("kundcenter:\n  title: Igen\n")},
         [("hours.yaml", 20, "kundcenter", r"duplicate key.*line 1")]),
    Case("duplicate-key-in-site-yaml", {"site.yaml": ("language: sv", "language: sv\nlanguage: en")},
         [("site.yaml", 4, "language", r"duplicate key.*line 3")]),
    Case("duplicate-nested-key", {"nyheter/workshop.md": ("  attendance: offline",
                                                          "  attendance: offline\n  end: 2024-03-02T11:00")},
         [("nyheter/workshop.md", 8, "event.end", r"duplicate key.*line 6")]),
    Case("duplicate-slug", {"nyheter/workshop.md": ("kind: workshop", "kind: workshop\nslug: strategi")},
         [("nyheter/workshop.md", 1, "url", r"/nyheter/strategi/.*content/nyheter/strategi\.md")]),
    # -- encodings --------------------------------------------------------------------------------
    Case("latin-1-hours", {"hours.yaml": (BASE / "hours.yaml").read_text(encoding="utf-8").encode("latin-1")},
         [("hours.yaml", 2, "encoding", r"not UTF-8")]),
    Case("latin-1-site-yaml", {"site.yaml": (BASE / "site.yaml").read_text(encoding="utf-8")
                               .encode("latin-1")}, [("site.yaml", 1, "encoding", r"not UTF-8")]),
    Case("utf-16-page", {STRATEGI: "---\ntitle: Strategi\n---\nText\n".encode("utf-16")},
         [(STRATEGI, 1, "encoding", r"not UTF-8")]),
    Case("surrogate-bytes-in-page", {STRATEGI: b"---\ntitle: S\xed\xa0\x80\n---\nx\n"},
         [(STRATEGI, 2, "encoding", r"not UTF-8")]),
    # -- size and depth ---------------------------------------------------------------------------
    Case("huge-page", {STRATEGI: _huge_page}, [(STRATEGI, 1, "file", r"too large \(\d+ KiB; at most 2048")]),
    Case("huge-contacts-yaml", {"contacts.yaml": _huge_data}, [("contacts.yaml", 1, "file", r"too large")]),
    Case("deeply-nested-flow-yaml", {"index.md": ("summary: Startsidan.", "summary: Startsidan.\nx: " + DEEP_FLOW)},
         [("index.md", 4, "yaml", r"nesting depth")]),
    Case("deeply-nested-site-yaml", {"site.yaml": ("language: sv", "language: sv\nx: " + DEEP_FLOW)},
         [("site.yaml", 4, "yaml", r"nesting depth")]),
    Case("alias-bomb-contacts", {"contacts.yaml": BOMB}, [("contacts.yaml", 1, "yaml", r"anchors and aliases")]),
    Case("alias-bomb-front-matter", {STRATEGI: "---\ntitle: x\n" + BOMB + "---\nx\n"},
         [(STRATEGI, 3, "yaml", r"anchors and aliases")]),
    Case("merge-key-alias", {"hours.yaml": ("kundcenter:\n", "bas: &b {title: x}\nkundcenter:\n  <<: *b\n")},
         [("hours.yaml", 1, "yaml", r"anchors and aliases")]),
    Case("markdown-quotes-nested-3000-deep", {"index.md": ("Välkommen till", "> " * 3000 + "x\n\nVälkommen till")},
         [("index.md", 14, "body", r"nested more than 15 levels")]),
    Case("markdown-list-nested-300-deep", {"index.md": ("Välkommen till", "".join(
        "    " * i + "- x\n" for i in range(300)) + "\nVälkommen till")},
         [("index.md", 30, "body", r"nested more than 15 levels")]),
    Case("markdown-bracket-flood", {"index.md": ("Välkommen till", ("[" * 50 + "\n") * 100 + "\nVälkommen till")},
         [("index.md", 14, "body", r"5000 \[ brackets; at most 300")]),
    # -- files that are not what they seem --------------------------------------------------------
    Case("symlink-loop", {"loop.png": _symlink("loop.png")}, [("loop.png", 1, "file", r"broken link")]),
    Case("broken-symlink", {"borta.pdf": _symlink("finns-inte.pdf")}, [("borta.pdf", 1, "file", r"broken link")]),
    Case("named-pipe", {"pipe.txt": _fifo}, [("pipe.txt", 1, "file", r"not an ordinary file")]),
    Case("site-yaml-links-outside", {"site.yaml": _symlink("/etc/hostname")},
         [("site.yaml", 1, "file", r"link that leads outside")]),
    Case("page-links-to-parent-folder", {"nyheter/hemlig.md": _symlink("../../content-secret.md")},
         [("nyheter/hemlig.md", 1, "file", r"link that leads outside|broken link")]),
    Case("folder-links-to-root", {"nyheter/rot": _symlink("/")},
         [("nyheter/rot", 1, "file", r"folder is a link that leads outside")]),
    Case("file-name-not-utf8", {"x": _raw_name(b"r\xe4tt.md")},
         [("r\\xe4tt.md", 1, "file", r"not UTF-8.*rename it")]),
    Case("asset-name-not-utf8", {"x": _raw_name(b"bild\xff.png", b"x")},
         [("bild\\xff.png", 1, "file", r"rename it")]),
    Case("file-name-with-line-break", {"x": _raw_name(b"a\nb.md", b"---\ntitle: [\n---\n")},
         [("a\\x0ab.md", 1, "file", r"line break")]),
    Case("folder-name-with-carriage-return", {"x": _raw_folder(b"a\rb")},
         [("a\\x0db", 1, "file", r"line break")]),
    Case("svg-namespaced-script", {"logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"\n'
                                   ' xmlns:svg="http://www.w3.org/2000/svg">\n<svg:script>alert(1)</svg:script>\n</svg>\n'},
         [("logo.svg", 3, "svg", r"scripts")]),
    Case("svg-entity-encoded-javascript", {"logo.svg": '<svg xmlns="http://www.w3.org/2000/svg">\n'
                                           '<a href="&#106;avascript:alert(1)"><rect/></a>\n</svg>\n'},
         [("logo.svg", 2, "svg", r"javascript: links")]),
    Case("svg-embedding-an-svg-document", {"logo.svg": '<svg xmlns="http://www.w3.org/2000/svg">\n'
                                           '<image href="data:image/svg+xml;base64,PHN2Zz4="/>\n</svg>\n'},
         [("logo.svg", 2, "svg", r"scripts")]),
    Case("html-file-with-script", {"om/gammal.html": "<!doctype html>\n<p>Hej</p>\n<script>alert(1)</script>\n"},
         [("om/gammal.html", 3, "html", r"may not contain scripts")]),
    Case("html-file-with-handler", {"om/gammal.htm": "<p>Hej</p>\n<img src=x onerror=alert(1)>\n"},
         [("om/gammal.htm", 2, "html", r"event handlers")]),
    Case("script-file", {"static2/app.js": "alert(1)\n"},
         [("static2/app.js", 1, "file", r"script files cannot be published")]),
    # -- slugs and paths --------------------------------------------------------------------------
    Case("slug-dotdot-alone", {STRATEGI: ("status: draft", "status: draft\nslug: ..")},
         [(STRATEGI, 8, "slug", r"not a valid URL segment")]),
    Case("slug-with-slash", {STRATEGI: ("status: draft", "status: draft\nslug: a/b")},
         [(STRATEGI, 8, "slug", r"not a valid URL segment")]),
    Case("slug-absolute", {STRATEGI: ("status: draft", "status: draft\nslug: /etc")},
         [(STRATEGI, 8, "slug", r"not a valid URL segment")]),
    Case("slug-percent-encoded-dots", {STRATEGI: ("status: draft", "status: draft\nslug: '%2e%2e'")},
         [(STRATEGI, 8, "slug", r"not a valid URL segment")]),
    Case("slug-backslash", {STRATEGI: ("status: draft", "status: draft\nslug: '..\\..\\x'")},
         [(STRATEGI, 8, "slug", r"not a valid URL segment")]),
    Case("image-backslash-escape", {"index.md": ("src: bild.png", "src: '..\\..\\etc\\passwd'")},
         [("index.md", 6, "image.src", r"leads outside the content folder")]),
    Case("image-javascript-src", {"index.md": ("src: bild.png", "src: javascript:alert(1)")},
         [("index.md", 6, "image.src", r'"javascript:" addresses are not allowed')]),
    Case("image-data-src", {"index.md": ("src: bild.png", "src: 'data:image/png;base64,AAAA'")},
         [("index.md", 6, "image.src", r'"data:" addresses are not allowed')]),
    Case("image-src-is-a-folder", {"index.md": ("src: bild.png", "src: nyheter")},
         [("index.md", 6, "image.src", r'"nyheter" not found')]),
    Case("image-src-is-a-data-file", {"index.md": ("src: bild.png", "src: contacts.yaml")},
         [("index.md", 6, "image.src", r'"contacts.yaml" not found')]),
    Case("document-missing", {STRATEGI: ("status: draft", DOC.format("plan.pdf"))},
         [(STRATEGI, 10, "documents[0].src", r'"plan.pdf" not found')]),
    Case("document-vbscript", {STRATEGI: ("status: draft", DOC.format("'vbscript:msgbox(1)'"))},
         [(STRATEGI, 10, "documents[0].src", r'"vbscript:" addresses are not allowed')]),
    Case("document-deep-traversal", {STRATEGI: ("status: draft", DOC.format("a/../../../../etc/passwd"))},
         [(STRATEGI, 10, "documents[0].src", r"leads outside the content folder")]),
    Case("markdown-image-javascript", {"index.md": ("Välkommen till", "![x](javascript:alert(1))\n\nVälkommen till")},
         [("index.md", 14, "body", r'"javascript:" links are not allowed')]),
    Case("markdown-html-link-javascript", {"index.md": ("Välkommen till",
                                                       '<a href=" JaVaScRiPt:alert(1)">x</a>\n\nVälkommen till')},
         [("index.md", 14, "body", r'"JaVaScRiPt:" links are not allowed')]),
    Case("markdown-link-entity-encoded-javascript", {"index.md": ("Välkommen till",
                                                                  '<a href="&#106;avascript:alert(1)">x</a>\n\nVälkommen till')},
         [("index.md", 14, "body", r'"javascript:" links are not allowed')]),
    Case("markdown-link-tab-inside-scheme", {"index.md": ("Välkommen till",
                                                          "[x](jav&#x09;ascript:alert(1))\n\nVälkommen till")},
         [("index.md", 14, "body", r'"javascript:" links are not allowed')]),
    Case("markdown-image-data-url", {"index.md": ("Välkommen till",
                                                  "![x](data:image/svg+xml;base64,PHN2Zz4=)\n\nVälkommen till")},
         [("index.md", 14, "body", r'"data:" links are not allowed')]),
    Case("markdown-link-traversal", {"index.md": ("Välkommen till", "[x](../../../etc/passwd)\n\nVälkommen till")},
         [("index.md", 14, "body", r'"\.\./\.\./\.\./etc/passwd" leads outside')]),
]


def _params() -> list:
    return [pytest.param(case, id=case.id) for case in CASES]


def test_enough_cases():
    assert len(CASES) >= 40
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", _params())
def test_hostile_content(case: Case, tmp_path: Path, base_output, monkeypatch) -> None:
    base_out, before = base_output
    monkeypatch.chdir(tmp_path)
    make_content(tmp_path / "content", case.edits)
    out = tmp_path / "out"
    shutil.copytree(base_out, out, symlinks=True)
    around = sorted(p.name for p in tmp_path.iterdir())

    code, stdout, stderr = run_main("build", "--content", "content", "--output", "out",
                                    "--date", BUILD_DATE, *(["--strict"] if case.strict else []))

    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    assert code == 1, stderr
    assert_lines(stderr, case.expected)
    assert stdout == ""
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == around


def test_alias_bomb_is_refused_with_bounded_memory(tmp_path: Path) -> None:
    """A billion-laughs file in a process that may not use more than 1 GiB of address space:
    refused at its first anchor, so nothing is ever expanded."""
    bomb = "kundcenter: &a [" + ", ".join(['"' + "x" * 1000 + '"'] * 50) + "]\n" + "".join(
        f"k{i}: &a{i} [" + ", ".join([f"*a{i - 1}" if i else "*a"] * 50) + "]\n" for i in range(12))
    make_content(tmp_path / "content", {"contacts.yaml": bomb})
    limit = 1024 * MIB

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    r = subprocess.run([sys.executable, str(ROOT / "build.py"), "check", "--content", "content"],
                       cwd=tmp_path, capture_output=True, text=True, timeout=120, preexec_fn=cap)
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    assert_lines(r.stderr, [("contacts.yaml", 1, "yaml", r"anchors and aliases")])


# ---- valid input that looks unusual: it builds, and builds the right thing ------------------

def _crlf_everywhere(path: Path, content: Path) -> None:
    for p in content.rglob("*"):
        if p.suffix in (".md", ".yaml"):
            p.write_bytes(b"\xef\xbb\xbf" + p.read_bytes().replace(b"\n", b"\r\n"))


def _cr_only(path: Path, content: Path) -> None:
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r"))


def _large_page(path: Path, content: Path) -> None:
    paragraph = "Ett stycke om företagande i kommunen. " * 20 + "\n\n"
    path.write_text("---\ntitle: Lång sida\n---\n" + paragraph * (MIB // len(paragraph))
                    + "Sista raden.\n", encoding="utf-8")


VALID = [
    ("bom-and-crlf-in-every-file", {"site.yaml": _crlf_everywhere}, "nyheter/strategi/index.html",
     ["Strategi", "Strategin."]),
    ("cr-only-line-endings", {STRATEGI: _cr_only}, "nyheter/strategi/index.html", ["Strategin."]),
    ("tab-inside-a-value", {"index.md": ("summary: Startsidan.", "summary: 'Start\tsidan.'")},
     "index.html", ["Start\tsidan."]),
    ("large-page-under-the-limit", {"nyheter/lang.md": _large_page}, "nyheter/lang/index.html",
     ["Lång sida", "Sista raden."]),
    ("svg-with-embedded-png", {"logo.svg": '<svg xmlns="http://www.w3.org/2000/svg">'
                               '<image href="data:image/png;base64,iVBORw0KGgo="/></svg>\n'}, "logo.svg", []),
    ("plain-html-file", {"om/gammal.html": "<!doctype html>\n<title>x</title>\n<p>Hej</p>\n"},
     "om/gammal.html", ["<p>Hej</p>"]),
    ("link-inside-the-folder", {"nyheter/bild.png": _symlink("../bild.png")}, "nyheter/bild.png", []),
    ("template-looking-text", {STRATEGI: ("Strategin.", "Strategin {{ 7*7 }} {% if 1 %}x{% endif %}.")},
     "nyheter/strategi/index.html", ["Strategin {{ 7*7 }} {% if 1 %}x{% endif %}."]),
]


@pytest.mark.parametrize("name,edits,page,expected", VALID, ids=[v[0] for v in VALID])
def test_unusual_but_valid_content_builds(name, edits, page, expected, tmp_path: Path,
                                          monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    make_content(tmp_path / "content", edits)
    code, _, stderr = run_main("build", "--content", "content", "--output", "out",
                               "--date", BUILD_DATE, "--strict")
    assert code == 0, stderr
    built = tmp_path / "out" / page
    if page.endswith((".svg", ".png")):  # published under a fingerprinted name (a raster
        stem, suffix = page.rsplit(".", 1)  # image as versions: stem-<width>.<hash>.png)
        built = next((tmp_path / "out").glob(f"{stem}.*.{suffix}"),
                     next((tmp_path / "out").glob(f"{stem}-*.*.{suffix}"), built))
    assert built.is_file()
    if expected:
        html = built.read_text(encoding="utf-8")
        for text in expected:
            assert text in html, text
    if name == "link-inside-the-folder":  # the linked picture, made as a real file
        from PIL import Image
        with Image.open(BASE / "bild.png") as source, Image.open(built) as made:
            width = made.size[0]
            assert made.size == (width, round(width * source.height / source.width))
        assert not built.is_symlink()
