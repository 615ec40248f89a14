"""Plants one deliberate bug at a time in a copy of the project and reports which tests catch it.

Not part of the test suite (pytest does not collect this file): run it by hand after changing
tests or the code they guard, on a quiet machine (it runs the named test files once per bug):

    .venv/bin/python tests/mutation_check.py            # every bug
    .venv/bin/python tests/mutation_check.py phone url  # the bugs whose id contains these words

Each bug names the code it breaks and the tests expected to catch it; a bug that every one of its
tests passes is a gap in the tests ("MISSED"), and a bug whose code is no longer there is
"STALE" (update its lines). The copy lives in a temporary folder; the working tree is untouched.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Bug:
    id: str
    file: str
    old: str
    new: str
    tests: tuple[str, ...]


BUGS = [
    Bug("phone-possible-not-valid", "civicsite/contacts/reach.py",
        "phonenumbers.is_valid_number(number)", "phonenumbers.is_possible_number(number)",
        ("tests/test_phone_numbers.py", "tests/test_contacts.py")),
    Bug("render-key-ignores-front-matter", "civicsite/build/plan.py",
        'f"{rel}={parsed.front_matter}"', 'f"{rel}"',
        ("tests/test_incremental_titles.py",)),
    Bug("output-path-may-climb", "civicsite/output/write.py",
        'rel.startswith("/") or ".." in parts or', 'rel.startswith("/") or',
        ("tests/test_write.py",)),
    Bug("javascript-links-allowed", "civicsite/core/fields.py",
        'BAD_URL_SCHEMES = ("javascript:", "vbscript:", "data:")',
        'BAD_URL_SCHEMES = ("vbscript:", "data:")', ("tests/test_fields.py",)),
    Bug("slugs-keep-capitals", "civicsite/core/slugs.py",
        "lowered = name.lower()", "lowered = name", ("tests/test_slugs.py",)),
    Bug("strict-ignores-warnings", "civicsite/core/errors.py",
        "return bool(self.errors) or (strict and bool(self.warnings))",
        "return bool(self.errors)", ("tests/test_cli.py",)),
    Bug("fingerprint-ignores-bytes", "civicsite/content/fingerprint.py",
        "hashlib.sha256(data).hexdigest()[:HASH_LENGTH]", "hashlib.sha256(path.encode()).hexdigest()[:HASH_LENGTH]",
        ("tests/test_fingerprint.py",)),
    Bug("hidden-files-published", "civicsite/content/discover.py",
        'if name.startswith("."):', 'if name.startswith(".."):', ("tests/test_discover.py",)),
    Bug("expired-pages-stay", "civicsite/content/schedule.py",
        "return schedule.expiry is None or moment(schedule.expiry) > now", "return True",
        ("tests/test_schedule.py",)),
    Bug("feed-unescaped", "civicsite/render/feed.py",
        "return html.escape(value, quote=False)", "return value", ("tests/test_feed.py",)),
]


def _copy(into: Path) -> Path:
    """The project as it is now (tracked files and untracked ones git does not ignore)."""
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.split("\n")
    for rel in filter(None, files):
        source = ROOT / rel
        if source.is_file():
            target = into / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    node_modules = ROOT / "tests" / "browser" / "node_modules"
    if node_modules.is_dir():
        (into / "tests" / "browser" / "node_modules").symlink_to(node_modules)
    return into


def _pytest(copy: Path, tests: tuple[str, ...]) -> bool:
    """Whether the tests pass; `python -m pytest` from the copy puts its civicsite first."""
    return subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
                           *tests], cwd=copy, capture_output=True, text=True).returncode == 0


def check(bug: Bug, base: Path) -> tuple[str, float]:
    with tempfile.TemporaryDirectory(prefix="civicsite-mutant-") as folder:
        copy = Path(folder) / "project"
        shutil.copytree(base, copy, symlinks=True)
        target = copy / bug.file
        text = target.read_text(encoding="utf-8")
        if text.count(bug.old) != 1:
            return "STALE", 0.0
        target.write_text(text.replace(bug.old, bug.new), encoding="utf-8")
        started = time.monotonic()
        return ("MISSED" if _pytest(copy, bug.tests) else "caught"), time.monotonic() - started


def main(words: list[str]) -> int:
    bugs = [b for b in BUGS if not words or any(w in b.id for w in words)]
    with tempfile.TemporaryDirectory(prefix="civicsite-mutation-") as folder:
        base = _copy(Path(folder) / "base")
        control = tuple(sorted({t for b in bugs for t in b.tests}))
        if not _pytest(base, control):  # a bug is caught only if the tests pass without it
            print("the tests fail without any planted bug: " + " ".join(control))
            return 2
        results = []
        for bug in bugs:
            verdict, seconds = check(bug, base)
            results.append((bug, verdict))
            print(f"{verdict:7} {bug.id:34} {seconds:6.1f} s  {' '.join(bug.tests)}", flush=True)
    missed = [b.id for b, v in results if v != "caught"]
    print(f"{len(results) - len(missed)} of {len(results)} bugs caught" +
          (f"; look at: {', '.join(missed)}" if missed else ""))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
