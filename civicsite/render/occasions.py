"""What a page shows of its event: a series' rule in words ("Sista tisdagen varje månad kl.
07.30–09.00, utom juni–augusti"), its coming occasions (at most 12) and its last past ones."""
from __future__ import annotations

from dataclasses import dataclass
import datetime as dt
from civicsite.core.i18n import Translator
from civicsite.events.expand import SHOWN, coming, past
from civicsite.events.model import Event, Occasion

ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}


@dataclass(frozen=True)
class EventView:
    """A page's event as shown: each series in words, the coming and the past occasions, and
    whether each occasion needs its own place (the occasions are not all at one place)."""

    rules: tuple[str, ...]
    coming: tuple[Occasion, ...]
    more: bool  # there are more coming occasions than are shown
    past: tuple[Occasion, ...]
    own_places: bool


def event_view(event: Event, today: dt.date, t: Translator) -> EventView:
    entries = event.entries
    ahead = coming(entries, today, SHOWN + 1)
    return EventView(tuple(rule_text(o, t) for o in entries if o.repeat), tuple(ahead[:SHOWN]),
                     len(ahead) > SHOWN, tuple(past(entries, today, SHOWN)),
                     event.location is None and any(o.location for o in entries))


def _every(unit: str, interval: int, t: Translator) -> str:
    if interval == 1:
        return t(f"repeat_every_{unit}")
    if interval == 2:
        return t(f"repeat_other_{unit}")
    return t(f"repeat_nth_{unit}", n=interval)


def _weekday(day: int, t: Translator) -> str:
    return t.date(dt.date(2024, 1, 1) + dt.timedelta(days=day), "EEEE")  # 2024-01-01: a Monday


def ordinal_day(n: int, t: Translator) -> str:
    """15 → ``15:e`` (sv) / ``15th`` (en)."""
    if t.language == "sv":
        return f"{n}:a" if n % 10 in (1, 2) and n % 100 not in (11, 12) else f"{n}:e"
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _months(months: tuple[int, ...], t: Translator) -> str:
    """(6, 7, 8, 12) → ``juni–augusti, december``: runs of months joined by a dash."""
    runs: list[list[int]] = []
    for m in sorted(months):
        if runs and runs[-1][-1] == m - 1:
            runs[-1].append(m)
        else:
            runs.append([m])
    name = lambda m: t.date(dt.date(2024, m, 1), "LLLL")  # noqa: E731 — the month standing alone
    return ", ".join(name(r[0]) if len(r) == 1 else f"{name(r[0])}–{name(r[-1])}" for r in runs)


def rule_text(occasion: Occasion, t: Translator) -> str:
    """A series in words, with its time, left-out months, first date, end and left-out dates."""
    r = occasion.repeat
    every = _every(r.every, r.interval, t)
    if r.weekdays and r.position:
        text = t("repeat_position_year" if r.every == "year" else "repeat_position",
                 ordinal=t("repeat_" + ORDINALS[r.position]), day=_weekday(r.weekdays[0], t),
                 every=every, month=t.date(occasion.day, "LLLL"))
    elif r.every == "week":
        days = r.weekdays or (occasion.day.weekday(),)
        text = t("repeat_weekdays", every=every, days=", ".join(_weekday(d, t) for d in days))
    elif r.every == "month":
        text = t("repeat_monthday", every=every, day=ordinal_day(r.monthday or occasion.day.day, t))
    else:
        text = t("repeat_yearly", every=every, date=t.date(occasion.day, "d MMMM"))
    if occasion.timed:
        text += " " + t("at_time") + " " + occasion.start.strftime("%H.%M")
        if isinstance(occasion.end, dt.datetime) and occasion.end.date() == occasion.day:
            text += "–" + occasion.end.strftime("%H.%M")
    if r.months:
        text += ", " + t("repeat_except_months", months=_months(r.except_months, t))
    text += ". " + t("repeat_from", start=t.date(occasion.day))
    if r.until:
        text += " " + t("repeat_until", until=t.date(r.until))
    elif r.count:
        text += ", " + t("repeat_count", count=r.count)
    text += "."
    if r.exceptions:
        text += " " + t("repeat_not_on", dates=", ".join(t.date(d) for d in r.exceptions)) + "."
    return text[:1].upper() + text[1:]
