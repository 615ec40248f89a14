"""The admin's configuration (Decap CMS ``config.yml``), generated on every ``build --admin`` from
the Records that the validator and the JSON Schemas read, and from the site as it is: one
collection per page kind and folder, ids to pick from contacts.yaml and hours.yaml, and forms for
site.yaml and for every contact and opening-hours schedule that the data files hold.

Nothing here is kept by hand: a kind added to content/kinds.py, or a field added to a Record,
is in the next admin (tests/test_cms.py compares the two field by field)."""
from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any, Optional

import yaml

from civicsite.contacts.model import CONTACT
from civicsite.content.admin import AdminSettings
from civicsite.content.kinds import KINDS
from civicsite.content.pages import front_matter_record
from civicsite.content.site import SITE, Site
from civicsite.core.messages import N_, _, translate
from civicsite.core.records import json_schema
from civicsite.core.yaml_read import LOADER
from civicsite.editor.cms_fields import Widget, field, record_fields, schema_fields
from civicsite.editor.new_page import FOLDERS
from civicsite.hours.parse import SCHEDULE, hours_value

LOCAL_BACKEND = "http://localhost:8081/api/v1"  # decap-server's default (admin/package.json)
# What the admin calls each kind (the kind's name when it is not here: a new kind still works)
KIND_LABELS = {"page": N_("Pages"), "strategy": N_("Strategies"), "workshop": N_("Workshops"),
               "sprint": N_("Company visit sprints"), "accessibility": N_("Accessibility statement"),
               "news": N_("News")}
# site.yaml fields the admin does not show: where the admin itself commits is IT's to change
NOT_IN_FORMS = {"site.yaml": ("admin",)}


def cms_config(site: Site, content: Path, repo_path: str) -> dict[str, Any]:
    """The whole configuration; ``repo_path`` is the content folder's path inside the
    repository (``content``), ``content`` where it is on this disk (for the data files' ids)."""
    admin = site.config.admin
    config: dict[str, Any] = {"backend": backend(admin), "local_backend": True}
    if admin is None or admin.review:
        config["publish_mode"] = "editorial_workflow"
    config.update({
        "locale": "sv",
        "site_url": site.config.base_url,
        "display_url": site.config.base_url,
        "media_folder": repo_path,  # the default; every collection keeps files beside its pages
        "public_folder": "",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": page_collections(site, repo_path) + [data_files(site, content, repo_path)],
    })
    return config


def backend(admin: Optional[AdminSettings]) -> dict[str, Any]:
    """Decap's ``backend``: GitHub (sign-in through the kommun's OAuth client), GitLab (PKCE),
    or, without ``admin:`` in site.yaml, only the local backend (decap-server)."""
    if admin is None:
        return {"name": "proxy", "proxy_url": LOCAL_BACKEND, "branch": "main"}
    out: dict[str, Any] = {"name": admin.backend, "repo": admin.repo, "branch": admin.branch}
    if admin.backend == "gitlab":
        out.update(auth_type="pkce", app_id=admin.app_id)
    if admin.auth_url:
        out["base_url"] = admin.auth_url.rstrip("/")
    if admin.api_root:
        out["api_root"] = admin.api_root.rstrip("/")
    out["squash_merges"] = True
    return out


def kind_folders(site: Site) -> dict[str, list[str]]:
    """Each kind's folders (inside the content folder): where its pages are, else where
    ``civicsite new`` puts the first one."""
    found: dict[str, set[str]] = {k: set() for k in KINDS}
    for page in site.pages:
        found[page.kind].add(PurePosixPath(page.source.key).parent.as_posix().strip("."))
    return {k: sorted(found[k]) or [FOLDERS.get(k, "")] for k in KINDS}


def page_collections(site: Site, repo_path: str) -> list[dict[str, Any]]:
    """One collection per kind and folder; a folder with pages of several kinds shows each
    collection only its own (``filter`` on ``kind``)."""
    kinds_in: dict[str, set[str]] = {}
    for page in site.pages:
        kinds_in.setdefault(PurePosixPath(page.source.key).parent.as_posix().strip("."),
                            set()).add(page.kind)
    choices = ids(site)
    out = []
    for kind, folders in kind_folders(site).items():
        record = front_matter_record(kind)
        described = {"const": kind, "description": record.fields["kind"].description}
        fields = [field("kind", described, False, {})] + \
            record_fields(record, choices, skip=("kind",)) + [body_field()]
        for folder in folders:
            out.append(_collection(site, kind, folder, repo_path, fields,
                                   kinds_in.get(folder, set()) - {kind}))
    return out


