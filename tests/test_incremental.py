"""Incremental builds: after any sequence of edits, a build that reuses the cache writes exactly
the bytes a build from scratch writes (and reports the same problems). Parallel rendering is
exercised on the way: the incremental builds use two processes, the cold builds one."""
from __future__ import annotations

import os
from pathlib import Path
import random
import shutil

import pytest

from civicsite.cli import main
from civicsite.core.parallel import MIN_ITEMS

ROOT = Path(__file__).resolve().parent.parent
DATE = "2026-11-25"
EXTRA_PAGES = MIN_ITEMS + 12  # enough pages for the process pool to be used

NEWS = """---
title: Nyhet {n}
summary: Kort om nyhet {n}.
date: 2026-{month:02d}-{day:02d}
tags: [nyhet]
contacts: [{contact}]
---
## Vad hände

Text om nyhet {n}. Läs mer i [strategin](../naringslivsstrategi/index.md).

::: hours kundcenter
"""


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file's bytes, and every folder (an empty one left behind would differ)."""
    return {p.relative_to(folder).as_posix() + ("/" if p.is_dir() else ""):
            p.read_bytes() if p.is_file() else b"" for p in sorted(folder.rglob("*"))}


def build(content: Path, out: Path, capsys, *extra: str) -> tuple[int, str]:
    code = main(["build", "--content", str(content), "--output", str(out), "--date", DATE, *extra])
    return code, capsys.readouterr().err


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "content", folder)
    for n in range(EXTRA_PAGES):
        page = folder / "nyheter" / f"nyhet-{n:03d}.md"
        page.parent.mkdir(exist_ok=True)
        page.write_text(NEWS.format(n=n, month=n % 12 + 1, day=n % 28 + 1, contact="kundcenter"),
                        encoding="utf-8")
    return folder


@pytest.fixture
def templates(tmp_path: Path, monkeypatch) -> Path:
    """A copy of the theme that the build uses (and whose changes its cache sees), to edit."""
    from civicsite.core import paths
    folder = tmp_path / "templates"
    shutil.copytree(paths.TEMPLATES, folder)
    monkeypatch.setattr(paths, "TEMPLATES", folder)  # the Jinja environment reads it when made
    return folder


def _pages(content: Path) -> list[Path]:
    return sorted(content.glob("nyheter/*.md"))


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_body(r: random.Random, content: Path) -> None:
    page = r.choice(_pages(content))
    page.write_text(page.read_text(encoding="utf-8") + f"\nEn mening till ({r.random()}).\n",
                    encoding="utf-8")


def edit_title(r: random.Random, content: Path) -> None:
    page = r.choice(_pages(content))
    text = page.read_text(encoding="utf-8")
    old = next(line for line in text.split("\n") if line.startswith("title:"))
    _replace(page, old, f"title: Ny rubrik {r.randrange(10**6)}")


def edit_contact(r: random.Random, content: Path) -> None:
    text = (content / "contacts.yaml").read_text(encoding="utf-8")
    line = next(l for l in text.split("\n") if l.strip().startswith("title:"))
    _replace(content / "contacts.yaml", line, line.split("title:")[0] + f"title: Rådgivare {r.randrange(99)}")


def edit_hours(r: random.Random, content: Path) -> None:
    text = (content / "hours.yaml").read_text(encoding="utf-8")
    old = "fre: 08.00-15.00" if "fre: 08.00-15.00" in text else "fre: 08.00-14.00"
    new = "fre: 08.00-14.00" if old.endswith("15.00") else "fre: 08.00-15.00"
    _replace(content / "hours.yaml", old, new)


def edit_site(r: random.Random, content: Path) -> None:
    text = (content / "site.yaml").read_text(encoding="utf-8")
    old = next(l for l in text.split("\n") if l.startswith("title:"))
    _replace(content / "site.yaml", old, f"title: Näringsliv {r.randrange(1000)}")


def delete_page(r: random.Random, content: Path) -> None:
    pages = _pages(content)
    if len(pages) > 2:
        r.choice(pages).unlink()


def rename_page(r: random.Random, content: Path) -> None:
    page = r.choice(_pages(content))
    page.rename(page.with_name(f"flyttad-{r.randrange(10**6)}.md"))


