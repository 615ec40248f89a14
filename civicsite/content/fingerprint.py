"""Asset fingerprinting: the theme's CSS and JS and the content's images are published under a
name with a hash of their bytes (``static/site.3f2a9c1e.css``), so hosts may cache them for a
year; a changed file gets a new name, and HTML (always revalidated) points at it.

Documents (PDF, Word …) keep their names: people link to them from elsewhere.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
import posixpath
from typing import Iterable

HASH_LENGTH = 8  # hex digits; the nginx rule in deploy/nginx/ matches exactly this many
SUFFIXES = (".css", ".js", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg")


def is_fingerprinted(path: str) -> bool:
    return path.lower().endswith(SUFFIXES)


def hashed_name(path: str, data: bytes) -> str:
    """``static/site.css`` → ``static/site.<first 8 hex digits of sha256>.css``."""
    stem, suffix = posixpath.splitext(path)
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:HASH_LENGTH]}{suffix}"


def fingerprints(files: Iterable[tuple[str, Path]]) -> dict[str, str]:
    """Output path → hashed output path, for every (output path, source file) that is
    fingerprinted."""
    return {path: hashed_name(path, source.read_bytes()) for path, source in files
            if is_fingerprinted(path)}
