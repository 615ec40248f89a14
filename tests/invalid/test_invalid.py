"""Broken content folders: every mistake is reported as ``path:line: field: message`` on stderr,
the build exits 1 without a traceback, and the previous output stays exactly as it was.

Each case starts from the valid site in ``tests/sites/minimal`` and makes one mistake (the last
case makes several). Edits are ``{path inside content: change}`` where a change is
``(old, new)`` (replace the first ``old`` in the file), a ``str``/``bytes`` (the whole file),
``None`` (delete the file) or a callable ``f(path, content_dir)``.

Expected lines are ``(path inside content, line, field, message regex)``; the file path is
asserted as ``content/<path>`` because the build is run as ``--content content``. The problem
lines on stderr must be exactly the expected ones, in this order (sorted by path, then line).
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
import hashlib
import io
import os
from pathlib import Path
import re
import shutil
import subprocess
import sys
from typing import Callable, Union

import pytest

ROOT = Path(__file__).resolve().parents[2]
BASE = ROOT / "tests" / "sites" / "minimal"
BUILD_DATE = "2024-06-01"

Change = Union[tuple, str, bytes, None, Callable]


@dataclass
class Case:
    id: str
    edits: dict[str, Change]
    expected: list[tuple[str, int, str, str]]
    strict: bool = False
    xfail: str = ""


def cli(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd,
                          capture_output=True, text=True, env=env, timeout=60)


def run_main(*args: str) -> tuple[int, str, str]:
    """civicsite.cli.main in this process (much faster than a subprocess): (exit code, stdout,
    stderr). An exception escaping main fails the test, as a traceback would."""
    from civicsite.cli import main
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse
            code = exc.code
    return code, out.getvalue(), err.getvalue()


def make_content(target: Path, edits: dict[str, Change]) -> Path:
    shutil.copytree(BASE, target)
    for rel, change in edits.items():
        path = target / rel
        if change is None:
            path.unlink()
        elif callable(change):
            change(path, target)
        elif isinstance(change, tuple):
            old, new = change
            text = path.read_text(encoding="utf-8")
            assert old in text, f"test setup: {old!r} not in {rel}"
            path.write_text(text.replace(old, new, 1), encoding="utf-8")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(change, bytes):
                path.write_bytes(change)
            else:
                path.write_text(change, encoding="utf-8")
    return target


def snapshot(folder: Path) -> dict[str, str]:
    """Every file (and symlink, and empty folder) under ``folder`` with a hash of its bytes."""
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        if p.is_symlink():
            out[rel] = "link:" + os.readlink(p)
        elif p.is_file():
            out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
        elif p.is_dir() and not any(p.iterdir()):
            out[rel] = "empty dir"
    return out


def problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line and not line.startswith("civicsite:")]


def assert_lines(stderr: str, expected: list[tuple[str, int, str, str]], folder: str = "content",
                 level: str = "") -> None:
    lines = problem_lines(stderr)
    assert len(lines) == len(expected), "expected exactly these problems:\n" + "\n".join(
        f"{folder}/{p}:{n}: {f}: /{m}/" for p, n, f, m in expected) + "\ngot:\n" + stderr
    for line, (path, number, fld, message) in zip(lines, expected):
        assert fld, "every problem line names a field (`file` when no other fits)"
        prefix = f"{folder}/{path}:{number}: {level}{fld}: "
        assert line.startswith(prefix), f"{line!r} does not start with {prefix!r}"
        rest = line[len(prefix):]
        assert re.search(message, rest), f"{rest!r} does not match /{message}/"


@pytest.fixture(scope="session")
def base_output(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The valid base site built once; each case copies it as its 'previous output'."""
    work = tmp_path_factory.mktemp("base")
    shutil.copytree(BASE, work / "content")
    r = cli("build", "--content", "content", "--output", "out", "--date", BUILD_DATE, cwd=work)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    return work / "out", snapshot(work / "out")


# ---- helpers for the cases ------------------------------------------------------------------

def _symlink_to(target: str) -> Callable:
    def make(path: Path, content: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, path)
    return make


