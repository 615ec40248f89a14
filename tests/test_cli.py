"""The command line: `python build.py [build|check] …` and the `civicsite` console script.

Exit codes: 0 ok, 1 content errors, 2 usage errors. These run the CLI in a subprocess
(``sys.executable build.py …``) on the small site in tests/sites/minimal.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
import shutil
import subprocess
import sys

import pytest

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "sites" / "minimal"
DATE = "2024-06-01"


def run(*args: str, cwd: Path, env_extra: dict | None = None,
        exe: list[str] | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(env_extra or {})
    cmd = (exe or [sys.executable, str(ROOT / "build.py")]) + list(args)
    r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env, timeout=60)
    assert "Traceback" not in r.stderr, r.stderr
    return r


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A working folder holding a copy of the minimal site as ``content/``."""
    shutil.copytree(MINIMAL, tmp_path / "content")
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ---- exit codes -----------------------------------------------------------------------------

def test_build_ok_exits_0(site: Path) -> None:
    r = run("build", "--content", "content", "--output", "out", "--date", DATE, cwd=site)
    assert r.returncode == 0, r.stderr
    assert (site / "out" / "index.html").is_file()
    assert (site / "out" / "tillganglighet" / "index.html").is_file()


def test_check_ok_exits_0(site: Path) -> None:
    r = run("check", "--content", "content", "--strict", cwd=site)
    assert r.returncode == 0, r.stderr


def test_content_error_exits_1(site: Path) -> None:
    edit(site / "content" / "index.md", "date: 2024-01-15", "date: 2024-02-30")
    r = run("build", "--content", "content", "--output", "out", "--date", DATE, cwd=site)
    assert r.returncode == 1
    assert "content/index.md:4: date: " in r.stderr
    assert not (site / "out").exists()


@pytest.mark.parametrize("args", [
    pytest.param(["build", "--content", "nowhere", "--output", "out"], id="missing-content-folder"),
    pytest.param(["check", "--content", "nowhere"], id="check-missing-content-folder"),
    pytest.param(["build", "--content", "content", "--output", "out", "--date", "2024-13-01"], id="bad-date"),
    pytest.param(["build", "--content", "content", "--output", "out", "--date", "1 juni"], id="bad-date-words"),
    pytest.param(["build", "--content", "content", "--output", "out", "--colour"], id="unknown-option"),
    pytest.param(["--output", "out", "--nonsense"], id="unknown-option-no-command"),
    pytest.param(["publish"], id="unknown-command"),
    pytest.param(["build", "--content", "content", "--output", "content"], id="output-is-content"),
    pytest.param(["build", "--content", "content", "--output", "content/"], id="output-is-content-slash"),
    pytest.param(["build", "--content", "content", "--output", "."], id="output-contains-content"),
    pytest.param(["build", "--content", "content/nyheter", "--output", "content"], id="output-contains-content-2"),
    pytest.param(["build", "--content", "content", "--output", "content/site"], id="output-inside-content"),
    pytest.param(["build", "--content", "content", "--output", "content/nyheter"], id="output-inside-content-existing"),
])
def test_usage_errors_exit_2_and_touch_nothing(args: list[str], site: Path) -> None:
    before = snapshot(site)
    r = run(*args, cwd=site)
    assert r.returncode == 2, r.stderr
    assert r.stderr.strip(), "a usage error says what is wrong"
    assert snapshot(site) == before
    assert sorted(p.name for p in site.iterdir()) == ["content"]


def test_output_that_is_a_file_exits_2(site: Path) -> None:
    (site / "out").write_text("not a folder")
    r = run("build", "--content", "content", "--output", "out", cwd=site)
    assert r.returncode == 2
    assert (site / "out").read_text() == "not a folder"


def test_help_exits_0(site: Path) -> None:
    r = run("--help", cwd=site)
    assert r.returncode == 0 and "build" in r.stdout


# ---- defaults ---------------------------------------------------------------------------------

