"""Step 1: find the files of a content folder and read them as text, checking what can be checked
before parsing (encoding, symlinks that leave the folder; the files published as they are, in
``uploads``: scripts inside HTML, XML and SVG, the types of file a kommun publishes)."""
from __future__ import annotations

from dataclasses import dataclass, field
import os
from pathlib import Path, PurePosixPath
import re
import stat

from civicsite.content import uploads
from civicsite.core.errors import Diagnostics
from civicsite.core.messages import _

DATA_FILES = ("site.yaml", "contacts.yaml", "hours.yaml")
# Pages and data files are typed by people: anything larger is a mistake (a pasted export, a
# generated dump) and would only make the build slow and memory-hungry. Assets are copied, not read.
MAX_TEXT_BYTES = 2 * 1024 * 1024
# In a file or folder name: line breaks and control characters (they would break the one-line
# problem format and the URLs) and undecodable bytes (os.walk gives them as lone surrogates).
BAD_NAME = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029\ud800-\udfff]")

@dataclass(frozen=True)
class SourceFile:
    """A file inside the content folder."""

    rel: PurePosixPath  # path inside the content folder, with forward slashes
    abs: Path           # resolved path on disk
    display: str        # the path as the user would type it: content folder joined with rel
    key: str = field(init=False, repr=False, compare=False)  # rel as text: the files' key

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", self.rel.as_posix())


@dataclass(frozen=True)
class ContentFiles:
    """Everything found in a content folder, sorted by path."""

    root: Path
    data: dict[str, SourceFile]   # "site.yaml" → file, for the data files that exist
    pages: list[SourceFile]
    assets: list[SourceFile]
    refused: frozenset[str] = frozenset()  # paths inside the folder that were reported and skipped


def display_path(content_arg: str, rel: PurePosixPath) -> str:
    base = content_arg.rstrip("/\\") or "."
    return f"{base}/{rel.as_posix()}"


def discover(content_arg: str, diag: Diagnostics) -> ContentFiles:
    """Walk the content folder (hidden files and folders are skipped; links to folders are not
    followed)."""
    root = Path(content_arg).resolve()
    data: dict[str, SourceFile] = {}
    pages: list[SourceFile] = []
    assets: list[SourceFile] = []
    refused: set[str] = set()
    base = content_arg.rstrip("/\\") or "."
    # plain strings and os.scandir: a large site has tens of thousands of files
    stack: list[tuple[Path, PurePosixPath, str]] = [(root, PurePosixPath(), "")]
    while stack:
        here, here_rel, prefix = stack.pop()
        try:
            with os.scandir(here) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:  # a folder that cannot be listed, as os.walk: skipped
            continue
        folders = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            rel = prefix + name
            if BAD_NAME.search(name):
                _bad_name(rel, base, diag, refused)
                continue
            try:
                is_folder = entry.is_dir()
            except OSError:
                is_folder = False
            if is_folder:
                if entry.is_symlink():  # kept (its name is taken) but not walked
                    if not _inside(root, _resolve(here / name)):
                        diag.error(f"{base}/{rel}", 1, _("file"), _(
                            "this folder is a link that leads outside the content folder; copy "
                            "the files in instead"))
                        refused.add(rel)
                    continue
                folders.append((here / name, here_rel / name, rel + "/"))
                continue
            path = here / name
            src = SourceFile(here_rel / name, _resolve(path) if entry.is_symlink() else path,
                             f"{base}/{rel}")
            problem = _file_problem(root, entry, src.abs, name)
            if problem:
                diag.error(src.display, 1, _("file"), problem)
                refused.add(rel)
                continue
            if rel in DATA_FILES:
                data[rel] = src
            elif name.lower().endswith(".md"):
                pages.append(src)
            else:
                if not _upload_ok(src, diag, check_type=name not in DATA_FILES):
                    refused.add(rel)
                    continue
                if name in DATA_FILES:
                    diag.warn(src.display, 1, _("file"), _(
                        "{name} is read only at the top of the content folder; this copy is "
                        "published as a plain file that anyone can download. Move it to the top "
                        "or delete it", name=name))
                assets.append(src)
        stack.extend(reversed(folders))
    key = lambda s: s.key
    return ContentFiles(root, data, sorted(pages, key=key), sorted(assets, key=key),
                        frozenset(refused))