DID_YOU_MEAN = r'\(did you mean "{}"\?\)'
SVG_SCRIPT = '<svg xmlns="http://www.w3.org/2000/svg">\n<rect/>\n<script>alert(1)</script>\n</svg>\n'
SVG_ONLOAD = '<svg xmlns="http://www.w3.org/2000/svg"\n  onload="alert(1)">\n<rect/>\n</svg>\n'
IMAGE = "image:\n  src: bild.png\n  alt: En bild av kommunhuset.\n"
EVENT = "event:\n  start: 2024-03-02T08:00\n  end: 2024-03-02T10:00\n  attendance: offline\n"
NEW_PAGE = "---\ntitle: Annan sida\n---\nText.\n"


def _index_two_mistakes(path: Path, content: Path) -> None:
    """Two mistakes in one file, the second written first: the order inside a file is checked."""
    text = path.read_text(encoding="utf-8")
    text = text.replace("url: https://www.example.se\n", "url: javascript:alert(1)\n", 1)
    path.write_text(text.replace("date: 2024-01-15", "date: 2024-99-01", 1), encoding="utf-8")

CASES = [
    # -- YAML syntax ----------------------------------------------------------------------------
    Case("yaml-syntax-front-matter", {"index.md": ("title: Välkommen", "title: [Välkommen")},
         [("index.md", 3, "yaml", r"YAML syntax error.*line 2")]),
    Case("yaml-syntax-site", {"site.yaml": ("language: sv", "language: : sv")},
         [("site.yaml", 3, "yaml", r"YAML syntax error")]),
    Case("yaml-syntax-contacts", {"contacts.yaml": ("  name: Kundcenter", "  name: Kundcenter\n name2: x")},
         [("contacts.yaml", 3, "yaml", r"YAML syntax error")]),
    Case("yaml-syntax-hours-unclosed-quote",
         {"hours.yaml": ("        fre: 08.00-16.00", '        fre: "08.00-16.00')},
         [("hours.yaml", 20, "yaml", r"YAML syntax error.*begins on line 9")]),
    Case("yaml-syntax-hours-indentation",
         {"hours.yaml": ("  closed_on_holidays: true", "  closed_on_holidays: true\n bad")},
         [("hours.yaml", 16, "yaml", r"YAML syntax error")]),
    Case("yaml-anchor-in-contacts",
         {"contacts.yaml": ("kundcenter:\n  name: Kundcenter", "kundcenter: &kc\n  name: Kundcenter")},
         [("contacts.yaml", 1, "yaml", r"anchors and aliases")]),
    Case("yaml-alias-in-front-matter",
         {"index.md": ("summary: Startsidan.", "summary: &s Startsidan.\ntags: [*s]")},
         [("index.md", 3, "yaml", r"anchors and aliases")]),
    Case("control-character-in-front-matter", {"index.md": ("summary: Startsidan.", "summary: Start\x07sidan.")},
         [("index.md", 3, "yaml", r"control character")]),
    Case("control-character-in-site-yaml", {"site.yaml": ("language: sv", "language: s\x01v")},
         [("site.yaml", 3, "yaml", r"control character")]),
    Case("multi-line-value-stays-on-one-line", {"index.md": ("date: 2024-01-15", "date: |\n  15 januari\n  2024")},
         [("index.md", 4, "date", r'YYYY-MM-DD.*"15 januari 2024')]),
    Case("yaml-duplicate-key", {"index.md": ("summary: Startsidan.", "summary: Startsidan.\ntitle: Igen")},
         [("index.md", 4, "title", r"duplicate key.*line 2")]),
    # -- front matter ---------------------------------------------------------------------------
    Case("front-matter-not-closed", {"nyheter/strategi.md": "---\ntitle: Strategi\nText.\n"},
         [("nyheter/strategi.md", 1, "front matter", r"front matter is not closed")]),
    Case("front-matter-missing", {"nyheter/strategi.md": "title: Strategi\nText.\n"},
         [("nyheter/strategi.md", 1, "front matter", r"must start with front matter")]),
    Case("front-matter-is-a-list", {"nyheter/strategi.md": "---\n- title: Strategi\n---\nText.\n"},
         [("nyheter/strategi.md", 2, "file", r"expected a set of `key: value` fields, found a list")]),
    Case("missing-title", {"nyheter/strategi.md": ("title: Strategi\n", "")},
         [("nyheter/strategi.md", 1, "title", r"required field is missing")]),
    Case("empty-title", {"nyheter/strategi.md": ("title: Strategi", "title: ''")},
         [("nyheter/strategi.md", 3, "title", r"must not be empty")]),
    Case("unknown-kind", {"nyheter/strategi.md": ("kind: strategy", "kind: stratgy")},
         [("nyheter/strategi.md", 2, "kind", r'"stratgy".*' + DID_YOU_MEAN.format("strategy"))]),
    Case("unknown-field-strict", {"nyheter/strategi.md": ("status: draft", "status: draft\nsumary: x")},
         [("nyheter/strategi.md", 8, "sumary", r"unknown field.*" + DID_YOU_MEAN.format("summary"))],
         strict=True),
    Case("unknown-nested-field-strict", {"nyheter/workshop.md": ("  attendance: offline",
                                                                 "  attendance: offline\n  locaton: Här")},
         [("nyheter/workshop.md", 8, "event.locaton", r"unknown field.*" + DID_YOU_MEAN.format("location"))],
         strict=True),
    Case("unknown-contact-field-strict", {"contacts.yaml": ("  name: Kundcenter",
                                                            "  name: Kundcenter\n  telefon: 0220-24000")},
         [("contacts.yaml", 3, "kundcenter.telefon", r"unknown field.*" + DID_YOU_MEAN.format("phone"))],
         strict=True),
    Case("unknown-site-field-strict", {"site.yaml": ("language: sv", "language: sv\nbase-url: x")},
         [("site.yaml", 4, "base-url", r"unknown field.*" + DID_YOU_MEAN.format("base_url"))],
         strict=True),
    Case("list-where-mapping-expected", {"nyheter/workshop.md": (EVENT, "event:\n  - 2024-03-02T08:00\n")},
         [("nyheter/workshop.md", 5, "event[0]", r'expected a set of `key: value` fields, found "2024-03-02T08:00"')]),
    Case("image-is-a-list", {"index.md": (IMAGE, "image: [bild.png]\n")},
         [("index.md", 5, "image", r"found a list")]),
    Case("mapping-where-list-expected", {"index.md": ("summary: Startsidan.", "summary: Startsidan.\ntags:\n  a: b")},
         [("index.md", 4, "tags", r"expected a list")]),
    Case("draft-not-boolean", {"nyheter/utkast.md": ("draft: true", "draft: kanske")},
         [("nyheter/utkast.md", 3, "draft", r'true or false.*"kanske"')]),
    Case("draft-is-validated-too", {"nyheter/utkast.md": ("title: Utkast", "title: Utkast\ndate: igår")},
         [("nyheter/utkast.md", 3, "date", r'YYYY-MM-DD.*"igår"')]),
    # -- dates and enums ------------------------------------------------------------------------
    Case("bad-date", {"index.md": ("date: 2024-01-15", "date: 2024-13-45")},
         [("index.md", 4, "date", r'YYYY-MM-DD.*"2024-13-45"')]),
    Case("bad-date-format", {"index.md": ("date: 2024-01-15", "date: 15/1 2024")},
         [("index.md", 4, "date", r'YYYY-MM-DD.*"15/1 2024"')]),
    Case("bad-event-datetime", {"nyheter/workshop.md": ("start: 2024-03-02T08:00", "start: 2024-03-02T25:00")},
         [("nyheter/workshop.md", 5, "event.start", r'"2024-03-02T25:00"')]),
    Case("event-ends-before-start", {"nyheter/workshop.md": ("end: 2024-03-02T10:00", "end: 2024-03-02T07:00")},
         [("nyheter/workshop.md", 6, "event.end", r"ends before it starts")]),
    Case("strategy-period-ends-before-start", {"nyheter/strategi.md": ("end: 2028", "end: 2020")},
         [("nyheter/strategi.md", 6, "period.end", r"ends \(2020\) before it starts \(2024\)")]),
    Case("bad-status", {"nyheter/strategi.md": ("status: draft", "status: adoptd")},
         [("nyheter/strategi.md", 7, "status", r"must be one of.*" + DID_YOU_MEAN.format("adopted"))]),
    Case("bad-attendance", {"nyheter/workshop.md": ("attendance: offline", "attendance: ofline")},
         [("nyheter/workshop.md", 7, "event.attendance", DID_YOU_MEAN.format("offline"))]),
    Case("visits-planned-not-a-number", {"nyheter/besokssprint.md": ("planned: 30", "planned: trettio")},
         [("nyheter/besokssprint.md", 9, "visits.planned", r'whole number.*"trettio"')]),
    Case("participant-without-name", {"nyheter/besokssprint.md": ("    - name: Cia Carlsson",
                                                                  "    - title: Cia Carlsson")},
         [("nyheter/besokssprint.md", 20, "participants.people[2].name", r"required field is missing")]),
    # -- images and files -----------------------------------------------------------------------
    Case("image-without-alt", {"index.md": ("  alt: En bild av kommunhuset.\n", "")},
         [("index.md", 5, "image", r"`alt:`.*decorative: true")]),
    Case("image-src-missing", {"index.md": ("src: bild.png", "src: bilt.png")},
         [("index.md", 6, "image.src", r'"bilt.png" not found.*' + DID_YOU_MEAN.format("bild.png"))]),
    Case("image-src-escapes", {"index.md": ("src: bild.png", "src: ../../etc/passwd")},
         [("index.md", 6, "image.src", r"leads outside the content folder")]),
    Case("document-src-escapes", {"nyheter/strategi.md": ("status: draft", "status: draft\ndocuments:\n"
                                                          "  - title: Plan\n    src: ../../../hemlig.pdf")},
         [("nyheter/strategi.md", 10, "documents[0].src", r"leads outside the content folder")]),
    Case("non-utf8-page", {"nyheter/strategi.md": "---\ntitle: Strategi\n---\nR\xe4tt\n".encode("latin-1")},
         [("nyheter/strategi.md", 4, "encoding", r"not UTF-8")]),
    Case("non-utf8-contacts", {"contacts.yaml": (BASE / "contacts.yaml").read_text(encoding="utf-8")
                               .replace("Anna Andersson", "Anna Änderssön").encode("latin-1")},
         [("contacts.yaml", 7, "encoding", r"not UTF-8")]),
    Case("symlink-file-outside", {"losen.txt": _symlink_to("/etc/passwd")},
         [("losen.txt", 1, "file", r"link that leads outside the content folder")]),
    Case("symlink-folder-outside", {"etc": _symlink_to("/etc")},
         [("etc", 1, "file", r"link that leads outside the content folder")]),
    Case("svg-with-script", {"logo.svg": SVG_SCRIPT}, [("logo.svg", 3, "svg", r"SVG.*scripts")]),
    Case("svg-with-onload", {"logo.svg": SVG_ONLOAD}, [("logo.svg", 2, "svg", r"SVG.*event handlers")]),
    # -- URLs -----------------------------------------------------------------------------------
    Case("slug-with-dotdot", {"nyheter/strategi.md": ("status: draft", "status: draft\nslug: ../admin")},
         [("nyheter/strategi.md", 8, "slug", r'"\.\./admin" is not a valid URL segment')]),
    Case("slug-with-capitals-and-spaces", {"nyheter/strategi.md": ("status: draft", "status: draft\nslug: Ny Strategi")},
         [("nyheter/strategi.md", 8, "slug", r'not a valid URL segment.*"ny-strategi"')]),
    Case("two-pages-one-url", {"nyheter/strategi/index.md": NEW_PAGE},
         [("nyheter/strategi/index.md", 1, "url", r"/nyheter/strategi/.*content/nyheter/strategi\.md")]),
    Case("file-and-page-one-url", {"Nyheter/besokssprint/index.html": "<p>x</p>\n"},
         [("Nyheter/besokssprint/index.html", 1, "url", r"already used by content/nyheter/besokssprint\.md")]),
    Case("javascript-url-in-related", {"index.md": ("url: https://www.example.se\n", "url: javascript:alert(1)\n")},
         [("index.md", 12, "related[0].url", r'"javascript:" links are not allowed')]),
    Case("data-url-in-related", {"index.md": ("url: https://www.example.se\n", "url: data:text/html,x\n")},
         [("index.md", 12, "related[0].url", r'"data:" links are not allowed')]),
    Case("vbscript-url-in-related", {"index.md": ("url: https://www.example.se\n", "url: vbscript:msgbox(1)\n")},
         [("index.md", 12, "related[0].url", r'"vbscript:" links are not allowed')]),
    Case("javascript-url-disguised-in-signup", {"nyheter/besokssprint.md": (
        "url: https://www.example.se/anmalan", "url: ' JavaScript:alert(1)'")},
         [("nyheter/besokssprint.md", 12, "signup.url", r'"javascript:" links are not allowed')]),
    Case("javascript-link-in-markdown-body", {"index.md": ("[kommunen](https://www.example.se)",
                                                          "[kommunen](javascript:alert(1))")},
         [("index.md", 14, "body", r'"javascript:" links are not allowed')]),
    Case("data-link-in-markdown-reference", {"index.md": ("::: hours kundcenter",
                                                         "::: hours kundcenter\n\n[x]: data:text/html,x")},
         [("index.md", 20, "body", r'"data:" links are not allowed')]),
    Case("related-without-url", {"index.md": ("    url: https://www.example.se\n", "")},
         [("index.md", 11, "related[0].url", r"required field is missing")]),
    # -- references -----------------------------------------------------------------------------
    Case("unknown-contact-id", {"index.md": ("contacts: [kundcenter]", "contacts: [kundcentr]")},
         [("index.md", 8, "contacts[0]", r'unknown contact "kundcentr".*' + DID_YOU_MEAN.format("kundcenter"))]),
    Case("unknown-hours-id", {"index.md": ("hours: [kundcenter]", "hours: [kundcentre]")},
         [("index.md", 9, "hours[0]", r'"kundcentre".*' + DID_YOU_MEAN.format("kundcenter"))]),
    Case("unknown-participant-contact-id", {"nyheter/besokssprint.md": ("    - anna-andersson", "    - anna-anderson")},
         [("nyheter/besokssprint.md", 17, "participants.people[0]",
           r'unknown contact "anna-anderson".*' + DID_YOU_MEAN.format("anna-andersson"))]),
    Case("unknown-hours-id-in-contacts", {"contacts.yaml": ("  hours: kundcenter", "  hours: kundcentr")},
         [("contacts.yaml", 5, "kundcenter.hours", r'"kundcentr".*' + DID_YOU_MEAN.format("kundcenter"))]),
    Case("unknown-contact-in-footer", {"site.yaml": ("contacts: [kundcenter]", "contacts: [kundcentr]")},
         [("site.yaml", 8, "footer.contacts[0]", DID_YOU_MEAN.format("kundcenter"))]),
    Case("directive-unknown-contact", {"index.md": ("::: contact anna-andersson", "::: contact nobody")},
         [("index.md", 16, "::: contact", r'unknown contact "nobody"')]),
    Case("directive-unknown-hours", {"index.md": ("::: hours kundcenter", "::: hours kundcentr")},
         [("index.md", 18, "::: hours", DID_YOU_MEAN.format("kundcenter"))]),
    Case("directive-contact-without-id", {"index.md": ("::: contact anna-andersson", "::: contact")},
         [("index.md", 16, "::: contact", r"needs an id")]),
    Case("directive-unknown", {"index.md": ("::: contact anna-andersson", "::: unknown-directive")},
         [("index.md", 16, "::: unknown-directive", r'unknown block "unknown-directive"')]),
    Case("directive-misspelt", {"index.md": ("::: contact anna-andersson", "::: contct anna-andersson")},
         [("index.md", 16, "::: contct", r"unknown block.*" + DID_YOU_MEAN.format("contact"))]),
    Case("directive-participants-without-participants", {"index.md": ("::: contact anna-andersson",
                                                                      "::: participants")},
         [("index.md", 16, "::: participants", r"no `participants:`")]),
    # -- contacts -------------------------------------------------------------------------------
    Case("bad-phone-letters", {"contacts.yaml": ("phone: 0220-24660", "phone: 0220-2466x")},
         [("contacts.yaml", 9, "anna-andersson.phone", r'"0220-2466x" is not a phone number')]),
    Case("bad-phone-too-short", {"contacts.yaml": ("phone: 0220-24660", "phone: 12")},
         [("contacts.yaml", 9, "anna-andersson.phone", r'"12" is not a valid phone number')]),
    Case("bad-phone-in-accessibility-feedback", {"tillganglighet.md": ("  phone: 0220-24000", "  phone: 555")},
         [("tillganglighet.md", 10, "feedback.phone", r'"555" is not a valid phone number')]),
    Case("bad-email", {"contacts.yaml": ("email: anna.andersson@example.se", "email: anna.andersson(at)example.se")},
         [("contacts.yaml", 10, "anna-andersson.email", r"not a valid e-mail address")]),
    Case("contact-entry-not-a-mapping", {"contacts.yaml": (
        "anna-andersson:\n  name: Anna Andersson\n  title: Näringslivschef\n  phone: 0220-24660\n"
        "  email: anna.andersson@example.se\n", "anna-andersson: Anna Andersson\n")},
         # one error: the pages using anna-andersson do not each report it as unknown as well
         [("contacts.yaml", 6, "anna-andersson", r"expected the contact's fields")]),
    Case("contacts-file-is-a-list", {"contacts.yaml": "- kundcenter\n- anna-andersson\n"},
         [("contacts.yaml", 1, "file", r"expected a set of `key: value` fields, found a list")]),
    # -- hours ----------------------------------------------------------------------------------
    Case("hours-schedule-not-a-mapping", {"hours.yaml": ("kundcenter:\n  title: Öppettider i kundcenter\n",
                                                       "kundcenter: x\nannat:\n  title: Öppettider i kundcenter\n")},
         [("hours.yaml", 1, "kundcenter", r'expected a set of `key: value` fields, found "x"')]),
    Case("hours-unknown-day", {"hours.yaml": ("        fre: 08.00-16.00", "        fredg: 08.00-16.00")},
         [("hours.yaml", 9, "kundcenter.seasons[0].week.fredg", r'unknown day "fredg".*'
           + DID_YOU_MEAN.format("fredag"))]),
    Case("hours-impossible-time", {"hours.yaml": ("        fre: 08.00-16.00", "        fre: 08.00-25.00")},
         [("hours.yaml", 9, "kundcenter.seasons[0].week.fre", r"25\.00")]),
    Case("hours-closing-before-opening", {"hours.yaml": ("        fre: 08.00-16.00", "        fre: 16.00-08.00")},
         [("hours.yaml", 9, "kundcenter.seasons[0].week.fre", r"closes.*before it opens")]),
    Case("hours-overlapping-seasons", {"hours.yaml": ("      from: 06-01", "      from: 05-01")},
         [("hours.yaml", 10, "kundcenter.seasons[1]", r'overlaps season "vintertid"')]),
    Case("hours-season-date-02-30", {"hours.yaml": ("      to: 08-31", "      to: 02-30")},
         [("hours.yaml", 12, "kundcenter.seasons[1].to", r'"02-30" is not a date')]),
    Case("hours-exception-bad-date", {"hours.yaml": ("    - date: 2024-12-23", "    - date: 2024-12-32")},
         [("hours.yaml", 17, "kundcenter.exceptions[0].date", r'"2024-12-32"')]),
    Case("hours-unknown-field-strict", {"hours.yaml": ("  closed_on_holidays: true", "  closed_on_holiday: true")},
         [("hours.yaml", 15, "kundcenter.closed_on_holiday", r"unknown field.*"
           + DID_YOU_MEAN.format("closed_on_holidays"))], strict=True),
    # -- the site -------------------------------------------------------------------------------
    Case("missing-site-yaml", {"site.yaml": None}, [("site.yaml", 1, "file", r"no site\.yaml")]),
    Case("data-file-in-a-sub-folder-strict", {"om/contacts.yaml": "kundcenter:\n  name: X\n"},
         [("om/contacts.yaml", 1, "file", r"contacts\.yaml is read only at the top of the content "
           r"folder; this copy is published as a plain file")], strict=True),
    Case("no-accessibility-statement-strict", {"tillganglighet.md": None},
         [("site.yaml", 1, "accessibility", r"no accessibility statement")], strict=True),
    Case("site-without-organisation", {"site.yaml": ("organisation:\n  name: Testkommun\n"
                                                     "  url: https://www.example.se\n", "")},
         [("site.yaml", 1, "organisation", r"required field is missing")]),
    Case("site-organisation-without-name", {"site.yaml": ("  name: Testkommun\n", "")},
         [("site.yaml", 4, "organisation.name", r"required field is missing")]),
    Case("site-color-fails-contrast", {"site.yaml": ("language: sv", 'language: sv\ncolors:\n  link: "#0a58a3"\n  primary: "#7fb2d9"')},
         [("site.yaml", 6, "colors.primary", r'"#7fb2d9" has a contrast of 2\.\d\d:1 against the white text of the header '
           r"and buttons on it; WCAG 2\.1 AA needs at least 4\.5:1")]),
    Case("site-color-not-hex", {"site.yaml": ("language: sv", "language: sv\ncolors: {text: blue}")},
         [("site.yaml", 4, "colors.text", r'expected a colour written #rrggbb such as "#0b4f6c", found "blue"')]),
    Case("site-color-unknown-field", {"site.yaml": ("language: sv", 'language: sv\ncolors: {primray: "#000000"}')},
         [("site.yaml", 4, "colors.primray", r'unknown field, ignored \(did you mean "primary"\?\)')], strict=True),
    Case("two-accessibility-pages", {"om/tillganglighet.md": "---\nkind: accessibility\ntitle: Igen\n---\nx\n"},
         [("tillganglighet.md", 1, "kind", r"already an accessibility statement \(content/om/tillganglighet\.md\)")]),
    # -- several mistakes in several files, all reported in one run, sorted ----------------------
    Case("several-mistakes-sorted", {
        "site.yaml": ("contacts: [kundcenter]", "contacts: [kundcentr]"),
        "index.md": _index_two_mistakes,
        "nyheter/strategi.md": ("status: draft", "status: adoptd"),
        "nyheter/besokssprint.md": ("planned: 30", "planned: trettio"),
        "contacts.yaml": ("phone: 0220-24660", "phone: 12"),
        "hours.yaml": ("        fre: 08.00-16.00", "        fre: 08.00-25.00"),
        "tillganglighet.md": ("  phone: 0220-24000", "  phone: 555"),
        "nyheter/workshop.md": ("end: 2024-03-02T10:00", "end: 2024-03-02T07:00"),
    }, [
        ("contacts.yaml", 9, "anna-andersson.phone", r"not a valid phone number"),
        ("hours.yaml", 9, "kundcenter.seasons[0].week.fre", r"25\.00"),
        ("index.md", 4, "date", r'"2024-99-01"'),
        ("index.md", 12, "related[0].url", r'"javascript:"'),
        ("nyheter/besokssprint.md", 9, "visits.planned", r"whole number"),
        ("nyheter/strategi.md", 7, "status", r"adoptd"),
        ("nyheter/workshop.md", 6, "event.end", r"ends before it starts"),
        ("site.yaml", 8, "footer.contacts[0]", r"kundcentr"),
        ("tillganglighet.md", 10, "feedback.phone", r'"555"'),
    ]),
]


