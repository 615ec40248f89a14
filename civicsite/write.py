"""Step 5, the only module that writes the site: everything goes into a temporary folder beside
the output, which replaces the output only when every file was written."""
from __future__ import annotations

import os
import shutil
from pathlib import Path, PurePosixPath
from typing import Iterable, Mapping, Union


class Reuse:
    """An output file that is unchanged since the build that wrote the current output folder:
    it is hard-linked from there (the old folder is never modified, only replaced)."""


REUSE = Reuse()
Output = Union[str, bytes, Path, Reuse]  # text, raw bytes, a file to copy, or the previous file


class UnsafeOutputPath(ValueError):
    """An output path that would leave the output folder (a bug, never a content mistake)."""


def _target(root: Path, rel: str) -> Path:
    p = PurePosixPath(rel)
    if p.is_absolute() or ".." in p.parts or not p.parts:
        raise UnsafeOutputPath(rel)
    return root.joinpath(*p.parts)


def _write(root: Path, previous: Path, rel: str, value: Output, made: set[Path]) -> None:
    target = _target(root, rel)
    if target.parent not in made:
        target.parent.mkdir(parents=True, exist_ok=True)
        made.add(target.parent)
    if isinstance(value, Reuse):
        old = _target(previous, rel)
        try:
            os.link(old, target)
        except OSError:  # a file system without hard links
            shutil.copyfile(old, target)
    elif isinstance(value, Path):
        shutil.copyfile(value, target)
    elif isinstance(value, bytes):
        target.write_bytes(value)
    else:
        target.write_text(value, encoding="utf-8", newline="\n")


def write_site(outputs: Union[Mapping[str, Output], Iterable[tuple[str, Output]]],
               output_dir: Path) -> None:
    """Write ``outputs`` (path inside the site → content; a mapping, or pairs as they are
    rendered) as the new ``output_dir``, atomically."""
    output_dir = output_dir.resolve()
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = output_dir.parent / f".{output_dir.name}.civicsite-new-{os.getpid()}"
    old = output_dir.parent / f".{output_dir.name}.civicsite-old-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    if old.is_dir() and not output_dir.exists():  # a build killed between its two renames
        os.replace(old, output_dir)
    shutil.rmtree(old, ignore_errors=True)  # else a leftover that would block the rename
    pairs = ((rel, outputs[rel]) for rel in sorted(outputs)) if isinstance(outputs, Mapping) \
        else outputs
    try:
        tmp.mkdir()
        made = {tmp}
        for rel, value in pairs:
            _write(tmp, output_dir, rel, value, made)
        if output_dir.exists():
            os.replace(output_dir, old)
        os.replace(tmp, output_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if old.exists() and not output_dir.exists():
            os.replace(old, output_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)
