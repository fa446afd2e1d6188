"""Beijing time (北京时间, UTC+8): the one zone every time is shown and read in.

A post's laptops and vehicles run with whatever zone their system has (a virtual machine on
UTC, a unit brought in from elsewhere), but orders, reports and the duty log speak Beijing
time: the window, the command line and the exported reports all show and parse times here,
never in the machine's zone, so one deadline reads the same on every screen and on paper.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

CST = timezone(timedelta(hours=8), "CST")
CST_OFFSET_S = 8 * 3600


def cst_datetime(ms: int) -> datetime:
    """Epoch milliseconds as an aware datetime in Beijing time."""
    return datetime.fromtimestamp(ms / 1000, CST)