def _params() -> list:
    return [pytest.param(case, id=case.id, marks=[pytest.mark.xfail(strict=True, reason=case.xfail)]
                         if case.xfail else []) for case in CASES]


def test_enough_cases():
    assert len(CASES) >= 45
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", _params())
def test_broken_content(case: Case, tmp_path: Path, base_output, monkeypatch) -> None:
    base_out, before = base_output
    monkeypatch.chdir(tmp_path)
    make_content(tmp_path / "content", case.edits)
    out = tmp_path / "out"
    shutil.copytree(base_out, out, symlinks=True)
    assert snapshot(out) == before
    around = sorted(p.name for p in tmp_path.iterdir())

    args = ["build", "--content", "content", "--output", "out", "--date", BUILD_DATE]
    code, stdout, stderr = run_main(*args, *(["--strict"] if case.strict else []))

    assert "Traceback" not in stderr, stderr
    assert code == 1, stderr
    assert_lines(stderr, case.expected)
    assert stdout == ""
    # the failed build left the previous output byte for byte as it was, and nothing beside it
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == around


@pytest.mark.parametrize("case", [c for c in CASES if c.id in (
    "several-mistakes-sorted", "unknown-field-strict", "missing-site-yaml", "symlink-file-outside")],
    ids=lambda c: c.id)
