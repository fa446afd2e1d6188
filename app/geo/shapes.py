"""Small plane-geometry helpers on GeoJSON in WGS-84: point in polygon, distances, bounds.

Enough for the offline base map and its tests (which district holds a point, how far a river
passes from a place) without a GIS library. Distances are great-circle (haversine) metres.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import Any

__all__ = [
    "EARTH_RADIUS_M",
    "distance_m",
    "distance_to_line_m",
    "geometry_bounds",
    "iter_positions",
    "point_in_geometry",
]

EARTH_RADIUS_M = 6_371_008.8

Position = Sequence[float]


def distance_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in metres between two WGS-84 points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def _in_ring(lon: float, lat: float, ring: Sequence[Position]) -> bool:
    inside = False
    n = len(ring)
    j = n - 1
    for i in range(n):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _in_polygon(lon: float, lat: float, rings: Sequence[Sequence[Position]]) -> bool:
    if not rings or not _in_ring(lon, lat, rings[0]):
        return False
    return not any(_in_ring(lon, lat, hole) for hole in rings[1:])


def point_in_geometry(lon: float, lat: float, geom: dict[str, Any]) -> bool:
    """True when the point is inside a Polygon or MultiPolygon (holes respected)."""
    kind = geom.get("type")
    if kind == "Polygon":
        return _in_polygon(lon, lat, geom["coordinates"])
    if kind == "MultiPolygon":
        return any(_in_polygon(lon, lat, poly) for poly in geom["coordinates"])
    if kind == "GeometryCollection":
        return any(point_in_geometry(lon, lat, g) for g in geom.get("geometries", []))
    return False


def iter_positions(geom: dict[str, Any]) -> Iterator[tuple[float, float]]:
    """Every (lon, lat) of a GeoJSON geometry."""
    if geom.get("type") == "GeometryCollection":
        for g in geom.get("geometries", []):
            yield from iter_positions(g)
        return
    stack: list[Any] = [geom.get("coordinates", [])]
    while stack:
        item = stack.pop()
        if item and isinstance(item[0], int | float):
            yield float(item[0]), float(item[1])
        else:
            stack.extend(reversed(item))


def geometry_bounds(geom: dict[str, Any]) -> tuple[float, float, float, float]:
    """(west, south, east, north) of a geometry; ValueError when it has no positions."""
    xs, ys = [], []
    for x, y in iter_positions(geom):
        xs.append(x)
        ys.append(y)
    if not xs:
        raise ValueError("empty geometry")
    return min(xs), min(ys), max(xs), max(ys)


def _lines(geom: dict[str, Any]) -> Iterator[Sequence[Position]]:
    kind, coords = geom.get("type"), geom.get("coordinates")
    if kind == "LineString":
        yield coords  # type: ignore[misc]
    elif kind in ("MultiLineString", "Polygon"):
        yield from coords  # type: ignore[misc]
    elif kind == "MultiPolygon":
        for poly in coords:  # type: ignore[union-attr]
            yield from poly
    elif kind == "GeometryCollection":
        for g in geom.get("geometries", []):
            yield from _lines(g)


def distance_to_line_m(lon: float, lat: float, geom: dict[str, Any]) -> float:
    """Shortest distance in metres from a point to the lines (or ring edges) of a geometry.

    Uses a local equirectangular projection around the point: exact enough below ~100 km.
    """
    k = math.cos(math.radians(lat))
    best = math.inf
    for line in _lines(geom):
        for a, b in zip(line, line[1:], strict=False):
            ax, ay = (a[0] - lon) * k, a[1] - lat
            bx, by = (b[0] - lon) * k, b[1] - lat
            dx, dy = bx - ax, by - ay
            length2 = dx * dx + dy * dy
            t = 0.0 if length2 == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length2))
            best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return math.radians(best) * EARTH_RADIUS_M if best < math.inf else math.inf
