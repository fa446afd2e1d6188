"""The map page itself, over a post with one record on every layer: it loads from local files
only, shows what the store holds, follows changes from any thread without reloading, and sends
clicks, drawings, edits, measurements and the cursor back to Qt.

One page for the whole module (``map_dock``); each test leaves the store as it found it or only
adds records the others do not count.
"""

from __future__ import annotations

import json
import math
import threading
from pathlib import Path

import pytest
from map_scenario import EXPECTED, OPERATOR, MapPost, fill_map, run_js
from PySide6.QtGui import QColor, QImage

from app.services import common
from ui.docks.map import MapDock
from ui.map import coords


def js(dock: MapDock, script: str):
    """The value of ``script`` (statements allowed: the last one's value), through JSON (an empty
    list would otherwise come back as '')."""
    text = run_js(dock.page, f"JSON.stringify(eval({json.dumps(script)}))")
    return json.loads(text) if isinstance(text, str) and text else None


def count(dock: MapDock, layer: str) -> int:
    return int(js(dock, f"Zhijiu.count({json.dumps(layer)})"))


def position(dock: MapDock, mid: str) -> list[float] | None:
    return js(dock, f"Zhijiu.position({json.dumps(mid)})")


def near(a: list[float] | None, b: list[float], tol: float = 1e-6) -> bool:
    return a is not None and abs(a[0] - b[0]) < tol and abs(a[1] - b[1]) < tol


def in_other_thread(fn) -> None:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            fn()
        except BaseException as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)

    t = threading.Thread(target=run, name="test-writer")
    t.start()
    t.join(30)
    assert not errors, errors


# ---------------------------------------------------------------------- loading


def test_page_loads_from_local_files_only(map_dock: MapDock) -> None:
    guard = map_dock.installed.guard
    assert js(map_dock, "location.href") == "zhijiu://web/map.html"
    assert js(map_dock, "typeof L.markerClusterGroup + ' ' + typeof L.Draw.Polygon") == "function function"
    assert js(map_dock, "Zhijiu.errorsSoFar()") == []
    # every script and stylesheet came from our scheme or Qt's resources
    sources = js(map_dock, "Array.from(document.querySelectorAll('script[src], link[href]'))"
                           ".map(function (e) { return e.src || e.href; })")
    assert sources and all(s.startswith(("zhijiu://web/", "qrc:///")) for s in sources), sources
    # the Font Awesome glyphs really arrived (a blank font would still "load")
    assert js(map_dock, "document.fonts.check('900 14px \"Font Awesome 6 Free\"')") is True
    assert guard.blocked == [] or all("test-probe" in u for u in guard.blocked)


def test_a_request_to_the_network_is_blocked_and_recorded(map_dock: MapDock, qtbot) -> None:
    guard = map_dock.installed.guard
    before = len(guard.blocked)
    js(map_dock, "var i = new Image(); i.src = 'https://tile.openstreetmap.org/0/0/0.png?test-probe'; 1")
    qtbot.waitUntil(lambda: len(guard.blocked) > before)
    assert "tile.openstreetmap.org" in guard.blocked[-1]
    del guard.blocked[before:]  # the fixture fails on any other non-local request


def test_every_layer_shows_the_records_of_the_store(map_dock: MapDock, map_post: MapPost) -> None:
    for layer, n in EXPECTED.items():
        assert count(map_dock, layer) == n, layer
    ids = map_post.ids
    assert position(map_dock, f"unit:{ids['unit']}") == pytest.approx([106.56, 29.553])
    # not on the map: a team without a position, a lifted warning
    assert js(map_dock, f"Zhijiu.item('unit:{ids['unit_nowhere']}')") is None
    assert js(map_dock, f"Zhijiu.item('warning:{ids['lifted']}')") is None
    # the page drew them: markers and shapes in the layer groups, icons in the DOM
    assert js(map_dock, "Zhijiu.rendered('incidents')") == 2  # the marker and its area
    assert js(map_dock, "Zhijiu.visibleMarkers()") >= 5


