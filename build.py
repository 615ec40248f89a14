#!/usr/bin/env python3
"""Build the site: `python3 build.py [build|check|serve|new|schema] [options]` (see README.md).

Run with a Python that lacks civicsite's packages (the system's `python3`), it runs itself again
with the project's virtual environment (.venv, made by the README's set-up); without one, it
says in one sentence what to run."""
import os
from pathlib import Path
import sys

HERE = Path(__file__).resolve().parent


def _venv_python():
    for name in ("bin/python", "Scripts/python.exe"):  # POSIX, Windows
        candidate = HERE / ".venv" / name
        if candidate.is_file():
            return candidate
    return None


def _missing_packages(exc):
    venv = _venv_python()
    if venv is not None and not os.environ.get("CIVICSITE_REEXEC") and \
            Path(sys.prefix).resolve() != (HERE / ".venv").resolve():
        os.environ["CIVICSITE_REEXEC"] = "1"  # once: a broken .venv must not loop
        os.execv(str(venv), [str(venv), str(Path(__file__).resolve()), *sys.argv[1:]])
    from civicsite.core import messages  # the standard library only

    messages.set_language_from(sys.argv)
    print(messages.setup_hint(exc.name, str(HERE)), file=sys.stderr)
    sys.exit(2)


if __name__ == "__main__":
    if sys.version_info < (3, 11):
        sys.exit("civicsite: Python 3.11 eller senare behövs (Python 3.11 or later is needed).")
    try:
        from civicsite.cli import console_main
    except ModuleNotFoundError as exc:
        if exc.name is not None and exc.name.split(".")[0] == "civicsite":
            raise
        _missing_packages(exc)
    console_main()
