"""A front-matter edit is seen by every page that shows it: a page's title is on the home page,
in its listing and on its tags' pages, so an incremental build after a title edit renders those
again (an audit found that a render key ignoring front matter passed every random-edit seed)."""
from __future__ import annotations

from pathlib import Path

from test_incremental import _replace, build, content, snapshot  # noqa: F401 (content: fixture)


def _showing(folder: Path, text: str) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*.html")
            if text in p.read_text(encoding="utf-8")}


def test_a_title_edit_renders_again_every_page_that_shows_the_title(content: Path, tmp_path: Path,
                                                                     capsys) -> None:
    out = tmp_path / "inc" / "site"
    assert build(content, out, capsys)[0] == 0
    page = content / "nyheter" / "nyhet-005.md"
    before = _showing(out, "Nyhet 5<")
    assert {"index.html", "nyheter/nyhet-005/index.html"} <= before and len(before) >= 3
    _replace(page, "title: Nyhet 5\n", "title: Ändrad rubrik\n")
    code, err = build(content, out, capsys)
    assert code == 0, err
    cold = tmp_path / "cold" / "site"
    assert build(content, cold, capsys, "--no-cache")[0] == 0
    assert not _showing(out, "Nyhet 5<")
    assert _showing(out, "Ändrad rubrik") == _showing(cold, "Ändrad rubrik") >= before
    assert snapshot(out) == snapshot(cold)


def test_a_summary_edit_reaches_the_lists_that_show_it(content: Path, tmp_path: Path, capsys):
    out = tmp_path / "inc" / "site"
    assert build(content, out, capsys)[0] == 0
    _replace(content / "nyheter" / "nyhet-011.md", "summary: Kort om nyhet 11.",
             "summary: En helt ny sammanfattning.")
    assert build(content, out, capsys)[0] == 0
    cold = tmp_path / "cold" / "site"
    assert build(content, cold, capsys, "--no-cache")[0] == 0
    shown = _showing(out, "En helt ny sammanfattning.")
    assert len(shown) >= 2 and shown == _showing(cold, "En helt ny sammanfattning.")
    assert snapshot(out) == snapshot(cold)
