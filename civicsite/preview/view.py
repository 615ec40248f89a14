"""What the preview shows now, shared by the builds, the watcher and the request threads: the
status, a generation number that changes whenever what a tab shows may have changed, and the
pages rendered ahead of the full build (``quick``)."""
from __future__ import annotations

import threading
from typing import Mapping, Optional

from civicsite.preview.status import Status


class View:
    def __init__(self, status: Status):
        self._status = status
        self._generation = 0
        self._overrides: dict[str, str] = {}
        self._changed = threading.Condition()
        self.hosts: frozenset[str] = frozenset()

    def now(self) -> tuple[Status, int]:
        with self._changed:
            return self._status, self._generation

    def override(self, url: str) -> Optional[str]:
        """A page rendered ahead of the full build, if any."""
        with self._changed:
            return self._overrides.get(url)

    def overrides(self) -> dict[str, str]:
        with self._changed:
            return dict(self._overrides)

    def publish(self, status: Status, overrides: Optional[Mapping[str, Optional[str]]] = None,
                reload: bool = True) -> None:
        """Show ``status``; ``overrides``: pages rendered ahead (a None value: that page's is
        dropped, the output folder has it now; None: all are dropped). ``reload``: tell open
        tabs (False when they already show what this build made)."""
        with self._changed:
            self._status = status
            if overrides is None:
                self._overrides.clear()
            else:
                for url, html in overrides.items():
                    if html is None:
                        self._overrides.pop(url, None)
                    else:
                        self._overrides[url] = html
            if reload:
                self._generation += 1
                self._changed.notify_all()

    def wait(self, seen: Optional[int], timeout: float) -> int:
        """The generation, once it is not ``seen`` (or after ``timeout`` seconds)."""
        with self._changed:
            if seen == self._generation:
                self._changed.wait(timeout)
            return self._generation
