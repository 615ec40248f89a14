"""Jinja's compiled templates in the build cache, each file sealed (``sealed.Seal``): Jinja runs
what it reads from here (marshalled code objects), so a file whose seal fails is never
unmarshalled. Imported only by a build that renders (Jinja is not needed to find that
nothing changed)."""
from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Callable

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

from civicsite.build.sealed import Refused, Seal


class SealedBytecodeCache(BytecodeCache):
    """Jinja's compiled templates in the cache folder, each file sealed: Jinja runs what it
    reads from here, so a file whose seal fails is never unmarshalled (it is deleted and the
    template compiled again). ``refused`` is called with each such file."""

    def __init__(self, folder: Path, seal: Seal, refused: Callable[[Path], None]):
        self.folder, self.seal, self.refused = folder, seal, refused

    def _path(self, bucket: Bucket) -> Path:
        return self.folder / f"__jinja2_{bucket.key}.cache"

    def load_bytecode(self, bucket: Bucket) -> None:
        path = self._path(bucket)
        try:
            payload = self.seal.read(path)
        except Refused:
            self.refused(path)
            return
        if payload is not None:
            try:
                bucket.load_bytecode(io.BytesIO(payload))  # checks Jinja's version and source
            except Exception:
                bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        out = io.BytesIO()
        bucket.write_bytecode(out)
        try:
            self.seal.write(self._path(bucket), out.getvalue())
        except OSError:  # a cache that cannot be written is only slower
            pass

    def sweep(self) -> None:
        """Check every compiled template once, here, before worker processes read them: a file
        that fails is reported (once) and deleted."""
        try:
            names = sorted(os.listdir(self.folder))
        except OSError:
            return
        for name in names:
            path = self.folder / name
            if not (name.startswith("__jinja2_") and name.endswith(".cache")):
                continue
            try:
                self.seal.read(path)
            except Refused:
                self.refused(path)

    def clear(self) -> None:
        for name in os.listdir(self.folder):
            if name.startswith("__jinja2_"):
                (self.folder / name).unlink(missing_ok=True)

