"""Step 2 for pages: front matter parsed into one typed Page, references resolved at load."""
from __future__ import annotations

from dataclasses import dataclass, field
import datetime as dt
from pathlib import PurePosixPath
from typing import Optional

import yaml

from civicsite.contacts.model import Contact
from civicsite.contacts.people import Participant, Quote, participant, quote, resolve_participants
from civicsite.content.aliases import Alias, alias
from civicsite.content.discover import SourceFile
from civicsite.content.files import Tables, content_file
from civicsite.content.kinds import DATED_KINDS, KIND_RECORDS, KINDS, KindData, parse_kind
from civicsite.content.links import PageRef, page_ref
from civicsite.content.page_checks import check_repeated_contacts, check_skeleton
from civicsite.content.schedule import Schedule, parse_schedule
from civicsite.core import fields as F
from civicsite.core.encoding import control_character
from civicsite.core.errors import did_you_mean
from civicsite.core.fields import Ctx, Field, Fields, Record, with_schema
from civicsite.core.i18n import LANGUAGES
from civicsite.core.messages import N_, _
from civicsite.core.refs import Ref, ref
from civicsite.core.slugs import is_segment, slugify
from civicsite.hours.model import OpeningHours
from civicsite.images.probe import IMAGE_SUFFIXES
from civicsite.markdown.body import check_body
from civicsite.markdown.directives import Directive, scan
from civicsite.markdown.directives import NAMES as DIRECTIVE_NAMES
from civicsite.markdown.mistakes import check_markup


@dataclass(frozen=True)
class Image:
    """A picture with its text alternative."""

    src: str                 # path inside the content folder, or an https:// URL
    alt: str                 # empty when decorative
    decorative: bool = False
    credit: Optional[str] = None   # shown as "Foto: …"
    caption: Optional[str] = None  # shown under the picture


@dataclass(frozen=True)
class Link:
    """A titled link ("Relaterad information", "Fler webbplatser")."""

    title: str
    url: str


@dataclass(frozen=True)
class Reviewed:
    """"Senast granskad <date> av <by>"."""

    date: dt.date
    by: str
    line: int = field(default=1, compare=False)  # of `date:`, for the "review it" note


@dataclass(frozen=True)
class ParticipantList:
    """A titled list of people, in the order given."""

    title: str
    people: tuple[Participant, ...]
    contact_ids: tuple[str, ...] = ()  # the people given by contact id, for "unused contact" notes


@dataclass(frozen=True)
class Page:
    """One Markdown page with its front matter, references already resolved."""

    source: SourceFile
    url: str                 # "besokssprint/var-2021/" ("" for the home page)
    kind: str
    title: str
    summary: Optional[str]
    date: Optional[dt.date]
    tags: tuple[str, ...]
    image: Optional[Image]
    contacts: tuple[Contact, ...]
    hours: tuple[OpeningHours, ...]
    related: tuple[Link, ...]
    reviewed: Optional[Reviewed]
    draft: bool
    quotes: tuple[Quote, ...]
    participants: Optional[ParticipantList]
    body: Optional[str]      # None in a cached parse, until load.with_bodies reads it again
    body_line: int           # file line of the body's first line
    directives: tuple[Directive, ...]
    data: Optional[KindData] = None  # the kind's own fields (strategy, workshop, …)
    aliases: tuple[Alias, ...] = ()  # old addresses that redirect here
    schedule: Optional[Schedule] = None  # publish_date / expiry_date
    language: Optional[str] = None   # as written (sv | en); None: the site's (Site.language_of)
    translation_of: Optional[PageRef] = None  # the same page in another language
    easy_read_of: Optional[PageRef] = None    # the page this is the lättläst version of


LINK = Record("link", {
    "title": Field(F.text, required=True, description="Länkens text"),
    "url": Field(F.url, required=True, description="https://…, eller en sökväg på webbplatsen som /naringslivsstrategi/"),
})
REVIEWED = Record("reviewed", {
    "date": Field(F.date, required=True, description="Dagen då sidan granskades, ÅÅÅÅ-MM-DD"),
    "by": Field(F.text, required=True, description="Vem som granskade sidan"),
}, description="Senast granskad <date> av <by>; check påminner när granskningen är äldre än "
   "review_interval_months i site.yaml")
