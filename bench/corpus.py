"""Synthetic benchmark corpus: N pages written for civicsite, Hugo, Pelican and MkDocs.

    python bench/corpus.py --pages 1000 --out /tmp/civicsite-corpus [--seed 7]

Writes ``OUT/civicsite`` (a content folder in our format), ``OUT/hugo``, ``OUT/pelican`` and
``OUT/mkdocs`` (minimal but real projects). Every page is ~900 words of Swedish-looking text with
headings, lists, links and a table on every third page, in every page kind (page, strategy,
workshop, sprint), with ``::: contact`` and ``::: hours`` blocks, images with alt text and tags.
The peers get the same text; what our format keeps in front matter or directives (contact and
hours blocks, quotes, participants, event facts) is written out as Markdown for them, so every
tool renders the same words. Page i depends only on (seed, i): the first N pages of a 2N corpus
are the N pages of an N corpus.
"""
from __future__ import annotations

import argparse
from dataclasses import dataclass, field
import datetime as dt
import json
from pathlib import Path
import random
import shutil
import struct
import zlib

VERSION = 4  # bump when the output changes, so cached corpora are regenerated

WORDS = (
    "företag näringsliv kommun samverkan kompetens utveckling etablering tillväxt handel "
    "industri besöksnäring arbetsmarknad utbildning mark planering detaljplan bygglov "
    "tillstånd service dialog nätverk innovation hållbarhet energi transport logistik "
    "fastighet lokal centrum landsbygd region entreprenör företagare medarbetare rekrytering "
    "praktik gymnasium högskola forskning export investering finansiering stöd rådgivning "
    "upphandling leverantör avtal beslut nämnd fullmäktige strategi mål åtgärd uppföljning "
    "ansökan handläggning tid kvalitet möte frukostmöte företagsbesök besök enkät ranking "
    "företagsklimat attraktionskraft bostäder infrastruktur bredband cykel kollektivtrafik "
    "miljö klimat avfall vatten el solceller laddning turism evenemang kultur idrott förening "
    "ungdomar sommarjobb nyanlända språk mentor coach program projekt satsning budget resultat "
    "och att som för med på av till om i en ett det den de vi ni alla många flera nya bättre "
    "snabbare enklare tydligare gemensamt lokalt regionalt tillsammans under efter inför "
    "genom mellan varje både också redan därför ska kan vill behöver får gör tar ger ser "
    "arbetar erbjuder utvecklar stärker skapar bygger planerar genomför följer samlar"
).split()
TOPICS = ("foretagsstod", "etablering", "kompetens", "handel", "besoksnaring", "mark-och-lokaler",
          "upphandling", "hallbarhet", "innovation", "nyforetagande", "landsbygd", "evenemang",
          "tillstand", "infrastruktur", "natverk", "export", "utbildning", "turism", "energi",
          "centrumutveckling")
TAGS = ("företagsbesök", "kompetensförsörjning", "näringslivsstrategi", "företagsklimat",
        "etablering", "nyföretagande", "handel", "besöksnäring", "hållbarhet", "innovation",
        "upphandling", "mark och lokaler", "evenemang", "landsbygd", "export", "energi",
        "infrastruktur", "utbildning", "rekrytering", "samverkan", "workshop", "besökssprint",
        "frukostmöte", "digitalisering", "turism", "centrum", "transport", "finansiering",
        "rådgivning", "nätverk")
FIRST = ("Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Sara", "Per", "Emma", "Anders",
         "Lena", "Mikael", "Elin", "Jonas", "Sofia", "Peter", "Ida", "Fredrik", "Linnea", "Ali")
LAST = ("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
        "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Hansson", "Bengtsson",
        "Lindberg", "Jakobsson", "Magnusson", "Lindström", "Axelsson", "Hassan")
ROLES = ("näringslivsutvecklare", "näringslivschef", "kommunalråd", "etableringsstrateg",
         "planarkitekt", "företagslots", "upphandlare", "miljöinspektör", "kommunikatör",
         "oppositionsråd", "stadsdirektör", "utvecklingsledare")
ORGS = ("Region Västmanland", "Svenskt Näringsliv", "Almi Mälardalen", "Företagarna",
        "Arbetsförmedlingen", "Nyföretagarcentrum", "Handelskammaren", "Ung Företagsamhet")
