"""WGS-84 ⇄ GCJ-02 (the "Mars" datum of Chinese map providers) for points and GeoJSON geometries.

The store keeps WGS-84 (CGCS2000 is taken as equal at map precision). GCJ-02 appears only where a
Chinese source uses it — AMap-derived boundaries, some tile servers — and is converted right there.

`wgs84_to_gcj02` is the published forward algorithm (Krasovsky 1940 ellipsoid constants, the
well-known sine-series offsets). It has no closed-form inverse: `gcj02_to_wgs84` solves
``wgs84_to_gcj02(x) == target`` by fixed-point iteration, which converges to far below 1e-9 degrees
in a few steps because the offset field varies slowly (its gradient is about 1e-4). Points outside
China (a coarse rectangle, as the algorithm's reference implementations use) pass unchanged.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

__all__ = [
    "Transform",
    "convert_geometry",
    "gcj02_to_wgs84",
    "out_of_china",
    "wgs84_to_gcj02",
]

Transform = Callable[[float, float], tuple[float, float]]

_A = 6378245.0  # semi-major axis of the Krasovsky 1940 ellipsoid, as the algorithm uses
_EE = 0.00669342162296594323  # its first eccentricity squared
_INVERSE_TOLERANCE = 1e-10  # degrees; well under the promised 1e-7
_INVERSE_MAX_STEPS = 30


def out_of_china(lon: float, lat: float) -> bool:
    """True where GCJ-02 does not apply (the coarse rectangle of the reference implementations)."""
    return not (72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _offset_lat(x: float, y: float) -> float:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return ret


def _offset_lon(x: float, y: float) -> float:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return ret


def _delta(lon: float, lat: float) -> tuple[float, float]:
    """The GCJ-02 offset (dlon, dlat) in degrees at a WGS-84 point."""
    dlat = _offset_lat(lon - 105.0, lat - 35.0)
    dlon = _offset_lon(lon - 105.0, lat - 35.0)
    radlat = lat / 180.0 * math.pi
    magic = math.sin(radlat)
    magic = 1 - _EE * magic * magic
    sqrtmagic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrtmagic) * math.pi)
    dlon = (dlon * 180.0) / (_A / sqrtmagic * math.cos(radlat) * math.pi)
    return dlon, dlat


def wgs84_to_gcj02(lon: float, lat: float) -> tuple[float, float]:
    """A WGS-84 point as GCJ-02 ``(lon, lat)``; unchanged outside China."""
    if out_of_china(lon, lat):
        return lon, lat
    dlon, dlat = _delta(lon, lat)
    return lon + dlon, lat + dlat


def gcj02_to_wgs84(lon: float, lat: float) -> tuple[float, float]:
    """A GCJ-02 point as WGS-84 ``(lon, lat)``, exact to better than 1e-9 degrees.

    Fixed-point iteration on the forward transform: start from the target, then move the guess
    by the remaining error until ``wgs84_to_gcj02(guess)`` equals the target. Outside China the
    point is returned unchanged (as the forward transform leaves it).
    """
    if out_of_china(lon, lat):
        return lon, lat
    wlon, wlat = lon, lat
    for _ in range(_INVERSE_MAX_STEPS):
        glon, glat = wgs84_to_gcj02(wlon, wlat)
        elon, elat = glon - lon, glat - lat
        wlon -= elon
        wlat -= elat
        if abs(elon) < _INVERSE_TOLERANCE and abs(elat) < _INVERSE_TOLERANCE:
            break
    return wlon, wlat


def _convert_position(pos: Any, fn: Transform) -> list[float]:
    if not isinstance(pos, list | tuple) or len(pos) < 2:
        raise ValueError(f"not a GeoJSON position: {pos!r}")
    x, y = fn(float(pos[0]), float(pos[1]))
    return [x, y, *(float(v) for v in pos[2:])]  # an altitude, if any, is kept


def _convert_nested(coords: Any, depth: int, fn: Transform) -> Any:
    if depth == 0:
        return _convert_position(coords, fn)
    if not isinstance(coords, list | tuple):
        raise ValueError(f"GeoJSON coordinates nested too shallow: {coords!r}")
    return [_convert_nested(c, depth - 1, fn) for c in coords]


_DEPTH = {
    "Point": 0,
    "MultiPoint": 1,
    "LineString": 1,
    "MultiLineString": 2,
    "Polygon": 2,
    "MultiPolygon": 3,
}


def convert_geometry(geom: dict[str, Any], fn: Transform) -> dict[str, Any]:
    """A new GeoJSON geometry with every position passed through ``fn(lon, lat)``.

    Handles Point, LineString, Polygon, their Multi* forms and GeometryCollection; other members
    of the geometry object are copied; altitudes are kept. The input is not modified.
    """
    kind = geom.get("type")
    out = {k: v for k, v in geom.items() if k not in ("coordinates", "geometries")}
    if kind == "GeometryCollection":
        out["geometries"] = [convert_geometry(g, fn) for g in geom.get("geometries", [])]
        return out
    if kind not in _DEPTH:
        raise ValueError(f"unknown GeoJSON geometry type: {kind!r}")
    out["coordinates"] = _convert_nested(geom["coordinates"], _DEPTH[str(kind)], fn)
    return out
