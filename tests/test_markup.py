"""civicsite.markup and civicsite.directives: Markdown to safe HTML with embedded blocks."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
import pytest

from civicsite.core.errors import Diagnostics
from civicsite.core.fields import Ctx
from civicsite.markdown.body import check_body, render_markdown
from civicsite.markdown.directives import Directive, scan


def html(body: str, first_line: int = 5) -> str:
    directives = scan(body, first_line)
    return render_markdown(body, directives, lambda d: f'<div class="blk">{d.name}:{d.arg}</div>')


# ---- sanitising ------------------------------------------------------------------------------

def test_script_removed_with_its_content():
    out = html("Hej\n\n<script>alert('x')</script>\n\nDå")
    assert "<script" not in out and "alert" not in out
    assert "<p>Hej</p>" in out and "<p>Då</p>" in out


def test_style_and_iframe_removed():
    out = html('<style>body{display:none}</style>\n\n<iframe src="https://evil.example"></iframe>\n\nText')
    assert "<style" not in out and "display:none" not in out
    assert "<iframe" not in out and "evil.example" not in out
    assert "<p>Text</p>" in out


def test_event_handlers_removed():
    out = html('<p onclick="alert(1)">Klick</p>\n\n<img src="a.png" alt="A" onerror="alert(2)">')
    assert "onclick" not in out and "onerror" not in out and "alert" not in out
    assert "Klick" in out
    assert '<img src="a.png" alt="A">' in out


@pytest.mark.parametrize("link", ["javascript:alert(1)", "JavaScript:alert(1)",
                                  "vbscript:msgbox(1)", "data:text/html,x"])
def test_script_links_lose_their_href(link):
    out = html(f"[klick]({link})")
    assert "href" not in out
    assert "klick" in out


def test_reference_style_script_link_loses_href():
    out = html("[klick][1]\n\n[1]: javascript:alert(1)")
    assert "href" not in out and "javascript" not in out


def test_allowed_tags_kept():
    out = html("## Rubrik\n\n**fet** *kursiv* `kod`\n\n- ett\n- två\n\n1. a\n2. b\n\n"
               "> citat\n\n[länk](https://www.example.se \"Titel\")")
    assert "<h2>Rubrik</h2>" in out
    assert "<strong>fet</strong>" in out and "<em>kursiv</em>" in out and "<code>kod</code>" in out
    assert "<ul>\n<li>ett</li>\n<li>två</li>\n</ul>" in out
    assert "<ol>\n<li>a</li>\n<li>b</li>\n</ol>" in out
    assert "<blockquote>\n<p>citat</p>\n</blockquote>" in out
    assert ('<a href="https://www.example.se" title="Titel" rel="noopener noreferrer">länk</a>'
            in out)


def test_mailto_and_tel_links_kept():
    out = html("[mejla](mailto:a@b.se) [ring](tel:+4622024000)")
    assert 'href="mailto:a@b.se"' in out and 'href="tel:+4622024000"' in out


def test_tables():
    out = html("| Dag | Tid |\n|-----|-----|\n| mån | 8–16 |\n")
    assert "<table>" in out
    assert "<th>Dag</th>" in out and "<th>Tid</th>" in out
    assert "<td>mån</td>" in out and "<td>8–16</td>" in out


def test_h1_demoted_to_h2():
    out = html("# Stor rubrik\n\nText\n\n<h1>Rå</h1>")
    assert "<h1" not in out and "</h1>" not in out
    assert "<h2>Stor rubrik</h2>" in out
    assert "<h2>Rå</h2>" in out


def test_disallowed_attributes_and_ids_dropped():
    out = html('<div class="x" style="color:red" id="main">Box</div>')
    assert 'style=' not in out and 'id="main"' not in out
    assert '<div class="x">Box</div>' in out


# ---- directives --------------------------------------------------------------------------------

def test_scan_finds_lines_outside_fences():
    body = ("Intro\n"
            "::: contact kundcenter\n"
            "```\n"
            "::: hours kundcenter\n"
            "```\n"
            "~~~\n"
            "::: contact inne\n"
            "```\n"
            "::: contact inne-ocksa\n"
            "~~~\n"
            ":::participants\n")
    assert scan(body, 10) == [Directive("contact", "kundcenter", 11, 1),
                              Directive("participants", "", 20, 10)]


def test_scan_needs_the_line_to_start_with_colons():
    assert scan("  ::: contact x\ntext ::: contact y\n", 1) == []


def test_directive_line_replaced_by_block():
    out = html("Före\n::: contact kundcenter\nEfter")
    assert out == '<p>Före</p>\n<div class="blk">contact:kundcenter</div>\n<p>Efter</p>'


def test_several_directives_each_replaced_once():
    out = html("::: hours kundcenter\n\n::: contact anna\n\n::: participants\n")
    assert out.count('<div class="blk">') == 3
    assert out.index("hours:kundcenter") < out.index("contact:anna") < out.index("participants:")
    assert "CIVICSITEBLOCK" not in out


def test_directive_in_fenced_code_is_not_replaced():
    out = html("```\n::: contact kundcenter\n```\n\n::: hours kundcenter\n")
    assert "<pre><code>::: contact kundcenter\n</code></pre>" in out
    assert out.count('<div class="blk">') == 1 and "hours:kundcenter" in out


def test_block_html_is_not_sanitised_but_body_is():
    directives = scan("<script>x</script>\n::: contact a\n", 1)
    out = render_markdown("<script>x</script>\n::: contact a\n", directives,
                          lambda d: '<section><script type="application/json">{}</script></section>')
    assert out.count("<script") == 1
    assert '<section><script type="application/json">{}</script></section>' in out


# ---- check_body --------------------------------------------------------------------------------

def test_check_body_reports_each_bad_link_on_its_line():
    diag = Diagnostics()
    body = ("Rad ett\n"
            "[a](javascript:alert(1))\n"
            "ok [b](https://x.se)\n"
            '<a href="VBScript:x">c</a>\n'
            "[d]( data:text/html,x)\n")
    check_body(body, 8, Ctx(diag, "content/sida.md"))
    assert diag.report() == [
        'content/sida.md:9: body: "javascript:" links are not allowed; link to an https:// address',
        'content/sida.md:11: body: "VBScript:" links are not allowed; link to an https:// address',
        'content/sida.md:12: body: "data:" links are not allowed; link to an https:// address',
    ]


def test_check_body_accepts_safe_text():
    diag = Diagnostics()
    check_body("Ordet javascript: i löptext är ok.\n[a](https://x.se/data:1)\n", 1,
               Ctx(diag, "c/s.md"))
    assert diag.report() == []


def test_check_body_reports_reference_definitions():
    diag = Diagnostics()
    check_body("[klick][1]\n\n[1]: JavaScript:alert(1)\n  [2]: <data:text/html,x>\n", 3,
               Ctx(diag, "c/s.md"))
    assert diag.report() == [
        'c/s.md:5: body: "JavaScript:" links are not allowed; link to an https:// address',
        'c/s.md:6: body: "data:" links are not allowed; link to an https:// address',
    ]


def _check_body_line_by_line(body: str, first_line: int, ctx: Ctx) -> None:
    """The plain definition check_body's whole-text shortcut must agree with."""
    import html as html_lib

    from civicsite.markdown.body import BAD_LINK, MAX_BRACKETS, MAX_DEPTH, UNIT_START
    from civicsite.markdown.directives import FENCE
    fenced, unit_line, brackets = False, 0, 0
    for i, line in enumerate(body.split("\n") + [""]):
        if FENCE.match(line):
            fenced = not fenced
        if fenced:
            continue
        if not line.strip() or UNIT_START.match(line):
            if brackets > MAX_BRACKETS:
                Ctx(ctx.diag, ctx.path, "body", first_line + unit_line).error(
                    f"this paragraph has {brackets} [ brackets; at most {MAX_BRACKETS} fit in one "
                    "paragraph or list item (more would make the build very slow); split it")
            unit_line, brackets = i, 0
        brackets += line.count("[")
        quotes = re.match(r"^(?:\s*>)*", line).group().count(">")
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
        if quotes > MAX_DEPTH or (indent > 4 * MAX_DEPTH and UNIT_START.match(line)):
            Ctx(ctx.diag, ctx.path, "body", first_line + i).error(
                f"lists or quotes are nested more than {MAX_DEPTH} levels deep here; "
                "use fewer levels")
            break
    for i, line in enumerate(body.split("\n")):
        m = BAD_LINK.search(line) or BAD_LINK.search(
            re.sub(r"[\t\n\r]", "", html_lib.unescape(line)))
        if m:
            Ctx(ctx.diag, ctx.path, "body", first_line + i).error(
                f'"{m.group(1)}:" links are not allowed; link to an https:// address')


LINK_PIECES = st.sampled_from(
    ["[" * 301, ">" * 16, " " * 64 + "- ", "\t" * 16 + "1. ", "[" * 150, ">" * 8, " " * 15,
     "\t" * 4, "\u3000" * 8, "\f", "[a](", "](", "[r]: ", "  [r]:", "href=", "src = '", "javascript", "JavaScript", "vbscript",
     "data", ":", " ", "\t", "\r", "\n", "&#106;", "&#x09;", "&#10;", "&amp;", "java", "script",
     "<", ">", "x", "https://x.se", "ſcrİpt", "ıpt", "DATA", "\u212a", "\n\n", "> ", "- ", "```\n", "[", "]"])


@settings(max_examples=500, deadline=None)
@given(st.lists(LINK_PIECES, max_size=30).map("".join))
def test_check_body_agrees_with_the_line_by_line_definition(body):
    ours, reference = Diagnostics(), Diagnostics()
    check_body(body, 4, Ctx(ours, "c/s.md"))
    _check_body_line_by_line(body, 4, Ctx(reference, "c/s.md"))
    assert ours.report() == reference.report()