def test_symbols_follow_type_status_and_level(map_dock: MapDock, map_post: MapPost) -> None:
    ids = map_post.ids
    item = lambda mid: js(map_dock, f"Zhijiu.item('{mid}')")  # noqa: E731
    unit = item(f"unit:{ids['unit']}")
    assert (unit["sym"], unit["badge"]) == ("unit.fire_rescue", "unit_status.en_route")
    task = item(f"task:{ids['task']}")
    assert task["sym"] == "task.issued" and task["overdue"] is True and task["badge"] == "task.overdue"
    assert item(f"feature:{ids['hazard']}")["sym"] == "hazard.major"
    assert item(f"feature:{ids['risk']}")["sym"] == "risk_point.high"
    assert item(f"warning:{ids['warning']}")["sym"] == "warning.red"
    incident = item(f"incident:{ids['flood']}")
    assert (incident["sym"], incident["badge"]) == ("incident.flood", "response.3")
    assert item(f"feature:{ids['shelter']}")["bar"] == [120, 500]
    assert item(f"media:{ids['photo']}")["sym"] == "media.photo"
    # how the page draws them on its canvas
    look = js(map_dock, f"Zhijiu.look('task:{ids['task']}')")
    assert look["overdue"] and look["badge"] == "task.overdue" and look["onMap"]
    assert js(map_dock, f"Zhijiu.look('feature:{ids['shelter']}')")["bar"] == "#2e7d32"  # room left


# ---------------------------------------------------------------------- following the store


def test_an_op_from_another_thread_moves_the_marker_without_a_reload(
        map_dock: MapDock, map_post: MapPost, qtbot) -> None:
    bridge = map_dock.bridge
    uid = map_post.ids["unit"]
    mid = f"unit:{uid}"
    seq_before = bridge.seq
    target = [106.5655, 29.5511]
    with qtbot.waitSignal(bridge.diffShown, timeout=10_000) as shown:
        in_other_thread(lambda: common.update(map_post.store, "远程操作员", "unit", uid, {
            "geom": common.point(*target), "status": "on_scene"}))
    assert near(position(map_dock, mid), target)
    assert js(map_dock, f"Zhijiu.item('{mid}').badge") == "unit_status.on_scene"
    assert shown.args[1] < 5000  # milliseconds from the change to the page having painted it
    assert bridge.seq == seq_before + 1  # one small diff …
    assert js(map_dock, "Zhijiu.loads") == 1 and bridge.ready_count == 1  # … and no reload
    assert count(map_dock, "units") == EXPECTED["units"]


def test_many_changes_in_one_turn_are_one_diff(map_dock: MapDock, map_post: MapPost, qtbot) -> None:
    bridge, store = map_dock.bridge, map_post.store
    made: list[str] = []
    seq_before = bridge.seq
    for i in range(5):  # no event processing in between: one turn of the event loop
        made.append(common.create(store, OPERATOR, "feature", {
            "symbol": "rescue_point", "name": f"救援点{i}", "geom": common.point(106.55 + i / 1000, 29.54)}))
    qtbot.waitUntil(lambda: count(map_dock, "plotted") == EXPECTED["plotted"] + 5)
    assert bridge.seq == seq_before + 1
    for eid in made:
        common.delete(store, OPERATOR, "feature", eid)
    qtbot.waitUntil(lambda: count(map_dock, "plotted") == EXPECTED["plotted"])
    assert bridge.seq == seq_before + 2


def test_movements_redraw_their_place(map_dock: MapDock, map_post: MapPost, qtbot) -> None:
    sid = map_post.ids["shelter"]
    in_other_thread(lambda: common.create(map_post.store, OPERATOR, "occupancy", {"shelter_id": sid, "delta": 400}))
    qtbot.waitUntil(lambda: js(map_dock, f"Zhijiu.item('feature:{sid}').bar[0]") == 520)
    # over capacity: the bar is red in the page
    assert js(map_dock, f"Zhijiu.look('feature:{sid}').bar") == "#d50000"
    common.create(map_post.store, OPERATOR, "occupancy", {"shelter_id": sid, "delta": -400})
    qtbot.waitUntil(lambda: js(map_dock, f"Zhijiu.item('feature:{sid}').bar[0]") == 120)


# ---------------------------------------------------------------------- page -> Qt


def test_clicking_a_record_selects_it_and_a_photo_opens(map_dock: MapDock, map_post: MapPost, qtbot) -> None:
    ids = map_post.ids
    with qtbot.waitSignal(map_dock.featureSelected) as sel:
        js(map_dock, f"Zhijiu.click('unit:{ids['unit']}')")
    assert sel.args == ["unit", ids["unit"]]
    assert js(map_dock, "Zhijiu.selectedId()") == f"unit:{ids['unit']}"
    with qtbot.waitSignal(map_dock.mediaActivated) as media:
        js(map_dock, f"Zhijiu.click('media:{ids['photo']}')")
    assert media.args == [ids["photo"]]


