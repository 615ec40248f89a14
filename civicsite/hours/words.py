"""Times and weeks as Swedish editors write them: ``08.00-16.30``, ``16.00-01.30``,
``mån-tor: 08.00-16.30`` (the day names are read by :mod:`civicsite.core.weekdays`)."""
from __future__ import annotations

import re
from typing import Optional

import yaml

from civicsite.core.fields import Ctx, Fields, scalar, with_schema
from civicsite.core.messages import _
from civicsite.core.weekdays import DASHES, DAY_WORDS, parse_days  # noqa: F401 (days: core)
from civicsite.hours.model import DAY_MINUTES, Day, Interval

CLOSED_WORDS = {"closed", "stängt", "stängd", "stangt", "off"}
_TIME = re.compile(r"(\d{1,2})(?:[.:](\d{2}))?")
LATEST_CLOSING = 2 * DAY_MINUTES
"""A closing time may be written past 24.00 (``25.30``, as OpenStreetMap does): up to 48.00."""


def day_name(n: int) -> str:
    """The Swedish name of weekday ``n`` (Monday = 0), as messages to editors use it."""
    return DAY_WORDS[n].split()[0]


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
        ctx.error(_('cannot read the time "{time}"; write it like 08.00 or 8.00', time=word.strip()))
        return None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    latest = LATEST_CLOSING if closing else DAY_MINUTES
    if minute > 59 or hour * 60 + minute > latest:
        ctx.error(_('impossible time "{time}"; times run from 00.00 to 24.00', time=word.strip()))
        return None
    if hour * 60 + minute == DAY_MINUTES and not closing:
        ctx.error(_('"{time}" cannot be an opening time; write 00.00 for midnight',
                    time=word.strip()))
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
        ctx.error(_('cannot read the hours "{hours}"; write them like 08.00-16.30, or stängt',
                    hours=written.strip()))
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
            ctx.error(_("the hours {first} and {second} overlap", first=fmt_interval(a),
                        second=fmt_interval(b)))
            return None
    return tuple(out)


@with_schema({"anyOf": [{"type": "string"}, {"type": "number"}],  # 16.30 alone is a YAML number
              "description": "Tider som 08.00-16.30 eller 8.00-12.00, 13.00-16.30, eller stängt; "
                             "16.00-01.30 stänger 01.30 nästa morgon",
              "examples": ["08.00-16.30", "16.00-01.30", "stängt"]})
def hours_value(node: yaml.Node, ctx: Ctx) -> Optional[Day]:
    value = scalar(node, ctx, _("hours such as 08.00-16.30"))
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
            sub.error(_("no hours given; write them like 08.00-16.30, or stängt"))
        if numbers is None or intervals is None:
            continue
        for n in numbers:
            if n in given:
                other, line = given[n]
                sub.error(_('{day} is already given by "{other}" on line {line}',
                            day=day_name(n), other=other, line=line))
                break
        else:
            for n in numbers:
                given[n] = (name, sub.line)
                days[n] = intervals
    return tuple(days)
