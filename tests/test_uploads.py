"""Files published as they are (content/uploads.py): HTML, XML and SVG are parsed as a browser
parses them and refused when they could script, embed another document, transform themselves
or enter the search; other types outside the published ones are a warning.

Every vector of issue 25 is here, with variants a pattern match missed, and what looks alike
but is harmless (it must still be published)."""
from __future__ import annotations

import pytest

from civicsite.content.uploads import (
    PUBLISHED,
    document_problems,
    type_problem,
    type_warning,
)

HANDLER = "the event handler {} is not allowed in a published file: it runs a script; remove it"
ELEMENT = ("<{}> is not allowed in a published file: it runs a script or embeds another "
           "document; remove it")
SCHEME = ('"{}:" addresses are not allowed in a published file ({}); they run a script; remove '
          "the link")
SVG = '<svg xmlns="http://www.w3.org/2000/svg">{}</svg>'


def problems(text: str, suffix: str) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in document_problems(text.encode("utf-8"), suffix)]


@pytest.mark.parametrize("text, line, message", [
    # the vectors: what the pattern match missed
    ("<p>Karta</p>\n<svg/onload=alert(1)>", 2, HANDLER.format("onload")),
    ('<p>Bild</p>\n<img src="x"onerror=alert(1)>', 2, HANDLER.format("onerror")),
    ("<!doctype html>\n<title>x</title>\n<body/onload=alert(1)>", 3, HANDLER.format("onload")),
    ("<!doctype html>\n<main data-pagefind-body>\n<h1>Ring oss</h1>\n</main>", 2,
     "data-pagefind-body is not allowed in a published file: it would put the file into the "
     "site's search as if it were a page; remove it"),
    # the browser's tokenizer, not a pattern: a tag hidden in an attribute of <noscript>
    ('<p>x</p>\n<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', 2,
     HANDLER.format("onerror")),
    ("<svg><style><img src=x onerror=alert(1)></style></svg>", 1, HANDLER.format("onerror")),
    ("<p>\n<ScRiPt>alert(1)</ScRiPt>", 2, ELEMENT.format("script")),
    ('<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', 1, ELEMENT.format("iframe")),
    ('<a href="&#106;ava&#x09;script:alert(1)">x</a>', 1, SCHEME.format("javascript", "href")),
    ('<math><mi xlink:href="javascript:alert(1)">x</mi></math>', 1,
     SCHEME.format("javascript", "xlink:href")),
    ('<form><button formaction="JAVASCRIPT:alert(1)">x</button></form>', 1,
     SCHEME.format("javascript", "formaction")),
    ('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', 1,
     SCHEME.format("javascript", "content")),
    ('<svg><set attributeName="onmouseover" to="alert(1)"/></svg>', 1,
     HANDLER.format("onmouseover")),
    ('<object data="data:text/html,x"></object>', 1, ELEMENT.format("object")),
])
def test_html_that_can_script_is_refused(text, line, message):
    assert problems(text, ".html")[:1] == [(line, message)]


@pytest.mark.parametrize("text", [
    "<!doctype html>\n<title>Protokoll</title>\n<p>Mötet <b>öppnades</b> kl. 9.</p>",
    '<p><a href="https://example.se/">Länk</a> <img src="bild.png" alt="En bild"></p>',
    "<p>Ordet onload, och javascript utan kolon, är bara text.</p>",
    '<p><img src="data:image/png;base64,iVBORw0KGgo=" alt=""></p>',
    "<textarea><script>alert(1)</script></textarea>",  # text, as the browser reads it
    "<table border=1><tr><td>1</td></tr></table><details open><summary>x</summary></details>",
])
def test_harmless_html_is_published(text):
    assert problems(text, ".html") == []


@pytest.mark.parametrize("text, suffix, line, message", [
    (SVG.format("\n<script>alert(1)</script>"), ".svg", 2, ELEMENT.format("script")),
    ('<svg xmlns="http://www.w3.org/2000/svg"\n onload="alert(1)"/>', ".svg", 2,
     HANDLER.format("onload")),
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:s="http://www.w3.org/2000/svg">\n'
     "<s:script>alert(1)</s:script></svg>", ".svg", 2, ELEMENT.format("script")),
    (SVG.format('<a href="&#106;avascript:alert(1)"><rect/></a>'), ".svg", 1,
     SCHEME.format("javascript", "href")),
    (SVG.format('<animate attributeName="href" values="x;javascript:alert(1)"/>'), ".svg", 1,
     SCHEME.format("javascript", "values")),
    (SVG.format('<image href="data:image/svg+xml;base64,PHN2Zz4="/>'), ".svg", 1,
     '"data:" addresses are not allowed in a published file (href), except for PNG, JPEG, GIF '
     "and WebP images: they can hold another document with scripts; remove it"),
    (SVG.format("<foreignObject><div/></foreignObject>"), ".svg", 1,
     ELEMENT.format("foreignObject")),
    # a DTD subset: its entities and attribute defaults count, as in a browser
    ('<!DOCTYPE svg [\n<!ENTITY s "&#60;script>alert(1)&#60;/script>">\n]>\n'
     + SVG.format("&s;"), ".svg", 2,
     "the entity s holds markup, which could hide a script; write the text out instead of the "
     "entity"),
    ('<!DOCTYPE svg [\n<!ATTLIST svg onload CDATA "alert(1)">\n]>\n' + SVG.format("<rect/>"),
     ".svg", 4, HANDLER.format("onload")),
    ('<!DOCTYPE svg [\n<!ENTITY j "javascript:alert(1)">\n]>\n'
     + SVG.format('<a href="&j;"><rect/></a>'), ".svg", 4, SCHEME.format("javascript", "href")),
    # XSLT: an XML file that names a stylesheet, and the stylesheet itself
    ('<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="lista.xsl"?>\n<lista/>',
     ".xml", 2, '<?xml-stylesheet?> of type "text/xsl" is not allowed: a browser would run it '
     "as a stylesheet that transforms the file (XSLT), which can write scripts; remove it"),
    ('<?xml version="1.0"?>\n<xsl:stylesheet version="1.0" '
     'xmlns:xsl="http://www.w3.org/1999/XSL/Transform">\n<xsl:template match="/">\n'
     '<xsl:text disable-output-escaping="yes">&lt;script&gt;alert(1)&lt;/script&gt;'
     "</xsl:text>\n</xsl:template>\n</xsl:stylesheet>", ".xsl", 2,
     "XSLT stylesheets cannot be published: they can turn any text into a script; publish the "
     "result as a PDF or a page instead"),
    ('<html xmlns="http://www.w3.org/1999/xhtml">\n<body><img src="x" onerror="alert(1)"/>'
     "</body></html>", ".xhtml", 2, HANDLER.format("onerror")),
])
def test_xml_and_svg_that_can_script_are_refused(text, suffix, line, message):
    assert problems(text, suffix)[:1] == [(line, message)]


