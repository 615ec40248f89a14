"""Broken `language:`, `translation_of:` and `easy_read_of:` (issue 20): each case makes one
mistake in the minimal site and must give exactly its ``path:line: field: message`` lines (in
Swedish, as editors read them), exit 1, no traceback and the previous output untouched (run
like ``test_invalid.py``)."""
from __future__ import annotations

from pathlib import Path

import pytest
from test_invalid import Case, base_output, check_case, swedish  # noqa: F401


def page(title: str, *fields: str) -> str:
    """A page whose extra front-matter fields start on line 3."""
    return "---\ntitle: " + title + "\n" + "".join(f + "\n" for f in fields) + "---\nText.\n"


EN = page("Welcome", "language: en", "translation_of: ../index.md")   # a good translation
EASY = page("Lättläst", "easy_read_of: index.md")                     # a good lättläst version
MISSING = ('"{}" är ingen sida på webbplatsen; skriv sökvägen till sidans .md-fil räknat från den '
           "här sidans fil, till exempel ../foretagsbesok.md")
A_FILE = ('"{}" är en fil, inte en sida; skriv sökvägen till en sidas .md-fil, till exempel '
          "../foretagsbesok.md")

CASES = [
    # -- language: ------------------------------------------------------------------------------
    Case("language-unknown", {"en/index.md": page("Welcome", "language: de")},
         [("en/index.md", 3, "language", 'måste vara ett av sv, en, men här står "de"')]),
    # -- translation_of: ------------------------------------------------------------------------
    Case("translation-missing", {"en/index.md": page("Welcome", "language: en",
                                                     "translation_of: ../indx.md")},
         [("en/index.md", 4, "translation_of",
           MISSING.format("../indx.md") + ' (menade du "../index.md"?)')]),
    Case("translation-missing-far", {"en/index.md": page("Welcome", "language: en",
                                                         "translation_of: ../om-oss.md")},
         [("en/index.md", 4, "translation_of", MISSING.format("../om-oss.md"))]),
    Case("translation-not-a-page", {"en/index.md": page("Welcome", "language: en",
                                                        "translation_of: ../bild.png")},
         [("en/index.md", 4, "translation_of", A_FILE.format("../bild.png"))]),
    Case("translation-same-language", {"en/index.md": page("Welcome", "translation_of: ../index.md")},
         [("en/index.md", 3, "translation_of",
           '"../index.md" är också på svenska; en översättning är på ett annat språk: skriv '
           "`language:` på den sida som inte är på svenska")]),
    Case("translation-already-translated",
         {"en/index.md": EN, "en/welcome.md": page("Welcome again", "language: en",
                                                   "translation_of: ../index.md")},
         [("en/welcome.md", 4, "translation_of",
           'content/en/index.md är redan översättningen till engelska av "../index.md"; en sida '
           "har en översättning på varje språk")]),
    Case("translation-of-a-translation",
         {"en/index.md": EN, "nyheter/welcome.md": page("Välkommen igen",
                                                        "translation_of: ../en/index.md")},
         [("nyheter/welcome.md", 3, "translation_of",
           '"../en/index.md" är själv en översättning (av ../index.md); peka på ../index.md i '
           "stället")]),
    Case("translation-of-itself", {"en/index.md": page("Welcome", "language: en",
                                                       "translation_of: index.md")},
         [("en/index.md", 4, "translation_of",
           "sidan pekar på sig själv; skriv sökvägen till samma sida på det andra språket")]),
    Case("translation-of-a-lattlast-page",
         {"lattlast.md": EASY, "en/index.md": page("Welcome", "language: en",
                                                   "translation_of: ../lattlast.md")},
         [("en/index.md", 4, "translation_of",
           '"../lattlast.md" är en lättläst version (av ../index.md); peka på ../index.md i '
           "stället")]),
    # -- easy_read_of: --------------------------------------------------------------------------
    Case("easy-read-missing", {"lattlast.md": page("Lättläst", "easy_read_of: indx.md")},
         [("lattlast.md", 3, "easy_read_of",
           MISSING.format("indx.md") + ' (menade du "index.md"?)')]),
    Case("easy-read-not-a-page", {"lattlast.md": page("Lättläst", "easy_read_of: site.yaml")},
         [("lattlast.md", 3, "easy_read_of", A_FILE.format("site.yaml"))]),
    Case("easy-read-of-easy-read",
         {"lattlast.md": EASY, "lattlast-2.md": page("Lättläst 2", "easy_read_of: lattlast.md")},
         [("lattlast-2.md", 3, "easy_read_of",
           '"lattlast.md" är själv en lättläst version (av index.md); peka på index.md i stället')]),
    Case("easy-read-twice",
         {"lattlast.md": EASY, "nyheter/lattlast.md": page("Lättläst igen",
                                                           "easy_read_of: ../index.md")},
         [("nyheter/lattlast.md", 3, "easy_read_of",
           'content/lattlast.md är redan den lättlästa versionen av "../index.md"; en sida har en '
           "lättläst version")]),
    Case("easy-read-in-english", {"lattlast.md": page("Easy", "language: en",
                                                      "easy_read_of: index.md")},
         [("lattlast.md", 4, "easy_read_of",
           "en lättläst version är på svenska, och den här sidan är på engelska; skriv "
           "`language: sv`")]),
    Case("easy-read-of-an-english-page",
         {"en/about.md": page("About", "language: en"),
          "lattlast.md": page("Lättläst", "easy_read_of: en/about.md")},
         [("lattlast.md", 3, "easy_read_of",
           '"en/about.md" är på engelska; en lättläst version görs av en sida på svenska')]),
    Case("easy-read-of-itself", {"lattlast.md": page("Lättläst", "easy_read_of: lattlast.md")},
         [("lattlast.md", 3, "easy_read_of",
           "sidan pekar på sig själv; skriv sökvägen till den ordinarie sida som detta är en "
           "lättläst version av")]),
]


def test_cases_are_distinct():
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in CASES])
def test_broken_language_content(case: Case, tmp_path: Path, base_output, monkeypatch) -> None:
    check_case(case, tmp_path, base_output, monkeypatch)
