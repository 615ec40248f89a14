"""Files of the content folder that a browser opens as documents of the site (HTML, XHTML, XML,
SVG), and the types of files published at all.

A document file is parsed as a browser parses it — HTML by html5lib (the WHATWG algorithm, with
scripting on, as in a browser that would run a script), XML and SVG by lxml (libxml2, the XML
parser of Chromium, internal entities expanded and DTD attribute defaults applied, nothing
fetched) — and every element, attribute and processing instruction of the result is checked.
It is refused when it could run a script (script elements, event handlers, javascript: and
vbscript: addresses, animations of those), embed another document (frames, objects,
foreignObject, data: addresses other than raster images), transform itself (XSLT, an
xml-stylesheet of that kind) or enter the site's search as a fake page (data-pagefind-*).
Refusing is the only choice that works everywhere: GitHub and GitLab Pages send no header that
could make such a file a download or take its scripts away.

Any other file is copied as it is; one whose type is not among those a kommun publishes
(documents, images, sound and video, data) is a warning naming it.
"""
from __future__ import annotations

from dataclasses import dataclass
import re
from typing import Iterator, Optional

from civicsite.core.messages import _

HTML_SUFFIXES = (".html", ".htm", ".shtml")
XML_SUFFIXES = (".svg", ".xml", ".xhtml", ".xht", ".xsl", ".xslt", ".rss", ".atom", ".rdf",
                ".kml", ".gpx", ".mml")
DOCUMENT_SUFFIXES = HTML_SUFFIXES + XML_SUFFIXES
SCRIPT_SUFFIXES = (".js", ".mjs", ".cjs", ".wasm")
UNCHECKABLE = (".svgz",)  # compressed: a host may serve it as an SVG document
#: the file types published from the content folder without a warning, by what they are
PUBLISHED_TYPES = {
    "documents": (".pdf", ".txt", ".rtf", ".doc", ".docx", ".odt", ".xls", ".xlsx", ".ods",
                  ".ppt", ".pptx", ".odp", ".epub"),
    "images": (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".tif", ".tiff",
               ".bmp", ".ico", ".heic"),
    "sound and video": (".mp3", ".m4a", ".aac", ".oga", ".ogg", ".opus", ".wav", ".flac",
                        ".mp4", ".m4v", ".webm", ".ogv", ".mov", ".vtt", ".srt"),
    "data": (".csv", ".tsv", ".json", ".geojson", ".xml", ".gpx", ".kml", ".kmz", ".ics",
             ".vcf", ".zip"),
    "web pages": HTML_SUFFIXES + (".xhtml", ".xht"),
}
PUBLISHED = frozenset(s for suffixes in PUBLISHED_TYPES.values() for s in suffixes)
MAX_HTML_BYTES = 5 * 1024 * 1024  # html5lib reads about a megabyte a second

EMBEDDING = frozenset({"script", "iframe", "frame", "frameset", "object", "embed", "applet",
                       "portal", "foreignobject", "handler", "listener"})
XSLT = "http://www.w3.org/1999/XSL/Transform"
SQUASH = re.compile(r"[\s\x00-\x1f]+")
SCRIPT_SCHEME = re.compile(r"(javascript|vbscript):")
RASTER_DATA = re.compile(r"data:image/(?:png|jpe?g|gif|webp)[;,]")


@dataclass(frozen=True)
class Problem:
    """Why a file cannot be published, and the line in it."""

    message: str
    line: int = 1


def field_of(suffix: str) -> str:
    """The field a document's problems are reported under: svg, html or xml."""
    return _("svg") if suffix == ".svg" else _("html") if suffix in HTML_SUFFIXES else _("xml")


def type_problem(suffix: str) -> Optional[str]:
    """Why a file of this type may not be published at all (an error), or None."""
    if suffix in SCRIPT_SUFFIXES:
        return _("script files cannot be published from the content folder; the site runs only "
                 "its own scripts")
    if suffix in UNCHECKABLE:
        return _("a compressed SVG (.svgz) cannot be checked for scripts; publish it "
                 "uncompressed, as .svg")
    return None


