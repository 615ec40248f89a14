"""The benchmark's tools: the corpus is valid content and deterministic, the peers get the same
pages, the floor builds, and the measuring counts a whole process tree. Nothing is timed here."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
import subprocess
import sys

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import compare  # noqa: E402
import corpus  # noqa: E402
import floor  # noqa: E402

from civicsite.content.load import load_site  # noqa: E402
from civicsite.core.errors import Diagnostics  # noqa: E402

PAGES = 40


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    corpus.write_corpus(out, PAGES, seed=3)
    return out


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_corpus_is_valid_content_with_every_kind_and_block(generated):
    diag = Diagnostics()
    site = load_site(str(generated / "civicsite"), diag, dt.date(2026, 11, 25))
    assert site is not None, diag.report()
    assert diag.report(strict=True) == []  # no errors and no warnings
    assert len(site.pages) == PAGES + 2  # + home and accessibility statement
    assert {p.kind for p in site.pages} == {"page", "strategy", "workshop", "sprint", "accessibility"}
    bodies = [p.read_text(encoding="utf-8") for p in (generated / "civicsite").rglob("*-?????.md")]
    assert any("\n::: contact " in b for b in bodies) and any("\n::: hours " in b for b in bodies)
    assert any("\n::: participants" in b for b in bodies)
    assert sum("\n|---|" in b for b in bodies) == len(range(0, PAGES, 3))  # a table on every third
    assert any("\nimage:\n  src: \"../bilder/" in b and "\n  alt: " in b for b in bodies)


def test_corpus_is_deterministic_and_grows_by_appending(tmp_path, generated):
    corpus.write_corpus(tmp_path / "again", PAGES, seed=3)
    assert _files(tmp_path / "again" / "civicsite") == _files(generated / "civicsite")
    corpus.write_corpus(tmp_path / "double", 2 * PAGES, seed=3, tools=("civicsite",))
    double = _files(tmp_path / "double" / "civicsite")
    small = _files(generated / "civicsite")
    pages = [k for k in small if k.endswith(".md") and "-0" in k]
    assert pages and all(double[k] == small[k] for k in pages)
    corpus.write_corpus(tmp_path / "other", PAGES, seed=4, tools=("civicsite",))
    assert _files(tmp_path / "other" / "civicsite") != small


def test_peers_get_the_same_pages(generated):
    names = sorted(p.relative_to(generated / "civicsite").as_posix()
                   for p in (generated / "civicsite").rglob("*-?????.md"))
    assert len(names) == PAGES
    assert sorted(p.relative_to(generated / "hugo" / "content").as_posix()
                  for p in (generated / "hugo" / "content").rglob("*-?????.md")) == names
    assert sorted(p.relative_to(generated / "pelican" / "content").as_posix()
                  for p in (generated / "pelican" / "content").rglob("*-?????.md")) == names
    assert sorted(p.relative_to(generated / "mkdocs" / "docs").as_posix()
                  for p in (generated / "mkdocs" / "docs").rglob("*-?????.md")) == names
    # a paragraph of the body appears in every tool's version of the page, and the directives
    # became Markdown for the peers
    ours = (generated / "civicsite" / names[0]).read_text(encoding="utf-8")
    paragraph = ours.split("\n---\n", 1)[1].split("\n\n")[0]
    for peer in ("hugo/content", "pelican/content", "mkdocs/docs"):
        text = (generated / peer / names[0]).read_text(encoding="utf-8")
        assert paragraph in text and ":::" not in text and "Telefon: [0220-" in text
    assert (generated / "hugo" / "layouts" / "_default" / "single.html").exists()
    # the minimal Hugo reads the same content with its three templates
    assert "contentDir" in (generated / "hugo-minimal" / "hugo.toml").read_text(encoding="utf-8")
    assert sorted(p.name for p in (generated / "hugo-minimal" / "layouts").rglob("*.html")) == [
        "baseof.html", "list.html", "single.html"]


def test_floor_builds_every_page(generated, tmp_path):
    n = floor.build(generated / "civicsite", tmp_path / "out")
    assert n == PAGES + 2
    html = sorted(tmp_path.joinpath("out").rglob("index.html"))
    assert len(html) == n
    page = next(p for p in html if "-000" in str(p)).read_text(encoding="utf-8")
    assert "<h2>" in page and ":::" not in page


def test_measure_counts_the_whole_process_tree(tmp_path):
    # two workers each hold 60 MB at the same time and burn CPU: the peak is their sum (no
    # single process ever had it), and their CPU time is counted
    worker = ("import time; b = b'x' * 60_000_000; t = time.process_time()\n"
              "while time.process_time() - t < 0.3: pass\n"
              "time.sleep(0.6); print(time.process_time())")
    parent = (f"import subprocess, sys; ps = [subprocess.Popen([sys.executable, '-c', {worker!r}], "
              "stdout=subprocess.PIPE, text=True) for _ in range(2)]; "
              "print(sum(float(p.communicate()[0]) for p in ps))")
    m = compare.measure([sys.executable, "-c", parent], tmp_path, dict(compare.child_env()),
                        timeout=60, log=tmp_path / "log")
    assert m.returncode == 0
    workers_cpu = float(m.stderr.strip().splitlines()[-1])
    assert m.cpu >= workers_cpu >= 0.6
    assert m.peak >= 120_000_000


def test_measure_does_not_charge_the_parents_memory_to_a_small_child(tmp_path):
    # ru_maxrss of a child starts from its forking parent's RSS; the peak must be the child's own
    ballast = b"x" * 300_000_000  # noqa: F841 (held while the child runs)
    m = compare.measure([sys.executable, "-c", "import time; time.sleep(0.2)"], tmp_path,
                        compare.child_env(), timeout=60, log=tmp_path / "log")
    assert m.returncode == 0
    assert 1_000_000 < m.peak < 100_000_000


FORKED_SHARING = """
import os, time
block = bytearray(os.urandom(1 << 20)) * 120   # 120 MB, touched, then shared by two forks
children = [pid for pid in (os.fork(), os.fork()) if pid]
time.sleep(0.6)
if children:
    for pid in children:
        os.waitpid(pid, 0)