DAYS = ("mån", "tis", "ons", "tor", "fre", "lör", "sön")
KINDS = (("page", 50), ("workshop", 20), ("sprint", 15), ("strategy", 15))
FILE_WORD = {"page": "sida", "workshop": "workshop", "sprint": "besokssprint",
             "strategy": "strategi"}
IMAGES = 8
PAGES_PER_SECTION = 100
BUILD_DATE = dt.date(2026, 11, 25)


# --- the model every writer renders ----------------------------------------------------------

@dataclass
class Contact:
    id: str
    name: str
    title: str
    phone: str       # as written, e.g. 0220-24100
    phone_e164: str  # +4622024100
    email: str
    address: str
    hours: str = ""  # hours id or ""


@dataclass
class Hours:
    id: str
    title: str
    winter: dict[str, str]
    summer: dict[str, str]


@dataclass
class Page:
    index: int
    kind: str
    section: str            # folder
    name: str               # file name without .md
    title: str
    summary: str
    date: dt.date
    tags: list[str]
    image: tuple[int, str] | None        # (image number, alt text)
    contacts: list[str]
    hours: list[str]
    blocks: list[tuple] = field(default_factory=list)   # body, see _body
    extra: dict = field(default_factory=dict)            # kind-specific front matter

    @property
    def rel(self) -> str:
        return f"{self.section}/{self.name}.md"


def _contacts() -> list[Contact]:
    offices = [("kundcenter", "Kundcenter", "kundcenter"),
               ("naringslivsenheten", "Näringslivsenheten", "naringslivsenheten"),
               ("bygglovsenheten", "Bygglovsenheten", "bygglov"),
               ("miljokontoret", "Miljökontoret", "kundcenter")]
    out = []
    for i, (cid, name, hours) in enumerate(offices):
        out.append(Contact(cid, name, "", f"0220-24{100 + i:03d}", f"+4622024{100 + i:03d}",
                           f"{cid}@hallstahammar.se", "Norra Prästgårdsgatan 1, Hallstahammar", hours))
    for i in range(12):
        first, last = FIRST[i], LAST[(i * 7) % len(LAST)]
        cid = f"{first}-{last}".lower().translate(str.maketrans("åäö", "aao"))
        out.append(Contact(cid, f"{first} {last}", ROLES[i % len(ROLES)].capitalize(),
                           f"0220-24{200 + i:03d}", f"+4622024{200 + i:03d}",
                           f"{cid.replace('-', '.')}@hallstahammar.se",
                           "Norra Prästgårdsgatan 1, Hallstahammar"))
    return out


def _hours() -> list[Hours]:
    week = {"mån-tor": "08.00-16.30", "fre": "08.00-16.00"}
    summer = {"mån-tor": "08.00-16.00", "fre": "08.00-15.00"}
    return [Hours("kundcenter", "Öppettider i kundcenter", week, summer),
            Hours("naringslivsenheten", "Näringslivsenhetens telefontider",
                  {"mån-fre": "09.00-12.00"}, {"mån-fre": "10.00-12.00"}),
            Hours("bygglov", "Bygglovsenhetens telefontid",
                  {"mån": "13.00-15.00", "tis-tor": "09.00-11.00"}, {"tis-tor": "09.00-11.00"})]


CONTACTS = _contacts()
HOURS = _hours()
PEOPLE = [c for c in CONTACTS if c.title]


