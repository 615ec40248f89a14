"""Event dates and times as editors write them, and their JSON-LD with Sweden's UTC offset."""
import datetime as dt

import pytest
import yaml

from civicsite.events.parse import event
from civicsite.core import fields as F
from civicsite.core.errors import Diagnostics
from civicsite.render.structured_data import _iso


@pytest.mark.parametrize("written, expected", [
    ("2023-03-02", dt.date(2023, 3, 2)),
    ("2023-03-02T08:00", dt.datetime(2023, 3, 2, 8, 0)),
    ("2023-03-02 08.00", dt.datetime(2023, 3, 2, 8, 0)),
    ("2023-03-02T08:00:30", dt.datetime(2023, 3, 2, 8, 0, 30)),
    ("2023-03-02T07:00Z", dt.datetime(2023, 3, 2, 8, 0)),          # UTC → CET (+1)
    ("2023-07-02T06:00+00:00", dt.datetime(2023, 7, 2, 8, 0)),     # UTC → CEST (+2)
    ("2023-07-02T08:00+02:00", dt.datetime(2023, 7, 2, 8, 0)),
])
def test_date_and_time_writings(written, expected):
    diag = Diagnostics()
    assert F.date_or_datetime(yaml.compose(f'"{written}"'), F.Ctx(diag, "p.md")) == expected
    assert diag.report() == []


@pytest.mark.parametrize("written", ["2023-02-30", "2023-03-02T25:00", "2 mars 2023", "2023-03-02T8"])
def test_impossible_or_unreadable_dates_are_errors(written):
    diag = Diagnostics()
    ctx = F.Ctx(diag, "p.md", "event.start", 4)
    assert F.date_or_datetime(yaml.compose(f'"{written}"'), ctx) is None
    assert diag.report() == [f'p.md:4: event.start: expected a date (2023-03-02) or date and time '
                             f'(2023-03-02T08:00), found "{written}"']


def _event(text: str):
    diag = Diagnostics()
    ctx = F.Ctx(diag, "p.md", "event", 3)
    return event(F.compose(text, ctx, line_offset=3), ctx), diag.report()


def test_end_may_be_a_time_on_the_start_day():
    value, problems = _event("start: 2023-03-02T08:00\nend: 10.30\n")
    assert problems == [] and value.single.end == dt.datetime(2023, 3, 2, 10, 30)


def test_end_before_start_is_an_error_on_the_end_line():
    _, problems = _event("start: 2023-03-02T08:00\nend: 07.30\n")
    assert problems == ["p.md:5: event.end: the event ends before it starts; check the dates and times"]


def test_json_ld_times_carry_the_swedish_offset_of_that_day():
    assert _iso(dt.datetime(2023, 3, 2, 8, 0)) == "2023-03-02T08:00+01:00"   # vintertid
    assert _iso(dt.datetime(2021, 5, 18, 9, 0)) == "2021-05-18T09:00+02:00"  # sommartid
    assert _iso(dt.date(2021, 5, 18)) == "2021-05-18"
