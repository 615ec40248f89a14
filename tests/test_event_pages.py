"""Events as citizens get them: the example site's monthly breakfast series (page, "Kommande",
kalender.ics and evenemang.ics read back by icalendar and expanded by recurring-ical-events),
a list of occasions at two places, a next meeting with a date, and a place without a date."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
import re
import shutil

import icalendar
import recurring_ical_events

from civicsite.content.load import load_site
from civicsite.core.clock import STOCKHOLM
from civicsite.core.errors import Diagnostics
from civicsite.events.expand import occasions
from civicsite.render.site import render_site

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 25)


def build(content: Path, today: dt.date = TODAY):
    diag = Diagnostics()
    site = load_site(str(content), diag, today, base_url="https://naringsliv.example.se/")
    assert diag.report() == []
    return site, render_site(site)


def expanded(ics: bytes, first: dt.date, last: dt.date) -> list:
    cal = icalendar.Calendar.from_ical(ics)
    return sorted(e.decoded("dtstart") for e in recurring_ical_events.of(cal).between(first, last))


def times(html: str, heading: str) -> list[str]:
    """The datetime of each occasion listed under ``heading`` on a page."""
    part = html.split(f"<dt>{heading}</dt>", 1)[1].split("</dd>", 1)[0]
    return re.findall(r'<li><time datetime="([^"]+)"', part)


def test_the_breakfast_series_in_its_calendar_on_its_page_and_in_kommande():
    site, out = build(ROOT / "content")
    page = next(p for p in site.pages if p.url == "frukostmote/")
    first, last = dt.date(2023, 1, 1), dt.date(2031, 1, 1)
    mine = [o.start.replace(tzinfo=STOCKHOLM) for o in occasions(page.data.event.entries)
            if o.day < last]
    # every occasion, read by an independent expansion of the calendar files
    assert expanded(out["frukostmote/kalender.ics"], first, last) == mine
    feed = [m for m in expanded(out["evenemang.ics"], first, last) if m.tzinfo]
    assert [m for m in feed if m.time() == dt.time(7, 30)] == mine
    assert mine[0] == dt.datetime(2023, 8, 29, 7, 30, tzinfo=STOCKHOLM)
    days = {m.date() for m in mine}
    assert dt.date(2023, 12, 26) not in days and not any(d.month in (6, 7) for d in days)
    assert all(d.weekday() == 1 and (d + dt.timedelta(days=7)).month != d.month for d in days)
    # the page: the next twelve, in Stockholm time; the home page's "Kommande": the next one
    html = out["frukostmote/index.html"]
    coming = [m.replace(tzinfo=None).isoformat() for m in mine if m.date() >= TODAY][:12]
    assert times(html, "Kommande tillfällen") == coming and len(coming) == 12
    assert "Sista tisdagen varje månad kl. 07.30–09.00, utom juni–juli." in html
    assert '<a href="../frukostmote/kalender.ics" download>Lägg till i kalendern</a>' in html
    home = out["index.html"]
    card = home.split('<h2 id="upcoming">Kommande</h2>', 1)[1].split("</li>", 1)[0]
    assert "Frukostmöte för näringslivet" in card and 'datetime="2026-12-29T07:30:00"' in card


def _site(tmp_path: Path, workshop: str, sprint_next: str = "") -> Path:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "tests" / "sites" / "golden", content)
    path = content / "workshop" / "workshop-2-mars.md"
    text = path.read_text(encoding="utf-8")
    old = "event:\n  start: 2021-03-02T08:00\n  end: 2021-03-02T10:00\n  location: Kommunhuset, Guldköping\n  attendance: offline\n"
    assert old in text
    path.write_text(text.replace(old, workshop), encoding="utf-8")
    if sprint_next:
        sprint = content / "besokssprint" / "Vår 2021.md"
        text = sprint.read_text(encoding="utf-8")
        text = re.sub(r"next:\n(  .*\n)+", sprint_next, text)
        sprint.write_text(text, encoding="utf-8")
    return content


def test_a_list_of_occasions_and_a_next_meeting_with_a_date(tmp_path):
    content = _site(tmp_path, "event:\n  - {start: 2026-12-01T08:00, end: '10:00', location: Kommunhuset}\n"
                    "  - {start: 2027-01-12T08:00, end: '10:00', location: Biblioteket}\n"
                    "next: {when: i mars, start: 2027-03-02T12:00, location: Malma bygdegård}\n")
    site, out = build(content)
    cal = icalendar.Calendar.from_ical(out["workshop/workshop-2-mars/kalender.ics"])
    found = [(str(e["uid"]).split("@")[0], e.decoded("dtstart"), str(e["location"])) for e in cal.walk("VEVENT")]
    assert found == [
        ("workshop-workshop-2-mars", dt.datetime(2026, 12, 1, 7, tzinfo=dt.timezone.utc), "Kommunhuset"),
        ("workshop-workshop-2-mars-2", dt.datetime(2027, 1, 12, 7, tzinfo=dt.timezone.utc), "Biblioteket"),
        ("workshop-workshop-2-mars-next", dt.datetime(2027, 3, 2, 11, tzinfo=dt.timezone.utc), "Malma bygdegård"),
    ]
    assert str(cal.walk("VEVENT")[2]["summary"]) == "Nästa tillfälle: Workshop för ny näringslivsstrategi"
    feed = icalendar.Calendar.from_ical(out["evenemang.ics"])
    assert len(feed.walk("VEVENT")) == 4  # and the sprint
    html = out["workshop/workshop-2-mars/index.html"]
    assert times(html, "Kommande tillfällen") == ["2026-12-01T08:00:00", "2027-01-12T08:00:00"]
    assert "Kommunhuset</li>" in html and "Biblioteket</li>" in html  # each its own place
    assert '<h2 id="next-meeting">Nästa träff</h2>' in html and "Nästa träff planeras till i mars." in html
    assert "Malma bygdegård" in html
    # Kommande: the workshop by its next occasion; after both dates, by its next meeting
    card = out["index.html"].split('id="upcoming"', 1)[1].split("</li>", 1)[0]
    assert 'datetime="2026-12-01T08:00:00"' in card
    _, later = build(content, dt.date(2027, 2, 1))
    card = later["index.html"].split('id="upcoming"', 1)[1].split("</li>", 1)[0]
    assert "Workshop för ny näringslivsstrategi" in card and 'datetime="2027-03-02T12:00:00"' in card
    assert "Tidigare tillfällen" in later["workshop/workshop-2-mars/index.html"]


def test_a_place_without_a_date_is_shown_but_in_no_calendar(tmp_path):
    content = _site(tmp_path, "event:\n  location: Malma bygdegård\n")
    site, out = build(content)
    assert "workshop/workshop-2-mars/kalender.ics" not in out
    html = out["workshop/workshop-2-mars/index.html"]
    assert "<dt>Var</dt><dd>Malma bygdegård</dd>" in html and "Lägg till i kalendern" not in html
    assert "Workshop" not in "".join(str(e.get("summary")) for e in
                                     icalendar.Calendar.from_ical(out["evenemang.ics"]).walk("VEVENT"))


def test_a_sprint_next_with_a_date_is_in_kommande_and_the_calendars(tmp_path):
    content = _site(tmp_path, "event:\n  start: 2021-03-02T08:00\n",
                    "next:\n  when: 5 december\n  start: 2026-12-05T12:00\n  location: Malma bygdegård\n")
    site, out = build(content)
    cal = icalendar.Calendar.from_ical(out["besokssprint/var-2021/kalender.ics"])
    starts = [e.decoded("dtstart") for e in cal.walk("VEVENT")]
    assert starts == [dt.date(2021, 5, 18), dt.datetime(2026, 12, 5, 11, tzinfo=dt.timezone.utc)]
    html = out["besokssprint/var-2021/index.html"]
    assert "Nästa Besökssprint planeras till 5 december." in html
    assert '<a href="../../besokssprint/var-2021/kalender.ics" download>' in html
    card = out["index.html"].split('id="upcoming"', 1)[1].split("</li>", 1)[0]
    assert 'datetime="2026-12-05T12:00:00"' in card