class Text:
    """Seeded Swedish-looking text."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def words(self, lo: int, hi: int) -> list[str]:
        return [self.rng.choice(WORDS) for _ in range(self.rng.randint(lo, hi))]

    def sentence(self, lo: int = 7, hi: int = 16) -> str:
        w = self.words(lo, hi)
        return " ".join(w).capitalize() + "."

    def title(self, lo: int = 3, hi: int = 7) -> str:
        return " ".join(self.words(lo, hi)).capitalize()

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(3, 6)))


def make_page(seed: int, i: int) -> Page:
    """Page i of the corpus; depends only on (seed, i)."""
    rng = random.Random(f"{seed}:{i}")
    t = Text(rng)
    kind = rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
    section = f"{TOPICS[(i // PAGES_PER_SECTION) % len(TOPICS)]}-{i // PAGES_PER_SECTION + 1:03d}"
    date = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(4300))
    contacts = rng.sample([c.id for c in CONTACTS], rng.randint(0, 2))
    hours = [rng.choice(HOURS).id] if rng.random() < 0.3 else []
    image = (rng.randrange(IMAGES) + 1, t.sentence(6, 12)) if rng.random() < 0.5 else None
    page = Page(i, kind, section, f"{FILE_WORD[kind]}-{i:05d}", t.title(), t.sentence(14, 24), date,
                rng.sample(TAGS, rng.randint(1, 4)), image, contacts, hours)
    page.extra = _extra(page, rng, t)
    page.blocks = _body(page, rng, t, i)
    return page


def _event_start(page: Page, rng: random.Random) -> dt.datetime:
    # a few events lie after the build date, so "Kommande" and calendar files have work to do
    day = page.date if rng.random() < 0.9 else BUILD_DATE + dt.timedelta(days=rng.randrange(1, 300))
    return dt.datetime.combine(day, dt.time(rng.choice((8, 9, 13, 18)), rng.choice((0, 30))))


def _extra(page: Page, rng: random.Random, t: Text) -> dict:
    quotes = [{"text": " ".join(t.sentence() for _ in range(rng.randint(2, 4))),
               "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "role": rng.choice(ROLES),
               "organisation": rng.choice(ORGS)} for _ in range(rng.randint(0, 2))]
    if page.kind == "strategy":
        start = rng.randint(2016, 2027)
        extra = {"period": {"start": start, "end": start + 4},
                 "status": rng.choice(("draft", "consultation", "adopted", "expired")),
                 "focus_areas": [{"title": t.title(1, 3), "text": t.sentence()}
                                 for _ in range(rng.randint(2, 5))]}
        if extra["status"] in ("adopted", "expired"):
            extra["adopted"] = {"date": page.date, "by": "Kommunfullmäktige"}
        return extra
    if page.kind == "workshop":
        start = _event_start(page, rng)
        return {"event": {"start": start, "end": start + dt.timedelta(hours=2),
                          "location": "Hallstahammar",
                          "attendance": rng.choice(("offline", "online", "mixed"))},
                "topics": rng.sample(TAGS, 3), "organisations": rng.sample(ORGS, 2),
                "attendees": {"count": rng.randint(8, 80), "approximate": rng.random() < 0.5},
                "next_steps": t.sentence()} | ({"quotes": quotes} if quotes else {})
    if page.kind == "sprint":
        start = _event_start(page, rng).date()
        people = [{"name": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "title": rng.choice(ROLES)}
                  for _ in range(rng.randint(3, 8))]
        people += [c.id for c in rng.sample(PEOPLE, 2)]
        planned = rng.randint(10, 40)
        return {"event": {"start": start, "attendance": rng.choice(("offline", "online", "mixed"))},
                "visits": {"planned": planned, "completed": planned - rng.randint(0, 5)},
                "signup": {"url": "https://www.hallstahammar.se/anmalan",
                           "deadline": start - dt.timedelta(days=14)},
                "participants": {"title": "Deltagare", "people": people},
                "next": {"when": f"hösten {start.year}", "url": "https://www.hallstahammar.se/"}} \
            | ({"quotes": quotes} if quotes else {})
    return {}


def _body(page: Page, rng: random.Random, t: Text, i: int) -> list[tuple]:
    """Blocks: ("p", text) ("h2"|"h3", text) ("ul"|"ol", items) ("table", rows) ("img", n, alt)
    ("link", text, page index in the same section) ("contact", id) ("hours", id) ("participants",)."""
    target = rng.randint(850, 950)
    blocks: list[tuple] = [("p", t.paragraph())]
    words = lambda: sum(len(" ".join(map(str, b[1:])).split()) for b in blocks)  # noqa: E731
    section_start = (i // PAGES_PER_SECTION) * PAGES_PER_SECTION
    n = 0
    while words() < target:
        n += 1
        blocks.append(("h2", t.title(2, 5)))
        blocks.append(("p", t.paragraph()))
        if n % 2:
            blocks.append((rng.choice(("ul", "ol")), [t.sentence(3, 9) for _ in range(rng.randint(3, 6))]))
        if n == 2 and i % 3 == 0:
            cols = rng.randint(3, 4)
            blocks.append(("table", [[t.title(1, 2) for _ in range(cols)]]
                           + [[t.title(1, 3) if c == 0 else str(rng.randint(1, 9999))
                               for c in range(cols)] for _ in range(rng.randint(4, 8))]))
        if n == 2:
            other = section_start + rng.randrange(PAGES_PER_SECTION)
            if other < i:  # link backwards only, so the page exists in every corpus size
                blocks.append(("link", t.title(2, 4), other))
        if n == 3 and rng.random() < 0.25:
            blocks.append(("img", rng.randrange(IMAGES) + 1, t.sentence(5, 10)))
        if n == 3:
            blocks.append(("h3", t.title(2, 4)))
            blocks.append(("p", t.paragraph()))
    blocks.append(("h2", "Kontakta oss"))
    blocks.append(("p", t.sentence()))
    if page.kind == "sprint":
        blocks.insert(3, ("participants",))
    # a contact the page does not list already (shown twice on one page is a warning)
    contact = rng.choice(CONTACTS).id
    if contact in page.contacts:
        contact = next(c.id for c in CONTACTS if c.id not in page.contacts)
    blocks.append(("contact", contact))
    if rng.random() < 0.5:
        hours = rng.choice(HOURS).id
        if hours not in page.hours:
            blocks.append(("hours", hours))
    return blocks


# --- writers -------------------------------------------------------------------------------

def _png(n: int) -> bytes:
    """A small valid PNG (solid colour), different for each n."""
    w = h = 16
    raw = b"".join(b"\x00" + bytes((40 * n % 256, 90, 160)) * w for _ in range(h))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _yaml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def _yaml(value, indent: int = 0) -> str:
    """Block YAML of plain data (dicts, lists, str, int, bool, date), strings quoted."""
    pad = "  " * indent
    if isinstance(value, dict):
        lines = []
        for k, v in value.items():
            if isinstance(v, (dict, list)) and v:
                lines.append(f"{pad}{k}:\n{_yaml(v, indent + 1)}")
            else:
                lines.append(f"{pad}{k}: {_scalar(v)}")
        return "\n".join(lines)
    if isinstance(value, list):
        lines = []
        for v in value:
            if isinstance(v, dict):
                inner = _yaml(v, indent + 1).lstrip()
                lines.append(f"{pad}- {inner}")
            else:
                lines.append(f"{pad}- {_scalar(v)}")
        return "\n".join(lines)
    return pad + _scalar(value)


def _scalar(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%dT%H:%M")
    if isinstance(v, (int, dt.date)):
        return str(v if not isinstance(v, dt.date) else v.isoformat())
    if isinstance(v, (list, dict)):
        return "[]" if isinstance(v, list) else "{}"
    return _yaml_str(str(v))


def _markdown(page: Page, link, image, contact, hours, participants) -> str:
    """The body blocks as Markdown; the callables render what differs between tools."""
    out = []
    for b in page.blocks:
        kind = b[0]
        if kind == "p":
            out.append(b[1])
        elif kind == "h2":
            out.append(f"## {b[1]}")
        elif kind == "h3":
            out.append(f"### {b[1]}")
        elif kind in ("ul", "ol"):
            out.append("\n".join(f"{'-' if kind == 'ul' else f'{n}.'} {item}"
                                 for n, item in enumerate(b[1], 1)))
        elif kind == "table":
            rows = b[1]
            out.append("\n".join([f"| {' | '.join(rows[0])} |", "|" + "---|" * len(rows[0])]
                                 + [f"| {' | '.join(r)} |" for r in rows[1:]]))
        elif kind == "link":
            out.append(f"Läs också [{b[1]}]({link(b[2], page)}) och "
                       f"[kommunens webbplats](https://www.hallstahammar.se/).")
        elif kind == "img":
            out.append(f"![{b[2]}]({image(b[1], page)})")
        elif kind == "contact":
            out.append(contact(b[1]))
        elif kind == "hours":
            out.append(hours(b[1]))
        elif kind == "participants":
            out.append(participants(page))
    return "\n\n".join(out) + "\n"


class Corpus:
    def __init__(self, pages: int, seed: int):
        self.seed = seed
        self.pages = [make_page(seed, i) for i in range(pages)]
        self.sections = sorted({p.section for p in self.pages})
        self._by_index = {p.index: p for p in self.pages}

    def name_of(self, index: int) -> str:
        return self._by_index[index].name

    # --- civicsite -----------------------------------------------------------------------

    def write_civicsite(self, root: Path) -> None:
        (root / "bilder").mkdir(parents=True)
        for n in range(1, IMAGES + 1):
            (root / "bilder" / f"bild-{n:02d}.png").write_bytes(_png(n))
        (root / "site.yaml").write_text(
            "title: Näringsliv i Hallstahammar\nbase_url: https://naringsliv.example.se/\n"
            "language: sv\norganisation:\n  name: Hallstahammars kommun\n"
            "  url: https://www.hallstahammar.se\nfooter:\n  contacts: [kundcenter]\n"
            "  hours: [kundcenter]\nmore_sites:\n  - title: Hallstahammars kommun\n"
            "    url: https://www.hallstahammar.se\n", encoding="utf-8")
        contacts = {}
        for c in CONTACTS:
            entry = {"name": c.name}
            if c.title:
                entry["title"] = c.title
            entry |= {"phone": c.phone, "email": c.email, "visiting_address": c.address}
            if c.hours:
                entry["hours"] = c.hours
            contacts[c.id] = entry
        (root / "contacts.yaml").write_text(_yaml(contacts) + "\n", encoding="utf-8")
        hours = {h.id: {"title": h.title, "seasons": [
            {"name": "vintertid", "from": "09-01", "to": "05-31", "week": h.winter},
            {"name": "sommartid", "from": "06-01", "to": "08-31", "week": h.summer}],
            "closed_on_holidays": True} for h in HOURS}
        (root / "hours.yaml").write_text(_yaml(hours) + "\n", encoding="utf-8")
        (root / "index.md").write_text(
            "---\ntitle: Näringsliv i Hallstahammar\nsummary: Information till dig som driver "
            "eller vill starta företag.\n---\n"
            + self._home_body(lambda s: f"{s}/{self.first_in(s)}.md"), encoding="utf-8")
        (root / "tillganglighet.md").write_text(
            "---\nkind: accessibility\ntitle: Tillgänglighet\ncompliance: partial\n"
            "non_compliant:\n  - what: PDF-dokument\n    reason: Gjordes före 2018.\n"
            "assessed: {date: 2023-03-20, method: Egen granskning}\nupdated: 2023-03-20\n"
            "feedback: {email: kundcenter@hallstahammar.se, phone: 0220-24000}\n---\n"
            "Vi vill att så många som möjligt ska kunna använda webbplatsen.\n\n::: contact kundcenter\n",
            encoding="utf-8")
        for p in self.pages:
            front = {"kind": p.kind, "title": p.title, "summary": p.summary, "date": p.date,
                     "tags": p.tags}
            if p.image:
                front["image"] = {"src": f"../bilder/bild-{p.image[0]:02d}.png", "alt": p.image[1],
                                  "credit": "Hallstahammars kommun"}
            if p.contacts:
                front["contacts"] = p.contacts
            if p.hours:
                front["hours"] = p.hours
            front |= p.extra
            front["related"] = [{"title": "Företagsbesök", "url": "https://www.hallstahammar.se/"}]
            body = _markdown(p, lambda k, pg: f"{self.name_of(k)}.md",
                             lambda n, pg: f"../bilder/bild-{n:02d}.png",
                             lambda cid: f"::: contact {cid}", lambda hid: f"::: hours {hid}",
                             lambda pg: "::: participants")
            self._write(root / p.rel, f"---\n{_yaml(front)}\n---\n{body}")

    def _home_body(self, section_link) -> str:
        lines = ["Välkommen till Hallstahammars kommuns webbplats för näringslivet.", "",
                 "## Områden", ""]
        lines += [f"- [{s}]({section_link(s)})" for s in self.sections[:50]]
        return "\n".join(lines) + "\n"

    @staticmethod
    def _write(path: Path, text: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    # --- what the peers get instead of front matter and directives ------------------------

    @staticmethod
    def contact_md(cid: str) -> str:
        c = next(c for c in CONTACTS if c.id == cid)
        lines = [f"**{c.name}**" + (f", {c.title}" if c.title else ""),
                 f"Telefon: [{c.phone}](tel:{c.phone_e164})",
                 f"E-post: [{c.email}](mailto:{c.email})", f"Besöksadress: {c.address}"]
        return "  \n".join(lines)

    @staticmethod
    def hours_md(hid: str) -> str:
        h = next(h for h in HOURS if h.id == hid)
        rows = [f"| {d} | {t} |" for d, t in h.winter.items()]
        return f"**{h.title}**\n\n| Dag | Tid |\n|---|---|\n" + "\n".join(rows)

    @staticmethod
    def participants_md(p: Page) -> str:
        part = p.extra["participants"]
        people = []
        for person in part["people"]:
            if isinstance(person, str):
                c = next(c for c in CONTACTS if c.id == person)
                people.append(f"- {c.name}, {c.title}")
            else:
                people.append(f"- {person['name']}, {person['title']}")
        return f"### {part['title']}\n\n" + "\n".join(people)

    def extra_md(self, p: Page) -> str:
        """Front-matter facts of our page kinds, as Markdown for the peers."""
        e, out = p.extra, []
        if "event" in e:
            ev = e["event"]
            out.append(f"**Tid:** {_scalar(ev['start']).strip(chr(34))}  \n"
                       f"**Deltagande:** {ev['attendance']}")
        if "period" in e:
            out.append(f"**Period:** {e['period']['start']}–{e['period']['end']}  \n"
                       f"**Status:** {e['status']}")
            out.append("\n".join(f"- **{f['title']}**: {f['text']}" for f in e["focus_areas"]))
        if "topics" in e:
            out.append("**Ämnen:** " + ", ".join(e["topics"]) + "  \n**Organisationer:** "
                       + ", ".join(e["organisations"]))
        if "visits" in e:
            out.append(f"**Besök:** {e['visits']['completed']} av {e['visits']['planned']}  \n"
                       f"[Anmäl intresse]({e['signup']['url']})")
        for q in e.get("quotes", []):
            out.append(f"> {q['text']}\n>\n> — {q['name']}, {q['role']}, {q['organisation']}")
        if "next_steps" in e:
            out.append(e["next_steps"])
        if "next" in e:
            out.append(f"Nästa Besökssprint planeras till {e['next']['when']}.")
        for cid in p.contacts:
            out.append(self.contact_md(cid))
        for hid in p.hours:
            out.append(self.hours_md(hid))
        out.append("[Företagsbesök](https://www.hallstahammar.se/)")
        return "\n\n".join(out)

    def peer_body(self, p: Page, link, image) -> str:
        lead = f"![{p.image[1]}]({image(p.image[0], p)})\n\n" if p.image else ""
        body = _markdown(p, link, image, self.contact_md, self.hours_md, self.participants_md)
        return lead + body + "\n" + self.extra_md(p) + "\n"

    # --- Hugo ------------------------------------------------------------------------------

    def write_hugo(self, root: Path) -> None:
        (root / "static" / "bilder").mkdir(parents=True)
        for n in range(1, IMAGES + 1):
            (root / "static" / "bilder" / f"bild-{n:02d}.png").write_bytes(_png(n))
        (root / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
        for name, text in HUGO_LAYOUTS.items():
            self._write(root / "layouts" / name, text)
        # Hugo's lower bound: the same content and static files, one base, one page and one
        # list template (the home page and the tag pages use the list)
        minimal = root.parent / "hugo-minimal"
        minimal.mkdir(parents=True, exist_ok=True)
        (minimal / "hugo.toml").write_text(
            f'contentDir = "{(root / "content").resolve()}"\n'  # top-level keys before tables
            f'staticDir = "{(root / "static").resolve()}"\n' + HUGO_CONFIG,
            encoding="utf-8")
        for name, text in HUGO_MINIMAL_LAYOUTS.items():
            self._write(minimal / "layouts" / name, text)
        self._write(root / "content" / "_index.md", '---\ntitle: "Näringsliv i Hallstahammar"\n---\n'
                    + self._home_body(lambda s: f"{s}/"))
        self._write(root / "content" / "tillganglighet.md",
                    '---\ntitle: "Tillgänglighet"\n---\nVi vill att så många som möjligt ska kunna '
                    "använda webbplatsen.\n\n" + self.contact_md("kundcenter") + "\n")
        for p in self.pages:
            front = {"title": p.title, "date": p.date, "summary": p.summary, "tags": p.tags}
            body = self.peer_body(p, lambda k, pg: f"../{self.name_of(k)}/",
                                  lambda n, pg: f"/bilder/bild-{n:02d}.png")
            self._write(root / "content" / p.rel, f"---\n{_yaml(front)}\n---\n{body}")

    # --- Pelican ---------------------------------------------------------------------------

    def write_pelican(self, root: Path) -> None:
        (root / "content" / "bilder").mkdir(parents=True)
        for n in range(1, IMAGES + 1):
            (root / "content" / "bilder" / f"bild-{n:02d}.png").write_bytes(_png(n))
        (root / "pelicanconf.py").write_text(PELICANCONF, encoding="utf-8")
        self._write(root / "content" / "pages" / "tillganglighet.md",
                    "Title: Tillgänglighet\n\nVi vill att så många som möjligt ska kunna använda "
                    "webbplatsen.\n\n" + self.contact_md("kundcenter") + "\n")
        for p in self.pages:
            meta = (f"Title: {p.title}\nDate: {p.date.isoformat()}\nTags: {', '.join(p.tags)}\n"
                    f"Summary: {p.summary}\nSlug: {p.name}\n\n")
            body = self.peer_body(p, lambda k, pg: f"{{filename}}{self.name_of(k)}.md",
                                  lambda n, pg: f"{{static}}/bilder/bild-{n:02d}.png")
            self._write(root / "content" / p.rel, meta + body)

    # --- MkDocs ----------------------------------------------------------------------------

    def write_mkdocs(self, root: Path) -> None:
        docs = root / "docs"
        (docs / "bilder").mkdir(parents=True)
        for n in range(1, IMAGES + 1):
            (docs / "bilder" / f"bild-{n:02d}.png").write_bytes(_png(n))
        (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
        self._write(docs / "index.md", "# Näringsliv i Hallstahammar\n\n"
                    + self._home_body(lambda s: f"{s}/{self.first_in(s)}.md"))
        self._write(docs / "tillganglighet.md", "# Tillgänglighet\n\nVi vill att så många som "
                    "möjligt ska kunna använda webbplatsen.\n\n" + self.contact_md("kundcenter") + "\n")
        for p in self.pages:
            front = {"title": p.title, "date": p.date, "summary": p.summary, "tags": p.tags}
            body = self.peer_body(p, lambda k, pg: f"{self.name_of(k)}.md",
                                  lambda n, pg: f"../bilder/bild-{n:02d}.png")
            self._write(docs / p.rel, f"---\n{_yaml(front)}\n---\n# {p.title}\n\n{body}")

    def first_in(self, section: str) -> str:
        return next(p.name for p in self.pages if p.section == section)


# What a Hugo user configures for a site of this size (issue 23): one feed of the latest 50
# pages (Hugo's default feed holds every page: 4.3 s of a 10.7-s build at 2,000 pages), lists
# paginated by 20 (a tag page listed thousands of pages with their summaries), a short menu.
HUGO_CONFIG = """baseURL = "https://naringsliv.example.se/"
title = "Näringsliv i Hallstahammar"
[taxonomies]
  tag = "tags"
