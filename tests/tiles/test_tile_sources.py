"""Tile sources against a real HTTP tile server on 127.0.0.1: URLs, keys, the User-Agent, every
way a fetch can fail returning None (never raising), and the cache-first `CachedSource`."""

from __future__ import annotations

import time

import pytest
from loopback_tiles import LoopbackTileServer, make_png, refused_port

from app.tiles.cache import TileCache
from app.tiles.sources import (
    BUILTIN_SOURCES,
    OSM_STANDARD,
    TIANDITU_IMAGE,
    TIANDITU_VECTOR,
    USER_AGENT,
    CachedSource,
    TileSource,
    custom,
    fetch,
    fetch_result,
    source_by_name,
    tile_url,
)


def test_builtin_sources_and_their_terms() -> None:
    names = [s.name for s in BUILTIN_SOURCES]
    assert len(set(names)) == len(names)
    assert OSM_STANDARD in BUILTIN_SOURCES and TIANDITU_VECTOR in BUILTIN_SOURCES
    assert TIANDITU_IMAGE in BUILTIN_SOURCES
    assert not OSM_STANDARD.allow_bulk_download and "usage policy" in OSM_STANDARD.terms
    for source in BUILTIN_SOURCES:
        assert not source.allow_bulk_download  # none is the agency's own server
        assert source.terms and source.attribution
        assert source.coord_system == "wgs84"
    tianditu = [s for s in BUILTIN_SOURCES if "天地图" in s.name]
    assert len(tianditu) == 4 and all(s.needs_key for s in tianditu)
    assert "authorisation" in TIANDITU_VECTOR.terms
    assert source_by_name("OpenStreetMap") is OSM_STANDARD
    assert source_by_name("nope") is None


