"""Markdown bodies to safe HTML: Python-Markdown, then an nh3 allow-list, then the blocks."""
from __future__ import annotations

from functools import lru_cache
import hashlib
import html
import re
from typing import Callable, Sequence

import markdown
import nh3

from civicsite.core.fields import Ctx
from civicsite.core.messages import _
from civicsite.markdown import fast_blocks, fast_inline, fast_pre
from civicsite.markdown.directives import FENCE, Directive

EXTENSIONS = ["tables", "fenced_code", "sane_lists", "attr_list", "footnotes"]
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl",
    "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li",
    "ol", "p", "pre", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"}, "img": {"src", "alt", "width", "height", "title"},
    "th": {"scope", "colspan", "rowspan"}, "td": {"colspan", "rowspan"}, "abbr": {"title"},
    "ol": {"start"}, "li": {"id"}, "sup": {"id"}, "div": {"class"}, "span": {"lang"},
    "*": {"lang"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
BAD_LINK = re.compile(r"(?:\]\(\s*<?|^\s{0,3}\[[^\]]+\]:\s*<?|(?:href|src)\s*=\s*[\"']?\s*)"
                      r"(javascript|vbscript|data)\s*:", re.IGNORECASE)
BAD_LINK_ANYWHERE = re.compile(BAD_LINK.pattern, re.IGNORECASE | re.MULTILINE)
SCRIPTISH = re.compile(r"(?:script|data)\s*:")  # in case-folded text: what every BAD_LINK ends with


def _may_have_bad_link(text: str) -> bool:
    """False only when BAD_LINK cannot match: the quick test before the slow search. Case-folded
    as `re.IGNORECASE` compares (where "ı" and "İ" match "i" too)."""
    folded = text.casefold()
    if "ı" in folded or "\u0307" in folded:
        folded = folded.replace("ı", "i").replace("\u0307", "")
    return ("script" in folded or "data" in folded) and SCRIPTISH.search(folded) is not None


def _decodes(text: str) -> bool:
    """Whether ``text`` may read otherwise with character references decoded and tabs and
    line breaks dropped (three scans for a character, far quicker than one regex search)."""
    return "&" in text or "\t" in text or "\r" in text


# Python-Markdown's time grows with the square of the `[`, of unclosed backticks and of emphasis
# marks in one paragraph, and its recursion with the depth of lists: beyond these bounds (far
# beyond any real page) a body is refused, so that a pasted or hostile text cannot make the build
# hang or crash (80 KB of unclosed backticks took 42 s, and the same in stock Python-Markdown).
MAX_BRACKETS = 300      # `[` in one paragraph or list item
MAX_BACKTICKS = 300     # ` in one paragraph or list item
MAX_EMPHASIS = 2000     # * and _ in one paragraph or list item
MAX_DEPTH = 15          # nested lists or block quotes
UNIT_START = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|\||>|#)")
QUOTES = re.compile(r"^(?:\s*>)*")
# an indent beyond 4 * MAX_DEPTH columns takes at least this many whitespace characters (a tab
# is at most 4 columns); across blank lines it may also match, which only costs the slow check
DEEP_INDENT = re.compile(r"^\s{%d}" % (MAX_DEPTH + 1), re.MULTILINE)


def check_body(body: str, first_line: int, ctx: Ctx) -> None:
    """Links in the text with script or data URLs are errors, on their own line; so are
    paragraphs and nesting that would make Markdown hang or crash."""
    lines = body.split("\n")
    if body.count("[") > MAX_BRACKETS or body.count("`") > MAX_BACKTICKS or \
            body.count("*") + body.count("_") > MAX_EMPHASIS or body.count(">") > MAX_DEPTH or \
            DEEP_INDENT.search(body):
        _check_shape(lines, first_line, ctx)  # else no paragraph or nesting can be beyond them
    # One search over the whole text finds every match a line-by-line search would (and a few
    # more across lines): only when it finds one are the lines searched one by one.
    raw_hit = _may_have_bad_link(body) and BAD_LINK_ANYWHERE.search(body) is not None
    if not raw_hit and not _decodes(body):
        return
    for i, line in enumerate(lines):
        # as a browser reads it: character references decoded, tabs and line breaks in URLs
        # dropped (a line without & \t \r reads the same decoded)
        m = (raw_hit and BAD_LINK.search(line)) or (
            _decodes(line) and BAD_LINK.search(re.sub(r"[\t\n\r]", "", html.unescape(line))))
        if m:
            Ctx(ctx.diag, ctx.path, _("body"), first_line + i).error(
                _('"{scheme}:" links are not allowed; link to an https:// address',
                  scheme=m.group(1)))


def render_markdown(body: str, directives: Sequence[Directive],
                    render_block: Callable[[Directive], str],
                    rewrite_url: Callable[[str], str] = lambda url: url) -> str:
    """The body as sanitised HTML with each directive line replaced by its rendered block;
    ``rewrite_url`` maps the editor's relative links to published addresses."""
    nonce = hashlib.sha256(body.encode()).hexdigest()[:12]
    lines = body.split("\n")
    tokens = {}
    for n, d in enumerate(directives):
        token = f"CIVICSITEBLOCK{n}X{nonce}"
        tokens[token] = d
        lines[d.index] = f"\n{token}\n"
    html = converter().reset().convert("\n".join(lines))
    html = re.sub(r"<(/?)h1\b", r"<\1h2", html)  # the page title is the only h1
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                      url_schemes=URL_SCHEMES, link_rel="noopener noreferrer",
                      strip_comments=True, attribute_filter=_links(rewrite_url))
    for token, d in tokens.items():  # after sanitising: blocks are trusted template output
        clean = clean.replace(f"<p>{token}</p>", render_block(d)).replace(token, "")
    return clean


