"""Step 5, the only module that writes the site: everything goes into a temporary folder beside
the output, which replaces the output only when every file was written (in one atomic exchange on
Linux). What a killed build leaves beside the output is cleaned up by the next build.

With a cache, the output replaced at the swap is kept beside the output as the *spare*, and the
next build brings the spare up to date instead of writing a new folder: only the files that
differ from what the spare holds are written (at 10,000 pages, one edited page means a few
files instead of 10,000 folders and 13,500 links). The spare is never the published folder, so
a build killed while updating it leaves the output as it was."""
from __future__ import annotations

import ctypes
from dataclasses import dataclass
import errno
import os
from pathlib import Path
import shutil
import stat
import subprocess
import sys
import time
from typing import Callable, Iterable, Mapping, Optional, Union


class Reuse:
    """An output file that is unchanged since the build that wrote the current output folder:
    it is hard-linked from there (the old folder is never modified, only replaced)."""


REUSE = Reuse()


@dataclass(frozen=True)
class Written:
    """An output file already put into the folder being written (by a worker, through
    ``Staging.put``): its size and modification time, None where the spare held it as it must
    be."""

    stat: Optional[tuple[int, int]]


# text, raw bytes, a file to copy, the previous file, or one already written
Output = Union[str, bytes, Path, Reuse, Written]


@dataclass(frozen=True)
class Spare:
    """What the cache knows of the spare folder: the render key each file was written for, and
    each file's size and modification time then (a file that differs is not trusted)."""

    keys: Mapping[str, str]
    files: Mapping[str, tuple[int, int]]


def spare_folder(output_dir: Path) -> Path:
    return output_dir.parent / f".{output_dir.name}.civicsite-spare"


def output_files(output: Path) -> Optional[dict[str, tuple[int, int]]]:
    """Every file of an output folder with its size and modification time: a build reuses the
    previous output only where it is exactly as that build left it (no file edited or added by
    hand). None when there is no output folder."""
    if not output.is_dir():
        return None
    files: dict[str, tuple[int, int]] = {}
    stack = [("", str(output))]
    while stack:
        prefix, folder = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append((prefix + entry.name + "/", entry.path))
                else:
                    st = entry.stat(follow_symlinks=False)
                    files[prefix + entry.name] = (st.st_size, st.st_mtime_ns)
    return files


class UnsafeOutputPath(ValueError):
    """An output path that would leave the output folder (a bug, never a content mistake)."""


def _target(root: Path, rel: str) -> str:
    parts = rel.split("/")
    if rel.startswith("/") or ".." in parts or not rel or "\0" in rel:
        raise UnsafeOutputPath(rel)
    parts = [p for p in parts if p not in ("", ".")]  # as PurePosixPath reads it
    if not parts:
        raise UnsafeOutputPath(rel)
    return os.path.join(root, *parts)


def _write(root: Path, previous: Path, rel: str, value: Output, made: set[str]) -> None:
    target = _target(root, rel)
    # plain strings and os calls: a large site has tens of thousands of files and folders
    folder = os.path.dirname(target)
    if folder not in made:
        os.makedirs(folder, exist_ok=True)
        made.add(folder)
    if isinstance(value, Reuse):
        link_or_copy(os.path.join(previous, *rel.split("/")), target)
    elif isinstance(value, Path):
        shutil.copyfile(value, target)
    elif isinstance(value, bytes):
        Path(target).write_bytes(value)
    else:
        Path(target).write_text(value, encoding="utf-8", newline="\n")


class Staging:
    """The folder a build writes (a new one, or the spare brought up to date), as every process
    of the build can write into it: a worker puts each page it renders straight in, so that the
    HTML of thousands of pages does not travel back to the main process to be written there."""

    def __init__(self, root: Path, previous: Path,
                 spare_files: Optional[Mapping[str, tuple[int, int]]],
                 trusted: Optional[Mapping[str, str]],
                 key_of: Optional[Callable[[str], Optional[str]]]):
        self.root, self.previous = root, previous
        self.spare_files, self.trusted, self.key_of = spare_files, trusted or {}, key_of
        self._made = {str(root)}  # folders made (by this process, or before it was forked)

    def holds(self, rel: str) -> bool:
        """Whether the spare already holds this file as it must be (nothing to write)."""
        return self.spare_files is not None and rel in self.spare_files and \
            self.key_of is not None and rel in self.trusted and \
            self.trusted[rel] == self.key_of(rel)

    def put(self, rel: str, value: Output) -> Optional[tuple[int, int]]:
        """Write one output file: its size and modification time, or None where the spare
        already holds it as it must be."""
        if self.spare_files is not None and rel in self.spare_files:
            if self.holds(rel):
                return None
            _unlink(_target(self.root, rel))  # never write into it: it may be linked to the output
        _write(self.root, self.previous, rel, value, self._made)
        return _stat(_target(self.root, rel))


