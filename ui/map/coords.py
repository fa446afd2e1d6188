"""Coordinates as people read them off a map: decimal degrees and degrees-minutes-seconds.

WGS-84, latitude first (the way it is read out on the radio: 北纬…, 东经…).
"""

from __future__ import annotations


def _hemi(value: float, pos: str, neg: str) -> str:
    return pos if value >= 0 else neg


def decimal(lon: float, lat: float, digits: int = 6) -> str:
    """``29.556012°N 106.560000°E``."""
    return (f"{abs(lat):.{digits}f}°{_hemi(lat, 'N', 'S')} "
            f"{abs(lon):.{digits}f}°{_hemi(lon, 'E', 'W')}")


def dms_part(value: float, digits: int = 1) -> tuple[int, int, float]:
    """Degrees, minutes, seconds of ``abs(value)``, carried so seconds never print as 60."""
    v = abs(value)
    d = int(v)
    m_float = (v - d) * 60
    m = int(m_float)
    s = round((m_float - m) * 60, digits)
    if s >= 60:
        s -= 60
        m += 1
    if m >= 60:
        m -= 60
        d += 1
    return d, m, s


def dms(lon: float, lat: float, digits: int = 1) -> str:
    """``29°33′21.6″N 106°33′36.0″E``."""
    out = []
    for value, pos, neg in ((lat, "N", "S"), (lon, "E", "W")):
        d, m, s = dms_part(value, digits)
        out.append(f"{d}°{m:02d}′{s:0{3 + digits}.{digits}f}″{_hemi(value, pos, neg)}")
    return " ".join(out)


def length_text(meters: float) -> str:
    if meters >= 1000:
        return f"{meters / 1000:.2f} km"
    return f"{meters:.0f} m"


def area_text(square_meters: float) -> str:
    if square_meters >= 1_000_000:
        return f"{square_meters / 1_000_000:.3f} km²"
    if square_meters >= 10_000:
        return f"{square_meters / 10_000:.2f} ha"
    return f"{square_meters:.0f} m²"
