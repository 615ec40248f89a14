"""The OpenStreetMap strings agree with civicsite: every schedule of every example site, of the
golden and minimal test sites, of the shared "Öppet nu" cases and of tests/data/osm_hours.yaml
(every rule: seasons over 29 February, periods, past midnight, the day before a holiday, no
regular hours) is written with ``osm_opening_hours`` and evaluated by opening_hours.js, the
evaluator OpenStreetMap's own tools use, in Node under TZ=Europe/Stockholm. At every quarter-hour
of three years (2026–2028: a leap year, six daylight-saving nights) its answer (open, closed or
unknown) must be civicsite's own (``is_open``).

One limit of opening_hours.js is allowed for, and proved to exist below
(``test_opening_hours_js_daylight_saving_limit``): it finds the day before a moment by going back
24 hours, so in the first hour of the Monday after the 23-hour Sunday summer time starts on, the
part past midnight of *Saturday's* opening is applied, not Sunday's. Those four quarter-hours a
year are left out for values with hours past midnight; docs/opening-hours.md says so.

opening_hours.js is installed by scripts/test.sh (``npm ci --prefix tests/osm``); without it the
test is skipped only outside CI.
"""
from __future__ import annotations

import bisect
import datetime as dt
import json
import os
from pathlib import Path
import random
import shutil
import subprocess

import pytest

from civicsite.core.clock import STOCKHOLM
from civicsite.core.errors import Diagnostics
from civicsite.core.fields import Ctx, compose
from civicsite.hours.model import day_open, is_open
from civicsite.hours.osm import osm_opening_hours
from civicsite.hours.parse import parse_hours_file

ROOT = Path(__file__).resolve().parents[1]
OSM = ROOT / "tests" / "osm"
FIRST, END = dt.date(2026, 1, 1), dt.date(2029, 1, 1)
STEP = dt.timedelta(minutes=15)
FILES = sorted({*ROOT.glob("content/hours.yaml"), *ROOT.glob("examples/*/hours.yaml"),
                *ROOT.glob("tests/sites/*/hours.yaml"), ROOT / "tests/data/open_now_hours.yaml",
                ROOT / "tests/data/osm_hours.yaml"})

if not (OSM / "node_modules" / "opening_hours").is_dir() or not shutil.which("node"):
    if os.environ.get("CI"):
        raise RuntimeError("opening_hours.js is missing: npm ci --prefix tests/osm")
    pytest.skip("opening_hours.js is not installed (npm ci --prefix tests/osm)",
                allow_module_level=True)


def schedules() -> dict[str, object]:
    out = {}
    for path in FILES:
        diag = Diagnostics()
        ctx = Ctx(diag, str(path.relative_to(ROOT)))
        table = parse_hours_file(compose(path.read_text(encoding="utf-8"), ctx), ctx)
        assert not diag.errors, diag.report()
        for key, schedule in table.items():
            out[f"{path.relative_to(ROOT)}:{key}"] = schedule
    return out


SCHEDULES = schedules()


def _stockholm_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=STOCKHOLM)


@pytest.fixture(scope="module")
def evaluated() -> dict[str, dict]:
    """opening_hours.js's open intervals of every schedule's OSM string over the three years."""
    values = {key: osm_opening_hours(s, since=FIRST) for key, s in SCHEDULES.items()}
    return {key: {**value, "osm": values[key]}
            for key, value in _evaluate(values, FIRST, END).items()}


def _summer_time_monday(moment: dt.datetime) -> bool:
    """In the first hour of the Monday after the last Sunday of March (Stockholm time)."""
    local = moment.astimezone(STOCKHOLM)
    sunday = local.date() - dt.timedelta(days=1)
    return (local.weekday() == 0 and local.hour == 0 and sunday.month == 3
            and (sunday + dt.timedelta(days=7)).month == 4)


def _evaluate(values: dict[str, str], first: dt.date, end: dt.date) -> dict[str, dict]:
    request = {"values": values, "from": _stockholm_midnight(first).isoformat(),
               "to": _stockholm_midnight(end).isoformat()}
    proc = subprocess.run(["node", str(OSM / "evaluate.js")], input=json.dumps(request),
                          capture_output=True, text=True, cwd=OSM, timeout=300,
                          env={**os.environ, "TZ": "Europe/Stockholm"})
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _osm_state(intervals: list, starts: list, at_ms: int) -> bool | None:
    i = bisect.bisect_right(starts, at_ms) - 1
    if i >= 0 and at_ms < intervals[i][1]:
        return None if intervals[i][2] else True
    return False


