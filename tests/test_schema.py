"""`build.py schema`: the JSON Schemas accept every example file, reject planted mistakes, and
cover every field the parsers read (they are made from the same Records)."""
from __future__ import annotations

import json
from pathlib import Path
import re

import jsonschema
import pytest
from test_cli import run
import yaml

from civicsite.build.options import BuildOptions
from civicsite.build.pipeline import run as build_run
from civicsite.core import fields as F
from civicsite.core.errors import Diagnostics
from civicsite.editor.schema import kind_schema, schemas

ROOT = Path(__file__).resolve().parents[1]
SITES = [ROOT / "content", ROOT / "examples" / "trollhattan", ROOT / "tests" / "sites" / "minimal",
         ROOT / "tests" / "sites" / "golden"]
SCHEMAS = schemas()

# YAML 1.2 core schema, as the VS Code YAML extension reads plain scalars.
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


def _json(node: yaml.Node):
    """A composed YAML node as the JSON value an editor's YAML 1.2 parser sees."""
    if isinstance(node, yaml.MappingNode):
        return {k.value: _json(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_json(v) for v in node.value]
    value = node.value
    if node.style:  # quoted or block scalar: always a string
        return value
    if value in ("", "~", "null", "Null", "NULL"):
        return None
    if value in ("true", "True", "TRUE", "false", "False", "FALSE"):
        return value.lower() == "true"
    if _INT.fullmatch(value):
        return int(value, 0) if value.startswith(("0o", "0x")) else int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    return value


def _load(text: str):
    return _json(yaml.compose(text, Loader=yaml.SafeLoader))


def _front_matter(path: Path) -> str:
    text = path.read_text(encoding="utf-8-sig")
    return text.split("\n---", 1)[0].removeprefix("---\n")


def _validator(schema: dict) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema, format_checker=None)