def test_select_from_a_table_highlights_and_pans(map_dock: MapDock, map_post: MapPost, qtbot) -> None:
    ids = map_post.ids
    got: list[object] = []

    def record(*args: object) -> None:
        got.append(args)

    map_dock.featureSelected.connect(record)
    try:
        assert map_dock.select("task", ids["task"]) is True
        qtbot.waitUntil(lambda: js(map_dock, "Zhijiu.selectedId()") == f"task:{ids['task']}")
        center = js(map_dock, "Zhijiu.view().center")
        assert center == pytest.approx([106.57, 29.547], abs=1e-3)
        assert js(map_dock, "document.querySelectorAll('.zj-selected').length") == 1
        assert got == []  # selecting from outside does not echo back
    finally:
        map_dock.featureSelected.disconnect(record)
    assert map_dock.select("unit", ids["unit_nowhere"]) is False  # no position: not on the map


def test_cursor_coordinates_in_decimal_and_dms(map_dock: MapDock, qtbot) -> None:
    js(map_dock, "map_zhijiu.fire('mousemove', {latlng: L.latLng(29.556, 106.5665)}); 1")
    qtbot.waitUntil(lambda: "29.556000°N" in map_dock.cursor_label.text())
    text = map_dock.cursor_label.text()
    assert "106.566500°E" in text and "29°33′21.6″N" in text and "106°33′59.4″E" in text


def test_measuring_a_distance_and_an_area(map_dock: MapDock, qtbot) -> None:
    line = [[106.55, 29.55], [106.56, 29.55]]
    expected = 6_378_137 * math.radians(0.01) * math.cos(math.radians(29.55))
    with qtbot.waitSignal(map_dock.bridge.channel.measurement) as got:
        map_dock.measure("distance")
        js(map_dock, f"Zhijiu.simulateDraw({json.dumps({'type': 'LineString', 'coordinates': line})}); 1")
    assert got.args[0] == "distance" and got.args[1] == pytest.approx(expected, rel=0.005)
    assert map_dock.info_label.text() == "距离：967 m"
    ring = [[106.55, 29.55], [106.56, 29.55], [106.56, 29.56], [106.55, 29.56], [106.55, 29.55]]
    with qtbot.waitSignal(map_dock.bridge.channel.measurement) as got:
        map_dock.measure("area")
        js(map_dock, f"Zhijiu.simulateDraw({json.dumps({'type': 'Polygon', 'coordinates': [ring]})}); 1")
    assert got.args[0] == "area" and got.args[1] == pytest.approx(expected * 1111.9, rel=0.01)
    assert count(map_dock, "plotted") == EXPECTED["plotted"]  # measuring makes no feature
    js(map_dock, "Zhijiu.cancelTools(); 1")


def test_search_and_fit_to_an_incident(map_dock: MapDock, map_post: MapPost, qtbot) -> None:
    mid = map_dock.find_on_map("人民公园")
    assert mid == f"feature:{map_post.ids['shelter']}"
    qtbot.waitUntil(lambda: js(map_dock, "Zhijiu.selectedId()") == mid)
    assert map_dock.find_on_map("不存在的地方") is None
    assert map_dock.fit_incident(map_post.ids["flood"])
    qtbot.waitUntil(lambda: js(map_dock, "Zhijiu.view().zoom") >= 13)
    w, s, e, n = js(map_dock, "Zhijiu.view().bbox")
    # the incident's area and everything of it (the warning area is the widest) are in view
    assert w <= 106.54 and e >= 106.5757 and s <= 29.546 and n >= 29.57


# ---------------------------------------------------------------------- plotting


