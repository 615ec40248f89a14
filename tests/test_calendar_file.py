"""Calendar files: an .ics per event (past ones too), 'Lägg till i kalendern' on upcoming ones, and
one feed of every event (evenemang.ics); parsed back with the icalendar library."""
import datetime as dt
from pathlib import Path

import icalendar

from civicsite.content.load import load_site
from civicsite.core.errors import Diagnostics
from civicsite.render.site import render_site

GOLDEN = Path(__file__).resolve().parent / "sites" / "golden"


def _outputs(build_date: dt.date) -> dict:
    site = load_site(str(GOLDEN), Diagnostics(), build_date, base_url="https://naringsliv.example.se/")
    return render_site(site)


def test_an_upcoming_all_day_event_gets_a_calendar_file_and_a_link():
    out = _outputs(dt.date(2021, 5, 10))
    event = icalendar.Calendar.from_ical(out["besokssprint/var-2021/kalender.ics"]).walk("VEVENT")[0]
    assert str(event["summary"]) == "30 företagsbesök på en dag"
    assert event.decoded("dtstart") == dt.date(2021, 5, 18)
    assert event.decoded("dtend") == dt.date(2021, 5, 19)  # exclusive end of a one-day event
    assert str(event["url"]) == "https://naringsliv.example.se/besokssprint/var-2021/"
    assert str(event["uid"]) == "besokssprint-var-2021@naringsliv.example.se"
    html = out["besokssprint/var-2021/index.html"]
    assert '<a href="../../besokssprint/var-2021/kalender.ics" download>Lägg till i kalendern</a>' in html


def test_a_timed_event_is_written_in_utc_from_swedish_time():
    out = _outputs(dt.date(2021, 3, 1))
    event = icalendar.Calendar.from_ical(out["workshop/workshop-2-mars/kalender.ics"]).walk("VEVENT")[0]
    # 08.00–10.00 Swedish winter time (UTC+1) on 2 March 2021
    assert event.decoded("dtstart") == dt.datetime(2021, 3, 2, 7, 0, tzinfo=dt.timezone.utc)
    assert event.decoded("dtend") == dt.datetime(2021, 3, 2, 9, 0, tzinfo=dt.timezone.utc)
    assert str(event["location"]) == "Kommunhuset, Guldköping"


def test_past_events_keep_their_calendar_file_but_offer_no_link():
    out = _outputs(dt.date(2021, 5, 10))  # the workshop (2 March) is over
    event = icalendar.Calendar.from_ical(out["workshop/workshop-2-mars/kalender.ics"]).walk("VEVENT")[0]
    assert event.decoded("dtstart") == dt.datetime(2021, 3, 2, 7, 0, tzinfo=dt.timezone.utc)
    assert "Lägg till i kalendern" not in out["workshop/workshop-2-mars/index.html"]


def test_one_feed_holds_every_event_oldest_first():
    out = _outputs(dt.date(2021, 5, 10))
    cal = icalendar.Calendar.from_ical(out["evenemang.ics"])
    assert str(cal["x-wr-calname"]) == "Evenemang – Näringsliv i Guldköping"
    events = cal.walk("VEVENT")
    assert [str(e["uid"]) for e in events] == ["workshop-workshop-2-mars@naringsliv.example.se",
                                               "besokssprint-var-2021@naringsliv.example.se"]
    # the same event in the feed and in the page's own file
    single = icalendar.Calendar.from_ical(out["besokssprint/var-2021/kalender.ics"]).walk("VEVENT")[0]
    assert events[1].to_ical() == single.to_ical()
    assert 'type="text/calendar"' in out["index.html"] and 'href="evenemang.ics"' in out["index.html"]


def test_dtstamp_is_the_build_date_not_the_clock():
    for day in (dt.date(2021, 5, 10), dt.date(2022, 1, 31)):
        cal = icalendar.Calendar.from_ical(_outputs(day)["evenemang.ics"])
        stamps = {e.decoded("dtstamp") for e in cal.walk("VEVENT")}
        assert stamps == {dt.datetime.combine(day, dt.time(), dt.timezone.utc)}


def test_calendar_files_are_identical_between_builds():
    for name in ("besokssprint/var-2021/kalender.ics", "evenemang.ics"):
        assert _outputs(dt.date(2021, 5, 10))[name] == _outputs(dt.date(2021, 5, 10))[name]


def test_a_site_without_events_has_no_feed_and_no_link(tmp_path):
    import shutil
    content = tmp_path / "content"
    shutil.copytree(GOLDEN, content)
    shutil.rmtree(content / "besokssprint")
    shutil.rmtree(content / "workshop")
    site = load_site(str(content), Diagnostics(), dt.date(2021, 5, 10))
    out = render_site(site)
    assert "evenemang.ics" not in out and not any(k.endswith(".ics") for k in out)
    assert "text/calendar" not in out["index.html"]