def test_tile_urls() -> None:
    url = tile_url(TIANDITU_VECTOR, 10, 815, 423, key="abc/123")
    assert url.startswith("https://t6.tianditu.gov.cn/vec_w/wmts?")  # (815 + 423) % 8 == 6
    assert "TILEMATRIX=10&TILEROW=423&TILECOL=815" in url
    assert url.endswith("tk=abc%2F123")
    with pytest.raises(ValueError, match="access key"):
        tile_url(TIANDITU_VECTOR, 1, 0, 0)
    assert tile_url(OSM_STANDARD, 3, 1, 2) == "https://tile.openstreetmap.org/3/1/2.png"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://host/{z}/{x}.png", "lacks {y}"),
        ("ftp://host/{z}/{x}/{y}.png", "only http and https"),
        ("file:///tiles/{z}/{x}/{y}.png", "only http and https"),
        ("http://{s}.host/{z}/{x}/{y}.png", "no subdomains"),
    ],
)
def test_bad_custom_sources_are_refused(url: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        custom("mine", url, allow_bulk=True)


def test_custom_source() -> None:
    own = custom("本局影像", "https://tiles.example.invalid/{z}/{x}/{y}.jpg", allow_bulk=True)
    assert own.allow_bulk_download and own.coord_system == "wgs84" and not own.needs_key
    amap_like = custom("gcj", "https://x.invalid/{z}/{x}/{y}", False, coord_system="gcj02")
    assert amap_like.coord_system == "gcj02" and "not configured" in amap_like.terms
    with pytest.raises(ValueError):
        TileSource("bad", "https://x.invalid/{z}/{x}/{y}", coord_system="bd09")  # type: ignore[arg-type]


def test_fetch_from_a_loopback_server(tile_server: LoopbackTileServer) -> None:
    source = custom("loop", tile_server.url_template, allow_bulk=False)
    assert fetch(source, 10, 815, 423) == make_png(10, 815, 423)
    assert tile_server.requests["/10/815/423.png"] == 1
    assert tile_server.user_agents == [USER_AGENT]
    assert USER_AGENT.startswith("Zhijiu/")


def test_fetch_with_a_key(tile_server: LoopbackTileServer) -> None:
    tile_server.key = "secret"
    source = custom("keyed", tile_server.url_template + "?tk={tk}", allow_bulk=False)
    assert source.needs_key
    assert fetch(source, 1, 1, 1, key="secret") == make_png(1, 1, 1)
    assert fetch(source, 1, 1, 1, key="wrong") is None  # 403
    count = tile_server.count
    assert fetch(source, 1, 1, 1) is None  # no key: not even asked
    assert tile_server.count == count


def test_fetch_failures_are_none(tile_server: LoopbackTileServer) -> None:
    source = custom("loop", tile_server.url_template, allow_bulk=False, max_zoom=12)
    tile_server.status["/3/1/1.png"] = 404
    tile_server.status["/3/1/2.png"] = 500
    tile_server.html_for.add("/3/2/2.png")
    assert fetch(source, 3, 1, 1) is None
    assert fetch(source, 3, 1, 2) is None
    assert fetch(source, 3, 2, 2) is None  # 200 with an HTML page: not a tile
    assert fetch_result(source, 3, 1, 1).status == 404
    html = fetch_result(source, 3, 2, 2)
    assert html.status == 200 and "not an image" in html.error and not html.offline
    assert fetch(source, 13, 0, 0) is None  # beyond the source's zoom: not asked
    assert tile_server.requests["/13/0/0.png"] == 0
    assert fetch(source, 3, 8, 0) is None  # off the grid (Leaflet wrapping): not asked
    assert fetch(source, 3, -1, 0) is None
    assert tile_server.requests["/3/8/0.png"] == 0


def test_fetch_offline_is_none_and_quick() -> None:
    source = custom("gone", f"http://127.0.0.1:{refused_port()}/{{z}}/{{x}}/{{y}}.png", False)
    started = time.monotonic()
    result = fetch_result(source, 1, 0, 0, timeout=2.0)
    assert result.data is None and result.offline
    assert fetch(source, 1, 0, 0, timeout=2.0) is None
    assert time.monotonic() - started < 2.0


def test_fetch_timeout_is_none(tile_server: LoopbackTileServer) -> None:
    tile_server.delay = 1.0
    source = custom("slow", tile_server.url_template, allow_bulk=False)
    started = time.monotonic()
    result = fetch_result(source, 1, 0, 0, timeout=0.2)
    assert result.data is None and result.offline
    assert time.monotonic() - started < 0.9


def test_cached_source_cache_first(tile_server: LoopbackTileServer, cache: TileCache) -> None:
    source = custom("loop", tile_server.url_template, allow_bulk=False)
    reader = CachedSource(source, cache)
    assert reader.name == "loop"
    assert reader.tile(5, 25, 13) == make_png(5, 25, 13)
    assert tile_server.count == 1
    assert cache.get(source, 5, 25, 13) == make_png(5, 25, 13)  # kept on disk
    assert reader.tile(5, 25, 13) == make_png(5, 25, 13)
    assert tile_server.count == 1  # the second time from the cache
    tile_server.status["/5/0/0.png"] = 404
    assert reader.tile(5, 0, 0) is None
    assert cache.count() == 1  # a failure stores nothing
    assert not reader.offline  # the server answered: not a network failure


def test_cached_source_offline_serves_cache_and_backs_off(cache: TileCache) -> None:
    source = custom("gone", f"http://127.0.0.1:{refused_port()}/{{z}}/{{x}}/{{y}}.png", False)
    cache.put(source, 2, 1, 1, make_png(2, 1, 1))
    reader = CachedSource(source, cache, retry_after=60.0)
    assert reader.tile(2, 1, 1) == make_png(2, 1, 1)  # cached: no network needed
    assert reader.tile(2, 0, 0) is None
    assert reader.offline
    started = time.monotonic()
    for x in range(4):
        assert reader.tile(2, x, 3) is None  # not even tried while offline
    assert time.monotonic() - started < 0.1
    assert reader.tile(2, 1, 1) == make_png(2, 1, 1)


def test_cached_source_comes_back_online(tile_server: LoopbackTileServer, cache: TileCache) -> None:
    down = custom("flaky", f"http://127.0.0.1:{refused_port()}/{{z}}/{{x}}/{{y}}.png", False)
    reader = CachedSource(down, cache, retry_after=0.05)
    assert reader.tile(1, 0, 0) is None and reader.offline
    time.sleep(0.06)
    assert not reader.offline
    reader.source = custom("flaky", tile_server.url_template, False)  # the link is back
    assert reader.tile(1, 0, 0) == make_png(1, 0, 0)
