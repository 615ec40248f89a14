"""Python-Markdown's own test suite, from the sdist of the installed version, run twice: stock,
and with civicsite's accelerations installed on every Markdown instance it makes. The
accelerated run may fail no test that the stock run passes, and must show that the
accelerations did the work (tests/markdown_suite_run.py counts their calls).

The sdist is fetched at test time with pip from the package registry and kept in pytest's cache
(or, with the cache switched off, beside pytest's temporary folders), so it is downloaded once
per version. Without the registry the test fails: it is not a test that may quietly not run.
"""
from __future__ import annotations

from importlib import metadata
import json
from pathlib import Path
import subprocess
import sys
import tarfile

import pytest

HERE = Path(__file__).resolve().parent
VERSION = metadata.version("markdown")


def _cache_folder(request, tmp_path_factory) -> Path:
    cache = getattr(request.config, "cache", None)
    if cache is not None:
        return Path(cache.mkdir("python-markdown-sdist"))
    folder = tmp_path_factory.getbasetemp().parent / "python-markdown-sdist"  # kept across runs
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def suite_root(request, tmp_path_factory) -> Path:
    """A folder holding only the sdist's ``tests/`` (so that ``import markdown`` in them is
    the installed package, not the sdist's copy)."""
    cache = _cache_folder(request, tmp_path_factory)
    root = cache / f"markdown-{VERSION}-tests"
    if (root / "tests" / "__init__.py").exists():
        return root
    sdists = sorted(cache.glob(f"[Mm]arkdown-{VERSION}.tar.gz"))
    if not sdists:
        fetched = subprocess.run(
            [sys.executable, "-m", "pip", "download", f"markdown=={VERSION}", "--no-binary",
             ":all:", "--no-deps", "--disable-pip-version-check",
             "-d", str(cache)],
            capture_output=True, text=True, timeout=300)
        sdists = sorted(cache.glob(f"[Mm]arkdown-{VERSION}.tar.gz"))
        if fetched.returncode != 0 or not sdists:
            pytest.fail(f"could not fetch the sdist of Python-Markdown {VERSION} from the package "
                        f"registry (pip download markdown=={VERSION} --no-binary :all:), which "
                        f"this test runs Python-Markdown's own tests from:\n"
                        f"{fetched.stdout[-1500:]}{fetched.stderr[-1500:]}", pytrace=False)
    partial = cache / f"markdown-{VERSION}-tests.partial"
    with tarfile.open(sdists[0]) as archive:
        top = f"{archive.getnames()[0].split('/')[0]}/tests/"
        members = [m for m in archive.getmembers() if m.name.startswith(top)]
        for member in members:
            member.name = member.name[len(top) - len("tests/"):]
        archive.extractall(partial, members=members, filter="data")
    partial.rename(root)
    return root


def _run(root: Path, mode: str, tmp_path: Path) -> dict:
    out = tmp_path / f"{mode}.json"
    done = subprocess.run([sys.executable, str(HERE / "markdown_suite_run.py"), str(root), mode,
                           str(out)], capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert out.exists(), f"the {mode} run did not finish:\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
    return json.loads(out.read_text(encoding="utf-8"))


def _failed(outcomes: dict[str, str]) -> dict[str, str]:
    return {test: outcome for test, outcome in outcomes.items()
            if outcome.startswith(("failure", "error"))}


def test_the_accelerated_converter_passes_every_test_stock_python_markdown_passes(suite_root,
                                                                               tmp_path):
    stock = _run(suite_root, "stock", tmp_path)
    fast = _run(suite_root, "fast", tmp_path)
    assert len(stock["outcomes"]) > 1000  # the whole suite ran (1141 tests in 3.11.3)
    assert fast["outcomes"].keys() == stock["outcomes"].keys()
    new = {test: outcome for test, outcome in _failed(fast["outcomes"]).items()
           if test not in _failed(stock["outcomes"])}
    assert not new, "failures with the accelerations only:\n" + "\n\n".join(
        f"{test}\n{outcome}" for test, outcome in new.items())

    counts = fast["counts"]
    # every Markdown instance of the suite got both accelerations …
    assert counts["instances"] > 500
    assert counts["inline installed"] == counts["blocks installed"] == counts["instances"]
    assert counts["pre installed"] == counts["instances"]
    # … and they did the work: block processors not asked, inline plans, linear passes
    assert counts["holds False"] > 20_000
    assert counts["_plan"] > 10_000
    assert counts["_linear_pass"] > 1_000
    assert counts["quick pre"] - counts["stock pre"] > 1_000  # texts the stock ones did not read
