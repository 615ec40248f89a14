"""Opening hours: parsing, validation, the Swedish calendar, the view, JSON-LD, OSM, "Öppet nu"."""
from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
import json
from pathlib import Path
import re
import sys

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import jinja2  # noqa: E402

from civicsite.core.errors import Diagnostics  # noqa: E402
from civicsite.core.fields import Ctx, compose  # noqa: E402
from civicsite.core.i18n import Translator  # noqa: E402
from civicsite.hours.model import Interval, holiday_name, hours_on, open_state
from civicsite.hours.parse import parse_days, parse_hours_file, parse_intervals
from civicsite.hours.view import hours_jsonld, hours_view, live_data, open_now, osm_opening_hours

PATH = "content/hours.yaml"
DATA = ROOT / "tests" / "data"
SV, EN = Translator("sv"), Translator("en")
WINTER_TODAY = dt.date(2025, 12, 20)

# Exactly as in CONTENT-FORMAT.md.
SEED = """\
kundcenter:
  title: Öppettider i kundcenter
  seasons:
    - name: vintertid
      from: 09-01            # MM-DD, every year
      to: 05-31
      week:
        mån-tor: 08.00-16.30 # Swedish (mån, tis, ons, tor, fre, lör, sön) or English (mon-sun)
        fre: 08.00-16.00     # 08.00 and 08:00 are both accepted
    - name: sommartid
      from: 06-01
      to: 08-31
      week:
        mån-tor: 08.00-16.00
        fre: 08.00-15.00
  closed_on_holidays: true   # Swedish public holidays and midsommarafton, julafton, nyårsafton
  exceptions:
    - date: 2022-06-24
      closed: true
      note: Midsommarafton
    - date: 2026-12-14
      hours: 08.00-20.00
      note: Kvällsöppet vid kommunfullmäktiges sammanträde
  notes:
    - Kundcenter har kvällsöppet till 20.00 när kommunfullmäktige sammanträder.
kontaktcenter:
  title: Öppettider
  week:
    mån-fre: 08.00-16.30     # a schedule without seasons
"""

# Trollhättan's kontaktcenter with its midsommarafton exception.
TROLLHATTAN = """\
kontaktcenter:
  title: Öppettider
  week:
    mån-fre: 08.00-16.30
  exceptions:
    - date: 2022-06-24
      closed: true
      note: Midsommarafton
"""


def parse(text: str):
    diag = Diagnostics()
    ctx = Ctx(diag, PATH)
    return parse_hours_file(compose(text, ctx), ctx), diag


def ok(text: str):
    schedules, diag = parse(text)
    assert diag.report() == []
    return schedules


def problems(text: str) -> list[str]:
    return parse(text)[1].report()


def minutes(*pairs: str) -> tuple[Interval, ...]:
    def m(s: str) -> int:
        h, mm = s.split(".")
        return int(h) * 60 + int(mm)
    return tuple(Interval(m(a), m(b)) for a, b in (p.split("-") for p in pairs))


@pytest.fixture(scope="module")
def seed():
    return ok(SEED)


# ---- parsing what editors write -------------------------------------------------------------

@pytest.mark.parametrize("written, days", [
    ("mån-tor", (0, 1, 2, 3)),
    ("måndag–torsdag", (0, 1, 2, 3)),
    ("Måndag — Torsdag", (0, 1, 2, 3)),
    ("mon-fri", (0, 1, 2, 3, 4)),
    ("Monday-Wednesday", (0, 1, 2)),
    ("lör, sön", (5, 6)),
    ("mån, ons-tors, Fri", (0, 2, 3, 4)),
    ("tis", (1,)),
    ("Sun", (6,)),
    ("sön.", (6,)),
    ("fre-mån", (4, 5, 6, 0)),
    ("vardagar", (0, 1, 2, 3, 4)),
    ("mo-th", (0, 1, 2, 3)),
])
def test_day_names_and_ranges(written, days):
    diag = Diagnostics()
    assert parse_days(written, Ctx(diag, PATH)) == days
    assert diag.report() == []