def test_no_arguments_builds_content_into_site(site: Path) -> None:
    """`python build.py` run from a folder holding content/ builds it into site/."""
    r = run(cwd=site, env_extra={"SOURCE_DATE_EPOCH": "1717200000"})
    assert r.returncode == 0, r.stderr
    assert (site / "site" / "index.html").is_file()
    assert (site / "site" / "nyheter" / "besokssprint" / "index.html").is_file()
    # the incremental-build cache is kept beside the output, nothing else is created
    assert sorted(p.name for p in site.iterdir()) == [".civicsite-cache", "content", "site"]


def test_main_without_arguments_in_process(site: Path, monkeypatch) -> None:
    from civicsite.cli import main
    monkeypatch.chdir(site)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1717200000")
    assert main([]) == 0
    assert (site / "site" / "index.html").is_file()


def test_options_without_command_mean_build(site: Path) -> None:
    r = run("--output", "elsewhere", "--date", DATE, cwd=site)
    assert r.returncode == 0, r.stderr
    assert (site / "elsewhere" / "index.html").is_file()
    assert not (site / "site").exists()


def test_check_writes_nothing(site: Path) -> None:
    before = snapshot(site)
    r = run("check", cwd=site)
    assert r.returncode == 0, r.stderr
    assert snapshot(site) == before
    assert sorted(p.name for p in site.iterdir()) == ["content"]


def test_check_with_errors_writes_nothing(site: Path) -> None:
    edit(site / "content" / "index.md", "contacts: [kundcenter]", "contacts: [kundcentr]")
    before = snapshot(site)
    r = run("check", cwd=site)
    assert r.returncode == 1
    assert 'content/index.md:8: contacts[0]: unknown contact "kundcentr"' in r.stderr
    assert snapshot(site) == before


# ---- options ----------------------------------------------------------------------------------

def test_strict_turns_a_warning_into_exit_1(site: Path) -> None:
    edit(site / "content" / "nyheter" / "strategi.md", "status: draft", "status: draft\nxyzzy: x")
    ok = run("check", cwd=site)
    assert ok.returncode == 0
    assert "content/nyheter/strategi.md:8: warning: xyzzy: unknown field" in ok.stderr
    strict = run("check", "--strict", cwd=site)
    assert strict.returncode == 1
    assert "content/nyheter/strategi.md:8: xyzzy: unknown field" in strict.stderr
    built = run("build", "--strict", "--output", "out", "--date", DATE, cwd=site)
    assert built.returncode == 1 and not (site / "out").exists()


def test_drafts_are_published_only_with_drafts(site: Path) -> None:
    plain = run("build", "--output", "plain", "--date", DATE, cwd=site)
    drafts = run("build", "--output", "drafts", "--date", DATE, "--drafts", cwd=site)
    assert plain.returncode == drafts.returncode == 0
    assert not (site / "plain" / "nyheter" / "utkast").exists()
    assert "nyheter/utkast/" not in (site / "plain" / "sitemap.xml").read_text()
    assert (site / "drafts" / "nyheter" / "utkast" / "index.html").is_file()
    assert "nyheter/utkast/" in (site / "drafts" / "sitemap.xml").read_text()


def test_drafts_are_validated_without_drafts(site: Path) -> None:
    edit(site / "content" / "nyheter" / "utkast.md", "title: Utkast", "title: Utkast\ncontacts: [nobody]")
    r = run("build", "--output", "out", "--date", DATE, cwd=site)
    assert r.returncode == 1
    assert 'content/nyheter/utkast.md:3: contacts[0]: unknown contact "nobody"' in r.stderr


SIGNUP = 'href="https://www.example.se/anmalan"'  # the sprint's sign-up link, open until 2024-05-01


def test_date_changes_date_dependent_output(site: Path) -> None:
    run("build", "--output", "april", "--date", "2024-04-01", cwd=site)
    run("build", "--output", "june", "--date", "2024-06-01", cwd=site)
    april = (site / "april" / "nyheter" / "besokssprint" / "index.html").read_text()
    june = (site / "june" / "nyheter" / "besokssprint" / "index.html").read_text()
    assert SIGNUP in april
    assert SIGNUP not in june  # the sign-up has closed
    assert snapshot(site / "april") != snapshot(site / "june")