def test_xml_that_is_not_well_formed_is_refused():
    """A browser shows no document for it either; libxml2 says what is wrong (its words)."""
    (line, message), = problems('<rss version="2.0"><channel>\n<title>x</title></channel></rss',
                                ".rss")
    assert line == 2 and message.startswith("the file is not well-formed XML (")
    assert message.endswith("); a browser would not show it either; export it again")


def test_xslt_with_disable_output_escaping_is_named_on_its_line():
    text = ('<?xml version="1.0"?>\n<r xsl:version="1.0" '
            'xmlns:xsl="http://www.w3.org/1999/XSL/Transform">\n'
            '<xsl:text disable-output-escaping="yes">&lt;script&gt;</xsl:text>\n</r>')
    assert [line for line, _ in problems(text, ".xml")] == [2, 3]
    assert "disable-output-escaping is not allowed" in problems(text, ".xml")[1][1]


@pytest.mark.parametrize("text", [
    # as exported by Illustrator: an external DTD (never fetched) and entities of plain text
    '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
    '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [\n'
    '<!ENTITY ns_svg "http://www.w3.org/2000/svg">\n]>\n'
    '<svg xmlns="&ns_svg;" viewBox="0 0 10 10"><title>Logotyp</title>'
    '<style>.a{fill:#123}</style><rect class="a" width="10" height="10"/></svg>',
    SVG.format('<a href="https://example.se/"><image href="data:image/png;base64,iVBORw0KGgo="/></a>'),
    '<?xml version="1.0"?>\n<?xml-stylesheet type="text/css" href="lista.css"?>\n<lista/>',
    '<?xml version="1.0" encoding="iso-8859-1"?>\n<data><rad namn="\xe5r"/></data>',
])
def test_harmless_xml_and_svg_are_published(text):
    data = text.encode("latin-1") if "iso-8859-1" in text else text.encode("utf-8")
    assert document_problems(data, ".svg" if "<svg" in text else ".xml") == []


def test_an_entity_bomb_is_refused_quickly():
    entities = '<!ENTITY a "' + "x" * 100 + '">' + "".join(
        f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(9))
    bomb = f"<!DOCTYPE l [{entities}]>\n<l>&j;&j;&j;&j;</l>"
    (line, message), = problems(bomb, ".xml")
    assert "not well-formed XML" in message and "amplification" in message


def test_html_must_be_utf8_without_escape_sequences():
    assert problems("<p>\x1b$B<script>\x1b(B</p>", ".html")[0][1].startswith(
        "the file contains an escape character (U+001B)")
    (line, message), = [(p.line, p.message) for p in document_problems(
        "<p>Hej</p>\n<p>r\xe4tt</p>".encode("latin-1"), ".html")]
    assert line == 2 and message.startswith("the file is not UTF-8 text")


@pytest.mark.parametrize("suffix", [".exe", ".hta", ".bat", ".ps1", ".jar", ".apk", ".scr",
                                    ".msi", ".cmd", ".vbs", ".dll", ".sh", ".php"])
def test_program_files_are_a_warning(suffix):
    assert type_warning(suffix) == (
        f"files of type {suffix} are not among those published from the content folder "
        "(documents, images, sound and video, data), yet anyone could download this one from "
        "the site; remove it unless it must be published")
    assert type_problem(suffix) is None


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".xlsx", ".odt", ".csv", ".json", ".png",
                                    ".jpg", ".svg", ".webp", ".mp4", ".mp3", ".vtt", ".ics",
                                    ".geojson", ".zip", ".html", ".xml"])
def test_what_a_kommun_publishes_is_no_warning(suffix):
    assert suffix in PUBLISHED and type_warning(suffix) is None


def test_scripts_and_compressed_svg_are_errors():
    assert type_problem(".js").startswith("script files cannot be published")
    assert type_problem(".svgz").startswith("a compressed SVG (.svgz) cannot be checked")
    assert type_warning("").startswith("a file without a file type")
