"""The build cache cannot run code (issue 25): every file in it is sealed with a key kept
outside it, and a file that is damaged, crafted, sealed with another key or copied from another
project is deleted unread; the build then works from scratch, says so in one line, and writes
what a build without a cache writes.

The crafted files would create a file if they were ever unpickled or unmarshalled: the tests
check that the file never appears."""
from __future__ import annotations

import marshal
import os
from pathlib import Path
import pickle
import shutil
import stat

import pytest

from civicsite.build import sealed
from civicsite.build.sealed import MAGIC, Refused, Seal
from civicsite.cli import main

ROOT = Path(__file__).resolve().parent.parent
DATE = "2026-11-25"
PAGES = 30
NEWS = "---\ntitle: Nyhet {n}\nsummary: Kort om nyhet {n}.\ndate: 2026-01-{day:02d}\n---\nText {n}.\n"
MISS = "is damaged or was not written by this computer's builds"


class Payload:
    """A pickle that, when loaded, opens (creates) ``marker`` for writing."""

    def __init__(self, marker: Path):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(autouse=True)
def own_key(tmp_path: Path, monkeypatch) -> Path:
    """Each test has its own configuration folder, hence its own key."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv(sealed.KEY_ENV, raising=False)
    return tmp_path / "config" / "civicsite" / "cache-key"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder: content with enough pages that one edit writes a delta of parses."""
    folder = tmp_path / "project"
    shutil.copytree(ROOT / "tests" / "sites" / "minimal", folder / "content")
    for n in range(PAGES):
        (folder / "content" / "nyheter" / f"n{n}.md").write_text(
            NEWS.format(n=n, day=n % 28 + 1), encoding="utf-8")
    return folder


def build(project: Path, capsys, *extra: str) -> tuple[int, str]:
    code = main(["build", "--content", str(project / "content"), "--output",
                 str(project / "site"), "--date", DATE, "--jobs", "1", "--no-search", *extra])
    return code, capsys.readouterr().err


def edit(project: Path, n: int, text: str) -> None:
    page = project / "content" / "nyheter" / f"n{n}.md"
    page.write_text(page.read_text(encoding="utf-8") + text, encoding="utf-8")


def cold(project: Path, capsys) -> dict[str, bytes]:
    out = project.parent / "cold"
    assert main(["build", "--content", str(project / "content"), "--output", str(out), "--date",
                 DATE, "--jobs", "1", "--no-search", "--no-cache"]) == 0
    capsys.readouterr()
    return snapshot(out)


def warm(project: Path, capsys) -> Path:
    """Built, edited and built again: the cache holds every kind of file."""
    assert build(project, capsys)[0] == 0
    edit(project, 3, "\nEtt tillägg.\n")
    assert build(project, capsys)[0] == 0
    cache = project / ".civicsite-cache"
    for name in ("summary.pickle", "state.pickle", "pages.pickle", "pages-delta.pickle"):
        assert (cache / name).is_file(), name
    assert list((cache / "templates").glob("__jinja2_*.cache"))
    return cache


def jinja_payload(marker: Path) -> bytes:
    """A file as Jinja's own bytecode cache writes it (its checksum is a pickle, its code
    marshalled), with a payload in both."""
    from jinja2.bccache import bc_magic
    code = compile(f"open({str(marker)!r}, 'w')", "<poison>", "exec")
    return bc_magic + pickle.dumps(Payload(marker), 2) + marshal.dumps(code)


CACHE_FILES = ["summary.pickle", "state.pickle", "pages.pickle", "pages-delta.pickle", "templates"]


@pytest.mark.parametrize("sealed_look", [False, True], ids=["raw", "with-a-forged-seal"])
@pytest.mark.parametrize("name", CACHE_FILES)
def test_a_crafted_cache_file_runs_nothing(project: Path, capsys, name: str, sealed_look: bool):
    cache = warm(project, capsys)
    marker = project.parent / "pwned"
    if name == "templates":
        targets, data = list((cache / "templates").glob("__jinja2_*.cache")), jinja_payload(marker)
    else:
        targets, data = [cache / name], pickle.dumps((6, "code", Payload(marker)))
    if sealed_look:  # the header is right, the MAC is made up
        data = MAGIC + os.urandom(32) + data
    for target in targets:
        target.write_bytes(data)
    edit(project, 7, "\nÄndrad.\n")  # so that the build reads every level of the cache
    code, err = build(project, capsys)
    assert code == 0, err
    assert not marker.exists()
    assert [line for line in err.splitlines() if "build cache" in line] == \
        [line for line in err.splitlines() if MISS in line], err
    assert err.count(MISS) == 1, err
    assert snapshot(project / "site") == cold(project, capsys)
    for target in targets:  # deleted unread, or replaced by a sealed file of this build
        assert not target.exists() or target.read_bytes() != data
    code, err = build(project, capsys)  # the next build trusts the cache it wrote
    assert code == 0 and "nothing changed" in err and MISS not in err, err


@pytest.mark.parametrize("name", CACHE_FILES[:4])
def test_a_truncated_cache_file_is_a_miss(project: Path, capsys, name: str):
    cache = warm(project, capsys)
    path = cache / name
    path.write_bytes(path.read_bytes()[: len(MAGIC) + 40])  # e.g. a disk that filled up
    edit(project, 7, "\nÄndrad.\n")
    code, err = build(project, capsys)
    assert code == 0 and err.count(MISS) == 1, err
    assert f"({name})" in err
    assert snapshot(project / "site") == cold(project, capsys)


