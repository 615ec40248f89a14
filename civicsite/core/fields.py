"""Reading YAML into typed values with the line of every key, for ``path:line: field: message``.

YAML is composed into nodes (never constructed: core.yaml_read), so every scalar is read as
written: ``022024000`` keeps its zero and ``2024`` stays text until a field asks for a number.
Anchors, aliases and duplicate keys are refused. Models read their fields through
:class:`Fields`, as their Record (core.records) declares them.
"""
from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field
import datetime as dt
import re
from typing import Callable, Iterable, Optional, TypeVar

import yaml

from civicsite.core.clock import STOCKHOLM
from civicsite.core.encoding import control_character
from civicsite.core.errors import Diagnostics, closest, did_you_mean
from civicsite.core.messages import _, translate
from civicsite.core.records import ListShape, Record, with_schema
from civicsite.core.records import Field, Shape, json_schema  # noqa: F401 (read with the parsers)
from civicsite.core.yaml_read import LOADER, NULLS, compose, is_null, line_of  # noqa: F401

T = TypeVar("T")
Parser = Callable[[yaml.Node, "Ctx"], Optional[T]]

DATETIME = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ](\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?"
                      r"\s*(Z|[+-]\d{2}:?\d{2})?)?")
TRUE = {"true", "True", "TRUE", "yes", "Yes", "ja", "Ja", "on"}
FALSE = {"false", "False", "FALSE", "no", "No", "nej", "Nej", "off"}
YEARS = (1900, 2199)  # the years a date or year field accepts
BAD_URL_SCHEMES = ("javascript:", "vbscript:", "data:")
# What `civicsite new` writes into fields the editor must fill in; the build refuses it.
PLACEHOLDER_PREFIX = "FYLL I:"


@dataclass(frozen=True)
class Ctx:
    """Where a value sits: file (as the user types it), line, dotted field name."""

    diag: Diagnostics = dc_field(compare=False, repr=False)
    path: str
    field: str = ""
    line: int = 1

    def __getstate__(self) -> dict:
        """A Ctx kept in a model (a Ref's place) is pickled without the build's messages."""
        return {"path": self.path, "field": self.field, "line": self.line}

    def __setstate__(self, state: dict) -> None:
        for name, value in {"diag": Diagnostics(), **state}.items():
            object.__setattr__(self, name, value)

    def error(self, message: str, line: int | None = None) -> None:
        self.diag.error(self.path, line or self.line, self.field, message)

    def warn(self, message: str, line: int | None = None) -> None:
        self.diag.warn(self.path, line or self.line, self.field, message)

    def key(self, name: str, line: int | None = None) -> "Ctx":
        full = f"{self.field}.{name}" if self.field else name
        return Ctx(self.diag, self.path, full, line or self.line)

    def index(self, i: int, line: int | None = None) -> "Ctx":
        return Ctx(self.diag, self.path, f"{self.field}[{i}]", line or self.line)


class Fields:
    """The keys of one YAML mapping, read one field at a time with the right line and name.
    ``known`` is a :class:`Record` (then ``get`` reads fields as it declares) or a list of names."""

    def __init__(self, node: yaml.MappingNode, ctx: Ctx, known: Iterable[str]):
        self.ctx = ctx
        self.entries: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        self.record = known if isinstance(known, Record) else None
        self.misspelt: dict[str, str] = {}  # known name → the unknown name written close to it
        known = list(known)
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):  # `? [a, b]` or `{a: b}: c`
                Ctx(ctx.diag, ctx.path, ctx.field or _("yaml"), line_of(key_node)).error(
                    _("a field name must be plain text, found {found}", found=describe(key_node)))
                continue
            name = key_node.value
            if name in self.entries:
                ctx.key(name, line_of(key_node)).error(
                    _("duplicate key; it is already set on line {line}",
                      line=line_of(self.entries[name][0])))
                continue
            self.entries[name] = (key_node, value_node)
            if known and name not in known:
                self.unknown(name, closest(name, known))

    def unknown(self, name: str, meant: Optional[str]) -> None:
        """``name`` is no known field: an error when it is close to the known ``meant`` (a
        misspelling such as `singup:` would lose its value without a word; a required field
        it stands for is then not also reported missing), else a warning."""
        where = self.ctx.key(name, line_of(self.entries[name][0]))
        if meant is None:
            where.warn(_("unknown field, ignored"))
            return
        self.misspelt.setdefault(meant, name)
        where.error(_("unknown field{hint}; its value is not used until the name is right",
                      hint=_(' (did you mean "{choice}"?)', choice=meant)))

    @classmethod
    def of(cls, node: Optional[yaml.Node], ctx: Ctx, known: Iterable[str]) -> Optional["Fields"]:
        if node is None or is_null(node):
            node = yaml.MappingNode("tag:yaml.org,2002:map", [])
        if not isinstance(node, yaml.MappingNode):
            ctx.error(_("expected a set of `key: value` fields, found {found}", found=describe(node)),
                      line_of(node) if node.start_mark else None)
            return None
        return cls(node, ctx, known)

    def __contains__(self, name: str) -> bool:
        return name in self.entries and not is_null(self.entries[name][1])

    def names(self) -> list[str]:
        return list(self.entries)

    def node(self, name: str) -> Optional[yaml.Node]:
        entry = self.entries.get(name)
        return None if entry is None or is_null(entry[1]) else entry[1]

    def sub(self, name: str) -> Ctx:
        entry = self.entries.get(name)
        return self.ctx.key(name, line_of(entry[0]) if entry else self.ctx.line)

    def get(self, name: str, parser: Optional[Parser[T]] = None, required: Optional[bool] = None,
            default: T | None = None, hint: Optional[str] = None) -> Optional[T]:
        """The parsed value of ``name``; with a Record, parser, required and hint default to its
        declaration (an explicit parser binds context, e.g. the page's folder, and must read the
        declared shape). Reading a field the Record does not declare is a bug: KeyError."""
        if self.record is not None:
            spec = self.record.fields[name]
            if parser is None:
                parser = spec.parser
            required = spec.required if required is None else required
            hint = spec.hint if hint is None else hint
        if parser is None or not callable(parser):
            raise TypeError(f"field {name!r} needs a parser")
        node = self.node(name)
        if node is None:
            if required and name not in self.misspelt:
                self.ctx.key(name).error(_("required field is missing; {hint}", hint=translate(hint))
                                         if hint else _("required field is missing"))
            return default
        value = parser(node, self.sub(name))
        return default if value is None else value


def describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return _("a set of fields")
    if isinstance(node, yaml.SequenceNode):
        return _("a list")
    return f'"{node.value}"'


def scalar(node: yaml.Node, ctx: Ctx, what: str) -> Optional[str]:
    if not isinstance(node, yaml.ScalarNode):
        ctx.error(_("expected {what}, found {found}", what=what, found=describe(node)))
        return None
    if node.value.lstrip().startswith(PLACEHOLDER_PREFIX):
        ctx.error(_('still holds the placeholder "{placeholder}"; replace it with {what}',
                    placeholder=node.value.strip(), what=what))
        return None
    return node.value


# ---- parsers: (node, ctx) -> value or None (after reporting) --------------------------------

SCALAR_TYPES = ["string", "number", "boolean"]  # scalars are read as written: `title: 2024` is text


@with_schema({"type": SCALAR_TYPES, "pattern": r"\S",
              "not": {"type": "string", "pattern": r"^\s*" + PLACEHOLDER_PREFIX}})
def text(node: yaml.Node, ctx: Ctx) -> Optional[str]:
    value = scalar(node, ctx, _("text"))
    if value is not None and not value.strip():
        ctx.error(_("must not be empty"))
        return None
    control = control_character(value) if value is not None else None
    if control:
        ctx.error(control[1])
        return None
    return value.strip() if value is not None else None


@with_schema({"anyOf": [{"type": "boolean"}, {"enum": sorted(TRUE | FALSE)}]})
def boolean(node: yaml.Node, ctx: Ctx) -> Optional[bool]:
    value = scalar(node, ctx, _("true or false"))
    if value is None:
        return None
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    ctx.error(_('expected true or false, found "{value}"', value=value))
    return None


@with_schema({"anyOf": [{"type": "integer", "minimum": 0, "maximum": 999999999},
                       {"type": "string", "pattern": r"^\s*[0-9][0-9 ]{0,11}\s*$"}]})
def integer(node: yaml.Node, ctx: Ctx) -> Optional[int]:
    value = scalar(node, ctx, _("a whole number"))
    if value is None:
        return None
    if not re.fullmatch(r"\d{1,9}", value.strip().replace(" ", "")):
        ctx.error(_('expected a whole number such as 30, found "{value}"', value=value))
        return None
    return int(value.strip().replace(" ", ""))


@with_schema({"type": "string", "pattern": r"^\s*\d{4}-\d{2}-\d{2}\s*$",
              "examples": ["2021-05-18"]})
def date(node: yaml.Node, ctx: Ctx) -> Optional[dt.date]:
    value = scalar(node, ctx, _("a date"))
    if value is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            raise ValueError
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        ctx.error(_('expected a date written YYYY-MM-DD such as 2021-05-18, found "{value}"',
                    value=value))
        return None
    return day if _plausible(day, value, ctx) else None


def _plausible(day: dt.date, value: str, ctx: Ctx) -> bool:
    """Years as for ``year``: far-off dates are typing mistakes, and the calendar arithmetic on
    them (the day after, the time in UTC) would leave Python's date range."""
    if YEARS[0] <= day.year <= YEARS[1]:
        return True
    ctx.error(_('"{value}" is not a plausible date; the year must be {first}–{last}',
                value=value, first=YEARS[0], last=YEARS[1]))
    return False


@with_schema({"type": "string", "pattern": "^\\s*" + DATETIME.pattern + "\\s*$",
              "examples": ["2023-03-02", "2023-03-02T08:00"]})
