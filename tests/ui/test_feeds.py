"""The feeds dock with real files and real streams: photos ingested (and dropped) show newest
first with their transfer state and filter by kind; a corrupt JPEG is named, the others kept; an
H.264 clip plays to the end with frames checked through QVideoSink and a snapshot becomes a
geotagged photo; live HTTP (ffmpeg) and RTSP (GStreamer's server) streams play from loopback and
the player reconnects when the HTTP server comes back; a panorama is stitched from overlapping
crops of one picture, and cancelling one leaves nothing behind."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from media.mediafiles import clip, corrupt_jpeg, jpeg, scene
from nodes import free_port
from PySide6.QtCore import QItemSelectionModel, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtMultimedia import QMediaPlayer

from app.media.sources import LiveSource

HERE = Path(__file__).resolve().parent.parent
SYSTEM_PYTHON = "/usr/bin/python3"


def dock_of(make_main_window, post):
    window = make_main_window(post)
    dock = window.feeds_dock
    dock.show()
    dock.raise_()
    return window, dock


def media_by_kind(store, kind):
    return [m for m in store.entities("media") if m.get("kind") == kind]


def test_photos_ingested_and_dropped_show_newest_first_and_a_corrupt_one_is_named(make_main_window, post, tmp_path):
    window, dock = dock_of(make_main_window, post)
    old = jpeg(tmp_path / "old.jpg", seed=1, lon=106.57, lat=29.55, taken="2026:01:01 08:00:00")
    new = jpeg(tmp_path / "new.jpg", seed=2, taken="2026:01:01 09:00:00")
    bad = corrupt_jpeg(tmp_path / "bad.jpg", jpeg(tmp_path / "src.jpg", seed=3))
    dock.position_edit.setText("106.56, 29.56")
    dock.ingest([old, bad])
    assert "bad.jpg" in dock.message.text() and "1" in dock.message.text()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(new)), QUrl.fromLocalFile(str(old))])
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                      Qt.KeyboardModifier.NoModifier)
    dock.dropEvent(drop)
    assert dock.model.rowCount() == 2  # old.jpg a second time: recognised, not stored twice
    first, second = dock.model.item(0), dock.model.item(1)
    assert first.get("source") == "new.jpg" and second.get("source") == "old.jpg"
    assert first.get("geom")["coordinates"] == [106.56, 29.56]  # no GPS: the operator's position
    assert second.get("geom")["coordinates"] == pytest.approx([106.57, 29.55], abs=1e-5)
    assert "完整" in dock.model.data(dock.model.index(0))
    dock.kind_box.setCurrentIndex(dock.kind_box.findData("video"))
    assert dock.model.rowCount() == 0
    dock.kind_box.setCurrentIndex(0)
    dock.select(second.eid)
    assert dock.stack.currentWidget() is dock.viewer and not dock.viewer.item.pixmap().isNull()
    before = dock.viewer.zoom
    dock.zoom_in_btn.click()
    assert dock.viewer.zoom > before
    dock.fetch_selected_now()  # no sync engine in this window: said, not crashed
    assert "同步引擎未运行" in dock.message.text()


def test_a_clip_plays_to_the_end_through_the_sink_and_a_snapshot_becomes_a_photo(make_main_window, post, tmp_path, qtbot):
    window, dock = dock_of(make_main_window, post)
    video = clip(tmp_path / "drone.mp4", seconds=2, rate=10)
    dock.position_edit.setText("106.58, 29.57")
    dock.ingest([video])
    (item,) = media_by_kind(post.store, "video")
    frames = []
    dock.video.sink.videoFrameChanged.connect(lambda f: frames.append(f.toImage()))
    dock.select(item.eid)
    assert dock.stack.currentWidget() is dock.video.widget
    qtbot.waitUntil(lambda: len(frames) >= 5, timeout=15_000)
    snap = dock.snapshot()
    assert snap is not None
    photo = post.store.get("media", snap)
    assert photo.get("kind") == "photo" and photo.get("geom")["coordinates"] == [106.58, 29.57]
    assert (photo.get("width"), photo.get("height")) == (320, 240)
    qtbot.waitUntil(lambda: dock.video.player.mediaStatus() == QMediaPlayer.MediaStatus.EndOfMedia, timeout=15_000)
    assert len(frames) >= 15  # 20 frames in the clip; a few may be dropped offscreen
    img = next(f for f in frames if not f.isNull())
    assert (img.width(), img.height()) == (320, 240)


def _http_server(path: Path, port: int) -> subprocess.Popen:
    return subprocess.Popen(
        ["ffmpeg", "-v", "error", "-re", "-stream_loop", "-1", "-i", str(path), "-c", "copy", "-f", "mpegts",
         "-listen", "1", f"http://127.0.0.1:{port}/live.ts"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
    if proc.stderr:
        proc.stderr.close()


def test_a_live_http_stream_plays_and_reconnects_when_the_server_returns(make_main_window, post, tmp_path, qtbot):
    window, dock = dock_of(make_main_window, post)
    video = clip(tmp_path / "cam.mp4", seconds=4, rate=10)
    port = free_port()
    server = _http_server(video, port)
    try:
        frames = []
        dock.video.sink.videoFrameChanged.connect(lambda f: frames.append(1))
        dock.play_live(LiveSource("球机 1", f"http://127.0.0.1:{port}/live.ts", lon=106.55, lat=29.55))
        qtbot.waitUntil(lambda: len(frames) >= 10, timeout=30_000)
        _stop(server)  # the camera drops off the network
        qtbot.waitUntil(lambda: dock.video._retry.isActive() or dock.video.reconnects > 0, timeout=30_000)
        server = _http_server(video, port)
        count = len(frames)
        qtbot.waitUntil(lambda: len(frames) >= count + 10, timeout=60_000)
        assert dock.video.reconnects >= 1
        snap = dock.snapshot()
        assert post.store.get("media", snap).get("geom")["coordinates"] == [106.55, 29.55]
    finally:
        dock.video.stop()
        _stop(server)


@pytest.mark.skipif(not Path(SYSTEM_PYTHON).exists(), reason="Debian's python3 runs the RTSP server")
def test_a_live_rtsp_stream_from_a_real_server_plays(make_main_window, post, tmp_path, qtbot):
    window, dock = dock_of(make_main_window, post)
    video = clip(tmp_path / "body.mp4", seconds=20, rate=10)
    port = free_port()
    server = subprocess.Popen([SYSTEM_PYTHON, str(HERE / "media" / "rtsp_server.py"), str(port), str(video)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stdout.readline().strip() == "ready", server.stderr.read()
        frames = []
        dock.video.sink.videoFrameChanged.connect(lambda f: frames.append(f.toImage()))
        dock.live_box.setEditText(f"rtsp://127.0.0.1:{port}/live")
        dock.live_btn.click()
        qtbot.waitUntil(lambda: len(frames) >= 10, timeout=30_000)
        assert any(not f.isNull() and f.width() == 320 for f in frames)
        assert dock.live_box.findText(f"rtsp://127.0.0.1:{port}/live") >= 0  # kept in streams.json
    finally:
        dock.video.stop()
        _stop(server)
        server.stdout.close()


def _select(dock, eids):
    sel = dock.gallery.selectionModel()
    sel.clearSelection()
    for eid in eids:
        sel.select(dock.model.index(dock.model.row_of(eid)), QItemSelectionModel.SelectionFlag.Select)


def test_a_panorama_is_stitched_from_overlapping_crops_and_a_cancelled_one_leaves_nothing(make_main_window, post, tmp_path, qtbot):
    window, dock = dock_of(make_main_window, post)
    img = scene(1200, 500)
    paths = []
    for i, x in enumerate((0, 350, 700)):
        p = tmp_path / f"crop{i}.jpg"
        img.crop((x, 0, x + 500, 500)).save(p, quality=92)
        paths.append(p)
    dock.incident_box.setCurrentIndex(dock.incident_box.findData(post.incidents["flood"]))
    for p, lon in zip(paths, (106.50, 106.52, 106.54), strict=True):
        dock.position_edit.setText(f"{lon}, 29.55")
        dock.ingest([p])
    photos = [m.eid for m in media_by_kind(post.store, "photo")]
    _select(dock, photos)
    assert dock.pano_btn.isEnabled()

    dock.stitch_selected()
    dock.job.cancel()  # at once: the plugin stops at its next step
    qtbot.waitUntil(lambda: dock.job is None, timeout=60_000)
    assert not media_by_kind(post.store, "panorama")

    _select(dock, photos)
    dock.pano_mode.setCurrentIndex(dock.pano_mode.findData("scans"))  # crops of one flat picture
    dock.stitch_selected()
    assert dock.job.mode == "scans"
    qtbot.waitUntil(lambda: dock.job is None, timeout=120_000)
    (pano,) = media_by_kind(post.store, "panorama")
    assert pano.get("geom")["coordinates"] == pytest.approx([106.52, 29.55])
    assert pano.get("incident_id") == post.incidents["flood"]
    assert pano.get("width") > 1000 and 400 < pano.get("height") < 520
