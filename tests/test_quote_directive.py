"""`::: quote N` places the page's N-th quote in the text; the rest stay at the end of the page."""
import datetime as dt
from pathlib import Path
import shutil

import pytest

from civicsite.content.load import load_site
from civicsite.core.errors import Diagnostics
from civicsite.render.pages import render_page

SITE = Path(__file__).resolve().parent / "sites" / "minimal"
QUOTES = """quotes:
  - text: Första citatet.
    name: Anna Andersson
    role: näringslivschef
  - text: Andra citatet.
    name: Bo Berg
"""


def _build(tmp_path: Path, body: str, quotes: str = QUOTES):
    content = tmp_path / "c"
    shutil.copytree(SITE, content)
    (content / "citat.md").write_text(f"---\ntitle: Citat\n{quotes}---\nInledning.\n\n{body}\n\nSlut.\n",
                                      encoding="utf-8")
    diag = Diagnostics()
    site = load_site(str(content), diag, dt.date(2026, 11, 25))
    return site, diag, str(content)


def test_placed_quote_appears_where_written_and_only_once(tmp_path):
    site, diag, _ = _build(tmp_path, "::: quote 2")
    assert diag.errors == []
    html = render_page(site, next(p for p in site.pages if p.url == "citat/"))
    assert html.count("Andra citatet.") == 1 and html.count("Första citatet.") == 1
    # quote 2 sits between the body's paragraphs; quote 1 follows the body
    assert html.index("Inledning.") < html.index("Andra citatet.") < html.index("Slut.") < html.index("Första citatet.")
    assert "<figcaption>" in html[html.index("Andra citatet."):html.index("Slut.")]


@pytest.mark.parametrize("body, quotes, message", [
    ("::: quote 3", QUOTES, "`::: quote` takes the number of one of the page's 2 quotes (1 is the first under `quotes:`), found \"3\""),
    ("::: quote", QUOTES, "`::: quote` takes the number of one of the page's 2 quotes (1 is the first under `quotes:`), found \"\""),
    ("::: quote första", QUOTES, "`::: quote` takes the number of one of the page's 2 quotes (1 is the first under `quotes:`), found \"första\""),
    ("::: quote 1", "", "this page has no `quotes:` in its front matter to show here"),
])
def test_bad_quote_numbers_are_errors_on_their_line(tmp_path, body, quotes, message):
    _, diag, content = _build(tmp_path, body, quotes)
    line = 2 + quotes.count("\n") + 1 + 3  # ---, title, quotes…, ---, "Inledning.", blank, directive
    assert [e.format() for e in diag.errors] == [f"{content}/citat.md:{line}: ::: quote: {message}"]
