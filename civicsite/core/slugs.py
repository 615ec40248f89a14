"""URL segments from file and folder names (CONTENT-FORMAT.md, "URLs")."""
from __future__ import annotations

from functools import lru_cache
import re
import unicodedata

SEGMENT = re.compile(r"[a-z0-9-]*[a-z0-9][a-z0-9-]*")  # CONTENT-FORMAT: [a-z0-9-]+, not only dashes


@lru_cache(maxsize=65536)  # tags repeat on thousands of pages, and every page lists them
def slugify(name: str) -> str:
    """``Vår 2021`` → ``var-2021``: lower case ASCII; å, ä → a, ö → o, other accents dropped."""
    lowered = name.lower()
    decomposed = unicodedata.normalize("NFKD", lowered)
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    ascii_only = ascii_only.replace("æ", "ae").replace("ø", "o").replace("ß", "ss")
    dashed = re.sub(r"[\s_\-–—]+", "-", ascii_only)
    kept = re.sub(r"[^a-z0-9-]", "", dashed)
    return re.sub(r"-{2,}", "-", kept).strip("-")


def is_segment(value: str) -> bool:
    """True for a valid ``slug:`` value: ``[a-z0-9-]+`` with at least one letter or digit."""
    return bool(SEGMENT.fullmatch(value))
