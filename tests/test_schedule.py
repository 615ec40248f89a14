"""Scheduled publishing: ``publish_date`` / ``expiry_date`` against the build moment (``--date``
with or without a time, or SOURCE_DATE_EPOCH). A page outside its dates is in no output; ``check``
notes it; links to it are warnings; an expiry not after the publication is an error."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
import sys

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "invalid"))
from test_invalid import assert_lines_like as assert_lines, make_content, run_main  # noqa: E402

from civicsite.content.schedule import Schedule, is_live
from civicsite.core.clock import default_build_time

WORKSHOP = "nyheter/workshop.md"
TITLE = "title: Workshop\n"


def content(tmp_path: Path, fields: str, extra: dict | None = None) -> Path:
    return make_content(tmp_path / "content", {WORKSHOP: (TITLE, TITLE + fields), **(extra or {})})


def build(tmp_path: Path, c: Path, date: str, *more: str) -> tuple[int, str, Path]:
    out = tmp_path / f"out-{date}"
    code, _, err = run_main("build", "--content", str(c), "--output", str(out), "--date", date, *more)
    return code, err.replace(str(c), "content"), out


def everything(out: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(out.rglob("*"))
                     if p.is_file() and p.suffix in (".html", ".xml", ".txt", ".ics"))


@pytest.mark.parametrize("fields, date, shown", [
    ("publish_date: 2024-06-02", "2024-06-01", False),
    ("publish_date: 2024-06-02", "2024-06-02", True),
    ("publish_date: 2024-06-02T08:00", "2024-06-02", False),        # --date = the day's 00:00
    ("publish_date: 2024-06-02T08:00", "2024-06-02T07:59", False),
    ("publish_date: 2024-06-02T08:00", "2024-06-02T08:00", True),
    ("publish_date: 2024-06-02T06:00Z", "2024-06-02T07:59", False),  # 08:00 in Stockholm (CEST)
    ("publish_date: 2024-06-02T06:00Z", "2024-06-02T08:00", True),
    ("expiry_date: 2024-06-02", "2024-06-01", True),
    ("expiry_date: 2024-06-02", "2024-06-02", False),
    ("expiry_date: 2024-06-02 12.00", "2024-06-02T11:59", True),
    ("expiry_date: 2024-06-02 12.00", "2024-06-02T12:00", False),
    ("publish_date: 2024-05-01\nexpiry_date: 2024-07-01", "2024-06-01", True),
    ("publish_date: 2024-05-01\nexpiry_date: 2024-07-01", "2024-07-01", False),
])
def test_page_is_published_only_between_its_dates(tmp_path, fields, date, shown):
    code, err, out = build(tmp_path, content(tmp_path, fields + "\n"), date)
    assert code == 0, err
    assert (out / "nyheter/workshop/index.html").exists() == shown
    text = everything(out)
    # listings, home page, feed, sitemap, calendar: every mention of the page comes and goes with it
    assert ("nyheter/workshop/" in text) == shown
    assert ((out / "workshoppar/index.html").exists()) == shown  # the only workshop: no listing


def test_check_notes_each_hidden_page(tmp_path):
    c = content(tmp_path, "publish_date: 2024-06-02T08:00\n", {
        "nyheter/strategi.md": ("title: Strategi\n", "title: Strategi\nexpiry_date: 2024-05-01\n")})
    code, _, err = run_main("check", "--content", str(c), "--date", "2024-06-01")
    assert code == 0
    err = err.replace(str(c), "content")
    assert "content/nyheter/strategi.md:4: note: expiry_date: expired on 2024-05-01; left out of this build" in err
    assert "content/nyheter/workshop.md:4: note: publish_date: not published until 2024-06-02 08:00; left out of this build" in err
    code, _, err = run_main("build", "--content", str(c), "--output", str(tmp_path / "o"), "--date", "2024-06-01")
    assert code == 0 and "note:" not in err  # notes are for check only


@pytest.mark.parametrize("fields", [
    "publish_date: 2024-06-02\nexpiry_date: 2024-06-01",
    "publish_date: 2024-06-02T10:00\nexpiry_date: 2024-06-02T10:00",
    "publish_date: 2024-06-02T10:00\nexpiry_date: 2024-06-02",
])
def test_expiry_before_publication_is_an_error(tmp_path, fields):
    code, err, out = build(tmp_path, content(tmp_path, fields + "\n"), "2024-06-01")
    assert code == 1 and not out.exists()
    assert_lines(err, [(WORKSHOP, 5, "expiry_date", r"^the page would expire \(.+\) before it is "
                                                    r"published \(.+\); expiry_date must be after")])


def test_bad_dates_are_errors(tmp_path):
    code, err, _ = build(tmp_path, content(tmp_path, "publish_date: nästa vecka\nexpiry_date: 2024-13-01\n"),
                         "2024-06-01")
    assert code == 1
    assert_lines(err, [(WORKSHOP, 4, "publish_date", "expected a date"),
                       (WORKSHOP, 5, "expiry_date", "expected a date")])


def test_link_to_a_hidden_page_is_a_warning(tmp_path):
    c = content(tmp_path, "publish_date: 2024-07-01\n", {
        "index.md": ("Välkommen till", "Se [workshoppen](nyheter/workshop.md). Välkommen till")})
    code, err, _ = build(tmp_path, c, "2024-06-01")
    assert code == 0
    assert_lines(err, [("index.md", 14, "body", r'^the link "nyheter/workshop\.md" leads to '
                        r"content/nyheter/workshop\.md, which is not published until 2024-07-01; "
                        "the link leads nowhere in this build")], level="warning: ")
    code, err, _ = build(tmp_path, c, "2024-07-01")
    assert code == 0 and err.count("warning") == 0
    code, _, _ = build(tmp_path, c, "2024-06-01", "--strict")
    assert code == 1


def test_source_date_epoch_gives_the_build_moment(monkeypatch):
    moment = dt.datetime(2024, 6, 2, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(moment.timestamp())))
    assert default_build_time() == dt.datetime(2024, 6, 2, 8, 0)
    s = Schedule(publish=dt.datetime(2024, 6, 2, 8, 0))
    assert is_live(s, default_build_time())
    assert not is_live(s, default_build_time() - dt.timedelta(minutes=1))


def test_date_option_with_a_bad_time_is_a_usage_error(tmp_path):
    code, _, err = run_main("check", "--content", str(tmp_path), "--date", "2024-06-01T25:00")
    assert code == 2 and "YYYY-MM-DDTHH:MM" in err