def link_or_copy(source: str, target: str) -> None:
    """``target`` as a hard link to ``source`` (never written through afterwards), or a copy on
    a file system without hard links."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _discard(folder: Path, trash: Optional[Path]) -> None:
    """Remove a replaced output folder. With a ``trash`` folder it is moved there and deleted by
    a detached process: removing thousands of folders can take longer than an incremental build
    itself, and nothing waits for it (a leftover is deleted by the next build)."""
    if trash is None or not folder.exists():
        shutil.rmtree(folder, ignore_errors=True)
        return
    try:
        trash.mkdir(parents=True, exist_ok=True)
        target = trash / f"{folder.name}-{os.getpid()}-{time.monotonic_ns()}"
        os.replace(folder, target)
        subprocess.Popen(["rm", "-rf", "--", str(trash)], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
    except OSError:  # another file system, or no rm: delete it here
        shutil.rmtree(folder, ignore_errors=True)


def _clean_stale(output_dir: Path) -> None:
    """Remove what killed builds left beside the output; a previous output that a build killed
    between its two renames left aside is put back first. Folders of running builds are kept."""
    prefix = f".{output_dir.name}.civicsite-"
    for leftover in sorted(output_dir.parent.glob(prefix + "*")):
        kind, _, pid = leftover.name[len(prefix):].partition("-")
        if kind not in ("new", "old", "search") or not pid.isdigit() or not leftover.is_dir():
            continue
        if int(pid) != os.getpid() and _running(int(pid)):
            continue
        if kind == "search" and int(pid) == os.getpid():  # serve indexing meanwhile
            continue
        if kind == "old" and not output_dir.exists():
            os.replace(leftover, output_dir)
        else:
            shutil.rmtree(leftover, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2 RENAME_EXCHANGE), so that a build killed at
    any moment leaves either the old or the new output in place, never none. False where the
    system or file system cannot; the caller then uses two renames."""
    if _renameat2 is None:
        return False
    if _renameat2(-100, os.fsencode(a), -100, os.fsencode(b), 2) == 0:  # AT_FDCWD, EXCHANGE
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EPERM):
        return False
    raise OSError(err, os.strerror(err), str(b))


def replace_folder(new: Path, old: Path) -> None:
    """Put the folder ``new`` where ``old`` is, in one step where the system allows it (``new``
    then holds the replaced folder, which the caller deletes)."""
    if old.exists() and _exchange(new, old):
        return
    shutil.rmtree(old, ignore_errors=True)
    os.replace(new, old)


def _load_renameat2():
    if not sys.platform.startswith("linux"):
        return None
    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # not glibc 2.28+ / musl: no wrapper
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn


_renameat2 = _load_renameat2()