def test_check_reports_the_same_and_writes_nothing(case: Case, tmp_path: Path) -> None:
    make_content(tmp_path / "content", case.edits)
    strict = ["--strict"] if case.strict else []
    before = snapshot(tmp_path)
    c = cli("check", "--content", "content", *strict, cwd=tmp_path)
    assert c.returncode == 1 and "Traceback" not in c.stderr
    assert snapshot(tmp_path) == before
    assert_lines("\n".join(l for l in c.stderr.splitlines() if ": note: " not in l), case.expected)


def test_unknown_field_is_a_warning_without_strict(tmp_path: Path) -> None:
    make_content(tmp_path / "content", {"nyheter/strategi.md": ("status: draft", "status: draft\nsumary: x")})
    r = cli("build", "--content", "content", "--output", "out", "--date", BUILD_DATE, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert_lines(r.stderr, [("nyheter/strategi.md", 8, "sumary",
                             r"unknown field.*" + DID_YOU_MEAN.format("summary"))], level="warning: ")
    assert (tmp_path / "out" / "nyheter" / "strategi" / "index.html").is_file()


@pytest.mark.parametrize("given", ["content/", "./content", "ABS"])
def test_path_is_the_content_folder_as_given(given: str, tmp_path: Path) -> None:
    make_content(tmp_path / "content", {"index.md": ("date: 2024-01-15", "date: 2024-13-45")})
    folder = str(tmp_path / "content") if given == "ABS" else given
    r = cli("check", "--content", folder, cwd=tmp_path)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    shown = folder.rstrip("/")
    assert_lines(r.stderr, [("index.md", 4, "date", r"2024-13-45")], folder=shown)


def test_yaml_error_line_counts_from_top_of_page(tmp_path: Path) -> None:
    """Front matter lines are file lines, also deep in a long front matter with CRLF and a BOM."""
    page = "\ufeff---\r\ntitle: Strategi\r\nsummary: En.\r\ntags:\r\n  - a\r\n  - b: [\r\n---\r\nText\r\n"
    make_content(tmp_path / "content", {"nyheter/strategi.md": page.encode("utf-8")})
    r = cli("check", "--content", "content", cwd=tmp_path)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    lines = problem_lines(r.stderr)
    assert len(lines) == 1 and re.match(r"content/nyheter/strategi\.md:[67]: yaml: YAML syntax error",
                                        lines[0]), r.stderr


def test_bom_and_crlf_are_fine(tmp_path: Path) -> None:
    make_content(tmp_path / "content", {"nyheter/strategi.md":
                                        b"\xef\xbb\xbf---\r\ntitle: Strategi\r\n---\r\nText\r\n"})
    r = cli("check", "--content", "content", "--strict", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
