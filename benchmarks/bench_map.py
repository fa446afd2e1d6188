"""bench map: the map dock on a real page (QtWebEngine, offscreen) against a raw Leaflet page with
the same points, measured in the same run.

* show N: from loading the page to N records painted — ours: a post holding N records (hazards
  and risk points by level, teams, shelters, depots, plotted points) opened in a ``MapDock``
  (page load, configuration, the full diff, clustering, paint); baseline: the same N points as
  plain ``L.marker``\\ s on a bare Leaflet page (the same vendored Leaflet, no clustering).
* zoom step with N shown: one zoom level in and back, until painted.
* op → marker visible: a team moved by ``services.common.update`` (signed, applied, committed)
  until the page has painted the moved marker, p50/p95 over 200 moves with N on the map (after
  five moves not counted, while the freshly opened page settles);
  baseline: a marker moved by a script call on the raw page until painted (50 moves).
* web process memory: resident size of the page's renderer process (``QtWebEngineProcess``)
  with N shown, ours and the baseline's.

Goals (issue 4): 10,000 shown in ≤ 2 s, an update visible in ≤ 100 ms p95.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import Figure

UPDATES = 200
RAW_UPDATES = 50  # the raw page repaints 10,000 DOM markers per move: a smaller sample will do
WARM_UP = 5  # moves not counted: the page settles after opening (JIT, first re-clustering)
OPERATOR = "测试员"


def _qt_app() -> Any:
    """The QApplication, created the way ``ui.app`` does (offscreen when there is no display)."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    import PySide6.QtWebEngineWidgets  # noqa: F401  (before the QApplication)
    from PySide6.QtWidgets import QApplication

    from ui.map.scheme import register_scheme

    app = QApplication.instance()
    if app is None:
        register_scheme()
        app = QApplication(sys.argv[:1])
    return app


def _pump(until: Callable[[], bool], timeout_s: float = 120.0) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.perf_counter() + timeout_s
    while not until():
        if time.perf_counter() > deadline:
            raise TimeoutError("the page did not finish in time")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def _points(n: int, seed: int = 11) -> list[tuple[float, float]]:
    rng = random.Random(seed)  # around Chongqing's main districts
    return [(106.30 + rng.random() * 0.55, 29.35 + rng.random() * 0.45) for _ in range(n)]


def _fill(store: Any, n: int) -> str:
    """n records with a position in one signed batch; returns a team's id to move."""
    from app.services.common import new_id, point
    from app.store.store import Draft

    rng = random.Random(n)
    drafts = []
    unit_id = ""
    for i, (lon, lat) in enumerate(_points(n)):
        r = i % 10
        if r < 6:
            fields = {"symbol": "hazard" if r < 3 else "risk_point", "name": f"隐患点{i}",
                      "level": rng.choice(("low", "general", "high", "major")), "geom": point(lon, lat)}
            drafts.append(Draft("feature", new_id(), "put", fields))
        elif r < 8:
            eid = new_id()
            unit_id = unit_id or eid
            drafts.append(Draft("unit", eid, "put", {
                "name": f"救援队{i}", "type": rng.choice(("comprehensive", "fire_rescue", "medical", "volunteer")),
                "status": rng.choice(("standby", "en_route", "on_scene")), "geom": point(lon, lat)}))
        elif r == 8:
            drafts.append(Draft("feature", new_id(), "put", {
                "symbol": rng.choice(("shelter", "depot")), "name": f"场所{i}", "capacity": 300,
                "geom": point(lon, lat)}))
        else:
            drafts.append(Draft("feature", new_id(), "put", {
                "symbol": rng.choice(("rescue_point", "road_cut", "gauge")), "name": f"标绘{i}",
                "geom": point(lon, lat)}))
    for start in range(0, len(drafts), 2000):
        store.write(drafts[start:start + 2000], operator=OPERATOR)
    return unit_id


# ---------------------------------------------------------------------- ours


