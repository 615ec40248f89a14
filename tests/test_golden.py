"""The golden site: tests/sites/golden/ built with a fixed date and base URL must give exactly the
files in tests/golden/. After a deliberate change to the output, regenerate them with

    .venv/bin/pytest tests/test_golden.py --update-golden

and read the diff (git diff tests/golden) before committing it.
"""
from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from civicsite.cli import main

TESTS = Path(__file__).resolve().parent
CONTENT = TESTS / "sites" / "golden"
GOLDEN = TESTS / "golden"
ARGS = ["--date", "2021-05-10", "--base-url", "https://naringsliv.guldkoping.example/"]
TEXT_SUFFIXES = {".html", ".xml", ".txt", ".vcf", ".css", ".js", ".json"}


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("golden") / "site"
    assert main(["build", "--content", str(CONTENT), "--output", str(out), *ARGS]) == 0
    return out


def test_golden_site(built, request):
    got = files(built)
    if request.config.getoption("--update-golden"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(built, GOLDEN)
        pytest.skip("golden files rewritten; review `git diff tests/golden`")
    assert GOLDEN.is_dir(), "no golden files; run pytest tests/test_golden.py --update-golden"
    expected = files(GOLDEN)
    assert sorted(got) == sorted(expected), "the build made a different set of files"
    problems = []
    for name in sorted(expected):
        if got[name] == expected[name]:
            continue
        if Path(name).suffix in TEXT_SUFFIXES:
            diff = difflib.unified_diff(
                expected[name].decode("utf-8").splitlines(keepends=True),
                got[name].decode("utf-8").splitlines(keepends=True),
                f"golden/{name}", f"built/{name}", n=2)
            problems.append("".join(diff))
        else:
            problems.append(f"{name}: binary content differs")
    assert not problems, "output differs from tests/golden (run with --update-golden after " \
                         "checking the change is intended):\n" + "\n".join(problems)


def test_golden_build_is_reproducible(built, tmp_path):
    again = tmp_path / "again"
    assert main(["build", "--content", str(CONTENT), "--output", str(again), *ARGS]) == 0
    assert files(again) == files(built)


def test_golden_check_is_clean(capsys):
    """The fixture itself has no error, warning or note."""
    assert main(["check", "--content", str(CONTENT), "--strict", "--date", "2021-05-10"]) == 0
    assert capsys.readouterr().err == ""


def test_golden_facts(built):
    """Facts checked by hand, independent of the frozen bytes."""
    out = files(built)
    assert sorted(out) == [
        "404.html", "_headers", "besokssprint/besokssprint.png", "besokssprint/var-2021/index.html",
        "besokssprint/var-2021/kalender.ics", "besokssprintar/index.html", "feed.xml", "index.html", "kontakt/kundcenter.vcf",
        "kontakt/madeleine-ahlqvist.vcf", "robots.txt", "sitemap.xml", "static/open-now.js",
        "static/site.css", "strategi/index.html", "strategi/remissversion.pdf",
        "strategier/index.html", "tillganglighet/index.html",
        "workshop/workshop-2-mars/index.html", "workshoppar/index.html"]
    assert out["besokssprint/besokssprint.png"] == (CONTENT / "besokssprint" / "besokssprint.png").read_bytes()
    sprint = out["besokssprint/var-2021/index.html"].decode()
    assert '<img src="../../besokssprint/besokssprint.png" alt="Lila bakgrund, vit text: Besökssprint.">' in sprint
    assert '<span class="credit">Foto: Guldköpings kommun</span>' in sprint
    assert '<span class="caption">Besökssprinten våren 2021.</span>' in sprint
    assert "Sista anmälningsdag 12 maj 2021." in sprint
    assert "Nästa Besökssprint planeras till hösten 2021." in sprint
    assert '<span class="participant-name">Madeleine Ahlqvist</span>' in sprint
    assert '<span class="participant-name">Bo Berg</span>' in sprint
    assert sprint.count('class="participants"') == 1  # embedded by ::: participants, not repeated
    assert "Senast granskad 2021-05-27 av JOSÅKEBEN" in sprint
    assert '<a href="https://www.guldkoping.example/foretagsbesok">Företagsbesök</a>' in sprint
    assert '<a href="../../tillganglighet/">Tillgänglighetsredogörelse</a>' in sprint
    strategy = out["strategi/index.html"].decode()
    assert '<a href="../strategi/remissversion.pdf">Remissversion (PDF)</a>' in strategy
    assert "<dt>Status</dt><dd>Antagen</dd>" in strategy
    workshop = out["workshop/workshop-2-mars/index.html"].decode()
    assert "2 mars 2021 kl. 08.00</time>–<time datetime=\"2021-03-02T10:00:00\">10.00</time>" in workshop
    assert "<dd>Ett 30-tal</dd>" in workshop
    assert "— Anna Andersson, VD, Andersson AB" in workshop
    home = out["index.html"].decode()
    assert "Ett utkast" not in home and "utkast" not in " ".join(out)
    assert "1 september–31 maj (vintertid)" in home and "gäller nu" in home
    assert "Kristi himmelsfärdsdag" in home  # 13 May 2021, three days after the build date
    statement = out["tillganglighet/index.html"].decode()
    assert "https://www.digg.se/tdosanmalan" in statement
    for name, data in out.items():
        if name.endswith(".html"):
            text = data.decode()
            assert text.count("<h1>") == 1, name
            assert "tillganglighet/" in text, name  # every page links to the statement