@pytest.mark.parametrize("written, expected", [
    ("8.00-16.30", ("08.00-16.30",)),
    ("08.00-16.30", ("08.00-16.30",)),
    ("08:00-16:30", ("08.00-16.30",)),
    ("08.00–16.30", ("08.00-16.30",)),
    ("08.00 — 16.30", ("08.00-16.30",)),
    ("8-16", ("08.00-16.00",)),
    ("20.00-24.00", ("20.00-24.00",)),
    ("08.00-12.00, 13.00-16.30", ("08.00-12.00", "13.00-16.30")),
    ("13.00-16.30, 08.00-12.00", ("08.00-12.00", "13.00-16.30")),
    ("stängt", ()),
    ("Stängt", ()),
    ("closed", ()),
])
def test_time_writings(written, expected):
    diag = Diagnostics()
    assert parse_intervals(written, Ctx(diag, PATH)) == minutes(*expected)
    assert diag.report() == []


def test_seed_parses_into_seasons_holidays_exceptions_notes(seed):
    k = seed["kundcenter"]
    assert k.title == "Öppettider i kundcenter"
    assert [(s.name, s.start, s.end) for s in k.seasons] == [
        ("vintertid", (9, 1), (5, 31)), ("sommartid", (6, 1), (8, 31))]
    assert k.seasons[0].week == (minutes("08.00-16.30"),) * 4 + (minutes("08.00-16.00"), (), ())
    assert k.closed_on_holidays is True
    assert [(e.date, e.intervals, e.note) for e in k.exceptions] == [
        (dt.date(2022, 6, 24), (), "Midsommarafton"),
        (dt.date(2026, 12, 14), minutes("08.00-20.00"),
         "Kvällsöppet vid kommunfullmäktiges sammanträde")]
    assert k.notes == ("Kundcenter har kvällsöppet till 20.00 när kommunfullmäktige sammanträder.",)
    c = seed["kontaktcenter"]
    assert len(c.seasons) == 1 and c.seasons[0].all_year
    assert c.seasons[0].week == (minutes("08.00-16.30"),) * 5 + ((), ())
    assert c.closed_on_holidays is False


def test_mixed_writings_in_one_week():
    s = ok("""\
bib:
  title: Bibliotek
  week:
    Måndag–Onsdag: 08:00–12:00, 13:00–19:00
    thu: 8.00-16.00
    fredag: stängt
    lör, sun: 10-14
""")["bib"]
    assert s.seasons[0].week == (minutes("08.00-12.00", "13.00-19.00"),) * 3 + (
        minutes("08.00-16.00"), (), minutes("10.00-14.00"), minutes("10.00-14.00"))


# ---- validation: errors at the right line and field ----------------------------------------

def test_unknown_day_with_did_you_mean():
    assert problems("""\
kundcenter:
  title: X
  seasons:
    - name: vintertid
      from: 09-01
      to: 08-31
      week:
        måm-tor: 08.00-16.30
""") == ['content/hours.yaml:8: kundcenter.seasons[0].week.måm-tor: unknown day "måm"; write '
         'Swedish or English day names such as mån, tisdag or mon (did you mean "mån"?)']


@pytest.mark.parametrize("hours, message", [
    ("25.00-16.00", 'impossible time "25.00"; times run from 00.00 to 24.00'),
    ("08.75-16.00", 'impossible time "08.75"; times run from 00.00 to 24.00'),
    ("08.00-24.30", 'impossible time "24.30"; times run from 00.00 to 24.00'),
    ("16.30-08.00", "closes (08.00) before it opens (16.30); hours past midnight belong to the "
                    "next day"),
    ("08.00-08.00", "closes (08.00) before it opens (08.00); hours past midnight belong to the "
                    "next day"),
    ("24.00-24.00", '"24.00" cannot be an opening time; write 00.00 for midnight'),
    ("åtta till fyra", 'cannot read the hours "åtta till fyra"; write them like 08.00-16.30, or '
                       'stängt'),
    ("8.00-12.00, 11.00-13.00", "the hours 08.00–12.00 and 11.00–13.00 overlap"),
])
def test_impossible_hours(hours, message):
    assert problems(f"""\
k:
  title: X
  week:
    mån-fre: {hours}
""") == [f"content/hours.yaml:4: k.week.mån-fre: {message}"]


