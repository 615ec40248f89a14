"""`build.py new KIND "Title"`: the file lands at the right place, `check` reports exactly its
placeholders (one error per field), and once they are filled in the page builds."""
from __future__ import annotations

from pathlib import Path
import re
import shutil

import pytest
from test_cli import MINIMAL, run

DATE = "2024-06-01"
# Per kind: where the file goes, and each placeholder's field (in file order) with a real value.
CASES = {
    "page": ("ny-sida-om-var-2025.md", [("summary", "text", "En sammanfattning.")]),
    "strategy": ("strategier/ny-sida-om-var-2025.md", [
        ("summary", "text", "En sammanfattning."), ("period.start", "a year", "2025"),
        ("period.end", 'a year, or "tills vidare"', "2029"),
        ("status", "one of draft, consultation, adopted, expired", "draft")]),
    "workshop": ("workshoppar/ny-sida-om-var-2025.md", [
        ("summary", "text", "En sammanfattning."),
        ("event.start", "a date or date and time", "2025-03-02T08:00"),
        ("event.location", "text", "Kommunhuset")]),
    "sprint": ("besokssprintar/ny-sida-om-var-2025.md", [
        ("summary", "text", "En sammanfattning."),
        ("event.start", "a date or date and time", "2025-05-18")]),
    "news": ("nyheter/ny-sida-om-var-2025.md", [("summary", "text", "En sammanfattning.")]),
    "accessibility": ("ny-sida-om-var-2025.md", [
        ("summary", "text", "En sammanfattning."), ("compliance", "one of full, partial, none", "full"),
        ("assessed.date", "a date", "2025-03-20"), ("updated", "a date", "2025-03-20"),
        ("feedback.email", "an e-mail address", "kundcenter@example.se")]),
}
PLACEHOLDER = re.compile(r'"FYLL I:[^"]*"')


@pytest.fixture
def work(tmp_path: Path) -> Path:
    shutil.copytree(MINIMAL, tmp_path / "content")
    return tmp_path


@pytest.mark.parametrize("kind", list(CASES))
def test_new_page_placeholders_are_errors_until_filled(work: Path, kind: str) -> None:
    if kind == "accessibility":  # a site has one statement: replace the minimal site's
        (work / "content" / "tillganglighet.md").unlink()
    rel, placeholders = CASES[kind]
    r = run("new", kind, "Ny sida om Vår 2025", "--content", "content", cwd=work)
    assert r.returncode == 0, r.stderr
    page = work / "content" / rel
    assert page.is_file(), r.stderr
    text = page.read_text(encoding="utf-8")
    assert text.startswith("---\n") and f"kind: {kind}" in text
    assert 'title: "Ny sida om Vår 2025"' in text

    lines = text.split("\n")
    found = [(i + 1, PLACEHOLDER.search(line).group(0)[1:-1]) for i, line in enumerate(lines)
             if PLACEHOLDER.search(line)]
    assert len(found) == len(placeholders)
    r = run("check", "--content", "content", "--date", DATE, cwd=work)
    assert r.returncode == 1
    # errors only: a draft statement leaves the site without a published one (a warning)
    errors = [line for line in r.stderr.splitlines()
              if not line.startswith("civicsite:") and ": warning: " not in line]
    assert sorted(errors) == sorted(
        f'content/{rel}:{line}: {field}: still holds the placeholder "{value}"; replace it with {what}'
        for (line, value), (field, what, _) in zip(found, placeholders))

    for (line, _), (_, _, real) in zip(found, placeholders):
        lines[line - 1] = PLACEHOLDER.sub(real, lines[line - 1])
    filled = "\n".join(lines).replace("draft: true", "draft: false", 1)
    page.write_text(filled, encoding="utf-8")
    # published with the example text of `new` still in it: one error, on its first line
    r = run("build", "--content", "content", "--output", "out", "--date", DATE, "--strict", cwd=work)
    body_line = filled.split("\n").index("Skriv sidans text här i Markdown. Stycken skiljs åt av en "
                                          "tom rad.") + 1
    assert r.returncode == 1 and [line for line in r.stderr.splitlines()
                                  if not line.startswith("civicsite:")] == [
        f"content/{rel}:{body_line}: body: this is the example text from `new`; replace it (and "
        "the example heading and lines after it) with the page's own text before the page is "
        "published"], r.stderr
    page.write_text(filled[:filled.index("Skriv sidans text här")] + "Sidans egen text.\n",
                    encoding="utf-8")
    r = run("build", "--content", "content", "--output", "out", "--date", DATE, "--strict", cwd=work)
    assert r.returncode == 0, r.stderr
    html = work / "out" / rel.replace(".md", "/index.html")
    assert "<h1>Ny sida om Vår 2025</h1>" in html.read_text(encoding="utf-8")


def test_new_refuses_to_overwrite(work: Path) -> None:
    first = run("new", "page", "Om oss", "--content", "content", cwd=work)
    assert first.returncode == 0, first.stderr
    page = work / "content" / "om-oss.md"
    page.write_text("mitt arbete", encoding="utf-8")
    again = run("new", "page", "Om oss", "--content", "content", cwd=work)
    assert again.returncode == 1
    assert "content/om-oss.md already exists; nothing was written" in again.stderr
    assert page.read_text(encoding="utf-8") == "mitt arbete"


@pytest.mark.parametrize("args", [
    pytest.param(["new", "blog", "Rubrik"], id="unknown-kind"),
    pytest.param(["new", "page", "!!!"], id="title-without-letters"),
    pytest.param(["new", "page", "Rubrik", "--content", "nowhere"], id="missing-content-folder"),
])
def test_new_usage_errors_exit_2(work: Path, args: list[str]) -> None:
    r = run(*args, cwd=work)
    assert r.returncode == 2, r.stderr
    assert len(list((work / "content").rglob("*.md"))) == len(list(MINIMAL.rglob("*.md")))


@pytest.mark.parametrize("kind", list(CASES))
def test_every_commented_example_is_a_valid_field(kind: str) -> None:
    """Uncommenting the skeleton's optional fields (and filling the placeholders) gives front
    matter the kind's JSON Schema accepts: the comments teach real field names and shapes."""
    import datetime as dt

    from test_schema import SCHEMAS, _load, _validator

    from civicsite.editor.new_page import skeleton

    front = skeleton(kind, "Titel", dt.date(2025, 1, 1)).split("\n---", 1)[0].removeprefix("---\n")
    lines = [re.sub(r"^(\s*)# ", r"\1", line) for line in front.split("\n")]
    reals = iter(real for _, _, real in CASES[kind][1])
    filled = [PLACEHOLDER.sub(lambda m: next(reals), line) for line in lines]
    data = _load("\n".join(filled))
    assert len(data) > 10  # the optional fields really were uncommented
    errors = [f"{list(e.path)}: {e.message}" for e in
              _validator(SCHEMAS[f"{kind}.schema.json"]).iter_errors(data)]
    assert errors == []