def _examples():
    for site in SITES:
        for page in sorted(site.rglob("*.md")):
            yield pytest.param(page, "front-matter.schema.json", id=str(page.relative_to(ROOT)))
        for name in ("site", "contacts", "hours"):
            if (site / f"{name}.yaml").is_file():
                yield pytest.param(site / f"{name}.yaml", f"{name}.schema.json",
                                   id=str((site / f"{name}.yaml").relative_to(ROOT)))


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schemas_are_valid_2020_12_and_draft_07(name: str) -> None:
    assert SCHEMAS[name]["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(SCHEMAS[name])
    jsonschema.Draft7Validator.check_schema(SCHEMAS[name])  # what the VS Code YAML extension uses


@pytest.mark.parametrize("path,schema", list(_examples()))
def test_schema_accepts_every_example(path: Path, schema: str) -> None:
    data = _load(_front_matter(path) if path.suffix == ".md" else path.read_text(encoding="utf-8"))
    errors = [e.message for e in _validator(SCHEMAS[schema]).iter_errors(data)]
    assert errors == []
    draft7 = jsonschema.Draft7Validator(SCHEMAS[schema])
    assert [e.message for e in draft7.iter_errors(data)] == []
    if path.suffix == ".md":  # and the kind's own schema
        kind = (data or {}).get("kind", "page")
        assert list(_validator(SCHEMAS[f"{kind}.schema.json"]).iter_errors(data)) == []


PAGE = "kind: sprint\ntitle: Besökssprint\nevent:\n  start: 2021-05-18\n"
PLANTED = [
    ("front-matter", "summary: Ingen rubrik\n", "'title' is a required property"),
    ("front-matter", PAGE + 'summary: "FYLL I: en mening"\n', "should not be valid"),  # from `new`
    ("front-matter", PAGE + "titel: Fel namn\n", "titel"),
    ("front-matter", PAGE + "date: 18 maj 2021\n", "18 maj 2021"),
    ("front-matter", PAGE + "related:\n  - title: X\n    url: javascript:alert(1)\n", "javascript"),
    ("front-matter", PAGE + "image:\n  src: bild.png\n", "alt"),
    ("front-matter", PAGE + "draft: kanske\n", "kanske"),
    ("front-matter", PAGE + "status: draft\n", "status"),  # a strategy field on a sprint
    ("front-matter", "kind: blog\ntitle: X\n", "blog"),
    ("front-matter", "kind: strategy\ntitle: X\nstatus: klar\n", "klar"),
    ("front-matter", "kind: strategy\ntitle: X\nperiod:\n  start: tjugo\n  end: 2028\n", "tjugo"),
    ("front-matter", "kind: workshop\ntitle: X\nevent:\n  start: 2023-03-02T08:00\n  attendance: hybrid\n",
     "hybrid"),
    ("front-matter", "kind: workshop\ntitle: X\nevent:\n  start: 2023-03-02\n  repeat: {every: daily}\n", "daily"),
    ("front-matter", "kind: accessibility\ntitle: X\nfeedback:\n  email: inte-en-adress\n",
     "inte-en-adress"),
    ("front-matter", PAGE + "participants:\n  title: Deltagare\n  people:\n    - title: chef\n", "name"),
    ("site", "title: X\n", "organisation"),
    ("site", "title: X\norganisation: {name: K}\nlanguage: de\n", "de"),
    ("contacts", "kundcenter:\n  name: Kundcenter\n", "not valid under any"),  # no way to reach it
    ("contacts", "kundcenter:\n  name: Kundcenter\n  telefon: 0220-24000\n", "telefon"),
    ("contacts", "kundcenter:\n  name: K\n  phone: ring oss\n", "ring oss"),
    ("hours", "kundcenter:\n  title: Öppettider\n", "not valid under any"),  # no week or seasons
    ("hours", "k:\n  week:\n    mån-fre: 08.00-16.30\n  exceptions:\n    - date: 2024-12-24\n"
     "      closed: true\n      hours: 08.00-12.00\n", "valid under each"),
    ("hours", "k:\n  seasons:\n    - from: 9 januari\n      to: 05-31\n      week: {mån: 8-16}\n",
     "9 januari"),
]


@pytest.mark.parametrize("schema,text,needle", PLANTED, ids=[f"{s}-{i}" for i, (s, _, _) in
                                                            enumerate(PLANTED)])
def test_schema_rejects_planted_mistakes(schema: str, text: str, needle: str) -> None:
    errors = list(_validator(SCHEMAS[f"{schema}.schema.json"]).iter_errors(_load(text)))
    assert errors, "the schema accepted a mistake"
    messages = " | ".join(_all_messages(errors))
    assert needle in messages, messages


def _all_messages(errors) -> list[str]:
    out = []
    for e in errors:
        out.append(e.message)
        out.extend(_all_messages(e.context or []))
    return out


# ---- every field the parsers read is in the schema --------------------------------------------

def _resolve(schema: dict, segments: list[str]) -> bool:
    """True when the dotted field path leads somewhere inside ``schema``."""
    if not segments:
        return True
    head, rest = segments[0], segments[1:]
    options = [schema] + [s for key in ("anyOf", "oneOf", "allOf") for s in schema.get(key, [])]
    options += [schema["then"]] if "then" in schema else []
    for option in options:
        if option is not schema and _resolve(option, segments):
            return True
    if head == "[]":
        items = schema.get("items")
        return isinstance(items, dict) and _resolve(items, rest)
    if head in schema.get("properties", {}):
        return _resolve(schema["properties"][head], rest)
    extra = schema.get("additionalProperties")
    return isinstance(extra, dict) and _resolve(extra, rest)


def _segments(field: str) -> list[str]:
    return [s for s in re.split(r"\.|(\[\])", re.sub(r"\[\d+\]", ".[]", field)) if s]


def test_every_field_the_parser_reads_is_in_the_schema(monkeypatch) -> None:
    read: set[tuple[str, str]] = set()
    real_get = F.Fields.get

    def logging_get(self, name, *args, **kwargs):
        read.add((self.ctx.path, self.ctx.key(name).field))
        return real_get(self, name, *args, **kwargs)

    monkeypatch.setattr(F.Fields, "get", logging_get)
    for site in SITES:
        build_run(BuildOptions(str(site), drafts=True), Diagnostics())
    assert len(read) > 100  # the example sites exercise most fields
    missing = []
    for path, field in sorted(read):
        p = Path(path)
        if p.suffix == ".md":
            kind = (_load(_front_matter(p)) or {}).get("kind", "page")
            schema = kind_schema(kind)
        else:
            schema = SCHEMAS[f"{p.stem}.schema.json"]
        if not _resolve(schema, _segments(field)):
            missing.append(f"{path}: {field}")
    assert missing == []


def test_a_field_read_but_not_declared_is_a_bug() -> None:
    """Fields built from a Record refuse to read a field the Record (and so the schema) lacks."""
    ctx = F.Ctx(Diagnostics(), "x.md")
    record = F.Record("t", {"title": F.Field(F.text)})
    f = F.Fields.of(F.compose("title: A\n", ctx), ctx, record)
    assert f.get("title") == "A"
    with pytest.raises(KeyError):
        f.get("undeclared", F.text)


def test_schema_command_writes_files(tmp_path: Path) -> None:
    r = run("schema", "--output", "out", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == sorted(SCHEMAS)
    written = json.loads((tmp_path / "out" / "sprint.schema.json").read_text(encoding="utf-8"))
    assert written == json.loads(json.dumps(SCHEMAS["sprint.schema.json"]))
    assert "event" in written["properties"] and written["properties"]["kind"] == {
        "const": "sprint", "description": written["properties"]["kind"]["description"]}
