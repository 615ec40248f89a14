"""Opening hours (``hours.yaml``): parsing, the Swedish calendar, and everything derived.

The model and the two answers (:func:`hours_on`, :func:`open_state`) live in ``hours_model``,
reading what editors write in ``hours_parse``, and what is shown or published (the block's
view, JSON-LD, browser data, OpenStreetMap) in ``hours_render``.
"""
from __future__ import annotations

from .hours_model import (DayException, DayHours, Interval, OpeningHours, OpenState, Season,
                          holiday_name, hours_on, open_state, season_on)
from .hours_parse import parse_days, parse_hours_file, parse_intervals
from .hours_render import (DeviationView, HoursRow, HoursView, SeasonView, hours_jsonld,
                           hours_view, live_data, open_now, open_now_text, osm_opening_hours)

__all__ = [
    "DayException", "DayHours", "Interval", "OpeningHours", "OpenState", "Season",
    "holiday_name", "hours_on", "open_state", "season_on",
    "parse_days", "parse_hours_file", "parse_intervals",
    "DeviationView", "HoursRow", "HoursView", "SeasonView", "hours_jsonld", "hours_view",
    "live_data", "open_now", "open_now_text", "osm_opening_hours",
]