def type_warning(suffix: str) -> Optional[str]:
    """A warning for a file type outside those a kommun publishes, or None."""
    if suffix in PUBLISHED:
        return None
    if not suffix:
        return _("a file without a file type (such as .pdf) is not among those published from "
                 "the content folder, yet anyone could download it from the site; remove it, or "
                 "give it the ending of its type")
    return _("files of type {suffix} are not among those published from the content folder "
             "(documents, images, sound and video, data), yet anyone could download this one "
             "from the site; remove it unless it must be published", suffix=suffix)


def document_problems(data: bytes, suffix: str) -> list[Problem]:
    """Everything in a document file that could script, embed or transform (empty: safe)."""
    if suffix in HTML_SUFFIXES:
        problems = _html_problems(data)
    else:
        problems = _xml_problems(data)
    return list(dict.fromkeys(problems))  # one message per problem and line


def _html_problems(data: bytes) -> list[Problem]:
    if len(data) > MAX_HTML_BYTES:
        return [Problem(_("the file is too large to be checked for scripts ({size} KiB; at most "
                          "{limit} KiB); split it, or publish it as a PDF",
                          size=len(data) // 1024, limit=MAX_HTML_BYTES // 1024), 1)]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return [Problem(_("the file is not UTF-8 text; save it again with the encoding UTF-8"),
                        data.count(b"\n", 0, exc.start) + 1)]
    if "\x1b" in text:  # an escape sequence: another encoding (ISO-2022-JP) could hide markup
        return [Problem(_("the file contains an escape character (U+001B); save it again as "
                          "UTF-8 text"), text.count("\n", 0, text.index("\x1b")) + 1)]
    problems = []
    for name, attributes, line in _start_tags(text):
        problems += _problems(name, "", attributes, line)
    return problems


def _start_tags(text: str) -> list[tuple[str, dict, int]]:
    """(name, attributes, line) of every start tag, as a browser running scripts tokenizes the
    text: html5lib's parser drives its tokenizer (after <noscript>, <textarea>, <svg> …), and
    every element and attribute of the document comes from one of these tags."""
    from html5lib import html5parser
    from html5lib._tokenizer import HTMLTokenizer
    from html5lib.constants import tokenTypes

    tags: list[tuple[str, dict, int]] = []

    class Tokenizer(HTMLTokenizer):
        def emitCurrentToken(self) -> None:
            token = self.currentToken
            super().emitCurrentToken()
            if token["type"] == tokenTypes["StartTag"]:
                tags.append((token["name"], dict(token["data"]), self.stream.position()[0]))

    class Parser(html5parser.HTMLParser):
        def _parse(self, stream, innerHTML=False, container="div", scripting=False, **kwargs):
            # html5lib's own _parse (1.1), with the tokenizer above
            self.innerHTMLMode, self.container, self.scripting = innerHTML, container, scripting
            self.tokenizer = Tokenizer(stream, parser=self, **kwargs)
            self.reset()
            try:
                self.mainLoop()
            except html5parser._ReparseException:
                self.reset()
                self.mainLoop()

    Parser().parse(text, scripting=True)
    return tags


def _xml_problems(data: bytes) -> list[Problem]:
    """As a browser reads the file: the internal DTD subset applied (its entities expanded, its
    attribute defaults added), nothing outside the file loaded (an external DTD or entity reads
    as empty), an entity bomb refused by libxml2's amplification limit."""
    from lxml import etree

    class NothingOutside(etree.Resolver):
        def resolve(self, url, public_id, context):
            return self.resolve_string("", context)

    parser = etree.XMLParser(resolve_entities=True, load_dtd=True, attribute_defaults=True,
                             no_network=True, huge_tree=False)
    parser.resolvers.add(NothingOutside())
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        return [Problem(_("the file is not well-formed XML ({problem}); a browser would not "
                          "show it either; export it again", problem=exc.msg), exc.lineno or 1)]
    problems = _markup_entities(root, data)
    if problems:  # what they expand to would be reported on no line of its own
        return problems
    for node in [*root.itersiblings(preceding=True), *root.iter(), *root.itersiblings()]:
        if isinstance(node, etree._ProcessingInstruction):
            problems += _instruction(node.target, node.get("type") or "", node.sourceline or 1)
        elif isinstance(node.tag, str):  # an element (not a comment)
            qname = etree.QName(node)
            problems += _problems(qname.localname, qname.namespace or "", dict(node.attrib),
                                  node.sourceline or 1)
    return problems


def _markup_entities(root, data: bytes) -> list[Problem]:
    """Entities of the internal DTD subset that hold markup: refused where they are declared."""
    dtd = root.getroottree().docinfo.internalDTD
    problems = []
    for entity in dtd.iterentities() if dtd is not None else ():
        if "<" in (entity.content or ""):
            at = data.find(b"<!ENTITY " + entity.name.encode("utf-8"))
            problems.append(Problem(_("the entity {name} holds markup, which could hide a script; "
                                      "write the text out instead of the entity",
                                      name=entity.name), data.count(b"\n", 0, max(at, 0)) + 1))
    return problems


def _instruction(target: str, kind: str, line: int) -> list[Problem]:
    if target == "xml-stylesheet" and kind.strip().lower() != "text/css":
        return [Problem(_('<?xml-stylesheet?> of type "{type}" is not allowed: a browser would '
                          "run it as a stylesheet that transforms the file (XSLT), which can "
                          "write scripts; remove it", type=kind), line)]
    return []


def _problems(local: str, namespace: str, attributes: dict, line: int) -> Iterator[Problem]:
    """What one element (its local name, namespace and attributes) may not have."""
    if local.lower() in EMBEDDING:
        yield Problem(_("<{tag}> is not allowed in a published file: it runs a script or embeds "
                        "another document; remove it", tag=local), line)
    if (namespace == XSLT and local in ("stylesheet", "transform")) or f"{{{XSLT}}}version" in attributes:
        yield Problem(_("XSLT stylesheets cannot be published: they can turn any text into a "
                        "script; publish the result as a PDF or a page instead"), line)
    for name, value in attributes.items():
        yield from _attribute(name.rpartition("}")[2].rpartition(":")[2].lower(), name, value,
                              line)


def _attribute(local: str, name: str, value: str, line: int) -> Iterator[Problem]:
    shown = name.rpartition("}")[2]
    if local.startswith("on") or (local == "attributename" and value.strip().lower().startswith("on")):
        yield Problem(_('the event handler {attribute} is not allowed in a published file: it '
                        "runs a script; remove it", attribute=shown if local != "attributename"
                        else value.strip()), line)
    elif local == "disable-output-escaping":
        yield Problem(_("disable-output-escaping is not allowed: it lets a stylesheet (XSLT) "
                        "write scripts; remove it"), line)
    elif local.startswith("data-pagefind"):
        yield Problem(_("{attribute} is not allowed in a published file: it would put the file "
                        "into the site's search as if it were a page; remove it",
                        attribute=shown), line)
    squashed = SQUASH.sub("", value).lower()
    scheme = SCRIPT_SCHEME.search(squashed)
    if scheme:
        yield Problem(_('"{scheme}:" addresses are not allowed in a published file ({attribute}); '
                        "they run a script; remove the link", scheme=scheme.group(1),
                        attribute=shown), line)
    elif squashed.startswith("data:") and not RASTER_DATA.match(squashed):
        yield Problem(_('"data:" addresses are not allowed in a published file ({attribute}), '
                        "except for PNG, JPEG, GIF and WebP images: they can hold another "
                        "document with scripts; remove it", attribute=shown), line)
