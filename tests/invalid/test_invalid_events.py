"""Broken events (CONTENT-FORMAT-2 §3): a bad ``repeat`` or ``next`` gives exactly one error, on
its line, through the whole build (exit 1, previous output untouched), as every case in
test_invalid.py. Each case edits the minimal site's workshop, whose event is lines 4–8."""
from __future__ import annotations

from pathlib import Path

import pytest

from test_invalid import (  # noqa: F401 — base_output is the fixture the cases share
    DID_YOU_MEAN,
    EVENT,
    Case,
    base_output,
)
from test_invalid import test_broken_content as check_broken_content

W = "nyheter/workshop.md"
SERIES = "event:\n  start: 2024-03-26T07:30\n  end: \"09:00\"\n  repeat:\n    every: month\n"


def series(*lines: str) -> dict:
    """The workshop's event as a monthly series from Tuesday 26 March 2024, with ``lines``
    added to ``repeat:`` (they are lines 9, 10, …)."""
    return {W: (EVENT, SERIES + "".join(f"    {line}\n" for line in lines))}


CASES = [
    Case("repeat-unknown-every", {W: (EVENT, SERIES.replace("every: month", "every: manad"))},
         [(W, 8, "event.repeat.every", r'cannot repeat every "manad".*' + DID_YOU_MEAN.format("månad"))]),
    Case("repeat-on-unreadable", series("on: sista tisdag i veckan"),
         [(W, 9, "event.repeat.on", r'cannot read "sista tisdag i veckan"')]),
    Case("repeat-on-unknown-ordinal", series("on: sita tisdagen"),
         [(W, 9, "event.repeat.on", r'cannot read "sita".*' + DID_YOU_MEAN.format("sista"))]),
    Case("repeat-on-does-not-fit-month", series("on: tisdag"),
         [(W, 9, "event.repeat.on", r'"tisdag" does not fit every: month')]),
    Case("repeat-on-does-not-fit-week", {W: (EVENT, SERIES.replace("every: month", "every: week")
                                             + "    on: sista tisdagen\n")},
         [(W, 9, "event.repeat.on", r'"sista tisdagen" does not fit every: week')]),
    Case("repeat-until-before-start", series("until: 2024-01-31"),
         [(W, 9, "event.repeat.until", r"the series ends \(2024-01-31\) before it starts \(2024-03-26\)")]),
    Case("repeat-until-and-count", series("until: 2024-12-31", "count: 4"),
         [(W, 10, "event.repeat.count", r"give until or count, not both \(until is on line 9\)")]),
    Case("repeat-except-not-a-date-of-the-series", series("on: sista tisdagen", "except: [2024-12-24]"),
         [(W, 10, "event.repeat.except[0]", r"2024-12-24 is not one of the series' dates")]),
    Case("repeat-except-months-unreadable", series("except_months: [sommar]"),
         [(W, 9, "event.repeat.except_months[0]", r'cannot read the month "sommar"')]),
    Case("next-without-when-or-start", {W: ("attendance: offline\n", "attendance: offline\nnext:\n  location: Malma\n")},
         [(W, 8, "next", r"give when .* or start .*, or both")]),
    Case("event-list-item-without-start",
         {W: (EVENT, "event:\n  - start: 2024-03-02T08:00\n  - location: Malma\n")},
         [(W, 6, "event[1].start", r"required field is missing")]),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_broken_event(case: Case, tmp_path: Path, base_output, monkeypatch) -> None:
    check_broken_content(case, tmp_path, base_output, monkeypatch)