IMAGE = Record("image", {
    "src": Field(F.text, required=True, description="Bildfilen, sökväg från sidans fil (eller https://…)"),
    "alt": Field(F.text, description="Vad bilden visar, för den som inte ser den"),
    "decorative": Field(F.boolean, description="true om bilden bara är utsmyckning (då behövs ingen alt)"),
    "credit": Field(F.text, description="Fotograf; visas som Foto: …"),
    "caption": Field(F.text, description="Bildtext under bilden"),
}, description="En bild: src och alt (eller decorative: true)",
   extra={"anyOf": [{"required": ["alt"]},
                    {"required": ["decorative"], "properties": {"decorative": {"enum": [
                        True, *sorted(F.TRUE)]}}}]})
PARTICIPANTS = Record("participants", {
    "title": Field(F.text, required=True, description="Listans rubrik, t.ex. Deltagare",
                   hint=N_("for example `title: Deltagare`")),
    "people": Field(F.list_of(participant), required=True,
                    description="Personerna i ordning: {name, title} eller ett id i contacts.yaml"),
})
ids = F.list_of(ref, allow_single=True)
COMMON = Record("page", {
    "kind": Field(F.one_of(*KINDS), description="Sidtyp: page (standard), strategy, workshop, sprint, "
                  "accessibility eller news"),
    "title": Field(F.text, required=True, description="Sidans rubrik",
                   hint=N_("write for example `title: Ny näringslivsstrategi`")),
    "summary": Field(F.text, description="En eller två meningar för listor, flöden och sökresultat"),
    "date": Field(F.date, description="Publiceringsdag, ÅÅÅÅ-MM-DD"),
    "tags": Field(F.list_of(F.text, allow_single=True), description="Ämnesord, t.ex. [företagsbesök]"),
    "image": Field(IMAGE, description="En bild överst på sidan"),
    "contacts": Field(ids, description="Kontaktblock som visas med sidan: id i contacts.yaml"),
    "hours": Field(ids, description="Öppettider som visas med sidan: id i hours.yaml"),
    "related": Field(F.list_of(LINK), description="Relaterad information: [{title, url}]"),
    "reviewed": Field(REVIEWED, description="Senast granskad: {date, by}"),
    "draft": Field(F.boolean, description="true: sidan publiceras inte (men visas i förhandsvisningen)"),
    "slug": Field(F.text, description="Ersätter sista delen av adressen; bara a-z, 0-9 och -"),
    "quotes": Field(F.list_of(quote), description="Citat; ::: quote 1 visar det första i texten"),
    "participants": Field(PARTICIPANTS, description="En deltagarlista; ::: participants visar den i texten"),
    "aliases": Field(F.list_of(alias, allow_single=True),
                     description="Sidans gamla adresser, t.ex. [/gammal-sida/]; de leder hit"),
    "publish_date": Field(F.date_or_datetime, description="Sidan publiceras från och med denna "
                          "dag (ÅÅÅÅ-MM-DD) eller tid (ÅÅÅÅ-MM-DD TT:MM)"),
    "expiry_date": Field(F.date_or_datetime, description="Sidan tas bort från och med denna dag "
                         "eller tid"),
    "language": Field(F.one_of(*LANGUAGES), description="Sidans språk: sv eller en (standard: "
                      "webbplatsens språk i site.yaml)"),
    "translation_of": Field(F.text, description="Samma sida på ett annat språk: sökvägen till dess "
                            ".md-fil från den här sidan, t.ex. ../foretagsbesok.md"),
    "easy_read_of": Field(F.text, description="Den här sidan är en lättläst version av sidan: "
                          "sökvägen till dess .md-fil, t.ex. ../foretagsbesok.md"),
})
COMMON_FIELDS = tuple(COMMON)


def front_matter_record(kind: Optional[str]) -> Record:
    """The fields a page of ``kind`` may have; None (an unknown kind): every kind's fields."""
    if kind is None:
        merged = COMMON
        for record in KIND_RECORDS.values():
            merged = merged + record
        return merged
    return COMMON + KIND_RECORDS[kind]


