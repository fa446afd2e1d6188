"""Area download: Web-Mercator tile math against known values, the plan and its cap, and
downloads from a loopback tile server — progress, cancel midway, resume, bounded concurrency,
failures, a link that is down, and sources whose terms forbid bulk download."""

from __future__ import annotations

import threading

import pytest
from loopback_tiles import LoopbackTileServer, make_png, refused_port

from app.tiles.cache import TileCache
from app.tiles.download import (
    MAX_CONSECUTIVE_FAILURES,
    MAX_TILES,
    BulkDownloadNotAllowed,
    TooManyTiles,
    count_tiles,
    download_area,
    estimate,
    lonlat_to_tile,
    plan_area,
    tile_bounds,
)
from app.tiles.sources import OSM_STANDARD, TIANDITU_VECTOR, TileSource, custom

JIEFANGBEI = (106.5775, 29.5587)
YUZHONG_BOX = (106.50, 29.53, 106.60, 29.58)  # west, south, east, north


@pytest.mark.parametrize(
    ("lon", "lat", "z", "expected"),
    [
        (106.5775, 29.5587, 10, (815, 423)),  # 解放碑, Chongqing
        (116.3913, 39.9075, 10, (843, 388)),  # 天安门, Beijing
        (0.0, 0.0, 1, (1, 1)),
        (-180.0, 85.0511, 3, (0, 0)),
        (179.9999, -85.0511, 3, (7, 7)),
        (106.5775, 29.5587, 0, (0, 0)),
        (106.5775, 29.5587, 16, (52169, 27131)),
    ],
)
def test_tile_math_known_values(lon: float, lat: float, z: int, expected: tuple[int, int]) -> None:
    assert lonlat_to_tile(lon, lat, z) == expected
    west, south, east, north = tile_bounds(z, *expected)
    assert west <= lon <= east and south <= lat <= north


def test_tile_bounds_of_the_world_and_a_quarter() -> None:
    w, s, e, n = tile_bounds(0, 0, 0)
    assert (w, e) == (-180.0, 180.0) and n == pytest.approx(85.0511, abs=1e-4)
    assert s == pytest.approx(-85.0511, abs=1e-4)
    west, south, _east, _north = tile_bounds(1, 1, 0)
    assert west == 0.0 and south == pytest.approx(0.0, abs=1e-12)


def test_plan_area() -> None:
    plan = plan_area(YUZHONG_BOX, 10, 14)
    assert plan[0] == (10, 814, 423) and plan == sorted(plan)
    assert len(plan) == len(set(plan)) == count_tiles(YUZHONG_BOX, 10, 14)
    assert {z for z, _x, _y in plan} == {10, 11, 12, 13, 14}
    z16 = lonlat_to_tile(*JIEFANGBEI, 14)
    assert (14, *z16) in plan
    for z, x, y in plan:  # every tile touches the box
        w, s, e, n = tile_bounds(z, x, y)
        assert w <= YUZHONG_BOX[2] and e >= YUZHONG_BOX[0]
        assert s <= YUZHONG_BOX[3] and n >= YUZHONG_BOX[1]
    assert estimate(plan) == (len(plan), len(plan) * 15_000)
    assert estimate(plan, avg_bytes=1000)[1] == len(plan) * 1000


def test_edge_on_a_tile_boundary_adds_no_column() -> None:
    assert plan_area((0.0, 0.0, 90.0, 1.0), 2, 2) == [(2, 2, 1)]


def test_plan_cap_and_bad_input() -> None:
    china = (73.0, 18.0, 135.0, 54.0)
    assert count_tiles(china, 0, 14) > MAX_TILES
    with pytest.raises(TooManyTiles, match=r"needs [\d,]+ tiles; the limit is 50,000") as err:
        plan_area(china, 0, 14)
    assert err.value.count == count_tiles(china, 0, 14)
    assert len(plan_area(china, 0, 5)) == count_tiles(china, 0, 5)
    for bbox, zmin, zmax in [
        ((107.0, 29.0, 106.0, 30.0), 1, 2),  # west > east
        ((106.0, 30.0, 107.0, 29.0), 1, 2),  # south > north
        ((106.0, 29.0, 107.0, 30.0), 5, 4),
        ((106.0, 29.0, float("nan"), 30.0), 1, 2),
    ]:
        with pytest.raises(ValueError):
            plan_area(bbox, zmin, zmax)


def _own(server: LoopbackTileServer, **kw: object) -> TileSource:
    return custom("本局瓦片", server.url_template, allow_bulk=True, **kw)  # type: ignore[arg-type]