def add_page(r: random.Random, content: Path) -> None:
    n = r.randrange(1000, 10**6)
    (content / "nyheter" / f"ny-{n}.md").write_text(
        NEWS.format(n=n, month=1, day=2, contact="kundcenter"), encoding="utf-8")


def toggle_draft(r: random.Random, content: Path) -> None:
    page = r.choice(_pages(content))
    text = page.read_text(encoding="utf-8")
    if "draft: true\n" in text:
        _replace(page, "draft: true\n", "")
    else:
        _replace(page, "---\n", "---\ndraft: true\n")


def edit_template(r: random.Random, content: Path) -> None:
    """The ``templates`` fixture's copy of the theme, beside the content folder."""
    base = content.parent / "templates" / "base.html"
    text = base.read_text(encoding="utf-8")
    mark = "<!-- mall -->"
    base.write_text(text.replace(mark, "") if mark in text else text.replace("</body>", mark + "</body>"),
                    encoding="utf-8")


def edit_image(r: random.Random, content: Path) -> None:
    image = next(content.rglob("*.png"))
    image.write_bytes(image.read_bytes() + bytes([r.randrange(256)]))


def touch_only(r: random.Random, content: Path) -> None:
    page = r.choice(_pages(content))
    os.utime(page, ns=(page.stat().st_atime_ns, page.stat().st_mtime_ns + 10**9))


def break_and_fix(r: random.Random, content: Path) -> None:
    """A broken edit (the build fails) — the next edit in the sequence builds on it."""
    page = r.choice(_pages(content))
    text = page.read_text(encoding="utf-8")
    if "contacts: [kundcenter]" in text:
        _replace(page, "contacts: [kundcenter]", "contacts: [kundcentre]")


def fix_all(content: Path) -> None:
    for page in _pages(content):
        text = page.read_text(encoding="utf-8")
        if "kundcentre" in text:
            page.write_text(text.replace("kundcentre", "kundcenter"), encoding="utf-8")


EDITS = [edit_body, edit_body, edit_body, edit_title, edit_contact, edit_hours, edit_site,
         delete_page, rename_page, add_page, toggle_draft, edit_template, edit_image, touch_only,
         break_and_fix]


@pytest.mark.parametrize("seed", range(int(os.environ.get("CIVICSITE_EDIT_SEEDS", "6"))))
def test_random_edits_give_the_bytes_of_a_cold_build(content: Path, templates: Path, tmp_path: Path,
                                                     capsys, seed: int) -> None:
    r = random.Random(seed)
    incremental, cold = tmp_path / "inc" / "site", tmp_path / "cold" / "site"
    code, _ = build(content, incremental, capsys, "--jobs", "2")
    assert code == 0
    history: list[str] = []
    for step in range(12):
        edit = r.choice(EDITS)
        edit(r, content)
        if edit is not break_and_fix and r.random() < 0.5:
            fix_all(content)
        history.append(edit.__name__)
        code_inc, err_inc = build(content, incremental, capsys, "--jobs", "2")
        shutil.rmtree(cold.parent, ignore_errors=True)
        code_cold, err_cold = build(content, cold, capsys, "--no-cache", "--jobs", "1")
        assert code_inc == code_cold, (history, err_inc, err_cold)
        if code_cold == 0:
            assert snapshot(incremental) == snapshot(cold), history
        else:
            # the same problems, and the incremental output is the last good one, untouched
            assert err_inc.split("civicsite:")[0] == err_cold.split("civicsite:")[0], history


def test_nothing_changed_does_nothing_and_repeats_the_warnings(content: Path, tmp_path: Path,
                                                                capsys) -> None:
    (content / "nyheter" / "nyhet-000.md").write_text(
        NEWS.format(n=0, month=1, day=1, contact="kundcenter")
        + '\n<iframe src="https://example.se/film"></iframe>\n',  # removed when published: a warning
        encoding="utf-8")
    out = tmp_path / "site"
    code, first = build(content, out, capsys)
    assert code == 0 and "<iframe> is removed" in first
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    code, second = build(content, out, capsys)
    assert code == 0 and "nothing changed" in second
    assert second.split("civicsite:")[0] == first.split("civicsite:")[0]  # same warning again
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before   # nothing rewritten
    code, strict = build(content, out, capsys, "--strict")
    assert code == 1 and "<iframe> is removed" in strict


