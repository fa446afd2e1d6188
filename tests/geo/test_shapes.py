"""Point in polygon (holes too), great-circle and point-to-line distances, bounds."""

from __future__ import annotations

import math

import pytest

from app.geo.shapes import distance_m, distance_to_line_m, geometry_bounds, point_in_geometry

SQUARE = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]
HOLE = [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]


def test_point_in_polygon_with_a_hole() -> None:
    poly = {"type": "Polygon", "coordinates": [SQUARE, HOLE]}
    assert point_in_geometry(1, 1, poly)
    assert not point_in_geometry(5, 5, poly)  # in the hole
    assert not point_in_geometry(11, 5, poly)
    multi = {
        "type": "MultiPolygon",
        "coordinates": [[HOLE], [[[20, 20], [21, 20], [21, 21], [20, 20]]]],
    }
    assert point_in_geometry(5, 5, multi)
    assert point_in_geometry(20.9, 20.5, multi)
    assert not point_in_geometry(0, 0.5, {"type": "LineString", "coordinates": SQUARE})


def test_distances() -> None:
    assert distance_m(0, 0, 0, 1) == pytest.approx(111_195, rel=1e-3)  # a degree of latitude
    assert distance_m(106.5, 29.5, 106.5, 29.5) == 0
    line = {"type": "LineString", "coordinates": [[106.0, 29.0], [107.0, 29.0]]}
    assert distance_to_line_m(106.5, 29.01, line) == pytest.approx(1112, rel=1e-2)
    assert distance_to_line_m(105.0, 29.0, line) == pytest.approx(
        distance_m(105.0, 29.0, 106.0, 29.0), rel=1e-2
    )
    assert math.isinf(distance_to_line_m(0, 0, {"type": "Point", "coordinates": [0, 0]}))


def test_bounds() -> None:
    assert geometry_bounds({"type": "Polygon", "coordinates": [SQUARE]}) == (0, 0, 10, 10)
    with pytest.raises(ValueError):
        geometry_bounds({"type": "MultiPoint", "coordinates": []})
