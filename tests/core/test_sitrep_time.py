"""The situation report writes every time in Beijing time (UTC+8), labelled 北京时间 — the map's
caption too — whatever the computer's time zone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from oplab import Lab

from app.services.sitrep import beijing_time, sitrep_html

LATE_EVENING_UTC = int(datetime(2026, 7, 1, 16, 30, tzinfo=UTC).timestamp() * 1000)


@pytest.fixture
def lab(tmp_path):
    lab = Lab(tmp_path)
    yield lab
    lab.close()


def test_the_map_caption_and_the_header_say_beijing_time(lab):
    a = lab.authority
    a.put("incident", "inc", title="洪水", category="flood", status="open", opened_at=LATE_EVENING_UTC)
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 16
    html = sitrep_html(a.store, "inc", now=LATE_EVENING_UTC, map_png=png, post_name="市指挥中心")
    assert beijing_time(LATE_EVENING_UTC) == "2026年07月02日 00:30（北京时间）"  # the next day there
    assert '<div class="caption">态势图截取于2026年07月02日 00:30（北京时间）</div>' in html
    assert "市指挥中心　2026年07月02日 00:30（北京时间）" in html
    assert "16:30" not in html  # no UTC time anywhere in the report
