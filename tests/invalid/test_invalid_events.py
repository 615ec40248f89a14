"""Broken events (CONTENT-FORMAT-2 §3): a bad ``repeat`` or ``next`` gives exactly one error, on
its line, through the whole build (exit 1, previous output untouched), as every case in
test_invalid.py. Each case edits the minimal site's workshop, whose event is lines 4–8."""
from __future__ import annotations

from pathlib import Path

import pytest

from test_invalid import (  # noqa: F401 — base_output is the fixture the cases share
    EVENT,
    Case,
    base_output,
    swedish,
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
         [('nyheter/workshop.md', 8, 'event.repeat.every', 'kan inte upprepas varje "manad"; skriv vecka, månad eller år (week, month, year) (menade du "månad"?)')]),
    Case("repeat-on-unreadable", series("on: sista tisdag i veckan"),
         [('nyheter/workshop.md', 9, 'event.repeat.on', 'kan inte läsa "sista tisdag i veckan"; skriv t.ex. sista tisdagen, first monday eller en dag i månaden som 15')]),
    Case("repeat-on-unknown-ordinal", series("on: sita tisdagen"),
         [('nyheter/workshop.md', 9, 'event.repeat.on', 'kan inte läsa "sita"; skriv första, andra, tredje, fjärde eller sista (first … last) (menade du "sista"?)')]),
    Case("repeat-on-does-not-fit-month", series("on: tisdag"),
         [('nyheter/workshop.md', 9, 'event.repeat.on', '"tisdag" passar inte till every: month; skriv vilken, som sista tisdagen eller första måndagen')]),
    Case("repeat-on-does-not-fit-week", {W: (EVENT, SERIES.replace("every: month", "every: week")
                                             + "    on: sista tisdagen\n")},
         [('nyheter/workshop.md', 9, 'event.repeat.on', '"sista tisdagen" passar inte till every: week; skriv veckodagar, som tisdag eller mån, ons')]),
    Case("repeat-until-before-start", series("until: 2024-01-31"),
         [('nyheter/workshop.md', 9, 'event.repeat.until', 'serien slutar (2024-01-31) innan den börjar (2024-03-26)')]),
    Case("repeat-until-and-count", series("until: 2024-12-31", "count: 4"),
         [('nyheter/workshop.md', 10, 'event.repeat.count', 'ange until eller count, inte båda (until står på rad 9)')]),
    Case("repeat-except-not-a-date-of-the-series", series("on: sista tisdagen", "except: [2024-12-24]"),
         [('nyheter/workshop.md', 10, 'event.repeat.except[0]', '2024-12-24 är inte ett av seriens datum')]),
    Case("repeat-except-months-unreadable", series("except_months: [sommar]"),
         [('nyheter/workshop.md', 9, 'event.repeat.except_months[0]', 'kan inte läsa månaden "sommar"; skriv ett tal 1–12 eller ett namn som juli')]),
    Case("next-without-when-or-start", {W: ("attendance: offline\n", "attendance: offline\nnext:\n  location: Malma\n")},
         [('nyheter/workshop.md', 8, 'next', 'ange when (i ord, t.ex. hösten 2026) eller start (ett datum), eller båda')]),
    Case("event-list-item-without-start", {W: (EVENT, "event:\n  - start: 2024-03-02T08:00\n  - location: Malma\n")},
         [('nyheter/workshop.md', 6, 'event[1].start', 'fältet saknas men måste finnas; till exempel `start: 2021-05-18`')]),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_broken_event(case: Case, tmp_path: Path, base_output, monkeypatch) -> None:
    check_broken_content(case, tmp_path, base_output, monkeypatch)