def test_overlapping_seasons_and_impossible_season_date():
    assert problems("""\
kundcenter:
  title: X
  seasons:
    - name: vintertid
      from: 09-01
      to: 05-31
      week: {mån-fre: 08.00-16.30}
    - name: sommartid
      from: 05-15
      to: 08-31
      week: {mån-fre: 08.00-16.00}
    - name: vår
      from: 02-30
      to: 03-10
      week: {mån-fre: 08.00-16.00}
""") == [
        'content/hours.yaml:8: kundcenter.seasons[1]: overlaps season "vintertid" on '
        '05-15–05-31; seasons must not overlap',
        'content/hours.yaml:13: kundcenter.seasons[2].from: "02-30" is not a date that exists '
        '(MM-DD)',
    ]


def test_uncovered_days_are_a_warning_and_closed():
    text = """\
k:
  title: X
  seasons:
    - name: vinter
      from: 09-01
      to: 05-31
      week: {mån-fre: 08.00-16.30}
    - name: högsommar
      from: 07-01
      to: 07-31
      week: {mån-fre: 10.00-14.00}
"""
    schedules, diag = parse(text)
    assert diag.report() == ["content/hours.yaml:3: warning: k.seasons: the seasons leave "
                             "06-01–06-30, 08-01–08-31 uncovered; those days show as closed"]
    assert not diag.errors
    day = hours_on(schedules["k"], dt.date(2026, 6, 15))  # a Monday in June
    assert (day.reason, day.intervals) == ("uncovered", ())


def test_a_season_ending_02_28_also_covers_leap_day():
    s = ok("""\
k:
  title: X
  seasons:
    - {name: vinter, from: 12-01, to: 02-28, week: {mån-fre: 08.00-16.00}}
    - {name: resten, from: 03-01, to: 11-30, week: {mån-fre: 09.00-15.00}}
""")["k"]
    assert hours_on(s, dt.date(2028, 2, 29)).season == "vinter"  # a Tuesday
    assert hours_on(s, dt.date(2028, 2, 29)).intervals == minutes("08.00-16.00")


def test_exception_mistakes():
    assert problems("""\
k:
  title: X
  week:
    mån-fre: 08.00-16.30
  exceptions:
    - date: 2026-02-30
      closed: true
    - date: 2026-03-02
      note: Varför?
    - date: 2026-03-03
      closed: true
      hours: 08.00-12.00
    - date: 2026-03-04
      hours: 8.00-12.00
    - date: 2026-03-04
      closed: ja
""") == [
        'content/hours.yaml:6: k.exceptions[0].date: expected a date written YYYY-MM-DD such as '
        '2021-05-18, found "2026-02-30"',
        "content/hours.yaml:8: k.exceptions[1]: give `closed: true` or `hours: 08.00-20.00` for "
        "the date",
        "content/hours.yaml:10: k.exceptions[2]: give either `closed: true` or `hours:`, not both",
        "content/hours.yaml:15: k.exceptions[4].date: 2026-03-04 already has an exception on "
        "line 13",
    ]


def test_unknown_keys_duplicate_days_and_missing_hours():
    assert problems("""\
k:
  title: X
  note: Stängt i juli
  seasons:
    - name: vinter
      frm: 01-01
      to: 12-31
      week:
        mån, tis: 08:00–16:00
        tisdag: 8-9
k2:
  title: Y
  week: {mon-fri: 08.00-16.30}
  seasons: []
k3:
  title: Z
""") == [
        'content/hours.yaml:3: k.note: unknown field (did you mean "notes"?); its value is not '
        "used until the name is right",
        # one mistake, one message: `frm` is the `from` that is missing
        'content/hours.yaml:6: k.seasons[0].frm: unknown field (did you mean "from"?); its value '
        "is not used until the name is right",
        'content/hours.yaml:10: k.seasons[0].week.tisdag: tisdag is already given by "mån, tis" '
        'on line 9',
        "content/hours.yaml:13: k2.week: give either `week:` (the same hours all year) or "
        "`seasons:`, not both",
        "content/hours.yaml:15: k3: no hours given; add `week:` (e.g. `mån-fre: 08.00-16.30`) "
        "or `seasons:`",
    ]


# ---- the Swedish calendar ------------------------------------------------------------------

