"""The fields of a form in the admin (Decap CMS widgets), made from the JSON Schema that the
Records give (core.records), so a field added to a Record appears in the form by itself.

Each schema becomes the widget that writes what the parser reads: text → string, a date → a date
picker writing YYYY-MM-DD, a choice → a select, a mapping → an object, a list → a list. Where the
format allows several shapes (an event: one occasion, a list or only a place; a participant: a
contact id or {name, title}), the form offers the mapping, the shape most pages use; a value of
another shape that is already in the file is kept as it is while the other fields are edited
(Decap keeps what the form does not show)."""
from __future__ import annotations

from typing import Any, Callable, Optional

from civicsite.core import fields as F
from civicsite.core.messages import N_, _, translate
from civicsite.core.records import Record, json_schema

# Text fields written as paragraphs (a multi-line box rather than one line).
LONG_TEXTS = {"summary", "text", "next_steps", "reason", "alternative", "what", "note", "notes",
              "description", "method"}
# Objects whose `src` is a picture (an image widget); any other `src` is a file to download.
PICTURES = {"image", "logo"}
# Labels in the form; a field not named here is labelled with its name.
LABELS = {
    "title": N_("Title"), "summary": N_("Summary"), "date": N_("Date"), "tags": N_("Tags"),
    "image": N_("Image"), "src": N_("File"), "alt": N_("Alt text"),
    "decorative": N_("Decorative only"), "credit": N_("Photographer"), "caption": N_("Caption"),
    "contacts": N_("Contacts"), "hours": N_("Opening hours"), "related": N_("Related links"),
    "url": N_("Address (URL)"), "reviewed": N_("Reviewed"), "by": N_("By"), "draft": N_("Draft"),
    "slug": N_("Address (last part)"), "quotes": N_("Quotes"), "text": N_("Text"),
    "name": N_("Name"), "role": N_("Role"), "organisation": N_("Organisation"),
    "participants": N_("Participants"), "people": N_("People"), "aliases": N_("Old addresses"),
    "publish_date": N_("Publish from"), "expiry_date": N_("Remove from"),
    "event": N_("Event"), "start": N_("Start"), "end": N_("End"), "location": N_("Place"),
    "attendance": N_("Attendance"), "documents": N_("Documents"), "phone": N_("Phone"),
    "email": N_("E-mail"), "visiting_address": N_("Visiting address"),
    "postal_address": N_("Postal address"), "week": N_("Week"), "seasons": N_("Seasons"),
    "exceptions": N_("Deviating days"), "notes": N_("Notes"), "closed": N_("Closed"),
    "note": N_("Note"), "description": N_("Description"),
    "language": N_("Language"), "translation_of": N_("Translation of (page)"),
    "easy_read_of": N_("Easy-to-read version of (page)"), "kind": N_("Kind of page"),
    "status": N_("Status"), "adopted": N_("Adopted"), "period": N_("Period"),
    "focus_areas": N_("Focus areas"), "extended": N_("Extended"), "next_steps": N_("Next steps"),
    "topics": N_("Topics"), "organisations": N_("Organisations"), "attendees": N_("Attendees"),
    "count": N_("Number"), "approximate": N_("Approximate number"), "visits": N_("Visits"),
    "planned": N_("Planned"), "completed": N_("Completed"), "signup": N_("Sign-up"),
    "deadline": N_("Last day to sign up"), "next": N_("Next time"), "when": N_("When"),
    "repeat": N_("Repeats"), "every": N_("Every"), "interval": N_("Interval"),
    "on": N_("On (days)"), "until": N_("Until"), "except": N_("Except (dates)"),
    "except_months": N_("Except (months)"), "group": N_("Group"), "members": N_("Members"),
    "phones": N_("Phone numbers"), "number": N_("Number"), "label": N_("Label"),
    "from": N_("From"), "to": N_("To"), "periods": N_("Periods"),
    "closed_on_holidays": N_("Closed on public holidays"),
    "day_before_holiday": N_("Hours the day before a public holiday"),
    "reason": N_("Reason"), "compliance": N_("Compliance"),
    "non_compliant": N_("Content that is not accessible"), "what": N_("What"),
    "alternative": N_("Alternative"), "assessed": N_("Assessed"), "method": N_("Method"),
    "updated": N_("Updated"), "feedback": N_("Feedback"), "base_url": N_("Address of the site"),
    "colors": N_("Colours"), "primary": N_("Main colour"), "link": N_("Link colour"),
    "footer": N_("Footer"), "kinds": N_("Listings"), "logo": N_("Logo"),
    "more_sites": N_("More websites"), "review_interval_months": N_("Review every (months)"),
}

Widget = dict[str, Any]


def _plain(schema: dict) -> dict:
    return {k: v for k, v in schema.items() if k not in ("description", "examples")}


def _is(schema: dict, parser: Any) -> bool:
    return _plain(schema) == _plain(json_schema(parser))


