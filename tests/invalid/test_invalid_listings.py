"""Broken version-2 content of news, listings (site.yaml ``kinds:``), inexact dates and people:
each case makes one mistake in the minimal site and must give exactly one
``path:line: field: message`` line (in Swedish, as editors read it), exit 1, no traceback and the previous output untouched
(run like ``test_invalid.py``)."""
from __future__ import annotations

from pathlib import Path

import pytest
from test_invalid import Case, base_output, check_case, swedish  # noqa: F401

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
         [('site.yaml', 11, 'kinds.sprnt',
           'okänd sidtyp "sprnt"; `kinds:` tar strategy, workshop, sprint, news (menade du "sprint"?)')]),
    Case("kinds-kind-without-listing", {"site.yaml": _kinds("  page: {title: Sidor}\n")},
         [('site.yaml', 11, 'kinds.page',
           'sidor av typen "page" har ingen genererad lista; `kinds:` tar strategy, workshop, sprint, news')]),
    Case("kinds-path-collides-with-page",
         {"site.yaml": _kinds("  sprint:\n    title: Företagsbesök\n    path: foretagsbesok\n"),
          "foretagsbesok.md": "---\ntitle: Om företagsbesök\n---\nText.\n"},
         [('site.yaml', 13, 'kinds.sprint.path',
           '/foretagsbesok/ är redan adressen till content/foretagsbesok.md, så den genererade listan över sidor av typen sprint kan inte publiceras där; välj en annan path')]),
    Case("kinds-path-collides-with-listing",
         {"site.yaml": _kinds("  sprint: {path: traffar}\n  workshop: {path: traffar}\n")},
         [('site.yaml', 12, 'kinds.workshop.path',
           '/traffar/ är redan adressen till listan över sidor av typen sprint; ge varje sidtyp en egen path')]),
    Case("kinds-path-collides-with-default-listing",
         {"site.yaml": _kinds("  sprint: {path: workshoppar}\n")},
         [('site.yaml', 11, 'kinds.sprint.path',
           '/workshoppar/ är redan adressen till listan över sidor av typen workshop; ge varje sidtyp en egen path')]),
    Case("kinds-path-is-the-search-page", {"site.yaml": _kinds("  sprint: {path: sok}\n")},
         [('site.yaml', 11, 'kinds.sprint.path',
           '/sok/ används av webbplatsen själv (sök, ämnesord, filer); välj en annan path')]),
    Case("kinds-path-not-a-segment", {"site.yaml": _kinds("  sprint: {path: Företags besök}\n")},
         [('site.yaml', 11, 'kinds.sprint.path',
           '"Företags besök" är ingen giltig adress för en lista; använd en enda del med bara a-z, 0-9 och -, till exempel "foretags-besok"')]),
    Case("kinds-per-page-zero", {"site.yaml": _kinds("  news:\n    per_page: 0\n")},
         [('site.yaml', 12, 'kinds.news.per_page',
           'måste vara 1 eller mer: antalet sidor som varje sida i listan visar')]),
    Case("kinds-per-page-not-a-number", {"site.yaml": _kinds("  news: {per_page: tio}\n")},
         [('site.yaml', 11, 'kinds.news.per_page',
           'här ska det stå ett heltal, till exempel 30, men det står "tio"')]),
    Case("kinds-menu-not-boolean", {"site.yaml": _kinds("  workshop: {menu: nej tack}\n")},
         [('site.yaml', 11, 'kinds.workshop.menu',
           'här ska det stå true eller false, men det står "nej tack"')]),
    Case("kinds-is-a-list", {"site.yaml": (SITE_END, SITE_END + "kinds: [news, sprint]\n")},
         [('site.yaml', 10, 'kinds',
           'här ska det stå fält (`namn: värde`) på egna, indragna rader, men det står en lista')]),
    Case("kinds-unknown-setting-strict", {"site.yaml": _kinds("  news: {titel: Aktuellt}\n")},
         [('site.yaml', 11, 'kinds.news.titel',
           'okänt fält (menade du "title"?); värdet används inte förrän namnet är rätt')],
         strict=True),
    # -- news -----------------------------------------------------------------------------------
    Case("news-without-date", {"nyheter/nyhet.md": NEWS_NO_DATE},
         [('nyheter/nyhet.md', 1, 'date',
           'fältet saknas men måste finnas; dagen den publiceras, till exempel `date: 2026-09-01`')]),
    Case("news-bad-date", {"nyheter/nyhet.md": NEWS.replace("2024-05-02", "2 maj 2024")},
         [('nyheter/nyhet.md', 4, 'date',
           'här ska det stå ett datum skrivet ÅÅÅÅ-MM-DD, till exempel 2021-05-18, men det står "2 maj 2024"')]),
    Case("news-updated-before-published",
         {"nyheter/nyhet.md": NEWS.replace("summary:", "updated: 2024-04-30\nsummary:")},
         [('nyheter/nyhet.md', 5, 'updated',
           'nyheten är uppdaterad (2024-04-30) innan den publiceras (2024-05-02); kontrollera datumen')]),
    Case("news-event-ends-before-it-starts",
         {"nyheter/nyhet.md": NEWS.replace("summary:", "event:\n  start: 2024-05-20T10:00\n"
                                                       "  end: 2024-05-20T09:00\nsummary:")},
         [('nyheter/nyhet.md', 7, 'event.end',
           'evenemanget slutar innan det börjar; kontrollera datum och tider')]),
    Case("page-at-a-news-year-archive",
         {"nyheter/nyhet.md": NEWS, "nyheter/2024.md": "---\ntitle: År 2024\n---\nText.\n"},
         [('nyheter/2024.md', 1, 'adress',
           'sidan skulle publiceras på /nyheter/2024/, som redan används av den genererade listan över nyheter från 2024; byt namn på den här filen eller ange en annan adress med `slug:`')]),
    Case("page-at-page-2-of-a-listing",
         {"site.yaml": _kinds("  news: {per_page: 1}\n"), "nyheter/nyhet.md": NEWS,
          "nyheter/nyhet-2.md": NEWS.replace("title: Nyhet", "title: Nyhet 2"),
          "nyheter/sida/2.md": "---\ntitle: Sidan två\n---\nText.\n"},
         [('nyheter/sida/2.md', 1, 'adress',
           'sidan skulle publiceras på /nyheter/sida/2/, som redan används av sida 2 av den genererade listan över sidor av typen news; byt namn på den här filen eller ange en annan adress med `slug:`')]),
    # -- inexact dates, open-ended strategies ----------------------------------------------------
    Case("strategy-adopted-month-13",
         {STRATEGY: ("status: draft", "status: adopted\nadopted: {date: 2020-13, by: KF}")},
         [('nyheter/strategi.md', 8, 'adopted.date',
           'här ska det stå ett årtal (2020), ett år och en månad (2020-11) eller ett datum (2020-11-20), men det står "2020-13"')]),
    Case("strategy-adopted-in-words",
         {STRATEGY: ("status: draft", "status: adopted\nadopted:\n  date: november 2020")},
         [('nyheter/strategi.md', 9, 'adopted.date',
           'här ska det stå ett årtal (2020), ett år och en månad (2020-11) eller ett datum (2020-11-20), men det står "november 2020"')]),
    Case("strategy-period-end-misspelt", {STRATEGY: ("end: 2028", "end: tills vidre")},
         [('nyheter/strategi.md', 6, 'period.end',
           'här ska det stå ett årtal som 2028, eller "tills vidare", men det står "tills vidre"')]),
    Case("strategy-extended-bad-date",
         {STRATEGY: ("status: draft", "status: adopted\nextended: {date: 20-11, by: KSAU}")},
         [('nyheter/strategi.md', 8, 'extended.date',
           'här ska det stå ett årtal (2020), ett år och en månad (2020-11) eller ett datum (2020-11-20), men det står "20-11"')]),
    # -- people ---------------------------------------------------------------------------------
    Case("participant-name-and-group",
         {SPRINT: ("    - name: Cia Carlsson", "    - name: Cia Carlsson\n      group: Politiker")},
         [('nyheter/besokssprint.md', 21, 'participants.people[2].group',
           'en deltagare är en person (`name:`) eller en grupp (`group:`), inte båda; skriv gruppen som en egen deltagare')]),
    Case("participant-count-without-group",
         {SPRINT: ("    - name: Cia Carlsson", "    - name: Cia Carlsson\n      count: 6")},
         [('nyheter/besokssprint.md', 21, 'participants.people[2].count',
           '`count:` är antalet personer i en grupp; skriv gruppens namn med `group:`')]),
    Case("participant-group-count-not-a-number",
         {SPRINT: ("    - name: Cia Carlsson", "    - group: tjänstemän\n      count: sex")},
         [('nyheter/besokssprint.md', 21, 'participants.people[2].count',
           'här ska det stå ett heltal, till exempel 30, men det står "sex"')]),
    Case("quote-without-anyone",
         {WORKSHOP: ("attendance: offline\n", "attendance: offline\nquotes:\n  - text: Bra dag.\n")},
         [('nyheter/workshop.md', 9, 'quotes[0].name',
           'fältet saknas men måste finnas; vem som sa det, eller personens `role:` eller `organisation:`')]),
]


def _params() -> list:
    return [pytest.param(case, id=case.id) for case in CASES]


def test_cases_are_distinct():
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", _params())
def test_broken_v2_content(case: Case, tmp_path: Path, base_output, monkeypatch) -> None:
    check_case(case, tmp_path, base_output, monkeypatch)
