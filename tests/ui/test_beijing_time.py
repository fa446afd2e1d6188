"""The window shows and reads times in Beijing time whatever the machine's zone (this machine
runs on UTC), as the command line and the exported reports do: one deadline, one reading."""

from __future__ import annotations

from app.cli_tasks import iso
from app.services.sitrep import beijing_time as report_time
from ui import beijing_time, labels

DEADLINE = 1_796_592_780_000  # 2026-12-06 21:33 UTC


def test_the_window_the_command_line_and_the_report_agree(qtbot) -> None:
    assert labels.local_time(DEADLINE) == "2026-12-07 05:33"
    assert str(iso(DEADLINE)).startswith("2026-12-07T05:33")
    assert "2026年12月07日 05:33" in report_time(DEADLINE)
    assert labels.short_time(DEADLINE).endswith("12-07 05:33")


def test_a_date_time_field_shows_and_reads_beijing_time(qtbot) -> None:
    field = beijing_time.time_field(DEADLINE)
    qtbot.addWidget(field)
    assert field.text() == "2026-12-07 05:33"
    field.setDateTime(field.dateTime().addSecs(3600))  # the person moves it an hour on
    assert field.dateTime().toMSecsSinceEpoch() == DEADLINE + 3_600_000