@lru_cache(maxsize=1)
def converter() -> markdown.Markdown:
    """One converter per process (building one costs as much as converting a page); ``reset()``
    before each use clears what it keeps between documents (footnotes, references)."""
    return fast_pre.install(fast_blocks.install(fast_inline.install(
        markdown.Markdown(extensions=EXTENSIONS, output_format="html"))))


def _links(rewrite_url: Callable[[str], str]) -> Callable[[str, str, str], str]:
    def attribute_filter(tag: str, attribute: str, value: str) -> str:
        return rewrite_url(value) if (tag, attribute) in (("a", "href"), ("img", "src")) else value
    return attribute_filter



def _check_shape(lines: list[str], first_line: int, ctx: Ctx) -> None:
    fenced, unit_line, counts = False, 0, [0, 0, 0]
    for i, line in enumerate(lines + [""]):
        if FENCE.match(line):
            fenced = not fenced
        if fenced:
            continue
        unit = UNIT_START.match(line)
        if unit or not line.strip():
            _check_marks(counts, Ctx(ctx.diag, ctx.path, _("body"), first_line + unit_line))
            unit_line, counts = i, [0, 0, 0]
        counts[0] += line.count("[")
        counts[1] += line.count("`")
        counts[2] += line.count("*") + line.count("_")
        quotes = QUOTES.match(line).group().count(">") if ">" in line else 0
        if quotes > MAX_DEPTH or (unit and _indent(line) > 4 * MAX_DEPTH):
            Ctx(ctx.diag, ctx.path, _("body"), first_line + i).error(_(
                "lists or quotes are nested more than {limit} levels deep here; use fewer levels",
                limit=MAX_DEPTH))
            return


def _check_marks(counts: list[int], ctx: Ctx) -> None:
    """One paragraph's `[`, backticks and emphasis marks against their bounds."""
    brackets, backticks, emphasis = counts
    if brackets > MAX_BRACKETS:
        ctx.error(_("this paragraph has {count} [ brackets; at most {limit} fit in one paragraph "
                    "or list item (more would make the build very slow); split it",
                    count=brackets, limit=MAX_BRACKETS))
    if backticks > MAX_BACKTICKS:
        ctx.error(_("this paragraph has {count} ` backticks; at most {limit} fit in one paragraph "
                    "or list item (more would make the build very slow); split it, or put the "
                    "text in a code block (a line ``` before and after it)",
                    count=backticks, limit=MAX_BACKTICKS))
    if emphasis > MAX_EMPHASIS:
        ctx.error(_("this paragraph has {count} * and _ marks; at most {limit} fit in one "
                    "paragraph or list item (more would make the build very slow); split it",
                    count=emphasis, limit=MAX_EMPHASIS))


def _indent(line: str) -> int:
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip())
