"""events.parse: ``event:`` as one occasion, a list, a series (``repeat:``) in Swedish or English
words, or a place alone; ``next:``; and every mistake on its own line."""
from __future__ import annotations

import datetime as dt

import pytest

from civicsite.core import fields as F
from civicsite.core.errors import Diagnostics
from civicsite.events.model import Event, Next, Occasion, Repeat
from civicsite.events.parse import event, next_meeting

D, T = dt.date, dt.datetime


def read(text: str, parser=event):
    """``text`` as the value of ``event:`` on line 4 of p.md (its first line is line 5)."""
    diag = Diagnostics()
    ctx = F.Ctx(diag, "p.md", "event", 4)
    value = parser(F.compose(text, ctx, line_offset=4), ctx)
    return value, diag.report()


def series(text: str) -> Occasion:
    value, problems = read(text)
    assert problems == [], problems
    (only,) = value.entries
    return only


def test_one_occasion_is_version_1():
    value, problems = read("start: 2023-03-02T08:00\nend: 10.00\nlocation: Kommunhuset\n")
    assert problems == []
    assert value == Event((Occasion(T(2023, 3, 2, 8), T(2023, 3, 2, 10), "Kommunhuset"),))
    assert value.single == value.entries[0] and value.location == "Kommunhuset"


def test_a_list_of_occasions():
    value, problems = read("- {start: 2023-08-29T07:30, end: '09:00', location: Broby}\n"
                           "- {start: 2023-09-26T07:30, end: '09:00', location: Gården}\n")
    assert problems == []
    assert [o.start for o in value.entries] == [T(2023, 8, 29, 7, 30), T(2023, 9, 26, 7, 30)]
    assert value.single is None and value.location is None  # two places: each occasion has its own


def test_a_place_without_a_date():
    value, problems = read("location: Malma bygdegård\n")
    assert problems == [] and value == Event(place="Malma bygdegård") and not value.dated
    assert value.location == "Malma bygdegård"


@pytest.mark.parametrize("written, expected", [
    ("every: month\non: sista tisdagen", Repeat("month", weekdays=(1,), position=-1)),
    ("every: månad\non: Sista tisdagen i månaden", Repeat("month", weekdays=(1,), position=-1)),
    ("every: monthly\non: the last Tuesday of the month", Repeat("month", weekdays=(1,), position=-1)),
    ("every: month\non: last tue", Repeat("month", weekdays=(1,), position=-1)),
    ("every: month\non: 29", Repeat("month", monthday=29)),
    ("every: month\non: den 29:e", Repeat("month", monthday=29)),
    ("every: week\non: tisdag", Repeat("week", weekdays=(1,))),
    ("every: vecka\non: tisdagar", Repeat("week", weekdays=(1,))),
    ("every: week\non: [tis, tor]", Repeat("week", weekdays=(1, 3))),
    ("every: week\ninterval: 2", Repeat("week", interval=2)),
    ("every: år", Repeat("year")),
    ("every: year\non: sista tisdagen", Repeat("year", weekdays=(1,), position=-1)),
])
def test_repeat_in_swedish_or_english(written, expected):
    body = "\n".join("  " + line for line in written.splitlines())
    found = series(f"start: 2023-08-29T07:30\nrepeat:\n{body}\n")
    assert found.repeat == expected


def test_until_count_and_left_out_dates_and_months():
    found = series("start: 2023-08-29T07:30\nrepeat:\n  every: month\n  on: sista tisdagen\n"
                   "  until: 2024-05-31\n  except: [2023-12-26]\n  except_months: [juni, 7]\n")
    assert found.repeat.until == D(2024, 5, 31) and found.repeat.exceptions == (D(2023, 12, 26),)
    assert found.repeat.except_months == (6, 7)
    assert found.repeat.months == (1, 2, 3, 4, 5, 8, 9, 10, 11, 12)
    found = series("start: 2023-08-29\nrepeat: {every: month, on: sista tisdagen, count: 4, "
                   "except_months: juni-juli}\n")
    assert found.repeat.count == 4 and found.repeat.except_months == (6, 7)


def test_a_start_outside_its_rule_is_the_first_occasion_then_the_rule():
    """CONTENT-FORMAT-2's example: start in August, August left out. The start is an occasion
    (RFC 5545 counts it in COUNT), and the series runs from the rule's first date."""
    value, problems = read("start: 2023-08-29T07:30\nend: '09:00'\nrepeat:\n  every: month\n"
                           "  on: sista tisdagen\n  count: 4\n  except_months: [6, 7, 8]\n")
    assert problems == []
    first, rest = value.entries
    assert first == Occasion(T(2023, 8, 29, 7, 30), T(2023, 8, 29, 9))
    assert rest.start == T(2023, 9, 26, 7, 30) and rest.end == T(2023, 9, 26, 9)
    assert rest.repeat.count == 3


