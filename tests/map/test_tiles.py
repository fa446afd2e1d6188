"""Base maps through the scheme: an MBTiles file, an online source on a loopback tile server the
test starts (read through the post's tile cache, never fetched by the page itself), and the
"download this area" window — with its estimate, progress, cancel, and refusal for sources whose
terms forbid bulk download."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from map_scenario import run_js
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage

from app.tiles.mbtiles import write_mbtiles
from app.tiles.sources import custom


def png(color: str, size: int = 256) -> bytes:
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    buf.close()
    return bytes(data.data())


class TileServer:
    """A loopback XYZ tile server on one thread: ``/{z}/{x}/{y}.png``, every request counted.
    With ``gate`` cleared, each request waits for it (to catch a download in the middle)."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.waiting = 0
        self.gate = threading.Event()
        self.gate.set()
        tile = png("#4caf50")
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                server.requests.append(self.path)
                if not server.gate.is_set():
                    server.waiting += 1
                    server.gate.wait(10)
                    server.waiting -= 1
                parts = self.path.strip("/").split("/")
                if len(parts) != 3 or not parts[2].endswith(".png"):
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(tile)))
                self.end_headers()
                self.wfile.write(tile)

            def log_message(self, *_args: object) -> None:
                pass

        self.httpd = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/{{z}}/{{x}}/{{y}}.png"
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="test-tile-server", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.gate.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(10)


@pytest.fixture
def tile_server() -> Iterator[TileServer]:
    server = TileServer()
    yield server
    server.stop()


def js(dock, script: str):
    text = run_js(dock.page, f"JSON.stringify(eval({json.dumps(script)}))")
    return json.loads(text) if isinstance(text, str) and text else None


def image_width(dock, qtbot, url: str) -> int:
    """Load ``url`` as an image in the page (as Leaflet does): its width, or -1 if it failed."""
    js(dock, f"""window.__img = null; (function () {{ var im = new Image();
        im.onload = function () {{ window.__img = im.naturalWidth; }};
        im.onerror = function () {{ window.__img = -1; }}; im.src = {json.dumps(url)}; }})(); 1""")
    qtbot.waitUntil(lambda: js(dock, "window.__img") is not None)
    return int(js(dock, "window.__img"))


def test_mbtiles_base_map_serves_its_tiles(make_map_dock, new_post, tmp_path: Path, qtbot) -> None:
    colors = ["#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a"]
    tiles = [(z, x, y, png(colors[z])) for z in range(4) for x in range(1 << z) for y in range(1 << z)]
    path = tmp_path / "chongqing.mbtiles"
    write_mbtiles(path, tiles, {"name": "测试底图", "format": "png", "bounds": "-180,-85,180,85"})
    dock = make_map_dock(new_post())
    base = dock.open_mbtiles(path)
    assert base and base.startswith("mbtiles:")
    assert str(path) in dock.settings.mbtiles  # remembered for the next start
    dock.set_base(base)
    mid = base.split(":", 1)[1]
    qtbot.waitUntil(lambda: js(dock, "Zhijiu.baseInfo().id") == base)
    assert image_width(dock, qtbot, f"zhijiu://tiles/mbtiles/{mid}/2/1/1") == 256
    assert image_width(dock, qtbot, f"zhijiu://tiles/mbtiles/{mid}/9/1/1") == -1  # not in the file
    js(dock, "Zhijiu.setView(106.56, 29.55, 3); 1")  # Leaflet itself loads the layer's tiles
    qtbot.waitUntil(lambda: (js(dock, "Zhijiu.baseInfo().loaded") or 0) > 0, timeout=10_000)
    # the two fetched above, then Leaflet's own (its count can run ahead of the page's)
    qtbot.waitUntil(lambda: dock.tiles.stats.served.get(f"mbtiles/{mid}", 0) > 2, timeout=10_000)
    names = [b["name"] for b in dock.bases()]
    assert "测试底图 (MBTiles)" in names or any("测试底图" in n for n in names)


