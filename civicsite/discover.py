"""Step 1: find the files of a content folder and read them as text, checking what can be checked
before parsing (encoding, symlinks that leave the folder, scripts inside SVG)."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import Diagnostics

DATA_FILES = ("site.yaml", "contacts.yaml", "hours.yaml")
SVG_SCRIPT = re.compile(rb"<script|\son[a-z]+\s*=|javascript:|<foreignObject", re.IGNORECASE)


@dataclass(frozen=True)
class SourceFile:
    """A file inside the content folder."""

    rel: PurePosixPath  # path inside the content folder, with forward slashes
    abs: Path           # resolved path on disk
    display: str        # the path as the user would type it: content folder joined with rel


@dataclass(frozen=True)
class ContentFiles:
    """Everything found in a content folder, sorted by path."""

    root: Path
    data: dict[str, SourceFile]   # "site.yaml" → file, for the data files that exist
    pages: list[SourceFile]
    assets: list[SourceFile]


def display_path(content_arg: str, rel: PurePosixPath) -> str:
    base = content_arg.rstrip("/\\") or "."
    return f"{base}/{rel.as_posix()}"


def discover(content_arg: str, diag: Diagnostics) -> ContentFiles:
    """Walk the content folder (hidden files and folders are skipped)."""
    root = Path(content_arg).resolve()
    data: dict[str, SourceFile] = {}
    pages: list[SourceFile] = []
    assets: list[SourceFile] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        kept = []
        for name in sorted(dirnames):
            if name.startswith("."):
                continue
            if (here / name).is_symlink():
                src = _source(root, here / name, content_arg)
                if not _inside(root, (here / name).resolve()):
                    diag.error(src.display, 1, "file", "this folder is a link that leads outside the "
                               "content folder; copy the files in instead")
                    continue
            kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = here / name
            src = _source(root, path, content_arg)
            if path.is_symlink() and not _inside(root, path.resolve()):
                diag.error(src.display, 1, "file", "this file is a link that leads outside the content "
                           "folder; copy the file in instead")
                continue
            if not path.exists():
                diag.error(src.display, 1, "file", "this file is a broken link; remove it")
                continue
            if src.rel.as_posix() in DATA_FILES:
                data[src.rel.as_posix()] = src
            elif name.lower().endswith(".md"):
                pages.append(src)
            else:
                if name.lower().endswith(".svg"):
                    _check_svg(src, diag)
                if name in DATA_FILES:
                    diag.warn(src.display, 1, "file", f"{name} is read only at the top of the content "
                              "folder; this copy is published as a plain file that anyone can "
                              "download. Move it to the top or delete it")
                assets.append(src)
    key = lambda s: s.rel.as_posix()
    return ContentFiles(root, data, sorted(pages, key=key), sorted(assets, key=key))


def _source(root: Path, path: Path, content_arg: str) -> SourceFile:
    rel = PurePosixPath(path.relative_to(root).as_posix())
    # resolving costs a system call per folder level: only links need it (root is resolved)
    return SourceFile(rel, path.resolve() if path.is_symlink() else path,
                      display_path(content_arg, rel))


def _inside(root: Path, path: Path) -> bool:
    return path == root or root in path.parents


def _check_svg(src: SourceFile, diag: Diagnostics) -> None:
    data = src.abs.read_bytes()
    match = SVG_SCRIPT.search(data)
    if match:
        line = data.count(b"\n", 0, match.start()) + 1
        diag.error(src.display, line, "svg", "SVG images may not contain scripts, event handlers "
                   "(onload=…) or javascript: links; export the image again without them")


def read_text(src: SourceFile, diag: Diagnostics, raw: bytes | None = None) -> str | None:
    """The file (or ``raw``, its bytes already read) as text: UTF-8 (a BOM is dropped), line
    endings normalised to \\n."""
    raw = src.abs.read_bytes() if raw is None else raw
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        diag.error(src.display, line, "encoding", "the file is not UTF-8 text; save it again with the "
                   "encoding UTF-8 (in most editors: Save as… → Encoding → UTF-8)")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")