def test_download_area(tile_server: LoopbackTileServer, cache: TileCache) -> None:
    tile_server.delay = 0.002  # so that requests overlap and concurrency shows
    source = _own(tile_server)
    plan = plan_area(YUZHONG_BOX, 10, 14)
    calls: list[tuple[int, int]] = []
    caller = threading.get_ident()
    threads: set[int] = set()

    def progress(done: int, total: int) -> None:
        calls.append((done, total))
        threads.add(threading.get_ident())

    report = download_area(source, cache, plan, progress=progress)
    assert report.done == len(plan) and report.total == len(plan)
    assert (report.skipped_cached, report.failed, report.cancelled, report.error) == (
        0,
        0,
        False,
        None,
    )
    assert tile_server.count == len(plan)
    assert calls == [(i, len(plan)) for i in range(1, len(plan) + 1)]
    assert threads == {caller}  # progress comes on the caller's thread
    assert tile_server.max_in_flight == 2  # two at a time, never more
    for z, x, y in plan:
        assert cache.get(source, z, x, y) == make_png(z, x, y)
    # resumable: a second run asks for nothing
    again = download_area(source, cache, plan)
    assert (again.done, again.skipped_cached, again.failed) == (0, len(plan), 0)
    assert tile_server.count == len(plan)


def test_cancel_midway_then_resume(tile_server: LoopbackTileServer, cache: TileCache) -> None:
    tile_server.delay = 0.02
    source = _own(tile_server)
    plan = plan_area(YUZHONG_BOX, 10, 15)
    cancel = threading.Event()

    def progress(done: int, total: int) -> None:
        if done == 6:
            cancel.set()

    first = download_area(source, cache, plan, progress=progress, cancel=cancel)
    assert first.cancelled
    assert 6 <= first.done <= 8  # what was in flight finishes: at most two more
    assert first.done + first.failed < len(plan)
    assert cache.count() == first.done
    tile_server.delay = 0.0
    second = download_area(source, cache, plan)
    assert not second.cancelled
    assert second.skipped_cached == first.done
    assert second.done == len(plan) - first.done
    assert cache.count() == len(plan)
    assert tile_server.count == len(plan)  # no tile was fetched twice


def test_cancel_before_start(tile_server: LoopbackTileServer, cache: TileCache) -> None:
    cancel = threading.Event()
    cancel.set()
    report = download_area(_own(tile_server), cache, plan_area(YUZHONG_BOX, 10, 12), cancel=cancel)
    assert report.cancelled and report.done == 0
    assert tile_server.count == 0


def test_failures_are_counted(tile_server: LoopbackTileServer, cache: TileCache) -> None:
    plan = plan_area(YUZHONG_BOX, 12, 13)
    z, x, y = plan[1]
    tile_server.status[f"/{z}/{x}/{y}.png"] = 500
    z, x, y = plan[2]
    tile_server.html_for.add(f"/{z}/{x}/{y}.png")
    report = download_area(_own(tile_server), cache, plan)
    assert (report.done, report.failed) == (len(plan) - 2, 2)
    assert report.error is None


def test_link_down_stops_the_download(cache: TileCache) -> None:
    dead = custom("down", f"http://127.0.0.1:{refused_port()}/{{z}}/{{x}}/{{y}}.png", True)
    plan = plan_area(YUZHONG_BOX, 10, 15)
    assert len(plan) > MAX_CONSECUTIVE_FAILURES + 2
    report = download_area(dead, cache, plan, timeout=1.0)
    assert report.done == 0
    assert MAX_CONSECUTIVE_FAILURES <= report.failed <= MAX_CONSECUTIVE_FAILURES + 1
    assert report.error is not None and "unreachable" in report.error


def test_sources_that_forbid_bulk_download(
    tile_server: LoopbackTileServer, cache: TileCache
) -> None:
    plan = plan_area(YUZHONG_BOX, 10, 11)
    with pytest.raises(BulkDownloadNotAllowed, match="tile usage policy forbids bulk"):
        download_area(OSM_STANDARD, cache, plan)
    with pytest.raises(BulkDownloadNotAllowed, match="authorisation"):
        download_area(TIANDITU_VECTOR, cache, plan, key="k")
    osm_like = TileSource(
        "OSM-like",
        tile_server.url_template,
        allow_bulk_download=False,
        terms=OSM_STANDARD.terms,
    )
    with pytest.raises(BulkDownloadNotAllowed, match="OSM-like"):
        download_area(osm_like, cache, plan)
    assert tile_server.count == 0 and cache.count() == 0


def test_download_refuses_oversized_plans_and_bad_zooms(
    tile_server: LoopbackTileServer, cache: TileCache
) -> None:
    source = _own(tile_server, max_zoom=12)
    huge = [(17, x, 0) for x in range(MAX_TILES + 1)]
    with pytest.raises(TooManyTiles):
        download_area(source, cache, huge)
    with pytest.raises(ValueError, match="zoom levels 0–12"):
        download_area(source, cache, plan_area(YUZHONG_BOX, 12, 13))
    keyed = custom("keyed", tile_server.url_template + "?tk={tk}", True)
    with pytest.raises(ValueError, match="access key"):
        download_area(keyed, cache, [(1, 0, 0)])
    assert tile_server.count == 0


def test_download_with_a_key(tile_server: LoopbackTileServer, cache: TileCache) -> None:
    tile_server.key = "k1"
    keyed = custom("keyed", tile_server.url_template + "?tk={tk}", True)
    report = download_area(keyed, cache, [(1, 0, 0), (1, 1, 0)], key="k1")
    assert report.done == 2