def test_a_file_that_is_not_mbtiles_is_refused(make_map_dock, new_post, tmp_path: Path) -> None:
    bad = tmp_path / "notes.mbtiles"
    bad.write_text("这不是瓦片包", "utf-8")
    dock = make_map_dock(new_post())
    assert dock.open_mbtiles(bad) is None
    assert dock.last_message is not None and "notes.mbtiles" in dock.last_message.text()
    assert str(bad) not in dock.settings.mbtiles


def test_online_source_goes_through_the_cache(tile_server: TileServer, make_map_dock, new_post, qtbot) -> None:
    post = new_post()
    dock = make_map_dock(post)
    base = dock.add_source(custom("本单位瓦片服务", tile_server.url, True, max_zoom=18))
    dock.set_base(base)
    js(dock, "Zhijiu.setView(106.56, 29.55, 12); 1")
    qtbot.waitUntil(lambda: (js(dock, "Zhijiu.baseInfo().loaded") or 0) >= 4, timeout=15_000)
    sid = base.split(":", 1)[1]
    assert dock.tiles.stats.served.get(f"xyz/{sid}", 0) >= 4
    assert tile_server.requests  # Python fetched them; the page never asked the network
    assert dock.installed.guard.blocked == [] or all("test-probe" in u for u in dock.installed.guard.blocked)
    cached = dock._cache().count()
    assert cached >= 4  # kept: this part of the map now works offline
    before = len(tile_server.requests)
    tile_server.stop()  # the network is gone; what was seen still shows
    first = tile_server.requests[0].strip("/").split("/")
    z, x, y = int(first[0]), int(first[1]), int(first[2].split(".")[0])
    assert image_width(dock, qtbot, f"zhijiu://tiles/xyz/{sid}/{z}/{x}/{y}") == 256
    assert len(tile_server.requests) == before


def test_download_this_area_for_offline_use(tile_server: TileServer, make_map_dock, new_post, qtbot) -> None:
    dock = make_map_dock(new_post())
    dock.add_source(custom("本单位瓦片服务", tile_server.url, True, max_zoom=18))
    js(dock, "Zhijiu.setView(106.56, 29.55, 14); 1")
    qtbot.waitUntil(lambda: dock.view_info.get("zoom") == 14)
    dialog = dock.open_download_dialog()
    assert dialog is not None and dialog.isVisible()
    assert dialog.source()[0].name == "本单位瓦片服务"  # the first source that may be downloaded
    dialog.zmin.setValue(14)
    dialog.zmax.setValue(15)
    assert dialog.plan and dialog.start_button.isEnabled()
    total = len(dialog.plan)
    assert f"{total:,}" in dialog.estimate_label.text() and "MB" in dialog.estimate_label.text()
    assert all(z in (14, 15) for z, _x, _y in dialog.plan)
    assert dialog.start()
    qtbot.waitUntil(lambda: dialog.report is not None or bool(dialog.error), timeout=30_000)
    assert dialog.error == ""
    assert dialog.report.done + dialog.report.skipped_cached == total and dialog.report.failed == 0
    assert dialog.progress.value() == total
    src, cached = dialog.source()
    assert all(cached.cache.has(src, *t) for t in dialog.plan)
    dialog.reject()


def test_a_download_can_be_stopped(tile_server: TileServer, make_map_dock, new_post, qtbot) -> None:
    dock = make_map_dock(new_post())
    dock.add_source(custom("本单位瓦片服务", tile_server.url, True, max_zoom=18))
    js(dock, "Zhijiu.setBase('vector'); Zhijiu.setView(106.56, 29.55, 14); 1")
    qtbot.waitUntil(lambda: dock.view_info.get("zoom") == 14)
    dialog = dock.open_download_dialog()
    dialog.zmin.setValue(14)
    dialog.zmax.setValue(16)
    total = len(dialog.plan)
    tile_server.gate.clear()  # every tile request now hangs until the gate opens
    assert dialog.start() and dialog.running
    qtbot.waitUntil(lambda: tile_server.waiting >= 1)
    dialog.cancel_button.click()  # "Stop"
    tile_server.gate.set()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30_000)
    assert dialog.report.cancelled and dialog.report.done < total
    assert not dialog.running
    dialog.reject()