def test_source_date_epoch_is_the_build_date(site: Path) -> None:
    april_epoch = "1711965600"  # 2024-04-01 10:00 UTC
    run("build", "--output", "by-date", "--date", "2024-04-01", cwd=site)
    run("build", "--output", "by-epoch", cwd=site, env_extra={"SOURCE_DATE_EPOCH": april_epoch})
    run("build", "--output", "june-epoch", cwd=site, env_extra={"SOURCE_DATE_EPOCH": "1717236000"})
    assert snapshot(site / "by-epoch") == snapshot(site / "by-date")
    assert SIGNUP not in (site / "june-epoch" / "nyheter" / "besokssprint" / "index.html").read_text()
    # --date wins over SOURCE_DATE_EPOCH
    run("build", "--output", "both", "--date", "2024-04-01", cwd=site,
        env_extra={"SOURCE_DATE_EPOCH": "1717236000"})
    assert snapshot(site / "both") == snapshot(site / "by-date")


def test_base_url_option_overrides_site_yaml(site: Path) -> None:
    r = run("build", "--output", "out", "--date", DATE, "--base-url", "https://test.example.org/", cwd=site)
    assert r.returncode == 0, r.stderr
    sitemap = (site / "out" / "sitemap.xml").read_text()
    assert "https://test.example.org/" in sitemap and "naringsliv.example.se" not in sitemap


# ---- the output folder ------------------------------------------------------------------------

def test_two_builds_are_byte_identical(site: Path) -> None:
    run("build", "--output", "one", "--date", DATE, cwd=site)
    run("build", "--output", "two", "--date", DATE, cwd=site)
    one = snapshot(site / "one")
    assert one and one == snapshot(site / "two")


