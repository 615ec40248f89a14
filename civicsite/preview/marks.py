"""What the preview adds to each page it serves, never to the output folder: its stylesheet and
live-reload script, a banner with the page's warnings and the errors elsewhere, "Utkast" or
"Publiceras <datum>" on a page the published site would not show and on every link to it, and
the error page of a page that cannot be built."""
from __future__ import annotations

import datetime as dt
from html import escape
import re
from typing import Optional
from urllib.parse import unquote, urljoin, urlsplit

from babel.dates import format_date, format_time

from civicsite.core import messages
from civicsite.core.errors import ContentError
from civicsite.core.messages import _
from civicsite.preview.status import Shown, Status
from civicsite.render.templates import environment

PREFIX = "/__civicsite/"
# a link as the templates write it: <a …href="…"…>text</a> (links do not nest)
_LINK = re.compile(r'(<a\b[^>]*?\bhref=")([^"]*)("[^>]*>)(.*?)(</a>)', re.S)
_BODY = re.compile(r"<body\b[^>]*>")
_H1 = re.compile(r"<h1\b")


def when(value) -> str:
    """A publish_date in the editor's language: ``1 december 2026``, ``… kl. 08.00``."""
    language = messages.language()
    day = value.date() if isinstance(value, dt.datetime) else value
    text = format_date(day, "d MMMM y", locale=language)
    if isinstance(value, dt.datetime):
        clock = format_time(value.time(), "HH.mm" if language == "sv" else "HH:mm", locale=language)
        text = _("{date} at {time}", date=text, time=clock)
    return text


def mark_text(shown: Shown) -> str:
    if shown.publish is not None:
        return _("To be published {date}", date=when(shown.publish))
    return _("Draft")


def decorate(html: str, url: str, status: Status, generation: int) -> str:
    """The page at ``url`` as the preview serves it."""
    html = _mark_links(html, url, status)
    own = status.shown.get(url)
    if own is not None and own.publish is not None:  # a draft has its label from the template
        label = f'<p class="civicsite-preview-label"><strong>{escape(mark_text(own))}</strong></p>'
        html = _H1.sub(lambda m: label + m.group(0), html, count=1)
    html = html.replace("</head>", f'<link rel="stylesheet" href="{PREFIX}preview.css"></head>', 1)
    banner = _banner(url, status)
    if banner:
        html = _BODY.sub(lambda m: m.group(0) + banner, html, count=1)
    return with_reload(html, generation)


def with_reload(html: str, generation: int) -> str:
    script = f'<script src="{PREFIX}reload.js" data-generation="{generation}"></script>'
    at = html.rfind("</body>")
    return html[:at] + script + html[at:] if at >= 0 else html + script


def _mark_links(html: str, url: str, status: Status) -> str:
    if not status.shown:
        return html
    base = "http://preview/" + url

    def mark(m: re.Match) -> str:
        target = _target(base, m.group(2))
        shown = status.shown.get(target) if target is not None else None
        if shown is None:
            return m.group(0)
        badge = f' <span class="civicsite-preview-mark">{escape(mark_text(shown))}</span>'
        return m.group(1) + m.group(2) + m.group(3) + m.group(4) + badge + m.group(5)
    return _LINK.sub(mark, html)


def _target(base: str, href: str) -> Optional[str]:
    """The page URL (``a/b/``) a link leads to inside the site; None for anchors on the same
    page and links elsewhere."""
    if not href or href.startswith("#"):
        return None
    parts = urlsplit(urljoin(base, unquote(href)))
    if parts.netloc != "preview":
        return None
    path = parts.path.lstrip("/")
    return path[:-len("index.html")] if path.endswith("index.html") else path


def _banner(url: str, status: Status) -> str:
    sections = []
    broken = {u: path for u, path in status.broken().items() if u != url}
    if broken:
        items = "".join(f'<li><a href="/{escape(u)}">{escape(path)}</a></li>'
                        for u, path in sorted(broken.items(), key=lambda i: i[1]))
        heading = _("Other pages have errors.")
        text = _("This page is shown as it was in the last good build; the pages below show "
                 "their errors.")
        sections.append(f"<p><strong>{escape(heading)}</strong> {escape(text)}</p><ul>{items}</ul>")
    advice = _("They do not stop the preview, but fix them before publishing: check --strict "
               "fails on warnings.")
    for heading, problems in ((_("Warnings on this page:"), status.warnings_of(url)),
                              (_("Warnings in the site's files:"), status.warnings_of(None))):
        if problems:
            items = "".join(f"<li><code>{escape(p.format())}</code></li>" for p in problems)
            sections.append(f"<p><strong>{escape(heading)}</strong> {escape(advice)}</p>"
                            f"<ul>{items}</ul>")
    if not sections:
        return ""
    label = escape(_("Preview"))
    return f'<aside class="civicsite-preview" aria-label="{label}">{"".join(sections)}</aside>'


def error_page(problems: list[ContentError], generation: int, whole_site: bool) -> str:
    """The page shown instead of a page with errors (or of every page, ``whole_site``)."""
    template = environment().get_template("serve_error.html")
    intro = _("The site could not be built. Fix the problems below and save the file; the page "
              "then comes back by itself.") if whole_site else \
        _("This page could not be built. Fix the problems below and save the file; the page then "
          "comes back by itself. The rest of the site can still be browsed.")
    return template.render(
        language=messages.language(), title=_("The content has errors"), intro=intro,
        how=_("Each line names the file, line number, field and what is wrong."),
        home=None if whole_site else _("Go to the home page"), problems=problems,
        generation=generation)
