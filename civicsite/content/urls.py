"""Where every output file goes: computed up front, before anything is rendered."""
from __future__ import annotations

from functools import lru_cache
import hashlib
from pathlib import Path
from typing import Iterable
from urllib.parse import quote

from civicsite.content.discover import SourceFile
from civicsite.content.kinds import dated
from civicsite.core.messages import _
from civicsite.core.slugs import slugify
from civicsite.images.variants import ICON_PATHS

# URL segment of the generated list of each kind's pages (site.yaml `kinds:` may move it).
KIND_INDEX = {"strategy": "strategier", "workshop": "workshoppar", "sprint": "besokssprintar",
              "news": "nyheter"}
STATIC_DIR = "static"
ICS_NAME = "kalender.ics"  # an event page's "add to calendar" file
COLORS_CSS = "static/colors.css"  # the site's colours (site.yaml), generated
CALENDAR_FEED = "evenemang.ics"  # every event of the site in one calendar
GENERATED_FILES = ("sitemap.xml", "robots.txt", "404.html", "feed.xml", "_redirects", "_headers",
                   "sok/index.html", "en/search/index.html", "sv/sok/index.html",
                   "evenemang.ics", "static/colors.css", *ICON_PATHS)
SEARCH_URL = "sok/"          # the search page (of the pages in the site's language)
# the search page of the pages in another language than the site's (Pagefind: one index each)
LANGUAGE_SEARCH = {"en": "en/search/", "sv": "sv/sok/"}
TAG_DIR = "amne"             # the list of tags, and one page per tag below it


def search_url(language: str, site_language: str) -> str:
    """The search page that searches the pages in ``language``."""
    return SEARCH_URL if language == site_language else LANGUAGE_SEARCH[language]


def asset_path(asset: SourceFile) -> str:
    """``Bilder/Foto 1.jpg`` → ``bilder/Foto 1.jpg``: slugified folders, the file name kept."""
    folders = [slugify(p) for p in asset.rel.parent.parts]
    return "/".join(folders + [asset.rel.name])


def published_files(assets: Iterable[SourceFile]) -> list[tuple[str, Path]]:
    """(output path, source file) of every file copied as is: content files and the theme."""
    from civicsite.core.paths import TEMPLATES

    return [(asset_path(a), a.abs) for a in assets] + \
        [(f"{STATIC_DIR}/{n}", TEMPLATES / STATIC_DIR / n) for n in theme_files(TEMPLATES)]


def content_path_to_output(rel: str) -> str:
    """The output path of a content file given by its path inside the content folder."""
    parts = rel.split("/")
    return "/".join([slugify(p) for p in parts[:-1]] + [parts[-1]])


def ics_path(page) -> str:
    return page.url + ICS_NAME


@lru_cache(maxsize=4096)  # a site has few tags, each on many pages
def tag_url(tag: str) -> str:
    """``Besöksnäring`` → ``amne/besoksnaring/``; a tag without letters or digits gets a hash."""
    slug = slugify(tag) or "amne-" + hashlib.sha1(tag.encode("utf-8")).hexdigest()[:8]
    return f"{TAG_DIR}/{slug}/"


def reserved_urls(pages: Iterable, contacts: Iterable = (), static: Iterable[str] = ()) -> dict[str, str]:
    """Output files the build makes itself, with a description for collision messages (the
    generated lists of pages: ``collections.reserved``)."""
    from civicsite.contacts.model import vcard_filename

    pages = list(pages)
    taken = {}
    for name in GENERATED_FILES:
        taken[name] = _("the generated {name}", name=name)
    for page in pages:
        if dated(page.data):
            taken[ics_path(page)] = _("the calendar file of {page}", page=page.source.display)
    for contact in contacts:
        taken[vcard_filename(contact)] = _('the vCard of contact "{id}"', id=contact.id)
    for name in static:
        taken[f"{STATIC_DIR}/{name}"] = _("a file of the site's theme")
    return taken


def theme_files(templates) -> list[str]:
    """The theme's static files (``templates/static/``), as paths inside ``static/``."""
    folder = templates / STATIC_DIR
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def href(root: str, path: str) -> str:
    """A link from a page to an output path, relative so the site works under any base path."""
    return root + quote(path)


def root_of(url: str) -> str:
    """``besokssprint/var-2021/`` → ``../../``."""
    return "../" * url.count("/")
