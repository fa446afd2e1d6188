"""The gauge feed plugin (雨情, 水情 fed by a plugin): readings from a real HTTP server on
loopback and from a watched folder land through the one write path, once each; a reading above
警戒水位 raises the gauge's alert; a source that is down or sends garbage is named in the plugin
manager's error, tried again, and cleared when it recovers; unloading the plugin stops the
thread."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from waiting import wait_until
from web_source import WebSource

from app.services import common, gauges
from plugins.gauges import feed as gauge_feed
from plugins.gauges import readings as gauge_readings


@pytest.fixture
def station() -> Iterator[WebSource]:
    """A hydrological endpoint on loopback."""
    with WebSource() as source:
        yield source


@pytest.fixture
def gauge(rear, ctx) -> str:
    return common.create(rear.store, ctx.operator, "feature", {
        "symbol": "gauge", "name": "朝天门水位站", "geom": common.point(106.586, 29.567),
        "props": {"warning_level_m": 180.5, "guarantee_level_m": 183.5, "station_code": "60105400"}})


def sl323(*rows: tuple[str, str, float]) -> bytes:
    """ST_RIVER_R-style records: 测站编码, time, 水位."""
    return json.dumps({"data": [{"STCD": s, "TM": t, "Z": z} for s, t, z in rows]}).encode()


def test_http_readings_land_once_and_a_reading_above_the_warning_level_raises_the_alert(
        rear, ctx, gauge, station) -> None:
    station.pages["/river.json"] = (200, sl323(("60105400", "2026-07-01 08:00", 179.2),
                                               ("60105400", "2026-07-01 09:00", 180.1)))
    feed = gauge_feed.GaugeFeed(ctx, url=f"{station.url}/river.json")
    first = feed.poll()
    assert (first.added, first.already, first.failures, first.problems) == (2, 0, [], [])
    entity = rear.store.get("feature", gauge)
    assert gauges.status(rear.store, entity).alert is None
    assert [r.get("source") for r in gauges.readings(rear.store, gauge)] == ["plugin", "plugin"]

    ops_before = rear.store.op_count()
    again = feed.poll()  # the station repeats its last hours: nothing new is written
    assert (again.added, again.already) == (0, 2)
    assert rear.store.op_count() == ops_before

    station.pages["/river.json"] = (200, sl323(("60105400", "2026-07-01 09:00", 180.1),
                                               ("60105400", "2026-07-01 10:00", 180.9)))
    rising = feed.poll()
    assert (rising.added, rising.already) == (1, 1)
    assert rising.alerts == [(gauge, "warning")]  # 超警戒
    status = gauges.status(rear.store, rear.store.get("feature", gauge))
    assert (status.latest, status.alert) == (180.9, "warning")
    assert status.measured_at == gauges.parse_time("2026-07-01T10:00:00+08:00")


def test_csv_from_http_and_unknown_stations_are_named(rear, ctx, gauge, station) -> None:
    station.pages["/r.csv"] = (200, "gauge,measured_at,value\n朝天门水位站,2026-07-01T11:00:00+08:00,184.0\n"
                                    "寸滩水位站,2026-07-01T11:00:00+08:00,170.0\n"
                                    "朝天门水位站,yesterday,181\n".encode("gb18030"))
    problems: list[str | None] = []
    ctx.problem_listener = problems.append
    result = gauge_feed.GaugeFeed(ctx, url=f"{station.url}/r.csv").poll()
    assert result.added == 1 and result.failures == []
    assert result.alerts == [(gauge, "guarantee")]  # 超保证
    assert "row 2: no gauge named '寸滩水位站'" in problems[-1]
    assert "row 3: measured_at 'yesterday' is not a time" in problems[-1]


@pytest.mark.parametrize("status, body, said", [
    (503, b"maintenance", "503"),
    (200, b"<html><body>login</body></html>", "HTML or XML"),
    (200, b'{"error": "no data"}', "without a list of readings"),
    (200, b"\xff\xfe\x00garbage\x00\x81", "not UTF-8 or GB18030"),
    (200, b"[1, 2", "not valid JSON"),
])
def test_a_source_down_or_sending_garbage_is_shown_and_retried(rear, ctx, gauge, station,
                                                               status, body, said) -> None:
    station.pages["/r.json"] = (status, body)
    problems: list[str | None] = []
    ctx.problem_listener = problems.append
    feed = gauge_feed.GaugeFeed(ctx, url=f"{station.url}/r.json", interval_s=300, retry_s=20)
    result = feed.poll()
    assert result.added == 0 and len(result.failures) == 1 and said in result.failures[0]
    assert said in (problems[-1] or "") and "trying again in 20 s" in (problems[-1] or "")
    assert feed._delay() == 20  # sooner than the 300 s interval
    feed.poll()
    assert feed._delay() == 40  # doubling while it stays down
    station.pages["/r.json"] = (200, sl323(("60105400", "2026-07-01 08:00", 179.0)))
    assert feed.poll().added == 1
    assert problems[-1] is None and feed._delay() == 300  # recovered: the problem is cleared


def test_a_refused_connection_is_a_failure_not_a_crash(ctx, gauge) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = gauge_feed.GaugeFeed(ctx, url=f"http://127.0.0.1:{port}/r.json", timeout_s=5).poll()
    assert len(result.failures) == 1 and f"127.0.0.1:{port}" in result.failures[0]


def test_a_watched_folder_is_read_when_its_files_change(rear, ctx, gauge, tmp_path) -> None:
    drop = rear.folder.path / "station-drop"
    drop.mkdir()
    feed = gauge_feed.GaugeFeed(ctx, folder="station-drop")  # relative to the post's folder
    (drop / "0800.csv").write_text("STCD,TM,Z\n60105400,2026-07-01 08:00,179.5\n", "utf-8")
    (drop / "notes.doc").write_bytes(b"ignored")
    assert feed.poll().added == 1
    assert feed.poll().added == 0 and feed.last is not None and feed.last.already == 0  # unchanged: not read
    (drop / "0900.json").write_text("{half a file", "utf-8")  # the station is still writing it
    result = feed.poll()
    assert result.failures and "0900.json" in result.failures[0]
    (drop / "0900.json").write_text(json.dumps([{"station": "60105400", "time": "2026-07-01 09:00",
                                                 "value": 181.2}]), "utf-8")
    assert feed.poll().added == 1 and feed.last.alerts == [(gauge, "warning")]
    assert len(gauges.readings(rear.store, gauge)) == 2


def test_bad_settings_are_refused_with_a_reason(ctx) -> None:
    with pytest.raises(ValueError, match="'url' or a 'folder'"):
        gauge_feed.GaugeFeed(ctx)
    with pytest.raises(ValueError, match="http:// or https://"):
        gauge_feed.GaugeFeed(ctx, url="file:///etc/passwd")
    with pytest.raises(ValueError, match="interval_s"):
        gauge_feed.GaugeFeed(ctx, url="http://x/", interval_s=0)


def test_rows_from_sources_read_the_common_column_names() -> None:
    rows = gauge_readings.parse(b"stcd,tm,drp\n60100100,1782864000000,12.5\n", "p.csv")
    assert rows == [{"gauge": "60100100", "measured_at": 1782864000000, "value": "12.5",
                     "quantity": "rain_mm"}]


def test_the_plugin_runs_as_a_feed_and_stops_on_unload(rear, host_for, gauge, station) -> None:
    """Through the plugin host, as the window (or ``serve``) runs feeds: the manager's error
    shows the source being down, clears when it is back, and unloading ends the thread."""
    station.pages["/r.json"] = (503, b"down")
    host = host_for()
    host.discover()
    assert host.load("gauges"), host.plugins["gauges"].error
    (contribution,) = [c for c in host.contributions("feeds") if c.plugin_id == "gauges"]
    feed = host.call(contribution, url=f"{station.url}/r.json", interval_s=600, retry_s=0.2)
    assert feed.running
    wait_until(lambda: "503" in (host.plugins["gauges"].error or ""), what="the problem shown")
    station.pages["/r.json"] = (200, sl323(("60105400", "2026-07-01 12:00", 181.0)))
    wait_until(lambda: host.plugins["gauges"].error is None, what="the problem cleared")
    assert gauges.status(rear.store, rear.store.get("feature", gauge)).alert == "warning"
    host.unload("gauges")
    assert not feed.running
