"""The old addresses of moved pages (``aliases:``) as files: a small HTML page at each (made by
the templates) and ``_redirects`` (Netlify and Cloudflare Pages) for hosts that send a real 301."""
from __future__ import annotations

from urllib.parse import quote, urlsplit

from civicsite.content.aliases import Alias
from civicsite.content.pages import Page
from civicsite.content.site import Site
from civicsite.core.i18n import Translator
from civicsite.content.urls import root_of
from civicsite.render.templates import Helpers, environment

REDIRECTS_FILE = "_redirects"


def redirect_target(page: Page, a: Alias) -> str:
    """The page's address relative to the alias file, so it works under any base path."""
    return ("../" * a.output.count("/") + quote(page.url)) or "./"


def redirects_file(site: Site) -> str:
    """``_redirects``: ``/old /new 301`` per alias, with the base URL's path in front."""
    base = urlsplit(site.config.base_url).path or "/"
    lines = ["# Old addresses of moved pages (front matter `aliases:`); made by civicsite."]
    for page in site.pages:
        for a in page.aliases:
            lines.append(f"{quote(base + a.path)} {quote(base + page.url)} 301")
    return "\n".join(lines) + "\n"


def render_redirect(site: Site, page: Page, a: Alias) -> str:
    """The page at an old address (``aliases:``), linking to the page relatively."""
    t = Translator(site.language_of(page))
    target = redirect_target(page, a)
    return environment().get_template("redirect.html").render(
        config=site.config, t=t, page=page, target=target, root=root_of(a.output),
        canonical=site.config.base_url + page.url, h=Helpers(t, root_of(a.output), site))
