"""site.yaml ``kinds:``: what each kind's generated listing is called, at which address it is,
whether the main menu shows it, and how many pages each page of it lists. Every field is
optional; a kind not written here keeps its default listing (``urls.KIND_INDEX``)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import yaml

from civicsite.content.kinds import KINDS
from civicsite.content.urls import KIND_INDEX, SEARCH_URL, STATIC_DIR, TAG_DIR
from civicsite.core import fields as F
from civicsite.core.errors import did_you_mean
from civicsite.core.fields import Ctx, Field, Fields, Record, with_schema
from civicsite.core.messages import _
from civicsite.core.slugs import is_segment, slugify

LISTED_KINDS = tuple(KIND_INDEX)  # the kinds that have a generated listing
PER_PAGE = 20                     # pages listed on each page of a listing
# First URL segments the build uses itself: a listing there would mix with them.
RESERVED_SEGMENTS = (TAG_DIR, SEARCH_URL.strip("/"), STATIC_DIR, "kontakt", "pagefind")

KIND_SETTINGS = Record("kind listing", {
    "title": Field(F.text, description="Listans rubrik och namnet i menyn, t.ex. Företagsbesök"),
    "path": Field(F.text, description="Listans adress (en del, bara a-z, 0-9 och -), t.ex. foretagsbesok"),
    "menu": Field(F.boolean, description="true (standard): listan visas i huvudmenyn; false: inte"),
    "per_page": Field(F.integer, description=f"Sidor per sida i listan (standard {PER_PAGE})"),
}, description="Listan över en sidtyps sidor")


@dataclass(frozen=True)
class KindSettings:
    """One kind's listing as site.yaml sets it (the defaults for a kind it does not name)."""

    kind: str
    title: Optional[str] = None   # heading and menu label; None: the default text ("Nyheter")
    path: Optional[str] = None    # URL segment; None: the default (urls.KIND_INDEX)
    menu: bool = True             # shown in the main menu (when the site has pages of the kind)
    per_page: int = PER_PAGE
    where: Optional[Ctx] = field(default=None, compare=False)  # the `path:` line, for collisions

    @property
    def url(self) -> str:
        """The listing's address: ``foretagsbesok/``."""
        return (self.path or KIND_INDEX[self.kind]) + "/"


def settings_for(kinds: tuple[KindSettings, ...], kind: str) -> KindSettings:
    """The settings of ``kind``'s listing: as written in site.yaml, else the defaults."""
    return next((k for k in kinds if k.kind == kind), None) or KindSettings(kind)


@with_schema({"type": "object", "description": "Sidtypernas listor: {title, path, menu, per_page} "
              "per sidtyp", "propertyNames": {"enum": list(LISTED_KINDS)},
              "additionalProperties": {"anyOf": [{"type": "null"}, KIND_SETTINGS.json_schema()]}})
def parse_kinds(node: yaml.Node, ctx: Ctx) -> Optional[tuple[KindSettings, ...]]:
    """``kinds:`` of site.yaml: an unknown kind, a bad or taken path is an error on its line."""
    f = Fields.of(node, ctx, ())  # no "unknown field" warnings: an unknown kind is an error
    if f is None:
        return None
    out = []
    for name in f.names():
        here = f.sub(name)
        if name in KINDS and name not in LISTED_KINDS:
            here.error(_('pages of kind "{kind}" have no generated listing; `kinds:` takes {kinds}',
                         kind=name, kinds=", ".join(LISTED_KINDS)))
            continue
        if name not in LISTED_KINDS:
            here.error(_('unknown kind "{kind}"; `kinds:` takes {kinds}', kind=name,
                         kinds=", ".join(LISTED_KINDS)) + did_you_mean(name, LISTED_KINDS))
            continue
        s = Fields.of(f.node(name), here, KIND_SETTINGS)
        if s is None:
            continue
        per_page = s.get("per_page")
        if per_page == 0:
            s.sub("per_page").error(_("must be 1 or more: the number of pages each page of the "
                                      "listing shows"))
        path = s.get("path", _segment)
        out.append(KindSettings(name, s.get("title"), path, s.get("menu", default=True),
                                per_page or PER_PAGE, s.sub("path") if path else None))
    _check_paths(out)
    return tuple(out)


def _segment(node: yaml.Node, ctx: Ctx) -> Optional[str]:
    """One URL segment; slashes around it are forgiven (``/foretagsbesok/``)."""
    value = F.text(node, ctx)
    if value is None:
        return None
    segment = value.strip("/")
    if not is_segment(segment):
        ctx.error(_('"{value}" is not a valid address for a listing; use one part of only a-z, '
                    '0-9 and -, for example "{example}"', value=value,
                    example=slugify(segment.replace("/", "-")) or "foretagsbesok"))
        return None
    if segment in RESERVED_SEGMENTS:
        ctx.error(_('/{path}/ is used by the site itself (search, tags, files); choose another '
                    'path', path=segment))
        return None
    return segment


def _check_paths(written: list[KindSettings]) -> None:
    """Two listings at one address: an error on the `path:` that moved one there (the later
    one when both were moved)."""
    final = {k: settings_for(tuple(written), k).url for k in LISTED_KINDS}
    moved = [s for s in written if s.where is not None]
    for i, s in enumerate(moved):
        other = next((k for k in LISTED_KINDS if k != s.kind and final[k] == s.url
                      and all(m.kind != k for m in moved[i + 1:])), None)
        if other is not None:
            s.where.error(_("/{path}/ is already the address of the listing of {other} pages; "
                            "give each kind its own path", path=s.path, other=other))
