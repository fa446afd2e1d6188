"""Download an area of an online source into the tile cache, for use without a network.

`plan_area` lists the Web-Mercator (XYZ) tiles covering a WGS-84 box over a zoom range;
`estimate` gives the tile count and an expected size; `download_area` fetches them into a
`TileCache`:

* only for a source whose terms allow it (`BulkDownloadNotAllowed` otherwise, with the reason);
* resumable: tiles already cached are skipped, so a cancelled or cut download continues;
* polite: at most two requests in flight (`MAX_WORKERS`), and a hard cap of `MAX_TILES` tiles
  per download (`TooManyTiles`, raised before anything is fetched);
* ``progress(processed, total)`` and the ``cancel`` event are handled on the caller's thread
  (progress after every tile); a run of `MAX_CONSECUTIVE_FAILURES` connection failures stops
  the download (the link is down) with the reason in the report.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass

from app.tiles.cache import TileCache
from app.tiles.sources import FetchResult, TileSource, fetch_result

__all__ = [
    "MAX_LAT",
    "MAX_TILES",
    "MAX_WORKERS",
    "BulkDownloadNotAllowed",
    "DownloadReport",
    "TooManyTiles",
    "count_tiles",
    "download_area",
    "estimate",
    "lonlat_to_tile",
    "plan_area",
    "tile_bounds",
]

MAX_TILES = 50_000
MAX_WORKERS = 2
MAX_CONSECUTIVE_FAILURES = 20
MAX_LAT = 85.05112877980659  # the Web-Mercator limit: atan(sinh(pi))

Tile = tuple[int, int, int]
BBox = tuple[float, float, float, float]


class BulkDownloadNotAllowed(Exception):
    """The source's terms do not allow downloading an area; the message says why."""


class TooManyTiles(ValueError):
    """An area download larger than the cap; the message gives the count and the limit."""

    def __init__(self, count: int, limit: int = MAX_TILES) -> None:
        super().__init__(
            f"this area needs {count:,} tiles; the limit is {limit:,} per download: "
            "choose a smaller area or fewer zoom levels"
        )
        self.count = count
        self.limit = limit


@dataclass(frozen=True)
class DownloadReport:
    """How a download went. ``done`` were fetched and stored, ``skipped_cached`` were already
    on disk, ``failed`` could not be had; ``cancelled`` when the cancel event stopped it;
    ``error`` says why it stopped early otherwise (the link went down)."""

    done: int
    skipped_cached: int
    failed: int
    cancelled: bool
    total: int = 0
    error: str | None = None


def _tile_xy(lon: float, lat: float, z: int) -> tuple[float, float]:
    """Fractional XYZ tile coordinates of a WGS-84 point (Web-Mercator)."""
    n = 1 << z
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    x = (lon + 180.0) / 360.0 * n
    y = (1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n
    return x, y


def lonlat_to_tile(lon: float, lat: float, z: int) -> tuple[int, int]:
    """The XYZ tile ``(x, y)`` containing a WGS-84 point at zoom ``z`` (standard slippy-map math)."""
    n = 1 << z
    fx, fy = _tile_xy(lon, lat, z)
    return min(max(math.floor(fx), 0), n - 1), min(max(math.floor(fy), 0), n - 1)


def tile_bounds(z: int, x: int, y: int) -> BBox:
    """(west, south, east, north) of an XYZ tile in WGS-84 degrees."""
    n = 1 << z

    def lat(row: int) -> float:
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * row / n))))

    return (x / n * 360.0 - 180.0, lat(y + 1), (x + 1) / n * 360.0 - 180.0, lat(y))


def _check(bbox: BBox, zmin: int, zmax: int) -> None:
    west, south, east, north = bbox
    if not all(math.isfinite(v) for v in bbox):
        raise ValueError("the area's bounds must be numbers")
    if not (-180.0 <= west < east <= 180.0):
        raise ValueError(f"bad area: west {west} must be less than east {east}, within ±180")
    if not (-90.0 <= south < north <= 90.0):
        raise ValueError(f"bad area: south {south} must be less than north {north}, within ±90")
    if not (0 <= zmin <= zmax <= 24):
        raise ValueError(f"bad zoom range {zmin}–{zmax}")