def test_one_body_edit_renders_one_page(content: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "site"
    build(content, out, capsys)
    feed = (out / "feed.xml").stat().st_ino
    page = content / "nyheter" / "nyhet-007.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nTillägg.\n", encoding="utf-8")
    code, err = build(content, out, capsys)
    assert code == 0
    total = len(list(content.rglob("*.md")))
    assert f"built {total} pages into {out} (1 rendered, {total - 1} unchanged)" in err
    assert "Tillägg." in (out / "nyheter" / "nyhet-007" / "index.html").read_text(encoding="utf-8")
    # listings, feed and the other site-wide files show no body: reused (hard-linked), not remade
    assert (out / "feed.xml").stat().st_ino == feed


def test_hand_edited_output_is_rebuilt(content: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "site"
    build(content, out, capsys)
    expected = snapshot(out)
    (out / "index.html").write_text("ändrad för hand", encoding="utf-8")
    (out / "extra.html").write_text("lämnad kvar", encoding="utf-8")
    code, err = build(content, out, capsys)
    assert code == 0 and "nothing changed" not in err
    assert snapshot(out) == expected


def test_damaged_cache_is_ignored(content: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "site"
    build(content, out, capsys)
    expected = snapshot(out)
    state = tmp_path / ".civicsite-cache" / "state.pickle"
    assert state.is_file()
    state.write_bytes(state.read_bytes()[:100])  # e.g. a disk that filled up
    page = content / "nyheter" / "nyhet-003.md"
    page.write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    code, err = build(content, out, capsys)
    assert code == 0, err
    assert snapshot(out) == expected


def test_cache_option_and_no_cache(content: Path, tmp_path: Path, capsys) -> None:
    out, cache = tmp_path / "site", tmp_path / "ci-cache"
    assert build(content, out, capsys, "--cache", str(cache))[0] == 0
    assert (cache / "state.pickle").is_file()
    assert not (tmp_path / ".civicsite-cache").exists()
    assert "nothing changed" in build(content, out, capsys, "--cache", str(cache))[1]
    assert "nothing changed" not in build(content, out, capsys, "--no-cache")[1]
    code, err = build(content, out, capsys, "--cache", str(content / "cache"))
    assert code == 2 and "may not be inside the content folder" in err


def test_a_few_changed_pages_write_only_the_delta_of_the_parses(content: Path, tmp_path: Path,
                                                                capsys) -> None:
    out, cache = tmp_path / "site", tmp_path / ".civicsite-cache"
    build(content, out, capsys)
    base = (cache / "pages.pickle").stat()
    page = content / "nyheter" / "nyhet-005.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEtt tillägg.\n", encoding="utf-8")
    assert build(content, out, capsys)[0] == 0
    assert (cache / "pages.pickle").stat().st_mtime_ns == base.st_mtime_ns  # not written again
    assert (cache / "pages-delta.pickle").is_file()
    # the next build reads the base and the delta: the edited page is not parsed again
    page.write_text(page.read_text(encoding="utf-8") + "\nOch ett till.\n", encoding="utf-8")
    assert build(content, out, capsys)[0] == 0
    assert "Och ett till." in (out / "nyheter" / "nyhet-005" / "index.html").read_text(encoding="utf-8")
    assert (cache / "pages.pickle").stat().st_mtime_ns == base.st_mtime_ns  # base + delta were read
    # many changed pages: the whole file is written again
    for path in _pages(content)[:20]:
        path.write_text(path.read_text(encoding="utf-8") + "\nÄndrad.\n", encoding="utf-8")
    assert build(content, out, capsys)[0] == 0
    assert (cache / "pages.pickle").stat().st_mtime_ns != base.st_mtime_ns


def test_a_delta_that_does_not_belong_to_the_parses_is_not_used(content: Path, tmp_path: Path,
                                                                capsys) -> None:
    out, cache = tmp_path / "site", tmp_path / ".civicsite-cache"
    build(content, out, capsys)
    page = content / "nyheter" / "nyhet-009.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nFörsta.\n", encoding="utf-8")
    build(content, out, capsys)
    stale = (cache / "pages-delta.pickle").read_bytes()
    page.write_text(page.read_text(encoding="utf-8") + "\nAndra.\n", encoding="utf-8")
    build(content, out, capsys)
    (cache / "pages-delta.pickle").write_bytes(stale)  # e.g. restored from an older CI cache
    base = (cache / "pages.pickle").stat().st_mtime_ns
    page.write_text(page.read_text(encoding="utf-8") + "\nTredje.\n", encoding="utf-8")
    code, err = build(content, out, capsys)
    assert code == 0, err
    # no parse was taken from the mismatched files: all were parsed, and saved whole
    assert (cache / "pages.pickle").stat().st_mtime_ns != base
    cold = tmp_path / "cold"
    assert build(content, cold, capsys, "--no-cache")[0] == 0
    assert snapshot(out) == snapshot(cold)


