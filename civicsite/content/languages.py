"""Pages in another language and lättläst versions (``language:``, ``translation_of:``,
``easy_read_of:``): the references checked across pages at load, which pages the generated
lists hold, and the versions of each page the renderer links."""
from __future__ import annotations

from dataclasses import dataclass
import posixpath
from typing import Iterable, Optional

from civicsite.content.discover import ContentFiles
from civicsite.content.links import PageRef
from civicsite.content.pages import Page
from civicsite.core.errors import Diagnostics, did_you_mean
from civicsite.core.fields import Ctx
from civicsite.core.messages import _

EASY_READ_LANGUAGE = "sv"  # lättläst is easy-to-read Swedish


def language_of(page: Page, site_language: str) -> str:
    """The language a page is published in: its own ``language:``, else the site's."""
    return page.language or site_language


def is_listed(page: Page, site_language: str) -> bool:
    """Whether the generated lists (kinds, news by year, tags, the home page's lists, the feed,
    the site calendar) hold the page: pages in the site's language that are not a lättläst
    version. The others are published, in the sitemap and found by search."""
    return language_of(page, site_language) == site_language and page.easy_read_of is None


def listed(pages: Iterable[Page], site_language: str) -> list[Page]:
    return [p for p in pages if is_listed(p, site_language)]


@dataclass(frozen=True)
class Versions:
    """The other versions of one page, as its HTML, JSON-LD and the sitemap link them."""

    language: str
    alternates: tuple[tuple[str, Page], ...] = ()  # (language, page) of every translation, this one too
    default: Optional[Page] = None      # x-default: the version in the site's language
    easy_read: Optional[Page] = None    # this page's lättläst version
    easy_read_of: Optional[Page] = None  # the page this one is the lättläst version of
    translation_of: Optional[Page] = None  # the page this one translates


def page_versions(pages: Iterable[Page], site_language: str) -> dict[str, Versions]:
    """Page URL → its versions, for the pages that have any (checked by ``check_versions``;
    a link to a page this build leaves out is not shown)."""
    pages = list(pages)
    by_key = {p.source.key: p for p in pages}
    groups: dict[str, list[Page]] = {}
    easy: dict[str, Page] = {}
    for page in pages:
        target = by_key.get(page.translation_of.target) if page.translation_of else None
        original = _original(page, target, site_language) if target is not None else None
        if original is not None and original is not page:
            groups.setdefault(original.source.key, [original]).append(page)
        main = by_key.get(page.easy_read_of.target) if page.easy_read_of else None
        if main is not None and main.easy_read_of is None:
            easy.setdefault(main.source.key, page)
    out: dict[str, Versions] = {}
    for group in groups.values():
        pairs = sorted({language_of(p, site_language): p for p in reversed(group)}.items())
        default = next((p for lang, p in pairs if lang == site_language), group[0])
        for page in group:
            out[page.url] = Versions(language_of(page, site_language), tuple(pairs), default,
                                     translation_of=group[0] if page is not group[0] else None)
    for key, version in easy.items():
        main = by_key[key]
        mine = out.get(main.url, Versions(language_of(main, site_language)))
        out[main.url] = Versions(mine.language, mine.alternates, mine.default, version,
                                 translation_of=mine.translation_of)
        theirs = out.get(version.url, Versions(language_of(version, site_language)))
        out[version.url] = Versions(theirs.language, theirs.alternates, theirs.default,
                                    easy_read_of=main)
    return out


def _mutual(page: Page, target: Page) -> bool:
    """Both pages name each other in ``translation_of:`` (written on both: allowed)."""
    return target.translation_of is not None and target.translation_of.target == page.source.key


def _original(page: Page, target: Page, site_language: str) -> Optional[Page]:
    """The page the versions of ``page`` (which names ``target``) are grouped under: the
    target, or of two pages naming each other the one in the site's language; None for a
    chain (reported by ``check_versions``)."""
    if target.translation_of is None:
        return target
    if _mutual(page, target):
        return min(page, target, key=lambda p: (language_of(p, site_language) != site_language,
                                                p.source.key))
    return None