def _ranges(bbox: BBox, z: int) -> tuple[range, range]:
    west, south, east, north = bbox
    x0, y0 = lonlat_to_tile(west, north, z)
    x1, y1 = lonlat_to_tile(east, south, z)
    # an east or south edge exactly on a tile boundary does not pull in the next tile
    fx, fy = _tile_xy(east, south, z)
    if x1 > x0 and fx == x1:
        x1 -= 1
    if y1 > y0 and fy == y1:
        y1 -= 1
    return range(x0, x1 + 1), range(y0, y1 + 1)


def count_tiles(bbox: BBox, zmin: int, zmax: int) -> int:
    """How many tiles `plan_area` would list, without listing them (any size)."""
    _check(bbox, zmin, zmax)
    total = 0
    for z in range(zmin, zmax + 1):
        xs, ys = _ranges(bbox, z)
        total += len(xs) * len(ys)
    return total


def plan_area(bbox: BBox, zmin: int, zmax: int, *, max_tiles: int = MAX_TILES) -> list[Tile]:
    """The XYZ tiles ``(z, x, y)`` covering ``bbox = (west, south, east, north)`` at each zoom
    from ``zmin`` to ``zmax``, lowest zoom first; `TooManyTiles` above ``max_tiles``."""
    count = count_tiles(bbox, zmin, zmax)
    if count > max_tiles:
        raise TooManyTiles(count, max_tiles)
    plan: list[Tile] = []
    for z in range(zmin, zmax + 1):
        xs, ys = _ranges(bbox, z)
        plan.extend((z, x, y) for x in xs for y in ys)
    return plan


def estimate(plan: Sequence[Tile], avg_bytes: int = 15_000) -> tuple[int, int]:
    """(tile count, expected bytes) of a plan; ``avg_bytes`` is a typical raster tile."""
    return len(plan), len(plan) * avg_bytes


def download_area(
    source: TileSource,
    cache: TileCache,
    plan: Sequence[Tile],
    *,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
    key: str | None = None,
    timeout: float = 10.0,
    workers: int = MAX_WORKERS,
) -> DownloadReport:
    """Fetch every tile of ``plan`` not yet in ``cache``; see the module text for the rules."""
    if not source.allow_bulk_download:
        reason = source.terms or "its terms do not allow it"
        raise BulkDownloadNotAllowed(f"{source.name}: bulk download is not allowed: {reason}")
    total = len(plan)
    if total > MAX_TILES:
        raise TooManyTiles(total)
    outside = [t for t in plan if not (source.min_zoom <= t[0] <= source.max_zoom)]
    if outside:
        raise ValueError(
            f"{source.name} has zoom levels {source.min_zoom}–{source.max_zoom}; "
            f"the plan asks for zoom {outside[0][0]}"
        )
    if source.needs_key and not key:
        raise ValueError(f"{source.name} needs an access key (tk) in the settings")
    workers = max(1, min(workers, MAX_WORKERS))

    done = skipped = failed = processed = 0
    consecutive_offline = 0
    error: str | None = None
    cancelled = False

    def report() -> None:
        if progress is not None:
            progress(processed, total)

    def job(z: int, x: int, y: int) -> tuple[FetchResult, bool]:
        result = fetch_result(source, z, x, y, timeout=timeout, key=key)
        stored = result.data is not None and cache.put(source, z, x, y, result.data)
        return result, stored

    pending: Iterator[Tile] = iter(plan)
    in_flight: set[Future[tuple[FetchResult, bool]]] = set()
    with ThreadPoolExecutor(workers, thread_name_prefix="zhijiu-download") as pool:
        while True:
            stopping = cancelled or error is not None
            if not stopping and cancel is not None and cancel.is_set():
                cancelled = stopping = True
            # keep the pool fed: skip cached tiles here, submit up to `workers` fetches
            while not stopping and len(in_flight) < workers:
                tile = next(pending, None)
                if tile is None:
                    break
                if cache.has(source, *tile):
                    skipped += 1
                    processed += 1
                    report()
                    continue
                in_flight.add(pool.submit(job, *tile))
            if not in_flight:
                break
            finished, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in finished:
                result, stored = future.result()
                processed += 1
                if stored:
                    done += 1
                    consecutive_offline = 0
                else:
                    failed += 1
                    consecutive_offline = consecutive_offline + 1 if result.offline else 0
                    if consecutive_offline >= MAX_CONSECUTIVE_FAILURES and error is None:
                        error = f"{source.name} is unreachable ({result.error}); stopped"
                report()
    return DownloadReport(done, skipped, failed, cancelled, total=total, error=error)
