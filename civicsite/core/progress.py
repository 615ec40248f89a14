"""How far a long build has come, on one line of the terminal that is rewritten: the pages
rendered of all, then the search index. Nothing at all when the output is not a terminal (CI
logs) or before a build has run for a moment (a small site builds without it)."""
from __future__ import annotations

import sys
import time
from typing import Optional, TextIO

from civicsite.core.messages import _

DELAY = 1.0      # seconds of a build before its progress is shown
INTERVAL = 0.1   # seconds between two updates of the line

_stream: Optional[TextIO] = None
_started = 0.0
_shown = 0.0
_dirty = False


def enable(stream: TextIO = sys.stderr) -> None:
    """Show progress on ``stream`` from now on, if it is a terminal."""
    global _stream
    _stream = stream if stream.isatty() else None


def start() -> None:
    """A build begins: its progress is shown once it has run for DELAY seconds."""
    global _started
    _started = time.monotonic()


def pages(done: int, total: int) -> None:
    _show(_("Rendering pages: {done} of {total}", done=done, total=total), done == total)


def step(text: str) -> None:
    _show(text, True)


def _show(text: str, always: bool) -> None:
    global _shown, _dirty
    if _stream is None:
        return
    now = time.monotonic()
    if now - _started < DELAY or (not always and now - _shown < INTERVAL):
        return
    _stream.write("\r" + text + "\x1b[K")
    _stream.flush()
    _shown, _dirty = now, True


def clear() -> None:
    """Remove the progress line before other output."""
    global _dirty
    if _stream is not None and _dirty:
        _stream.write("\r\x1b[K")
        _stream.flush()
        _dirty = False
