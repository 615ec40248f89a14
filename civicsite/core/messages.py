"""Everything an editor reads — validation errors, warnings, notes, the command line's lines, the
preview's error page — comes from one gettext message catalog. The code writes each message in
English with ``{name}`` placeholders, ``_("file {path} not found", path=…)``; Swedish (the
default) is ``locale/sv/LC_MESSAGES/civicsite.po`` beside this module, compiled to ``.mo`` by
Babel. ``CIVICSITE_LANG=en`` or ``--lang en`` shows the English. (Citizens' texts are in
``translations.yaml``, read by :mod:`civicsite.core.i18n`.)

After adding or changing a message: ``python -m civicsite.core.messages`` extracts every
message from the code, updates the Swedish catalog (new ones untranslated) and compiles it;
``tests/test_messages.py`` fails while any message lacks its Swedish translation.
"""
from __future__ import annotations

import datetime
import gettext
import os
from functools import lru_cache
from pathlib import Path

LOCALE = Path(__file__).with_name("locale")
DOMAIN = "civicsite"
LANGUAGES = ("sv", "en")
DEFAULT = "sv"
KEYWORDS = {"_": None, "n_": (1, 2), "N_": None}  # what the extraction reads as messages

_language = os.environ.get("CIVICSITE_LANG", "").strip().lower() or DEFAULT


def set_language(language: str) -> None:
    """Messages from now on in ``language`` (sv or en); an unknown one is the default. Worker
    processes are forked, so they speak the language their build was started in."""
    global _language
    _language = language if language in LANGUAGES else DEFAULT


def set_language_from(argv: list[str]) -> None:
    """``--lang X`` or ``--lang=X`` anywhere on a command line, read before anything is parsed
    (the parser's own texts are messages too)."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            set_language(argv[i + 1])
        elif arg.startswith("--lang="):
            set_language(arg.split("=", 1)[1])


def language() -> str:
    return _language if _language in LANGUAGES else DEFAULT


@lru_cache(maxsize=None)
def _catalog(lang: str) -> gettext.NullTranslations:
    if lang == "en":  # the messages are written in English
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE, languages=[lang], fallback=True)


def _(message: str, /, **values: object) -> str:
    """``message`` in the editor's language, its ``{placeholders}`` filled from ``values``."""
    text = _catalog(language()).gettext(message)
    return text.format(**values) if values else text


def N_(message: str, /) -> str:
    """Marks a message declared before the language is known (a field's hint in a Record): it is
    extracted into the catalog, and :func:`translate` shows it when it is used."""
    return message


def translate(message: str) -> str:
    """A message marked with :func:`N_`, in the editor's language."""
    return _catalog(language()).gettext(message) if message else message


def n_(singular: str, plural: str, n: int, /, **values: object) -> str:
    """The singular or plural form for ``n`` (available as ``{n}``)."""
    text = _catalog(language()).ngettext(singular, plural, n)
    return text.format(n=n, **values)


def setup_hint(package: str, folder: str) -> str:
    """What ``build.py`` says when the Python running it lacks civicsite's packages (this
    module imports nothing but the standard library, so it can still be read then)."""
    return _("civicsite: this Python lacks civicsite's packages ({package}); set them up once in "
             "{folder} with `{setup}`, then run the command again", package=package,
             folder=folder, setup="python3 -m venv .venv && .venv/bin/pip install -e .")


PO = LOCALE / "sv" / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract():
    """Every message in civicsite's code, as a Babel catalog template."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    template = Catalog(project="civicsite", domain=DOMAIN)
    for filename, line, message, comments, context in extract_from_dir(
            Path(__file__).resolve().parents[1], method_map=[("**.py", "python")],
            keywords=KEYWORDS, comment_tags=("NOTE",), strip_comment_tags=True):
        template.add(message, locations=[(f"civicsite/{filename}", line)],
                     auto_comments=comments, context=context)
    return template


def read_swedish():
    """The Swedish catalog as it is in the repository."""
    from babel.messages.pofile import read_po

    with PO.open("rb") as f:
        return read_po(f, locale="sv", domain=DOMAIN)


def update() -> list[str]:
    """Extract the messages from civicsite's code, merge them into the Swedish catalog (keeping
    every translation; a new message is untranslated) and compile it. The untranslated ids."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import write_po

    template = extract()
    po = PO
    po.parent.mkdir(parents=True, exist_ok=True)
    if po.exists():
        catalog = read_swedish()
    else:
        fixed = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)  # no churn in diffs
        catalog = Catalog(locale="sv", domain=DOMAIN, project="civicsite", version="1",
                          fuzzy=False, msgid_bugs_address="-", last_translator="civicsite",
                          language_team="Swedish", creation_date=fixed, revision_date=fixed,
                          header_comment="# The messages civicsite shows editors, in Swedish.")
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False,
                   update_creation_date=False)
    catalog.obsolete.clear()  # messages no longer in the code are dropped, not kept commented
    with po.open("wb") as f:
        write_po(f, catalog, width=100, sort_output=True, omit_header=False, include_lineno=False)
    with po.with_suffix(".mo").open("wb") as f:
        write_mo(f, catalog, use_fuzzy=False)
    return [m.id if isinstance(m.id, str) else m.id[0] for m in catalog
            if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))]


if __name__ == "__main__":
    missing = update()
    for message in missing:
        print(f"untranslated: {message}")
    print(f"{len(missing)} messages without a Swedish translation in "
          f"{LOCALE / 'sv' / 'LC_MESSAGES' / (DOMAIN + '.po')}")