def write_site(outputs: Union[Mapping[str, Output], Iterable[tuple[str, Output]],
                              Callable[[Staging], Iterable[tuple[str, Output]]]],
               output_dir: Path, finalize: Optional[Callable[[Path], None]] = None,
               trash: Optional[Path] = None, spare: Optional[Spare] = None,
               key_of: Optional[Callable[[str], Optional[str]]] = None,
               keep_spare: bool = False,
               previous: Optional[Mapping[str, tuple[int, int]]] = None,
               remake: Optional[Callable[[str], Output]] = None) -> dict[str, tuple[int, int]]:
    """Write ``outputs`` (path inside the site → content; a mapping, or pairs as they are
    rendered, or a function of the Staging folder giving those pairs, some of them Written
    into it already) as the new ``output_dir``, atomically. ``finalize(folder)`` runs on the
    complete temporary folder before it is swapped in (the search index); if it raises, nothing
    is published. ``trash``: see ``_discard``. With ``spare`` (what the caller knows of the
    spare folder) and ``key_of`` (the render key of each output path), the spare is updated
    instead of a new folder written; with ``keep_spare`` the replaced output becomes the next
    spare. With ``previous`` (what ``output_files`` gave for the output folder when it was
    written), a file to REUSE that is no longer as written there is made again by
    ``remake(path)``. Returns what ``output_files`` gives for the new output folder."""
    output_dir = output_dir.resolve()
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    new, old = (output_dir.parent / f".{output_dir.name}.civicsite-{kind}-{os.getpid()}"
                for kind in ("new", "old"))
    spare_dir = spare_folder(output_dir)
    _clean_stale(output_dir)
    updating = spare is not None and key_of is not None
    if spare_dir.is_dir() and (not updating or not output_dir.is_dir()):
        _discard(spare_dir, trash)  # nothing says what it holds, or the output it preceded is gone
    try:
        present, trusted = _take_spare(spare_dir, new, spare) if updating else (None, None)
        if present is None:
            new.mkdir()
        staging = Staging(new, output_dir, present, trusted, key_of)
        pairs = ((rel, outputs[rel]) for rel in sorted(outputs)) if isinstance(outputs, Mapping) \
            else outputs(staging) if callable(outputs) else outputs
        manifest = _fill(staging, pairs, present, previous, remake)
        if finalize is not None:
            finalize(new)
            manifest = output_files(new) or {}  # another hand wrote too: a walk
        replaced = _swap_in(new, output_dir, old)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        if old.exists() and not output_dir.exists():
            os.replace(old, output_dir)
        raise
    if keep_spare and replaced.is_dir() and not spare_dir.exists():
        os.replace(replaced, spare_dir)
    else:
        _discard(replaced, trash)
    return manifest


def _fill(staging: Staging, pairs: Iterable[tuple[str, Output]],
          present: Optional[dict[str, tuple[int, int]]],
          previous: Optional[Mapping[str, tuple[int, int]]],
          remake: Optional[Callable[[str], Output]]) -> dict[str, tuple[int, int]]:
    """Put every output into the folder (a file to reuse that is no longer as ``previous`` says
    is made again by ``remake``); of the spare's files ``present``, those no output named are
    removed. The manifest: each file's (size, modification time) where known."""
    manifest = dict(present or {})  # the spare's files as found, then each one written
    written: set[str] = set()
    for rel, value in pairs:
        written.add(rel)
        if not isinstance(value, Written):
            if isinstance(value, Reuse) and staging.holds(rel):
                continue  # the spare's file stays: the output's copy is not read
            if isinstance(value, Reuse) and previous is not None and \
                    _stat(_target(staging.previous, rel)) != previous.get(rel):
                value = remake(rel)
            value = Written(staging.put(rel, value))
        if value.stat is not None:
            manifest[rel] = value.stat
    if present is not None:
        others = present.keys() - written
        _remove_others(staging.root, others)
        for rel in others:
            del manifest[rel]
    return manifest


def _swap_in(new: Path, output_dir: Path, old: Path) -> Path:
    """Put ``new`` where the output is: the folder that now holds the replaced output."""
    if output_dir.exists() and _exchange(new, output_dir):
        return new  # the previous output now sits where the new one was written
    if output_dir.exists():
        os.replace(output_dir, old)
    os.replace(new, output_dir)
    return old


def _take_spare(spare_dir: Path, tmp: Path, spare: Spare
                ) -> tuple[Optional[dict[str, tuple[int, int]]], Optional[dict[str, str]]]:
    """Move the spare to ``tmp``: (every file in it as ``output_files`` gives it, the render
    key of each file that is as it was written). (None, None) when there is no spare."""
    if not spare_dir.is_dir():
        return None, None
    os.replace(spare_dir, tmp)
    files = output_files(tmp) or {}
    trusted = {rel: spare.keys[rel] for rel, recorded in files.items()
               if rel in spare.keys and spare.files.get(rel) == recorded}
    return files, trusted


def _stat(path: str) -> Optional[tuple[int, int]]:
    """(size, modification time) as output_files gives them; None for no file."""
    try:
        st = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return None if stat.S_ISDIR(st.st_mode) else (st.st_size, st.st_mtime_ns)


def _remove_others(root: Path, others: Iterable[str]) -> None:
    """Delete the files ``others`` below ``root``, and folders they leave empty."""
    for rel in others:
        path = os.path.join(root, *rel.split("/"))
        _unlink(path)
        folder = os.path.dirname(path)
        while folder != str(root):
            try:
                os.rmdir(folder)
            except OSError:  # not empty
                break
            folder = os.path.dirname(folder)


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except IsADirectoryError:
        shutil.rmtree(path, ignore_errors=True)
