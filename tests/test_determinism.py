"""Deterministic output: the same content gives byte-identical output whatever the file-system
order, PYTHONHASHSEED, time zone, folder names or wall clock; the build date comes from --date or
SOURCE_DATE_EPOCH wherever it shows."""
from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import os
from pathlib import Path
import shutil
import subprocess
import sys

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITES = {"content": ROOT / "content", "trollhattan": ROOT / "examples" / "trollhattan",
         "kontaktcenter": ROOT / "examples" / "kontaktcenter",
         "golden": ROOT / "tests" / "sites" / "golden"}


def _copy(src: Path, dst: Path, reverse: bool) -> None:
    """A copy whose files and folders are created in sorted or reverse-sorted order (so the
    directory order that the file system returns differs between the two copies)."""
    dst.mkdir(parents=True)
    for p in sorted(src.rglob("*"), key=lambda p: p.relative_to(src).as_posix(), reverse=reverse):
        target = dst / p.relative_to(src)
        if p.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(p, target)
            os.utime(target, (1_000_000_000 if reverse else 1_700_000_000,) * 2)


def _build(cwd: Path, content: str, out: str, env: dict, *args: str) -> None:
    r = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content", content,
                        "--output", out, *args], cwd=cwd, env={**os.environ, **env},
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _diff(a: Path, b: Path) -> list[str]:
    ta, tb = _tree(a), _tree(b)
    return sorted(k for k in ta.keys() | tb.keys() if ta.get(k) != tb.get(k))


@pytest.mark.parametrize("name", sorted(SITES))
def test_two_builds_are_byte_identical(name: str, tmp_path: Path) -> None:
    _copy(SITES[name], tmp_path / "one" / "content", reverse=False)
    _copy(SITES[name], tmp_path / "two" / "innehall", reverse=True)
    _build(tmp_path / "one", "content", "site", {"PYTHONHASHSEED": "1", "TZ": "UTC"},
           "--date", "2026-11-25")
    # another hash seed, a time zone on the other side of the date line, other folder names,
    # the date given the reproducible-builds way (noon UTC on the day)
    epoch = calendar.timegm(dt.datetime(2026, 11, 25, 12).timetuple())
    _build(tmp_path / "two", "innehall", "ut", {"PYTHONHASHSEED": "4242", "TZ": "Pacific/Kiritimati",
                                                "SOURCE_DATE_EPOCH": str(epoch)})
    assert _tree(tmp_path / "one" / "site"), "nothing was built"
    assert _diff(tmp_path / "one" / "site", tmp_path / "two" / "ut") == []


def test_source_date_epoch_is_the_date_in_stockholm(tmp_path: Path) -> None:
    """23:30 UTC on 24 November is already 25 November in Stockholm, in every TZ of the machine."""
    shutil.copytree(SITES["golden"], tmp_path / "content")
    late = calendar.timegm(dt.datetime(2026, 11, 24, 23, 30).timetuple())
    _build(tmp_path, "content", "a", {"TZ": "America/Los_Angeles", "SOURCE_DATE_EPOCH": str(late)})
    _build(tmp_path, "content", "b", {"TZ": "UTC"}, "--date", "2026-11-25")
    assert _diff(tmp_path / "a", tmp_path / "b") == []


def test_the_build_date_changes_the_output_only_where_it_shows(tmp_path: Path) -> None:
    """Not a hidden clock: a build on another date differs (upcoming events, opening hours), and
    the same date gives the same bytes however long apart the two builds run."""
    shutil.copytree(SITES["content"], tmp_path / "content")
    _build(tmp_path, "content", "a", {}, "--date", "2026-11-25")
    _build(tmp_path, "content", "b", {}, "--date", "2026-11-25")
    _build(tmp_path, "content", "c", {}, "--date", "2021-01-04")
    assert _diff(tmp_path / "a", tmp_path / "b") == []
    assert _diff(tmp_path / "a", tmp_path / "c") != []
