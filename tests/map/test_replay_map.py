"""Replay (复盘) on the map page: moving the slider back puts the markers where they were then,
leaving replay puts them back; a gauge above 警戒水位 is drawn in its alert colour."""

from __future__ import annotations

import json

from map_scenario import OPERATOR, pump_until, run_js

from app.ops import hlc_ms
from app.services import common, gauges
from ui.replay.controller import ReplayController


def js(dock, script: str):
    text = run_js(dock.page, f"JSON.stringify(eval({json.dumps(script)}))")
    return json.loads(text) if isinstance(text, str) and text else None


def _tick(store) -> int:
    """The stamp's millisecond now, once the wall clock has moved past it."""
    at = hlc_ms(store.clock.last)
    assert pump_until(lambda: common.now_ms() > at + 1, 1000)
    return at


def test_the_slider_back_moves_markers_to_where_they_were(make_map_dock, new_post, qtbot) -> None:
    post = new_post()
    s = post.store
    unit = common.create(s, OPERATOR, "unit", {
        "name": "渝中区消防救援支队一站", "type": "fire_rescue", "status": "en_route",
        "geom": common.point(106.5430, 29.5480)})
    gauge = common.create(s, OPERATOR, "feature", {
        "symbol": "gauge", "name": "朝天门水位站", "geom": common.point(106.5855, 29.5660),
        "props": {"warning_level_m": 180.5, "guarantee_level_m": 183.5, "flood_standard_m": 195.0}})
    gauges.add_reading(s, OPERATOR, gauge, 179.8)
    before = _tick(s)
    common.update(s, OPERATOR, "unit", unit, {"status": "on_scene", "geom": common.point(106.5760, 29.5522)})
    gauges.add_reading(s, OPERATOR, gauge, 181.4)  # above 警戒水位
    dock = make_map_dock(post)
    uid, gid = f"unit:{unit}", f"feature:{gauge}"
    qtbot.waitUntil(lambda: js(dock, f"Zhijiu.position('{uid}')") == [106.576, 29.5522])
    assert js(dock, f"Zhijiu.item('{gid}').sym") == "gauge.warning"

    replay = ReplayController(dock.session)
    replay.momentChanged.connect(dock.show_moment)
    try:
        replay.enter()
        replay.seek(before)
        qtbot.waitUntil(lambda: js(dock, f"Zhijiu.position('{uid}')") == [106.543, 29.548])
        assert js(dock, f"Zhijiu.item('{uid}').badge") == "unit_status.en_route"
        assert js(dock, f"Zhijiu.item('{gid}').sym") == "plotted.gauge"  # 179.8: below 警戒
        # a change while replaying waits; leaving replay shows it with the rest of now
        gauges.add_reading(s, OPERATOR, gauge, 184.0)
        pump_until(lambda: False, 200)
        assert js(dock, f"Zhijiu.item('{gid}').sym") == "plotted.gauge"
        replay.leave()
        qtbot.waitUntil(lambda: js(dock, f"Zhijiu.position('{uid}')") == [106.576, 29.5522])
        qtbot.waitUntil(lambda: js(dock, f"Zhijiu.item('{gid}').sym") == "gauge.guarantee")
    finally:
        replay.cleanup()
