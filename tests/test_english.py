"""`language: en` publishes the same site in English: every text the engine adds comes from the
English column of translations.yaml. The golden content (Swedish text, every page kind) is built
with `language: en`; no Swedish interface string may appear unless the editor wrote it."""
from __future__ import annotations

from pathlib import Path
import re
import shutil

import pytest
import yaml

from civicsite.cli import main
from civicsite.core.i18n import TRANSLATIONS

GOLDEN = Path(__file__).resolve().parent / "sites" / "golden"
PLACEHOLDER = re.compile(r"\{\w+\}")


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    content = tmp_path_factory.mktemp("en") / "content"
    shutil.copytree(GOLDEN, content)
    site_yaml = content / "site.yaml"
    text = site_yaml.read_text(encoding="utf-8")
    assert "language: sv" in text
    site_yaml.write_text(text.replace("language: sv", "language: en"), encoding="utf-8")
    out = content.parent / "site"
    assert main(["build", "--content", str(content), "--output", str(out), "--date", "2021-05-10"]) == 0
    return content, out


def _content_text(content: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in content.rglob("*")
                     if p.suffix in (".md", ".yaml"))


def swedish_fragments() -> dict[str, str]:
    """Each Swedish interface text (or the fixed parts around its placeholders) → its key."""
    table = yaml.safe_load(TRANSLATIONS.read_text(encoding="utf-8"))
    out = {}
    for key, entry in table.items():
        if entry["sv"] == entry["en"]:
            continue
        for part in PLACEHOLDER.split(entry["sv"]):
            part = part.strip(" .:–()")
            if len(part) >= 4 and part not in entry["en"]:
                out[part] = key
    return out


def test_no_swedish_interface_text_in_the_english_site(english):
    content, out = english
    written = _content_text(content)
    fragments = {f: k for f, k in swedish_fragments().items() if f not in written}
    assert len(fragments) > 80  # the check has something to find
    found = []
    for page in sorted(out.rglob("*")):
        if page.suffix not in (".html", ".ics", ".xml", ".css", ".js") or "pagefind" in page.parts:
            continue
        text = page.read_text(encoding="utf-8")
        if page.suffix in (".css", ".js"):  # comments are for developers
            text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
        for fragment, key in fragments.items():
            if fragment in text:
                found.append(f"{page.relative_to(out)}: {fragment!r} (translations.yaml: {key})")
    assert not found, "\n".join(found)


def test_the_english_site_speaks_english(english):
    _, out = english
    home = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in home
    assert "Skip to content" in home and ">Search</a>" in home and "More websites" in home
    assert "Accessibility statement" in home
    sprint = (out / "besokssprint/var-2021/index.html").read_text(encoding="utf-8")
    assert "18 May 2021" in sprint and "Last reviewed 2021-05-27 by" in sprint
    assert "Tags: " in sprint and "Photo: " in sprint
    search = (out / "sok/index.html").read_text(encoding="utf-8")
    assert "<h1>Search this website</h1>" in search and 'data-none="No results for' in search
    # the search index is built for English
    assert list((out / "pagefind").glob("pagefind.en_*.pf_meta"))
    assert "X-WR-CALNAME:Events – " in (out / "evenemang.ics").read_text(encoding="utf-8")