@pytest.mark.parametrize("day, name", [
    ("2021-06-25", "Midsommarafton"),
    ("2022-06-24", "Midsommarafton"),
    ("2026-06-19", "Midsommarafton"),
    ("2026-06-20", "Midsommardagen"),
    ("2024-12-24", "Julafton"),
    ("2025-12-24", "Julafton"),
    ("2025-12-31", "Nyårsafton"),
    ("2026-01-01", "Nyårsdagen"),
    ("2025-04-18", "Långfredagen"),
    ("2025-04-20", "Påskdagen"),
    ("2026-04-05", "Påskdagen"),
    ("2026-04-06", "Annandag påsk"),
    ("2025-05-29", "Kristi himmelsfärdsdag"),
    ("2026-05-14", "Kristi himmelsfärdsdag"),
    ("2024-06-06", "Nationaldagen"),
    ("2025-06-06", "Nationaldagen"),
    ("2026-01-11", ""),  # an ordinary Sunday is no holiday
    ("2026-04-30", ""),  # valborgsmässoafton is not a day off
])
def test_swedish_holidays(day, name):
    assert holiday_name(dt.date.fromisoformat(day)) == name


def test_holiday_names_in_english():
    assert holiday_name(dt.date(2026, 6, 19), "en") == "Midsummer Eve"
    assert holiday_name(dt.date(2026, 12, 24), "en") == "Christmas Eve"


def test_ordinary_sunday_is_closed_by_the_week_not_a_holiday(seed):
    day = hours_on(seed["kundcenter"], dt.date(2026, 1, 11))
    assert (day.reason, day.intervals, day.note, day.deviates) == ("season", (), "", False)


def test_holiday_on_a_closed_sunday_is_no_deviation(seed):
    day = hours_on(seed["kundcenter"], dt.date(2026, 4, 5))  # Påskdagen
    assert (day.reason, day.note, day.deviates) == ("holiday", "Påskdagen", False)


def test_season_spanning_new_year(seed):
    k = seed["kundcenter"]
    for day in ("2025-09-01", "2025-12-30", "2026-01-02", "2026-05-29"):
        assert hours_on(k, dt.date.fromisoformat(day)).season == "vintertid", day
    assert hours_on(k, dt.date(2026, 1, 2)).intervals == minutes("08.00-16.00")  # a Friday
    assert hours_on(k, dt.date(2026, 6, 1)).season == "sommartid"
    assert hours_on(k, dt.date(2026, 6, 5)).intervals == minutes("08.00-15.00")
    assert k.seasons[0].occurrence(dt.date(2026, 1, 2)) == (dt.date(2025, 9, 1),
                                                             dt.date(2026, 5, 31))
    assert k.seasons[0].occurrence(dt.date(2025, 10, 2)) == (dt.date(2025, 9, 1),
                                                             dt.date(2026, 5, 31))


def test_holidays_close_and_exceptions_override(seed):
    k = seed["kundcenter"]
    julafton = hours_on(k, dt.date(2026, 12, 24))
    assert (julafton.reason, julafton.intervals, julafton.note) == ("holiday", (), "Julafton")
    assert julafton.regular == minutes("08.00-16.30") and julafton.deviates
    evening = hours_on(k, dt.date(2026, 12, 14))
    assert (evening.reason, evening.intervals) == ("exception", minutes("08.00-20.00"))
    old = hours_on(k, dt.date(2022, 6, 24))
    assert (old.reason, old.note) == ("exception", "Midsommarafton")
    opened = ok(SEED.replace("    - date: 2026-12-14", "    - date: 2026-12-24\n"
                             "      hours: 09.00-12.00\n    - date: 2026-12-14"))
    day = hours_on(opened["kundcenter"], dt.date(2026, 12, 24))
    assert (day.reason, day.intervals) == ("exception", minutes("09.00-12.00"))


def test_without_closed_on_holidays_the_week_holds(seed):
    assert hours_on(seed["kontaktcenter"], dt.date(2025, 12, 24)).intervals == minutes(
        "08.00-16.30")


# ---- open_state ----------------------------------------------------------------------------

def test_open_state_takes_aware_moments_in_stockholm_time(seed):
    utc = dt.datetime(2026, 1, 5, 15, 29, tzinfo=dt.timezone.utc)  # 16.29 in Stockholm
    state = open_state(seed["kundcenter"], utc)
    assert state.is_open and state.closes_at == dt.datetime(2026, 1, 5, 16, 30)
    summer = dt.datetime(2026, 6, 1, 13, 59, tzinfo=dt.timezone.utc)  # 15.59 CEST
    assert open_state(seed["kundcenter"], summer).closes_at == dt.datetime(2026, 6, 1, 16, 0)
    closed = open_state(seed["kundcenter"], dt.datetime(2026, 1, 10, 12, 0))
    assert not closed.is_open and closed.opens_at == dt.datetime(2026, 1, 12, 8, 0)