def _bad_name(rel: str, base: str, diag: Diagnostics, refused: set) -> None:
    """A name that is not plain UTF-8 text is an error, shown with the odd characters escaped."""
    shown = BAD_NAME.sub(_escape, f"{base}/{rel}")
    diag.error(shown, 1, _("file"), _("the name has a line break, a control character or letters "
                                      "that are not UTF-8 (saved by an old program); rename it"))
    refused.add(rel)


def _escape(m: re.Match) -> str:
    code = ord(m.group())
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _file_problem(root: Path, entry: os.DirEntry, resolved: Path, name: str) -> str | None:
    """Why a file found in the content folder cannot be used, or None."""
    if entry.is_symlink() and not _inside(root, resolved):
        return _("this file is a link that leads outside the content folder; copy the file in "
                 "instead")
    try:
        info = entry.stat()
    except (OSError, RuntimeError):  # a broken link or a loop of links
        return _("this file is a broken link; remove it")
    if not stat.S_ISREG(info.st_mode):
        return _("this is not an ordinary file (a pipe, socket or device); remove it")
    if (name in DATA_FILES or name.lower().endswith(".md")) and info.st_size > MAX_TEXT_BYTES:
        return _("the file is too large ({size} KiB; at most {limit} KiB for a page or data "
                 "file); split it or put large material in a document (PDF) instead",
                 size=info.st_size // 1024, limit=MAX_TEXT_BYTES // 1024)
    return None


def _resolve(path: Path) -> Path:
    """The real path; a loop of links resolves to itself (inside the folder, then reported broken)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path


def _inside(root: Path, path: Path) -> bool:
    return path == root or root in path.parents


def _upload_ok(src: SourceFile, diag: Diagnostics, check_type: bool = True) -> bool:
    """A file published as it is: its type, and what a browser would run in it (``uploads``).
    False when it is refused (the errors are reported)."""
    suffix = src.rel.suffix.lower()
    problem = uploads.type_problem(suffix)
    if problem:
        diag.error(src.display, 1, _("file"), problem)
        return False
    if suffix not in uploads.DOCUMENT_SUFFIXES:
        _type_warning(src, diag, suffix, check_type)
        return True
    try:
        data = src.abs.read_bytes()
    except OSError as exc:
        diag.error(src.display, 1, _("file"), cannot_read(exc))
        return False
    problems = uploads.document_problems(data, suffix)
    for p in problems:
        diag.error(src.display, p.line, uploads.field_of(suffix), p.message)
    if not problems:  # a refused file needs no second message
        _type_warning(src, diag, suffix, check_type)
    return not problems


def _type_warning(src: SourceFile, diag: Diagnostics, suffix: str, check_type: bool) -> None:
    warning = uploads.type_warning(suffix) if check_type else None
    if warning:
        diag.warn(src.display, 1, _("file"), warning)


def cannot_read(exc: OSError) -> str:
    """The message for a file the build could not read (no permission, removed while building)."""
    return _("the file cannot be read ({reason})", reason=exc.strerror or exc)


def read_text(src: SourceFile, diag: Diagnostics, raw: bytes | None = None) -> str | None:
    """The file (or ``raw``, its bytes already read) as text: UTF-8 (a BOM is dropped), line
    endings normalised to \\n."""
    if raw is None:
        try:
            raw = src.abs.read_bytes()
        except OSError as exc:  # no permission, removed while building, ...
            diag.error(src.display, 1, _("file"), cannot_read(exc))
            return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        diag.error(src.display, line, _("encoding"), _(
            "the file is not UTF-8 text; save it again with the encoding UTF-8 (in most editors: "
            "Save as… → Encoding → UTF-8)"))
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")
