"""Every `python3 build.py …` command in the editor's handbook and the README works exactly as
written: run by the system's `python3` (which re-runs itself with .venv) in a folder laid out like
a checkout, on a fresh copy of the example content each time. `serve` must answer its first page."""
from __future__ import annotations

import os
from pathlib import Path
import re
import shlex
import shutil
import subprocess
import sys
import time
import urllib.request

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = (ROOT / "docs" / "redaktorshandbok.md", ROOT / "README.md")
# inline `python3 build.py …` and lines of a sh block that start with it; placeholders are not
# commands (KIND, <sidtyp>, …, [options])
COMMAND = re.compile(r"`((?:[A-Z_]+=\S+ )?python3 build\.py[^`]*)`|^((?:[A-Z_]+=\S+ )?python3 build\.py.*?)(?:\s+#.*)?$",
                     re.M)
PLACEHOLDER = re.compile(r"KIND|<|…|\[|\bDIR\b|URL")
# the handbook says when a command applies; the copy is made to match
BEFORE = {"new accessibility": "tillganglighet.md"}  # "bara om" the site has no statement yet


def commands() -> list[str]:
    found = set()
    for doc in DOCS:
        for inline, block in COMMAND.findall(doc.read_text(encoding="utf-8")):
            command = (inline or block).strip()
            if not PLACEHOLDER.search(command):
                found.add(command)
    return sorted(found)


def checkout(tmp: Path) -> Path:
    """A folder laid out as a checkout: build.py copied (it finds .venv beside itself), the code
    and the virtualenv linked, the example content copied (commands write into it)."""
    project = tmp / "projekt"
    project.mkdir()
    shutil.copy2(ROOT / "build.py", project / "build.py")
    for name in ("civicsite", "templates", ".venv"):
        (project / name).symlink_to(ROOT / name)
    for name in ("content", "examples"):
        shutil.copytree(ROOT / name, project / name)
    return project


def system_python() -> str:
    """The `python3` an editor's terminal finds (not this virtualenv's)."""
    path = [p for p in os.environ.get("PATH", "").split(os.pathsep)
            if Path(p).resolve() != (ROOT / ".venv" / "bin").resolve()]
    found = shutil.which("python3", path=os.pathsep.join(path))
    return found or sys.executable


def test_the_handbook_has_its_commands():
    found = commands()
    assert "python3 build.py check --strict" in found and "python3 build.py serve" in found
    assert any(c.startswith("python3 build.py new sprint") for c in found)
    assert len(found) >= 15, found


@pytest.mark.parametrize("command", commands())
def test_command_works_as_written(command: str, tmp_path: Path) -> None:
    project = checkout(tmp_path)
    words = shlex.split(command)
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "CIVICSITE_REEXEC")}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if Path(p).resolve() != (ROOT / ".venv" / "bin").resolve())
    while "=" in words[0]:
        key, value = words.pop(0).split("=", 1)
        env[key] = value
    words[0] = system_python()
    for prefix, name in BEFORE.items():
        if command.startswith(f"python3 build.py {prefix}"):
            (project / "content" / name).unlink()
    if words[2:3] == ["serve"]:
        serve(words, project, env)
        return
    r = subprocess.run(words, cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, (command, r.stdout[-2000:], r.stderr[-4000:])
    assert "Traceback" not in r.stderr


def serve(words: list[str], project: Path, env: dict) -> None:
    """`serve` as written: it builds, names its address, and that address answers with the home
    page (built from the content folder it was given)."""
    proc = subprocess.Popen(words, cwd=project, env=env, text=True, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    try:
        seen, address = [], None
        deadline = time.monotonic() + 300
        while address is None and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            seen.append(line)
            found = re.search(r"http://127\.0\.0\.1:\d+/", line)
            address = found.group(0) if found else None
        assert address, "".join(seen)
        with urllib.request.urlopen(address, timeout=30) as response:
            assert response.status == 200
            page = response.read().decode("utf-8")
        assert page.startswith("<!DOCTYPE html>") and "<h1" in page and "</html>" in page
        assert "Traceback" not in "".join(seen)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
