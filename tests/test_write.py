"""civicsite.write: the output folder is replaced atomically, and only on success."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from civicsite.output import write as W
from civicsite.output.write import UnsafeOutputPath, write_site


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def siblings(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


def test_writes_text_bytes_and_copies(tmp_path):
    src = tmp_path / "bild.png"
    src.write_bytes(b"\x89PNG\r\n\x1a\n")
    out = tmp_path / "site"
    write_site({"index.html": "<p>Hej å</p>\n", "a/b/c.txt": b"\x00\x01", "bilder/bild.png": src},
               out)
    assert snapshot(out) == {"a/b/c.txt": b"\x00\x01", "bilder/bild.png": b"\x89PNG\r\n\x1a\n",
                             "index.html": "<p>Hej å</p>\n".encode("utf-8")}


def test_text_is_written_with_unix_newlines(tmp_path):
    write_site({"a.txt": "x\ny\n"}, tmp_path / "site")
    assert (tmp_path / "site" / "a.txt").read_bytes() == b"x\ny\n"


def test_stray_files_removed(tmp_path):
    out = tmp_path / "site"
    (out / "gammal").mkdir(parents=True)
    (out / "gammal" / "sida.html").write_text("old")
    (out / "index.html").write_text("old")
    write_site({"index.html": "new"}, out)
    assert snapshot(out) == {"index.html": b"new"}
    assert not (out / "gammal").exists()
    assert siblings(out) == ["site"]


def test_missing_parent_is_created(tmp_path):
    write_site({"x.txt": "x"}, tmp_path / "deep" / "er" / "site")
    assert (tmp_path / "deep" / "er" / "site" / "x.txt").read_text() == "x"


def test_failure_midway_leaves_previous_output_untouched(tmp_path, monkeypatch):
    out = tmp_path / "site"
    write_site({"index.html": "version 1", "a/b.html": "b1", "c.bin": b"\x01"}, out)
    before = snapshot(out)
    real = Path.write_text
    calls = []

    def failing(self, *args, **kwargs):
        calls.append(self.name)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", failing)
    with pytest.raises(OSError):
        write_site({"index.html": "version 2", "a/b.html": "b2", "x.html": "x"}, out)
    assert len(calls) == 2
    assert snapshot(out) == before
    assert siblings(out) == ["site"]  # no temporary or old folder left


def test_failure_on_copy_leaves_previous_output(tmp_path, monkeypatch):
    out = tmp_path / "site"
    write_site({"index.html": "v1"}, out)
    monkeypatch.setattr(W.shutil, "copyfile",
                        lambda *a, **k: (_ for _ in ()).throw(OSError(5, "I/O error")))
    with pytest.raises(OSError):
        write_site({"index.html": "v2", "bild.png": tmp_path / "saknas.png"}, out)
    assert snapshot(out) == {"index.html": b"v1"}
    assert siblings(out) == ["site"]


def test_failure_when_swapping_in_restores_old(tmp_path, monkeypatch):
    out = tmp_path / "site"
    write_site({"index.html": "v1"}, out)
    real = os.replace
    calls = []

    def replace(a, b):
        calls.append((Path(a).name, Path(b).name))
        if len(calls) == 2:  # the second replace moves the new folder into place
            raise OSError(13, "Permission denied")
        return real(a, b)

    monkeypatch.setattr(W.os, "replace", replace)
    monkeypatch.setattr(W, "_exchange", lambda a, b: False)  # the two-rename fallback
    with pytest.raises(OSError):
        write_site({"index.html": "v2"}, out)
    monkeypatch.setattr(W.os, "replace", real)
    assert snapshot(out) == {"index.html": b"v1"}
    assert siblings(out) == ["site"]


def test_failure_without_previous_output_leaves_nothing(tmp_path, monkeypatch):
    def boom(self, *a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", boom)
    with pytest.raises(OSError):
        write_site({"a.txt": "fine", "b.bin": b"x"}, tmp_path / "site")
    assert list(tmp_path.iterdir()) == []


def test_stale_folders_from_a_killed_build_do_not_block(tmp_path):
    out = tmp_path / "site"
    write_site({"index.html": "v1"}, out)
    pid = os.getpid()
    for name in (f".site.civicsite-new-{pid}", f".site.civicsite-old-{pid}"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "stale.html").write_text("stale")
    write_site({"index.html": "v2"}, out)
    assert snapshot(out) == {"index.html": b"v2"}
    assert siblings(out) == ["site"]


@pytest.mark.parametrize("rel", ["../x", "a/../../x", "/etc/passwd", "", "a/../b"])
def test_unsafe_paths_rejected(tmp_path, rel):
    out = tmp_path / "site"
    write_site({"index.html": "v1"}, out)
    with pytest.raises(UnsafeOutputPath):
        write_site({"index.html": "v2", rel: "evil"}, out)
    assert snapshot(out) == {"index.html": b"v1"}
    assert siblings(out) == ["site"]
    assert not (tmp_path / "x").exists()


def test_output_of_a_build_killed_between_renames_is_recovered(tmp_path, monkeypatch):
    out = tmp_path / "site"
    old = tmp_path / f".site.civicsite-old-{os.getpid()}"
    old.mkdir()
    (old / "index.html").write_text("previous")

    def boom(self, *a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_text", boom)
    with pytest.raises(OSError):
        write_site({"index.html": "new"}, out)
    assert snapshot(out) == {"index.html": b"previous"}
    assert siblings(out) == ["site"]


def test_finalize_sees_the_complete_new_folder_before_the_swap(tmp_path):
    out = tmp_path / "site"
    write_site({"index.html": "v1"}, out)
    seen = {}

    def finalize(folder: Path):
        seen["files"] = snapshot(folder)
        seen["published"] = snapshot(out)   # the old site is still in place
        (folder / "extra.txt").write_text("index")

    write_site({"index.html": "v2", "a/b.html": "b"}, out, finalize)
    assert seen == {"files": {"a/b.html": b"b", "index.html": b"v2"}, "published": {"index.html": b"v1"}}
    assert snapshot(out) == {"a/b.html": b"b", "extra.txt": b"index", "index.html": b"v2"}


def test_failing_finalize_publishes_nothing(tmp_path):
    out = tmp_path / "site"
    write_site({"index.html": "v1"}, out)

    def finalize(folder: Path):
        raise RuntimeError("indexer crashed")

    with pytest.raises(RuntimeError):
        write_site({"index.html": "v2"}, out, finalize)
    assert snapshot(out) == {"index.html": b"v1"}
    assert siblings(out) == ["site"]


# ---- the spare: the output before the last, brought up to date in place ----------------------

def _build(tmp_path, outputs: dict, keys: dict, spare=None) -> dict:
    """Write ``outputs`` with the spare path on; the manifest of the output it replaced (which
    is now the spare). What write_site says it published is checked against a walk of it."""
    from civicsite.output.write import output_files, write_site
    out = tmp_path / "out"
    replaced = output_files(out) or {}
    published = write_site(outputs, out, spare=spare, key_of=keys.get, keep_spare=True)
    assert published == output_files(out) and set(published) == set(outputs)
    return replaced


def test_the_spare_is_updated_in_place_and_holds_exactly_the_new_files(tmp_path):
    from civicsite.output.write import REUSE, Spare, spare_folder
    out = tmp_path / "out"
    k1 = {"a/index.html": "a1", "b/index.html": "b1", "c/index.html": "c1"}
    _build(tmp_path, {"a/index.html": "A1", "b/index.html": "B1", "c/index.html": "C1"}, k1)
    assert not spare_folder(out).exists()  # nothing was replaced
    k2 = {"a/index.html": "a1", "b/index.html": "b2", "d/index.html": "d2"}
    v1_files = _build(tmp_path, {"a/index.html": REUSE, "b/index.html": "B2", "d/index.html": "D2"}, k2)
    assert (spare_folder(out) / "c" / "index.html").read_text() == "C1"  # v1, kept as the spare
    (spare_folder(out) / "extra.txt").write_text("left by hand")
    a_inode = (spare_folder(out) / "a" / "index.html").stat().st_ino
    k3 = {"a/index.html": "a1", "b/index.html": "b2", "e/index.html": "e3"}
    _build(tmp_path, {"a/index.html": REUSE, "b/index.html": REUSE, "e/index.html": "E3"}, k3,
           Spare(k1, v1_files))
    files = {p.relative_to(out).as_posix() + ("/" if p.is_dir() else "") for p in out.rglob("*")}
    assert files == {"a/", "a/index.html", "b/", "b/index.html", "e/", "e/index.html"}
    assert (out / "a" / "index.html").stat().st_ino == a_inode  # the spare's, not written again
    assert (out / "b" / "index.html").read_text() == "B2"
    assert (out / "e" / "index.html").read_text() == "E3"
    assert (spare_folder(out) / "d" / "index.html").read_text() == "D2"  # v2, untouched


def test_a_spare_file_changed_by_hand_is_written_again_never_through(tmp_path):
    from civicsite.output.write import REUSE, Spare, spare_folder
    out = tmp_path / "out"
    keys = {"p/index.html": "k"}
    _build(tmp_path, {"p/index.html": "same"}, keys)
    first = _build(tmp_path, {"p/index.html": REUSE}, keys)  # the spare and output share a file
    shared = spare_folder(out) / "p" / "index.html"
    assert shared.stat().st_ino == (out / "p" / "index.html").stat().st_ino
    _build(tmp_path, {"p/index.html": "new"}, {"p/index.html": "k2"}, Spare(keys, first))
    assert (out / "p" / "index.html").read_text() == "new"
    assert (spare_folder(out) / "p" / "index.html").read_text() == "same"  # not written through
    # a spare file that no longer is as it was written is not trusted, even with its key
    spare_file = spare_folder(out) / "p" / "index.html"
    second = {"p/index.html": (spare_file.stat().st_size, spare_file.stat().st_mtime_ns)}
    spare_file.write_text("edited by hand!")
    _build(tmp_path, {"p/index.html": "same"}, keys, Spare(keys, second))
    assert (out / "p" / "index.html").read_text() == "same"


# ---- workers write into the folder themselves ---------------------------------------------------

def _put(staging, i: int):
    """What a build's worker does with a page it rendered (in a forked process)."""
    from civicsite.output.write import Written
    rel = f"p{i}/index.html"
    return rel, Written(staging.put(rel, f"page {i}"))


