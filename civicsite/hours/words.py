"""Days and times as Swedish editors write them: ``mån-tor``, ``08.00-16.30``, ``16.00-01.30``."""
from __future__ import annotations

import re
from typing import Optional

import yaml

from civicsite.core.errors import did_you_mean
from civicsite.core.fields import Ctx, Fields, scalar, with_schema
from civicsite.core.messages import _
from civicsite.hours.model import DAY_MINUTES, Day, Interval

_DAY_WORDS = {
    0: "måndag mån må monday mon mo",
    1: "tisdag tis ti tuesday tues tue tu",
    2: "onsdag ons on wednesday wed we",
    3: "torsdag tors tor to thursday thurs thur thu th",
    4: "fredag fre fr friday fri",
    5: "lördag lör lö saturday sat sa",
    6: "söndag sön sö sunday sun su",
}
DAY_NAMES: dict[str, int] = {w: i for i, words in _DAY_WORDS.items() for w in words.split()}
DAY_GROUPS: dict[str, tuple[int, ...]] = {
    "vardagar": (0, 1, 2, 3, 4), "weekdays": (0, 1, 2, 3, 4),
    "helger": (5, 6), "helg": (5, 6), "weekend": (5, 6), "weekends": (5, 6),
    "alla dagar": tuple(range(7)), "dagligen": tuple(range(7)), "daily": tuple(range(7)),
    "every day": tuple(range(7)),
}
CLOSED_WORDS = {"closed", "stängt", "stängd", "stangt", "off"}
DASHES = "-–—"
_TIME = re.compile(r"(\d{1,2})(?:[.:](\d{2}))?")
LATEST_CLOSING = 2 * DAY_MINUTES
"""A closing time may be written past 24.00 (``25.30``, as OpenStreetMap does): up to 48.00."""


def day_name(n: int) -> str:
    """The Swedish name of weekday ``n`` (Monday = 0), as messages to editors use it."""
    return _DAY_WORDS[n].split()[0]


# ---- days ---------------------------------------------------------------------------------

def _day(word: str, ctx: Ctx, written: str) -> Optional[int]:
    key = word.strip().rstrip(".").lower()
    if key in DAY_NAMES:
        return DAY_NAMES[key]
    shown = word.strip() or written
    ctx.error(f'unknown day "{shown}"; write Swedish or English day names such as mån, '
              f'tisdag or mon' + did_you_mean(key, [w for w in DAY_NAMES if len(w) > 2]))
    return None


def parse_days(written: str, ctx: Ctx) -> Optional[tuple[int, ...]]:
    """``mån-tor``, ``måndag–torsdag``, ``mon-fri``, ``lör, sön``, ``vardagar`` → weekday numbers."""
    days: list[int] = []
    ok = True
    for part in written.split(","):
        part = part.strip()
        if part.lower() in DAY_GROUPS:
            days.extend(DAY_GROUPS[part.lower()])
            continue
        ends = re.split(f"\\s*[{DASHES}]\\s*", part)
        if len(ends) > 2 or not part:
            ctx.error(f'cannot read the days "{written}"; write e.g. mån-tor, fre or lör, sön')
            return None
        numbers = [_day(e, ctx, written) for e in ends]
        if None in numbers:
            ok = False
            continue
        first, last = numbers[0], numbers[-1]
        assert first is not None and last is not None
        span = (last - first) % 7
        days.extend((first + i) % 7 for i in range(span + 1))
    if not ok:
        return None
    seen: list[int] = []
    for d in days:
        if d in seen:
            ctx.error(f'"{written}" names the same day twice')
            return None
        seen.append(d)
    return tuple(seen)


def week_runs(week: tuple[Day, ...]) -> list[tuple[int, int, Day]]:
    """Runs of consecutive weekdays (Monday first) with the same hours: (first, last, hours)."""
    runs: list[tuple[int, int, Day]] = []
    for n, day in enumerate(week):
        if runs and runs[-1][2] == day and runs[-1][1] == n - 1:
            runs[-1] = (runs[-1][0], n, day)
        else:
            runs.append((n, n, day))
    return runs


# ---- times --------------------------------------------------------------------------------

def _time(word: str, ctx: Ctx, closing: bool) -> Optional[int]:
    m = _TIME.fullmatch(word.strip())
    if not m:
        ctx.error(f'cannot read the time "{word.strip()}"; write it like 08.00 or 8.00')
        return None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    latest = LATEST_CLOSING if closing else DAY_MINUTES
    if minute > 59 or hour * 60 + minute > latest:
        ctx.error(f'impossible time "{word.strip()}"; times run from 00.00 to 24.00')
        return None
    if hour * 60 + minute == DAY_MINUTES and not closing:
        ctx.error(f'"{word.strip()}" cannot be an opening time; write 00.00 for midnight')
        return None
    return hour * 60 + minute