else:
    os._exit(0)
"""


def test_peak_counts_memory_shared_by_forked_processes_once(tmp_path):
    m = compare.measure([sys.executable, "-c", FORKED_SHARING], tmp_path, compare.child_env(),
                        timeout=60, log=tmp_path / "log")
    assert m.returncode == 0, m.stderr
    # four processes share the 120 MB: summed RSS counts it about four times, PSS once
    assert m.rss_sum > 400_000_000
    assert 120_000_000 < m.peak < 250_000_000


def test_measure_reports_failure_and_output(tmp_path):
    m = compare.measure([sys.executable, "-c", "import sys; print('boom'); sys.exit(3)"], tmp_path,
                        compare.child_env(), timeout=60, log=tmp_path / "log")
    assert m.returncode == 3 and "boom" in m.stderr


def _scenario(name: str, wall: float, peak: int = 100_000_000, cpu: float = 1) -> compare.Scenario:
    s = compare.Scenario(name, [], Path("."), lambda r: None, Path("."))
    s.runs = [compare.Measure(w, w * cpu, peak, 0) for w in (wall * 2, wall, wall * 0.9)]
    return s


def test_table_and_targets_are_ratios_of_medians():
    rows = [_scenario("civicsite cold", 10, 50_000_000, cpu=2),
            _scenario(compare.FULL, 12, 900_000_000),
            _scenario("civicsite warm: 1 page edited", 0.5),
            _scenario("civicsite warm: nothing changed", 0.2), _scenario(compare.HUGO, 5, 400_000_000),
            _scenario(compare.HUGO_MIN, 4, 200_000_000),
            _scenario("Pelican", 40), _scenario("MkDocs", 20), _scenario("Python floor", 25)]
    lines = compare.table(rows)
    assert lines[0].split(" | ")[3:] == ["peak MB", "RSS sum MB", "×floor", "×Hugo theme", "×Hugo min",
                                         "×Pelican", "×MkDocs", "mem ×Hugo theme", "mem ×Hugo min |"]
    cold = lines[2].split(" | ")
    assert cold[1].startswith("10.00 (9.00–20.00)")
    assert cold[5:] == ["0.40", "2.00", "2.50", "0.25", "0.50", "0.12", "0.25 |"]
    goal = "\n".join(compare.targets(rows, 100))
    assert "| cold ≤ 0.55× Python floor | 0.40× (0.80×) | yes |" in goal
    assert "| cold ≥ 2× faster than MkDocs (≤ 0.5×) | 0.50× (1.00×) | yes |" in goal
    assert "| 1 page edited ≤ 0.1× Hugo (corpus theme) | 0.10× (0.10×) | yes |" in goal
    assert "| peak memory ≤ 0.25× Hugo (corpus theme) | 0.12× | yes |" in goal
    assert "| 200 pages ≤ 2.2× the time of 100 | not measured | – |" in goal
    # issue 23's, against the minimal Hugo
    assert "| full build (with search) ≤ 1.5× Hugo (minimal) | 3.00× (3.00×) | **no** |" in goal
    assert "| full build (with search): peak memory ≤ 1 GB | 900 MB | yes |" in goal
    assert "| 1 page edited ≤ 0.1× Hugo (minimal) | 0.12× (0.12×) | **no** |" in goal


def test_compare_runs_end_to_end_without_a_traceback(tmp_path):
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "compare.py"), "--pages", "12",
                          "--runs", "1", "--only", "civicsite,warm,floor", "--workdir", str(tmp_path),
                          "--results", str(tmp_path / "RESULTS.md")],
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    text = (tmp_path / "RESULTS.md").read_text(encoding="utf-8")
    for row in ("| civicsite cold |", "| civicsite warm: 1 page edited |", "| Python floor |"):
        assert row in text
    assert "| CPU |" in text and "Traceback" not in out.stderr