[outputs]
  home = ["html", "rss"]
  section = ["html"]
  taxonomy = ["html"]
  term = ["html"]
[services.rss]
  limit = 50
[pagination]
  pagerSize = 20
"""

_HUGO_PAGER = """{{ $pager := .Paginator }}{{ if gt $pager.TotalPages 1 }}<nav class="pagination">
{{ with $pager.Prev }}<a href="{{ .URL }}">Föregående</a>{{ end }}
Sida {{ $pager.PageNumber }} av {{ $pager.TotalPages }}
{{ with $pager.Next }}<a href="{{ .URL }}">Nästa</a>{{ end }}</nav>{{ end }}"""

HUGO_LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} – {{ end }}{{ site.Title }}</title>
{{ with .Summary }}<meta name="description" content="{{ . | plainify }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}">
</head>
<body>
<header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav><ul><li><a href="{{ site.Home.RelPermalink }}">Start</a></li>
<li><a href="{{ "tags/" | relURL }}">Ämnen</a></li>
<li><a href="{{ "tillganglighet/" | relURL }}">Tillgänglighet</a></li></ul></nav>
</header>
<main>{{ block "main" . }}{{ end }}</main>
<footer><p>Hallstahammars kommun · Kundcenter 0220-240 00 ·
<a href="{{ "tillganglighet/" | relURL }}">Tillgänglighet</a></p></footer>
</body>
</html>
""",
    "_default/single.html": """{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p>Publicerad <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time>
{{ with .Params.tags }} · {{ range $i, $t := . }}{{ if $i }}, {{ end }}<a href="{{ "tags/" | relURL }}{{ $t | urlize }}/">{{ $t }}</a>{{ end }}{{ end }}</p>
{{ with .Params.summary }}<p class="lead">{{ . }}</p>{{ end }}
{{ .Content }}
</article>{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range (.Paginate .Pages).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}<br>{{ .Summary }}</li>{{ end }}</ul>
""" + _HUGO_PAGER + """
{{ end }}
""",
    "index.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<h2>Senaste</h2>
