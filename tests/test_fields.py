"""civicsite.fields: YAML composed with lines, scalars as written, Fields, and every parser."""
from __future__ import annotations

import datetime as dt

import pytest
import yaml

from civicsite.core import fields as F
from civicsite.core.errors import ContentError, Diagnostics, did_you_mean
from civicsite.core.fields import Ctx, Fields

P = "content/sida.md"


def parse(parser, value_yaml: str, name: str = "f", path: str = P):
    """Parse ``name: <value_yaml>`` (on file line 2, as in front matter) → (value, report)."""
    diag = Diagnostics()
    ctx = Ctx(diag, path)
    node = F.compose(f"{name}: {value_yaml}\n", ctx, line_offset=1)
    f = Fields.of(node, ctx, known=[])
    return f.get(name, parser), diag.report()


def ok(parser, value_yaml: str):
    value, report = parse(parser, value_yaml)
    assert report == [], report
    return value


def err(parser, value_yaml: str) -> str:
    value, report = parse(parser, value_yaml)
    assert value is None
    assert len(report) == 1, report
    return report[0]


# ---- compose ---------------------------------------------------------------------------------

def test_compose_lines_are_shifted_by_offset():
    ctx = Ctx(Diagnostics(), P)
    node = F.compose("a: 1\nb:\n  c: [x, y]\n", ctx, line_offset=4)
    (ka, va), (kb, vb) = node.value
    assert F.line_of(ka) == 5 and F.line_of(kb) == 6
    (kc, vc), = vb.value
    assert F.line_of(kc) == 7
    assert [F.line_of(x) for x in vc.value] == [7, 7]


def test_compose_block_list_items_have_their_own_lines():
    ctx = Ctx(Diagnostics(), P)
    node = F.compose("tags:\n  - a\n  - b\n", ctx, line_offset=1)
    seq = node.value[0][1]
    assert [F.line_of(n) for n in seq.value] == [3, 4]


@pytest.mark.parametrize("written", ["022024000", "2024", "08.00", "0220-24000", "true-ish",
                                     "1e3", "0o17", "2021-05-18"])
def test_scalars_are_kept_as_written(written):
    ctx = Ctx(Diagnostics(), P)
    node = F.compose(f"x: {written}\n", ctx)
    assert node.value[0][1].value == written
    assert F.text(node.value[0][1], ctx) == written


def test_text_parser_gives_strings_for_numbers():
    assert ok(F.text, "2024") == "2024"
    assert ok(F.text, "022024000") == "022024000"
    assert ok(F.text, "08.00") == "08.00"


def test_anchor_refused_with_file_line():
    diag = Diagnostics()
    assert F.compose("a: &x 1\nb: 2\n", Ctx(diag, P), line_offset=1) is None
    assert diag.report() == [f"{P}:2: yaml: a value cannot start with & in YAML (it would be read "
                             "as a reference to another value); write the value out, and put "
                             "quotes around text that starts with &"]


def test_alias_refused():
    diag = Diagnostics()
    # the anchor comes first, so that is what is reported (line 1 of the text, offset 0)
    assert F.compose("a: &x 1\nb: *x\n", Ctx(diag, P)) is None
    assert [e.line for e in diag.errors] == [1]


def test_merge_key_alias_refused():
    diag = Diagnostics()
    assert F.compose("base: &b {a: 1}\nother:\n  <<: *b\n", Ctx(diag, P)) is None
    assert len(diag.errors) == 1


def test_yaml_syntax_error_line():
    diag = Diagnostics()
    assert F.compose("title: ok\nsummary: \"unclosed\nx: 1\n", Ctx(diag, P), line_offset=1) is None
    (e,) = diag.errors
    assert e.message == 'the quote " that opens on this line is never closed; add " at the end of the text'
    # the parser stops at the end of the text; the quote opened on line 2 of the text + offset 1
    assert e.line == 3


