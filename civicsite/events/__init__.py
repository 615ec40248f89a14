"""The events domain: when and where something happens — single occasions, lists of them and
series that repeat (``repeat:``), a place without a date, and a next meeting; reading them from
front matter, and expanding series into dates with ``dateutil.rrule``. The one model of events
that content (workshops, sprints, news) and render (pages, "Kommande", calendars, JSON-LD) use.
May import civicsite.core only."""