def test_a_drawn_polygon_comes_back_as_a_feature(map_dock: MapDock, map_post: MapPost, qtbot) -> None:
    ring = [[106.560, 29.560], [106.562, 29.560], [106.562, 29.562], [106.560, 29.562], [106.560, 29.560]]
    js(map_dock, f"Zhijiu.simulateDraw({json.dumps({'type': 'Polygon', 'coordinates': [ring]})}); 1")
    qtbot.waitUntil(lambda: map_dock.plot_dialog is not None and map_dock.plot_dialog.isVisible())
    dialog = map_dock.plot_dialog
    assert dialog.type_combo.currentData() == "danger_zone"  # the first choice for an area
    assert dialog.set_type("staging_area")
    dialog.name_edit.setText("较场口集结区")
    dialog.accept()
    found = [f for f in map_post.store.entities("feature") if f.get("name") == "较场口集结区"]
    assert len(found) == 1
    feature = found[0]
    assert feature.get("symbol") == "staging_area"
    assert feature.get("incident_id") == map_post.ids["flood"]  # the open incident, preselected
    assert feature.get("geom")["type"] == "Polygon"
    assert feature.get("geom")["coordinates"][0][0] == pytest.approx([106.560, 29.560])
    # an op of this post, signed, ready to sync
    (op, status, _reason), = map_post.store.history("feature", feature.eid)
    assert status == "applied" and op.operator == OPERATOR
    mid = f"feature:{feature.eid}"
    qtbot.waitUntil(lambda: js(map_dock, f"Zhijiu.item('{mid}') !== null"))
    assert js(map_dock, f"Zhijiu.item('{mid}').sym") == "plotted.staging_area"
    assert js(map_dock, "document.querySelectorAll('.leaflet-zjDraft-pane path').length") == 0  # draft gone
    common.delete(map_post.store, OPERATOR, "feature", feature.eid)
    qtbot.waitUntil(lambda: js(map_dock, f"Zhijiu.item('{mid}')") is None)


def test_a_cancelled_drawing_leaves_nothing(map_dock: MapDock, map_post: MapPost, qtbot) -> None:
    before = len(map_post.store.entities("feature"))
    js(map_dock, "Zhijiu.simulateDraw({type: 'Point', coordinates: [106.55, 29.55]}); 1")
    qtbot.waitUntil(lambda: map_dock.plot_dialog is not None and map_dock.plot_dialog.isVisible())
    assert map_dock.plot_dialog.type_combo.currentData() == "hazard"
    map_dock.plot_dialog.reject()
    qtbot.waitUntil(lambda: js(map_dock, "document.querySelectorAll('.leaflet-zjDraft-pane .zj-draft-point').length") == 0)
    assert len(map_post.store.entities("feature")) == before


def test_reshape_and_delete_a_plotted_feature(map_dock: MapDock, map_post: MapPost, qtbot) -> None:
    store = map_post.store
    eid = common.create(store, OPERATOR, "feature", {
        "symbol": "road_cut", "name": "临江门道路中断",
        "geom": {"type": "LineString", "coordinates": [[106.575, 29.560], [106.577, 29.561]]}})
    mid = f"feature:{eid}"
    qtbot.waitUntil(lambda: js(map_dock, f"Zhijiu.item('{mid}') !== null"))
    with qtbot.waitSignal(map_dock.featureSelected):
        js(map_dock, f"Zhijiu.click('{mid}')")
    assert map_dock.edit_action.isEnabled() and map_dock.delete_action.isEnabled()
    assert map_dock.edit_selected()
    assert map_dock.save_edit_action.isVisible()
    new_line = [[106.575, 29.560], [106.576, 29.562], [106.578, 29.5615]]
    assert js(map_dock, f"Zhijiu.editSet({json.dumps({'type': 'LineString', 'coordinates': new_line})})")
    map_dock.finish_edit(True)
    qtbot.waitUntil(lambda: len(store.get("feature", eid).get("geom")["coordinates"]) == 3)
    stored = store.get("feature", eid).get("geom")["coordinates"]
    assert [c for p in stored for c in p] == pytest.approx([c for p in new_line for c in p])
    qtbot.waitUntil(lambda: js(map_dock, f"Zhijiu.item('{mid}').g.coordinates.length") == 3)
    assert map_dock.editing is None and not map_dock.save_edit_action.isVisible()
    assert map_dock.delete_selected(confirm=False)
    assert store.get("feature", eid).deleted
    qtbot.waitUntil(lambda: js(map_dock, f"Zhijiu.item('{mid}')") is None)


def test_units_cannot_be_reshaped_here(map_dock: MapDock, map_post: MapPost, qtbot) -> None:
    with qtbot.waitSignal(map_dock.featureSelected):
        js(map_dock, f"Zhijiu.click('unit:{map_post.ids['unit']}')")
    assert not map_dock.edit_action.isEnabled() and not map_dock.delete_action.isEnabled()
    assert map_dock.edit_selected() is False


