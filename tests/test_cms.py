"""The admin's generated configuration (editor/cms.py) against the content format, field by field:
every field of every kind, of site.yaml, of a contact and of an opening-hours schedule is in the
form, with its required flag, its choices and its help text; the admin's settings in site.yaml;
the _headers rules with the admin's own policy; `build --admin` without the CMS installed."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
import shutil

import pytest

from civicsite.build.options import BuildOptions
from civicsite.build.pipeline import run
from civicsite.contacts.model import CONTACT
from civicsite.content.kinds import KINDS
from civicsite.content.load import load_site
from civicsite.content.pages import front_matter_record
from civicsite.content.site import SITE
from civicsite.core.errors import Diagnostics
from civicsite.core.records import json_schema
from civicsite.editor import admin
from civicsite.editor.cms import NOT_IN_FORMS, cms_config
from civicsite.hours.parse import SCHEDULE
from civicsite.render.security import admin_csp

ROOT = Path(__file__).resolve().parents[1]
DAY = dt.date(2026, 11, 25)


def _site(folder: Path):
    diag = Diagnostics()
    site = load_site(str(folder), diag, DAY, False, None, None)
    assert site is not None, [e.format() for e in diag.items]
    return site


@pytest.fixture(scope="module")
def config():
    return cms_config(_site(ROOT / "content"), ROOT / "content", "content")


def _by_name(fields: list[dict]) -> dict[str, dict]:
    return {f["name"]: f for f in fields}


def _compare(schema: dict, fields: list[dict], where: str, optional: bool = False) -> list[str]:
    """What the form lacks or says otherwise than the schema (see cms_fields: inside an optional
    object a required field is optional in the form; a list item's fields are as declared)."""
    problems = []
    form = _by_name(fields)
    required = set(schema.get("required", ()))
    for name, sub in schema.get("properties", {}).items():
        here = f"{where}.{name}"
        if name not in form:
            problems.append(f"{here}: missing from the admin")
            continue
        f = form[name]
        if f.get("required", True) != (name in required and not optional):
            problems.append(f"{here}: required is {f.get('required', True)}")
        if sub.get("description") and f.get("hint") != sub["description"]:
            problems.append(f"{here}: hint {f.get('hint')!r}")
        if name == "kind":  # the collection's own kind, hidden (asserted by the caller)
            continue
        if "enum" in sub and f["widget"] == "select" and f["options"] != [str(v) for v in sub["enum"]]:
            problems.append(f"{here}: choices {f['options']}")
        if "enum" in sub and f["widget"] not in ("select", "boolean"):
            problems.append(f"{here}: a choice shown as {f['widget']}")
        inner = _object_of(sub)
        if inner is not None and "fields" in f:
            problems += _compare(inner, f["fields"], here,
                                 optional=f["widget"] == "object" and not f.get("required", True))
    return problems


def _object_of(schema: dict):
    """The mapping a field holds, directly, as a list's items or as one of several shapes."""
    if "properties" in schema:
        return schema
    if schema.get("type") == "array":
        return _object_of(schema.get("items", {}))
    for option in schema.get("anyOf", ()):
        found = _object_of(option)
        if found is not None:
            return found
    return None


def _collections(config, kind):
    return [c for c in config["collections"] if c.get("filter", {}).get("value", kind) == kind
            and c["name"].startswith(kind + "-")]


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_of_every_kind_is_in_its_form(config, kind):
    collections = _collections(config, kind)
    assert collections, f"no collection for kind {kind}"
    schema = front_matter_record(kind).json_schema()
    for c in collections:
        assert _compare(schema, c["fields"], kind) == []
        hidden = _by_name(c["fields"])["kind"]
        assert (hidden["widget"], hidden["default"], hidden["required"]) == ("hidden", kind, False)
        assert _by_name(c["fields"])["body"]["widget"] == "markdown"


def test_every_field_of_the_data_files_is_in_its_form(config):
    files = {f["name"]: f for f in config["collections"][-1]["files"]}
    site_schema = SITE.json_schema()
    for name in NOT_IN_FORMS["site.yaml"]:
        del site_schema["properties"][name]
    assert _compare(site_schema, files["site"]["fields"], "site.yaml") == []
    assert [f["name"] for f in files["contacts"]["fields"]] == ["kundcenter", "madeleine-ahlqvist"]
    for contact in files["contacts"]["fields"]:
        assert _compare(CONTACT.json_schema(), contact["fields"], contact["name"]) == []
    (schedule,) = files["hours"]["fields"]
    assert _compare(SCHEDULE.json_schema(), schedule["fields"], "kundcenter") == []
    seasons = _by_name(schedule["fields"])["seasons"]
    week = _by_name(seasons["fields"])["week"]
    assert [d["name"] for d in week["fields"]] == ["mån-tor", "fre"]  # the file's own days


def test_a_field_missing_from_the_form_is_found():
    schema = front_matter_record("sprint").json_schema()
    fields = [f for f in cms_config(_site(ROOT / "content"), ROOT / "content", "content")
              ["collections"][0]["fields"] if f["name"] != "summary"]
    assert "sprint.summary: missing from the admin" in _compare(schema, fields, "sprint")


def test_widgets_write_what_the_parsers_read(config):
    sprint = _by_name(_collections(config, "sprint")[0]["fields"])
    assert sprint["date"]["widget"] == "datetime" and sprint["date"]["format"] == "YYYY-MM-DD"
    assert sprint["date"]["time_format"] is False
    assert _by_name(sprint["image"]["fields"])["src"]["widget"] == "image"
    assert _by_name(sprint["documents"]["fields"])["src"]["widget"] == "file"
    assert sprint["contacts"] == {**sprint["contacts"], "widget": "select", "multiple": True,
                                  "options": ["kundcenter", "madeleine-ahlqvist"]}
    assert sprint["tags"]["widget"] == "list" and "fields" not in sprint["tags"]
    event = _by_name(sprint["event"]["fields"])
    assert event["start"]["format"] == "YYYY-MM-DDTHH:mm" and event["end"]["widget"] == "string"
    assert event["attendance"]["options"] == ["offline", "online", "mixed"]
    contact = _by_name(_by_name(config["collections"][-1]["files"][1]["fields"])
                       ["kundcenter"]["fields"])
    phone = json_schema(CONTACT.fields["phone"].parser)["pattern"]
    assert contact["phone"]["pattern"][0] == phone and contact["hours"]["multiple"] is False
    assert contact["email"]["pattern"][0].startswith("^")


def test_collections_folders_slugs_media_and_review(config):
    assert config["publish_mode"] == "editorial_workflow" and config["locale"] == "sv"
    assert config["local_backend"] is True and config["backend"]["name"] == "proxy"
    assert config["slug"] == {"encoding": "ascii", "clean_accents": True,
                              "sanitize_replacement": "-"}
    folders = {c["name"]: c["folder"] for c in config["collections"] if "folder" in c}
    assert folders["workshop-naringslivsstrategi"] == "content/naringslivsstrategi"
    assert folders["workshop-top"] == "content"  # frukostmote.md
    assert folders["sprint-besokssprintar"] == "content/besokssprintar"  # none yet: as `new`
    for c in config["collections"][:-1]:
        assert c["media_folder"] == "" and c["public_folder"] == ""  # beside the page
        assert c["slug"] == "{{slug}}" and c["extension"] == "md"
    statement = next(c for c in config["collections"] if c["name"].startswith("accessibility"))
    assert statement["create"] is False  # the site has its statement


def test_a_new_kind_gets_its_collection(monkeypatch):
    from civicsite.content import kinds
    from civicsite.core.records import Field, Record
    from civicsite.core import fields as F
    from civicsite.editor import cms

    monkeypatch.setattr(cms, "KINDS", (*KINDS, "report"))
    monkeypatch.setitem(kinds.KIND_RECORDS, "report", Record("report", {
        "pages": Field(F.integer, required=True, description="Antal sidor")}))
    config = cms_config(_site(ROOT / "content"), ROOT / "content", "content")
    (report,) = [c for c in config["collections"] if c["name"].startswith("report-")]
    assert _by_name(report["fields"])["pages"]["widget"] == "number"
    assert _by_name(report["fields"])["pages"]["required"] is True


def _settings(tmp_path, admin_yaml: str) -> tuple:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    with (content / "site.yaml").open("a", encoding="utf-8") as f:
        f.write(admin_yaml)
    diag = Diagnostics()
    site = load_site(str(content), diag, DAY, False, None, None)
    return site, [e.format() for e in diag.items]


def test_github_and_gitlab_backends(tmp_path):
    site, problems = _settings(tmp_path, "admin:\n  backend: github\n  repo: kommun/naringsliv\n"
                               "  auth_url: https://cms-login.kommun.se/\n")
    assert problems == []
    config = cms_config(site, tmp_path / "content", "content")
    assert config["backend"] == {"name": "github", "repo": "kommun/naringsliv", "branch": "main",
                                 "base_url": "https://cms-login.kommun.se", "squash_merges": True}
    site, problems = _settings(tmp_path / "b", "admin:\n  backend: gitlab\n  repo: kommun/webb/naringsliv\n"
                               "  app_id: abc123\n  api_root: https://gitlab.kommun.se/api/v4\n"
                               "  auth_url: https://gitlab.kommun.se\n  review: false\n")
    assert problems == []
    config = cms_config(site, tmp_path / "b" / "content", "content")
    assert config["backend"]["auth_type"] == "pkce" and config["backend"]["app_id"] == "abc123"
    assert "publish_mode" not in config
    assert "https://gitlab.kommun.se" in admin_csp(admin.origins(site)).split("connect-src")[1]


@pytest.mark.parametrize("written, message", [
    ("  backend: gitlab\n  repo: kommun/naringsliv\n",
     "site.yaml:{admin}: admin.app_id: GitLab sign-in needs the id of the OAuth application; add "
     '`app_id:` (docs/deploy.md, "Redigera i webbläsaren")'),
    ("  backend: github\n  repo: naringsliv\n",
     'site.yaml:{repo}: admin.repo: "naringsliv" is not a repository; write it as owner/name, for '
     "example kommun/naringsliv"),
    ("  backend: gitea\n  repo: kommun/naringsliv\n",
     'site.yaml:{backend}: admin.backend: must be one of github, gitlab, found "gitea" (did you mean '
     '"gitlab"?)'),
])
def test_admin_settings_mistakes(tmp_path, written, message):
    _, problems = _settings(tmp_path, "admin:\n" + written)
    admin = len((ROOT / "content" / "site.yaml").read_text(encoding="utf-8").splitlines()) + 1
    expected = message.replace("{admin}", str(admin)).replace("{backend}", str(admin + 1)) \
        .replace("{repo}", str(admin + 2))
    assert [p.split("/content/")[-1] for p in problems] == [expected]


def test_headers_give_the_admin_its_own_policy(tmp_path):
    site = _site(ROOT / "content")
    out = admin.admin_outputs(site, ROOT / "content", "content", {"index.html": "", "feed.xml": ""},
                              ["naringslivsstrategi/index.html"], folder=_fake_bundle(tmp_path))
    rules = out["_headers"].split("\n/")
    paths = [r.split("\n")[0].lstrip("/") for r in rules[1:]]
    assert "*" not in paths and "admin/*" in paths
    for path in ("", "index.html", "feed.xml", "naringslivsstrategi/*"):
        assert path in paths
    assert "'unsafe-eval'" in next(r for r in rules if r.startswith("admin/*"))
    assert "'unsafe-eval'" not in next(r for r in rules if r.startswith("index.html"))
    page = out["admin/index.html"]
    assert f'content="{admin_csp()}"' in page and '<script src="decap-cms.js">' in page
    assert "<script>" not in page  # no inline script: the admin's own file registers the preview
    assert sorted(p for p in out if p.endswith(".js")) == [
        "admin/1.decap-cms.js", "admin/civicsite-admin.js", "admin/decap-cms.js"]


def _fake_bundle(tmp_path: Path) -> Path:
    dist = tmp_path / "dist"
    dist.mkdir()
    for name in ("decap-cms.js", "1.decap-cms.js", "decap-cms.js.map", "cms.js"):
        (dist / name).write_text("//", encoding="utf-8")
    return dist


def test_build_with_admin_but_no_cms_installed_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setattr(admin, "BUNDLE", tmp_path / "missing")
    options = BuildOptions(str(ROOT / "content"), tmp_path / "site", build_date=DAY, admin=True,
                           search=False)
    with pytest.raises(admin.AdminBundleMissing) as caught:
        run(options, Diagnostics())
    assert "npm ci --prefix admin --omit=dev" in str(caught.value)
    assert not (tmp_path / "site").exists()


def test_a_page_under_admin_is_an_error(tmp_path, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "admin").mkdir()
    (content / "admin" / "index.md").write_text("---\ntitle: Admin\n---\nText.\n", encoding="utf-8")
    monkeypatch.setattr(admin, "BUNDLE", _fake_bundle(tmp_path))
    diag = Diagnostics()
    assert run(BuildOptions(str(content), tmp_path / "site", build_date=DAY, admin=True,
                            search=False), diag) is None
    assert [e.message for e in diag.errors] == [
        "the address admin/ belongs to the admin (build --admin); move this file into another folder"]


def _fields(node):
    """Every field of the configuration, nested ones too."""
    for key in ("collections", "files", "fields"):
        for child in node.get(key, ()) if isinstance(node, dict) else ():
            yield child
            yield from _fields(child)
    if isinstance(node, dict) and isinstance(node.get("field"), dict):
        yield node["field"]
        yield from _fields(node["field"])


def test_every_field_has_a_swedish_label():
    """An editor reads a label in Swedish, not the field's name ("translation_of"); only the
    names a data file gives itself (contact ids, its week's day names) are shown as written."""
    import os

    from civicsite.core.messages import set_language

    set_language("sv")
    try:
        config = cms_config(_site(ROOT / "content"), ROOT / "content", "content")
    finally:
        set_language(os.environ.get("CIVICSITE_LANG", "en"))
    week_days = {"mån-tor", "fre"}
    contact_ids = {"kundcenter", "madeleine-ahlqvist"}
    unlabelled = sorted({f["name"] for f in _fields(config) if "widget" in f
                         and f.get("label") == f["name"] and f["name"] not in week_days | contact_ids})
    assert unlabelled == []
    labels = {f["name"]: f["label"] for f in _fields(config) if "widget" in f}
    assert labels["translation_of"] == "Översättning av (sida)"
    assert labels["non_compliant"] == "Innehåll som inte är tillgängligt"