def _collection(site: Site, kind: str, folder: str, repo_path: str, fields: list[Widget],
                others: set[str]) -> dict[str, Any]:
    label = translate(KIND_LABELS[kind]) if kind in KIND_LABELS else kind
    where = folder + "/" if folder else _("top level")
    out: dict[str, Any] = {
        "name": f"{kind}-{folder.replace('/', '-') or 'top'}",
        "label": f"{label} ({where})",
        "label_singular": label,
        "folder": "/".join(p for p in (repo_path, folder) if p),
        "extension": "md", "format": "frontmatter",
        "create": not (kind == "accessibility" and site.accessibility_page is not None),
        "slug": "{{slug}}",
        "summary": "{{title}}",
        "media_folder": "", "public_folder": "",  # pictures and documents beside the page
        "preview_path": "/".join(p for p in (folder, "{{slug}}") if p) + "/",
        "sortable_fields": ["title", "date"],
        "fields": fields,
    }
    if others or kind != "page":  # a page without `kind:` shows where no other kind is
        out["filter"] = {"field": "kind", "value": kind}
    return out


def body_field() -> Widget:
    return {"label": _("Text"), "name": "body", "widget": "markdown", "required": False,
            "hint": _("the page's text; a block of its own on a line: ::: contact ID, "
                      "::: hours ID, ::: participants, ::: quote 1")}


def ids(site: Site) -> dict[str, list[str]]:
    """Contact and hours ids to pick from, by the field that takes them."""
    contacts, hours = list(site.contacts), list(site.hours)
    return {"contacts": contacts, "hours": hours, "footer.contacts": contacts,
            "footer.hours": hours}


def data_files(site: Site, content: Path, repo_path: str) -> dict[str, Any]:
    """site.yaml, contacts.yaml and hours.yaml: the contacts and schedules the files hold, one
    form each under its id. An id cannot be added or renamed here (docs/redaktorshandbok.md)."""
    files = [{"name": "site", "label": "site.yaml", "file": f"{repo_path}/site.yaml",
              "fields": record_fields(SITE, ids(site), skip=NOT_IN_FORMS["site.yaml"])}]
    if site.contacts:
        per_contact = record_fields(CONTACT, {"hours": list(site.hours)})
        files.append({"name": "contacts", "label": "contacts.yaml",
                      "file": f"{repo_path}/contacts.yaml",
                      "fields": [{"label": f"{c.name} ({cid})", "name": cid, "widget": "object",
                                  "required": False, "collapsed": True, "fields": per_contact}
                                 for cid, c in site.contacts.items()]})
    if site.hours:
        days = week_keys(content / "hours.yaml")
        files.append({"name": "hours", "label": "hours.yaml", "file": f"{repo_path}/hours.yaml",
                      "fields": [{"label": f"{h.title or hid} ({hid})", "name": hid,
                                  "widget": "object", "required": False, "collapsed": True,
                                  "fields": schema_fields(_with_days(days.get(hid, ([], []))), {})}
                                 for hid, h in site.hours.items()]})
    return {"name": "settings", "label": _("Settings, contacts and opening hours"),
            "editor": {"preview": False}, "files": files}


def week_keys(path: Path) -> dict[str, tuple[list[str], list[str]]]:
    """The day names (``mån-tor``, ``fre``) each schedule of hours.yaml uses in its week and in
    its seasons' weeks, so that the form shows those days: a week's keys are the editor's own."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=LOADER)
    except (OSError, yaml.YAMLError):
        return {}

    def days(*weeks: Any) -> list[str]:
        return list(dict.fromkeys(str(k) for w in weeks if isinstance(w, dict) for k in w))

    return {str(hid): (days(s.get("week")), days(*(x.get("week") for x in s.get("seasons") or []
                                                 if isinstance(x, dict))))
            for hid, s in (data.items() if isinstance(data, dict) else ()) if isinstance(s, dict)}


def _with_days(days: tuple[list[str], list[str]]) -> dict:
    """The schedule's schema with its week and its seasons' weeks as the days they name."""
    schema = SCHEDULE.json_schema()
    props, season = schema["properties"], schema["properties"]["seasons"]["items"]["properties"]
    for where, names in ((props, days[0]), (season, days[1])):
        where["week"] = {**where["week"], "type": "object",
                         "properties": {d: json_schema(hours_value) for d in names}}
    return schema