CASES = yaml.safe_load((DATA / "open_now_cases.yaml").read_text(encoding="utf-8"))


def test_the_case_schedules_warn_only_about_july():
    _, diag = parse((DATA / "open_now_hours.yaml").read_text(encoding="utf-8"))
    assert [e.message for e in diag.items] == [
        "the seasons leave 07-01–07-31 uncovered; those days show as closed"]


@pytest.mark.parametrize("case", CASES["cases"],
                         ids=lambda c: f"{c['id']}@{c['at']}-{c.get('lang', 'sv')}")
def test_open_now_text(case):
    schedules, _ = parse((DATA / "open_now_hours.yaml").read_text(encoding="utf-8"))
    today = dt.date.fromisoformat(str(case.get("today", CASES["today"])))
    assert open_state(schedules[case["id"]], dt.datetime.fromisoformat(str(case["at"]))).moment >= (
        dt.datetime.combine(today, dt.time()))  # every case is after its build date
    moment = dt.datetime.fromisoformat(str(case["at"]))
    assert open_now(schedules[case["id"]], moment, Translator(case.get("lang", "sv"))) == case["text"]


def test_enough_shared_cases():
    assert len(CASES["cases"]) >= 20


# ---- the view and the block ----------------------------------------------------------------

def test_grouping_text(seed):
    view = hours_view(seed["kundcenter"], WINTER_TODAY, SV)
    assert [(r.days, r.hours) for r in view.seasons[0].rows] == [
        ("Måndag–torsdag", "08.00–16.30"), ("Fredag", "08.00–16.00")]
    assert [(r.days, r.hours) for r in view.seasons[1].rows] == [
        ("Måndag–torsdag", "08.00–16.00"), ("Fredag", "08.00–15.00")]


def test_seasons_with_date_range_and_current_mark(seed):
    winter = hours_view(seed["kundcenter"], WINTER_TODAY, SV)
    assert [(s.caption, s.current, s.current_text) for s in winter.seasons] == [
        ("1 september–31 maj (vintertid)", True, "gäller nu"),
        ("1 juni–31 augusti (sommartid)", False, "")]
    summer = hours_view(seed["kundcenter"], dt.date(2026, 7, 1), SV)
    assert [s.current for s in summer.seasons] == [False, True]
    english = hours_view(seed["kundcenter"], WINTER_TODAY, EN)
    assert english.seasons[0].caption == "1 September–31 May (vintertid)"
    assert english.seasons[0].current_text == "current"
    assert [(r.days, r.hours) for r in english.seasons[0].rows] == [
        ("Monday–Thursday", "08:00–16:30"), ("Friday", "08:00–16:00")]


def test_deviations_in_the_60_days_after_the_build_date(seed):
    view = hours_view(seed["kundcenter"], WINTER_TODAY, SV)
    assert [(d.iso, d.label, d.hours, d.note) for d in view.deviations] == [
        ("2025-12-24", "Onsdag 24 december", "Stängt", "Julafton"),
        ("2025-12-25", "Torsdag 25 december", "Stängt", "Juldagen"),
        ("2025-12-26", "Fredag 26 december", "Stängt", "Annandag jul"),
        ("2025-12-31", "Onsdag 31 december", "Stängt", "Nyårsafton"),
        ("2026-01-01", "Torsdag 1 januari", "Stängt", "Nyårsdagen"),
        ("2026-01-06", "Tisdag 6 januari", "Stängt", "Trettondedag jul"),
    ]
    december = hours_view(seed["kundcenter"], dt.date(2026, 11, 20), SV)
    assert [(d.label, d.hours, d.note) for d in december.deviations] == [
        ("Måndag 14 december", "08.00–20.00", "Kvällsöppet vid kommunfullmäktiges sammanträde"),
        ("Torsdag 24 december", "Stängt", "Julafton"),
        ("Fredag 25 december", "Stängt", "Juldagen"),
        # Annandag jul is a Saturday: closed anyway, so no deviation
        ("Torsdag 31 december", "Stängt", "Nyårsafton"),
        ("Fredag 1 januari", "Stängt", "Nyårsdagen"),
        ("Onsdag 6 januari", "Stängt", "Trettondedag jul"),  # 2027-01-06, day 47 of 60
    ]
    # the window ends 60 days after the build date
    assert [d.iso for d in hours_view(seed["kundcenter"], dt.date(2025, 11, 1), SV).deviations
            ] == ["2025-12-24", "2025-12-25", "2025-12-26", "2025-12-31"]  # ends 2025-12-31
    assert hours_view(seed["kundcenter"], dt.date(2025, 11, 2), SV).deviations[-1].iso == (
        "2026-01-01")
    assert [d.note for d in hours_view(seed["kundcenter"], WINTER_TODAY, EN).deviations][:2] == [
        "Christmas Eve", "Christmas Day"]


