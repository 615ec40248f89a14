"""``python -m civicsite.editor.ci_report github|gitlab < problems.json``: the problems of
``civicsite check --format json`` as the CI shows them on the commit — GitHub Actions workflow
commands (``::error file=…,line=…::``, annotations on the changed lines) or a GitLab Code Quality
report (shown in the merge request). The messages stay as check wrote them (Swedish)."""
from __future__ import annotations

import hashlib
import json
import sys

LEVELS = {"error": ("error", "major"), "warning": ("warning", "minor"), "note": ("notice", "info")}


def _escape(text: str, prop: bool = False) -> str:
    """GitHub's escaping of a workflow command's message (and, stricter, of its properties)."""
    out = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return out.replace(":", "%3A").replace(",", "%2C") if prop else out


def github(problems: list[dict], strict: bool = True) -> str:
    lines = []
    for p in problems:
        level = LEVELS.get(p["level"], LEVELS["error"])[0]
        if strict and level == "warning":
            level = "error"  # as --strict counts it
        where = f"file={_escape(p['path'], True)},line={p['line']}"
        title = _escape(p["field"] or "civicsite", True)
        lines.append(f"::{level} {where},title={title}::{_escape(p['message'])}")
    return "\n".join(lines) + ("\n" if lines else "")


def gitlab(problems: list[dict], strict: bool = True) -> str:
    report = []
    for p in problems:
        severity = LEVELS.get(p["level"], LEVELS["error"])[1]
        if strict and severity == "minor":
            severity = "major"
        key = f"{p['path']}:{p['line']}:{p['field']}:{p['message']}"
        report.append({"description": f"{p['field']}: {p['message']}" if p["field"] else p["message"],
                       "check_name": f"civicsite-{p['level']}",
                       "fingerprint": hashlib.sha256(key.encode("utf-8")).hexdigest(),
                       "severity": severity,
                       "location": {"path": p["path"], "lines": {"begin": p["line"]}}})
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] not in ("github", "gitlab"):
        print("usage: python -m civicsite.editor.ci_report github|gitlab < problems.json",
              file=sys.stderr)
        return 2
    problems = json.load(sys.stdin)
    sys.stdout.write(github(problems) if argv[0] == "github" else gitlab(problems))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
