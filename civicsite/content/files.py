"""What a page may refer to (contacts, hours, files), and file paths written in front matter
resolved to files of the content folder."""
from __future__ import annotations

from dataclasses import dataclass
import posixpath
import re
from typing import Optional

from civicsite.contacts.model import Contact
from civicsite.content.discover import SourceFile
from civicsite.core import fields as F
from civicsite.core.errors import did_you_mean
from civicsite.core.fields import Ctx
from civicsite.core.messages import _
from civicsite.hours.model import OpeningHours


@dataclass(frozen=True)
class Tables:
    """What pages may refer to, loaded before the pages."""

    contacts: dict[str, Contact]
    hours: dict[str, OpeningHours]
    assets: dict[str, SourceFile]   # by path inside the content folder


def content_file(src: SourceFile, tables: Tables, value: str, ctx: Ctx) -> Optional[str]:
    """A file path written relative to the page, checked to exist inside the content folder."""
    if value.startswith(("http://", "https://")):
        return value
    squashed = re.sub(r"[\s\x00-\x1f]", "", value).lower()
    if squashed.startswith(F.BAD_URL_SCHEMES):
        ctx.error(_('"{scheme}:" addresses are not allowed; use a file in the content folder or '
                    "an https:// address", scheme=squashed.split(":")[0]))
        return None
    if value.startswith("/"):
        joined = posixpath.normpath(value.lstrip("/"))
    else:
        joined = posixpath.normpath(posixpath.join(src.rel.parent.as_posix(), value))
    if joined == ".." or joined.startswith("../") or "\\" in value:
        ctx.error(_('"{value}" leads outside the content folder; put the file inside it',
                    value=value))
        return None
    if joined not in tables.assets:
        folder = posixpath.dirname(joined)
        near = [posixpath.relpath(a, src.rel.parent.as_posix() or ".") for a in tables.assets
                if posixpath.dirname(a) == folder]
        ctx.error(_('file "{value}" not found (looked for {path} in the content folder)',
                    value=value, path=joined) + did_you_mean(value, near))
        return None
    return joined