def check_versions(pages: list[Page], files: ContentFiles, site_language: str,
                   diag: Diagnostics) -> None:
    """``translation_of:`` and ``easy_read_of:`` lead to a page of the site, in another
    language (a translation) or in Swedish (lättläst), which is not itself a translation or
    lättläst version, and which no other page already claims for the same language."""
    by_key = {p.source.key: p for p in pages}
    parsed = {f.key for f in files.pages}  # a page that did not parse has its own errors
    translated: dict[tuple[str, str], Page] = {}
    easy: dict[str, Page] = {}
    for page in sorted(pages, key=lambda p: p.source.key):
        for name in ("translation_of", "easy_read_of"):
            ref: Optional[PageRef] = getattr(page, name)
            if ref is None:
                continue
            where = Ctx(diag, page.source.display, name, ref.line)
            if ref.target == page.source.key:
                where.error(_("the page points to itself; write the path of the same page in "
                              "the other language") if name == "translation_of" else
                            _("the page points to itself; write the path of the ordinary page "
                              "this is a lättläst version of"))
                continue
            target = by_key.get(ref.target)
            if target is None:
                if ref.target not in parsed:
                    _missing(page, ref, pages, files, where)
                continue
            if name == "translation_of":
                _check_translation(page, ref, target, site_language, translated, where)
            else:
                _check_easy_read(page, ref, target, site_language, easy, where)


def _missing(page: Page, ref: PageRef, pages: list[Page], files: ContentFiles,
             where: Ctx) -> None:
    others = {f.key for f in files.assets} | set(files.data)
    if ref.target in others:
        where.error(_('"{written}" is a file, not a page; write the path of a page\'s .md file, '
                      "for example ../foretagsbesok.md", written=ref.written))
        return
    near = [_relative(page, p.source.key) for p in pages if p is not page]
    where.error(_('"{written}" is no page of this site; write the path of the page\'s .md '
                  "file from this page's file, for example ../foretagsbesok.md",
                  written=ref.written) + did_you_mean(ref.written, near))


def _check_translation(page: Page, ref: PageRef, target: Page, site_language: str,
                       translated: dict[tuple[str, str], Page], where: Ctx) -> None:
    mine, theirs = language_of(page, site_language), language_of(target, site_language)
    if mine == theirs:
        where.error(_('"{written}" is also in {language}; a translation is in another language: '
                      "write `language:` on the page that is not in {language}",
                      written=ref.written, language=language_name(mine)))
    elif target.translation_of is not None and not _mutual(page, target):
        where.error(_('"{written}" is itself a translation (of {other}); point to {other} '
                      "instead", written=ref.written, other=_relative(page, target.translation_of.target)))
    elif target.easy_read_of is not None:
        where.error(_('"{written}" is a lättläst version (of {other}); point to {other} '
                      "instead", written=ref.written, other=_relative(page, target.easy_read_of.target)))
    else:
        original = _original(page, target, site_language)
        member = target if original is page else page
        key = (original.source.key, language_of(member, site_language))
        if translated.get(key, member) is not member:
            where.error(_('{other} is already the translation of "{written}" into {language}; '
                          "a page has one translation in each language",
                          other=translated[key].source.display, written=ref.written,
                          language=language_name(key[1])))
        else:
            translated[key] = member


def _check_easy_read(page: Page, ref: PageRef, target: Page, site_language: str,
                     easy: dict[str, Page], where: Ctx) -> None:
    mine, theirs = language_of(page, site_language), language_of(target, site_language)
    if mine != EASY_READ_LANGUAGE:
        where.error(_("a lättläst version is in Swedish, and this page is in {language}; write "
                      "`language: sv`", language=language_name(mine)))
    elif theirs != EASY_READ_LANGUAGE:
        where.error(_('"{written}" is in {language}; a lättläst version is made of a page in '
                      "Swedish", written=ref.written, language=language_name(theirs)))
    elif target.easy_read_of is not None:
        where.error(_('"{written}" is itself a lättläst version (of {other}); point to {other} '
                      "instead", written=ref.written, other=_relative(page, target.easy_read_of.target)))
    elif target.source.key in easy:
        where.error(_('{other} is already the lättläst version of "{written}"; a page has one '
                      "lättläst version", other=easy[target.source.key].source.display,
                      written=ref.written))
    else:
        easy[target.source.key] = page


def _relative(page: Page, key: str) -> str:
    """The path of the content file ``key`` as written in ``page``'s front matter."""
    return posixpath.relpath(key, page.source.rel.parent.as_posix() or ".")


def language_name(code: str) -> str:
    """A language's name in the editor's language, as messages use it (\"English\")."""
    return {"sv": _("Swedish"), "en": _("English")}[code]
