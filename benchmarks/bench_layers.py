"""bench layers: a plugin's map layer on the real page (QtWebEngine, offscreen) against a raw
Leaflet page drawing the same GeoJSON, measured in the same run.

* show N lines: the built-in road closures plugin reading N closures (5 positions each) from a
  GeoJSON file in the post's ``closures`` folder — ours: from ``MapDock.show_plugin_layers`` to
  the layer painted (the file read and checked on the worker thread, sent over the bridge,
  drawn on the shared canvas, the layer control and legend rebuilt), with when it was sent;
  baseline: the same file's text handed to ``L.geoJSON(…)`` on a bare Leaflet page (canvas
  renderer) until painted. Both pages are first left to settle (their base map drawn).
* check N: ``ui.map.layer_data.shape`` alone (Python), against ``json.loads`` of the same file
  (the least any reader of it pays).
* refresh, file unchanged: one more call of the layer function with nothing new (the plugin's
  parse cache, the check, the comparison that sends nothing to the page).
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import Figure
from benchmarks.bench_map import RawLeaflet, _flush_deletes, _pump, _qt_app, raw_leaflet_page

OPERATOR = "测试员"
KEY = "plugin:closures/road-closures"


def closures(n: int, seed: int = 7) -> dict[str, Any]:
    rng = random.Random(seed)
    features = []
    for i in range(n):
        lon, lat = 106.30 + rng.random() * 0.55, 29.35 + rng.random() * 0.45
        coords = [[round(lon + k * 0.001, 6), round(lat + rng.random() * 0.001, 6)] for k in range(5)]
        features.append({"type": "Feature", "geometry": {"type": "LineString", "coordinates": coords},
                         "properties": {"name": f"封闭路段{i}", "原因": "积水", "解除时间": "2099-01-01 00:00"}})
    return {"type": "FeatureCollection", "features": features}


PAINTED = """(function (n) { var t = performance.now(); window.__painted = null;
  function check() {
    var l = Zhijiu.pluginLayers()[%s];
    if (!l || l.count < n) { requestAnimationFrame(check); return; }
    requestAnimationFrame(function () { requestAnimationFrame(function () {
      window.__painted = performance.now() - t; }); });
  }
  check(); return 1; })(%d)"""


SETTLE = """(function () { window.__calm = 0; var last = performance.now();
  function frame(now) { window.__calm = now - last < 40 ? window.__calm + 1 : 0; last = now;
    if (window.__calm < 20) { requestAnimationFrame(frame); } }
  requestAnimationFrame(frame); return 1; })()"""


def settle(page: Any) -> None:
    """Until the page has drawn 20 frames in a row quickly: the base map's files are loaded and
    drawn, nothing else is going on (a fresh page is busy for a second or two)."""
    page.runJavaScript(SETTLE, 0, lambda _r: None)
    _poll(page, "window.__calm >= 20 ? 1 : -1")


def _poll(page: Any, script: str) -> float:
    """Ask the page ``script`` until it answers a number ≥ 0; one question at a time (a flood of
    them would slow the page being measured)."""
    answers: list[Any] = []
    asked = [0]

    def poll() -> bool:
        if answers and isinstance(answers[-1], int | float) and answers[-1] >= 0:
            return True
        if len(answers) == asked[0]:
            asked[0] += 1
            page.runJavaScript(script, 0, answers.append)
        return False

    _pump(poll)
    return float(answers[-1])


class Ours:
    def __init__(self, root: Path, n: int) -> None:
        from app.services.posts import init_post

        self.folder = init_post(root / f"post{n}", name="基准测试指挥部", role="rear", level="city")
        self.store = self.folder.open_store()
        (self.folder.path / "closures").mkdir()
        (self.folder.path / "closures" / "bench.geojson").write_text(
            json.dumps(closures(n), ensure_ascii=False), "utf-8")
        self.n = n

    def open(self) -> float:
        from ui.docks.map import MapDock
        from ui.session import Session

        self.session = Session(self.folder, self.store, OPERATOR)
        self.dock = MapDock(self.session)
        self.dock.resize(1400, 900)
        self.dock.show()
        _pump(lambda: self.dock.bridge.is_ready)
        settle(self.dock.page)
        return 0.0

    def show(self) -> tuple[float, float]:
        """Seconds to the layer painted, and of those until it was sent (read, checked)."""
        from ui.plugins.service import PluginService

        self.service = PluginService(self.session)  # finds and loads the plugins: not counted
        t0 = time.perf_counter()
        self.dock.show_plugin_layers(self.service)
        layers = self.dock.plugin_layers
        _pump(lambda: KEY in layers.layers and layers.layers[KEY].sent is not None)
        t_sent = time.perf_counter()
        self._painted()
        return time.perf_counter() - t0, t_sent - t0

    def _painted(self) -> float:
        """Milliseconds, in the page, from now until the layer is all there and painted."""
        page = self.dock.page
        page.runJavaScript(PAINTED % (json.dumps(KEY), self.n), 0, lambda _r: None)
        return _poll(page, "typeof window.__painted === 'number' ? window.__painted : -1")

    def refresh(self) -> float:
        layers = self.dock.plugin_layers
        layer = layers.layers[KEY]
        before = layer.fetches
        t0 = time.perf_counter()
        layers.refresh(KEY)
        _pump(lambda: layer.fetches > before)
        return time.perf_counter() - t0

    def close(self) -> None:
        self.service.cleanup()
        self.dock.cleanup()
        self.dock.close()
        self.session.cleanup()
        self.dock.deleteLater()
        self.session.deleteLater()
        self.service.deleteLater()
        self.store.close()


RAW_PAGE = raw_leaflet_page("""function addText(text) { L.geoJSON(JSON.parse(text), {style: {color: '#d50000', weight: 5, dashArray: '10 6'},
  onEachFeature: function (f, l) { l.bindTooltip(f.properties.name); }}).addTo(map);
  painted(function () { py.done(0); }); }