def test_trollhattan_kontaktcenter():
    view = hours_view(ok(TROLLHATTAN)["kontaktcenter"], dt.date(2022, 6, 1), SV)
    assert view.title == "Öppettider"
    assert [(s.caption, s.current, [(r.days, r.hours) for r in s.rows]) for s in view.seasons] == [
        ("Ordinarie öppettider", False, [("Måndag–fredag", "08.00–16.30")])]
    assert [(d.label, d.hours, d.note) for d in view.deviations] == [
        ("Fredag 24 juni", "Stängt", "Midsommarafton")]


class _Checker(HTMLParser):
    """Checks that every element is closed in order, and collects the text."""

    VOID = {"br", "img", "meta", "link", "input", "hr", "source", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.text: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.ids += [v for k, v in attrs if k == "id"]
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] != "script":
            self.text.append(data)


def render_block(schedule, today, t=SV, level=2):
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    return env.get_template("blocks/hours.html").render(
        view=hours_view(schedule, today, t), t=t, level=level, block_id="hours-1")


def test_hallstahammar_block_renders_the_seed_hours(seed):
    html = render_block(seed["kundcenter"], WINTER_TODAY)
    checker = _Checker()
    checker.feed(html)
    checker.close()
    assert checker.stack == [] and len(checker.ids) == len(set(checker.ids))
    text = " ".join(" ".join(checker.text).split())
    for expected in (
            "Öppettider i kundcenter",
            "1 september–31 maj (vintertid) gäller nu Dag Öppettider "
            "Måndag–torsdag 08.00–16.30 Fredag 08.00–16.00",
            "1 juni–31 augusti (sommartid) Dag Öppettider "
            "Måndag–torsdag 08.00–16.00 Fredag 08.00–15.00",
            "Kundcenter har kvällsöppet till 20.00 när kommunfullmäktige sammanträder.",
            "Avvikande öppettider Datum Öppettider Anledning Onsdag 24 december Stängt Julafton"):
        assert expected in text
    assert '<h2 id="hours-1-title">' in html and '<h3 id="hours-1-deviations">' in html
    assert '<th scope="row">Måndag–torsdag</th><td>08.00–16.30</td>' in html
    assert re.search(r'<p class="hours-now"[^>]*aria-live="polite" hidden></p>', html)
    assert 'data-osm="Sep 01-May 31: Mo-Th 08:00-16:30;' in html
    data = re.search(r'<script type="application/json" data-hours-data>(.*?)</script>', html, re.S)
    assert json.loads(data.group(1)) == live_data(seed["kundcenter"], WINTER_TODAY, SV)


def test_block_escapes_content_and_level_3():
    s = ok("""\
k:
  title: "<b>Öppet</b> & </script>"
  week: {mån: 08.00-09.00}
  notes: ["<i>x</i>"]
""")["k"]
    html = render_block(s, WINTER_TODAY, level=3)
    assert "<b>" not in html and "<i>" not in html and "&lt;b&gt;Öppet&lt;/b&gt; &amp;" in html
    assert '<h3 id="hours-1-title">' in html


def test_live_data_is_explicit_per_date_and_agrees_with_hours_on(seed):
    k = seed["kundcenter"]
    data = live_data(k, WINTER_TODAY, SV)
    assert data["start"] == "2025-12-19" and len(data["days"]) == 402
    for n, index in enumerate(data["days"]):
        day = dt.date(2025, 12, 19) + dt.timedelta(days=n)
        assert data["patterns"][index] == [[i.opens, i.closes] for i in hours_on(k, day).intervals]
    assert data["texts"]["open"] == "Öppet nu – stänger {time}"
    assert data["weekdays"][0] == "måndag" and data["months"][8] == "september"