def test_yaml_syntax_error_bad_indentation():
    diag = Diagnostics()
    F.compose("a: 1\n b: 2\n", Ctx(diag, P), line_offset=1)
    (e,) = diag.errors
    assert e.line == 3  # " b: 2" is line 2 of the text


def test_empty_text_composes_to_none_without_error():
    diag = Diagnostics()
    assert F.compose("", Ctx(diag, P)) is None
    assert diag.report() == []


# ---- Fields ----------------------------------------------------------------------------------

def test_duplicate_key_error_names_both_lines():
    diag = Diagnostics()
    ctx = Ctx(diag, P)
    f = Fields.of(F.compose("title: A\nsummary: s\ntitle: B\n", ctx, 1), ctx, ("title", "summary"))
    assert diag.report() == [f"{P}:4: title: duplicate key; it is already set on line 2"]
    assert f.get("title", F.text) == "A"  # the first one is kept


def test_unknown_key_error_with_did_you_mean_else_warning():
    """A name close to a known one is a misspelling whose value would vanish: an error; a name
    like no known one is a warning (an error with --strict)."""
    diag = Diagnostics()
    ctx = Ctx(diag, P)
    Fields.of(F.compose("title: A\nsumary: s\nxyzzy: 1\n", ctx, 1), ctx, ("title", "summary"))
    assert diag.report() == [
        f'{P}:3: sumary: unknown field (did you mean "summary"?); its value is not used until '
        "the name is right",
        f"{P}:4: warning: xyzzy: unknown field, ignored",
    ]
    assert diag.report(strict=True)[1] == f"{P}:4: xyzzy: unknown field, ignored"
    assert diag.failed()


def test_fields_of_non_mapping():
    diag = Diagnostics()
    ctx = Ctx(diag, P, "event", 7)
    node = F.compose("- a\n", Ctx(diag, P), 6)
    assert Fields.of(node, ctx, ("start",)) is None
    assert diag.report() == [f"{P}:7: event: expected a set of `key: value` fields, found a list"]


def test_fields_of_null_is_empty():
    diag = Diagnostics()
    f = Fields.of(None, Ctx(diag, P), ("a",))
    assert f.names() == [] and "a" not in f


def test_required_missing_top_level_is_line_1():
    diag = Diagnostics()
    ctx = Ctx(diag, P)
    f = Fields.of(F.compose("summary: s\n", ctx, 1), ctx, ("title", "summary"))
    assert f.get("title", F.text, required=True, hint="write `title: X`") is None
    assert diag.report() == [f"{P}:1: title: required field is missing; write `title: X`"]


def test_required_missing_nested_uses_parent_key_line():
    diag = Diagnostics()
    ctx = Ctx(diag, P)
    f = Fields.of(F.compose("title: t\nevent:\n  end: 2021-05-18\n", ctx, 1), ctx, ("title", "event"))
    e = Fields.of(f.node("event"), f.sub("event"), ("start", "end"))
    e.get("start", F.date, required=True)
    assert diag.report() == [f"{P}:3: event.start: required field is missing"]


def test_null_value_counts_as_missing():
    diag = Diagnostics()
    ctx = Ctx(diag, P)
    f = Fields.of(F.compose("title:\nsummary: ~\n", ctx, 1), ctx, ("title", "summary"))
    assert "title" not in f and "summary" not in f
    assert f.get("summary", F.text, default="d") == "d"
    # a quoted empty string is not null: it is an empty text
    f2 = Fields.of(F.compose('title: ""\n', ctx, 1), ctx, ("title",))
    assert "title" in f2