""")


class Raw(RawLeaflet):
    def __init__(self, n: int) -> None:
        super().__init__(RAW_PAGE)
        self.text = json.dumps(closures(n), ensure_ascii=False)

    def open(self) -> None:
        self.load()
        settle(self.page)

    def show(self) -> float:
        return self.run(f"addText({json.dumps(self.text)})", 0)


def _check_figures(n: int) -> Figure:
    from ui.map import layer_data

    text = json.dumps(closures(n), ensure_ascii=False)
    t0 = time.perf_counter()
    raw = json.loads(text)
    t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    layer_data.shape(raw)
    t_shape = time.perf_counter() - t0
    return Figure(f"check {n:,} lines", t_shape * 1000, "ms",
                  f"json.loads of the file {t_load * 1000:,.1f} ms ({t_shape / t_load:.1f}×)")


def run(size: int | None) -> list[Figure]:
    _qt_app()
    big = size or 10_000
    sizes = sorted({max(1, big // 10), big})
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="zhijiu-bench-layers-") as tmp:
        for n in sizes:
            ours, raw = Ours(Path(tmp), n), Raw(n)
            try:
                ours.open()
                raw.open()
                t_ours, t_sent = ours.show()
                t_raw = raw.show()
                figures.append(Figure(f"show {n:,} closures (lines)", t_ours * 1000, "ms",
                                      f"sent after {t_sent * 1000:,.0f} ms; raw L.geoJSON "
                                      f"{t_raw * 1000:,.0f} ms ({t_ours / t_raw:.2f}×)"))
                if n == big:
                    figures.append(Figure(f"refresh, file unchanged, {n:,} lines", ours.refresh() * 1000,
                                          "ms", "nothing sent to the page"))
            finally:
                ours.close()
                raw.close()
                _flush_deletes()
        figures.append(_check_figures(big))
    return figures
