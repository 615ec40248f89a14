"""Broken content folders: every mistake is reported as ``path:line: field: message`` on stderr,
in Swedish (the product's language: this module sets it), the build exits 1 without a traceback,
and the previous output stays exactly as it was.

Each case starts from the valid site in ``tests/sites/minimal`` and makes one mistake (the last
case makes several). Edits are ``{path inside content: change}`` where a change is
``(old, new)`` (replace the first ``old`` in the file), a ``str``/``bytes`` (the whole file),
``None`` (delete the file) or a callable ``f(path, content_dir)``.

Expected lines are ``(path inside content, line, field, message)``, the message exactly as the
editor reads it; the file path is asserted as ``content/<path>`` because the build is run as
``--content content``. The problem lines on stderr must be exactly the expected ones, in this
order (sorted by path, then line).
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

from civicsite.core import messages

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


SWEDISH = {**os.environ, "CIVICSITE_LANG": "sv"}


@pytest.fixture(autouse=True, scope="module")
def swedish():
    """The messages of these tests are the Swedish ones editors read (the suite's default is
    English)."""
    before = messages.language()
    messages.set_language("sv")
    yield
    messages.set_language(before)


def cli(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd,
                          capture_output=True, text=True, env=env or SWEDISH, timeout=60)


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
        f"{folder}/{p}:{n}: {f}: {m}" for p, n, f, m in expected) + "\ngot:\n" + stderr
    for line, (path, number, fld, message) in zip(lines, expected):
        assert fld, "every problem line names a field (`fil` when no other fits)"
        assert line == f"{folder}/{path}:{number}: {level}{fld}: {message}"


def assert_lines_like(stderr: str, expected: list[tuple[str, int, str, str]],
                      folder: str = "content", level: str = "") -> None:
    """As :func:`assert_lines`, each message a regular expression searched for (for tests of
    one rule's wording in English, whose exact Swedish text test_invalid.py pins)."""
    lines = problem_lines(stderr)
    assert len(lines) == len(expected), "expected exactly these problems:\n" + "\n".join(
        f"{folder}/{p}:{n}: {f}: /{m}/" for p, n, f, m in expected) + "\ngot:\n" + stderr
    for line, (path, number, fld, message) in zip(lines, expected):
        prefix = f"{folder}/{path}:{number}: {level}{fld}: "
        assert line.startswith(prefix), f"{line!r} does not start with {prefix!r}"
        assert re.search(message, line[len(prefix):]), f"{line!r} does not match /{message}/"


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


SVG_SCRIPT = '<svg xmlns="http://www.w3.org/2000/svg">\n<rect/>\n<script>alert(1)</script>\n</svg>\n'
SVG_ONLOAD = '<svg xmlns="http://www.w3.org/2000/svg"\n  onload="alert(1)">\n<rect/>\n</svg>\n'
IMAGE = "image:\n  src: bild.png\n  alt: En bild av kommunhuset.\n"
EVENT = "event:\n  start: 2024-03-02T08:00\n  end: 2024-03-02T10:00\n  attendance: offline\n"
NEW_PAGE = "---\ntitle: Annan sida\n---\nText.\n"
COLON = ("skriv ett fält som `namn: värde` (kolon och mellanslag efter namnet), eller dra in raden med "
         "mellanslag om den fortsätter texten ovanför")


def _index_two_mistakes(path: Path, content: Path) -> None:
    """Two mistakes in one file, the second written first: the order inside a file is checked."""
    text = path.read_text(encoding="utf-8")
    text = text.replace("url: https://www.example.se\n", "url: javascript:alert(1)\n", 1)
    path.write_text(text.replace("date: 2024-01-15", "date: 2024-99-01", 1), encoding="utf-8")

CASES = [
    # -- YAML syntax ----------------------------------------------------------------------------
    Case("yaml-syntax-front-matter", {"index.md": ("title: Välkommen", "title: [Välkommen")},
         [('index.md', 2, 'YAML', '[ som börjar på den här raden avslutas aldrig; avsluta listan med ]')]),
    Case("yaml-syntax-site", {"site.yaml": ("language: sv", "language: : sv")},
         [('site.yaml', 3, 'YAML', 'texten innehåller ": " (kolon och mellanslag), som YAML läser som ett nytt fält; sätt citattecken runt hela texten: language: ": sv"')]),
    Case("yaml-syntax-contacts", {"contacts.yaml": ("  name: Kundcenter", "  name: Kundcenter\n name2: x")},
         [('contacts.yaml', 3, 'YAML', 'fältet "name2" står inte rakt under fältet "name" ovanför (kolumn 3); fält på samma nivå ska börja i samma kolumn')]),
    Case("yaml-syntax-hours-unclosed-quote", {"hours.yaml": ("        fre: 08.00-16.00", '        fre: "08.00-16.00')},
         [('hours.yaml', 9, 'YAML', 'citattecknet " som börjar på den här raden avslutas aldrig; lägg till " efter texten')]),
    Case("yaml-syntax-hours-indentation", {"hours.yaml": ("  closed_on_holidays: true", "  closed_on_holidays: true\n bad")},
         [('hours.yaml', 16, 'YAML', 'raden "bad" saknar kolon; skriv ett fält som `namn: värde` (kolon och mellanslag efter namnet), eller dra in raden med mellanslag om den fortsätter texten ovanför')]),
    Case("yaml-anchor-in-contacts", {"contacts.yaml": ("kundcenter:\n  name: Kundcenter", "kundcenter: &kc\n  name: Kundcenter")},
         [('contacts.yaml', 1, 'YAML', 'ett värde kan inte börja med & i YAML (det läses som en hänvisning till ett annat värde); skriv ut värdet, och sätt citattecken runt text som börjar med &')]),
    Case("yaml-alias-in-front-matter", {"index.md": ("summary: Startsidan.", "summary: &s Startsidan.\ntags: [*s]")},
         [('index.md', 3, 'YAML', 'ett värde kan inte börja med & i YAML (det läses som en hänvisning till ett annat värde); skriv ut värdet, och sätt citattecken runt text som börjar med &')]),
    Case("control-character-in-front-matter", {"index.md": ("summary: Startsidan.", "summary: Start\x07sidan.")},
         [('index.md', 3, 'YAML', 'ett osynligt styrtecken (U+0007) i kolumn 15, som inte är tillåtet; radera det, eller skriv raden på nytt')]),
    Case("control-character-in-site-yaml", {"site.yaml": ("language: sv", "language: s\x01v")},
         [('site.yaml', 3, 'YAML', 'ett osynligt styrtecken (U+0001) i kolumn 12, som inte är tillåtet; radera det, eller skriv raden på nytt')]),
    Case("multi-line-value-stays-on-one-line", {"index.md": ("date: 2024-01-15", "date: |\n  15 januari\n  2024")},
         [('index.md', 4, 'date', 'här ska det stå ett datum skrivet ÅÅÅÅ-MM-DD, till exempel 2021-05-18, men det står "15 januari 2024 "')]),
    Case("yaml-duplicate-key", {"index.md": ("summary: Startsidan.", "summary: Startsidan.\ntitle: Igen")},
         [('index.md', 4, 'title', 'fältet finns redan på rad 2; ta bort det ena')]),
    # -- front matter ---------------------------------------------------------------------------
    Case("front-matter-not-closed", {"nyheter/strategi.md": "---\ntitle: Strategi\nText.\n"},
         [('nyheter/strategi.md', 1, 'inledning', 'inledningen är inte avslutad; lägg till en rad --- efter det sista fältet')]),
    Case("front-matter-missing", {"nyheter/strategi.md": "title: Strategi\nText.\n"},
         [('nyheter/strategi.md', 1, 'inledning', 'en sida måste börja med en inledning: en rad ---, sedan fält som `title: …`, sedan en rad --- till')]),
    Case("front-matter-is-a-list", {"nyheter/strategi.md": "---\n- title: Strategi\n---\nText.\n"},
         [('nyheter/strategi.md', 2, 'fil', 'här ska det stå fält (`namn: värde`) på egna, indragna rader, men det står en lista')]),
    Case("missing-title", {"nyheter/strategi.md": ("title: Strategi\n", "")},
         [('nyheter/strategi.md', 1, 'title', 'fältet saknas men måste finnas; skriv till exempel `title: Ny näringslivsstrategi`')]),
    Case("empty-title", {"nyheter/strategi.md": ("title: Strategi", "title: ''")},
         [('nyheter/strategi.md', 3, 'title', 'får inte vara tomt; skriv ett värde, eller ta bort raden om fältet inte behövs')]),
    Case("unknown-kind", {"nyheter/strategi.md": ("kind: strategy", "kind: stratgy")},
         [('nyheter/strategi.md', 2, 'kind', 'måste vara ett av page, strategy, workshop, sprint, accessibility, news, men här står "stratgy" (menade du "strategy"?)')]),
    # a misspelt field name loses its value: an error without --strict (issue 18)
    Case("unknown-field-misspelt", {"nyheter/strategi.md": ("status: draft", "status: draft\nsumary: x")},
         [('nyheter/strategi.md', 8, 'sumary', 'okänt fält (menade du "summary"?); värdet används inte förrän namnet är rätt')]),
    Case("unknown-field-strict", {"nyheter/strategi.md": ("status: draft", "status: draft\nxyzzy: x")},
         [('nyheter/strategi.md', 8, 'xyzzy', 'okänt fält; det används inte (stavfel, eller ett fält som inte finns?)')], strict=True),
    Case("unknown-nested-field", {"nyheter/workshop.md": ("  attendance: offline",
                                                          "  attendance: offline\n  locaton: Här")},
         [('nyheter/workshop.md', 8, 'event.locaton', 'okänt fält (menade du "location"?); värdet används inte förrän namnet är rätt')]),
    Case("unknown-contact-field", {"contacts.yaml": ("  name: Kundcenter",
                                                     "  name: Kundcenter\n  telefon: 0220-24000")},
         [('contacts.yaml', 3, 'kundcenter.telefon', 'okänt fält (menade du "phone"?); värdet används inte förrän namnet är rätt')]),
    Case("unknown-site-field", {"site.yaml": ("language: sv", "language: sv\nbase-url: x")},
         [('site.yaml', 4, 'base-url', 'okänt fält (menade du "base_url"?); värdet används inte förrän namnet är rätt')]),
    Case("signup-misspelt", {"nyheter/besokssprint.md": ("signup:", "singup:")},
         [('nyheter/besokssprint.md', 11, 'singup', 'okänt fält (menade du "signup"?); värdet används inte förrän namnet är rätt')]),
    Case("title-misspelt-is-one-message", {"nyheter/strategi.md": ("title: Strategi", "titel: Strategi")},
         [('nyheter/strategi.md', 3, 'titel', 'okänt fält (menade du "title"?); värdet används inte förrän namnet är rätt')]),
    Case("list-where-mapping-expected", {"nyheter/workshop.md": (EVENT, "event:\n  - 2024-03-02T08:00\n")},
         [('nyheter/workshop.md', 5, 'event[0]', 'här ska det stå fält (`namn: värde`) på egna, indragna rader, men det står "2024-03-02T08:00"')]),
    Case("image-is-a-list", {"index.md": (IMAGE, "image: [bild.png]\n")},
         [('index.md', 5, 'image', 'här ska det stå fält (`namn: värde`) på egna, indragna rader, men det står en lista')]),
    Case("mapping-where-list-expected", {"index.md": ("summary: Startsidan.", "summary: Startsidan.\ntags:\n  a: b")},
         [('index.md', 4, 'tags', 'här ska det stå en lista (rader som börjar med `- `, eller [a, b]), men det står en grupp fält')]),
    Case("draft-not-boolean", {"nyheter/utkast.md": ("draft: true", "draft: kanske")},
         [('nyheter/utkast.md', 3, 'draft', 'här ska det stå true eller false, men det står "kanske"')]),
    Case("draft-is-validated-too", {"nyheter/utkast.md": ("title: Utkast", "title: Utkast\ndate: igår")},
         [('nyheter/utkast.md', 3, 'date', 'här ska det stå ett datum skrivet ÅÅÅÅ-MM-DD, till exempel 2021-05-18, men det står "igår"')]),
    # -- dates and enums ------------------------------------------------------------------------
    Case("bad-date", {"index.md": ("date: 2024-01-15", "date: 2024-13-45")},
         [('index.md', 4, 'date', 'här ska det stå ett datum skrivet ÅÅÅÅ-MM-DD, till exempel 2021-05-18, men det står "2024-13-45"')]),
    Case("bad-date-format", {"index.md": ("date: 2024-01-15", "date: 15/1 2024")},
         [('index.md', 4, 'date', 'här ska det stå ett datum skrivet ÅÅÅÅ-MM-DD, till exempel 2021-05-18, men det står "15/1 2024"')]),
    Case("bad-event-datetime", {"nyheter/workshop.md": ("start: 2024-03-02T08:00", "start: 2024-03-02T25:00")},
         [('nyheter/workshop.md', 5, 'event.start', 'här ska det stå ett datum (2023-03-02) eller datum och tid (2023-03-02T08:00), men det står "2024-03-02T25:00"')]),
    Case("event-ends-before-start", {"nyheter/workshop.md": ("end: 2024-03-02T10:00", "end: 2024-03-02T07:00")},
         [('nyheter/workshop.md', 6, 'event.end', 'evenemanget slutar innan det börjar; kontrollera datum och tider')]),
    Case("strategy-period-ends-before-start", {"nyheter/strategi.md": ("end: 2028", "end: 2020")},
         [('nyheter/strategi.md', 6, 'period.end', 'perioden slutar (2020) innan den börjar (2024)')]),
    Case("bad-status", {"nyheter/strategi.md": ("status: draft", "status: adoptd")},
         [('nyheter/strategi.md', 7, 'status', 'måste vara ett av draft, consultation, adopted, expired, men här står "adoptd" (menade du "adopted"?)')]),
    Case("bad-attendance", {"nyheter/workshop.md": ("attendance: offline", "attendance: ofline")},
         [('nyheter/workshop.md', 7, 'event.attendance', 'måste vara ett av offline, online, mixed, men här står "ofline" (menade du "offline"?)')]),
    Case("visits-planned-not-a-number", {"nyheter/besokssprint.md": ("planned: 30", "planned: trettio")},
         [('nyheter/besokssprint.md', 9, 'visits.planned', 'här ska det stå ett heltal, till exempel 30, men det står "trettio"')]),
    Case("participant-without-name", {"nyheter/besokssprint.md": ("    - name: Cia Carlsson\n      title: Företagare",
                                                                  "    - title: Cia Carlsson")},
         [('nyheter/besokssprint.md', 20, 'participants.people[2].name', 'fältet saknas men måste finnas; skriv personens `name:`, eller `group:` för en grupp människor (till exempel `group: tjänstemän`)')]),
    # -- images and files -----------------------------------------------------------------------
    Case("image-without-alt", {"index.md": ("  alt: En bild av kommunhuset.\n", "")},
         [('index.md', 5, 'image', 'bilden behöver `alt:` som beskriver vad den visar (för den som inte ser bilden), eller `decorative: true` om den bara är utsmyckning')]),
    Case("image-src-missing", {"index.md": ("src: bild.png", "src: bilt.png")},
         [('index.md', 6, 'image.src', 'filen "bilt.png" finns inte (letade efter bilt.png i innehållsmappen) (menade du "bild.png"?)')]),
    Case("image-src-escapes", {"index.md": ("src: bild.png", "src: ../../etc/passwd")},
         [('index.md', 6, 'image.src', '"../../etc/passwd" leder utanför innehållsmappen; lägg filen i innehållsmappen')]),
    Case("document-src-escapes", {"nyheter/strategi.md": ("status: draft", "status: draft\ndocuments:\n"
                                                          "  - title: Plan\n    src: ../../../hemlig.pdf")},
         [('nyheter/strategi.md', 10, 'documents[0].src', '"../../../hemlig.pdf" leder utanför innehållsmappen; lägg filen i innehållsmappen')]),
    Case("non-utf8-page", {"nyheter/strategi.md": "---\ntitle: Strategi\n---\nR\xe4tt\n".encode("latin-1")},
         [('nyheter/strategi.md', 4, 'teckenkodning', 'filen är inte sparad som UTF-8; spara den igen med teckenkodningen UTF-8 (i de flesta program: Spara som… → Kodning → UTF-8)')]),
    Case("non-utf8-contacts", {"contacts.yaml": (BASE / "contacts.yaml").read_text(encoding="utf-8")
                               .replace("Anna Andersson", "Anna Änderssön").encode("latin-1")},
         [('contacts.yaml', 7, 'teckenkodning', 'filen är inte sparad som UTF-8; spara den igen med teckenkodningen UTF-8 (i de flesta program: Spara som… → Kodning → UTF-8)')]),
    Case("symlink-file-outside", {"losen.txt": _symlink_to("/etc/passwd")},
         [('losen.txt', 1, 'fil', 'filen är en länk som leder utanför innehållsmappen; kopiera in filen i stället')]),
    # -- URLs -----------------------------------------------------------------------------------
    Case("slug-with-dotdot", {"nyheter/strategi.md": ("status: draft", "status: draft\nslug: ../admin")},
         [('nyheter/strategi.md', 8, 'slug', '"../admin" går inte att använda i en adress; använd bara a–z, 0–9 och -, till exempel "admin"')]),
    Case("slug-with-capitals-and-spaces", {"nyheter/strategi.md": ("status: draft", "status: draft\nslug: Ny Strategi")},
         [('nyheter/strategi.md', 8, 'slug', '"Ny Strategi" går inte att använda i en adress; använd bara a–z, 0–9 och -, till exempel "ny-strategi"')]),
    Case("two-pages-one-url", {"nyheter/strategi/index.md": NEW_PAGE},
         [('nyheter/strategi/index.md', 1, 'adress', 'sidan skulle publiceras på /nyheter/strategi/, som redan används av content/nyheter/strategi.md; byt namn på den här filen eller ange en annan adress med `slug:`')]),
    Case("file-and-page-one-url", {"Nyheter/besokssprint/index.html": "<p>x</p>\n"},
         [('Nyheter/besokssprint/index.html', 1, 'adress', 'filen skulle publiceras som /nyheter/besokssprint/index.html, som redan används av content/nyheter/besokssprint.md; byt namn på en av dem')]),
    Case("javascript-url-in-related", {"index.md": ("url: https://www.example.se\n", "url: javascript:alert(1)\n")},
         [('index.md', 12, 'related[0].url', '"javascript:"-länkar är inte tillåtna; använd en https://-adress')]),
    Case("data-url-in-related", {"index.md": ("url: https://www.example.se\n", "url: data:text/html,x\n")},
         [('index.md', 12, 'related[0].url', '"data:"-länkar är inte tillåtna; använd en https://-adress')]),
    Case("vbscript-url-in-related", {"index.md": ("url: https://www.example.se\n", "url: vbscript:msgbox(1)\n")},
         [('index.md', 12, 'related[0].url', '"vbscript:"-länkar är inte tillåtna; använd en https://-adress')]),
    Case("javascript-url-disguised-in-signup", {"nyheter/besokssprint.md": (
        "url: https://www.example.se/anmalan", "url: ' JavaScript:alert(1)'")},
         [('nyheter/besokssprint.md', 12, 'signup.url', '"javascript:"-länkar är inte tillåtna; använd en https://-adress')]),
    Case("javascript-link-in-markdown-body", {"index.md": ("[kommunen](https://www.example.se)",
                                                          "[kommunen](javascript:alert(1))")},
         [('index.md', 14, 'text', '"javascript:"-länkar är inte tillåtna; länka till en https://-adress')]),
    Case("data-link-in-markdown-reference", {"index.md": ("::: hours kundcenter",
                                                         "::: hours kundcenter\n\n[x]: data:text/html,x")},
         [('index.md', 20, 'text', '"data:"-länkar är inte tillåtna; länka till en https://-adress')]),
    Case("related-without-url", {"index.md": ("    url: https://www.example.se\n", "")},
         [('index.md', 11, 'related[0].url', 'fältet saknas men måste finnas')]),
    # -- references -----------------------------------------------------------------------------
    Case("unknown-contact-id", {"index.md": ("contacts: [kundcenter]", "contacts: [kundcentr]")},
         [('index.md', 8, 'contacts[0]', 'okänd kontakt "kundcentr"; det måste vara ett id i contacts.yaml (menade du "kundcenter"?)')]),
    Case("unknown-hours-id", {"index.md": ("hours: [kundcenter]", "hours: [kundcentre]")},
         [('index.md', 9, 'hours[0]', 'okända öppettider "kundcentre"; det måste vara ett id i hours.yaml (menade du "kundcenter"?)')]),
    Case("unknown-participant-contact-id", {"nyheter/besokssprint.md": ("    - anna-andersson", "    - anna-anderson")},
         [('nyheter/besokssprint.md', 17, 'participants.people[0]', 'okänd kontakt "anna-anderson"; det måste vara ett id i contacts.yaml (menade du "anna-andersson"?)')]),
    Case("unknown-hours-id-in-contacts", {"contacts.yaml": ("  hours: kundcenter", "  hours: kundcentr")},
         [('contacts.yaml', 5, 'kundcenter.hours', 'okända öppettider "kundcentr"; det måste vara ett id i hours.yaml (menade du "kundcenter"?)')]),
    Case("unknown-contact-in-footer", {"site.yaml": ("contacts: [kundcenter]", "contacts: [kundcentr]")},
         [('site.yaml', 8, 'footer.contacts[0]', 'okänd kontakt "kundcentr"; det måste vara ett id i contacts.yaml (menade du "kundcenter"?)')]),
    Case("directive-unknown-contact", {"index.md": ("::: contact anna-andersson", "::: contact nobody")},
         [('index.md', 16, '::: contact', 'okänd kontakt "nobody"; det måste vara ett id i contacts.yaml')]),
    Case("directive-unknown-hours", {"index.md": ("::: hours kundcenter", "::: hours kundcentr")},
         [('index.md', 18, '::: hours', 'okända öppettider "kundcentr"; det måste vara ett id i hours.yaml (menade du "kundcenter"?)')]),
    Case("directive-contact-without-id", {"index.md": ("::: contact anna-andersson", "::: contact")},
         [('index.md', 16, '::: contact', '`::: contact` behöver ett id, till exempel `::: contact kundcenter`')]),
    Case("directive-unknown", {"index.md": ("::: contact anna-andersson", "::: unknown-directive")},
         [('index.md', 16, '::: unknown-directive', 'okänt block "unknown-directive"; blocken är ::: contact, ::: hours, ::: participants, ::: quote')]),
    Case("directive-misspelt", {"index.md": ("::: contact anna-andersson", "::: contct anna-andersson")},
         [('index.md', 16, '::: contct', 'okänt block "contct"; blocken är ::: contact, ::: hours, ::: participants, ::: quote (menade du "contact"?)')]),
    Case("directive-participants-without-participants", {"index.md": ("::: contact anna-andersson",
                                                                      "::: participants")},
         [('index.md', 16, '::: participants', 'sidan har ingen `participants:` i inledningen att visa här')]),
    # -- contacts -------------------------------------------------------------------------------
    Case("bad-phone-letters", {"contacts.yaml": ("phone: 0220-24660", "phone: 0220-2466x")},
         [('contacts.yaml', 9, 'anna-andersson.phone', '"0220-2466x" är inget telefonnummer: använd bara siffror, mellanslag, bindestreck, parenteser och + först; skriv hela numret med riktnummer, till exempel 0220-240 00, 08-123 456 78 eller +46 70 123 45 67')]),
    Case("bad-phone-too-short", {"contacts.yaml": ("phone: 0220-24660", "phone: 12")},
         [('contacts.yaml', 9, 'anna-andersson.phone', '"12" är inget giltigt telefonnummer; skriv hela numret med riktnummer, till exempel 0220-240 00, 08-123 456 78 eller +46 70 123 45 67')]),
    Case("bad-phone-in-accessibility-feedback", {"tillganglighet.md": ("  phone: 0220-24000", "  phone: 555")},
         [('tillganglighet.md', 11, 'feedback.phone', '"555" är inget giltigt telefonnummer; skriv hela numret med riktnummer, till exempel 0220-240 00, 08-123 456 78 eller +46 70 123 45 67')]),
    Case("bad-email", {"contacts.yaml": ("email: anna.andersson@example.se", "email: anna.andersson(at)example.se")},
         [('contacts.yaml', 10, 'anna-andersson.email', '"anna.andersson(at)example.se" är ingen giltig e-postadress: den ska ha precis ett @; skriv den som kundcenter@hallstahammar.se')]),
    Case("contact-entry-not-a-mapping", {"contacts.yaml": (
        "anna-andersson:\n  name: Anna Andersson\n  title: Näringslivschef\n  phone: 0220-24660\n"
        "  email: anna.andersson@example.se\n", "anna-andersson: Anna Andersson\n")},
         [('contacts.yaml', 6, 'anna-andersson', 'kontaktens fält (name, phone, email, …) ska stå indragna under id:t, men här står "Anna Andersson"')]),
    Case("contacts-file-is-a-list", {"contacts.yaml": "- kundcenter\n- anna-andersson\n"},
         [('contacts.yaml', 1, 'fil', 'här ska det stå fält (`namn: värde`) på egna, indragna rader, men det står en lista')]),
    # -- hours ----------------------------------------------------------------------------------
    Case("hours-schedule-not-a-mapping", {"hours.yaml": ("kundcenter:\n  title: Öppettider i kundcenter\n",
                                                       "kundcenter: x\nannat:\n  title: Öppettider i kundcenter\n")},
         [('hours.yaml', 1, 'kundcenter', 'här ska det stå fält (`namn: värde`) på egna, indragna rader, men det står "x"')]),
    Case("hours-unknown-day", {"hours.yaml": ("        fre: 08.00-16.00", "        fredg: 08.00-16.00")},
         [('hours.yaml', 9, 'kundcenter.seasons[0].week.fredg', 'okänd dag "fredg"; skriv dagar på svenska eller engelska, till exempel mån, tisdag eller mon (menade du "fredag"?)')]),
    Case("hours-impossible-time", {"hours.yaml": ("        fre: 08.00-16.00", "        fre: 08.00-25.00")},
         [('hours.yaml', 9, 'kundcenter.seasons[0].week.fre', 'tiden "25.00" finns inte; tider går från 00.00 till 24.00')]),
    Case("hours-closing-before-opening", {"hours.yaml": ("        fre: 08.00-16.00", "        fre: 16.00-08.00")},
         [('hours.yaml', 9, 'kundcenter.seasons[0].week.fre', 'stänger (08.00) innan det öppnar (16.00); tider efter midnatt hör till nästa dag')]),
    Case("hours-overlapping-seasons", {"hours.yaml": ("      from: 06-01", "      from: 05-01")},
         [('hours.yaml', 10, 'kundcenter.seasons[1]', 'överlappar säsongen "vintertid" under 05-01–05-31; säsonger får inte överlappa')]),
    Case("hours-season-date-02-30", {"hours.yaml": ("      to: 08-31", "      to: 02-30")},
         [('hours.yaml', 12, 'kundcenter.seasons[1].to', '"02-30" är inget datum som finns (MM-DD)')]),
    Case("hours-exception-bad-date", {"hours.yaml": ("    - date: 2024-12-23", "    - date: 2024-12-32")},
         [('hours.yaml', 17, 'kundcenter.exceptions[0].date', 'här ska det stå ett datum skrivet ÅÅÅÅ-MM-DD, till exempel 2021-05-18, men det står "2024-12-32"')]),
    Case("hours-unknown-field", {"hours.yaml": ("  closed_on_holidays: true", "  closed_on_holiday: true")},
         [('hours.yaml', 15, 'kundcenter.closed_on_holiday', 'okänt fält (menade du "closed_on_holidays"?); värdet används inte förrän namnet är rätt')], strict=True),
    # -- the site -------------------------------------------------------------------------------
    Case("missing-site-yaml", {"site.yaml": None},
         [('site.yaml', 1, 'fil', 'innehållsmappen har ingen site.yaml; skapa en med minst `title:` och `organisation:` (se redaktörshandboken)')]),
    Case("data-file-in-a-sub-folder-strict", {"om/contacts.yaml": "kundcenter:\n  name: X\n"},
         [('om/contacts.yaml', 1, 'fil', 'contacts.yaml läses bara överst i innehållsmappen; den här kopian publiceras som en vanlig fil som vem som helst kan ladda ned. Flytta den överst eller ta bort den')], strict=True),
    Case("no-accessibility-statement-strict", {"tillganglighet.md": None},
         [('site.yaml', 1, 'tillgänglighet', 'webbplatsen har ingen tillgänglighetsredogörelse (en sida med `kind: accessibility`); alla offentliga webbplatser måste ha en, och alla sidor länkar till den')], strict=True),
    Case("site-without-organisation", {"site.yaml": ("organisation:\n  name: Testkommun\n"
                                                     "  url: https://www.example.se\n", "")},
         [('site.yaml', 1, 'organisation', 'fältet saknas men måste finnas; till exempel `organisation: {name: Hallstahammars kommun, url: https://www.hallstahammar.se}`')]),
    Case("site-organisation-without-name", {"site.yaml": ("  name: Testkommun\n", "")},
         [('site.yaml', 4, 'organisation.name', 'fältet saknas men måste finnas; till exempel Hallstahammars kommun')]),
    Case("site-color-fails-contrast", {"site.yaml": ("language: sv", 'language: sv\ncolors:\n  link: "#0a58a3"\n  primary: "#7fb2d9"')},
         [('site.yaml', 6, 'colors.primary', '"#7fb2d9" har kontrasten 2.26:1 mot den vita texten i sidhuvudet och på knapparna; WCAG 2.1 AA kräver minst 4.5:1 (välj en mörkare färg)')]),
    Case("site-color-not-hex", {"site.yaml": ("language: sv", "language: sv\ncolors: {text: blue}")},
         [('site.yaml', 4, 'colors.text', 'här ska det stå en färg skriven #rrggbb, till exempel "#0b4f6c", men det står "blue"')]),
    Case("site-color-unknown-field", {"site.yaml": ("language: sv", 'language: sv\ncolors: {primray: "#000000"}')},
         [('site.yaml', 4, 'colors.primray', 'okänt fält (menade du "primary"?); värdet används inte förrän namnet är rätt')], strict=True),
    # -- the accessibility statement's legally required fields (issue 21) ----------------------
    Case("statement-without-updated", {"tillganglighet.md": ("updated: 2024-01-10\n", "")},
         [('tillganglighet.md', 1, 'updated', 'fältet saknas men måste finnas; dagen då redogörelsen senast uppdaterades, till exempel `updated: 2026-03-20` (Diggs mall kräver det)')]),
    Case("statement-without-compliance", {"tillganglighet.md": ("compliance: full\n", "")},
         [('tillganglighet.md', 1, 'compliance', 'fältet saknas men måste finnas; lagen kräver att redogörelsen säger om webbplatsen helt, delvis eller inte uppfyller kraven: `compliance: full`, `partial` eller `none`')]),
    Case("statement-partial-without-shortcomings", {"tillganglighet.md": ("compliance: full", "compliance: partial")},
         [('tillganglighet.md', 4, 'compliance', 'en webbplats som bara delvis uppfyller kraven måste tala om vad som inte gör det (lagen kräver det): lägg till `non_compliant:` med `what:`, `reason:` och, om det finns, `alternative:`')]),
    Case("statement-without-feedback", {"tillganglighet.md": ("feedback:\n  email: kundcenter@example.se\n  phone: 0220-24000\n", "")},
         [('tillganglighet.md', 1, 'feedback', 'fältet saknas men måste finnas; skriv hur besökare meddelar brister: `feedback:` med `email:`, `phone:` eller `url:` (lagen kräver ett sätt att meddela dem)')]),
    Case("two-accessibility-pages", {"om/tillganglighet.md": "---\nkind: accessibility\ntitle: Igen\ncompliance: full\nassessed: {date: 2024-01-10, method: Egen granskning}\nupdated: 2024-01-10\nfeedback: {email: kundcenter@example.se}\n---\nx\n"},
         [('tillganglighet.md', 1, 'kind', 'det finns redan en tillgänglighetsredogörelse (content/om/tillganglighet.md); en webbplats har exakt en')]),
    # -- YAML in plain words, on the line of the mistake (issue 18) ------------------------------
    Case("yaml-missing-colon", {"index.md": ("summary: Startsidan.", "summary Startsidan.")},
         [('index.md', 3, 'YAML', 'raden "summary Startsidan." saknar kolon; ' + COLON)]),
    Case("yaml-missing-colon-in-hours", {"hours.yaml": ("      to: 05-31", "      to 05-31")},
         [('hours.yaml', 6, 'YAML', 'raden "to 05-31" saknar kolon; ' + COLON)]),
    Case("yaml-missing-colon-after-parent", {"index.md": ("image:\n", "image\n")},
         [('index.md', 5, 'YAML', 'raden "image" saknar kolon; ' + COLON)]),
    Case("yaml-no-space-after-colon", {"index.md": ("summary: Startsidan.", "summary:Startsidan.")},
         [('index.md', 3, 'YAML', 'det ska vara ett mellanslag efter kolonet i "summary:Startsidan.": '
           'skriv `summary: Startsidan.`')]),
    Case("yaml-colon-in-title", {"index.md": ("title: Välkommen", "title: Välkommen: till oss")},
         [('index.md', 2, 'YAML', 'texten innehåller ": " (kolon och mellanslag), som YAML läser som ett '
           'nytt fält; sätt citattecken runt hela texten: title: "Välkommen: till oss"')]),
    Case("yaml-unclosed-quote", {"index.md": ("summary: Startsidan.", 'summary: "Startsidan.')},
         [('index.md', 3, 'YAML', 'citattecknet " som börjar på den här raden avslutas aldrig; lägg till " '
           'efter texten')]),
    Case("yaml-unclosed-quote-before-more-fields", {"contacts.yaml": ("  name: Kundcenter", "  name: 'Kundcenter")},
         [('contacts.yaml', 2, 'YAML', "citattecknet ' som börjar på den här raden avslutas aldrig; lägg till ' "
           "efter texten")]),
    Case("yaml-text-after-quote", {"index.md": ("title: Välkommen", 'title: "Välkommen" till oss')},
         [('index.md', 2, 'YAML', "det står mer text efter det avslutande citattecknet; sätt citattecken runt "
           "hela texten: title: '\"Välkommen\" till oss'")]),
    Case("yaml-title-starting-with-bracket", {"index.md": ("title: Välkommen", "title: [Nytt] Välkommen")},
         [('index.md', 2, 'YAML', 'text som börjar med [ läses som en lista; sätt citattecken runt hela '
           'texten: title: "[Nytt] Välkommen"')]),
    Case("yaml-value-starting-with-at", {"index.md": ("title: Välkommen", "title: @Välkommen")},
         [('index.md', 2, 'YAML', 'ett värde kan inte börja med @ i YAML; sätt citattecken runt hela värdet: '
           'title: "@Välkommen"')]),
    Case("yaml-value-starting-with-star", {"index.md": ("title: Välkommen", "title: *Välkommen*")},
         [('index.md', 2, 'YAML', 'ett värde kan inte börja med * i YAML; sätt citattecken runt hela värdet: '
           'title: "*Välkommen*"')]),
    Case("yaml-value-starting-with-bang", {"index.md": ("title: Välkommen", "title: !Välkommen")},
         [('index.md', 2, 'YAML', 'ett värde kan inte börja med ! i YAML; sätt citattecken runt hela värdet: '
           'title: "!Välkommen"')]),
    Case("yaml-list-item-out-of-line", {"nyheter/besokssprint.md": ("    - name: Bo Berg", "   - name: Bo Berg")},
         [('nyheter/besokssprint.md', 18, 'YAML', 'listpunkten står inte rakt under punkterna ovanför; alla '
           '"- " i en lista ska börja i samma kolumn')]),
    Case("yaml-list-item-indented-into-the-one-above", {"index.md": (
        "summary: Startsidan.", "summary: Startsidan.\ntags:\n  - företag\n    - näringsliv")},
         [('index.md', 6, 'YAML', 'listpunkten är mer indragen än punkten ovanför och läses därför som en del '
           'av den; alla "- " i en lista ska börja i samma kolumn')]),
    Case("yaml-field-out-of-line", {"index.md": ("  alt: En bild", " alt: En bild")},
         [('index.md', 7, 'YAML', 'fältet "alt" står inte rakt under fältet "src" ovanför (kolumn 3); fält på '
           'samma nivå ska börja i samma kolumn')]),
    Case("yaml-field-indented-under-a-value", {"index.md": ("summary: Startsidan.", "  summary: Startsidan.")},
         [('index.md', 3, 'YAML', 'raden är mer indragen än fältet "title" ovanför, som redan har ett värde; '
           'låt raden börja i samma kolumn som fälten runt den')]),
    Case("yaml-non-breaking-space-after-colon", {"index.md": ("summary: Startsidan.", "summary:\xa0Startsidan.")},
         [('index.md', 3, 'YAML', 'ett hårt mellanslag (kommer ofta med när man klistrar in från Word) i '
           'kolumn 9, direkt efter "summary:"; efter kolonet ska det stå ett vanligt mellanslag: radera '
           'tecknet och skriv ett mellanslag')]),
    Case("yaml-non-breaking-space-in-indentation", {"index.md": ("  alt: En bild", "\xa0\xa0alt: En bild")},
         [('index.md', 7, 'YAML', 'ett hårt mellanslag (kommer ofta med när man klistrar in från Word) i '
           'kolumn 1 i indraget; dra bara in med vanliga mellanslag: radera tecknet och skriv mellanslag i '
           'stället')]),
    Case("yaml-non-breaking-space-in-contacts", {"contacts.yaml": ("  phone: 0220-24660", "  phone:\xa00220-24660")},
         [('contacts.yaml', 9, 'YAML', 'ett hårt mellanslag (kommer ofta med när man klistrar in från Word) i '
           'kolumn 9, direkt efter "phone:"; efter kolonet ska det stå ett vanligt mellanslag: radera '
           'tecknet och skriv ett mellanslag')]),
    Case("yaml-zero-width-space-in-a-field-name", {"index.md": ("summary: Startsidan.", "summ\u200bary: Startsidan.")},
         [('index.md', 3, 'YAML', 'ett osynligt tecken utan bredd (U+200B) i kolumn 5 i fältnamnet "summary"; '
           'radera tecknet (eller skriv namnet på nytt)')]),
    Case("yaml-soft-hyphen-in-a-field-name", {"hours.yaml": ("  closed_on_holidays", "  closed_on_\xadholidays")},
         [('hours.yaml', 15, 'YAML', 'ett mjukt bindestreck (ett osynligt avstavningstecken, kommer ofta med '
           'från Word) i kolumn 13 i fältnamnet "closed_on_holidays"; radera tecknet (eller skriv namnet på '
           'nytt)')]),
    Case("yaml-tab-in-contacts", {"contacts.yaml": ("  phone: 0220-24660", "\tphone: 0220-24660")},
         [('contacts.yaml', 9, 'YAML', 'en tabb i kolumn 1 i indraget; dra bara in med vanliga mellanslag: '
           'radera tecknet och skriv mellanslag i stället')]),
    # -- what used to slip through (issue 18) ---------------------------------------------------
    Case("link-to-site-path-nowhere", {"index.md": ("Välkommen till", "Se [hösten](/foretagsbesok/hosten/).\n\nVälkommen till")},
         [('index.md', 14, 'text', 'länken "/foretagsbesok/hosten/" leder inte till någon sida eller fil på '
           'webbplatsen; kontrollera adressen (har sidan flyttats eller bytt namn?)')]),
    Case("link-to-own-host-nowhere", {"index.md": (
        "Välkommen till", "Se [hösten](https://naringsliv.example.se/nyheter/besokssprnt/).\n\nVälkommen till")},
         [('index.md', 14, 'text', 'länken "https://naringsliv.example.se/nyheter/besokssprnt/" leder inte till '
           'någon sida eller fil på webbplatsen; kontrollera adressen (har sidan flyttats eller bytt namn?) '
           '(menade du "/nyheter/besokssprint/"?)')]),
    Case("related-link-to-site-path-nowhere", {"index.md": ("url: https://www.example.se\n", "url: /kommunen/\n")},
         [('index.md', 12, 'related[0].url', 'länken "/kommunen/" leder inte till någon sida eller fil på '
           'webbplatsen; kontrollera adressen (har sidan flyttats eller bytt namn?)')]),
    Case("relative-link-nowhere", {"index.md": ("Välkommen till", "Läs [mer](nyheter/workshp.md).\n\nVälkommen till")},
         [('index.md', 14, 'text', 'länken "nyheter/workshp.md" leder inte till någon sida eller fil på '
           "webbplatsen; länka till sidans .md-fil (till exempel ../besokssprint/var-2021.md) eller till en fil "
           'i innehållsmappen (menade du "nyheter/workshop.md"?)')]),
    Case("file-with-spaces-missing", {"index.md": ("Välkommen till", "Läs [programmet](Program 2024.pdf).\n\nVälkommen till")},
         [('index.md', 14, 'text', 'länken "Program 2024.pdf" leder inte till någon sida eller fil på '
           "webbplatsen; länka till sidans .md-fil (till exempel ../besokssprint/var-2021.md) eller till en fil "
           'i innehållsmappen')]),
    Case("image-in-text-without-alt", {"index.md": ("Välkommen till", "![](bild.png)\n\nVälkommen till")},
         [('index.md', 14, 'text', 'en bild utan alternativtext: skriv vad den visar mellan hakparenteserna, '
           '![Så här ser det ut](bild.png); en bild som bara är utsmyckning skrivs <img src="bild.png" alt="">')]),
    Case("participant-without-title", {"nyheter/besokssprint.md": ("      title: Företagare\n", "")},
         [('nyheter/besokssprint.md', 20, 'participants.people[2].title', 'Cia Carlsson har ingen titel; lägg '
           'till `title:` med roll eller befattning, till exempel `title: VD, Företaget AB`')], strict=True),
    Case("signup-deadline-after-the-event", {"nyheter/besokssprint.md": ("deadline: 2024-05-01", "deadline: 2024-05-20")},
         [('nyheter/besokssprint.md', 13, 'signup.deadline', 'sista anmälningsdag (2024-05-20) är efter att '
           'evenemanget börjar (2024-05-18); sista anmälningsdag måste vara samma dag som evenemanget eller '
           'tidigare')]),
    Case("contact-listed-twice", {"index.md": ("contacts: [kundcenter]", "contacts: [kundcenter, kundcenter]")},
         [('index.md', 8, 'contacts[1]', 'kontakten "kundcenter" visas redan på den här sidan (rad 8); ta bort '
           'den ena')], strict=True),
    Case("contact-listed-and-in-a-block", {"index.md": ("contacts: [kundcenter]", "contacts: [kundcenter, anna-andersson]")},
         [('index.md', 16, '::: contact', 'kontakten "anna-andersson" visas redan på den här sidan (rad 8); ta '
           'bort den ena')], strict=True),
    Case("example-text-of-new-published", {"nyheter/strategi.md": (
        "Strategin.", "Skriv sidans text här i Markdown. Stycken skiljs åt av en tom rad.\n\n## En mellanrubrik")},
         [('nyheter/strategi.md', 9, 'text', 'det här är exempeltexten från `new`; ersätt den (och '
           'exempelrubriken och raderna efter) med sidans egen text innan sidan publiceras')]),
    Case("raw-html-form", {"index.md": ("Välkommen till", '<form action="https://www.example.se/s"><input name="q"></form>\n\nVälkommen till')},
         [('index.md', 14, 'text', '<form> tas bort när sidan publiceras (en sida kan inte innehålla ett '
           'formulär); länka till formuläret i stället, till exempel [Anmäl dig](https://…)')], strict=True),
    Case("raw-html-iframe", {"index.md": ("Välkommen till", '<iframe src="https://www.youtube.com/embed/x"></iframe>\n\nVälkommen till')},
         [('index.md', 14, 'text', '<iframe> tas bort när sidan publiceras (inbäddat innehåll är inte '
           'tillåtet); länka till det i stället, till exempel [Se filmen](https://…)')], strict=True),
    Case("raw-html-script", {"index.md": ("Välkommen till", "<script>alert(1)</script>\n\nVälkommen till")},
         [('index.md', 14, 'text', '<script> tas bort när sidan publiceras (webbplatsen kör bara sina egna '
           'skript); ta bort det')], strict=True),
    Case("raw-html-style", {"index.md": ("Välkommen till", "<style>p { color: red }</style>\n\nVälkommen till")},
         [('index.md', 14, 'text', '<style> tas bort när sidan publiceras (webbplatsens utseende gäller alla '
           'sidor); använd Markdown: **fet**, *kursiv*, ## rubrik')], strict=True),
    Case("raw-html-event-attribute", {"index.md": ("Välkommen till", '<a href="https://www.example.se" onclick="x()">Hem</a>\n\nVälkommen till')},
         [('index.md', 14, 'text', 'attributet onclick= på <a> tas bort när sidan publiceras (webbplatsen kör '
           'bara sina egna skript); ta bort det')], strict=True),
    Case("attribute-list-printed-as-text", {"index.md": ("Välkommen till", "Welcome.\n\n{: lang=en }\n\nVälkommen till")},
         [('index.md', 16, 'text', '{: lang=en } visas som text på sidan; för att ange språket för ett stycke '
           'skriver du det på en egen rad direkt under stycket (utan tom rad emellan), eller sist på en '
           'rubrikrad')], strict=True),
    Case("new-page-on-an-old-address", {"nyheter/Strategi.md": NEW_PAGE},
         [('nyheter/Strategi.md', 1, 'adress', 'sidan skulle publiceras på /nyheter/strategi/, som redan används '
           'av content/nyheter/strategi.md; byt namn på den här filen eller ange en annan adress med `slug:`')]),
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
    },
         [('contacts.yaml', 9, 'anna-andersson.phone', '"12" är inget giltigt telefonnummer; skriv hela numret med riktnummer, till exempel 0220-240 00, 08-123 456 78 eller +46 70 123 45 67'),
          ('hours.yaml', 9, 'kundcenter.seasons[0].week.fre', 'tiden "25.00" finns inte; tider går från 00.00 till 24.00'),
          ('index.md', 4, 'date', 'här ska det stå ett datum skrivet ÅÅÅÅ-MM-DD, till exempel 2021-05-18, men det står "2024-99-01"'),
          ('index.md', 12, 'related[0].url', '"javascript:"-länkar är inte tillåtna; använd en https://-adress'),
          ('nyheter/besokssprint.md', 9, 'visits.planned', 'här ska det stå ett heltal, till exempel 30, men det står "trettio"'),
          ('nyheter/strategi.md', 7, 'status', 'måste vara ett av draft, consultation, adopted, expired, men här står "adoptd" (menade du "adopted"?)'),
          ('nyheter/workshop.md', 6, 'event.end', 'evenemanget slutar innan det börjar; kontrollera datum och tider'),
          ('site.yaml', 8, 'footer.contacts[0]', 'okänd kontakt "kundcentr"; det måste vara ett id i contacts.yaml (menade du "kundcenter"?)'),
          ('tillganglighet.md', 11, 'feedback.phone', '"555" är inget giltigt telefonnummer; skriv hela numret med riktnummer, till exempel 0220-240 00, 08-123 456 78 eller +46 70 123 45 67')]),
    Case("symlink-folder-outside", {"etc": _symlink_to("/etc")},
         [('etc', 1, 'fil', 'mappen är en länk som leder utanför innehållsmappen; kopiera in filerna i stället')]),
    Case("svg-with-script", {"logo.svg": SVG_SCRIPT},
         [('logo.svg', 3, 'SVG', '<script> är inte tillåtet i en publicerad fil: det kör ett skript eller bäddar in ett annat dokument; ta bort det')]),
    Case("svg-with-onload", {"logo.svg": SVG_ONLOAD},
         [('logo.svg', 2, 'SVG', 'händelsehanteraren onload är inte tillåten i en publicerad fil: den kör ett skript; ta bort den')]),
]


