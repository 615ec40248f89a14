"""`check` beyond validation, on a copy of the minimal site with one planted problem of each sort:
every problem is reported exactly once, warnings exit 0 (1 with --strict), `--format json`.
(Broken links and images without alt text are errors of every build: tests/invalid.)"""
from __future__ import annotations

import json
from pathlib import Path
import shutil

import pytest
from test_cli import MINIMAL, run

DATE = "2026-11-25"
WORKSHOP_BODY = """\
Workshop.

Se [avsnittet](#finns-inte) och [huvudinnehållet](#main).
Läs [strategin](strategi.md#saknas) eller [kontakta oss](../index.md#contact-us).

![Ett foto från workshoppen](../bild.png)

<img src="../bild.png" alt="">

### En rubrik som hoppar över nivå 2

## Nivå 2

### Nivå 3

```
# inte en rubrik i ett kodblock
![](kod.png)
```
"""


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    workshop = content / "nyheter" / "workshop.md"
    text = workshop.read_text(encoding="utf-8")
    workshop.write_text(text.replace("Workshop.\n", WORKSHOP_BODY), encoding="utf-8")
    strategy = content / "nyheter" / "strategi.md"
    strategy.write_text(strategy.read_text(encoding="utf-8").replace(
        "status: draft\n", "status: draft\nreviewed:\n  date: 2024-01-10\n  by: Anna Andersson\n"),
        encoding="utf-8")
    with open(content / "site.yaml", "a", encoding="utf-8") as f:
        f.write("review_interval_months: 12\n")
    with open(content / "contacts.yaml", "a", encoding="utf-8") as f:
        f.write("oanvand:\n  name: Oanvänd\n  email: oanvand@example.se\n")
    with open(content / "hours.yaml", "a", encoding="utf-8") as f:
        f.write("reception:\n  title: Reception\n  week:\n    mån-fre: 09.00-15.00\n")
    return tmp_path


def _line(path: Path, needle: str) -> int:
    return next(i + 1 for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"))
                if needle in line)


def _expected(cwd: Path) -> list[str]:
    c = cwd / "content"
    w, wl = "content/nyheter/workshop.md", lambda s: _line(c / "nyheter" / "workshop.md", s)
    return sorted([
        f'{w}:{wl("#finns-inte")}: warning: body: the link "#finns-inte" points to "#finns-inte", '
        "which is not on this page; headings have no anchors, link to the page itself",
        f'{w}:{wl("#saknas")}: warning: body: the link "strategi.md#saknas" points to "#saknas", '
        "which is not on content/nyheter/strategi.md; headings have no anchors, link to the page itself",
        f"{w}:{wl('### En rubrik')}: warning: body: the heading jumps from level 1 to level 3; use ## "
        "here (screen-reader users navigate by heading levels)",
        f"content/nyheter/strategi.md:{_line(c / 'nyheter' / 'strategi.md', 'date: 2024-01-10')}: "
        "note: reviewed.date: last reviewed 2024-01-10 by Anna "
        "Andersson, more than 12 months ago; review the page and update the date",
        f"content/contacts.yaml:{_line(c / 'contacts.yaml', 'oanvand:')}: note: oanvand: this contact "
        "is not used on any page or in the footer",
        f"content/hours.yaml:{_line(c / 'hours.yaml', 'reception:')}: note: reception: these opening "
        "hours are not used on any page, by any contact or in the footer",
    ])


def test_each_planted_problem_is_reported_once(planted: Path) -> None:
    r = run("check", "--date", DATE, cwd=planted)
    assert r.returncode == 0, r.stderr  # warnings and notes do not fail
    expected = _expected(planted)
    warnings = sum(": warning: " in line for line in expected)
    pages = len(list((planted / "content").rglob("*.md"))) - 1  # utkast.md is a draft
    assert r.stderr.splitlines() == expected + [  # sorted, each once, then the closing line
        f"civicsite: no errors found in {pages} pages; {warnings} warnings (see above): fix before "
        "publishing; check --strict fails on warnings"]


def test_strict_turns_warnings_into_errors_but_not_notes(planted: Path) -> None:
    r = run("check", "--strict", "--date", DATE, cwd=planted)
    assert r.returncode == 1
    lines = [line for line in r.stderr.splitlines() if not line.startswith("civicsite:")]
    assert lines == [line.replace(": warning: ", ": ") for line in _expected(planted)]


def test_json_format(planted: Path) -> None:
    r = run("check", "--format", "json", "--date", DATE, cwd=planted)
    assert r.returncode == 0, r.stderr
    items = json.loads(r.stdout)
    assert [set(i) for i in items] == [{"path", "line", "field", "message", "level"}] * len(items)
    as_lines = [f"{i['path']}:{i['line']}: " + ("" if i["level"] == "error" else f"{i['level']}: ")
                + f"{i['field']}: {i['message']}" for i in items]
    assert as_lines == _expected(planted)
    assert {i["level"] for i in items} == {"warning", "note"}
    strict = json.loads(run("check", "--format", "json", "--strict", "--date", DATE, cwd=planted).stdout)
    assert {i["level"] for i in strict} == {"error", "note"}


def test_json_format_reports_content_errors_with_exit_1(planted: Path) -> None:
    page = planted / "content" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("date: 2024-01-15", "date: 15 jan"),
                    encoding="utf-8")
    r = run("check", "--format", "json", "--date", DATE, cwd=planted)
    assert r.returncode == 1
    errors = [i for i in json.loads(r.stdout) if i["level"] == "error"]
    assert [(e["path"], e["field"]) for e in errors] == [("content/index.md", "date")]


def test_example_sites_have_no_reader_problems() -> None:
    root = MINIMAL.parents[2]
    for site in ("content", "examples/trollhattan"):
        r = run("check", "--strict", "--content", site, "--date", DATE, cwd=root)
        assert r.returncode == 0 and "warning" not in r.stderr, r.stderr