@pytest.mark.parametrize("key", sorted(SCHEDULES))
def test_opening_hours_js_agrees_at_every_quarter_hour(key, evaluated):
    result = evaluated[key]
    assert "error" not in result, f"{result['osm']!r}: {result.get('error')}"
    intervals = result["intervals"]
    starts = [start for start, _end, _unknown in intervals]
    schedule = SCHEDULES[key]
    nights = any(i.closes > 1440 for season in schedule.seasons for d in season.week for i in d) \
        or any(i.closes > 1440 for p in schedule.periods for d in (p.week or ()) for i in d) \
        or any(i.closes > 1440 for e in schedule.exceptions for i in e.intervals)
    utc = dt.timezone.utc
    moment, end = _stockholm_midnight(FIRST).astimezone(utc), _stockholm_midnight(END).astimezone(utc)
    days: dict[dt.date, object] = {}
    wrong, count = [], 0
    while moment < end:
        local = moment.astimezone(STOCKHOLM)
        if local.date() not in days:  # is_open, with each date's day_open worked out once
            days[local.date()] = day_open(schedule, local.date())
        today, minute = days[local.date()], local.hour * 60 + local.minute
        ours = True if any(a <= minute < b for a, b in today.spans) else (
            False if today.known else None)
        theirs = _osm_state(intervals, starts, int(moment.timestamp() * 1000))
        if ours != theirs and not (nights and _summer_time_monday(moment)):
            wrong.append(f"{local:%Y-%m-%d %H:%M %Z}: civicsite {ours}, "
                         f"opening_hours.js {theirs}")
        if count % 997 == 0:
            assert ours == is_open(schedule, moment)
        moment += STEP  # in UTC: every real quarter-hour once, the daylight-saving nights too
        count += 1
    assert count >= 3 * 365 * 96
    assert not wrong, f"{result['osm']}\n{len(wrong)} quarter-hours differ, first:\n" + \
        "\n".join(wrong[:10])


