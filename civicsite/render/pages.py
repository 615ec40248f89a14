"""Step 4: pure rendering. ``render_page(site, page) -> str``; nothing here touches the disk
except Jinja reading templates (and, with a build cache, keeping them compiled there)."""
from __future__ import annotations

import html
import re
from typing import Callable, Optional

from jinja2 import Environment
from markupsafe import Markup

from civicsite.content.languages import EASY_READ_LANGUAGE, is_listed
from civicsite.content.links import url_rewriter
from civicsite.content.pages import Page
from civicsite.content.site import Site
from civicsite.core.i18n import Translator
from civicsite.markdown.body import render_markdown
from civicsite.markdown.directives import Directive
from civicsite.render import structured_data
from civicsite.render.images import body_pictures
from civicsite.render.navigation import current_strategy, site_children, upcoming_events
from civicsite.render.templates import Helpers, environment, jsonld_script, page_context


def _block_renderer(env: Environment, ctx: dict, page: Page) -> Callable[[Directive], str]:
    def render(d: Directive) -> str:
        block_id = f"block-{d.index}"
        if d.name == "contact":
            return ctx["h"].contact_block(ctx["site"].contacts[d.arg], 2)
        if d.name == "hours":
            return ctx["h"].hours_block(ctx["site"].hours[d.arg], 2, block_id)
        if d.name == "quote":
            return env.get_template("blocks/quote.html").render(ctx, quote=page.quotes[int(d.arg) - 1])
        people = page.participants
        return env.get_template("blocks/participants.html").render(
            ctx, title=people.title, people=people.people, level=2, block_id=block_id)
    return render


def render_page(site: Site, page: Page) -> str:
    """The HTML of one content page."""
    env = environment()
    ctx = page_context(site, page.url, page.title, language=site.language_of(page))
    rewrite = url_rewriter(page.source.rel, ctx["root"], site.page_urls, site.asset_paths,
                           site.fingerprints, page.url)
    body = render_markdown(page.body, page.directives, _block_renderer(env, ctx, page), rewrite)
    body = body_pictures(body, site, ctx["root"], first_eager=page.image is None)
    # a block the page already shows is not repeated in its footer
    shown_contacts = {c.id for c in page.contacts} | {d.arg for d in page.directives if d.name == "contact"}
    shown_hours = {s.id for s in page.hours} | {d.arg for d in page.directives if d.name == "hours"}
    ctx.update(page=page, body=Markup(body), listing=None,
               description=page.summary or excerpt(body) or site.config.description,
               footer_contacts=[c for c in site.config.footer_contacts if c.id not in shown_contacts],
               footer_hours=[s for s in site.config.footer_hours if s.id not in shown_hours],
               shown_participants=not any(d.name == "participants" for d in page.directives),
               end_quotes=[q for i, q in enumerate(page.quotes, 1) if str(i) not in
                           {d.arg for d in page.directives if d.name == "quote"}],
               jsonld=jsonld_script(structured_data.page_graph(site, page)),
               children=site_children(site, page) if page.url == "" else (),
               upcoming=upcoming_events(site) if page.url == "" else (),
               current_strategy=current_strategy(site) if page.url == "" else None,
               listed=is_listed(page, site.config.language),
               **version_links(site, page, ctx["h"]))
    return env.get_template(f"kinds/{page.kind}.html").render(ctx)


def version_links(site: Site, page: Page, h: Helpers) -> dict:
    """``alternates``: (hreflang, address) of every language version of the page and
    ``x-default`` (the one in the site's language), for ``<link rel="alternate">``;
    ``versions``: (text, link, language of the text) of the visible links near the top: the
    other languages ("In English", each in its own language), the lättläst version, or back
    from it to the ordinary page."""
    versions = site.versions.get(page.url)
    if versions is None:
        return {}
    base = site.config.base_url
    alternates = [(lang, base + p.url) for lang, p in versions.alternates]
    if versions.default is not None and len(alternates) > 1:
        alternates.append(("x-default", base + versions.default.url))
    links = [(Translator(lang)("language_link_" + lang), h.page_href(p), lang)
             for lang, p in versions.alternates if p is not page]
    if versions.easy_read is not None:
        links.append((h.t("easy_read_link"), h.page_href(versions.easy_read), EASY_READ_LANGUAGE))
    if versions.easy_read_of is not None:
        links.append((h.t("easy_read_back"), h.page_href(versions.easy_read_of),
                      site.language_of(versions.easy_read_of)))
    return {"alternates": alternates if len(alternates) > 1 else (), "versions": links}


_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
_TAG = re.compile(r"<[^>]+>")


def excerpt(body_html: str, limit: int = 160) -> Optional[str]:
    """The text of the body's first paragraph, cut at a word within ``limit`` characters: the
    description of a page that has no ``summary`` (search engines show it under the title)."""
    for match in _PARAGRAPH.finditer(body_html):
        text = " ".join(html.unescape(_TAG.sub("", match.group(1))).split())
        if len(text) < 20:  # a block token, a date line, a one-word paragraph
            continue
        if len(text) <= limit:
            return text
        cut = text[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:–-")
        return cut + "…"
    return None