def test_sources_whose_terms_forbid_bulk_download_are_refused(tile_server: TileServer, make_map_dock,
                                                             new_post, qtbot) -> None:
    dock = make_map_dock(new_post())
    dock.set_base(dock.add_source(custom("公共瓦片", tile_server.url, False, max_zoom=18)))
    js(dock, "Zhijiu.setView(106.56, 29.55, 13); 1")
    qtbot.waitUntil(lambda: dock.view_info.get("zoom") == 13)
    dialog = dock.open_download_dialog()
    assert dialog.source()[0].name == "公共瓦片"  # the base in view
    assert dialog.refusal() is not None
    assert not dialog.start_button.isEnabled()
    assert "公共瓦片" in dialog.estimate_label.text()
    assert dialog.start() is False
    requests = len(tile_server.requests)
    assert len(tile_server.requests) == requests  # nothing was fetched for it
    dialog.reject()


def test_a_gcj02_base_map_shifts_the_records_onto_its_streets(tile_server: TileServer, make_map_dock,
                                                              new_post, qtbot) -> None:
    from map_scenario import fill_map

    from app.geo.gcj02 import gcj02_to_wgs84, wgs84_to_gcj02

    post = new_post()
    fill_map(post)
    dock = make_map_dock(post)
    mid = f"unit:{post.ids['unit']}"
    stored = js(dock, f"Zhijiu.position('{mid}')")
    assert js(dock, f"Zhijiu.drawnAt('{mid}')") == pytest.approx(stored)
    # the page's port of the datum shift agrees with app.geo.gcj02
    for lon, lat in ((106.56, 29.553), (116.39, 39.91), (2.35, 48.85)):
        assert js(dock, f"Zhijiu.toGcj({lon}, {lat})") == pytest.approx(list(wgs84_to_gcj02(lon, lat)), abs=1e-9)
        assert js(dock, f"Zhijiu.fromGcj({lon}, {lat})") == pytest.approx(list(gcj02_to_wgs84(lon, lat)), abs=1e-9)
    base = dock.add_source(custom("高德风格瓦片", tile_server.url, False, coord_system="gcj02"))
    dock.set_base(base)
    qtbot.waitUntil(lambda: js(dock, "Zhijiu.view().datum") == "gcj02")
    assert js(dock, f"Zhijiu.drawnAt('{mid}')") == pytest.approx(list(wgs84_to_gcj02(*stored)), abs=1e-9)
    assert js(dock, f"Zhijiu.position('{mid}')") == pytest.approx(stored, abs=1e-9)  # still WGS-84
    # what comes back from the page is WGS-84 again: the cursor …
    gx, gy = wgs84_to_gcj02(106.5665, 29.556)
    js(dock, f"map_zhijiu.fire('mousemove', {{latlng: L.latLng({gy}, {gx})}}); 1")
    qtbot.waitUntil(lambda: "29.556000°N 106.566500°E" in dock.cursor_label.text())
    # … and a drawing
    js(dock, "Zhijiu.simulateDraw({type: 'Point', coordinates: [106.57, 29.55]}); 1")
    qtbot.waitUntil(lambda: dock.plot_dialog is not None and dock.plot_dialog.isVisible())
    assert dock.plot_dialog.fields()["geom"]["coordinates"] == pytest.approx([106.57, 29.55], abs=1e-7)
    dock.plot_dialog.reject()
    dock.set_base("vector")
    qtbot.waitUntil(lambda: js(dock, "Zhijiu.view().datum") == "wgs84")
    assert js(dock, f"Zhijiu.drawnAt('{mid}')") == pytest.approx(stored, abs=1e-9)


def test_without_its_web_assets_the_dock_says_what_to_do(make_map_dock, new_post, monkeypatch) -> None:
    from ui.docks import map as map_module

    monkeypatch.setattr(map_module.assets, "missing", lambda: ["missing web asset resources/web/vendor/leaflet/leaflet.js"])
    dock = make_map_dock(new_post(), wait=False)
    assert dock.problem.isVisible() and not dock.view.isVisible()
    assert "make setup" in dock.problem.text() and "leaflet.js" in dock.problem.text()
    assert not dock.bridge.is_ready
