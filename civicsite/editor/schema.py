"""``civicsite schema``: JSON Schemas (draft 2020-12) of the front matter of every page kind and of
site.yaml, contacts.yaml and hours.yaml, made from the Records the parsers read with.

Only keywords that mean the same in draft-07 are used (no ``$defs``, ``prefixItems`` or
``unevaluated…``): the VS Code YAML extension validates with draft-07 semantics.
"""
from __future__ import annotations

import json
from pathlib import Path

from civicsite.contacts.model import CONTACT
from civicsite.content.kinds import DATED_KINDS, KINDS
from civicsite.content.pages import front_matter_record
from civicsite.content.site import SITE
from civicsite.hours.parse import SCHEDULE

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _document(name: str, title: str, body: dict) -> dict:
    return {"$schema": DRAFT, "$id": f"{name}.schema.json", "title": title, **body}


def kind_schema(kind: str) -> dict:
    """The front matter of a page of ``kind``: common fields and the kind's own."""
    body = front_matter_record(kind).json_schema()
    props = body["properties"]
    if kind == "page":
        props["kind"] = {"enum": ["page"], "description": "page är standard och kan utelämnas"}
    else:
        props["kind"] = {"const": kind, "description": props["kind"]["description"]}
        body["required"] = ["kind", *body.get("required", []), *(["date"] if kind in DATED_KINDS else [])]
    return body


def front_matter_schema() -> dict:
    """Any page: the kind's schema, chosen by ``kind:`` (none means page)."""
    cases = [{"if": {"required": ["kind"], "properties": {"kind": {"const": k}}}
              if k != "page" else {"anyOf": [{"not": {"required": ["kind"]}},
                                             {"properties": {"kind": {"const": "page"}},
                                              "required": ["kind"]}]},
              "then": kind_schema(k)} for k in KINDS]
    return {"type": "object", "description": "En sidas front matter (mellan raderna ---)",
            "properties": {"kind": {"enum": list(KINDS)}}, "allOf": cases}


def schemas() -> dict[str, dict]:
    """Every schema by file name."""
    out = {f"{k}.schema.json": _document(k, f"Front matter: kind {k}", kind_schema(k)) for k in KINDS}
    out["front-matter.schema.json"] = _document("front-matter", "Front matter of a page",
                                                front_matter_schema())
    out["site.schema.json"] = _document("site", "site.yaml", SITE.json_schema())
    out["contacts.schema.json"] = _document("contacts", "contacts.yaml", {
        "type": "object", "description": "Kontakter, var och en under sitt id (t.ex. kundcenter)",
        "propertyNames": {"pattern": "[A-Za-z0-9]"}, "additionalProperties": CONTACT.json_schema()})
    out["hours.schema.json"] = _document("hours", "hours.yaml", {
        "type": "object", "description": "Öppettider, var och en under sitt id (t.ex. kundcenter)",
        "additionalProperties": SCHEDULE.json_schema()})
    return out


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder`` (created); the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = folder / name
        path.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written