class Ours:
    def __init__(self, root: Path, n: int) -> None:
        from app.services.posts import init_post

        folder = init_post(root / f"post{n}", name="基准测试指挥部", role="rear", level="city")
        self.store = folder.open_store()
        self.unit_id = _fill(self.store, n)
        self.folder = folder
        self.n = n

    def open(self) -> float:
        """Seconds from loading the page to every record painted."""
        from ui.docks.map import MapDock
        from ui.session import Session

        self.session = Session(self.folder, self.store, OPERATOR)
        acks: dict[int, float] = {}
        t0 = time.perf_counter()
        self.dock = MapDock(self.session)
        self.dock.resize(1400, 900)
        self.dock.show()
        self.dock.bridge.diffShown.connect(lambda seq, _ms: acks.setdefault(seq, time.perf_counter()))
        bridge = self.dock.bridge
        _pump(lambda: bridge.is_ready and bridge.seq > 0 and bridge.seq in acks)
        self.acks = acks
        return acks[bridge.seq] - t0

    def zoom_step(self) -> float:
        return _zoom_step(self.dock.page)

    def update_latencies(self, count: int) -> list[float]:
        from app.services import common

        rng = random.Random(5)
        out = []
        bridge = self.dock.bridge
        for _ in range(count + WARM_UP):
            lon, lat = 106.50 + rng.random() * 0.1, 29.50 + rng.random() * 0.1
            before = bridge.seq
            t0 = time.perf_counter()
            common.update(self.store, OPERATOR, "unit", self.unit_id, {"geom": common.point(lon, lat)})
            _pump(lambda b=before: bridge.seq > b and bridge.seq in self.acks)
            out.append((self.acks[bridge.seq] - t0) * 1000)
        return out[WARM_UP:]

    def renderer_mb(self) -> float:
        return _rss_mb(self.dock.page.renderProcessPid())

    def close(self) -> None:
        self.dock.cleanup()
        self.dock.close()
        self.session.cleanup()
        self.dock.deleteLater()
        self.session.deleteLater()
        self.store.close()


# ---------------------------------------------------------------------- the raw Leaflet baseline

def raw_leaflet_page(script: str) -> str:
    """A bare Leaflet page: ``map`` in the whole window, ``painted(fn)`` after the next paint and
    ``py.done(seq)`` back to Python (-1 once the channel is up), then ``script``."""
    return """<!DOCTYPE html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="zhijiu://web/vendor/leaflet/leaflet.css">
<script src="zhijiu://web/vendor/leaflet/leaflet.js"></script>
<script src="qrc:///qtwebchannel/qwebchannel.js"></script>
<style>html,body,#m{margin:0;height:100%}</style></head><body><div id="m"></div><script>
L.Icon.Default.imagePath = 'zhijiu://web/vendor/leaflet/images/';
var map = L.map('m', {preferCanvas: true}).setView([29.55, 106.56], 11), py;
function painted(fn) { requestAnimationFrame(function () { requestAnimationFrame(fn); }); }
new QWebChannel(qt.webChannelTransport, function (ch) { py = ch.objects.bench; py.done(-1); });
""" + script + "</script></body></html>"


RAW_PAGE = raw_leaflet_page("""var markers = [];
function add(points) { points.forEach(function (p) { markers.push(L.marker([p[1], p[0]]).addTo(map)); });
  painted(function () { py.done(0); }); }
function move(i, lon, lat, seq) { markers[i].setLatLng([lat, lon]); painted(function () { py.done(seq); }); }
""")


class RawLeaflet:
    """A bare Leaflet page (``html``) in a web view of its own, served by our scheme, that
    acknowledges over a web channel (``py.done(seq)``): the raw baseline our pages are held to."""

    def __init__(self, html: str) -> None:
        from PySide6.QtCore import QObject, Signal, Slot
        from PySide6.QtWebChannel import QWebChannel
        from PySide6.QtWebEngineCore import QWebEngineProfile
        from PySide6.QtWebEngineWidgets import QWebEngineView

        from ui.docks.map import MapPage
        from ui.map import scheme

        class Channel(QObject):
            doneSignal = Signal(int)

            @Slot(int)
            def done(self, seq: int) -> None:
                self.doneSignal.emit(seq)

        scheme.install(QWebEngineProfile.defaultProfile())
        self.html = html
        self.view = QWebEngineView()
        self.page = MapPage(QWebEngineProfile.defaultProfile(), self.view)
        self.view.setPage(self.page)
        self.view.resize(1400, 900)
        self.channel = Channel()
        self.webchannel = QWebChannel(self.page)
        self.webchannel.registerObject("bench", self.channel)
        self.page.setWebChannel(self.webchannel)
        self.acks: dict[int, float] = {}
        self.channel.doneSignal.connect(lambda seq: self.acks.__setitem__(seq, time.perf_counter()))

    def load(self) -> None:
        """Show the page and wait until its channel is up (it acknowledges -1)."""
        from PySide6.QtCore import QUrl

        self.view.setHtml(self.html, QUrl("zhijiu://web/raw.html"))
        self.view.show()
        _pump(lambda: -1 in self.acks)

    def run(self, js: str, seq: int) -> float:
        """Run ``js`` and wait for its acknowledgement ``seq``: the seconds in between."""
        t0 = time.perf_counter()
        self.page.runJavaScript(js, 0, lambda _r: None)
        _pump(lambda: seq in self.acks)
        return self.acks[seq] - t0

    def close(self) -> None:
        self.view.close()
        self.view.deleteLater()


