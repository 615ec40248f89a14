"""Series expanded by events.expand (dateutil.rrule) against an independent expansion written
here day by day, and the calendars against recurring-ical-events' reading of their RRULE/EXDATE
(Hypothesis): every occasion satisfies its rule, none falls on a left-out date or month, count
is respected, and 07.30 stays 07.30 Stockholm time across daylight saving."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
import icalendar
import recurring_ical_events

from civicsite.core import fields as F
from civicsite.core.clock import STOCKHOLM
from civicsite.core.errors import Diagnostics
from civicsite.events.expand import coming, occasions, past
from civicsite.events.parse import event
from civicsite.render.calendars import _assemble, _calendar, _zone, _zone_span, page_vevents

DAYS = ["mån", "tisdag", "onsdag", "thursday", "fre", "lördag", "sön"]
ORDINAL = {1: "första", 2: "andra", 3: "tredje", 4: "fjärde", -1: "sista"}
LIMIT = 40
YEARS = 12  # the window compared: enough for 40 weekly or monthly occasions, a few yearly ones


@st.composite
def series(draw):
    """A series as an editor writes it, and what it means, for the oracle."""
    start = draw(st.dates(dt.date(2000, 1, 1), dt.date(2035, 12, 31)))
    timed = draw(st.booleans())
    every = draw(st.sampled_from(["week", "month", "year"]))
    r = {"every": every, "interval": draw(st.sampled_from([1, 1, 2, 3])), "weekdays": (),
         "position": None, "monthday": None}
    lines = [f"every: {draw(st.sampled_from({'week': ['week', 'vecka'], 'month': ['month', 'månad'], 'year': ['year', 'år']}[every]))}"]
    if r["interval"] > 1:
        lines.append(f"interval: {r['interval']}")
    how = draw(st.sampled_from(["default", "on"]))
    if every == "week" and how == "on":
        r["weekdays"] = tuple(sorted(draw(st.sets(st.integers(0, 6), min_size=1, max_size=3))))
        lines.append("on: [" + ", ".join(DAYS[d] for d in r["weekdays"]) + "]")
    elif every in ("month", "year") and how == "on":
        if every == "month" and draw(st.booleans()):
            r["monthday"] = draw(st.integers(1, 31))
            lines.append(f"on: {r['monthday']}")
        else:
            r["position"] = draw(st.sampled_from([1, 2, 3, 4, -1]))
            r["weekdays"] = (draw(st.integers(0, 6)),)
            lines.append(f"on: {ORDINAL[r['position']]} {DAYS[r['weekdays'][0]]}")
    end = draw(st.sampled_from(["none", "until", "count"]))
    r["until"] = r["count"] = None
    if end == "until":
        r["until"] = start + dt.timedelta(days=draw(st.integers(0, 2000)))
        lines.append(f"until: {r['until'].isoformat()}")
    elif end == "count":
        r["count"] = draw(st.integers(1, 30))
        lines.append(f"count: {r['count']}")
    r["months_out"] = ()
    if every != "year" and draw(st.booleans()):
        r["months_out"] = tuple(sorted(draw(st.sets(st.integers(1, 12), min_size=1, max_size=6))))
        lines.append(f"except_months: {list(r['months_out'])}")
    r["start"] = dt.datetime.combine(start, dt.time(7, 30)) if timed else start
    r["lines"] = lines
    return r


def matches(r: dict, d: dt.date) -> bool:
    """Whether the rule (not the start) gives day ``d``: written out day by day, without dateutil."""
    s = r["start"].date() if isinstance(r["start"], dt.datetime) else r["start"]
    if d < s or (r["until"] and d > r["until"]) or d.month in r["months_out"]:
        return False
    if r["every"] == "week":
        monday = s - dt.timedelta(days=s.weekday())
        return ((d - monday).days // 7) % r["interval"] == 0 and d.weekday() in (r["weekdays"] or (s.weekday(),))
    if r["every"] == "month":
        phase = ((d.year - s.year) * 12 + d.month - s.month) % r["interval"] == 0
    else:
        phase = (d.year - s.year) % r["interval"] == 0 and d.month == s.month
    if r["position"]:
        nth = -1 if (d + dt.timedelta(days=7)).month != d.month else None
        place = r["position"] == nth if r["position"] == -1 else (d.day - 1) // 7 + 1 == r["position"]
        return phase and d.weekday() == r["weekdays"][0] and place
    if r["every"] == "month":
        return phase and d.day == (r["monthday"] or s.day)
    return phase and d.day == s.day


def oracle(r: dict, exceptions: set, limit: int) -> list[dt.date]:
    """The start (always the first occasion), then the rule's days; count includes the start
    and the left-out dates."""
    s = r["start"].date() if isinstance(r["start"], dt.datetime) else r["start"]
    out, given_ = [], 0
    d = s
    while len(out) < limit and d < dt.date(s.year + YEARS, 1, 1):
        if d == s or matches(r, d):
            given_ += 1
            if r["count"] and given_ > r["count"]:
                break
            if d not in exceptions:
                out.append(d)
        d += dt.timedelta(days=1)
    return out


def parse(r: dict, exceptions=()) -> list:
    lines = list(r["lines"]) + ([f"except: [{', '.join(d.isoformat() for d in sorted(exceptions))}]"]
                                if exceptions else [])
    text = f"start: {r['start'].isoformat()}\nend: {'09:00' if isinstance(r['start'], dt.datetime) else r['start'].isoformat()}\n" \
           "location: Broby\nrepeat:\n" + "".join(f"  {line}\n" for line in lines)
    diag = Diagnostics()
    ctx = F.Ctx(diag, "p.md", "event", 1)
    value = event(F.compose(text, ctx), ctx)
    assert diag.report() == [], (text, diag.report())
    return list(value.entries)


def with_left_out(r: dict, data) -> tuple[list, set]:
    """The series read with up to three of its dates in ``except`` (not all of them)."""
    written = oracle(r, set(), LIMIT)
    left_out = set(data.draw(st.lists(st.sampled_from(written), max_size=3))) if written else set()
    assume(set(written) - left_out)
    return parse(r, left_out), left_out


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(series(), st.data())
def test_every_occasion_satisfies_the_rule_and_none_is_missing(r, data):
    entries, left_out = with_left_out(r, data)
    window = dt.date(r["start"].year + YEARS, 1, 1)
    got = [o for _, o in zip(range(LIMIT), occasions(entries)) if o.day < window]
    assert [o.day for o in got] == oracle(r, left_out, LIMIT)
    for o in got:
        assert o.day not in left_out and o.day.month not in r["months_out"] or o.day == got[0].day
        if isinstance(r["start"], dt.datetime):
            assert (o.start.hour, o.start.minute) == (7, 30) and (o.end.hour, o.end.minute) == (9, 0)
        assert o.location == "Broby"
    if r["count"]:
        assert len(list(occasions(entries))) == r["count"] - len(left_out)


def _ics(entries, build=dt.date(2026, 1, 1)) -> bytes:
    site = SimpleNamespace(config=SimpleNamespace(base_url="https://x.example/", title="X", language="sv"),
                           build_date=build)
    page = SimpleNamespace(url="serie/", title="Serie", summary=None,
                           data=SimpleNamespace(event=SimpleNamespace(entries=tuple(entries)), next=None))
    from civicsite.core.i18n import Translator
    blocks = [v.to_ical() for v in page_vevents(site, page, Translator("sv"))]
    timed = [o for o in entries if o.repeat and o.timed]
    zone = [_zone(*_zone_span(site, timed))] if timed else []
    return _assemble(_calendar(site), zone + blocks)


def _instants(entries, first: dt.date, last: dt.date) -> list:
    """events.expand's occasions in the window, as recurring-ical-events gives them."""
    out = []
    for o in occasions(entries, first):
        if o.day > last:
            break
        out.append(o.start.replace(tzinfo=STOCKHOLM) if isinstance(o.start, dt.datetime) else o.start)
    return out


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(series(), st.data())
def test_the_calendar_file_gives_the_same_occasions_to_an_independent_reader(r, data):
    entries, _ = with_left_out(r, data)
    cal = icalendar.Calendar.from_ical(_ics(entries))
    first = r["start"].date() if isinstance(r["start"], dt.datetime) else r["start"]
    last = first + dt.timedelta(days=3 * 366)
    read = sorted((e.decoded("dtstart") for e in recurring_ical_events.of(cal).between(first, last + dt.timedelta(days=1))),
                  key=lambda v: v if isinstance(v, dt.datetime) else dt.datetime.combine(v, dt.time(), STOCKHOLM))
    assert read == _instants(entries, first, last)


