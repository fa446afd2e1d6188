"""Plugins' map layers on the real page: the road closures plugin draws the GeoJSON and KML files
of the post's ``closures`` folder as an overlay of its own in the layer control and the legend;
switching it off in the control is remembered; a changed file is redrawn, a disabled plugin's
layer leaves — all without reloading the page. A layer that raises, returns garbage or pushes
garbage is named in the plugin manager and the map keeps working."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from map_scenario import EXPECTED, fill_map, run_js

CLOSURES = "plugin:closures/road-closures"


def js(dock, script: str):
    text = run_js(dock.page, f"JSON.stringify(eval({json.dumps(script)}))")
    return json.loads(text) if isinstance(text, str) and text else None


def layers(dock) -> dict:
    return js(dock, "Zhijiu.pluginLayers()") or {}


def count(dock, key: str) -> int | None:
    return layers(dock).get(key, {}).get("count")


@pytest.fixture
def services() -> Iterator[list]:
    """Plugin services made by a test, unloaded (their plugins stopped) at its end."""
    made: list = []
    yield made
    for service in made:
        service.cleanup()


def with_plugins(dock, services: list):
    from ui.plugins.service import PluginService

    service = PluginService(dock.session)
    services.append(service)
    dock.show_plugin_layers(service)
    return service


def closure(name: str, coords: list, **props) -> dict:
    kind = "Polygon" if isinstance(coords[0][0], list) else "LineString"
    return {"type": "Feature", "geometry": {"type": kind, "coordinates": coords},
            "properties": {"name": name, **props}}


KML = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
  <Placemark><name>千厮门大桥 交通管制</name><description><![CDATA[<b>仅限救援车辆</b>]]></description>
    <ExtendedData><Data name="管制单位"><value>渝中交巡警支队</value></Data></ExtendedData>
    <Style><LineStyle><color>ff0080ff</color><width>6</width></LineStyle></Style>
    <LineString><coordinates>106.5745,29.5660,0 106.5790,29.5712,0</coordinates></LineString></Placemark>
</Document></kml>"""