def fmt_minutes(minutes: int, sep: str = ".") -> str:
    """1440 → ``24.00``, 510 → ``08.30``."""
    return f"{minutes // 60:02d}{sep}{minutes % 60:02d}"


def fmt_closes(interval: Interval, sep: str = ".") -> str:
    """The closing time as the editor wrote it: ``01.30`` the next morning, ``00.00`` or
    ``24.00`` at midnight."""
    if interval.closes == DAY_MINUTES:
        return fmt_minutes(0 if interval.zero else DAY_MINUTES, sep)
    return fmt_minutes(interval.closes % DAY_MINUTES, sep)


def fmt_interval(interval: Interval, sep: str = ".") -> str:
    """``16.00–01.30``: shown as written, past midnight too."""
    return f"{fmt_minutes(interval.opens, sep)}–{fmt_closes(interval, sep)}"


def _interval(part: str, written: str, ctx: Ctx) -> Optional[Interval]:
    """One ``opens-closes``; a closing time not after the opening time (or 00.00) is the next
    morning, as is one written past 24.00."""
    ends = re.split(f"\\s*[{DASHES}]\\s*", part.strip())
    if len(ends) != 2:
        ctx.error(f'cannot read the hours "{written.strip()}"; write them like 08.00-16.30, '
                  f'or stängt')
        return None
    opens, closes = _time(ends[0], ctx, False), _time(ends[1], ctx, True)
    if opens is None or closes is None:
        return None
    zero = closes == 0
    if closes <= opens:
        closes += DAY_MINUTES
    if closes - opens > DAY_MINUTES:
        written = ends[0].strip() + "–" + ends[1].strip()
        ctx.error(_("the hours {hours} last more than 24 hours; an opening may run past "
                    "midnight into the next morning, but at most 24 hours", hours=written))
        return None
    return Interval(opens, closes, zero)


def parse_intervals(written: str, ctx: Ctx) -> Optional[Day]:
    """``08.00-16.30``, ``8.00–12.00, 13.00–16.30``, ``16.00-01.30``, ``stängt`` → intervals
    (empty = closed)."""
    if written.strip().lower() in CLOSED_WORDS:
        return ()
    out: list[Interval] = []
    for part in written.split(","):
        interval = _interval(part, written, ctx)
        if interval is None:
            return None
        out.append(interval)
    out.sort()
    for a, b in zip(out, out[1:]):
        if b.opens < a.closes:
            ctx.error(f"the hours {fmt_interval(a)} and {fmt_interval(b)} overlap")
            return None
    return tuple(out)


@with_schema({"anyOf": [{"type": "string"}, {"type": "number"}],  # 16.30 alone is a YAML number
              "description": "Tider som 08.00-16.30 eller 8.00-12.00, 13.00-16.30, eller stängt; "
                             "16.00-01.30 stänger 01.30 nästa morgon",
              "examples": ["08.00-16.30", "16.00-01.30", "stängt"]})
def hours_value(node: yaml.Node, ctx: Ctx) -> Optional[Day]:
    value = scalar(node, ctx, "hours such as 08.00-16.30")
    return None if value is None else parse_intervals(value, ctx)


@with_schema({"type": "object", "additionalProperties": hours_value.schema,
              "description": "Dagar: tider, t.ex. `mån-tor: 08.00-16.30`; dagar som inte nämns är stängda",
              "propertyNames": {"pattern": r"\S"}})
def week(node: yaml.Node, ctx: Ctx) -> Optional[tuple[Day, ...]]:
    """A mapping ``days: hours``; days not named are closed."""
    fields = Fields.of(node, ctx, known=[])
    if fields is None:
        return None
    days: list[Day] = [()] * 7
    given: dict[int, tuple[str, int]] = {}
    for name in fields.names():
        sub = fields.sub(name)
        numbers = parse_days(name, sub)
        node_value = fields.node(name)
        intervals = hours_value(node_value, sub) if node_value is not None else ()
        if node_value is None:
            sub.error("no hours given; write them like 08.00-16.30, or stängt")
        if numbers is None or intervals is None:
            continue
        for n in numbers:
            if n in given:
                other, line = given[n]
                sub.error(f'{day_name(n)} is already given by "{other}" on line {line}')
                break
        else:
            for n in numbers:
                given[n] = (name, sub.line)
                days[n] = intervals
    return tuple(days)