def _params() -> list:
    return [pytest.param(case, id=case.id, marks=[pytest.mark.xfail(strict=True, reason=case.xfail)]
                         if case.xfail else []) for case in CASES]


def test_enough_cases():
    assert len(CASES) >= 45
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", _params())
def test_broken_content(case: Case, tmp_path: Path, base_output, monkeypatch) -> None:
    check_case(case, tmp_path, base_output, monkeypatch)


def check_case(case: Case, tmp_path: Path, base_output, monkeypatch) -> None:
    """Build the case's content over a copy of the base output: exactly its problem lines, exit
    1, no traceback, nothing written (used by the other files of broken cases too)."""
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
    "several-mistakes-sorted", "unknown-field-strict", "missing-site-yaml", "symlink-file-outside",
    "yaml-missing-colon", "link-to-site-path-nowhere")],
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
    """A name like no known field is a warning (it may be a note to oneself); a close one is an
    error (the case unknown-field-misspelt)."""
    make_content(tmp_path / "content", {"nyheter/strategi.md": ("status: draft", "status: draft\nxyzzy: x")})
    r = cli("build", "--content", "content", "--output", "out", "--date", BUILD_DATE, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert_lines(r.stderr, [("nyheter/strategi.md", 8, "xyzzy", "okänt fält; det används inte "
                             "(stavfel, eller ett fält som inte finns?)")], level="varning: ")
    assert (tmp_path / "out" / "nyheter" / "strategi" / "index.html").is_file()
    # the build ends with its warnings, so that none is published unseen
    assert r.stderr.splitlines()[-2:] == [
        "civicsite: 1 varning: webbplatsen byggdes, men rätta den innan du publicerar "
        "(`build --strict` stoppar vid varningar):",
        "content/nyheter/strategi.md:8: varning: xyzzy: okänt fält; det används inte (stavfel, "
        "eller ett fält som inte finns?)"]


@pytest.mark.parametrize("given", ["content/", "./content", "ABS"])
def test_path_is_the_content_folder_as_given(given: str, tmp_path: Path) -> None:
    make_content(tmp_path / "content", {"index.md": ("date: 2024-01-15", "date: 2024-13-45")})
    folder = str(tmp_path / "content") if given == "ABS" else given
    r = cli("check", "--content", folder, cwd=tmp_path)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    shown = folder.rstrip("/")
    assert_lines(r.stderr, [("index.md", 4, "date", "här ska det stå ett datum skrivet ÅÅÅÅ-MM-DD, "
                             'till exempel 2021-05-18, men det står "2024-13-45"')], folder=shown)


def test_yaml_error_line_counts_from_top_of_page(tmp_path: Path) -> None:
    """Front matter lines are file lines, also deep in a long front matter with CRLF and a BOM."""
    page = "\ufeff---\r\ntitle: Strategi\r\nsummary: En.\r\ntags:\r\n  - a\r\n  - b: [\r\n---\r\nText\r\n"
    make_content(tmp_path / "content", {"nyheter/strategi.md": page.encode("utf-8")})
    r = cli("check", "--content", "content", cwd=tmp_path)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert_lines(r.stderr, [("nyheter/strategi.md", 6, "YAML", "[ som börjar på den här raden "
                             "avslutas aldrig; avsluta listan med ]")])


def test_bom_and_crlf_are_fine(tmp_path: Path) -> None:
    make_content(tmp_path / "content", {"nyheter/strategi.md":
                                        b"\xef\xbb\xbf---\r\ntitle: Strategi\r\n---\r\nText\r\n"})
    r = cli("check", "--content", "content", "--strict", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