def test_road_closures_from_the_posts_folder_are_an_overlay_of_their_own(
        make_map_dock, new_post, services, qtbot) -> None:
    post = new_post()
    fill_map(post)
    folder = post.folder.path / "closures"
    folder.mkdir()
    (folder / "今日封闭.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": [
        closure("嘉陵江滨江路 封闭", [[106.560, 29.560, 250.0], [106.570, 29.565]], 原因="山体滑坡"),
        closure("解放碑 管制区", [[[106.575, 29.556], [106.579, 29.556], [106.579, 29.559], [106.575, 29.559]]]),
        closure("已解除的封闭", [[106.55, 29.55], [106.56, 29.55]], until="2020-01-01T08:00:00"),
    ]}, ensure_ascii=False), "utf-8")
    (folder / "交巡警.kml").write_text(KML, "utf-8")
    dock = make_map_dock(post)
    dock.set_legend(True)
    service = with_plugins(dock, services)
    qtbot.waitUntil(lambda: count(dock, CLOSURES) == 3, timeout=20_000)  # the ended one is not drawn
    shown = layers(dock)[CLOSURES]
    assert shown["title"] == "道路封闭/交通管制" and shown["onMap"] and shown["drawn"] == 3
    control = js(dock, "document.querySelector('.leaflet-control-layers-overlays').textContent")
    assert "道路封闭/交通管制" in control and "救援队伍" in control  # beside our own layers
    legend = js(dock, f"document.querySelector('[data-plugin-layer=\"{CLOSURES}\"]').textContent")
    assert legend == "道路封闭/交通管制"
    assert "插件图层" in js(dock, "document.querySelector('.zj-legend-plugins').textContent")
    tips = [js(dock, f"Zhijiu.pluginTip('{CLOSURES}', {i})") for i in range(3)]
    tip = next(t for t in tips if "嘉陵江" in t)
    assert "嘉陵江滨江路 封闭" in tip and "原因: 山体滑坡" in tip and "来源: 今日封闭.geojson" in tip
    kml_tip = next(t for t in tips if "千厮门" in t)
    assert "千厮门大桥 交通管制" in kml_tip and "仅限救援车辆" in kml_tip and "<b>仅限" not in kml_tip  # its markup is text at most
    assert js(dock, "Zhijiu.count('units')") == EXPECTED["units"]  # the records are all still there
    # where it is drawn: the files' extent, the ended closure (106.55) left out, the height dropped
    assert shown["bounds"] == [106.56, 29.556, 106.579, 29.5712]

    # switched off in the layer control: remembered with the map's hidden layers
    js(dock, """(function () {
        var rows = document.querySelectorAll('.leaflet-control-layers-overlays label');
        for (var i = 0; i < rows.length; i++) {
          if (rows[i].textContent.indexOf('道路封闭') >= 0) { rows[i].querySelector('input').click(); }
        }
        return true; })()""")
    qtbot.waitUntil(lambda: CLOSURES in dock.settings.hidden_layers, timeout=10_000)
    assert layers(dock)[CLOSURES]["onMap"] is False
    js(dock, """(function () {
        var rows = document.querySelectorAll('.leaflet-control-layers-overlays label');
        for (var i = 0; i < rows.length; i++) {
          if (rows[i].textContent.indexOf('道路封闭') >= 0) { rows[i].querySelector('input').click(); }
        }
        return true; })()""")
    qtbot.waitUntil(lambda: CLOSURES not in dock.settings.hidden_layers, timeout=10_000)

    # the traffic police add a closure: the next refresh draws it (the page is not reloaded)
    (folder / "夜间.geojson").write_text(json.dumps(
        closure("长滨路 夜间封闭", [[106.58, 29.55], [106.59, 29.552]])), "utf-8")
    layer = dock.plugin_layers.layers[CLOSURES]
    fetched = layer.fetches
    assert dock.plugin_layers.refresh(CLOSURES)
    qtbot.waitUntil(lambda: layer.fetches > fetched and count(dock, CLOSURES) == 4, timeout=20_000)

    # the plugin switched off: its layer leaves the map, the control and the legend
    service.set_enabled("closures", False)
    qtbot.waitUntil(lambda: CLOSURES not in layers(dock), timeout=10_000)
    assert "道路封闭" not in js(dock, "document.querySelector('.leaflet-control-layers-overlays').textContent")
    assert js(dock, "document.querySelectorAll('.zj-legend-plugins').length") == 0
    service.set_enabled("closures", True)
    qtbot.waitUntil(lambda: count(dock, CLOSURES) == 4, timeout=20_000)
    assert js(dock, "Zhijiu.loads") == 1 and dock.bridge.ready_count == 1  # never reloaded
    assert service.host.plugins["closures"].error is None


def write_layer_plugins(root: Path) -> None:
    """Three plugins with map layers that go wrong in the ways a real one can."""
    plugins = {
        "raising": ("""
            def layer(ctx):
                raise RuntimeError("the traffic server said 500")
        """, '"function": ".layer:layer"'),
        "garbage": ("""
            def layer(ctx):
                return {"type": "FeatureCollection", "features": [
                    {"type": "Feature", "geometry": {"type": "Point", "coordinates": [106.57, 29.56]},
                     "properties": {"name": "能画的点"}},
                    {"type": "Feature", "geometry": {"type": "Point", "coordinates": [106.57, 999]}},
                    {"type": "Feature", "geometry": {"type": "Blob", "coordinates": 1}},
                ]}
        """, '"function": ".layer:layer"'),
        "pushing": ("""
            from plugins.api import LayerUpdates

            def layer(ctx):
                updates = LayerUpdates()
                ctx.settings["updates"] = updates  # what the test pushes through
                return updates
        """, '"function": ".layer:layer"'),
    }
    for name, (code, target) in plugins.items():
        folder = root / name
        folder.mkdir(parents=True)
        (folder / "__init__.py").write_text(
            f'PLUGIN = {{"id": "{name}", "name": "{name}", "contributes": {{"layers": ['
            f'{{"id": "l", "title": {{"en": "{name}", "zh_CN": "{name} 图层"}}, {target}}}]}}}}\n', "utf-8")
        (folder / "layer.py").write_text(textwrap.dedent(code), "utf-8")