# ---------------------------------------------------------------------- view and export


def test_night_mode_and_legend(map_dock: MapDock) -> None:
    map_dock.set_night(True)
    assert js(map_dock, "document.body.classList.contains('zj-night')") is True
    map_dock.set_night(False)
    assert js(map_dock, "document.body.classList.contains('zj-night')") is False
    legend_rows = js(map_dock, "document.querySelectorAll('.zj-legend .zj-legend-row').length")
    from ui.map import symbols
    assert legend_rows == sum(len(s["entries"]) for s in symbols.legend())
    assert "洪涝" in js(map_dock, "document.querySelector('.zj-legend').textContent")
    map_dock.set_legend(False)
    assert js(map_dock, "document.querySelectorAll('.zj-legend').length") == 0
    map_dock.set_legend(True)
    assert js(map_dock, "document.querySelectorAll('.zj-legend').length") == 1


def test_the_legend_starts_folded_to_its_title_and_opens_with_a_click(make_map_dock, new_post) -> None:
    post = new_post()
    fill_map(post)
    dock = make_map_dock(post)
    assert js(dock, "Zhijiu.legendFolded()") is True  # the map first, the symbols one click away
    assert js(dock, "document.querySelector('.zj-legend-body').offsetHeight") == 0
    assert js(dock, "document.querySelector('.zj-legend').offsetHeight / innerHeight") < 0.1
    assert js(dock, "document.querySelector('.zj-legend-title').title") == "点击展开或收起图例"

    js(dock, "document.querySelector('.zj-legend-title').click()")
    assert js(dock, "Zhijiu.legendFolded()") is False
    assert js(dock, "document.querySelector('.zj-legend-body').offsetHeight") > 100

    js(dock, "document.querySelector('.zj-legend-title').click()")  # folded again by the user …
    dock.bridge.configure()  # … stays folded when the page rebuilds it (language, plugins)
    assert js(dock, "Zhijiu.legendFolded()") is True
    dock.set_legend(False)  # the "Legend" button: off, then on, shows it open
    assert js(dock, "Zhijiu.legendFolded()") is None
    dock.set_legend(True)
    assert js(dock, "Zhijiu.legendFolded()") is False


@pytest.mark.parametrize("suffix", ["png", "pdf"])
def test_export_with_title_grid_north_arrow_and_legend(map_dock: MapDock, tmp_path: Path, qtbot, suffix: str) -> None:
    target = tmp_path / f"map.{suffix}"
    printed: list[dict] = []

    def record(shown: dict) -> None:
        printed.append(shown)

    map_dock.bridge.channel.printed.connect(record)
    try:
        with qtbot.waitSignal(map_dock.exported, timeout=15_000) as done:
            map_dock.export_image(target)
    finally:
        map_dock.bridge.channel.printed.disconnect(record)
    assert done.args == [str(target)] and printed  # once, or again while the frame was on its way
    # what the page showed when it was grabbed
    shown = printed[-1]
    assert shown["title"] == "重庆市防汛抗旱指挥部 — 态势图" and shown["north"] and shown["scale"]
    assert shown["grid"] >= 4 and shown["legendRows"] >= 8
    data = target.read_bytes()
    if suffix == "pdf":
        assert data.startswith(b"%PDF") and len(data) > 20_000
    else:
        image = QImage(str(target))
        assert image.width() == map_dock.view.width() and image.height() == map_dock.view.height()
        colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 37)}
        assert len(colours) > 20  # a map, not a blank page
        # what was grabbed is the print layout (its sentinel pixels seen, then painted over)
        assert map_dock.export_verified
        assert image.pixelColor(0, 0) != QColor(1, 2, 3)
    # back to the normal view afterwards
    qtbot.waitUntil(lambda: js(map_dock, "document.querySelectorAll('.zj-print-title').length") == 0)
    assert js(map_dock, "document.querySelectorAll('.zj-legend-print').length") == 0


def test_coordinate_formats() -> None:
    assert coords.decimal(106.5665, 29.556) == "29.556000°N 106.566500°E"
    assert coords.dms(106.5665, 29.556) == "29°33′21.6″N 106°33′59.4″E"
    assert coords.dms(-0.5, -33.99999999) == "34°00′00.0″S 0°30′00.0″W"  # carried, never 60″
    assert coords.length_text(1234.5) == "1.23 km" and coords.area_text(25_000) == "2.50 ha"
