"""Day names as editors write them, in Swedish or English (``mån``, ``tisdag``, ``tuesday``,
``mån-fre``, ``vardagar``): read by opening hours and by repeating events."""
from __future__ import annotations

import re
from typing import Optional

from civicsite.core.errors import did_you_mean
from civicsite.core.fields import Ctx
from civicsite.core.messages import _

DAY_WORDS = {
    0: "måndag mån må monday mon mo",
    1: "tisdag tis ti tuesday tues tue tu",
    2: "onsdag ons on wednesday wed we",
    3: "torsdag tors tor to thursday thurs thur thu th",
    4: "fredag fre fr friday fri",
    5: "lördag lör lö saturday sat sa",
    6: "söndag sön sö sunday sun su",
}
DAY_NAMES: dict[str, int] = {w: i for i, words in DAY_WORDS.items() for w in words.split()}
DAY_GROUPS: dict[str, tuple[int, ...]] = {
    "vardagar": (0, 1, 2, 3, 4), "weekdays": (0, 1, 2, 3, 4),
    "helger": (5, 6), "helg": (5, 6), "weekend": (5, 6), "weekends": (5, 6),
    "alla dagar": tuple(range(7)), "dagligen": tuple(range(7)), "daily": tuple(range(7)),
    "every day": tuple(range(7)),
}
DASHES = "-–—"


def day_number(word: str) -> Optional[int]:
    """``Tisdag``, ``tis.``, ``tuesday`` → 1; also the plural and definite Swedish forms
    (``tisdagar``, ``tisdagen``); None for anything else."""
    key = word.strip().rstrip(".").lower()
    for ending in ("", "ar", "en", "s"):
        if ending and key.endswith("dag" + ending):
            key = key[:-len(ending)]
        if key in DAY_NAMES:
            return DAY_NAMES[key]
    return None


def _day(word: str, ctx: Ctx, written: str) -> Optional[int]:
    number = day_number(word)
    if number is not None:
        return number
    shown = word.strip() or written
    ctx.error(_('unknown day "{day}"; write Swedish or English day names such as mån, tisdag '
                "or mon", day=shown)
              + did_you_mean(word.strip().lower(), [w for w in DAY_NAMES if len(w) > 2]))
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
            ctx.error(_('cannot read the days "{days}"; write e.g. mån-tor, fre or lör, sön',
                        days=written))
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
            ctx.error(_('"{days}" names the same day twice', days=written))
            return None
        seen.append(d)
    return tuple(seen)
