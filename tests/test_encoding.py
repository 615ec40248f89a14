"""Values written into vCard, iCalendar, Atom, sitemap, robots.txt and _redirects are encoded
for that format, so that no value can add a line or break the file; what could (a line break
in an address, a control character in a text) is refused where it is written (issue 25)."""
from __future__ import annotations

from pathlib import Path
import shutil
import xml.dom.minidom

import pytest
import vobject

from civicsite.cli import main
from civicsite.contacts.model import Contact, Organisation
from civicsite.contacts.vcard import vcard
from civicsite.core.encoding import ascii_uri
from civicsite.core.errors import Diagnostics
from civicsite.core.fields import Ctx, compose, text, url
from civicsite.render.feed import escape
from civicsite.render.site import robots_txt

ROOT = Path(__file__).resolve().parent.parent


def parse(parser, value: str):
    diag = Diagnostics()
    node = compose(f"v: {value}\n", Ctx(diag, "x.yaml")).value[0][1]
    return parser(node, Ctx(diag, "x.yaml", "v", 1)), diag.report()


@pytest.mark.parametrize("value, code", [('"a\\x01b"', "0001"), ('"a\\0b"', "0000"),
                                         ('"a\\x7fb"', "007F"), ('"a\\x85b"', "0085"),
                                         ('"a\\rb"', "000D"), ('"a\\uFFFEb"', "FFFE")])
def test_text_refuses_control_characters(value, code):
    assert parse(text, value) == (None, [
        f"x.yaml:1: v: contains an invisible control character (U+{code}) that is not allowed; "
        "delete it, or retype the text"])


def test_text_keeps_tabs_and_line_breaks():
    assert parse(text, '"a\\tb\\nc"') == ("a\tb\nc", [])


@pytest.mark.parametrize("value", ['"https://example.se/\\nTEL:+46"', '"https://example.se/\\tx"',
                                   '"https://example.se/\\r\\nSitemap: x"'])
def test_links_refuse_line_breaks(value):
    found, report = parse(url, value)
    assert found is None and len(report) == 1
    assert report[0].endswith("a link may not contain line breaks or tabs; write it on one line") \
        or "control character" in report[0]


def test_ascii_uri_leaves_nothing_that_ends_a_line():
    assert ascii_uri("https://example.se/a b\nTEL:1\x00ö?x=1&y=%20#z") == \
        "https://example.se/a%20b%0ATEL:1%00%C3%B6?x=1&y=%20#z"


def test_a_vcard_url_is_one_line_whatever_it_holds():
    contact = Contact("kc", "Kundcenter", None, (), None, None, None,
                      "https://example.se/a b\r\nTEL:+4699", (), 1)
    card = vcard(contact, Organisation("Testkommun", "https://example.se"))
    parsed = vobject.readOne(card)
    assert parsed.url.value == "https://example.se/a%20b%0D%0ATEL:+4699"
    assert not hasattr(parsed, "tel")
    assert [line.split(":")[0] for line in card.split("\r\n") if line][-2:] == ["URL", "END"]


def test_xml_text_never_holds_what_xml_forbids():
    assert escape("a\x01b\x00c<\ufffe") == "a\ufffdb\ufffdc&lt;\ufffd"
    xml.dom.minidom.parseString(f"<t>{escape('x' + chr(1) + chr(31) + chr(0xFFFF))}</t>")


def test_robots_txt_has_its_three_lines_whatever_the_address():
    assert robots_txt("https://example.se/a b\nDisallow: /\n") == (
        "User-agent: *\nAllow: /\nSitemap: https://example.se/a%20b%0ADisallow:%20/%0Asitemap.xml\n")


def test_a_base_url_with_a_line_break_is_a_usage_error(tmp_path: Path, capsys):
    shutil.copytree(ROOT / "tests" / "sites" / "minimal", tmp_path / "content")
    with pytest.raises(SystemExit) as exit:
        main(["build", "--content", str(tmp_path / "content"), "--output", str(tmp_path / "out"),
              "--base-url", "https://example.se/\nDisallow: /"])
    assert exit.value.code == 2
    assert ('civicsite: error: --base-url: "https://example.se/\\nDisallow: /" is not an address: it '
            "contains a space, a line break or a control character") in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