<ul>{{ range first 20 site.RegularPages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
""",
}

# Hugo's lower bound: a base, a page and a list template, nothing else
HUGO_MINIMAL_LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html>
<html lang="sv">
<head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main>{{ block "main" . }}{{ end }}</main></body>
</html>
""",
    "_default/single.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range (.Paginate .Pages).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ with .Paginator.Next }}<a href="{{ .URL }}">Nästa</a>{{ end }}{{ end }}
""",
}

PELICANCONF = """AUTHOR = "Hallstahammars kommun"
SITENAME = "Näringsliv i Hallstahammar"
SITEURL = "https://naringsliv.example.se"
PATH = "content"
TIMEZONE = "Europe/Stockholm"
DEFAULT_LANG = "sv"
STATIC_PATHS = ["bilder"]
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DEFAULT_PAGINATION = 10
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.sane_lists": {},
    },
    "output_format": "html5",
}
"""

MKDOCS_YML = """site_name: Näringsliv i Hallstahammar
site_url: https://naringsliv.example.se/
theme:
  name: mkdocs
# the default navigation would list every page on every page; a real 10,000-page site has a short nav
nav:
  - Start: index.md
  - Tillgänglighet: tillganglighet.md
plugins: []   # no search index: the other tools build none either
markdown_extensions:
  - tables
  - fenced_code
  - sane_lists
  - attr_list
  - footnotes