def _random_schedules(seed: int, count: int) -> str:
    """hours.yaml text of ``count`` schedules drawn at random (seeded): weeks or two seasons
    (over 29 February) or none, nights past midnight, lunch breaks, holidays closed, the day
    before, up to two periods (hours or closed) and exceptions in 2026. Nights end 00.30, 01.30
    or 03.30: a closing time inside the hour the clocks skip or repeat is read by the clock in
    civicsite and not in opening_hours.js (docs/opening-hours.md)."""
    r = random.Random(seed)

    def hours() -> str:
        k = r.random()
        if k < 0.2:
            return "stängt"
        if k < 0.45:
            a = r.randrange(6, 20)
            return f"{a:02d}.00-{r.randrange(a + 1, 25):02d}.00"
        if k < 0.65:
            return f"{r.randrange(15, 24):02d}.00-0{r.choice((0, 1, 3))}.30"
        a = r.randrange(6, 11)
        return f"{a:02d}.00-{a + 2:02d}.00, {a + 3:02d}.00-{a + 6:02d}.00"

    def week() -> str:
        return "{" + ", ".join(f'{d}: "{hours()}"' for d in ("mån", "tis", "ons", "tor", "fre",
                                                            "lör", "sön") if r.random() < 0.8) + "}"
    out = []
    for n in range(count):
        lines, kind = [f"r{n}:"], r.random()
        if kind < 0.4:
            lines.append(f"  week: {week()}")
        elif kind < 0.8:
            lines.append(f"  seasons:\n    - {{from: 10-01, to: 02-28, week: {week()}}}\n"
                         f"    - {{from: 03-01, to: 09-30, week: {week()}}}")
        if r.random() < 0.5:
            lines.append("  closed_on_holidays: true")
        if r.random() < 0.5:
            lines.append(f'  day_before_holiday: "{hours()}"')
        periods, start = [], dt.date(2026, 1, 1) + dt.timedelta(days=r.randrange(300))
        for _ in range(r.randrange(3)):
            end = start + dt.timedelta(days=r.randrange(40))
            what = "closed: true" if r.random() < 0.3 else f"week: {week()}"
            periods.append(f"    - {{from: {start}, to: {end}, {what}}}")
            start = end + dt.timedelta(days=r.randrange(1, 60))
        if periods:
            lines.append("  periods:\n" + "\n".join(periods))
        dates = sorted({dt.date(2026, 1, 1) + dt.timedelta(days=r.randrange(365))
                        for _ in range(r.randrange(5))})
        if dates:
            lines.append("  exceptions:\n" + "\n".join(f'    - {{date: {d}, hours: "{hours()}"}}'
                                                     for d in dates))
        if len(lines) == 1 or (kind >= 0.8 and not periods and not dates):
            lines.append(f"  week: {week()}")
        out.append("\n".join(lines) + "\n")
    return "".join(out)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_schedules_agree_for_a_year(seed):
    """Forty schedules drawn at random per seed, each rule mixed with the others, agree with
    opening_hours.js at every quarter-hour of 2026 (this found the eve rules that OSM cannot
    combine with a season's range)."""
    diag = Diagnostics()
    ctx = Ctx(diag, "random.yaml")
    table = parse_hours_file(compose(_random_schedules(seed, 40), ctx), ctx)
    assert not diag.errors, diag.report()
    first, end = dt.date(2026, 1, 1), dt.date(2027, 1, 1)
    values = {key: osm_opening_hours(s, since=first) for key, s in table.items()}
    results = _evaluate(values, first, end)
    utc = dt.timezone.utc
    wrong = []
    for key, schedule in table.items():
        assert "error" not in results[key], (values[key], results[key])
        intervals = results[key]["intervals"]
        starts = [start for start, _end, _unknown in intervals]
        moment = _stockholm_midnight(first).astimezone(utc)
        days: dict[dt.date, object] = {}
        while moment < _stockholm_midnight(end).astimezone(utc):
            local = moment.astimezone(STOCKHOLM)
            if local.date() not in days:
                days[local.date()] = day_open(schedule, local.date())
            today, minute = days[local.date()], local.hour * 60 + local.minute
            ours = True if any(a <= minute < b for a, b in today.spans) else (
                False if today.known else None)
            theirs = _osm_state(intervals, starts, int(moment.timestamp() * 1000))
            if ours != theirs and not _summer_time_monday(moment):
                wrong.append(f"{key} {local:%Y-%m-%d %H:%M}: civicsite {ours}, "
                             f"opening_hours.js {theirs}: {values[key]}")
            moment += STEP
    assert not wrong, f"{len(wrong)} quarter-hours differ, first:\n" + "\n".join(wrong[:5])


def test_opening_hours_js_daylight_saving_limit():
    """The one limit allowed for above is real: ``Su 22:00-02:00`` is open from Sunday 22.00 to
    Monday 02.00, but on the Monday after summer time starts opening_hours.js looks for the day
    before 24 hours back, reaches Saturday, and says closed 00.00–01.00. If opening_hours.js
    fixes it, this fails: then drop ``_summer_time_monday`` from the agreement test."""
    result = _evaluate({"night": "Su 22:00-02:00"}, dt.date(2026, 3, 29), dt.date(2026, 3, 31))
    opened = [(dt.datetime.fromtimestamp(a / 1000, STOCKHOLM).strftime("%d %H:%M"),
               dt.datetime.fromtimestamp(b / 1000, STOCKHOLM).strftime("%d %H:%M"))
              for a, b, _unknown in result["night"]["intervals"]]
    assert opened == [("29 22:00", "30 00:00"), ("30 01:00", "30 02:00")]  # right: 29 22–30 02


def test_the_schedules_use_every_rule():
    """The agreement above covers every rule the OSM string has to express."""
    every = list(SCHEDULES.values())
    assert any(s.periods and any(p.closed for p in s.periods) for s in every)
    assert any(s.day_before_holiday is not None and s.periods for s in every)
    assert any(not s.has_regular_hours for s in every)
    assert any(i.closes > 1440 for s in every for season in s.seasons for d in season.week
               for i in d)
    assert any(season.end == (2, 29) for s in every for season in s.seasons)
    assert any(season.covers_leap_day for s in every for season in s.seasons)
    assert len(SCHEDULES) >= 23