def test_stray_files_in_output_are_removed(site: Path) -> None:
    out = site / "out"
    run("build", "--output", "out", "--date", DATE, cwd=site)
    expected = snapshot(out)
    (out / "stray.html").write_text("old")
    (out / "gammal" / "sida").mkdir(parents=True)
    (out / "gammal" / "sida" / "index.html").write_text("old")
    (out / "index.html").write_text("edited by hand")
    r = run("build", "--output", "out", "--date", DATE, cwd=site)
    assert r.returncode == 0, r.stderr
    assert snapshot(out) == expected
    assert not (out / "gammal").exists()
    # no temporary folders left; the cache and the output before (the spare) are kept beside it
    assert sorted(p.name for p in site.iterdir()) == \
        [".civicsite-cache", ".out.civicsite-spare", "content", "out"]
    # the next build updates the spare, which holds the stray and hand-edited files: none survive
    page = next((site / "content").rglob("index.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\nEn rad till.\n", encoding="utf-8")
    assert run("build", "--output", "out", "--date", DATE, cwd=site).returncode == 0
    assert run("build", "--output", "fresh", "--no-cache", "--date", DATE, cwd=site).returncode == 0
    assert snapshot(out) == snapshot(site / "fresh")


def test_removed_page_disappears_from_output(site: Path) -> None:
    run("build", "--output", "out", "--date", DATE, cwd=site)
    assert (site / "out" / "nyheter" / "workshop" / "index.html").is_file()
    (site / "content" / "nyheter" / "workshop.md").unlink()
    run("build", "--output", "out", "--date", DATE, cwd=site)
    assert not (site / "out" / "nyheter" / "workshop").exists()


def test_failed_build_leaves_previous_output_untouched(site: Path) -> None:
    out = site / "out"
    run("build", "--output", "out", "--date", DATE, cwd=site)
    (out / "stray.txt").write_text("kept: the build failed")
    before = snapshot(out)
    edit(site / "content" / "hours.yaml", "fre: 08.00-16.00", "fre: 08.00-49.00")
    r = run("build", "--output", "out", "--date", DATE, cwd=site)
    assert r.returncode == 1
    assert snapshot(out) == before
    assert sorted(p.name for p in site.iterdir()) == [".civicsite-cache", "content", "out"]


# ---- the console script -----------------------------------------------------------------------

def _console_script() -> str:
    beside = Path(sys.executable).parent / "civicsite"
    found = str(beside) if beside.exists() else shutil.which("civicsite")
    if not found:
        pytest.fail("the civicsite console script is not installed (pip install -e .)")
    return found


def test_console_script(site: Path) -> None:
    exe = [_console_script()]
    ok = run("build", "--content", "content", "--output", "out", "--date", DATE, cwd=site, exe=exe)
    assert ok.returncode == 0, ok.stderr
    assert (site / "out" / "index.html").is_file()
    via_build_py = run("build", "--output", "ref", "--date", DATE, cwd=site)
    assert via_build_py.returncode == 0
    assert snapshot(site / "out") == snapshot(site / "ref")
    assert run("check", "--content", "nowhere", cwd=site, exe=exe).returncode == 2
    edit(site / "content" / "index.md", "::: contact anna-andersson", "::: contact nobody")
    bad = run("check", cwd=site, exe=exe)
    assert bad.returncode == 1
    assert 'content/index.md:16: ::: contact: unknown contact "nobody"' in bad.stderr


def test_search_index_is_built_unless_no_search(site: Path) -> None:
    r = run("build", "--content", "content", "--output", "out", "--date", DATE, cwd=site)
    assert r.returncode == 0, r.stderr
    assert (site / "out" / "pagefind" / "pagefind.js").is_file()
    assert list((site / "out" / "pagefind").glob("pagefind.sv_*.pf_meta"))
    assert not (site / "out" / "pagefind" / "pagefind-ui.js").exists()  # its own UI is not shipped
    r = run("build", "--content", "content", "--output", "out", "--date", DATE, "--no-search", cwd=site)
    assert r.returncode == 0, r.stderr
    assert not (site / "out" / "pagefind").exists()
    assert (site / "out" / "sok" / "index.html").is_file()  # the page is there; it says search is off


def test_a_broken_search_indexer_publishes_nothing(site: Path, tmp_path: Path) -> None:
    """A failing pagefind is one line on stderr, exit 1, and the previous site stays."""
    assert run("build", "--content", "content", "--output", "out", "--date", DATE, cwd=site).returncode == 0
    before = snapshot(site / "out")
    fake = tmp_path / "fake_pagefind"
    (fake / "pagefind").mkdir(parents=True)
    (fake / "pagefind" / "__init__.py").write_text("")
    (fake / "pagefind" / "service.py").write_text(
        "from pathlib import Path\ndef get_executable():\n    return Path('/bin/false')\n")
    # --no-cache: with the cache, nothing changed and no index would be built at all
    r = run("build", "--content", "content", "--output", "out", "--date", DATE, "--no-cache",
            cwd=site, env_extra={"PYTHONPATH": str(fake)})
    assert r.returncode == 1
    assert r.stderr.strip().startswith("civicsite: error: search index: pagefind failed (exit 1)")
    assert snapshot(site / "out") == before


# ---- the lines an editor reads --------------------------------------------------------------

def test_check_ends_with_a_success_line_or_the_count_of_problems(site: Path) -> None:
    ok = run("check", "--strict", cwd=site, env_extra={"CIVICSITE_LANG": "sv"})
    assert ok.returncode == 0
    assert ok.stderr.splitlines()[-1] == "civicsite: Inga fel hittades i 5 sidor"
    edit(site / "content" / "index.md", "date: 2024-01-15", "date: 2024-02-30")
    _warn(site)
    bad = run("check", cwd=site, env_extra={"CIVICSITE_LANG": "sv"})
    assert bad.returncode == 1
    assert bad.stderr.splitlines()[-1] == \
        "civicsite: 1 fel och 1 varning hittades; rätta och kontrollera igen"
    english = run("--lang", "en", "check", "--strict", cwd=site, env_extra={"CIVICSITE_LANG": "sv"})
    assert english.stderr.splitlines()[-1] == "civicsite: 2 errors found; fix them and check again"
    built = run("build", "--output", "out", "--date", DATE, "--lang", "sv", cwd=site)
    assert built.stderr.splitlines()[-1] == \
        "civicsite: 1 fel och 1 varning; inget publicerades, out är som förut"


def _warn(site: Path) -> None:
    """One warning: an <iframe> in a page's body (removed when published)."""
    page = site / "content" / "nyheter" / "strategi.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n<iframe src="https://example.se/"></iframe>\n',
                    encoding="utf-8")