def test_a_truncated_template_file_is_a_miss(project: Path, capsys):
    cache = warm(project, capsys)
    for path in (cache / "templates").glob("__jinja2_*.cache"):
        path.write_bytes(path.read_bytes()[:-10])
    edit(project, 7, "\nÄndrad.\n")
    code, err = build(project, capsys)
    assert code == 0 and err.count(MISS) == 1, err
    assert snapshot(project / "site") == cold(project, capsys)


def test_a_cache_from_another_project_folder_is_a_miss(project: Path, capsys, tmp_path: Path):
    warm(project, capsys)
    moved = tmp_path / "other-project"
    shutil.copytree(project, moved, symlinks=True)
    code, err = build(moved, capsys)
    assert code == 0 and err.count(MISS) == 1 and "nothing changed" not in err, err
    assert f"built {PAGES + 5} pages" in err and "unchanged)" not in err
    assert snapshot(moved / "site") == cold(moved, capsys)


def test_a_cache_sealed_with_another_key_is_a_miss(project: Path, capsys, monkeypatch):
    warm(project, capsys)
    monkeypatch.setenv(sealed.KEY_ENV, "another key, as a CI secret would be, 0123456789")
    code, err = build(project, capsys)
    assert code == 0 and err.count(MISS) == 1 and "nothing changed" not in err, err
    code, err = build(project, capsys)
    assert code == 0 and "nothing changed" in err and MISS not in err, err


def test_an_old_unsealed_cache_is_a_miss(project: Path, capsys):
    """A cache of an earlier civicsite (plain pickles) is never read."""
    cache = warm(project, capsys)
    marker = project.parent / "pwned"
    (cache / "summary.pickle").write_bytes(pickle.dumps((4, "code", Payload(marker))))
    code, err = build(project, capsys)
    assert code == 0 and err.count(MISS) == 1 and not marker.exists(), err


def test_the_key_file_is_made_once_readable_by_its_owner_only(project: Path, capsys, own_key):
    assert build(project, capsys)[0] == 0
    mode = stat.S_IMODE(own_key.stat().st_mode)
    assert mode == 0o600 and stat.S_IMODE(own_key.parent.stat().st_mode) == 0o700
    key = own_key.read_text(encoding="ascii")
    assert len(bytes.fromhex(key.strip())) == 32
    assert sealed.cache_key() == bytes.fromhex(key.strip())  # read, not made again
    assert own_key.read_text(encoding="ascii") == key


def test_a_key_file_others_can_read_is_not_used(project: Path, capsys, own_key):
    assert build(project, capsys)[0] == 0
    own_key.chmod(0o644)
    code, err = build(project, capsys)
    assert code == 0, err
    assert "the build cache is not used: there is no key to seal it" in err and "chmod 600" in err
    assert "nothing changed" not in err


def test_a_short_secret_is_not_used(project: Path, capsys, monkeypatch):
    monkeypatch.setenv(sealed.KEY_ENV, "too short")
    code, err = build(project, capsys)
    assert code == 0 and "CIVICSITE_CACHE_KEY is shorter than 32 characters" in err, err
    assert not (project / ".civicsite-cache" / "summary.pickle").exists()


def test_the_unpickler_builds_only_civicsite_dataclasses(tmp_path: Path):
    """The second wall: even a file sealed with the right key cannot name a function."""
    import datetime as dt
    from civicsite.content.discover import SourceFile
    from pathlib import PurePosixPath
    seal = Seal(b"k" * 32, "here")
    good = tmp_path / "good"
    value = (SourceFile(PurePosixPath("a.md"), tmp_path / "a.md", "content/a.md"),
             dt.date(2026, 1, 2), frozenset({1}), {"x": [1.5, None]})
    sealed.dump(seal, good, value)
    assert sealed.load(seal, good) == value
    marker = tmp_path / "pwned"
    bad = tmp_path / "bad"
    for payload in (Payload(marker), os.system, shutil.rmtree, main, sealed.Seal):
        sealed.dump(seal, bad, payload)
        with pytest.raises(Refused):
            sealed.load(seal, bad)
    assert not marker.exists()
    assert sealed.load(seal, tmp_path / "missing") is None
    with pytest.raises(Refused):  # another place: the same bytes do not open
        sealed.load(Seal(b"k" * 32, "elsewhere"), good)


def test_concurrent_builds_agree_on_one_key(tmp_path: Path, own_key):
    """Two processes making the key at the same moment end with the same one."""
    import multiprocessing
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(4) as pool:
        keys = pool.map(_key, range(8))
    assert len(set(keys)) == 1 and own_key.is_file()
    assert not [p for p in own_key.parent.iterdir() if p.name.endswith(".tmp")]


def _key(_: int) -> bytes:
    return sealed.cache_key()


def test_links_planted_in_the_cache_are_not_followed(project: Path, capsys, tmp_path: Path):
    """The cache writes only inside itself: a link planted under the name of a file it writes
    beside (or of its templates folder) is replaced, its target left as it was."""
    cache = warm(project, capsys)
    victim = tmp_path / "victim.txt"
    victim.write_text("untouched", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for name in ("summary.pickle", "state.pickle", "pages.pickle"):
        for pid in range(os.getpid() - 5, os.getpid() + 5):
            (cache / f"{name}.{pid}.tmp").symlink_to(victim)
    shutil.rmtree(cache / "templates")
    (cache / "templates").symlink_to(elsewhere, target_is_directory=True)
    edit(project, 7, "\nÄndrad.\n")
    code, err = build(project, capsys)
    assert code == 0, err
    assert victim.read_text(encoding="utf-8") == "untouched"
    assert list(elsewhere.iterdir()) == []
    assert (cache / "templates").is_dir() and not (cache / "templates").is_symlink()
    assert snapshot(project / "site") == cold(project, capsys)