def test_a_file_unchanged_since_the_last_scan_is_not_read_again(tmp_path: Path) -> None:
    import time

    from civicsite.build.scan import ContentScan, content_digests
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.md").write_text("A", encoding="utf-8")
    (folder / "b.md").write_text("B", encoding="utf-8")
    first = content_digests(folder)
    assert set(first.digests) == {"a.md", "b.md"} and first.stats["a.md"][4] == first.digests["a.md"]
    # a scan long after the files were written: their stat is trusted, so a digest the last
    # scan recorded is taken as it is (here a false one, to see that the file was not read)
    later = time.time_ns() + 10 ** 10
    fake = {rel: (*st[:4], "digest from the last scan") for rel, st in first.stats.items()}
    trusted = content_digests(folder, ContentScan({}, fake, later))
    assert trusted.digests == {"a.md": "digest from the last scan", "b.md": "digest from the last scan"}
    # changed since (size, mtime, ctime or inode differ): read again
    (folder / "b.md").write_text("BB", encoding="utf-8")
    again = content_digests(folder, ContentScan({}, fake, later))
    assert again.digests["a.md"] == "digest from the last scan"
    assert again.digests["b.md"] == content_digests(folder).digests["b.md"] != first.digests["b.md"]
    # changed within two seconds of the last scan (the same mtime is possible): read again
    racy = content_digests(folder, ContentScan({}, fake, time.time_ns()))
    assert racy.digests["a.md"] == first.digests["a.md"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_first_build_records_the_same_scan_as_reading_every_file(
        content: Path, tmp_path: Path, capsys, jobs: str) -> None:
    """A first scan leaves the pages to their parse (which reads them anyway): what the cache
    records must be what a scan reading every file gives, so that the next build trusts it."""
    from civicsite.build.cache import BuildCache
    from civicsite.build.scan import content_digests
    from civicsite.build.sealed import cache_key
    out, cache = tmp_path / "site", tmp_path / ".civicsite-cache"
    code, err = build(content, out, capsys, "--jobs", jobs)
    assert code == 0, err
    recorded = BuildCache(cache, content, cache_key()).last_scan()
    full = content_digests(content)
    assert not recorded.later
    assert recorded.digests == full.digests
    assert {rel: st[:5] for rel, st in recorded.stats.items()} == \
        {rel: st[:5] for rel, st in full.stats.items()}
    assert sum(rel.endswith(".md") for rel in recorded.digests) > MIN_ITEMS
    code, err = build(content, out, capsys, "--jobs", jobs)
    assert code == 0 and "nothing changed" in err, err  # the next build trusts the record


def test_the_cache_keeps_no_bodies_and_a_template_change_reads_them_again(
        content: Path, templates: Path, tmp_path: Path, capsys) -> None:
    from civicsite.build.cache import BuildCache
    from civicsite.build.sealed import cache_key, load
    out, cache = tmp_path / "site", tmp_path / ".civicsite-cache"
    build(content, out, capsys)
    _, _, (_, parsed) = load(BuildCache(cache, content, cache_key()).seal, cache / "pages.pickle")
    pages = [p.page for p in parsed.values() if p.page is not None]
    assert len(pages) == len(list(content.rglob("*.md"))) and all(p.body is None for p in pages)
    # a template change renders every page: each body is read from its file again
    _replace(templates / "base.html", "</body>", "<!-- t --></body>")
    code, err = build(content, out, capsys)
    assert code == 0, err
    html = (out / "nyheter" / "nyhet-004" / "index.html").read_text(encoding="utf-8")
    assert "<!-- t -->" in html and "Text om nyhet 4." in html


def test_a_file_changed_between_its_parse_and_its_render_fails_the_build(
        content: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    from civicsite.build import pipeline as build_module
    out = tmp_path / "site"
    build(content, out, capsys)
    before = snapshot(out)
    edited = content / "nyheter" / "nyhet-002.md"
    edit_site(random.Random(1), content)  # every page is rendered again, from its cached parse
    load_site = build_module.load_site

    def load_then_edit(*args, **kwargs):
        site = load_site(*args, **kwargs)
        _replace(edited, "Text om nyhet 2.", "Ny text om nyhet 2.")  # an editor saves meanwhile
        return site
    monkeypatch.setattr(build_module, "load_site", load_then_edit)
    code, err = build(content, out, capsys)
    assert code == 1
    assert f"{edited}:1: file: the file changed while the site was being built; build again" in err
    assert snapshot(out) == before
    monkeypatch.setattr(build_module, "load_site", load_site)
    assert build(content, out, capsys)[0] == 0
    assert "Ny text om nyhet 2." in (out / "nyheter" / "nyhet-002" / "index.html").read_text(
        encoding="utf-8")


def test_a_hand_edited_file_the_writer_would_link_is_made_again(content: Path, tmp_path: Path,
                                                                capsys) -> None:
    """With a spare, the output folder is not walked: the writer checks the files it links
    from it, and makes again one that is no longer as written."""
    out = tmp_path / "site"
    a, b = content / "nyheter" / "nyhet-001.md", content / "nyheter" / "nyhet-002.md"
    build(content, out, capsys)
    _replace(a, "Text om nyhet 1.", "Ny text om nyhet 1.")
    build(content, out, capsys)  # the spare now holds the first output: its nyhet-001 differs
    (out / "nyheter" / "nyhet-001" / "index.html").write_text("ändrad för hand", encoding="utf-8")
    _replace(b, "Text om nyhet 2.", "Ny text om nyhet 2.")
    code, err = build(content, out, capsys)
    assert code == 0, err
    total = len(list(content.rglob("*.md")))
    assert f"(1 rendered, {total - 1} unchanged)" in err  # made again by the writer, not counted
    cold = tmp_path / "cold"
    assert build(content, cold, capsys, "--no-cache")[0] == 0
    assert snapshot(out) == snapshot(cold)


def test_a_deleted_output_folder_is_rendered_again_in_parallel(content: Path, tmp_path: Path,
                                                               capsys) -> None:
    """Cache and spare without the output they preceded: nothing can be reused or linked."""
    from civicsite.build import rendering as build_module
    out = tmp_path / "site"
    build(content, out, capsys)
    _replace(content / "nyheter" / "nyhet-001.md", "Text om nyhet 1.", "Ny text om nyhet 1.")
    build(content, out, capsys)  # now there is a spare
    shutil.rmtree(out)
    made_again = []
    original = build_module.render_page
    build_module.render_page = lambda site, page: made_again.append(page) or original(site, page)
    try:
        code, err = build(content, out, capsys, "--jobs", "2")  # the workers' renders go unseen
    finally:
        build_module.render_page = original
    assert code == 0, err
    assert "unchanged)" not in err and not made_again  # all rendered by the workers, none remade
    cold = tmp_path / "cold"
    assert build(content, cold, capsys, "--no-cache")[0] == 0
    assert snapshot(out) == snapshot(cold)


def test_a_first_scan_reads_many_files_in_threads_with_the_same_digests(tmp_path: Path,
                                                                        monkeypatch) -> None:
    from civicsite.build import scan as cache
    folder = tmp_path / "c"
    for n in range(150):
        (folder / f"d{n % 7}").mkdir(parents=True, exist_ok=True)
        (folder / f"d{n % 7}" / f"f{n}.md").write_bytes(bytes([n]) * (n * 100))
    (folder / "d0" / "f0.md").chmod(0)  # unreadable (unless run as root)
    threaded = cache.content_digests(folder)
    monkeypatch.setattr(cache, "READ_IN_THREADS", 10**9)
    one_thread = cache.content_digests(folder)
    assert len(threaded.digests) == 150 and threaded.digests == one_thread.digests
    assert threaded.stats == one_thread.stats
    assert threaded.digests["d3/f10.md"] == cache.digest(bytes([10]) * 1000)