# ---- structured data and OpenStreetMap -----------------------------------------------------

WEEKDAYS = [f"https://schema.org/{d}" for d in ("Monday", "Tuesday", "Wednesday", "Thursday")]


def test_jsonld_regular_hours_per_season_and_day_group(seed):
    data = hours_jsonld(seed["kundcenter"], WINTER_TODAY)
    spec = "OpeningHoursSpecification"
    assert data["openingHoursSpecification"] == [
        {"@type": spec, "dayOfWeek": WEEKDAYS, "opens": "08:00", "closes": "16:30",
         "validFrom": "2025-09-01", "validThrough": "2026-05-31"},
        {"@type": spec, "dayOfWeek": ["https://schema.org/Friday"], "opens": "08:00",
         "closes": "16:00", "validFrom": "2025-09-01", "validThrough": "2026-05-31"},
        {"@type": spec, "dayOfWeek": WEEKDAYS, "opens": "08:00", "closes": "16:00",
         "validFrom": "2026-06-01", "validThrough": "2026-08-31"},
        {"@type": spec, "dayOfWeek": ["https://schema.org/Friday"], "opens": "08:00",
         "closes": "15:00", "validFrom": "2026-06-01", "validThrough": "2026-08-31"},
    ]
    summer = hours_jsonld(seed["kundcenter"], dt.date(2026, 7, 1))["openingHoursSpecification"]
    assert [(s["validFrom"], s["validThrough"]) for s in summer][::2] == [
        ("2026-09-01", "2027-05-31"), ("2026-06-01", "2026-08-31")]
    plain = hours_jsonld(seed["kontaktcenter"], WINTER_TODAY)
    assert plain == {"openingHoursSpecification": [
        {"@type": spec, "dayOfWeek": WEEKDAYS + ["https://schema.org/Friday"],
         "opens": "08:00", "closes": "16:30"}], "specialOpeningHoursSpecification": []}


def test_jsonld_special_hours_for_the_next_12_months(seed):
    special = hours_jsonld(seed["kundcenter"], WINTER_TODAY)["specialOpeningHoursSpecification"]
    assert special[0] == {"@type": "OpeningHoursSpecification", "validFrom": "2025-12-24",
                          "validThrough": "2025-12-24", "name": "Julafton",
                          "opens": "00:00", "closes": "00:00"}
    by_date = {s["validFrom"]: s for s in special}
    assert all(s["validFrom"] == s["validThrough"] for s in special)
    assert min(by_date) >= "2025-12-20" and max(by_date) <= "2026-12-20"
    assert (by_date["2026-12-14"]["opens"], by_date["2026-12-14"]["closes"]) == ("08:00", "20:00")
    assert "2026-06-19" in by_date and "2026-06-06" not in by_date  # nationaldagen is a Saturday
    assert "2026-04-05" not in by_date  # Påskdagen: a Sunday, closed anyway
    assert "2026-12-24" not in by_date  # beyond 12 months


def test_osm_opening_hours(seed):
    assert osm_opening_hours(seed["kundcenter"]) == (
        "Sep 01-May 31: Mo-Th 08:00-16:30; Sep 01-May 31: Fr 08:00-16:00; "
        "Jun 01-Aug 31: Mo-Th 08:00-16:00; Jun 01-Aug 31: Fr 08:00-15:00; "
        "PH off; Jun 19-Jun 25 Fr off; Dec 24 off; Dec 31 off; "
        "2022 Jun 24 off; 2026 Dec 14 08:00-20:00")
    assert osm_opening_hours(seed["kundcenter"], since=WINTER_TODAY).endswith(
        "Dec 31 off; 2026 Dec 14 08:00-20:00")
    assert osm_opening_hours(seed["kontaktcenter"]) == "Mo-Fr 08:00-16:30"
    night = ok("k:\n  title: X\n  week:\n    fre-lör: 18.00-24.00, 08.00-12.00\n")["k"]
    assert osm_opening_hours(night) == "Fr-Sa 08:00-12:00,18:00-24:00"
    assert hours_jsonld(night, WINTER_TODAY)["openingHoursSpecification"][1]["closes"] == "23:59"
