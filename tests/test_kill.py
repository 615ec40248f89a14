"""Atomic publish under SIGKILL: a build killed at any moment leaves the previous output complete
and byte-identical (or the new output complete), and the next build removes whatever the killed
one left beside the output.

The site is made large (many pages, some megabytes of files to copy) so that a build takes long
enough to be killed in every phase; the kill points are fractions of a measured uninterrupted
build, from a seeded random generator.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
import random
import shutil
import signal
import subprocess
import sys
import time

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "sites" / "minimal"
KILLS = 24


def _site(content: Path, version: str) -> None:
    shutil.copytree(BASE, content)
    rng = random.Random(8)
    (content / "gen").mkdir()
    (content / "filer").mkdir()
    text = ("Text om företagen och kommunen. " * 30 + "\n\n") * 8
    for i in range(60):
        (content / "gen" / f"sida-{i}.md").write_text(
            f"---\ntitle: Sida {i} {version}\nsummary: Sida {i}.\n---\n{text}", encoding="utf-8")
    for i in range(50):
        (content / "filer" / f"fil-{i}.pdf").write_bytes(rng.randbytes(200_000) + version.encode())


def _snapshot(folder: Path) -> dict[str, str] | None:
    if not folder.is_dir():
        return None
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _build(cwd: Path, content: str, out: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "build.py"), "build", "--content", content,
                             "--output", out, "--date", "2024-06-01"], cwd=cwd,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _leftovers(folder: Path) -> list[str]:
    """What builds left beside the output, but the spare (the output before, kept on purpose)."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".out.civicsite-")
                  and p.name != ".out.civicsite-spare")


def test_sigkill_at_random_points_never_breaks_the_output(tmp_path: Path) -> None:
    _site(tmp_path / "v1", "v1")
    _site(tmp_path / "v2", "v2")
    for version in ("v1", "v2"):  # the two complete outputs a killed build may leave
        start = time.monotonic()
        p = _build(tmp_path, version, f"ref-{version}")
        writing = tmp_path / f".ref-{version}.civicsite-new-{p.pid}"
        while p.poll() is None and not writing.exists():
            time.sleep(0.002)
        writing_from = time.monotonic()
        assert p.wait(timeout=600) == 0, p.stderr.read()
        # how long a whole build, and its writing phase, take on this machine now
        duration, write_phase = time.monotonic() - start, time.monotonic() - writing_from
    ref1, ref2 = _snapshot(tmp_path / "ref-v1"), _snapshot(tmp_path / "ref-v2")
    assert ref1 != ref2 and len(ref1) > 100

    out = tmp_path / "out"
    rng = random.Random(20261125)
    killed_while_writing = 0
    for i in range(KILLS):
        if _snapshot(out) != ref1:
            shutil.rmtree(out, ignore_errors=True)
            shutil.copytree(tmp_path / "ref-v1", out)
        p = _build(tmp_path, "v2", "out")
        own = tmp_path / f".out.civicsite-new-{p.pid}"
        if i % 2:  # anywhere in the build
            time.sleep(duration * rng.uniform(0.05, 1.0))
        else:  # while the new output is written and swapped in
            while p.poll() is None and not own.exists():
                time.sleep(0.002)
            time.sleep(rng.uniform(0.0, write_phase))
        p.send_signal(signal.SIGKILL)
        p.wait(timeout=60)
        killed_while_writing += own.exists()
        got = _snapshot(out)
        assert got in (ref1, ref2), f"kill {i} left a broken output; beside it: {_leftovers(tmp_path)}"

    assert killed_while_writing >= 3  # the kills did reach the writing phase

    # the next build completes, and nothing of the killed builds is left beside the output
    p = _build(tmp_path, "v2", "out")
    assert p.wait(timeout=600) == 0, p.stderr.read()
    assert _snapshot(out) == ref2
    assert _leftovers(tmp_path) == []


def test_sigkill_while_the_spare_is_brought_up_to_date(tmp_path: Path) -> None:
    """With a cache, the output before the last one is kept as the spare and the next build
    updates it in place: a build killed then leaves the output as it was, and the build after
    it writes exactly what a build from scratch writes."""
    _site(tmp_path / "v1", "v1")
    _site(tmp_path / "v2", "v2")
    content = tmp_path / "content"
    shutil.copytree(tmp_path / "v1", content)
    assert _build(tmp_path, "content", "out").wait(timeout=600) == 0
    rng = random.Random(7)
    killed_while_writing = 0
    for i in range(8):
        shutil.rmtree(content, ignore_errors=True)
        shutil.copytree(tmp_path / ("v1" if i % 2 else "v2"), content)
        assert _build(tmp_path, "content", "out").wait(timeout=600) == 0
        before = _snapshot(tmp_path / "out")
        assert (tmp_path / ".out.civicsite-spare").is_dir()  # the output before this one
        shutil.rmtree(content)
        shutil.copytree(tmp_path / ("v2" if i % 2 else "v1"), content)
        p = _build(tmp_path, "content", "out")
        own = tmp_path / f".out.civicsite-new-{p.pid}"
        while p.poll() is None and not own.exists():
            time.sleep(0.002)
        time.sleep(rng.uniform(0.0, 0.4))
        p.send_signal(signal.SIGKILL)
        p.wait(timeout=60)
        killed_while_writing += own.exists()
        after = _snapshot(tmp_path / "out")
        assert after == before or after == _reference(tmp_path, content), f"kill {i}"
        assert _build(tmp_path, "content", "out").wait(timeout=600) == 0
        assert _snapshot(tmp_path / "out") == _reference(tmp_path, content), f"after kill {i}"
    assert killed_while_writing >= 3  # the kills did reach the update of the spare


def _reference(tmp_path: Path, content: Path) -> dict[str, str]:
    """A build from scratch of ``content``."""
    ref = tmp_path / "reference"
    shutil.rmtree(ref, ignore_errors=True)
    r = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content", str(content),
                        "--output", str(ref), "--no-cache", "--date", "2024-06-01"],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    return _snapshot(ref)


def test_next_build_removes_a_stale_folder_of_a_dead_build(tmp_path: Path) -> None:
    """Left by a process that no longer runs (a pid that cannot exist): removed; the previous
    output that a build killed between two renames had set aside is put back first."""
    shutil.copytree(BASE, tmp_path / "content")
    dead = 2 ** 22 + 1  # above Linux's pid_max limit
    new, old = tmp_path / f".out.civicsite-new-{dead}", tmp_path / f".out.civicsite-old-{dead}"
    new.mkdir()
    (new / "half.html").write_text("half")
    old.mkdir()
    (old / "index.html").write_text("previous")
    r = subprocess.run([sys.executable, str(ROOT / "build.py"), "check", "--content", "content"],
                       cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and new.exists()  # check writes nothing, removes nothing
    p = _build(tmp_path, "content", "out")
    assert p.wait(timeout=120) == 0
    assert _leftovers(tmp_path) == []
    assert (tmp_path / "out" / "index.html").read_text(encoding="utf-8") != "previous"


def test_a_running_build_keeps_its_folder(tmp_path: Path) -> None:
    """Two builds at once: the second does not delete the first one's temporary folder."""
    from civicsite.output.write import write_site
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        busy = tmp_path / f".out.civicsite-new-{sleeper.pid}"
        busy.mkdir()
        write_site({"index.html": "x"}, tmp_path / "out")
        assert busy.is_dir()
    finally:
        sleeper.kill()
        sleeper.wait()
    write_site({"index.html": "y"}, tmp_path / "out")
    assert not busy.exists()
