"""``build --admin``: the admin at ``admin/`` — Decap CMS, served from the site itself (the
pinned bundle that ``npm ci --prefix admin --omit=dev`` installs, never a CDN), its generated
configuration, civicsite's preview and save rules, and its own Content-Security-Policy."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional
from urllib.parse import urlsplit

from markupsafe import Markup

from civicsite.content.site import Site
from civicsite.content.urls import COLORS_CSS, STATIC_DIR, asset_path
from civicsite.core.errors import Diagnostics
from civicsite.core.i18n import Translator
from civicsite.core.messages import _
from civicsite.core.paths import TEMPLATES
from civicsite.editor.cms import cms_config
from civicsite.render.hosting import HEADERS_FILE, headers_file
from civicsite.render.security import admin_csp, admin_headers
from civicsite.render.templates import environment

ADMIN_DIR = "admin"
PACKAGE = TEMPLATES.parent / "admin"                   # admin/package.json pins the versions
BUNDLE = PACKAGE / "node_modules" / "decap-cms" / "dist"
SCRIPT = "decap-cms.js"                                # the bundle's entry; it loads its chunks


class AdminBundleMissing(FileNotFoundError):
    """``--admin`` without the CMS installed: a setup problem, said in one line."""

    def __init__(self, folder: Path):
        super().__init__(2, _("Decap CMS is not installed; run `npm ci --prefix admin "
                              "--omit=dev` first"), str(folder))


def bundle_files(folder: Optional[Path] = None) -> dict[str, Path]:
    """The bundle's files to publish (its scripts, their chunks and WebAssembly; no source
    maps, no second copy under another name), by name; AdminBundleMissing when it is not
    installed."""
    folder = folder or BUNDLE
    if not (folder / SCRIPT).is_file():
        raise AdminBundleMissing(folder)
    return {p.name: p for p in sorted(folder.iterdir())
            if p.is_file() and (p.name.endswith(("decap-cms.js", ".wasm")) or
                                p.name == SCRIPT + ".LICENSE.txt")}


def origins(site: Site) -> tuple[str, ...]:
    """A self-managed Git host the admin talks to (site.yaml ``admin: api_root, auth_url``)."""
    admin = site.config.admin
    found = [admin.api_root, admin.auth_url if admin.backend == "gitlab" else None] if admin else []
    return tuple(f"{u.scheme}://{u.netloc}" for u in map(urlsplit, filter(None, found)))


def admin_outputs(site: Site, content: Path, repo_path: str, site_files: dict,
                  page_paths: list[str], folder: Optional[Path] = None) -> dict[str, object]:
    """Every file of ``admin/``, and ``_headers`` again with the admin's own rule."""
    config = cms_config(site, content, repo_path)
    names = " ".join(c["name"] for c in config["collections"] if "folder" in c)
    styles = " ".join("../" + site.published_path(p)
                      for p in (f"{STATIC_DIR}/site.css", COLORS_CSS))
    t = Translator(site.config.language)
    page = environment().get_template("admin/index.html").render(
        config=site.config, admin_csp=Markup(admin_csp(origins(site))), bundle=SCRIPT, styles=styles,
        collections=names, photo=t("photo"), published=t("published"), contact=t("contact_us"))
    out: dict[str, object] = {f"{ADMIN_DIR}/{name}": path
                              for name, path in bundle_files(folder).items()}
    out[f"{ADMIN_DIR}/index.html"] = page
    out[f"{ADMIN_DIR}/config.yml"] = config_text(config)
    out[f"{ADMIN_DIR}/civicsite-admin.js"] = TEMPLATES / "admin" / "civicsite-admin.js"
    everything = [*site_files, *page_paths, *out]
    out[HEADERS_FILE] = headers_file(site, {ADMIN_DIR: admin_headers(origins(site))}, everything)
    return out


def config_text(config: dict) -> str:
    """config.yml as JSON (which is YAML): readable, and written exactly as generated."""
    return ("# Made by civicsite build --admin from the content format; do not edit.\n"
            + json.dumps(config, ensure_ascii=False, indent=2) + "\n")


def repo_path(content: Path) -> str:
    """The content folder's path inside its Git repository (what the CMS commits to): from
    the repository's top (the folder holding ``.git``), else from here, else its name."""
    folder = content.resolve()
    for top in (folder, *folder.parents):
        if (top / ".git").exists():
            return folder.relative_to(top).as_posix()
    here = Path.cwd().resolve()
    return folder.relative_to(here).as_posix() if here in folder.parents else folder.name


def check_admin(site: Site, diag: Diagnostics) -> None:
    """A page or file published under admin/ would be replaced by the admin: an error."""
    taken = [p.source for p in site.pages if p.url.split("/")[0] == ADMIN_DIR] + \
        [a for a in site.assets if asset_path(a).split("/")[0] == ADMIN_DIR]
    for source in taken:
        diag.error(source.display, 1, "", _("the address admin/ belongs to the admin (build "
                                            "--admin); move this file into another folder"))