def test_next_meeting_with_and_without_a_date():
    value, problems = read("when: 5 december\nstart: 2022-12-05T12:00\nlocation: Malma bygdegård\n"
                           "url: https://example.se/\n", next_meeting)
    assert problems == []
    assert value == Next("5 december", Occasion(T(2022, 12, 5, 12), None, "Malma bygdegård"),
                         "Malma bygdegård", "https://example.se/")
    value, problems = read("when: hösten 2021\n", next_meeting)
    assert problems == [] and value == Next("hösten 2021", None, None, None)
    _, problems = read("location: Malma\n", next_meeting)
    assert problems == ["p.md:4: event: give when (in words, e.g. hösten 2026) or start (a date), or both"]


# ---- mistakes, each once and on its line -------------------------------------------------

REPEAT = "start: 2023-08-29T07:30\nrepeat:\n  every: month\n"


@pytest.mark.parametrize("text, expected", [
    ("start: 2023-08-29\nrepeat:\n  every: mont\n",
     'p.md:7: event.repeat.every: cannot repeat every "mont"; write week, month or year (vecka, '
     'månad, år) (did you mean "month"?)'),
    ("start: 2023-08-29\nrepeat:\n  every: manad\n",
     'p.md:7: event.repeat.every: cannot repeat every "manad"; write week, month or year (vecka, '
     'månad, år) (did you mean "månad"?)'),
    (REPEAT + "  on: sista tisdag i veckan\n",
     'p.md:8: event.repeat.on: cannot read "sista tisdag i veckan"; write e.g. sista tisdagen, '
     'first monday or a day number such as 15'),
    (REPEAT + "  on: sita tisdagen\n",
     'p.md:8: event.repeat.on: cannot read "sita"; write första, andra, tredje, fjärde or sista '
     '(first … last) (did you mean "sista"?)'),
    (REPEAT + "  on: sista tisdan\n",
     'p.md:8: event.repeat.on: unknown day "tisdan"; write e.g. sista tisdagen or last tuesday'),
    (REPEAT + "  on: tisdag\n",
     'p.md:8: event.repeat.on: "tisdag" does not fit every: month; write which one, such as '
     'sista tisdagen or första måndagen'),
    ("start: 2023-08-29\nrepeat:\n  every: week\n  on: sista tisdagen\n",
     'p.md:8: event.repeat.on: "sista tisdagen" does not fit every: week; name days of the week, '
     'such as tisdag or mån, ons'),
    (REPEAT + "  on: 32\n",
     'p.md:8: event.repeat.on: "32" is not a day of the month; write 1–31'),
    (REPEAT + "  until: 2023-01-31\n",
     "p.md:8: event.repeat.until: the series ends (2023-01-31) before it starts (2023-08-29)"),
    (REPEAT + "  until: 2023-12-31\n  count: 4\n",
     "p.md:9: event.repeat.count: give until or count, not both (until is on line 8)"),
    (REPEAT + "  count: 0\n", "p.md:8: event.repeat.count: count must be 1 or more"),
    (REPEAT + "  except: [2023-12-27]\n",
     "p.md:8: event.repeat.except[0]: 2023-12-27 is not one of the series' dates"),
    (REPEAT + "  except_months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]\n",
     "p.md:8: event.repeat.except_months: except_months leaves out every month"),
    (REPEAT + "  except_months: [sommar]\n",
     'p.md:8: event.repeat.except_months[0]: cannot read the month "sommar"; write a number 1–12 '
     'or a name such as juli'),
    ("start: 2023-08-29\nrepeat: {every: year, except_months: [7]}\n",
     "p.md:6: event.repeat.except_months: except_months does not fit every: year; leave out a "
     "year's date with except"),
    ("repeat: {every: month}\n", "p.md:4: event.start: required field is missing; for example "
     "`start: 2021-05-18`"),
    ("[]\n", "p.md:4: event: the list of occasions is empty; give at least one `- start: …`"),
    ("- location: Broby\n", "p.md:5: event[0].start: required field is missing; for example "
     "`start: 2021-05-18`"),
])
def test_each_mistake_once_on_its_line(text, expected):
    value, problems = read(text)
    assert value is None and problems == [expected]


def test_swedish_messages():
    from civicsite.core import messages
    messages.set_language("sv")
    try:
        _, problems = read(REPEAT + "  until: 2023-12-31\n  count: 4\n")
    finally:
        messages.set_language("en")
    assert problems == ["p.md:9: event.repeat.count: ange until eller count, inte båda (until står på rad 8)"]