def test_daylight_saving_07_30_stays_07_30_in_march_and_november():
    entries = parse({"start": dt.datetime(2024, 3, 5, 7, 30), "lines": ["every: week", "until: 2024-11-30"]})
    days = [o for o in occasions(entries)]
    assert {(o.start.hour, o.start.minute) for o in days} == {(7, 30)}
    cal = icalendar.Calendar.from_ical(_ics(entries))
    read = list(recurring_ical_events.of(cal).between(dt.date(2024, 3, 1), dt.date(2024, 12, 1)))
    utc = {e.decoded("dtstart").date(): e.decoded("dtstart").astimezone(dt.timezone.utc).hour for e in read}
    assert utc[dt.date(2024, 3, 26)] == 6 and utc[dt.date(2024, 3, 19)] == 6  # 07.30 CET = 06.30 UTC
    assert utc[dt.date(2024, 4, 2)] == 5 and utc[dt.date(2024, 10, 22)] == 5  # 07.30 CEST = 05.30 UTC
    assert utc[dt.date(2024, 10, 29)] == 6 and utc[dt.date(2024, 11, 26)] == 6
    assert all(e.decoded("dtstart").astimezone(STOCKHOLM).time() == dt.time(7, 30) for e in read)
    assert len(read) == len(days) == 39
    # the calendar's own VTIMEZONE says the same: Sweden's offsets on those days
    zone = cal.walk("VTIMEZONE")[0].to_tz()
    assert dt.datetime(2024, 3, 26, 7, 30, tzinfo=zone).utcoffset() == dt.timedelta(hours=1)
    assert dt.datetime(2024, 4, 2, 7, 30, tzinfo=zone).utcoffset() == dt.timedelta(hours=2)
    assert dt.datetime(2024, 11, 26, 7, 30, tzinfo=zone).utcoffset() == dt.timedelta(hours=1)


def test_coming_is_at_most_twelve_and_past_the_last_twelve():
    entries = parse({"start": dt.datetime(2023, 8, 29, 7, 30), "lines": ["every: month", "on: sista tisdagen"]})
    ahead = coming(entries, dt.date(2026, 11, 25))
    assert len(ahead) == 12 and ahead[0].start == dt.datetime(2026, 12, 29, 7, 30)  # 31 December 2026 is a Thursday
    before = past(entries, dt.date(2026, 11, 25))
    assert len(before) == 12 and before[-1].start == dt.datetime(2026, 11, 24, 7, 30)
    assert [o.day for o in before] == sorted(o.day for o in before)
