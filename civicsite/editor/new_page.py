"""``civicsite new KIND "Title"``: a new page file with a commented front-matter skeleton.

Required and essential fields hold placeholders (``FYLL I: …``) that the build reports as errors
naming the field (see ``fields.PLACEHOLDER``) until the editor replaces them; optional fields are
written as comments with an example. The comments are Swedish: editors read them.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

from civicsite.content.kinds import KINDS
from civicsite.content.page_checks import SKELETON_BODY
from civicsite.content.listings_config import parse_kinds, settings_for
from civicsite.content.urls import KIND_INDEX
from civicsite.core import fields as F
from civicsite.core.errors import Diagnostics
from civicsite.core.fields import PLACEHOLDER_PREFIX as P
from civicsite.core.fields import Ctx, Fields
from civicsite.core.slugs import slugify

# Where each kind's pages go inside the content folder: beside their generated list
# (/besokssprintar/ lists /besokssprintar/var-2021/); plain pages and the statement at the top.
FOLDERS = {kind: KIND_INDEX.get(kind, "") for kind in KINDS}


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _head(kind: str, title: str, today: dt.date) -> str:
    dated = kind in ("page", "workshop", "sprint", "news")
    return "\n".join([
        "---",
        f"kind: {kind}" + " " * max(1, 27 - len(kind)) + "# sidtyp: page, news, strategy, workshop, sprint eller accessibility",
        f"title: {_quoted(title)}" + "  # rubriken (h1) och sidans namn i listor",
        f'summary: "{P} en eller två meningar som visas i listor, flöden och sökresultat"',
        (f"date: {today.isoformat()}" + " " * 16 + "# publiceringsdag ÅÅÅÅ-MM-DD") if dated else
        f"# date: {today.isoformat()}              # publiceringsdag ÅÅÅÅ-MM-DD",
        "# tags: [företagsbesök, kompetensförsörjning]",
        "# image:                       # en bild överst; alt beskriver bilden (eller decorative: true)",
        "#   src: bild.png              # sökväg från den här filen",
        '#   alt: "Vad bilden visar"',
        "#   credit: Fotografens namn   # visas som Foto: …",
    ]) + "\n"


_KIND_FIELDS = {
    "page": "",
    "strategy": f"""\
period:                         # årtal då strategin gäller
  start: "{P} startår, t.ex. 2024"
  end: "{P} slutår, t.ex. 2028"
status: "{P} draft, consultation, adopted eller expired"
# adopted:                      # när strategin antogs och av vem
#   date: 2024-02-12
#   by: Kommunfullmäktige
# focus_areas:                  # fokusområden
#   - title: Företagsklimat
#     text: En mening om området.
# documents:                    # filer att ladda ned (i innehållsmappen eller https://)
#   - title: Näringslivsstrategi 2024–2028 (pdf)
#     src: strategi.pdf
""",
    "workshop": f"""\
event:
  start: "{P} dag och tid, t.ex. 2023-03-02T08:00"
  # end: 2023-03-02T10:00       # eller bara en tid: 10.00
  location: "{P} plats, t.ex. Kommunhuset, Hallstahammar"
  # attendance: offline         # offline, online eller mixed
# topics: [företagsklimat, kompetensförsörjning]
# organisations: [Region Västmanland, Almi Mälardalen]
# attendees:
#   count: 30
#   approximate: true           # visas som "ett trettiotal"
# next_steps: Vad som händer efter workshoppen.
# quotes:                       # citat; visa ett i texten med ::: quote 1
#   - text: Det citerade.
#     name: Namn Namnsson
#     role: näringslivschef
#     organisation: Kommunen
# documents:
#   - title: Dokumentation (pdf)
#     src: dokumentation.pdf
""",
    "sprint": f"""\
event:
  start: "{P} dag, t.ex. 2021-05-18"
  # attendance: online          # offline, online eller mixed
# visits:
#   planned: 30
#   completed: 30
# signup:                       # anmälan; stängs efter deadline
#   url: https://www.example.se/anmalan
#   deadline: 2021-05-01
# next:                         # nästa Besökssprint
#   when: hösten 2021
#   url: https://www.example.se/foretagsbesok
# participants:                 # visa listan i texten med ::: participants
#   title: Deltagare
#   people:
#     - name: Namn Namnsson
#       title: kommunstyrelsens ordförande
#       organisation: Företagarna
#     - group: tjänstemän       # en grupp i stället för en person
#       count: 6
#     - kundcenter              # eller ett id ur contacts.yaml
# quotes:
#   - text: Det citerade.
#     name: Namn Namnsson
#     role: näringslivschef
""",
    "news": """\
# updated: 2026-09-03           # om nyheten ändras: dagen för ändringen (visas "Uppdaterad …")
# event:                        # om nyheten gäller något som händer: när och var
#   start: 2026-10-14T08:30
#   end: 16.00
#   location: Kommunhuset
""",
    "accessibility": f"""\
compliance: "{P} full, partial eller none"
# non_compliant:                # kända brister
#   - what: Vad som inte fungerar.
#     reason: Varför.
#     alternative: Hur man får innehållet på annat sätt.
assessed:
  date: "{P} dag för granskningen, t.ex. 2023-03-20"
  method: Egen granskning av webbplatsen
updated: "{P} dag då redogörelsen senast uppdaterades"
feedback:                       # hur man meddelar brister
  email: "{P} e-postadress, t.ex. kundcenter@kommun.se"
  # phone: 0220-24000
  # url: https://www.example.se/kontakt
""",
}

_TAIL = """\
# contacts: [kundcenter]        # kontaktblock (id i contacts.yaml)
# hours: [kundcenter]           # öppettider (id i hours.yaml)
# related:                      # Relaterad information
#   - title: Länkens text
#     url: https://www.example.se
# reviewed:                     # Senast granskad … av …
#   date: 2024-01-15
#   by: Ditt namn
draft: true                     # true: publiceras inte förrän du ändrar till false
---
""" + SKELETON_BODY


def skeleton(kind: str, title: str, today: dt.date) -> str:
    """The text of a new page of ``kind``."""
    return _head(kind, title, today) + _KIND_FIELDS[kind] + _TAIL


def target(content: Path, kind: str, title: str) -> Optional[Path]:
    """Where the page goes; None when the title gives no URL segment."""
    slug = slugify(title)
    if not slug:
        return None
    folder = _folder(content, kind)
    return (content / folder if folder else content) / f"{slug}.md"


def _folder(content: Path, kind: str) -> str:
    """The folder of ``kind``'s pages: its listing's path when site.yaml's `kinds:` moves it
    (mistakes there are for `check` to report, not for `new`)."""
    if not FOLDERS[kind]:
        return ""
    try:
        text = (content / "site.yaml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return FOLDERS[kind]
    quiet = Ctx(Diagnostics(), "site.yaml")
    f = Fields.of(F.compose(text, quiet), quiet, ())
    kinds = parse_kinds(f.node("kinds"), quiet) if f is not None and "kinds" in f else None
    return settings_for(kinds or (), kind).path or FOLDERS[kind]


def create(content: Path, kind: str, title: str, today: dt.date) -> Path:
    """Write the new page; FileExistsError when the file is already there (never overwritten)."""
    path = target(content, kind, title)
    assert path is not None
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as out:  # "x": refuse to overwrite
        out.write(skeleton(kind, title, today))
    return path
