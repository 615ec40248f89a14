"""Broken version-2 content of news, listings (site.yaml ``kinds:``), inexact dates and people:
each case makes one mistake in the minimal site and must give exactly one
``path:line: field: message`` line, exit 1, no traceback and the previous output untouched
(run like ``test_invalid.py``)."""
from __future__ import annotations

from pathlib import Path

import pytest
from test_invalid import DID_YOU_MEAN, Case, base_output, check_case  # noqa: F401

NEWS = "---\nkind: news\ntitle: Nyhet\ndate: 2024-05-02\nsummary: En nyhet.\n---\nText.\n"
NEWS_NO_DATE = "---\nkind: news\ntitle: Nyhet\nsummary: En nyhet.\n---\nText.\n"
SITE_END = "  hours: [kundcenter]\n"  # the last line of the minimal site.yaml
STRATEGY = "nyheter/strategi.md"
SPRINT = "nyheter/besokssprint.md"
WORKSHOP = "nyheter/workshop.md"


def _kinds(text: str) -> tuple[str, str]:
    """An edit of site.yaml that appends ``kinds:`` (from line 10 on)."""
    return SITE_END, SITE_END + "kinds:\n" + text


CASES = [
    # -- site.yaml kinds: -----------------------------------------------------------------------
    Case("kinds-unknown-kind", {"site.yaml": _kinds("  sprnt: {title: Företagsbesök}\n")},
         [("site.yaml", 11, "kinds.sprnt", r'unknown kind "sprnt"; `kinds:` takes strategy, '
           r"workshop, sprint, news " + DID_YOU_MEAN.format("sprint"))]),
    Case("kinds-kind-without-listing", {"site.yaml": _kinds("  page: {title: Sidor}\n")},
         [("site.yaml", 11, "kinds.page", r'pages of kind "page" have no generated listing')]),
    Case("kinds-path-collides-with-page",
         {"site.yaml": _kinds("  sprint:\n    title: Företagsbesök\n    path: foretagsbesok\n"),
          "foretagsbesok.md": "---\ntitle: Om företagsbesök\n---\nText.\n"},
         [("site.yaml", 13, "kinds.sprint.path", r"/foretagsbesok/ is already the address of "
           r"content/foretagsbesok\.md, so the generated list of sprint pages cannot be published "
           r"there; choose another path")]),
    Case("kinds-path-collides-with-listing",
         {"site.yaml": _kinds("  sprint: {path: traffar}\n  workshop: {path: traffar}\n")},
         [("site.yaml", 12, "kinds.workshop.path", r"/traffar/ is already the address of the "
           r"listing of sprint pages; give each kind its own path")]),
    Case("kinds-path-collides-with-default-listing",
         {"site.yaml": _kinds("  sprint: {path: workshoppar}\n")},
         [("site.yaml", 11, "kinds.sprint.path", r"/workshoppar/ is already the address of the "
           r"listing of workshop pages")]),
    Case("kinds-path-is-the-search-page", {"site.yaml": _kinds("  sprint: {path: sok}\n")},
         [("site.yaml", 11, "kinds.sprint.path", r"/sok/ is used by the site itself")]),
    Case("kinds-path-not-a-segment", {"site.yaml": _kinds("  sprint: {path: Företags besök}\n")},
         [("site.yaml", 11, "kinds.sprint.path", r'"Företags besök" is not a valid address for a '
           r'listing.*"foretags-besok"')]),
    Case("kinds-per-page-zero", {"site.yaml": _kinds("  news:\n    per_page: 0\n")},
         [("site.yaml", 12, "kinds.news.per_page", r"must be 1 or more")]),
    Case("kinds-per-page-not-a-number", {"site.yaml": _kinds("  news: {per_page: tio}\n")},
         [("site.yaml", 11, "kinds.news.per_page", r'whole number.*"tio"')]),
    Case("kinds-menu-not-boolean", {"site.yaml": _kinds("  workshop: {menu: nej tack}\n")},
         [("site.yaml", 11, "kinds.workshop.menu", r'true or false.*"nej tack"')]),
    Case("kinds-is-a-list", {"site.yaml": (SITE_END, SITE_END + "kinds: [news, sprint]\n")},
         [("site.yaml", 10, "kinds", r"expected a set of `key: value` fields, found a list")]),
    Case("kinds-unknown-setting-strict", {"site.yaml": _kinds("  news: {titel: Aktuellt}\n")},
         [("site.yaml", 11, "kinds.news.titel", r"unknown field.*" + DID_YOU_MEAN.format("title"))],
         strict=True),
    # -- news -----------------------------------------------------------------------------------
    Case("news-without-date", {"nyheter/nyhet.md": NEWS_NO_DATE},
         [("nyheter/nyhet.md", 1, "date", r"required field is missing; the day it is published")]),
    Case("news-bad-date", {"nyheter/nyhet.md": NEWS.replace("2024-05-02", "2 maj 2024")},
         [("nyheter/nyhet.md", 4, "date", r'YYYY-MM-DD.*"2 maj 2024"')]),
    Case("news-updated-before-published",
         {"nyheter/nyhet.md": NEWS.replace("summary:", "updated: 2024-04-30\nsummary:")},
         [("nyheter/nyhet.md", 5, "updated", r"updated \(2024-04-30\) before it is published "
           r"\(2024-05-02\)")]),
    Case("news-event-ends-before-it-starts",
         {"nyheter/nyhet.md": NEWS.replace("summary:", "event:\n  start: 2024-05-20T10:00\n"
                                                       "  end: 2024-05-20T09:00\nsummary:")},
         [("nyheter/nyhet.md", 7, "event.end", r"ends before it starts")]),
    Case("page-at-a-news-year-archive",
         {"nyheter/nyhet.md": NEWS, "nyheter/2024.md": "---\ntitle: År 2024\n---\nText.\n"},
         [("nyheter/2024.md", 1, "url", r"/nyheter/2024/, which is already used by the generated "
           r"list of news from 2024")]),
    Case("page-at-page-2-of-a-listing",
         {"site.yaml": _kinds("  news: {per_page: 1}\n"), "nyheter/nyhet.md": NEWS,
          "nyheter/nyhet-2.md": NEWS.replace("title: Nyhet", "title: Nyhet 2"),
          "nyheter/sida/2.md": "---\ntitle: Sidan två\n---\nText.\n"},
         [("nyheter/sida/2.md", 1, "url", r"/nyheter/sida/2/, which is already used by page 2 of "
           r"the generated list of news pages")]),
    # -- inexact dates, open-ended strategies ----------------------------------------------------
    Case("strategy-adopted-month-13",
         {STRATEGY: ("status: draft", "status: adopted\nadopted: {date: 2020-13, by: KF}")},
         [(STRATEGY, 8, "adopted.date", r'a year \(2020\), a year and month \(2020-11\) or a date '
           r'\(2020-11-20\), found "2020-13"')]),
    Case("strategy-adopted-in-words",
         {STRATEGY: ("status: draft", "status: adopted\nadopted:\n  date: november 2020")},
         [(STRATEGY, 9, "adopted.date", r'found "november 2020"')]),
    Case("strategy-period-end-misspelt", {STRATEGY: ("end: 2028", "end: tills vidre")},
         [(STRATEGY, 6, "period.end", r'expected a year such as 2028, or "tills vidare", found '
           r'"tills vidre"')]),
    Case("strategy-extended-bad-date",
         {STRATEGY: ("status: draft", "status: adopted\nextended: {date: 20-11, by: KSAU}")},
         [(STRATEGY, 8, "extended.date", r'found "20-11"')]),
    # -- people ---------------------------------------------------------------------------------
    Case("participant-name-and-group",
         {SPRINT: ("    - name: Cia Carlsson", "    - name: Cia Carlsson\n      group: Politiker")},
         [(SPRINT, 21, "participants.people[2].group", r"a participant is a person \(`name:`\) or "
           r"a group \(`group:`\), not both")]),
    Case("participant-count-without-group",
         {SPRINT: ("    - name: Cia Carlsson", "    - name: Cia Carlsson\n      count: 6")},
         [(SPRINT, 21, "participants.people[2].count", r"`count:` is the number of people in a "
           r"group")]),
    Case("participant-group-count-not-a-number",
         {SPRINT: ("    - name: Cia Carlsson", "    - group: tjänstemän\n      count: sex")},
         [(SPRINT, 21, "participants.people[2].count", r'whole number.*"sex"')]),
    Case("quote-without-anyone",
         {WORKSHOP: ("attendance: offline\n", "attendance: offline\nquotes:\n  - text: Bra dag.\n")},
         [(WORKSHOP, 9, "quotes[0].name", r"required field is missing; who said it, or their "
           r"`role:` or `organisation:`")]),
]


def _params() -> list:
    return [pytest.param(case, id=case.id) for case in CASES]


def test_cases_are_distinct():
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", _params())
def test_broken_v2_content(case: Case, tmp_path: Path, base_output, monkeypatch) -> None:
    check_case(case, tmp_path, base_output, monkeypatch)