def _through_workers(out, keys=None, spare=None) -> dict:
    from civicsite.core.parallel import MIN_ITEMS, process_map
    from civicsite.output.write import output_files, write_site

    def outputs(staging):
        yield "index.html", "home"
        yield from process_map(_put, staging, range(MIN_ITEMS + 2), jobs=2, ordered=False)
    replaced = output_files(out) or {}
    published = write_site(outputs, out, spare=spare, key_of=keys.get if keys else None,
                           keep_spare=keys is not None)
    assert published == output_files(out)  # the sizes the workers reported, as a walk sees them
    assert len(published) == MIN_ITEMS + 3
    assert (out / "p3" / "index.html").read_text() == "page 3"
    return replaced


def test_pages_written_by_worker_processes_are_published_and_in_the_manifest(tmp_path):
    _through_workers(tmp_path / "out")


def test_a_worker_leaves_a_spare_file_that_is_as_it_must_be(tmp_path):
    from civicsite.output.write import Spare, spare_folder
    out = tmp_path / "out"
    keys = {f"p{i}/index.html": f"k{i}" for i in range(100)} | {"index.html": "home"}
    _through_workers(out, keys)
    first = _through_workers(out, keys)  # the first output is now the spare
    kept = spare_folder(out) / "p3" / "index.html"
    inode = kept.stat().st_ino
    _through_workers(out, keys, Spare(keys, first))
    assert (out / "p3" / "index.html").stat().st_ino == inode  # not written again
