"""The build's image files, kept in the build cache as plain image files named by what they were
made from, ``images/<digest>/<file>`` (the digest of the source image, or of the icons'
sources), so that an image whose bytes are unchanged is never resized again; the probes of the
content's images beside them in ``images/probes.json``. Files are written beside and renamed, so
a killed build leaves whole files or none; what the last build did not use is removed after it."""
from __future__ import annotations

import json
import os
from pathlib import Path
import posixpath
import shutil
from typing import Iterable, Mapping, Optional, Union

from civicsite.content.site import Site
from civicsite.images.probe import Probe, probe_from_json, probe_to_json
from civicsite.images.variants import Icons, Picture
from civicsite.render.site import derive

Work = Union[Picture, Icons]
PROBES = "probes.json"


class ImageStore:
    """The cache's folder of image files; with no folder (no cache) files are made every time."""

    def __init__(self, folder: Optional[Path]):
        self.folder = folder

    def _paths(self, item: Work) -> dict[str, Path]:
        """Output path → where the store keeps that file."""
        return {v.path: self.folder / item.digest / posixpath.basename(v.path) for v in item.variants}

    def kept(self, item: Work) -> Optional[dict[str, Path]]:
        """The files of ``item`` if the store holds every one."""
        if self.folder is None:
            return None
        paths = self._paths(item)
        return paths if all(p.is_file() for p in paths.values()) else None

    def files(self, site: Site, item: Work) -> tuple[dict[str, Union[Path, bytes]], bool]:
        """(output path → the file in the store, or its bytes without a store; whether it was
        made now). Run by the build's worker processes."""
        kept = self.kept(item)
        if kept is not None:
            return dict(kept), False
        made = derive(site, item)
        if self.folder is None:
            return dict(made), True
        paths = self._paths(item)
        for path, data in made.items():
            _write(paths[path], data)
        return dict(paths), True

    def probes(self) -> dict[str, Probe]:
        """The probes the last build saved, by the digest of the image's bytes."""
        if self.folder is None:
            return {}
        try:
            data = json.loads((self.folder / PROBES).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        found = {k: probe_from_json(v) for k, v in data.items()} if isinstance(data, dict) else {}
        return {k: v for k, v in found.items() if v is not None}

    def save(self, probes: Mapping[str, Probe], used: Iterable[Work]) -> None:
        """Keep ``probes`` and the files of ``used``; everything else is removed."""
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        _write(self.folder / PROBES, json.dumps({k: probe_to_json(v) for k, v in
                                                 sorted(probes.items())}).encode())
        wanted: dict[str, set[str]] = {}
        for item in used:
            wanted.setdefault(item.digest, set()).update(
                posixpath.basename(v.path) for v in item.variants)
        with os.scandir(self.folder) as entries:
            for entry in entries:
                if entry.name == PROBES:
                    continue
                if not entry.is_dir(follow_symlinks=False) or entry.name not in wanted:
                    _remove(Path(entry.path))
                    continue
                for name in os.listdir(entry.path):  # what a killed build left half written
                    if name not in wanted[entry.name]:
                        _remove(Path(entry.path, name))


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
