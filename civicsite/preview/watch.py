"""Which files changed: inotify through watchfiles (no work while nothing changes), or polling
where inotify is missing or its watches run out (a network drive, a container without it)."""
from __future__ import annotations

from pathlib import Path
import sys
import threading
from typing import Callable

import watchfiles

from civicsite.core.messages import _

STEP_MS = 30         # a batch ends after this long without a new change
POLL_MS = 300        # the polling fallback's interval


class Visible(watchfiles.DefaultFilter):
    """What the build reads: no hidden files or folders inside the watched folders (editors'
    swap and backup files are hidden or end in ~, which the default filter drops too)."""

    def __init__(self, roots: list[Path]):
        super().__init__()
        self.roots = [str(r.resolve()) for r in roots]

    def __call__(self, change: watchfiles.Change, path: str) -> bool:
        for root in self.roots:
            if path.startswith(root + "/"):
                if any(part.startswith(".") for part in path[len(root) + 1:].split("/")):
                    return False
                break
        return super().__call__(change, path)


def watch(folders: list[Path], on_change: Callable[[set[Path]], object],
          stop: threading.Event, polling: bool = False) -> None:
    """Call ``on_change`` with the changed paths after each batch of changes, until ``stop``."""
    try:
        for changes in watchfiles.watch(*folders, watch_filter=Visible(folders), step=STEP_MS,
                                        stop_event=stop, raise_interrupt=False,
                                        force_polling=True if polling else None,
                                        poll_delay_ms=POLL_MS):
            on_change({Path(path) for _change, path in changes})
    except (OSError, RuntimeError) as exc:  # no inotify, or its watch limit reached
        if polling:
            raise
        print(_("civicsite: cannot watch the folders for changes ({reason}); looking for changes "
                "every {ms} ms instead", reason=exc, ms=POLL_MS), file=sys.stderr)
        watch(folders, on_change, stop, polling=True)