def date_or_datetime(node: yaml.Node, ctx: Ctx) -> Optional[dt.date | dt.datetime]:
    """``2021-05-18`` (a day) or ``2023-03-02T08:00`` / ``2023-03-02 08.00`` (Swedish local time);
    seconds and a UTC offset (``+01:00``, ``Z``) are accepted and converted to Swedish time."""
    value = scalar(node, ctx, _("a date or date and time"))
    if value is None:
        return None
    m = DATETIME.fullmatch(value.strip())
    try:
        if not m:
            raise ValueError
        day = dt.date.fromisoformat(m.group(1))
        if not _plausible(day, value, ctx):
            return None
        if m.group(2) is None:
            return day
        moment = dt.datetime.combine(day, dt.time(int(m.group(2)), int(m.group(3)), int(m.group(4) or 0)))
        if m.group(5):
            offset = dt.datetime.strptime(m.group(5).replace("Z", "+0000").replace(":", ""), "%z").tzinfo
            moment = moment.replace(tzinfo=offset).astimezone(STOCKHOLM).replace(tzinfo=None)
        return moment
    except ValueError:
        ctx.error(_('expected a date (2023-03-02) or date and time (2023-03-02T08:00), found '
                    '"{value}"', value=value))
        return None


@with_schema({"anyOf": [{"type": "string", "pattern": r"^\s*\d{1,2}[:.]\d{2}\s*$"},
                       {"type": "number"}]})  # 16.30 unquoted is a number to a YAML 1.2 editor
def time_of_day(node: yaml.Node, ctx: Ctx) -> Optional[dt.time]:
    """``16.30`` or ``16:30``."""
    value = scalar(node, ctx, _("a time"))
    m = re.fullmatch(r"(\d{1,2})[:.](\d{2})", (value or "").strip())
    try:
        if m:
            return dt.time(int(m.group(1)), int(m.group(2)))
    except ValueError:
        pass
    if value is not None:
        ctx.error(_('expected a time such as 16.30, found "{value}"', value=value))
    return None


@with_schema({"anyOf": [{"type": "integer", "minimum": 1900, "maximum": 2199},
                       {"type": "string", "pattern": r"^\s*(19|20|21)\d\d\s*$"}]})
def year(node: yaml.Node, ctx: Ctx) -> Optional[int]:
    value = scalar(node, ctx, _("a year"))
    if value is None:
        return None
    if not re.fullmatch(r"(19|20|21)\d\d", value.strip()):
        ctx.error(_('expected a year such as 2024, found "{value}"', value=value))
        return None
    return int(value)


@with_schema({"type": "string", "format": "uri-reference",
              "pattern": r"^\s*(?:https?:|mailto:|tel:|(?![A-Za-z][A-Za-z0-9+.-]*:))\S*\s*$"})
def url(node: yaml.Node, ctx: Ctx) -> Optional[str]:
    """An absolute http(s) URL, a site path (/x/), or mailto:/tel:; script and data URLs are refused."""
    value = text(node, ctx)
    if value is None:
        return None
    squashed = re.sub(r"[\s\x00-\x1f]", "", value).lower()
    if squashed.startswith(BAD_URL_SCHEMES):
        ctx.error(_('"{scheme}:" links are not allowed; use an https:// address',
                    scheme=squashed.split(":")[0]))
        return None
    if re.match(r"^[a-z][a-z0-9+.-]*:", squashed) and not squashed.startswith(
            ("http:", "https:", "mailto:", "tel:")):
        ctx.error(_('unsupported link "{value}"; use an https:// address', value=value))
        return None
    if re.search(r"[^\S ]", value):  # a line break or tab would add lines to vCards, robots.txt …
        ctx.error(_("a link may not contain line breaks or tabs; write it on one line"))
        return None
    if " " in value:
        ctx.error(_('a link may not contain spaces: "{value}"; write %20 for each space',
                    value=value))
        return None
    return value


def one_of(*choices: str) -> Parser[str]:
    def parse(node: yaml.Node, ctx: Ctx) -> Optional[str]:
        value = scalar(node, ctx, _("one of {choices}", choices=", ".join(choices)))
        if value is None:
            return None
        if value not in choices:
            ctx.error(_('must be one of {choices}, found "{value}"', choices=", ".join(choices),
                        value=value) + did_you_mean(value, choices))
            return None
        return value
    parse.schema = {"enum": list(choices)}  # type: ignore[attr-defined]
    return parse


def list_of(item: Parser[T], allow_single: bool = False) -> Parser[list[T]]:
    """A YAML list (block or ``[a, b]``); each item parsed with the line and index of the item."""
    def parse(node: yaml.Node, ctx: Ctx) -> Optional[list[T]]:
        if isinstance(node, yaml.ScalarNode) and allow_single:
            node = yaml.SequenceNode("tag:yaml.org,2002:seq", [node])
        if not isinstance(node, yaml.SequenceNode):
            ctx.error(_("expected a list (items starting with `- ` or [a, b]), found {found}",
                        found=describe(node)))
            return None
        out = []
        for i, child in enumerate(node.value):
            value = item(child, ctx.index(i, line_of(child)))
            if value is not None:
                out.append(value)
        return out
    parse.schema = ListShape(item, allow_single)  # type: ignore[attr-defined]
    return parse
