"""The shortcuts builds at 10,000 pages take (bench/RESULTS.md, issue 23) give what the plain way
gives: one sort for every generated list, libyaml for the translations, the collector paused
while the site loads and told to leave the loaded site alone only for the length of a build,
contacts' JSON-LD made once per site, lines without invisible characters not searched for
them."""
from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st
import yaml

from civicsite.content import collections as lists
from civicsite.core import i18n, yaml_invisible

KINDS = ("news", "workshop", "sprint", "strategy", "page")
TAGS = ("Företag", "företag", "Turism", "Export", "!!", "Bredband")

# few dates and titles, so that many pages tie on both: the order of ties is what could differ
fake_pages = st.lists(st.builds(
    SimpleNamespace,
    kind=st.sampled_from(KINDS),
    date=st.one_of(st.none(), st.dates(dt.date(2024, 1, 1), dt.date(2024, 1, 4))),
    title=st.sampled_from(("A", "B", "Å")),
    tags=st.lists(st.sampled_from(TAGS), max_size=3, unique=True).map(tuple),
    language=st.sampled_from((None, None, "en")),
    easy_read_of=st.sampled_from((None, None, None, "x.md")),
    url=st.just("")), max_size=40)


def plain_collections(pages, config=None):
    """The generated lists as ``collections`` made them before it sorted once: each list sorted
    on its own."""
    pages = lists.listed(pages, i18n.SITE_LANGUAGE)
    return (lists.kind_collections(pages, config) + lists.year_collections(pages, config)
            + lists.tag_collections(lists.tag_groups(pages)))


def as_ids(collections):
    return [(c.url, c.kind, c.year, c.tag, [id(p) for p in c.pages]) for c in collections]


@settings(max_examples=300, deadline=None)
@given(fake_pages)
def test_one_sort_gives_every_list_the_order_of_its_own_sort(pages):
    assert as_ids(lists.collections(pages, None)) == as_ids(plain_collections(pages))


@settings(max_examples=200, deadline=None)
@given(fake_pages, st.data())
def test_a_group_not_from_the_sorted_list_is_sorted_the_plain_way(pages, data):
    order = lists._Order(pages[: len(pages) // 2])
    group = data.draw(st.permutations(pages))
    assert [id(p) for p in order.newest_first(group)] == \
        [id(p) for p in lists.newest_first(group)]


def test_tied_pages_keep_the_order_they_came_in():
    a, b, c = (SimpleNamespace(date=dt.date(2024, 5, 1), title="Lika") for _ in range(3))
    newer = SimpleNamespace(date=dt.date(2024, 6, 1), title="Lika")
    order = lists._Order([a, b, newer, c])
    assert [id(p) for p in order.newest_first([a, newer, c])] == [id(newer), id(a), id(c)]
    assert [id(p) for p in order.newest_first([a, newer, c])] == \
        [id(p) for p in lists.newest_first([a, newer, c])]


def test_translations_read_with_libyaml_are_the_plain_loaders():
    text = Path(i18n.TRANSLATIONS).read_text(encoding="utf-8")
    assert i18n._table() == yaml.load(text, Loader=yaml.SafeLoader)
    assert i18n._table()["home"]["sv"] == "Startsida"


def test_a_build_leaves_nothing_frozen_for_the_next(tmp_path):
    """``serve`` builds again in one process: what a build froze is the collector's again."""
    from civicsite.cli import main
    root = Path(__file__).resolve().parents[1]
    assert gc.get_freeze_count() == 0
    code = main(["build", "--content", str(root / "content"), "--output", str(tmp_path / "site"),
                 "--no-search", "--date", "2026-11-25"])
    assert code == 0
    assert gc.get_freeze_count() == 0


def _build(root: Path, out: Path) -> int:
    from civicsite.cli import main
    return main(["build", "--content", str(root / "content"), "--output", str(out),
                 "--no-search", "--date", "2026-11-25"])


def test_the_collector_pauses_while_the_site_loads_and_runs_again_after(tmp_path, monkeypatch):
    from civicsite.build import pipeline
    root = Path(__file__).resolve().parents[1]
    seen = []
    load_site = pipeline.load_site

    def watched(*args, **kwargs):
        seen.append(gc.isenabled())
        site = load_site(*args, **kwargs)
        seen.append(gc.isenabled())
        return site

    monkeypatch.setattr(pipeline, "load_site", watched)
    assert gc.isenabled()
    assert _build(root, tmp_path / "site") == 0
    assert seen == [False, False]
    assert gc.isenabled()
    assert (tmp_path / "site" / "index.html").is_file()


def test_a_caller_that_turned_the_collector_off_finds_it_off(tmp_path):
    root = Path(__file__).resolve().parents[1]
    gc.disable()
    try:
        assert _build(root, tmp_path / "site") == 0
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_contact_and_hours_nodes_made_once_per_site_are_those_made_for_each_page(tmp_path):
    """The JSON-LD of a contact or of hours no contact owns is made once per site being
    rendered and shared by every page that shows it: each page's graph is what it is when
    nothing is remembered, and no page changes a node another page holds."""
    import shutil
    from civicsite.content.load import load_site
    from civicsite.core.errors import Diagnostics
    from civicsite.render import navigation
    from civicsite.render.structured_data import listing_graph, page_graph
    content = tmp_path / "content"
    shutil.copytree(Path(__file__).resolve().parents[1] / "content", content)
    with open(content / "hours.yaml", "a", encoding="utf-8") as f:  # hours no contact owns
        f.write("\ntelefontid:\n  title: Telefontid\n  week:\n    mån-fre: 10.00-12.00\n")
    for page in ("index.md", "en/index.md"):
        with open(content / page, "a", encoding="utf-8") as f:
            f.write("\n::: hours telefontid\n")
    diag = Diagnostics()
    site = load_site(str(content), diag, dt.date(2026, 11, 25))
    assert site is not None and not diag.errors
    listings = navigation.listings(site)

    def every_graph() -> list:
        return [page_graph(site, p) for p in site.pages] + \
            [listing_graph(site, listing) for listing in listings]

    navigation._LOCAL.cache = None
    remembered = every_graph()
    fresh = []
    for page in site.pages:
        navigation._LOCAL.cache = None
        fresh.append(page_graph(site, page))
    for listing in listings:
        navigation._LOCAL.cache = None
        fresh.append(listing_graph(site, listing))
    assert remembered == fresh
    nodes = [n for g in remembered for n in g["@graph"]]
    kinds = {n["@type"] for n in nodes}
    assert {"GovernmentOffice", "Person", "ContactPoint"} <= kinds  # the example shows all three
    offices = [n for n in nodes if n["@type"] == "GovernmentOffice"]
    assert len({id(n) for n in offices}) < len(offices)  # shared, not made again


_YAML_LINE = st.text(st.sampled_from(list(" -:#'\"abcåä1\t") + list(yaml_invisible.INVISIBLE)),
                     max_size=14)


@settings(max_examples=2000, deadline=None)
@given(_YAML_LINE)
def test_a_line_without_invisible_characters_is_not_looked_at_again(line):
    """The YAML checks skip the search for invisible characters on a line that holds none:
    the same answer as the search itself, for any line."""
    assert yaml_invisible.invisible_on(line) == yaml_invisible.invisible_in(line)


def test_the_invisible_character_checks_still_find_one():
    found = yaml_invisible.invisible_on("title\u200b: Hej")
    assert found is not None and found[0] == 6
