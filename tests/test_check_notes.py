"""`check` notes: unused contacts and stale reviews are reported, never fail a build, and `build`
does not print them."""
from pathlib import Path
import shutil
import subprocess
import sys

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "examples" / "trollhattan"


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd,
                          capture_output=True, text=True)


def _site(tmp_path: Path) -> Path:
    shutil.copytree(SITE, tmp_path / "content")
    contacts = tmp_path / "content" / "contacts.yaml"
    contacts.write_text(contacts.read_text(encoding="utf-8")
                        + "oanvand:\n  name: Oanvänd kontakt\n  email: oanvand@example.se\n",
                        encoding="utf-8")
    return tmp_path


def test_check_notes_unused_contact_and_stale_review_without_failing(tmp_path):
    cwd = _site(tmp_path)
    line = (cwd / "content" / "contacts.yaml").read_text(encoding="utf-8").split("\n").index("oanvand:") + 1
    page = (cwd / "content" / "besokssprint" / "var-2021.md").read_text(encoding="utf-8").split("\n")
    reviewed = page.index("  date: 2021-05-27") + 1  # the note points at the date to update
    result = _run("check", "--strict", "--date", "2026-11-25", cwd=cwd)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"content/besokssprint/var-2021.md:{reviewed}: note: reviewed.date: last reviewed 2021-05-27 by JOSÅKEBEN, more "
        "than 12 months ago; review the page and update the date",
        f"content/contacts.yaml:{line}: note: oanvand: this contact is not used on any page or in "
        "the footer",
        "civicsite: no errors found in 4 pages",  # notes are not warnings: none to fix
    ]


def test_a_review_within_the_interval_gives_no_note(tmp_path):
    cwd = _site(tmp_path)
    result = _run("check", "--date", "2022-05-27", cwd=cwd)  # exactly 12 months later: not stale
    assert result.returncode == 0 and "reviewed.date" not in result.stderr


def test_build_does_not_print_notes(tmp_path):
    cwd = _site(tmp_path)
    result = _run("build", "--date", "2026-11-25", "--strict", cwd=cwd)
    assert result.returncode == 0 and "note:" not in result.stderr
