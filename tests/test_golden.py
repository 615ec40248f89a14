"""The golden site: tests/sites/golden/ built with a fixed date and base URL must give exactly the
files in tests/golden/. After a deliberate change to the output, regenerate them with

    .venv/bin/pytest tests/test_golden.py --update-golden

and read the diff (git diff tests/golden) before committing it.
"""
from __future__ import annotations

import difflib
import hashlib
import io
from pathlib import Path
import re
import shutil

from PIL import Image
import pytest

from civicsite.cli import main
from civicsite.content.colors import Colors, colors_css
from civicsite.content.fingerprint import hashed_name
from civicsite.core.paths import TEMPLATES

TESTS = Path(__file__).resolve().parent
CONTENT = TESTS / "sites" / "golden"
GOLDEN = TESTS / "golden"
ARGS = ["--date", "2021-05-10", "--base-url", "https://naringsliv.guldkoping.example/"]
TEXT_SUFFIXES = {".html", ".xml", ".txt", ".vcf", ".css", ".js", ".json"}
# files the build makes of images: their bytes belong to the Pillow and libwebp installed, so
# they are compared by what they show (format and size), as the versions' names say the rest
MADE_OF_IMAGES = re.compile(r"(?:-\d+\.[0-9a-f]{8}\.(?:png|webp)|^favicon\.ico|^apple-touch-icon\.png)$")


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def hashed(source: Path, stem: str) -> str:
    suffix = source.suffix
    return f"{stem}.{hashlib.sha256(source.read_bytes()).hexdigest()[:8]}{suffix}"


def published(root: Path) -> dict[str, bytes]:
    """``files`` without the Pagefind bundle: its bytes belong to the pagefind version installed,
    so it is not frozen in tests/golden (test_golden_build_is_reproducible still compares it)."""
    return {k: v for k, v in files(root).items() if not k.startswith("pagefind/")}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("golden") / "site"
    assert main(["build", "--content", str(CONTENT), "--output", str(out), *ARGS]) == 0
    return out