validation:
  omitted_files: ignore
"""


def write_corpus(out: Path, pages: int, seed: int = 7, tools=("civicsite", "hugo", "pelican", "mkdocs"),
                 force: bool = False) -> dict:
    """Write the corpus under ``out`` (reused when it was written with the same parameters);
    returns its facts (pages, words, bytes)."""
    marker = out / "corpus.json"
    want = {"version": VERSION, "pages": pages, "seed": seed, "tools": sorted(tools)}
    if not force and marker.exists():
        facts = json.loads(marker.read_text())
        if {k: facts.get(k) for k in want} == want:
            return facts
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    corpus = Corpus(pages, seed)
    for tool in tools:
        getattr(corpus, f"write_{tool}")(out / tool)
    files = [p for p in (out / "civicsite").rglob("*.md")]
    facts = dict(want, words=sum(len(p.read_text(encoding="utf-8").split()) for p in files),
                 bytes=sum(p.stat().st_size for p in files),
                 kinds={k: sum(1 for p in corpus.pages if p.kind == k) for k, _ in KINDS},
                 tables=sum(1 for p in corpus.pages if any(b[0] == "table" for b in p.blocks)))
    marker.write_text(json.dumps(facts, indent=1))
    return facts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, default=Path("/tmp/civicsite-corpus"))
    ap.add_argument("--tools", default="civicsite,hugo,pelican,mkdocs",
                    help="comma-separated subset of civicsite,hugo,pelican,mkdocs")
    args = ap.parse_args()
    facts = write_corpus(args.out, args.pages, args.seed, tuple(args.tools.split(",")), force=True)
    print(json.dumps(facts, ensure_ascii=False))


if __name__ == "__main__":
    main()
