"""An Atom feed (RFC 4287) of the site's dated pages, newest first (the listed ones: in the
site's language, no lättläst versions)."""
from __future__ import annotations

import datetime as dt
import html
import re

from civicsite.content.site import Site
from civicsite.core.clock import STOCKHOLM

FEED_PATH = "feed.xml"
LIMIT = 50


def _stamp(day: dt.date) -> str:
    return dt.datetime.combine(day, dt.time(), STOCKHOLM).isoformat()


def _changed(page) -> dt.date:
    """A page changes when it is published, reviewed and (news) updated."""
    return max(d for d in (page.date, page.reviewed.date if page.reviewed else None,
                           getattr(page.data, "updated", None)) if d)


# characters XML 1.0 does not allow at all (text fields refuse them: core.encoding.CONTROL)
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def escape(value: str) -> str:
    """XML character data: & < > escaped (as xml.sax.saxutils.escape, whose import pulls in
    urllib.request, a fifth of a one-page build's imports); a character XML cannot hold becomes
    U+FFFD, so the file always parses."""
    return NOT_XML.sub("\ufffd", html.escape(value, quote=False))


def _attr(value: str) -> str:
    return escape(value).replace('"', "&quot;")


def atom_feed(site: Site) -> str:
    """The feed as text; ``updated`` is the latest change of an entry, so rebuilds are identical."""
    cfg = site.config
    pages = sorted((p for p in site.listed if p.date and p.kind != "accessibility"),
                   key=lambda p: (p.date, p.url), reverse=True)[:LIMIT]
    updated = _stamp(max(_changed(p) for p in pages)) if pages else _stamp(site.build_date)
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{cfg.language}">',
             f"  <id>{escape(cfg.base_url)}</id>",
             f"  <title>{escape(cfg.title)}</title>",
             f"  <updated>{updated}</updated>",
             f'  <link rel="self" href="{_attr(cfg.base_url + FEED_PATH)}"/>',
             f'  <link rel="alternate" type="text/html" href="{_attr(cfg.base_url)}"/>',
             f"  <author><name>{escape(cfg.organisation.name)}</name></author>"]
    for page in pages:
        url = escape(cfg.base_url + page.url)
        lines += ["  <entry>", f"    <id>{url}</id>", f"    <title>{escape(page.title)}</title>",
                  f'    <link rel="alternate" type="text/html" href="{_attr(cfg.base_url + page.url)}"/>',
                  f"    <published>{_stamp(page.date)}</published>",
                  f"    <updated>{_stamp(_changed(page))}</updated>"]
        if page.summary:
            lines.append(f"    <summary>{escape(page.summary)}</summary>")
        lines += [f'    <category term="{_attr(tag)}"/>' for tag in page.tags]
        lines.append("  </entry>")
    return "\n".join(lines + ["</feed>", ""])
