"""Step 5, the only module that writes: everything goes into a temporary folder beside the output,
which replaces the output only when every file was written."""
from __future__ import annotations

import os
import shutil
from pathlib import Path, PurePosixPath
from typing import Callable, Mapping, Optional, Union

Output = Union[str, bytes, Path]  # text, raw bytes, or a file to copy


class UnsafeOutputPath(ValueError):
    """An output path that would leave the output folder (a bug, never a content mistake)."""


def _target(root: Path, rel: str) -> Path:
    p = PurePosixPath(rel)
    if p.is_absolute() or ".." in p.parts or not p.parts:
        raise UnsafeOutputPath(rel)
    return root.joinpath(*p.parts)


def write_site(outputs: Mapping[str, Output], output_dir: Path,
               finalize: Optional[Callable[[Path], None]] = None) -> None:
    """Write ``outputs`` (path inside the site → content) as the new ``output_dir``, atomically.
    ``finalize(folder)`` runs on the complete temporary folder before it is swapped in (the search
    index); if it raises, nothing is published."""
    output_dir = output_dir.resolve()
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = output_dir.parent / f".{output_dir.name}.civicsite-new-{os.getpid()}"
    old = output_dir.parent / f".{output_dir.name}.civicsite-old-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    if old.is_dir() and not output_dir.exists():  # a build killed between its two renames
        os.replace(old, output_dir)
    shutil.rmtree(old, ignore_errors=True)  # else a leftover that would block the rename
    try:
        for rel in sorted(outputs):
            target = _target(tmp, rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            value = outputs[rel]
            if isinstance(value, Path):
                shutil.copyfile(value, target)
            elif isinstance(value, bytes):
                target.write_bytes(value)
            else:
                target.write_text(value, encoding="utf-8", newline="\n")
        if finalize is not None:
            finalize(tmp)
        if output_dir.exists():
            os.replace(output_dir, old)
        os.replace(tmp, output_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if old.exists() and not output_dir.exists():
            os.replace(old, output_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)