class Raw(RawLeaflet):
    def __init__(self, n: int) -> None:
        super().__init__(RAW_PAGE)
        self.n = n

    def open(self) -> float:
        t0 = time.perf_counter()
        self.load()
        self.run(f"add({json.dumps(_points(self.n))})", 0)
        return self.acks[0] - t0

    def zoom_step(self) -> float:
        return _zoom_step(self.page, "map")

    def update_latencies(self, count: int) -> list[float]:
        rng = random.Random(5)
        out = []
        for seq in range(1, count + WARM_UP + 1):
            lon, lat = 106.50 + rng.random() * 0.1, 29.50 + rng.random() * 0.1
            out.append(self.run(f"move(0, {lon}, {lat}, {seq})", seq) * 1000)
        return out[WARM_UP:]

    def renderer_mb(self) -> float:
        return _rss_mb(self.page.renderProcessPid())


def _zoom_step(page: Any, map_name: str = "map_zhijiu") -> float:
    """Seconds for one zoom level in and back out, each painted."""
    done: list[Any] = []
    script = f"""(function () {{ var m = {map_name}, z = m.getZoom(), t = performance.now();
        window.__zoomed = null;
        m.setZoom(z + 1, {{animate: false}});
        requestAnimationFrame(function () {{ requestAnimationFrame(function () {{
          m.setZoom(z, {{animate: false}});
          requestAnimationFrame(function () {{ requestAnimationFrame(function () {{
            window.__zoomed = performance.now() - t; }}); }}); }}); }});
        return 1; }})()"""
    page.runJavaScript(script, 0, lambda _r: None)

    def poll() -> bool:
        page.runJavaScript("typeof window.__zoomed === 'number' ? window.__zoomed : -1", 0, done.append)
        return bool(done) and isinstance(done[-1], int | float) and done[-1] >= 0

    _pump(poll)
    return float(done[-1]) / 1000


def _pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def run(size: int | None) -> list[Figure]:
    _qt_app()
    big = size or 10_000
    sizes = sorted({max(1, big // 10), big})
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="zhijiu-bench-map-") as tmp:
        for n in sizes:
            ours = Ours(Path(tmp), n)
            raw = Raw(n)
            try:
                t_ours, t_raw = ours.open(), raw.open()
                figures.append(Figure(f"show {n:,} features", t_ours * 1000, "ms",
                                      f"raw Leaflet {t_raw * 1000:,.0f} ms ({t_ours / t_raw:.2f}×)"
                                      + (" · goal ≤ 2,000 ms" if n >= 10_000 else "")))
                if n != big:
                    continue
                z_ours, z_raw = ours.zoom_step(), raw.zoom_step()
                figures.append(Figure(f"zoom step, {n:,} shown", z_ours * 1000, "ms",
                                      f"raw Leaflet {z_raw * 1000:,.0f} ms ({z_ours / z_raw:.2f}×)"))
                lat_ours = ours.update_latencies(UPDATES)
                lat_raw = raw.update_latencies(RAW_UPDATES)
                for q in (50, 95):
                    figures.append(Figure(
                        f"op → marker visible p{q}", _pct(lat_ours, q), "ms",
                        f"raw Leaflet move p{q} {_pct(lat_raw, q):.1f} ms ({RAW_UPDATES} moves); "
                        f"{UPDATES} updates, {n:,} shown"
                        + (" · goal ≤ 100 ms" if q == 95 else "")))
                m_ours, m_raw = ours.renderer_mb(), raw.renderer_mb()
                figures.append(Figure(f"web process memory, {n:,} shown", m_ours, "MB",
                                      f"raw Leaflet {m_raw:,.0f} MB (renderer RSS)"))
            finally:
                ours.close()
                raw.close()
                _flush_deletes()
    return figures


def _flush_deletes() -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
