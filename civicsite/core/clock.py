"""The one time zone of dates and times in content, and the moment a build takes as "now"."""
from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def default_build_time() -> dt.datetime:
    """SOURCE_DATE_EPOCH (reproducible builds) or now, as naive Stockholm time."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    now = dt.datetime.fromtimestamp(int(epoch), tz=STOCKHOLM) if epoch.isdigit() \
        else dt.datetime.now(tz=STOCKHOLM)
    return now.replace(tzinfo=None)


def default_build_date() -> dt.date:
    """SOURCE_DATE_EPOCH (reproducible builds) or today, in Stockholm."""
    return default_build_time().date()
