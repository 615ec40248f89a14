"""The event model: an :class:`Event` is the occasions an editor wrote (each one date, or a
series by its :class:`Repeat` rule), or only a place; :class:`Next` is a page's next meeting."""
from __future__ import annotations

from dataclasses import dataclass
import datetime as dt
from typing import Optional, Union

Moment = Union[dt.date, dt.datetime]  # a date alone means the whole day; times are Swedish
EVERY = ("week", "month", "year")
ATTENDANCE = ("offline", "online", "mixed")


@dataclass(frozen=True)
class Repeat:
    """How a series repeats, as ``dateutil.rrule`` and iCalendar's RRULE read it. The series'
    first occasion is its start; ``on`` fills ``weekdays`` (with ``position`` for "sista
    tisdagen") or ``monthday``; without them the start's weekday or day repeats."""

    every: str                          # week | month | year
    interval: int = 1                   # 2: every other week (month, year)
    weekdays: tuple[int, ...] = ()      # 0 = Monday; one day when position is set
    position: Optional[int] = None      # 1–4 (första … fjärde), -1 (sista)
    monthday: Optional[int] = None      # 1–31
    until: Optional[dt.date] = None     # the last day (included)
    count: Optional[int] = None         # how many dates, the start included (except dates count)
    exceptions: tuple[dt.date, ...] = ()
    except_months: tuple[int, ...] = ()

    @property
    def months(self) -> tuple[int, ...]:
        """The months the series runs in (BYMONTH); empty when it runs all year."""
        if not self.except_months:
            return ()
        return tuple(m for m in range(1, 13) if m not in self.except_months)

    @property
    def finite(self) -> bool:
        return self.until is not None or self.count is not None


@dataclass(frozen=True)
class Occasion:
    """One time something happens (with ``repeat``: the first of a series, the others alike)."""

    start: Moment
    end: Optional[Moment] = None
    location: Optional[str] = None
    attendance: Optional[str] = None    # offline | online | mixed
    repeat: Optional[Repeat] = None

    @property
    def day(self) -> dt.date:
        """The day it starts."""
        return self.start.date() if isinstance(self.start, dt.datetime) else self.start

    @property
    def timed(self) -> bool:
        return isinstance(self.start, dt.datetime)


@dataclass(frozen=True)
class Event:
    """What ``event:`` says: the occasions as written (single ones and series), or, when no
    date is given, only where (``place``) — shown, but in no calendar."""

    entries: tuple[Occasion, ...] = ()
    place: Optional[str] = None
    place_attendance: Optional[str] = None

    @property
    def dated(self) -> bool:
        return bool(self.entries)

    @property
    def single(self) -> Optional[Occasion]:
        """The occasion, when the event is one occasion that does not repeat (version 1)."""
        if len(self.entries) == 1 and self.entries[0].repeat is None:
            return self.entries[0]
        return None

    @property
    def day(self) -> Optional[dt.date]:
        """The day of its first occasion."""
        return min((e.day for e in self.entries), default=None)

    @property
    def location(self) -> Optional[str]:
        """Where every occasion is (or the place of an undated event); None when they differ."""
        return self._shared("location") if self.entries else self.place

    @property
    def attendance(self) -> Optional[str]:
        return self._shared("attendance") if self.entries else self.place_attendance

    def _shared(self, name: str) -> Optional[str]:
        values = {getattr(e, name) for e in self.entries}
        return values.pop() if len(values) == 1 else None


@dataclass(frozen=True)
class Next:
    """A page's next meeting: in words (``when``), and with ``start`` a date in "Kommande" and
    the calendars."""

    when: Optional[str]
    occasion: Optional[Occasion]        # with start (and location, end)
    location: Optional[str]
    url: Optional[str]


def as_datetime(value: Moment) -> dt.datetime:
    """A day as the moment it starts."""
    return value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
