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
    SWEDISH,
    Case,
    assert_lines,
    base_output,
    make_content,
    run_main,
    snapshot,
    swedish,
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
         [('index.md', 6, 'YAML', 'en tabb i kolumn 1 i indraget; dra bara in med vanliga mellanslag: radera tecknet och skriv mellanslag i stället')]),
    Case("tab-indentation-in-hours", {"hours.yaml": ("  closed_on_holidays", "\tclosed_on_holidays")},
         [('hours.yaml', 15, 'YAML', 'en tabb i kolumn 1 i indraget; dra bara in med vanliga mellanslag: radera tecknet och skriv mellanslag i stället')]),
    Case("empty-page", {STRATEGI: ""},
         [('nyheter/strategi.md', 1, 'inledning', 'en sida måste börja med en inledning: en rad ---, sedan fält som `title: …`, sedan en rad --- till')]),
    Case("page-of-only-dashes", {STRATEGI: "---\n---\n"},
         [('nyheter/strategi.md', 1, 'title', 'fältet saknas men måste finnas; skriv till exempel `title: Ny näringslivsstrategi`')]),
    Case("empty-site-yaml", {"site.yaml": ""},
         [('site.yaml', 1, 'fil', 'filen är tom; skriv minst `title:` och `organisation:`')]),
    Case("blank-contacts-yaml", {"contacts.yaml": "\n  \n"},
         [('contacts.yaml', 1, 'fil', 'filen är tom; skriv in uppgifterna (se redaktörshandboken) eller ta bort filen')]),
    Case("comment-only-hours-yaml", {"hours.yaml": "# inga tider än\n"},
         [('hours.yaml', 1, 'fil', 'filen är tom; skriv in uppgifterna (se redaktörshandboken) eller ta bort filen')]),
    Case("front-matter-not-closed-on-home", {"index.md": ("---\nVälkommen", "Välkommen")},
         [('index.md', 1, 'inledning', 'inledningen är inte avslutad; lägg till en rad --- efter det sista fältet')]),
    Case("two-documents-in-site-yaml", {"site.yaml": ("language: sv", "language: sv\n---\nx: 1")},
         [('site.yaml', 4, 'YAML', 'raden --- avslutar fälten här och resten av filen kan inte läsas; ta bort raden')]),
    Case("complex-key", {"index.md": ("summary: Startsidan.", "summary: Startsidan.\n? [a, b]\n: c")},
         [('index.md', 4, 'YAML', 'ett fältnamn måste vara vanlig text, men här står en lista')]),
    Case("nul-in-front-matter", {"index.md": ("summary: Startsidan.", "summary: Start\x00sidan.")},
         [('index.md', 3, 'YAML', 'ett osynligt styrtecken (U+0000) i kolumn 15, som inte är tillåtet; radera det, eller skriv raden på nytt')]),
    Case("bad-unicode-escape", {"index.md": ("title: Välkommen", 'title: "V\\uD800"')},
         [('index.md', 2, 'YAML', 'ett bakåtsnedstreck (\\) inom "…" betyder ett specialtecken; skriv värdet inom enkla citattecken i stället: title: \'V\\uD800\'')]),
    # -- wrong types ------------------------------------------------------------------------------
    Case("title-is-a-list", {"index.md": ("title: Välkommen", "title: [a, b]")},
         [('index.md', 2, 'title', 'här ska det stå text, men det står en lista')]),
    Case("summary-is-a-mapping", {"index.md": ("summary: Startsidan.", "summary: {a: 1}")},
         [('index.md', 3, 'summary', 'här ska det stå text, men det står en grupp fält')]),
    Case("tag-is-a-list", {"index.md": ("summary: Startsidan.", "summary: Startsidan.\ntags: [[a]]")},
         [('index.md', 4, 'tags[0]', 'här ska det stå text, men det står en lista')]),
    Case("event-is-text", {"nyheter/workshop.md": ("event:\n  start: 2024-03-02T08:00\n  end: 2024-03-02T10:00\n"
                                                   "  attendance: offline\n", "event: i morgon\n")},
         [('nyheter/workshop.md', 4, 'event', 'här ska det stå fält (`namn: värde`) på egna, indragna rader, men det står "i morgon"')]),
    Case("visits-planned-decimal", {"nyheter/besokssprint.md": ("planned: 30", "planned: 2.5")},
         [('nyheter/besokssprint.md', 9, 'visits.planned', 'här ska det stå ett heltal, till exempel 30, men det står "2.5"')]),
    Case("contact-name-is-a-list", {"contacts.yaml": ("  name: Anna Andersson", "  name: [Anna, Andersson]")},
         [('contacts.yaml', 7, 'anna-andersson.name', 'här ska det stå text, men det står en lista')]),
    Case("site-title-is-a-mapping", {"site.yaml": ("title: Näringsliv i Testkommun", "title: {sv: x}")},
         [('site.yaml', 1, 'title', 'här ska det stå text, men det står en grupp fält')]),
    # -- impossible dates -------------------------------------------------------------------------
    Case("date-29-february-2023", {"index.md": ("date: 2024-01-15", "date: 2023-02-29")},
         [('index.md', 4, 'date', 'här ska det stå ett datum skrivet ÅÅÅÅ-MM-DD, till exempel 2021-05-18, men det står "2023-02-29"')]),
    Case("date-31-april", {"index.md": ("date: 2024-01-15", "date: 2024-04-31")},
         [('index.md', 4, 'date', 'här ska det stå ett datum skrivet ÅÅÅÅ-MM-DD, till exempel 2021-05-18, men det står "2024-04-31"')]),
    Case("date-as-number", {"index.md": ("date: 2024-01-15", "date: 20240115")},
         [('index.md', 4, 'date', 'här ska det stå ett datum skrivet ÅÅÅÅ-MM-DD, till exempel 2021-05-18, men det står "20240115"')]),
    Case("event-minute-60", {"nyheter/workshop.md": ("start: 2024-03-02T08:00", "start: 2024-03-02T08:60")},
         [('nyheter/workshop.md', 5, 'event.start', 'här ska det stå ett datum (2023-03-02) eller datum och tid (2023-03-02T08:00), men det står "2024-03-02T08:60"')]),
    Case("signup-deadline-impossible", {"nyheter/besokssprint.md": ("deadline: 2024-05-01", "deadline: 2024-02-30")},
         [('nyheter/besokssprint.md', 13, 'signup.deadline', 'här ska det stå ett datum skrivet ÅÅÅÅ-MM-DD, till exempel 2021-05-18, men det står "2024-02-30"')]),
    Case("sprint-on-31-december-9999", {"nyheter/besokssprint.md": ("start: 2024-05-18", "start: 9999-12-31")},
         [('nyheter/besokssprint.md', 6, 'event.start', '"9999-12-31" är inget rimligt datum; året måste vara 1900–2199')]),
    Case("event-in-utc-at-the-end-of-time", {"nyheter/workshop.md": (
        "start: 2024-03-02T08:00\n  end: 2024-03-02T10:00", "start: 9999-12-31T23:00Z")},
         [('nyheter/workshop.md', 5, 'event.start', '"9999-12-31T23:00Z" är inget rimligt datum; året måste vara 1900–2199')]),
    Case("hours-exception-year-1", {"hours.yaml": ("    - date: 2024-12-23", "    - date: 0001-01-01")},
         [('hours.yaml', 17, 'kundcenter.exceptions[0].date', '"0001-01-01" är inget rimligt datum; året måste vara 1900–2199')]),
    # -- duplicates -------------------------------------------------------------------------------
    Case("duplicate-contact-id", {"contacts.yaml": _append("kundcenter:\n  name: Igen\n")},
         [('contacts.yaml', 11, 'kundcenter', 'fältet finns redan på rad 1; ta bort det ena')]),
    Case("duplicate-hours-id", {"hours.yaml": _append("kundcenter:\n  title: Igen\n")},
         [('hours.yaml', 20, 'kundcenter', 'fältet finns redan på rad 1; ta bort det ena')]),
    Case("duplicate-key-in-site-yaml", {"site.yaml": ("language: sv", "language: sv\nlanguage: en")},
         [('site.yaml', 4, 'language', 'fältet finns redan på rad 3; ta bort det ena')]),
    Case("duplicate-nested-key", {"nyheter/workshop.md": ("  attendance: offline",
                                                          "  attendance: offline\n  end: 2024-03-02T11:00")},
         [('nyheter/workshop.md', 8, 'event.end', 'fältet finns redan på rad 6; ta bort det ena')]),
    Case("duplicate-slug", {"nyheter/workshop.md": ("kind: workshop", "kind: workshop\nslug: strategi")},
         [('nyheter/workshop.md', 3, 'slug', 'adressen /nyheter/strategi/ används redan av content/nyheter/strategi.md; välj en annan slug')]),
    # -- encodings --------------------------------------------------------------------------------
    Case("latin-1-hours", {"hours.yaml": (BASE / "hours.yaml").read_text(encoding="utf-8").encode("latin-1")},
         [('hours.yaml', 2, 'teckenkodning', 'filen är inte sparad som UTF-8; spara den igen med teckenkodningen UTF-8 (i de flesta program: Spara som… → Kodning → UTF-8)')]),
    Case("latin-1-site-yaml", {"site.yaml": (BASE / "site.yaml").read_text(encoding="utf-8")
                               .encode("latin-1")},
         [('site.yaml', 1, 'teckenkodning', 'filen är inte sparad som UTF-8; spara den igen med teckenkodningen UTF-8 (i de flesta program: Spara som… → Kodning → UTF-8)')]),
    Case("utf-16-page", {STRATEGI: "---\ntitle: Strategi\n---\nText\n".encode("utf-16")},
         [('nyheter/strategi.md', 1, 'teckenkodning', 'filen är inte sparad som UTF-8; spara den igen med teckenkodningen UTF-8 (i de flesta program: Spara som… → Kodning → UTF-8)')]),
    Case("surrogate-bytes-in-page", {STRATEGI: b"---\ntitle: S\xed\xa0\x80\n---\nx\n"},
         [('nyheter/strategi.md', 2, 'teckenkodning', 'filen är inte sparad som UTF-8; spara den igen med teckenkodningen UTF-8 (i de flesta program: Spara som… → Kodning → UTF-8)')]),
    # -- size and depth ---------------------------------------------------------------------------
    Case("huge-page", {STRATEGI: _huge_page},
         [('nyheter/strategi.md', 1, 'fil', 'filen är för stor (3125 KiB; högst 2048 KiB för en sida eller datafil); dela upp den, eller lägg stort material i ett dokument (PDF) i stället')]),
    Case("huge-contacts-yaml", {"contacts.yaml": _huge_data},
         [('contacts.yaml', 1, 'fil', 'filen är för stor (3600 KiB; högst 2048 KiB för en sida eller datafil); dela upp den, eller lägg stort material i ett dokument (PDF) i stället')]),
    Case("deeply-nested-flow-yaml", {"index.md": ("summary: Startsidan.", "summary: Startsidan.\nx: " + DEEP_FLOW)},
         [('index.md', 4, 'YAML', 'värdet har för många nivåer (hakparenteser inuti varandra hundratals gånger); skriv det enklare')]),
    Case("deeply-nested-site-yaml", {"site.yaml": ("language: sv", "language: sv\nx: " + DEEP_FLOW)},
         [('site.yaml', 4, 'YAML', 'värdet har för många nivåer (hakparenteser inuti varandra hundratals gånger); skriv det enklare')]),
    Case("alias-bomb-contacts", {"contacts.yaml": BOMB},
         [('contacts.yaml', 1, 'YAML', 'ett värde kan inte börja med & i YAML (det läses som en hänvisning till ett annat värde); skriv ut värdet, och sätt citattecken runt text som börjar med &')]),
    Case("alias-bomb-front-matter", {STRATEGI: "---\ntitle: x\n" + BOMB + "---\nx\n"},
         [('nyheter/strategi.md', 3, 'YAML', 'ett värde kan inte börja med & i YAML (det läses som en hänvisning till ett annat värde); skriv ut värdet, och sätt citattecken runt text som börjar med &')]),
    Case("merge-key-alias", {"hours.yaml": ("kundcenter:\n", "bas: &b {title: x}\nkundcenter:\n  <<: *b\n")},
         [('hours.yaml', 1, 'YAML', 'ett värde kan inte börja med & i YAML (det läses som en hänvisning till ett annat värde); skriv ut värdet, och sätt citattecken runt text som börjar med &')]),
    Case("markdown-quotes-nested-3000-deep", {"index.md": ("Välkommen till", "> " * 3000 + "x\n\nVälkommen till")},
         [('index.md', 14, 'text', 'listor eller citat ligger i mer än 15 nivåer här; använd färre nivåer')]),
    Case("markdown-list-nested-300-deep", {"index.md": ("Välkommen till", "".join(
        "    " * i + "- x\n" for i in range(300)) + "\nVälkommen till")},
         [('index.md', 30, 'text', 'listor eller citat ligger i mer än 15 nivåer här; använd färre nivåer')]),
    Case("markdown-bracket-flood", {"index.md": ("Välkommen till", ("[" * 50 + "\n") * 100 + "\nVälkommen till")},
         [('index.md', 14, 'text', 'stycket har 5000 [-hakparenteser; högst 300 får plats i ett stycke eller en listpunkt (fler gör bygget mycket långsamt); dela upp stycket')]),
    # quadratic in Python-Markdown too (80 KB of unclosed backticks took 42 s): refused like [
    Case("markdown-unclosed-backtick-flood", {"index.md": ("Välkommen till", "``a` " * 20_000 + "\n\nVälkommen till")},
         [('index.md', 14, 'text', 'stycket har 60000 grav accenter (`); högst 300 får plats i ett stycke eller en listpunkt (fler gör bygget mycket långsamt); dela upp stycket, eller lägg texten i ett kodblock (en rad ``` före och efter den)')]),
    Case("markdown-emphasis-flood", {"index.md": ("Välkommen till", "*a* " * 80_000 + "\n\nVälkommen till")},
         [('index.md', 14, 'text', 'stycket har 160000 tecken * och _; högst 2000 får plats i ett stycke eller en listpunkt (fler gör bygget mycket långsamt); dela upp stycket')]),
    # -- files that are not what they seem --------------------------------------------------------
    Case("symlink-loop", {"loop.png": _symlink("loop.png")},
         [('loop.png', 1, 'fil', 'filen är en trasig länk; ta bort den')]),
    Case("broken-symlink", {"borta.pdf": _symlink("finns-inte.pdf")},
         [('borta.pdf', 1, 'fil', 'filen är en trasig länk; ta bort den')]),
    Case("named-pipe", {"pipe.txt": _fifo},
         [('pipe.txt', 1, 'fil', 'det här är ingen vanlig fil (utan en pipe, socket eller enhet); ta bort den')]),
    Case("site-yaml-links-outside", {"site.yaml": _symlink("/etc/hostname")},
         [('site.yaml', 1, 'fil', 'filen är en länk som leder utanför innehållsmappen; kopiera in filen i stället')]),
    Case("page-links-to-parent-folder", {"nyheter/hemlig.md": _symlink("../../content-secret.md")},
         [('nyheter/hemlig.md', 1, 'fil', 'filen är en länk som leder utanför innehållsmappen; kopiera in filen i stället')]),
    Case("folder-links-to-root", {"nyheter/rot": _symlink("/")},
         [('nyheter/rot', 1, 'fil', 'mappen är en länk som leder utanför innehållsmappen; kopiera in filerna i stället')]),
    Case("file-name-not-utf8", {"x": _raw_name(b"r\xe4tt.md")},
         [('r\\xe4tt.md', 1, 'fil', 'namnet innehåller en radbrytning, ett styrtecken eller bokstäver som inte är UTF-8 (sparat av ett gammalt program); byt namn')]),
    Case("asset-name-not-utf8", {"x": _raw_name(b"bild\xff.png", b"x")},
         [('bild\\xff.png', 1, 'fil', 'namnet innehåller en radbrytning, ett styrtecken eller bokstäver som inte är UTF-8 (sparat av ett gammalt program); byt namn')]),
    Case("file-name-with-line-break", {"x": _raw_name(b"a\nb.md", b"---\ntitle: [\n---\n")},
         [('a\\x0ab.md', 1, 'fil', 'namnet innehåller en radbrytning, ett styrtecken eller bokstäver som inte är UTF-8 (sparat av ett gammalt program); byt namn')]),
    Case("folder-name-with-carriage-return", {"x": _raw_folder(b"a\rb")},
         [('a\\x0db', 1, 'fil', 'namnet innehåller en radbrytning, ett styrtecken eller bokstäver som inte är UTF-8 (sparat av ett gammalt program); byt namn')]),
    # -- slugs and paths --------------------------------------------------------------------------
    Case("slug-dotdot-alone", {STRATEGI: ("status: draft", "status: draft\nslug: ..")},
         [('nyheter/strategi.md', 8, 'slug', '".." går inte att använda i en adress; använd bara a–z, 0–9 och -, till exempel "var-2021"')]),
    Case("slug-with-slash", {STRATEGI: ("status: draft", "status: draft\nslug: a/b")},
         [('nyheter/strategi.md', 8, 'slug', '"a/b" går inte att använda i en adress; använd bara a–z, 0–9 och -, till exempel "ab"')]),
    Case("slug-absolute", {STRATEGI: ("status: draft", "status: draft\nslug: /etc")},
         [('nyheter/strategi.md', 8, 'slug', '"/etc" går inte att använda i en adress; använd bara a–z, 0–9 och -, till exempel "etc"')]),
    Case("slug-percent-encoded-dots", {STRATEGI: ("status: draft", "status: draft\nslug: '%2e%2e'")},
         [('nyheter/strategi.md', 8, 'slug', '"%2e%2e" går inte att använda i en adress; använd bara a–z, 0–9 och -, till exempel "2e2e"')]),
    Case("slug-backslash", {STRATEGI: ("status: draft", "status: draft\nslug: '..\\..\\x'")},
         [('nyheter/strategi.md', 8, 'slug', '"..\\..\\x" går inte att använda i en adress; använd bara a–z, 0–9 och -, till exempel "x"')]),
    Case("image-backslash-escape", {"index.md": ("src: bild.png", "src: '..\\..\\etc\\passwd'")},
         [('index.md', 6, 'image.src', '"..\\..\\etc\\passwd" leder utanför innehållsmappen; lägg filen i innehållsmappen')]),
    Case("image-javascript-src", {"index.md": ("src: bild.png", "src: javascript:alert(1)")},
         [('index.md', 6, 'image.src', '"javascript:"-adresser är inte tillåtna; använd en fil i innehållsmappen eller en https://-adress')]),
    Case("image-data-src", {"index.md": ("src: bild.png", "src: 'data:image/png;base64,AAAA'")},
         [('index.md', 6, 'image.src', '"data:"-adresser är inte tillåtna; använd en fil i innehållsmappen eller en https://-adress')]),
    Case("image-src-is-a-folder", {"index.md": ("src: bild.png", "src: nyheter")},
         [('index.md', 6, 'image.src', 'filen "nyheter" finns inte (letade efter nyheter i innehållsmappen)')]),
    Case("image-src-is-a-data-file", {"index.md": ("src: bild.png", "src: contacts.yaml")},
         [('index.md', 6, 'image.src', 'filen "contacts.yaml" finns inte (letade efter contacts.yaml i innehållsmappen)')]),
    Case("document-missing", {STRATEGI: ("status: draft", DOC.format("plan.pdf"))},
         [('nyheter/strategi.md', 10, 'documents[0].src', 'filen "plan.pdf" finns inte (letade efter nyheter/plan.pdf i innehållsmappen)')]),
    Case("document-vbscript", {STRATEGI: ("status: draft", DOC.format("'vbscript:msgbox(1)'"))},
         [('nyheter/strategi.md', 10, 'documents[0].src', '"vbscript:"-adresser är inte tillåtna; använd en fil i innehållsmappen eller en https://-adress')]),
    Case("document-deep-traversal", {STRATEGI: ("status: draft", DOC.format("a/../../../../etc/passwd"))},
         [('nyheter/strategi.md', 10, 'documents[0].src', '"a/../../../../etc/passwd" leder utanför innehållsmappen; lägg filen i innehållsmappen')]),
    Case("markdown-image-javascript", {"index.md": ("Välkommen till", "![x](javascript:alert(1))\n\nVälkommen till")},
         [('index.md', 14, 'text', '"javascript:"-länkar är inte tillåtna; länka till en https://-adress')]),
    Case("markdown-html-link-javascript", {"index.md": ("Välkommen till",
                                                       '<a href=" JaVaScRiPt:alert(1)">x</a>\n\nVälkommen till')},
         [('index.md', 14, 'text', '"JaVaScRiPt:"-länkar är inte tillåtna; länka till en https://-adress')]),
    Case("markdown-link-entity-encoded-javascript", {"index.md": ("Välkommen till",
                                                                  '<a href="&#106;avascript:alert(1)">x</a>\n\nVälkommen till')},
         [('index.md', 14, 'text', '"javascript:"-länkar är inte tillåtna; länka till en https://-adress')]),
    Case("markdown-link-tab-inside-scheme", {"index.md": ("Välkommen till",
                                                          "[x](jav&#x09;ascript:alert(1))\n\nVälkommen till")},
         [('index.md', 14, 'text', '"javascript:"-länkar är inte tillåtna; länka till en https://-adress')]),
    Case("markdown-image-data-url", {"index.md": ("Välkommen till",
                                                  "![x](data:image/svg+xml;base64,PHN2Zz4=)\n\nVälkommen till")},
         [('index.md', 14, 'text', '"data:"-länkar är inte tillåtna; länka till en https://-adress')]),
    Case("markdown-link-traversal", {"index.md": ("Välkommen till", "[x](../../../etc/passwd)\n\nVälkommen till")},
         [('index.md', 14, 'text', 'länken "../../../etc/passwd" leder utanför innehållsmappen; länka till en sida eller fil i innehållsmappen')]),
    Case("svg-namespaced-script", {"logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"\n'
                                   ' xmlns:svg="http://www.w3.org/2000/svg">\n<svg:script>alert(1)</svg:script>\n</svg>\n'},
         [('logo.svg', 3, 'SVG', '<script> är inte tillåtet i en publicerad fil: det kör ett skript eller bäddar in ett annat dokument; ta bort det')]),
    Case("svg-entity-encoded-javascript", {"logo.svg": '<svg xmlns="http://www.w3.org/2000/svg">\n'
                                           '<a href="&#106;avascript:alert(1)"><rect/></a>\n</svg>\n'},
         [('logo.svg', 2, 'SVG', '"javascript:"-adresser är inte tillåtna i en publicerad fil (href); de kör ett skript; ta bort länken')]),
    Case("svg-embedding-an-svg-document", {"logo.svg": '<svg xmlns="http://www.w3.org/2000/svg">\n'
                                           '<image href="data:image/svg+xml;base64,PHN2Zz4="/>\n</svg>\n'},
         [('logo.svg', 2, 'SVG', '"data:"-adresser är inte tillåtna i en publicerad fil (href), utom för PNG-, JPEG-, GIF- och WebP-bilder: de kan innehålla ett annat dokument med skript; ta bort den')]),
    Case("html-file-with-script", {"om/gammal.html": "<!doctype html>\n<p>Hej</p>\n<script>alert(1)</script>\n"},
         [('om/gammal.html', 3, 'HTML', '<script> är inte tillåtet i en publicerad fil: det kör ett skript eller bäddar in ett annat dokument; ta bort det')]),
    Case("html-file-with-handler", {"om/gammal.htm": "<p>Hej</p>\n<img src=x onerror=alert(1)>\n"},
         [('om/gammal.htm', 2, 'HTML', 'händelsehanteraren onerror är inte tillåten i en publicerad fil: den kör ett skript; ta bort den')]),
    Case("script-file", {"static2/app.js": "alert(1)\n"},
         [('static2/app.js', 1, 'fil', 'skriptfiler kan inte publiceras från innehållsmappen; webbplatsen kör bara sina egna skript. Ta bort filen')]),
    # -- uploaded documents, parsed as a browser parses them (issue 25) ---------------------------
    Case("html-svg-onload-without-space", {"om/karta.html": "<!doctype html>\n<p>Karta</p>\n<svg/onload=alert(1)>\n"},
         [('om/karta.html', 3, 'HTML', 'händelsehanteraren onload är inte tillåten i en publicerad fil: den kör ett skript; ta bort den')]),
    Case("html-onerror-glued-to-a-quote", {"om/bild.html": '<p>Bild</p>\n<img src="x"onerror=alert(1)>\n'},
         [('om/bild.html', 2, 'HTML', 'händelsehanteraren onerror är inte tillåten i en publicerad fil: den kör ett skript; ta bort den')]),
    Case("html-body-slash-onload", {"om/tom.htm": "<!doctype html>\n<title>x</title>\n<body/onload=alert(1)>\n"},
         [('om/tom.htm', 3, 'HTML', 'händelsehanteraren onload är inte tillåten i en publicerad fil: den kör ett skript; ta bort den')]),
    Case("html-fake-search-result", {"om/kontakt.html": "<!doctype html>\n<title>Kontakt</title>\n"
                                     "<main data-pagefind-body>\n<h1>Ring 0900-123 45</h1>\n</main>\n"},
         [('om/kontakt.html', 3, 'HTML', 'data-pagefind-body är inte tillåtet i en publicerad fil: det skulle ta med filen i webbplatsens sökning som om den vore en sida; ta bort det')]),
    Case("html-noscript-mutation", {"om/gammal.html": '<p>Hej</p>\n<noscript><p title="</noscript>'
                                    '<img src=x onerror=alert(1)>"></noscript>\n'},
         [('om/gammal.html', 2, 'HTML', 'händelsehanteraren onerror är inte tillåten i en publicerad fil: den kör ett skript; ta bort den')]),
    Case("xml-names-an-xslt-stylesheet", {"data/lista.xml": '<?xml version="1.0"?>\n'
                                          '<?xml-stylesheet type="text/xsl" href="lista.xsl"?>\n<lista/>\n'},
         [('data/lista.xml', 2, 'XML', '<?xml-stylesheet?> av typen "text/xsl" är inte tillåten: en webbläsare skulle köra den som en stilmall som omvandlar filen (XSLT), vilket kan skriva skript; ta bort den')]),
    Case("xslt-disable-output-escaping", {"data/lista.xsl": '<?xml version="1.0"?>\n<xsl:stylesheet '
                                          'version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">\n'
                                          '<xsl:template match="/">\n<xsl:text disable-output-escaping="yes">'
                                          "&lt;script&gt;alert(1)&lt;/script&gt;</xsl:text>\n"
                                          "</xsl:template>\n</xsl:stylesheet>\n"},
         [('data/lista.xsl', 2, 'XML', 'XSLT-stilmallar kan inte publiceras: de kan göra vilken text som helst till ett skript; publicera resultatet som PDF eller som en sida i stället'),
          ('data/lista.xsl', 4, 'XML', 'disable-output-escaping är inte tillåtet: det låter en stilmall (XSLT) skriva skript; ta bort det')]),
    Case("xhtml-with-handler", {"om/sida.xhtml": '<html xmlns="http://www.w3.org/1999/xhtml">\n<body>\n'
                                '<img src="x" onerror="alert(1)"/>\n</body></html>\n'},
         [('om/sida.xhtml', 3, 'XML', 'händelsehanteraren onerror är inte tillåten i en publicerad fil: den kör ett skript; ta bort den')]),
    Case("svg-entity-holding-a-script", {"logo.svg": '<!DOCTYPE svg [\n<!ENTITY s "&#60;script>alert(1)'
                                         '&#60;/script>">\n]>\n<svg xmlns="http://www.w3.org/2000/svg">&s;</svg>\n'},
         [('logo.svg', 2, 'SVG', 'entiteten s innehåller märkkod, som skulle kunna gömma ett skript; skriv ut texten i stället för entiteten')]),
    Case("svg-dtd-default-onload", {"logo.svg": '<!DOCTYPE svg [\n<!ATTLIST svg onload CDATA "alert(1)">\n]>\n'
                                    '<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>\n'},
         [('logo.svg', 4, 'SVG', 'händelsehanteraren onload är inte tillåten i en publicerad fil: den kör ett skript; ta bort den')]),
    Case("svg-animation-sets-a-handler", {"logo.svg": '<svg xmlns="http://www.w3.org/2000/svg">\n'
                                          '<set attributeName="onmouseover" to="alert(1)"/>\n</svg>\n'},
         [('logo.svg', 2, 'SVG', 'händelsehanteraren onmouseover är inte tillåten i en publicerad fil: den kör ett skript; ta bort den')]),
    Case("compressed-svg", {"logo.svgz": b"\x1f\x8b\x08\x00"},
         [('logo.svgz', 1, 'fil', 'en komprimerad SVG (.svgz) går inte att kontrollera för skript; publicera den okomprimerad, som .svg')]),
    Case("program-files-strict", {**{f"filer/verktyg{s}": b"MZ" for s in
                                     (".apk", ".bat", ".exe", ".hta", ".jar", ".ps1", ".scr")}},
         [('filer/verktyg.apk', 1, 'fil', 'filer av typen .apk hör inte till dem som publiceras från innehållsmappen (dokument, bilder, ljud och video, data), men vem som helst skulle kunna ladda ner den här från webbplatsen; ta bort den om den inte måste publiceras'),
          ('filer/verktyg.bat', 1, 'fil', 'filer av typen .bat hör inte till dem som publiceras från innehållsmappen (dokument, bilder, ljud och video, data), men vem som helst skulle kunna ladda ner den här från webbplatsen; ta bort den om den inte måste publiceras'),
          ('filer/verktyg.exe', 1, 'fil', 'filer av typen .exe hör inte till dem som publiceras från innehållsmappen (dokument, bilder, ljud och video, data), men vem som helst skulle kunna ladda ner den här från webbplatsen; ta bort den om den inte måste publiceras'),
          ('filer/verktyg.hta', 1, 'fil', 'filer av typen .hta hör inte till dem som publiceras från innehållsmappen (dokument, bilder, ljud och video, data), men vem som helst skulle kunna ladda ner den här från webbplatsen; ta bort den om den inte måste publiceras'),
          ('filer/verktyg.jar', 1, 'fil', 'filer av typen .jar hör inte till dem som publiceras från innehållsmappen (dokument, bilder, ljud och video, data), men vem som helst skulle kunna ladda ner den här från webbplatsen; ta bort den om den inte måste publiceras'),
          ('filer/verktyg.ps1', 1, 'fil', 'filer av typen .ps1 hör inte till dem som publiceras från innehållsmappen (dokument, bilder, ljud och video, data), men vem som helst skulle kunna ladda ner den här från webbplatsen; ta bort den om den inte måste publiceras'),
          ('filer/verktyg.scr', 1, 'fil', 'filer av typen .scr hör inte till dem som publiceras från innehållsmappen (dokument, bilder, ljud och video, data), men vem som helst skulle kunna ladda ner den här från webbplatsen; ta bort den om den inte måste publiceras')], strict=True),
    Case("file-without-a-type-strict", {"filer/LASMIG": b"x"},
         [('filer/LASMIG', 1, 'fil', 'en fil utan filtyp (som .pdf) hör inte till dem som publiceras från innehållsmappen, men vem som helst skulle kunna ladda ner den från webbplatsen; ta bort den, eller ge den filändelsen för sin typ')], strict=True),
    # -- control characters and line breaks that other formats would take as structure ---------
    Case("control-character-in-title", {"index.md": ("title: Välkommen", 'title: "Väl\\x01kommen"')},
         [('index.md', 2, 'title', 'innehåller ett osynligt styrtecken (U+0001) som inte är tillåtet; ta bort det, eller skriv om texten')]),
    Case("nul-in-summary", {"index.md": ("summary: Startsidan.", 'summary: "Start\\0sidan."')},
         [('index.md', 3, 'summary', 'innehåller ett osynligt styrtecken (U+0000) som inte är tillåtet; ta bort det, eller skriv om texten')]),
    Case("control-character-in-contact-name", {"contacts.yaml": ("  name: Anna Andersson",
                                                                 '  name: "Anna\\x85 Andersson"')},
         [('contacts.yaml', 7, 'anna-andersson.name', 'innehåller ett osynligt styrtecken (U+0085) som inte är tillåtet; ta bort det, eller skriv om texten')]),
    Case("control-character-in-body", {"index.md": ("Välkommen till", "Väl\x01kommen till")},
         [('index.md', 14, 'text', 'innehåller ett osynligt styrtecken (U+0001) som inte är tillåtet; ta bort det, eller skriv om texten')]),
    Case("line-break-in-contact-url", {"contacts.yaml": ("  email: kundcenter@example.se",
                                                         '  email: kundcenter@example.se\n'
                                                         '  url: "https://example.se/\\nTEL:+4699999"')},
         [('contacts.yaml', 5, 'kundcenter.url', 'en länk får inte innehålla radbrytningar eller tabbar; skriv den på en rad')]),
    Case("line-break-in-base-url", {"site.yaml": ("base_url: https://naringsliv.example.se/",
                                                  'base_url: "https://naringsliv.example.se/\\nDisallow: /"')},
         [('site.yaml', 2, 'base_url', 'en länk får inte innehålla radbrytningar eller tabbar; skriv den på en rad')]),
    Case("alias-with-encoded-nul", {STRATEGI: ("status: draft", "status: draft\naliases: [/gammal%00/]")},
         [('nyheter/strategi.md', 8, 'aliases[0]', '"/gammal%00/" får inte innehålla ?, #, \\ eller styrtecken; till exempel /gammal-sida/ eller /nyheter/gammal.html')]),
    Case("alias-with-encoded-line-break", {STRATEGI: ("status: draft", "status: draft\naliases: [/a%0Ab/]")},
         [('nyheter/strategi.md', 8, 'aliases[0]', '"/a%0Ab/" får inte innehålla ?, #, \\ eller styrtecken; till exempel /gammal-sida/ eller /nyheter/gammal.html')]),
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
                       cwd=tmp_path, capture_output=True, text=True, timeout=120, preexec_fn=cap,
                       env=SWEDISH)
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    assert_lines(r.stderr, [("contacts.yaml", 1, "YAML", "ett värde kan inte börja med & i YAML (det "
                             "läses som en hänvisning till ett annat värde); skriv ut värdet, och sätt "
                             "citattecken runt text som börjar med &")])


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
    ("svg-as-illustrator-exports-it", {"logo.svg": '<?xml version="1.0" encoding="utf-8"?>\n'
                                       '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
                                       '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [\n'
                                       '<!ENTITY ns_svg "http://www.w3.org/2000/svg">\n]>\n'
                                       '<svg xmlns="&ns_svg;" viewBox="0 0 10 10"><rect/></svg>\n'},
     "logo.svg", []),
    ("html-that-talks-about-scripts", {"om/gammal.html": "<!doctype html>\n<title>x</title>\n<p>Attributet "
                                       "onload och ordet javascript är text.</p>\n<textarea><script>"
                                       "</script></textarea>\n"}, "om/gammal.html", ["onload och ordet"]),
    ("xml-data-with-a-css-stylesheet", {"data/lista.xml": '<?xml version="1.0"?>\n<?xml-stylesheet '
                                        'type="text/css" href="lista.css"?>\n<lista><rad/></lista>\n'},
     "data/lista.xml", ["<rad/>"]),
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
