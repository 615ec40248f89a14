"""The sharded search index (output.search): a large site's pages split by a stable hash of their
path into shards, each indexed by its own Pagefind run; unchanged shards reused on the next
build. Searching through the shards in a browser: tests/browser/test_search_shards_browser.py."""
from __future__ import annotations

import json
from pathlib import Path
import shutil

import pytest

from civicsite.output import search

pytest.importorskip("pagefind")

WORDS = ["äppelträd", "björkskog", "citronfjäril", "dalahäst", "ekorrbo", "fjällräv", "granbarr",
         "havsörn", "igelkott", "järpe", "kantarell", "lodjur", "mårdhund", "näktergal"]


def page(title: str, body: str) -> str:
    return (f'<!doctype html><html lang="sv"><head><title>{title}</title></head><body>'
            f'<header><nav>Meny</nav></header><main><article data-pagefind-body><h1>{title}</h1>'
            f'<p>{body}</p></article></main><footer>Sidfotsordet vattenkraft</footer></body></html>')


def make_site(folder: Path, n: int = 30) -> list[str]:
    paths = []
    for i in range(n):
        rel = f"sida-{i:02d}/index.html"
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(page(f"Sida {i}", f"Text om {WORDS[i % len(WORDS)]} nummer {i}."),
                                  encoding="utf-8")
        paths.append(rel)
    (folder / "index.html").write_text(page("Start", "Välkommen."), encoding="utf-8")
    (folder / "lista").mkdir()
    (folder / "lista" / "index.html").write_text(  # a generated page: no body, not indexed
        '<!doctype html><html lang="sv"><body><main><h1>Lista</h1></main></body></html>')
    return paths


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_shard_assignment_is_stable_and_spread():
    paths = [f"mapp-{i // 100}/sida-{i:05d}/index.html" for i in range(10_000)]
    shards = search.shard_count(len(paths))
    assert shards == 10 and search.shard_count(1000) == 1 and search.shard_count(1001) == 2
    first = [search.shard_of(p, shards) for p in paths]
    assert first == [search.shard_of(p, shards) for p in paths]
    # pinned: a page lands in the same shard on every machine and Python (no hash seed)
    assert first[:8] == [5, 2, 0, 6, 0, 7, 5, 4]
    sizes = [first.count(k) for k in range(shards)]
    assert all(900 <= s <= 1100 for s in sizes), sizes


def test_a_small_site_is_one_bundle(tmp_path):
    paths = make_site(tmp_path / "site", 5)
    assert search.index_site(tmp_path / "site", pages=paths) == {}
    bundle = tmp_path / "site" / "pagefind"
    assert (bundle / "pagefind.js").is_file() and not list(bundle.glob("shard-*"))
    assert json.loads((bundle / "shards.json").read_text()) == {"sv": [""]}


def test_shards_are_deterministic_and_listed(tmp_path):
    made = []
    for name in ("a", "b"):
        paths = make_site(tmp_path / name)
        search.index_site(tmp_path / name, pages=paths, shard_pages=10)
        made.append(files(tmp_path / name / "pagefind"))
    assert made[0] == made[1]
    names = sorted({p.split("/")[0] for p in made[0] if p.startswith("shard-")})
    assert names == ["shard-00", "shard-01", "shard-02"]
    assert json.loads(made[0]["shards.json"]) == {"sv": [n + "/" for n in names]}
    total = sum(json.loads(made[0][f"{n}/pagefind-entry.json"])["languages"]["sv"]["page_count"]
                for n in names)
    assert total == 30  # every content page once; the home page and the listing are not given
    assert not any(name in p for p in made[0] for name in search.UNUSED)
    assert not list(tmp_path.glob(".*civicsite-shards*"))  # the staging folder is gone


def test_an_edit_indexes_one_shard_again(tmp_path, monkeypatch):
    published = tmp_path / "site"
    paths = make_site(published)
    state = search.index_site(published, pages=paths, shard_pages=10)
    runs = []
    real = search._pagefind
    monkeypatch.setattr(search, "_pagefind", lambda site, bundle: (runs.append(bundle.name),
                                                                    real(site, bundle)))
    # the next build: a new folder with the same pages (linked, as the writer does), one edited
    new = tmp_path / "new"
    for rel in paths:
        (new / rel).parent.mkdir(parents=True, exist_ok=True)
        (new / rel).hardlink_to(published / rel)
    edited = paths[7]
    (new / edited).unlink()
    (new / edited).write_text(page("Sida 7", "Ändrad text om blåbärssoppa."), encoding="utf-8")
    again = search.index_site(new, pages=paths, previous=published, last=state,
                             shard_pages=10)
    shard = f"shard-{search.shard_of(edited, 3):02d}"
    assert runs == [shard]
    for name in ("shard-00", "shard-01", "shard-02"):
        same = (new / "pagefind" / name / "pagefind.js").stat().st_ino == \
            (published / "pagefind" / name / "pagefind.js").stat().st_ino
        assert same == (name != shard), name
    assert again["shards"][shard] != state["shards"][shard]
    # nothing changed: nothing indexed; a published shard that is not as recorded is indexed again
    runs.clear()
    search.index_site(new, pages=paths, into=tmp_path / "b1", previous=new, last=again,
                      shard_pages=10)
    assert runs == []
    (new / "pagefind" / "shard-01" / "pagefind-entry.json").unlink()
    search.index_site(new, pages=paths, into=tmp_path / "b2", previous=new, last=again,
                      shard_pages=10)
    assert runs == ["shard-01"]
    # the same bytes as an index made from scratch
    scratch = tmp_path / "scratch"
    shutil.copytree(new, scratch, ignore=shutil.ignore_patterns("pagefind"))
    search.index_site(scratch, pages=paths, shard_pages=10)
    assert files(scratch / "pagefind") == files(tmp_path / "b2") == files(tmp_path / "b1")
