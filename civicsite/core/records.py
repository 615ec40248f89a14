"""Declarations: one table (a :class:`Record`) per kind of YAML mapping, naming each field, its
parser, whether it is required and what it means. The readers in :mod:`civicsite.core.fields`
and the JSON Schemas (editor/schema.py) are both made from them, so the two cannot drift."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Optional, TypeVar

T = TypeVar("T")


def json_schema(shape: Any) -> dict:
    """The JSON Schema fragment of a parser (its ``schema`` attribute) or of a Record."""
    if isinstance(shape, dict):
        return shape
    if hasattr(shape, "json_schema"):  # a Record or a list
        return shape.json_schema()
    found = getattr(shape, "schema", None)
    if found is None:
        raise TypeError(f"{shape!r} declares no JSON schema")  # a bug: every parser declares one
    return json_schema(found)


def with_schema(schema: Any) -> Callable[[T], T]:
    """Decorator: attach a JSON Schema fragment (a dict or a Record) to a parser."""
    def attach(parser: T) -> T:
        parser.schema = schema  # type: ignore[attr-defined]
        return parser
    return attach


@dataclass(frozen=True)
class Shape:
    """The declared shape of a field whose parser is bound when it is read (it depends on
    another field), e.g. an event's ``end``: schema only, the reading code passes the parser."""

    schema: dict


@dataclass(frozen=True)
class Field:
    """One key of a mapping: how it is read (a parser, or a Record when the reading code binds
    the context itself), whether it must be there, and what it means (schema description)."""

    parser: Any
    required: bool = False
    description: str = ""
    hint: str = ""  # added to "required field is missing"


class Record:
    """The declared fields of one kind of YAML mapping (a page's front matter, a contact, …).

    :class:`Fields` built with a Record reads each field with the parser declared here, and
    :func:`json_schema` turns the same table into a JSON Schema, so the two cannot drift."""

    def __init__(self, title: str, fields: dict[str, Field], *, description: str = "",
                 extra: Optional[dict] = None, closed: bool = True):
        self.title, self.fields, self.description = title, dict(fields), description
        self.extra, self.closed = extra or {}, closed  # closed: unknown keys are not allowed

    def __iter__(self):
        return iter(self.fields)

    def __contains__(self, name: object) -> bool:
        return name in self.fields

    def __add__(self, other: "Record") -> "Record":
        merged = dict(self.fields)
        for name, spec in other.fields.items():
            merged.setdefault(name, spec)
        return Record(f"{self.title} + {other.title}", merged, description=self.description,
                      closed=self.closed and other.closed)

    def json_schema(self) -> dict:
        out: dict = {"type": "object"}
        if self.description:
            out["description"] = self.description
        props = {}
        for name, spec in self.fields.items():
            props[name] = dict(json_schema(spec.parser))
            if spec.description:
                props[name]["description"] = spec.description
        out["properties"] = props
        required = [n for n, spec in self.fields.items() if spec.required]
        if required:
            out["required"] = required
        if self.closed:
            out["additionalProperties"] = False
        out.update(self.extra)
        return out



@dataclass(frozen=True)
class ListShape:
    """The schema of ``list_of(item)``, made when asked: items bound to a page have none."""

    item: Any
    allow_single: bool

    def json_schema(self) -> dict:
        many = {"type": "array", "items": json_schema(self.item)}
        return {"anyOf": [json_schema(self.item), many]} if self.allow_single else many
