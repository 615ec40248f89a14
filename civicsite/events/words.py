"""The words of ``repeat:`` in Swedish and English: how often (``every``), which day (``on``:
``tisdag``, ``sista tisdagen``, ``15``) and which months (``except_months``)."""
from __future__ import annotations

from dataclasses import dataclass
import re
from typing import Optional

from civicsite.core.weekdays import DASHES, day_number

EVERY_WORDS = {
    "week": "week", "weekly": "week", "vecka": "week", "veckan": "week", "varje vecka": "week",
    "month": "month", "monthly": "month", "månad": "month", "månaden": "month", "varje månad": "month",
    "year": "year", "yearly": "year", "annually": "year", "år": "year", "året": "year", "varje år": "year",
}
ORDINALS = {
    "första": 1, "forsta": 1, "1:a": 1, "first": 1, "1st": 1,
    "andra": 2, "2:a": 2, "second": 2, "2nd": 2,
    "tredje": 3, "3:e": 3, "third": 3, "3rd": 3,
    "fjärde": 4, "fjarde": 4, "4:e": 4, "fourth": 4, "4th": 4,
    "sista": -1, "last": -1,
}
MONTH_WORDS = {
    1: "januari january jan", 2: "februari february feb", 3: "mars march mar",
    4: "april apr", 5: "maj may", 6: "juni june jun", 7: "juli july jul",
    8: "augusti august aug", 9: "september sept sep", 10: "oktober october okt oct",
    11: "november nov", 12: "december dec",
}
MONTH_NAMES = {w: m for m, words in MONTH_WORDS.items() for w in words.split()}
# "sista tisdagen i månaden", "the last Tuesday of the month", "den 15:e varje månad"
_FRAME = re.compile(r"^(?:on\s+)?(?:den|the)\s+|\s+(?:i|varje|in|of|every|each)\s+(?:the\s+)?"
                    r"(?:månaden|månad|month|år|året|year)$")
_NUMBER = re.compile(r"(\d{1,2})(?::[ae]|st|nd|rd|th|e)?")


@dataclass(frozen=True)
class Day:
    """What ``on`` says: a day number, one weekday with its place in the month, or weekdays."""

    monthday: Optional[int] = None
    position: Optional[int] = None
    weekdays: tuple[int, ...] = ()
    problem: str = ""  # "ordinal", "day", "number": the part that could not be read


def read_on(written: str) -> Optional[Day]:
    """``sista tisdagen`` → Day(position=-1, weekdays=(1,)); ``15`` → Day(monthday=15); None
    when ``written`` is neither a day number nor an ordinal day (maybe a list of day names)."""
    text = " ".join(written.lower().replace(".", " ").split())
    text = _FRAME.sub("", _FRAME.sub("", text)).strip()
    if m := _NUMBER.fullmatch(text):
        return Day(monthday=int(m.group(1)))
    words = text.split()
    ordinal_first = words[:1] and (words[0] in ORDINALS or day_number(words[0]) is None)
    if len(words) == 2 and "," not in text and ordinal_first and (
            words[0] in ORDINALS or day_number(words[1]) is not None):
        position, weekday = ORDINALS.get(words[0]), day_number(words[1])
        if position is None:
            return Day(weekdays=(weekday,), problem="ordinal")
        if weekday is None:
            return Day(position=position, problem="day")
        return Day(position=position, weekdays=(weekday,))
    return None


def month_numbers(written: str) -> Optional[tuple[int, ...]]:
    """``7``, ``juli``, ``juni-augusti``, ``6–8`` → month numbers; None if unreadable."""
    ends = [e.strip().lower().rstrip(".") for e in re.split(f"[{DASHES}]", written)]
    numbers = [int(e) if e.isdigit() else MONTH_NAMES.get(e) for e in ends]
    if len(numbers) > 2 or any(n is None or not 1 <= n <= 12 for n in numbers):
        return None
    first, last = numbers[0], numbers[-1]
    return tuple((first - 1 + i) % 12 + 1 for i in range((last - first) % 12 + 1))