def test_build_ends_with_what_it_built_then_its_warnings(site: Path) -> None:
    _warn(site)
    r = run("build", "--output", "out", "--date", DATE, "--no-search", cwd=site)
    assert r.returncode == 0
    lines = r.stderr.splitlines()
    assert lines[-3:-1] == ["civicsite: built 5 pages into out", "civicsite: 1 warning: the site "
                            "was built, but fix it before you publish (`build --strict` stops on "
                            "warnings):"]
    assert lines[-1].startswith("content/nyheter/strategi.md:") and "<iframe>" in lines[-1]


def test_lang_switches_every_message_the_command_line_prints(site: Path) -> None:
    swedish = run("check", "--content", "nowhere", cwd=site, env_extra={"CIVICSITE_LANG": "sv"})
    assert swedish.stderr.strip() == 'civicsite: fel: innehållsmappen "nowhere" finns inte eller ' \
        "är ingen mapp"
    english = run("check", "--content", "nowhere", "--lang", "en", cwd=site,
                  env_extra={"CIVICSITE_LANG": "sv"})
    assert english.stderr.strip() == 'civicsite: error: content folder "nowhere" does not exist ' \
        "or is not a folder"
    helped = run("serve", "--help", cwd=site, env_extra={"CIVICSITE_LANG": "sv"})
    assert "förhandsvisningen" in helped.stdout and ".civicsite-preview/site" in helped.stdout


def test_no_progress_line_when_the_output_is_not_a_terminal(site: Path) -> None:
    r = run("build", "--output", "out", "--date", DATE, cwd=site)
    assert r.returncode == 0 and "\r" not in r.stderr and "\x1b" not in r.stderr
    assert len(r.stderr.splitlines()) == 1


def test_progress_on_a_terminal_counts_pages_then_the_search_index(monkeypatch) -> None:
    import io

    from civicsite.core import progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True
    out = Terminal()
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "INTERVAL", 0.0)
    progress.enable(out)
    try:
        progress.start()
        for done in range(1, 4):
            progress.pages(done, 3)
        progress.step("Building the search index …")
        progress.clear()
    finally:
        progress.enable(io.StringIO())  # not a terminal: off again
    assert out.getvalue() == "".join(f"\rRendering pages: {n} of 3\x1b[K" for n in (1, 2, 3)) + \
        "\rBuilding the search index …\x1b[K\r\x1b[K"


def test_build_py_without_the_packages_says_what_to_run(site: Path) -> None:
    """`python3 build.py` with a Python lacking civicsite's packages (here: no site-packages, and
    told not to switch to .venv): one sentence, no traceback."""
    r = subprocess.run([sys.executable, "-S", str(ROOT / "build.py"), "check"], cwd=site,
                       capture_output=True, text=True, timeout=60,
                       env={**os.environ, "CIVICSITE_REEXEC": "1", "CIVICSITE_LANG": "sv"})
    assert r.returncode == 2 and "Traceback" not in r.stderr
    [line] = r.stderr.splitlines()
    assert line.startswith("civicsite: den här Python saknar civicsites paket (")
    assert line.endswith("`python3 -m venv .venv && .venv/bin/pip install -e .` och kör sedan "
                         "kommandot igen")


def test_argparse_complaints_are_one_line_in_the_editors_language(site: Path) -> None:
    r = run("publiser", cwd=site, env_extra={"CIVICSITE_LANG": "sv"})
    assert r.returncode == 2
    assert r.stderr.splitlines() == [
        'civicsite: fel: "publiser" finns inte bland valen för kommandot: build, check, serve, '
        'new, schema',
        "civicsite: `python3 build.py --help` visar kommandona och deras val"]
    r = run("new", "sprnt", "Höst", cwd=site)
    assert r.returncode == 2 and r.stderr.splitlines()[0] == \
        'civicsite: error: "sprnt" is not one of the choices for the page kind: page, strategy, ' \
        'workshop, sprint, accessibility, news (did you mean "sprint"?)'
    r = run("serve", "--port", "åtta", cwd=site)
    assert r.returncode == 2 and r.stderr.splitlines()[0] == \
        'civicsite: error: --port: "åtta" is not a whole number'
