"""What a body asks for that the published page would not show as written: images without a
text alternative (an error: WCAG 1.1.1), raw HTML the sanitiser removes, and attribute lists
(``{: lang=en }``) that Markdown prints as text (warnings, with what to write instead). Each
is reported on its line; code (fenced blocks and `inline code`) is left alone."""
from __future__ import annotations

import html
import re
from typing import Iterator

from civicsite.core.fields import Ctx
from civicsite.core.messages import _
from civicsite.markdown.body import ALLOWED_TAGS, converter
from civicsite.markdown.directives import unfenced

MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(")
HTML_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
ALT_ATTR = re.compile(r"\balt\s*=", re.IGNORECASE)
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])([^<>]*)>")
ANGLE_LINK = re.compile(r"\]\([ \t]*<[^>\n]*>")
EVENT_ATTR = re.compile(r"\s(on[a-z]+)\s*=", re.IGNORECASE)
STYLE_ATTR = re.compile(r"\sstyle\s*=", re.IGNORECASE)
# `{: #id .class key=value }` as attr_list reads it (the colon is optional)
ATTR_LIST = re.compile(r"\{:?[ \t]*(?:(?:[.#][\w-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+))[ \t]*)+\}")
FORMS = {"form", "input", "button", "select", "option", "textarea", "label", "fieldset"}
EMBEDS = {"iframe", "embed", "object", "video", "audio", "source", "track", "frame", "frameset",
          "canvas", "svg", "math"}
SCRIPTS = {"script", "noscript", "template"}
STYLES = {"style", "link", "font", "center", "u", "big", "marquee", "blink"}


def check_markup(body: str, first_line: int, ctx: Ctx) -> None:
    """Every check of this module on a body whose first line is ``first_line`` of the file."""
    if "<" not in body and "![" not in body and "{" not in body:
        return  # nothing any of them looks for: the quick test before the line-by-line scan
    lines = list(_text_lines(body, first_line))
    if "![" in body or "<" in body:
        check_images(lines, ctx)
    if "<" in body:
        check_raw_html(lines, ctx)
    if "{" in body:
        check_attribute_lists(body, lines, ctx)


def _text_lines(body: str, first_line: int) -> Iterator[tuple[int, str]]:
    """(file line, text) of the lines outside fenced code, with `inline code` blanked out."""
    for i, line in unfenced(body):
        if "`" in line:
            line = CODE_SPAN.sub(lambda m: " " * len(m.group()), line)
        yield first_line + i, line


def _at(ctx: Ctx, line: int) -> Ctx:
    return Ctx(ctx.diag, ctx.path, _("body"), line)


def check_images(lines: list[tuple[int, str]], ctx: Ctx) -> None:
    """An image without a text alternative is an error, as it is in the front matter."""
    for number, line in lines:
        for m in MD_IMAGE.finditer(line):
            if not m.group(1).strip():
                _at(ctx, number).error(_(
                    "an image without alt text: write what it shows between the brackets, "
                    '![Så här ser det ut](bild.png); an image that is pure decoration is written '
                    '<img src="bild.png" alt="">'))
        for m in HTML_IMG.finditer(line):
            if not ALT_ATTR.search(m.group(0)):
                _at(ctx, number).error(_(
                    'an <img> without alt: add alt="what it shows" (alt="" if it is decoration)'))


def check_raw_html(lines: list[tuple[int, str]], ctx: Ctx) -> None:
    """HTML the sanitiser removes is a warning naming the tag and what to write instead (the
    first such tag of a line: `<form><input>` is one mistake)."""
    for number, line in lines:
        if "](" in line:  # a link written [text](<address>) is no tag
            line = ANGLE_LINK.sub("](", line)
        message = next((m for m in (_removed(t.group(1).lower(), t.group(2))
                                    for t in TAG.finditer(line)) if m), "")
        if message:
            _at(ctx, number).warn(message)


# what each group of removed tags is told to do instead
_INSTEAD = (
    (FORMS, lambda tag: _("{tag} is removed when the page is published (a page cannot hold a "
                          "form); link to the form instead, e.g. [Anmäl dig](https://…)", tag=tag)),
    (EMBEDS, lambda tag: _("{tag} is removed when the page is published (embedded content is not "
                           "allowed); link to it instead, e.g. [Se filmen](https://…)", tag=tag)),
    (SCRIPTS, lambda tag: _("{tag} is removed when the page is published (the site runs only its "
                            "own scripts); delete it", tag=tag)),
    (STYLES, lambda tag: _("{tag} is removed when the page is published (the site's design "
                           "applies to every page); use Markdown: **bold**, *italic*, ## headings",
                           tag=tag)),
)


def _removed(tag: str, attributes: str) -> str:
    """Why ``<tag attributes>`` does not reach the published page, or "" when it does."""
    shown = f"<{tag}>"
    for tags, message in _INSTEAD:
        if tag in tags:
            return message(shown)
    if tag not in ALLOWED_TAGS:
        return _("{tag} is removed when the page is published (only the text inside it is "
                 "kept); write the text in Markdown instead", tag=shown)
    event = EVENT_ATTR.search(attributes)
    if event:
        return _("the attribute {attribute}= on {tag} is removed when the page is published "
                 "(the site runs only its own scripts); delete it",
                 attribute=event.group(1).lower(), tag=shown)
    if STYLE_ATTR.search(attributes):
        return _("the attribute style= on {tag} is removed when the page is published (the "
                 "site's design applies to every page); delete it", tag=shown)
    return ""


def check_attribute_lists(body: str, lines: list[tuple[int, str]], ctx: Ctx) -> None:
    """``{: lang=en }`` that Markdown does not attach to anything is printed as it is: a warning.
    Whether it is attached is asked of Markdown itself (the body is converted, unsanitised)."""
    found = [(number, m.group()) for number, line in lines for m in ATTR_LIST.finditer(line)]
    if not found:
        return
    shown = html.unescape(converter().reset().convert(body))
    for number, written in found:
        if written in shown:
            _at(ctx, number).warn(_(
                "{written} is printed as text; to set the language of a paragraph, write it on "
                "its own line right under the paragraph (no empty line between), or at the end "
                "of a heading", written=written))
