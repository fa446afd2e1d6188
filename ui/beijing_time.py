"""The window's times in Beijing time (``app.cst``): shown, and typed into date-time fields.

Without this the window would follow the machine's zone while the command line and the
exported reports speak Beijing time, and one deadline would read differently on screen and on
paper (a vehicle laptop left on UTC showed 21:33 for a 05:33 order).
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QTimeZone
from PySide6.QtWidgets import QDateTimeEdit, QWidget

from app.cst import CST_OFFSET_S

ZONE = QTimeZone(CST_OFFSET_S)
AXIS_UTC_OFFSET = -CST_OFFSET_S  # pyqtgraph's DateAxisItem: seconds behind UTC, as time.timezone


def at(ms: int) -> QDateTime:
    """Epoch milliseconds as a QDateTime in Beijing time."""
    return QDateTime.fromMSecsSinceEpoch(ms, ZONE)


def now() -> QDateTime:
    return QDateTime.currentDateTime(ZONE)


def time_field(ms: int, parent: QWidget | None = None) -> QDateTimeEdit:
    """A date-and-time field showing and reading Beijing time, to the minute, with a calendar."""
    edit = QDateTimeEdit(parent)
    edit.setTimeZone(ZONE)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    edit.setCalendarPopup(True)
    edit.setDateTime(at(ms))
    return edit
