"""civicsite.discover: walking a content folder, reading text, links and SVG checks."""
from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

import pytest

from civicsite.content.discover import discover, display_path, read_text
from civicsite.core.errors import Diagnostics


def make(root: Path, files: dict[str, bytes | str]) -> None:
    for rel, data in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            data = data.encode("utf-8")
        p.write_bytes(data)


def run(root: Path, arg: str | None = None):
    diag = Diagnostics()
    return discover(arg or str(root), diag), diag


def test_sorting_and_classification(tmp_path):
    make(tmp_path, {"site.yaml": "title: x\n", "contacts.yaml": "", "hours.yaml": "",
                    "b.md": "", "a/Vår.md": "", "a/bild.png": b"\x89PNG", "doc.pdf": b"%PDF",
                    "sub/site.yaml": "x: 1\n", "README.MD": ""})
    files, diag = run(tmp_path)
    assert diag.report() == [
        f"{tmp_path}/sub/site.yaml:1: warning: file: site.yaml is read only at the top of the "
        "content folder; this copy is published as a plain file that anyone can download. "
        "Move it to the top or delete it"]
    assert not diag.failed() and diag.failed(strict=True)
    assert sorted(files.data) == ["contacts.yaml", "hours.yaml", "site.yaml"]
    assert [p.rel.as_posix() for p in files.pages] == ["README.MD", "a/Vår.md", "b.md"]
    # a site.yaml in a sub folder is an ordinary file (published as is), with a warning
    assert [a.rel.as_posix() for a in files.assets] == ["a/bild.png", "doc.pdf", "sub/site.yaml"]


@pytest.mark.parametrize("name", ["site.yaml", "contacts.yaml", "hours.yaml"])
def test_data_file_in_a_sub_folder_warns(tmp_path, name):
    make(tmp_path, {"site.yaml": "title: x\n", f"a/b/{name}": "x: 1\n"})
    files, diag = run(tmp_path)
    assert diag.report() == [
        f"{tmp_path}/a/b/{name}:1: warning: file: {name} is read only at the top of the content "
        "folder; this copy is published as a plain file that anyone can download. "
        "Move it to the top or delete it"]
    assert [a.rel.as_posix() for a in files.assets] == [f"a/b/{name}"]


def test_display_path_uses_argument_as_typed(tmp_path, monkeypatch):
    make(tmp_path / "content", {"sida.md": ""})
    monkeypatch.chdir(tmp_path)
    files, _ = run(tmp_path, "content/")
    assert files.pages[0].display == "content/sida.md"
    assert display_path("./content//", PurePosixPath("a/b.md")) == "./content/a/b.md"
    assert display_path("/", PurePosixPath("a.md")) == "./a.md"


def test_hidden_files_and_folders_skipped(tmp_path):
    make(tmp_path, {".git/config": "x", ".hidden.md": "", "a/.DS_Store": b"\0",
                    ".gömd/sida.md": "", "synlig.md": ""})
    files, diag = run(tmp_path)
    assert diag.report() == []
    assert [p.rel.as_posix() for p in files.pages] == ["synlig.md"]
    assert files.assets == []


def test_bom_and_crlf_accepted(tmp_path):
    make(tmp_path, {"a.md": b"\xef\xbb\xbf---\r\ntitle: \xc3\x85\r\n---\r\nText\rmer\r\n"})
    files, diag = run(tmp_path)
    assert read_text(files.pages[0], diag) == "---\ntitle: Å\n---\nText\nmer\n"
    assert diag.report() == []


def test_not_utf8_error_on_the_right_line(tmp_path):
    make(tmp_path, {"a.md": "---\ntitle: ok\n".encode() + "summary: Vår\n".encode("latin-1")})
    files, diag = run(tmp_path)
    assert read_text(files.pages[0], diag) is None
    assert diag.report() == [
        f"{tmp_path}/a.md:3: encoding: the file is not UTF-8 text; save it again with the "
        "encoding UTF-8 (in most editors: Save as… → Encoding → UTF-8)"]


def test_symlink_file_outside_refused(tmp_path):
    content, outside = tmp_path / "content", tmp_path / "outside"
    make(outside, {"secret.txt": "x", "page.md": ""})
    make(content, {"ok.md": ""})
    (content / "secret.txt").symlink_to(outside / "secret.txt")
    (content / "leak.md").symlink_to(outside / "page.md")
    files, diag = run(content)
    assert diag.report() == [
        f"{content}/leak.md:1: file: this file is a link that leads outside the content folder; "
        "copy the file in instead",
        f"{content}/secret.txt:1: file: this file is a link that leads outside the content "
        "folder; copy the file in instead",
    ]
    assert [p.rel.as_posix() for p in files.pages] == ["ok.md"]
    assert files.assets == []


def test_symlink_folder_outside_refused(tmp_path):
    content, outside = tmp_path / "content", tmp_path / "outside"
    make(outside, {"page.md": ""})
    make(content, {"ok.md": ""})
    (content / "ut").symlink_to(outside, target_is_directory=True)
    files, diag = run(content)
    assert diag.report() == [f"{content}/ut:1: file: this folder is a link that leads outside "
                             "the content folder; copy the files in instead"]
    assert [p.rel.as_posix() for p in files.pages] == ["ok.md"]


def test_symlink_inside_is_fine(tmp_path):
    make(tmp_path, {"bilder/a.png": b"png"})
    (tmp_path / "kopia.png").symlink_to(tmp_path / "bilder" / "a.png")
    files, diag = run(tmp_path)
    assert diag.report() == []
    assert [a.rel.as_posix() for a in files.assets] == ["bilder/a.png", "kopia.png"]


def test_broken_symlink(tmp_path):
    (tmp_path / "borta.png").symlink_to(tmp_path / "finns-inte.png")
    files, diag = run(tmp_path)
    assert diag.report() == [f"{tmp_path}/borta.png:1: file: this file is a broken link; remove it"]


ELEMENT = "<{}> is not allowed in a published file: it runs a script or embeds another document; remove it"
HANDLER = "the event handler {} is not allowed in a published file: it runs a script; remove it"


@pytest.mark.parametrize("svg,line,message", [
    ('<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script>\n</svg>', 2,
     ELEMENT.format("script")),
    ('<svg xmlns="http://www.w3.org/2000/svg"\n  onload="alert(1)">\n</svg>', 2, HANDLER.format("onload")),
    ('<svg>\n\n<a href="JavaScript:alert(1)"><text>x</text></a></svg>', 3,
     '"javascript:" addresses are not allowed in a published file (href); they run a script; '
     "remove the link"),
    ('<svg><SCRIPT>x</SCRIPT></svg>', 1, ELEMENT.format("SCRIPT")),
    ('<svg>\n<foreignObject><div/></foreignObject></svg>', 2, ELEMENT.format("foreignObject")),
    ('<svg>\n<rect ONCLICK = "x"/></svg>', 2, HANDLER.format("ONCLICK")),
])
def test_svg_with_script_refused(tmp_path, svg, line, message):
    make(tmp_path, {"logo.svg": svg})
    files, diag = run(tmp_path)
    assert diag.report() == [f"{tmp_path}/logo.svg:{line}: svg: {message}"]
    assert files.assets == [] and "logo.svg" in files.refused


def test_clean_svg_accepted(tmp_path):
    make(tmp_path, {"Logo.SVG": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
                                '<title>Logotyp</title><rect width="10" height="10" '
                                'fill="#123"/></svg>'})
    files, diag = run(tmp_path)
    assert diag.report() == []
    assert [a.rel.as_posix() for a in files.assets] == ["Logo.SVG"]