def test_nested_list_field_names_with_index():
    diag = Diagnostics()
    ctx = Ctx(diag, P)
    text = ("participants:\n"
            "  people:\n"
            "    - name: A\n"
            "    - name: B\n"
            "    - name: ''\n")
    f = Fields.of(F.compose(text, ctx, 1), ctx, ("participants",))
    p = Fields.of(f.node("participants"), f.sub("participants"), ("people",))

    def person(node, c):
        return Fields.of(node, c, ("name",)).get("name", F.text, required=True)

    assert p.get("people", F.list_of(person)) == ["A", "B"]
    assert diag.report() == [f"{P}:6: participants.people[2].name: must not be empty"]


# ---- parsers -----------------------------------------------------------------------------------

def test_text():
    assert ok(F.text, "  Hej  ") == "Hej"
    assert err(F.text, "''") == f"{P}:2: f: must not be empty"
    assert err(F.text, "[a, b]") == f"{P}:2: f: expected text, found a list"
    assert err(F.text, "{a: 1}") == f"{P}:2: f: expected text, found a set of fields"


@pytest.mark.parametrize("written,expected", [("true", True), ("ja", True), ("yes", True),
                                              ("false", False), ("nej", False), ("no", False)])
def test_boolean_accepts(written, expected):
    assert ok(F.boolean, written) is expected


def test_boolean_rejects():
    assert err(F.boolean, "kanske") == f'{P}:2: f: expected true or false, found "kanske"'
    assert err(F.boolean, "1") == f'{P}:2: f: expected true or false, found "1"'


def test_integer():
    assert ok(F.integer, "30") == 30
    assert ok(F.integer, "007") == 7
    assert ok(F.integer, "'1 000'") == 1000
    assert err(F.integer, "3.5") == f'{P}:2: f: expected a whole number such as 30, found "3.5"'
    assert err(F.integer, "-1") == f'{P}:2: f: expected a whole number such as 30, found "-1"'
    assert err(F.integer, "trettio") == (
        f'{P}:2: f: expected a whole number such as 30, found "trettio"')


def test_date():
    assert ok(F.date, "2021-05-18") == dt.date(2021, 5, 18)
    msg = 'expected a date written YYYY-MM-DD such as 2021-05-18, found "{}"'
    assert err(F.date, "2021-02-30") == f"{P}:2: f: " + msg.format("2021-02-30")
    assert err(F.date, "18/5 2021") == f"{P}:2: f: " + msg.format("18/5 2021")
    assert err(F.date, "2021-5-18") == f"{P}:2: f: " + msg.format("2021-5-18")


def test_date_or_datetime():
    assert ok(F.date_or_datetime, "2021-05-18") == dt.date(2021, 5, 18)
    assert ok(F.date_or_datetime, "2023-03-02T08:00") == dt.datetime(2023, 3, 2, 8, 0)
    assert ok(F.date_or_datetime, "2023-03-02 8.30") == dt.datetime(2023, 3, 2, 8, 30)
    assert ok(F.date_or_datetime, "2023-03-02T08:00:00") == dt.datetime(2023, 3, 2, 8, 0)
    assert err(F.date_or_datetime, "2023-03-02T25:00") == (
        f'{P}:2: f: expected a date (2023-03-02) or date and time (2023-03-02T08:00), '
        f'found "2023-03-02T25:00"')
    assert err(F.date_or_datetime, "mars") is not None


def test_year():
    assert ok(F.year, "2024") == 2024
    assert err(F.year, "24") == f'{P}:2: f: expected a year such as 2024, found "24"'
    assert err(F.year, "1850") == f'{P}:2: f: expected a year such as 2024, found "1850"'


@pytest.mark.parametrize("value", ["https://www.hallstahammar.se/", "http://example.se",
                                   "/naringslivsstrategi/", "mailto:a@b.se", "tel:+4622024000",
                                   "HTTPS://EXAMPLE.SE"])
def test_url_accepts(value):
    assert ok(F.url, value) == value