# (parser, widget) pairs recognised by their schema, first match wins
SCALARS: list[tuple[Any, Callable[[dict], Widget]]] = [
    (F.date, lambda s: {"widget": "datetime", "format": "YYYY-MM-DD",
                        "date_format": "YYYY-MM-DD", "time_format": False, "picker_utc": True}),
    (F.date_or_datetime, lambda s: {"widget": "datetime", "format": "YYYY-MM-DDTHH:mm",
                                    "date_format": "YYYY-MM-DD", "time_format": "HH:mm"}),
    (F.boolean, lambda s: {"widget": "boolean"}),
    (F.integer, lambda s: {"widget": "number", "value_type": "int", "min": 0}),
    (F.year, lambda s: {"widget": "number", "value_type": "int", "min": 1900, "max": 2199}),
    (F.url, lambda s: {"widget": "string", "pattern": [s["pattern"], _(
        "write a whole address such as https://www.kommun.se/ or a path of the site such as "
        "/naringslivsstrategi/")]}),
]


def record_fields(record: Record, choices: Optional[dict[str, list[str]]] = None,
                  skip: tuple[str, ...] = ()) -> list[Widget]:
    """The form's fields for a Record: one per declared field, in its order."""
    return schema_fields(record.json_schema(), choices or {}, skip)


def schema_fields(schema: dict, choices: dict[str, list[str]], skip: tuple[str, ...] = (),
                  parent: str = "", optional: bool = False) -> list[Widget]:
    """The fields of an object's schema; ``optional``: inside an optional object, where Decap
    would still demand the required fields of an object left empty (image.src on a page
    without an image), so they are optional in the form and the build reports them."""
    required = set(schema.get("required", ()))
    return [field(name, sub, name in required and not optional, choices, parent)
            for name, sub in schema.get("properties", {}).items() if name not in skip]


def field(name: str, schema: dict, required: bool, choices: dict[str, list[str]],
          parent: str = "") -> Widget:
    """One field of the form; ``choices`` gives ids to pick from (contacts, hours) by the
    field's name, or ``parent.name`` below the top."""
    out: Widget = {"label": translate(LABELS[name]) if name in LABELS else name, "name": name,
                   "required": required}
    if schema.get("description"):
        out["hint"] = schema["description"]
    out.update(widget(name, schema, choices, parent, required))
    return out


def widget(name: str, schema: dict, choices: dict[str, list[str]], parent: str = "",
           required: bool = True) -> Widget:
    """The widget (and its options) that writes a value of ``schema``."""
    key = f"{parent}.{name}" if parent else name
    if key in choices:  # ids of contacts.yaml / hours.yaml: pick from those the site has
        # a list of ids, or one id (a contact's `hours:` is one id or a label → id mapping,
        # which a select cannot write: the form writes the one id)
        many = any(s.get("type") == "array" for s in (schema, *schema.get("anyOf", ())))
        return {"widget": "select", "options": choices[key], "multiple": many}
    for parser, make in SCALARS:
        if _is(schema, parser):
            return make(schema)
    if "const" in schema:
        return {"widget": "hidden", "default": schema["const"]}
    if "enum" in schema:
        return {"widget": "select", "options": [str(v) for v in schema["enum"]]}
    if schema.get("properties") == {}:  # a week whose days the file does not name yet
        return {"widget": "hidden"}
    if "properties" in schema:  # (an anyOf beside it only says which fields go together)
        return {"widget": "object", "collapsed": False, "fields": schema_fields(
            schema, choices, parent=name, optional=not required)}
    if "anyOf" in schema:
        return widget(name, _one_shape(schema["anyOf"]), choices, parent, required)
    if schema.get("type") == "array":
        return _list(name, schema.get("items", {}), choices)
    if schema.get("type") == "object":  # free keys (cms.py names a week's days): kept as written
        return {"widget": "hidden"}
    if name == "src":
        return {"widget": "image" if parent in PICTURES else "file", "choose_url": True}
    pattern = schema.get("pattern")
    out: Widget = {"widget": "text" if name in LONG_TEXTS and not pattern else "string"}
    if pattern and pattern != r"\S":
        example = (schema.get("examples") or [None])[0]
        out["pattern"] = [pattern, _("write it like {example}", example=example) if example
                          else _("this is not written as the format needs")]
    return out


def _one_shape(options: list[dict]) -> dict:
    """Of several shapes, the one a form can write: a single item or a list of it is a list; of
    scalars and a mapping, the mapping; of scalars only, text as written (``09:00`` or a date)."""
    arrays = [o for o in options if o.get("type") == "array"]
    singles = [o for o in options if o.get("type") != "array"]
    if arrays and singles and _plain(arrays[0].get("items", {})) == _plain(singles[0]):
        return arrays[0]
    mappings = [o for o in options if "properties" in o]
    if mappings:
        return mappings[0]
    examples = [e for o in options for e in o.get("examples", ())]  # scalars of several kinds
    return {"type": "string", "examples": examples} if len(options) > 1 else options[0]


def _list(name: str, item: dict, choices: dict[str, list[str]]) -> Widget:
    inner = widget(name, item, choices, name)
    if inner["widget"] == "object":
        return {"widget": "list", "collapsed": False, "fields": inner["fields"]}
    if inner["widget"] in ("string", "text"):
        return {"widget": "list"}  # comma-separated words, written as a YAML list
    return {"widget": "list", "field": {"label": translate(LABELS[name]) if name in LABELS else name,
                                        "name": name, "required": True, **inner}}
