"""The gauge feed in the window, end to end: a post whose ``feeds.json`` points the built-in
``gauges`` feed at a hydrological endpoint (a real HTTP server on loopback) gets the readings on
its board; the one above 警戒水位 turns the gauge's row orange, raises the board's alert and
changes its symbol on the map; the source going down is shown in the plugin manager and cleared
when it is back."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from web_source import WebSource

from app.services import common

OPERATOR = "值班员"


RIVER = "/st_river_r.json"


@pytest.fixture
def hydro() -> Iterator[WebSource]:
    """A hydrological endpoint on loopback."""
    with WebSource() as source:
        yield source


def test_fed_readings_reach_the_board_and_the_map_and_a_down_source_is_shown(
        post, make_main_window, hydro, qtbot) -> None:
    gauge = common.create(post.store, OPERATOR, "feature", {
        "symbol": "gauge", "name": "寸滩水位站", "geom": common.point(106.60, 29.61),
        "props": {"warning_level_m": 183.5, "guarantee_level_m": 186.0, "station_code": "60105600"}})
    hydro.pages[RIVER] = (503, b"maintenance")
    (post.folder.path / "feeds.json").write_text(json.dumps(
        {"gauges": {"url": hydro.url + RIVER, "interval_s": 3600, "retry_s": 0.2}}), "utf-8")
    window = make_main_window(post)
    service = window.plugin_menu.service
    feed = service.feeds["gauges/gauges"]
    assert feed.running
    qtbot.waitUntil(lambda: "HTTP 503" in (service.host.plugins["gauges"].error or ""), timeout=20_000)
    dialog = window.plugin_menu.show_manager()
    qtbot.waitUntil(lambda: any("HTTP 503" in r[4] for r in dialog.row_texts()), timeout=10_000)

    raised: list[tuple[str, str]] = []
    window.board_dock.gauges.alertRaised.connect(lambda eid, level: raised.append((eid, level)))
    hydro.pages[RIVER] = (200, json.dumps([{"STCD": "60105600", "TM": "2026-07-01 08:00", "Z": 182.1},
                                    {"STCD": "60105600", "TM": "2026-07-01 09:00", "Z": 183.9}]).encode())
    qtbot.waitUntil(lambda: window.board_dock.gauges.row_colour(gauge) == "#ff7f00", timeout=20_000)
    assert raised == [(gauge, "warning")]
    qtbot.waitUntil(lambda: service.host.plugins["gauges"].error is None, timeout=10_000)
    qtbot.waitUntil(lambda: not any("HTTP 503" in r[4] for r in dialog.row_texts()), timeout=10_000)
    qtbot.waitUntil(lambda: window.map_dock.bridge.shown.get(f"feature:{gauge}", {}).get("sym") == "gauge.warning",
                    timeout=20_000)

    item = next(dialog.tree.topLevelItem(i) for i in range(dialog.tree.topLevelItemCount())
                if dialog.tree.topLevelItem(i).text(1) == "雨水情测站接入")
    item.setCheckState(0, Qt.CheckState.Unchecked)  # unloaded: the feed's thread ends
    assert not feed.running and "gauges/gauges" not in service.feeds