def split_front_matter(text: str, ctx: Ctx) -> Optional[tuple[str, str, int]]:
    """(front matter, body, body's first line); the page must open with a line ``---``."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        ctx.key(_("front matter")).error(_("a page must start with front matter: a line ---, then "
                                           "fields such as `title: …`, then another line ---"))
        return None
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return "\n".join(lines[1:i]) + "\n", "\n".join(lines[i + 1:]), i + 2
    ctx.key(_("front matter")).error(_("the front matter is not closed; add a line --- after the "
                                       "last field"))
    return None


def page_url(rel: PurePosixPath) -> list[str]:
    """URL segments from the file path: ``Besökssprint/Vår 2021.md`` → ``besokssprint/var-2021``."""
    parts = [slugify(p) for p in rel.parent.parts]
    if rel.stem.lower() != "index":
        parts.append(slugify(rel.stem))
    return parts


def parse_page(src: SourceFile, text: str, tables: Tables, ctx: Ctx) -> Optional[Page]:
    """Parse one page from its text; every problem goes to ``ctx``; None if it cannot be used."""
    split = split_front_matter(text, ctx)
    if split is None:
        return None
    front, body, body_line = split
    node = F.compose(front, ctx, line_offset=1)
    if node is None and front.strip():
        return None
    kind_node = None
    if isinstance(node, yaml.MappingNode):
        kind_node = next((v for k, v in node.value if k.value == "kind"), None)
    kind, known = "page", front_matter_record("page")
    if kind_node is not None:
        kind = F.one_of(*KINDS)(kind_node, ctx.key("kind", F.line_of(kind_node))) or ""
        # an unknown kind is its own error: then no field of any kind is reported as unknown
        known = front_matter_record(kind or None)
        kind = kind or "page"
    f = Fields.of(node, ctx, known)
    if f is None:
        return None
    segments = _url(src, f, ctx)
    image = f.get("image", _image_parser(src, tables))
    participants = f.get("participants", _participants_parser(tables))
    directives = scan(body, body_line)
    check_body(body, body_line, ctx)
    check_markup(body, body_line, ctx)
    _check_controls(body, body_line, ctx)
    quotes = tuple(f.get("quotes", default=[]))
    _check_directives(directives, tables, participants, len(quotes), ctx)
    title = f.get("title")
    contacts = f.get("contacts", default=[])
    check_repeated_contacts(contacts, directives, ctx)
    draft = f.get("draft", default=False)
    check_skeleton(body, body_line, draft, ctx)
    page = Page(
        source=src,
        url="".join(s + "/" for s in segments),
        kind=kind,
        title=title or "",
        summary=f.get("summary"),
        date=f.get("date", required=kind in DATED_KINDS,
                   hint=N_("the day it is published, for example `date: 2026-09-01`")),
        tags=tuple(f.get("tags", default=[])),
        image=image,
        contacts=tuple(_resolve_all(contacts, tables.contacts, "contact", "contacts.yaml")),
        hours=tuple(_resolve_all(f.get("hours", default=[]),
                                 tables.hours, "opening hours", "hours.yaml")),
        related=tuple(f.get("related", F.list_of(link), default=[])),
        reviewed=f.get("reviewed", reviewed),
        draft=draft,
        quotes=quotes,
        participants=participants,
        body=body,
        body_line=body_line,
        directives=tuple(directives),
        data=parse_kind(kind, f, src, tables, ctx),
        aliases=tuple(f.get("aliases", default=[])),
        schedule=parse_schedule(f),
        language=f.get("language"),
        translation_of=f.get("translation_of", page_ref(src.rel)),
        easy_read_of=f.get("easy_read_of", page_ref(src.rel)),
    )
    return page if title else None


def _url(src: SourceFile, f: Fields, ctx: Ctx) -> list[str]:
    segments = page_url(src.rel)
    slug = f.get("slug")
    if slug is not None:
        if not is_segment(slug):
            f.sub("slug").error(_('"{slug}" is not a valid URL segment; use only a-z, 0-9 and -, '
                                  'for example "{example}"', slug=slug,
                                  example=slugify(slug) or "var-2021"))
        elif not segments:
            f.sub("slug").error(_("the home page (index.md at the top) has no URL segment to "
                                  "replace; remove `slug:`"))
        else:
            segments[-1] = slug
    for seg, part in zip(segments, list(src.rel.parent.parts) + [src.rel.stem]):
        if not seg:
            ctx.error(_('the name "{name}" gives an empty URL segment; use letters or digits in it',
                        name=part))
    return segments


def _resolve_all(refs: list[Ref], table: dict, what: str, where: str) -> list:
    return [obj for r in refs if (obj := r.resolve(table, what, where)) is not None]


@with_schema(LINK)
def link(node: yaml.Node, ctx: Ctx) -> Optional[Link]:
    f = Fields.of(node, ctx, LINK)
    if f is None:
        return None
    title, url = f.get("title"), f.get("url")
    return Link(title, url) if title and url else None


@with_schema(REVIEWED)
def reviewed(node: yaml.Node, ctx: Ctx) -> Optional[Reviewed]:
    f = Fields.of(node, ctx, REVIEWED)
    if f is None:
        return None
    day, by = f.get("date"), f.get("by")
    return Reviewed(day, by, f.sub("date").line) if day and by else None


def _check_controls(body: str, body_line: int, ctx: Ctx) -> None:
    """An invisible control character in the text (as text fields refuse them: core.encoding)."""
    found = control_character(body)
    if found:
        at, message = found
        Ctx(ctx.diag, ctx.path, _("body"), body_line + body.count("\n", 0, at)).error(message)


def _image_parser(src: SourceFile, tables: Tables) -> F.Parser[Image]:
    def parse(node: yaml.Node, ctx: Ctx) -> Optional[Image]:
        if isinstance(node, yaml.ScalarNode):
            ctx.error(_("an image needs `src:` and `alt:` (a text that describes the picture), "
                        "or `decorative: true`"))
            return None
        f = Fields.of(node, ctx, IMAGE)
        if f is None:
            return None
        written = f.get("src")
        path = content_file(src, tables, written, f.sub("src")) if written else None
        if path and not path.startswith(("http://", "https://")) and \
                not path.lower().endswith(IMAGE_SUFFIXES):
            f.sub("src").error(_('"{file}" is not a picture browsers can show; use a JPEG, PNG, '
                                 "GIF, WebP or SVG file (export a phone's HEIC photo as JPEG)",
                                 file=written))
            path = None
        decorative = f.get("decorative", default=False)
        alt = f.get("alt")
        if not alt and not decorative and not {"alt", "decorative"} & set(f.misspelt):
            ctx.error(_("an image needs `alt:` describing what it shows (for people who cannot "
                        "see it), or `decorative: true` if it is pure decoration"))
            return None
        if path is None:
            return None
        return Image(path, "" if decorative else alt, decorative, f.get("credit"),
                     f.get("caption"))
    return parse


def _participants_parser(tables: Tables) -> F.Parser[ParticipantList]:
    def parse(node: yaml.Node, ctx: Ctx) -> Optional[ParticipantList]:
        f = Fields.of(node, ctx, PARTICIPANTS)
        if f is None:
            return None
        title = f.get("title")
        people = f.get("people")
        if title is None or people is None:
            return None
        ids = tuple(p.id for p in people if isinstance(p, Ref))
        return ParticipantList(title, tuple(resolve_participants(people, tables.contacts)), ids)
    return parse


def _check_directives(directives: list[Directive], tables: Tables,
                      participants: Optional[ParticipantList], quotes: int, ctx: Ctx) -> None:
    """Each ``::: name id`` line names a known block and an id that exists."""
    lookups = {"contact": (tables.contacts, "contact", "contacts.yaml"),
               "hours": (tables.hours, "opening hours", "hours.yaml")}
    for d in directives:
        here = Ctx(ctx.diag, ctx.path, f"::: {d.name}".strip(), d.line)
        if d.name not in DIRECTIVE_NAMES:
            here.error(_('unknown block "{name}"; the blocks are {blocks}', name=d.name,
                         blocks=", ".join(f"::: {n}" for n in DIRECTIVE_NAMES))
                       + did_you_mean(d.name, DIRECTIVE_NAMES))
        elif d.name == "quote":
            if not quotes:
                here.error(_("this page has no `quotes:` in its front matter to show here"))
            elif not d.arg.isdigit() or not 1 <= int(d.arg) <= quotes:
                here.error(_("`::: quote` takes the number of one of the page's {count} quotes "
                             '(1 is the first under `quotes:`), found "{found}"', count=quotes,
                             found=d.arg))
        elif d.name == "participants":
            if d.arg:
                here.error(_("`::: participants` takes no id; it shows the page's own "
                             "`participants:`"))
            elif participants is None:
                here.error(_("this page has no `participants:` in its front matter to show here"))
        elif not d.arg:
            example = next(iter(lookups[d.name][0]), "kundcenter")
            here.error(_("`::: {name}` needs an id, for example `::: {name} {example}`",
                         name=d.name, example=example))
        else:
            Ref(d.arg, here).resolve(*lookups[d.name])