def test_golden_site(built, request):
    got = published(built)
    if request.config.getoption("--update-golden"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(built, GOLDEN, ignore=lambda folder, names: ["pagefind"] if Path(folder) == built else [])
        pytest.skip("golden files rewritten; review `git diff tests/golden`")
    assert GOLDEN.is_dir(), "no golden files; run pytest tests/test_golden.py --update-golden"
    expected = files(GOLDEN)
    assert sorted(got) == sorted(expected), "the build made a different set of files"
    problems = []
    for name in sorted(expected):
        if got[name] == expected[name]:
            continue
        if MADE_OF_IMAGES.search(name):
            shown = [(im.format, im.size) for im in map(Image.open, map(io.BytesIO, (
                got[name], expected[name])))]
            if shown[0] != shown[1]:
                problems.append(f"{name}: {shown[1]} expected, {shown[0]} made")
        elif Path(name).suffix in TEXT_SUFFIXES:
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
    """Byte for byte, the search index included."""
    again = tmp_path / "again"
    assert main(["build", "--content", str(CONTENT), "--output", str(again), *ARGS]) == 0
    assert any(name.startswith("pagefind/") for name in files(built))
    assert files(again) == files(built)


def test_golden_check_is_clean(capsys):
    """The fixture itself has no error, warning or note: only the closing line."""
    assert main(["check", "--content", str(CONTENT), "--strict", "--date", "2021-05-10"]) == 0
    [line] = capsys.readouterr().err.splitlines()
    assert re.fullmatch(r"civicsite: no errors found in \d+ pages", line)


def test_golden_facts(built):
    """Facts checked by hand, independent of the frozen bytes."""
    out = published(built)
    tag_pages = [n for n in out if n.startswith("amne/")]
    # CSS, JS and the SVG logo under a name with the first 8 hex digits of their SHA-256
    # (fingerprinting); raster images in versions named by their source (tests/test_images.py)
    logo = hashed(CONTENT / "logo.svg", "logo")
    png, webp, bord_png, bord_webp = (next(n for n in out if re.fullmatch(
        rf"{stem}-{width}\.[0-9a-f]{{8}}\.{fmt}", n)) for stem, width in
        (("besokssprint/besokssprint", 4), ("workshop/bord", 6)) for fmt in ("png", "webp"))
    colors = next(n for n in out if n.startswith("static/colors."))
    assert colors == hashed_name("static/colors.css", out[colors])
    css, js, search_js = (hashed(TEMPLATES / "static" / f"{name}.{ext}", f"static/{name}")
                          for name, ext in (("site", "css"), ("open-now", "js"), ("search", "js")))
    assert sorted(set(out) - set(tag_pages)) == sorted([
        "404.html", "_headers", png, webp, bord_png, bord_webp, logo, "favicon.ico",
        "apple-touch-icon.png", "besokssprint/var-2021/index.html",
        "besokssprint/var-2021/kalender.ics", "besokssprintar/index.html", "evenemang.ics",
        "feed.xml", "index.html", "kontakt/kundcenter.vcf", "kontakt/madeleine-ahlqvist.vcf",
        "robots.txt", "sitemap.xml", "sok/index.html", colors, js, search_js, css,
        "strategi/index.html", "strategi/remissversion.pdf", "strategier/index.html",
        "tillganglighet/index.html", "workshop/workshop-2-mars/index.html",
        "workshop/workshop-2-mars/kalender.ics", "workshoppar/index.html"])
    assert "amne/index.html" in tag_pages and len(tag_pages) >= 2
    assert (built / "pagefind" / "pagefind.js").is_file()
    assert out[colors] == colors_css(Colors()).encode()  # the golden site sets no colours
    with Image.open(CONTENT / "besokssprint" / "besokssprint.png") as source:
        assert Image.open(io.BytesIO(out[png])).tobytes() == source.convert("RGB").tobytes()
    sprint = out["besokssprint/var-2021/index.html"].decode()
    sizes = 'sizes="(min-width: 44rem) 42rem, calc(100vw - 2rem)"'
    assert (f'<picture><source type="image/webp" srcset="../../{webp} 4w" {sizes}>'
            f'<img src="../../{png}" srcset="../../{png} 4w" {sizes} width="4" height="2" '
            'alt="Lila bakgrund, vit text: Besökssprint."></picture>') in sprint
    assert f'"image":"https://naringsliv.guldkoping.example/{png}"' in sprint
    assert f'<meta property="og:image" content="https://naringsliv.guldkoping.example/{png}">' \
        in sprint
    # the logo with the site's name in the header, and the icons on every page
    assert ('<a class="site-title with-logo" href="../../"><img class="site-logo" '
            f'src="../../{logo}" width="120" height="40" alt="Guldköpings kommun">'
            '<span>Näringsliv i Guldköping</span></a>') in sprint
    assert '<link rel="icon" href="../../favicon.ico" sizes="32x32">' in sprint
    assert f'"logo":"https://naringsliv.guldkoping.example/{logo}"' in sprint
    assert f'<link rel="stylesheet" href="../../{css}">' in sprint
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
    # a picture in the text: the first on a page without an image above the text, so not lazy
    assert (f'<img src="../../{bord_png}" srcset="../../{bord_png} 6w" {sizes} width="6" '
            'height="4" alt="Deltagare vid borden under workshopen."></picture>') in workshop
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


def test_golden_tags_breadcrumbs_header_and_home(built):
    """A page per tag, tags linked from pages, breadcrumbs, the header, the home page's sections."""
    out = {k: v.decode() for k, v in published(built).items() if k.endswith(".html")}
    sprint = out["besokssprint/var-2021/index.html"]
    assert ('Ämnesord: <a href="../../amne/foretagsbesok/">företagsbesök</a>, '
            '<a href="../../amne/kompetensforsorjning/">kompetensförsörjning</a>') in sprint
    tag = out["amne/foretagsbesok/index.html"]
    assert "<h1>Ämnesord: företagsbesök</h1>" in tag
    assert '<a href="../../besokssprint/var-2021/">30 företagsbesök på en dag</a>' in tag
    assert "strategi/" not in tag.split("<main", 1)[1].split("</main>", 1)[0].replace("amne/", "")
    index = out["amne/index.html"]
    assert '<a href="../amne/foretagsbesok/">företagsbesök</a> <span class="count">(1)</span>' in index
    assert '<a href="../amne/foretagsklimat/">företagsklimat</a>' in index
    # breadcrumbs: home › (folder page if any) › this page, not a link
    assert ('<li><a href="../../">Startsida</a></li>\n'
            '    <li aria-current="page">30 företagsbesök på en dag</li>') in sprint
    assert 'class="breadcrumbs"' not in out["index.html"]
    # header: organisation, "Fler webbplatser", search link on every page
    for name, html in out.items():
        header = html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
        assert 'class="org-name"' in header and "Fler webbplatser" in header, name
        assert '>Sök</a>' in header, name
    # home: upcoming events, current strategy, latest pages
    home = out["index.html"]
    assert 'id="current-strategy">Aktuell strategi</h2>' in home
    assert '<a href="strategi/">' in home.split('id="current-strategy"', 1)[1].split("</section>", 1)[0]
    assert 'id="upcoming"' in home and 'id="latest"' in home