def test_a_layer_that_raises_or_returns_garbage_is_named_and_never_breaks_the_map(
        make_map_dock, new_post, services, qtbot) -> None:
    from ui.plugins.manager import PluginManagerDialog

    post = new_post()
    fill_map(post)
    write_layer_plugins(post.folder.path / "plugins")
    dock = make_map_dock(post)
    service = with_plugins(dock, services)
    host = service.host
    qtbot.waitUntil(lambda: "500" in (host.plugins["raising"].error or ""), timeout=20_000)
    assert host.plugins["raising"].error == "地图图层“raising 图层”：RuntimeError: the traffic server said 500"
    assert "plugin:raising/l" not in layers(dock)
    # partly garbage: what can be drawn is drawn, what cannot is named
    qtbot.waitUntil(lambda: count(dock, "plugin:garbage/l") == 1, timeout=20_000)
    error = host.plugins["garbage"].error or ""
    assert "feature 2: [106.57, 999] is not a longitude and latitude" in error
    assert "feature 3: geometry type 'Blob'" in error

    # on a base map drawn in GCJ-02 the layer is drawn shifted like the records (stored: WGS-84)
    from app.geo.gcj02 import wgs84_to_gcj02

    dock.bridge.call("setBases", [*dock.bases(), {"id": "gcj", "name": "GCJ-02 瓦片", "kind": "tiles",
                                                  "url": "zhijiu://tiles/xyz/none/{z}/{x}/{y}", "datum": "gcj02"}], "gcj")
    qtbot.waitUntil(lambda: js(dock, "Zhijiu.view().datum") == "gcj02", timeout=10_000)
    point = layers(dock)["plugin:garbage/l"]
    assert point["drawnBounds"][:2] == pytest.approx(list(wgs84_to_gcj02(106.57, 29.56)), abs=1e-9)
    assert point["bounds"][:2] == pytest.approx([106.57, 29.56], abs=1e-9)
    dock.set_base("vector")
    qtbot.waitUntil(lambda: js(dock, "Zhijiu.view().datum") == "wgs84", timeout=10_000)
    assert layers(dock)["plugin:garbage/l"]["drawnBounds"][:2] == pytest.approx([106.57, 29.56], abs=1e-9)

    # a pushed layer: garbage first (named, nothing drawn), then real data, then garbage again
    # (named, the last good drawing stays)
    qtbot.waitUntil(lambda: "updates" in host.context("pushing").settings, timeout=20_000)
    updates = host.context("pushing").settings["updates"]
    qtbot.waitUntil(lambda: bool(dock.plugin_layers.layers["plugin:pushing/l"].stop_listening), timeout=10_000)
    updates.push("<html>gateway timeout</html>")
    qtbot.waitUntil(lambda: "not GeoJSON" in (host.plugins["pushing"].error or ""), timeout=10_000)
    updates.push({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[106.56, 29.56], [106.57, 29.57]]},
         "properties": {"name": "推送的封闭", "stroke": "#00ff00", "stroke-width": 8}}]})
    qtbot.waitUntil(lambda: count(dock, "plugin:pushing/l") == 1, timeout=10_000)
    assert host.plugins["pushing"].error is None  # working again: the problem is cleared
    updates.push({"type": "Topology"})
    qtbot.waitUntil(lambda: "Topology" in (host.plugins["pushing"].error or ""), timeout=10_000)
    assert count(dock, "plugin:pushing/l") == 1

    dialog = PluginManagerDialog(service)
    rows = {r[1]: r[4] for r in dialog.row_texts()}
    assert rows["raising"] == "已加载，运行出错：地图图层“raising 图层”：RuntimeError: the traffic server said 500"
    assert "Topology" in rows["pushing"]
    dialog.cleanup()
    dialog.deleteLater()

    # the map works on: a new record is drawn, nothing was reloaded, no script error
    from app.services import common

    common.create(post.store, "王芳", "feature", {"symbol": "hazard", "name": "新险情", "level": "general",
                                                "geom": common.point(106.571, 29.561)})
    qtbot.waitUntil(lambda: js(dock, "Zhijiu.count('hazards')") == EXPECTED["hazards"] + 1, timeout=10_000)
    assert js(dock, "Zhijiu.errorsSoFar()") == [] and js(dock, "Zhijiu.loads") == 1

    service.set_enabled("pushing", False)  # unloaded: its layer leaves, its problem with it
    qtbot.waitUntil(lambda: "plugin:pushing/l" not in layers(dock), timeout=10_000)
    assert host.plugins["pushing"].error is None