@pytest.mark.parametrize("value,scheme", [
    ("javascript:alert(1)", "javascript"),
    ("JavaScript:alert(1)", "javascript"),
    ("JAVASCRIPT:alert(1)", "javascript"),
    ("'  javascript:alert(1)'", "javascript"),
    ('"java\\tscript:alert(1)"', "javascript"),
    ('"java\\nscript:alert(1)"', "javascript"),
    ("'java script:alert(1)'", "javascript"),
    ("vbscript:msgbox(1)", "vbscript"),
    ("VBScript:msgbox(1)", "vbscript"),
    ("data:text/html;base64,PHNjcmlwdD4=", "data"),
    ("Data:text/html,x", "data"),
])
def test_url_refuses_script_and_data(value, scheme):
    line = err(F.url, value)
    assert line == f'{P}:2: f: "{scheme}:" links are not allowed; use an https:// address'
    assert "\n" not in line and "\t" not in line


def test_url_with_a_control_character_is_refused_as_text_is():
    assert err(F.url, '"jav\\u0000ascript:x"') == (
        f"{P}:2: f: contains an invisible control character (U+0000) that is not allowed; "
        "delete it, or retype the text")


def test_url_refuses_other_schemes_and_spaces():
    assert err(F.url, "ftp://x.se/a") == (
        f'{P}:2: f: unsupported link "ftp://x.se/a"; use an https:// address')
    assert err(F.url, "'https://x.se/a b'") == (
        f'{P}:2: f: a link may not contain spaces: "https://x.se/a b"; write %20 for each space')


def test_one_of():
    p = F.one_of("offline", "online", "mixed")
    assert ok(p, "online") == "online"
    assert err(p, "onlin") == (f'{P}:2: f: must be one of offline, online, mixed, found "onlin"'
                               ' (did you mean "online"?)')
    assert err(p, "Online") == (f'{P}:2: f: must be one of offline, online, mixed, found "Online"'
                                ' (did you mean "online"?)')


def test_list_of_lines_and_indexes():
    diag = Diagnostics()
    ctx = Ctx(diag, P)
    f = Fields.of(F.compose("dates:\n  - 2021-05-18\n  - maj\n  - 2021-06-01\n", ctx, 1), ctx, ())
    assert f.get("dates", F.list_of(F.date)) == [dt.date(2021, 5, 18), dt.date(2021, 6, 1)]
    assert diag.report() == [
        f'{P}:4: dates[1]: expected a date written YYYY-MM-DD such as 2021-05-18, found "maj"']


def test_list_of_single_value():
    assert ok(F.list_of(F.text, allow_single=True), "ett") == ["ett"]
    assert ok(F.list_of(F.text), "[a, b]") == ["a", "b"]
    assert err(F.list_of(F.text), "ett") == (
        f"{P}:2: f: expected a list (items starting with `- ` or [a, b]), found \"ett\"")


# ---- errors.py -------------------------------------------------------------------------------

def test_report_sorted_naturally_and_deduplicated():
    d = Diagnostics()
    d.error("c/p10.md", 1, "", "x")
    d.error("c/p2.md", 5, "title", "y")
    d.error("c/p2.md", 5, "title", "y")
    d.note("c/p2.md", 1, "", "n")
    d.error("c/p2.md", 0, "", "line zero becomes one")
    assert d.report() == ["c/p2.md:1: file: line zero becomes one", "c/p2.md:5: title: y",
                          "c/p10.md:1: file: x"]
    assert "c/p2.md:1: note: file: n" in d.report(notes=True)
    assert not Diagnostics().failed()


def test_did_you_mean():
    assert did_you_mean("kundcentre", ["kundcenter", "madeleine"]) == ' (did you mean "kundcenter"?)'
    assert did_you_mean("zzz", ["kundcenter"]) == ""


def test_content_error_format():
    assert ContentError("a.md", 3, "f", "m").format() == "a.md:3: f: m"
    assert ContentError("a.md", 3, "", "m", "warning").format() == "a.md:3: warning: file: m"
    assert ContentError("a.md", 3, "", "m").format() == "a.md:3: file: m"
