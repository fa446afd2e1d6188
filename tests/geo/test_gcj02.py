"""WGS-84 ⇄ GCJ-02: published reference pairs, the iterative inverse's accuracy over Chongqing,
the China rectangle, and GeoJSON geometries."""

from __future__ import annotations

import copy
import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.geo.gcj02 import convert_geometry, gcj02_to_wgs84, out_of_china, wgs84_to_gcj02
from app.geo.shapes import distance_m

# (WGS-84 lon, lat) -> (GCJ-02 lon, lat): the reference vectors of the widely used open
# implementation "eviltransform" (Go, PHP, JS ports), which the literature cross-checks.
REFERENCE = [
    ((121.5272106, 31.1774276), (121.531541859215, 31.17530398364597)),  # Shanghai
    ((113.912316, 22.543847), (113.9171764808363, 22.540796131694766)),  # Shenzhen
    ((116.377817, 39.911954), (116.38404722455657, 39.91334545536069)),  # Beijing, by Tiananmen
]

CHONGQING = (105.2, 28.1, 110.2, 32.3)  # the municipality's extent, west south east north


def _one_step_inverse(lon: float, lat: float) -> tuple[float, float]:
    """The common approximation (subtract the offset at the GCJ point): what we must beat."""
    glon, glat = wgs84_to_gcj02(lon, lat)
    return lon - (glon - lon), lat - (glat - lat)


@pytest.mark.parametrize(("wgs", "gcj"), REFERENCE)
def test_forward_matches_reference(wgs: tuple[float, float], gcj: tuple[float, float]) -> None:
    lon, lat = wgs84_to_gcj02(*wgs)
    assert lon == pytest.approx(gcj[0], abs=1e-9)
    assert lat == pytest.approx(gcj[1], abs=1e-9)


@pytest.mark.parametrize(("wgs", "gcj"), REFERENCE)
def test_inverse_recovers_reference(wgs: tuple[float, float], gcj: tuple[float, float]) -> None:
    lon, lat = gcj02_to_wgs84(*gcj)
    assert abs(lon - wgs[0]) < 1e-7
    assert abs(lat - wgs[1]) < 1e-7


def test_offset_is_a_few_hundred_metres_at_jiefangbei() -> None:
    wgs = (106.5775, 29.5587)  # 解放碑, WGS-84
    gcj = wgs84_to_gcj02(*wgs)
    assert 300 < distance_m(*wgs, *gcj) < 600


def test_round_trip_over_a_grid_covering_chongqing() -> None:
    west, south, east, north = CHONGQING
    step = 0.05
    worst_iterative = worst_one_step = 0.0
    n = 0
    for i, j in itertools.product(
        range(int((east - west) / step) + 1), range(int((north - south) / step) + 1)
    ):
        lon, lat = west + i * step, south + j * step
        gcj = wgs84_to_gcj02(lon, lat)
        back = gcj02_to_wgs84(*gcj)
        worst_iterative = max(worst_iterative, abs(back[0] - lon), abs(back[1] - lat))
        approx = _one_step_inverse(*gcj)
        worst_one_step = max(worst_one_step, abs(approx[0] - lon), abs(approx[1] - lat))
        # and the other way round: a GCJ-02 point, to WGS-84, and back
        again = wgs84_to_gcj02(*gcj02_to_wgs84(lon, lat))
        worst_iterative = max(worst_iterative, abs(again[0] - lon), abs(again[1] - lat))
        n += 1
    assert n > 8000
    assert worst_iterative < 1e-9  # promised: < 1e-7 degrees (~1 cm); it is far better
    assert worst_one_step > 1e-7  # the one-step approximation is not good enough


@settings(max_examples=300, deadline=None)
@given(
    lon=st.floats(min_value=73.0, max_value=135.0),
    lat=st.floats(min_value=18.0, max_value=53.5),
)
def test_round_trip_anywhere_in_china(lon: float, lat: float) -> None:
    back = gcj02_to_wgs84(*wgs84_to_gcj02(lon, lat))
    assert math.hypot(back[0] - lon, back[1] - lat) < 1e-7


@pytest.mark.parametrize(
    ("lon", "lat", "outside"),
    [
        (106.5775, 29.5587, False),  # Chongqing
        (116.39, 39.9, False),  # Beijing
        (139.6917, 35.6895, True),  # Tokyo
        (-0.1276, 51.5072, True),  # London
        (151.2, -33.9, True),  # Sydney
        (71.0, 40.0, True),  # west of the rectangle
        (100.0, 56.0, True),  # north of it
    ],
)
def test_out_of_china(lon: float, lat: float, outside: bool) -> None:
    assert out_of_china(lon, lat) is outside
    if outside:
        assert wgs84_to_gcj02(lon, lat) == (lon, lat)
        assert gcj02_to_wgs84(lon, lat) == (lon, lat)
    else:
        assert wgs84_to_gcj02(lon, lat) != (lon, lat)


def _shift(lon: float, lat: float) -> tuple[float, float]:
    return lon + 1.0, lat + 2.0


@pytest.mark.parametrize(
    ("geom", "expected"),
    [
        ({"type": "Point", "coordinates": [1, 2]}, [2.0, 4.0]),
        ({"type": "Point", "coordinates": [1, 2, 300]}, [2.0, 4.0, 300.0]),  # altitude kept
        ({"type": "MultiPoint", "coordinates": [[1, 2], [3, 4]]}, [[2.0, 4.0], [4.0, 6.0]]),
        ({"type": "LineString", "coordinates": [[0, 0], [1, 1]]}, [[1.0, 2.0], [2.0, 3.0]]),
        (
            {"type": "MultiLineString", "coordinates": [[[0, 0], [1, 1]], [[2, 2], [3, 3]]]},
            [[[1.0, 2.0], [2.0, 3.0]], [[3.0, 4.0], [4.0, 5.0]]],
        ),
        (
            {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]},
            [[[1.0, 2.0], [2.0, 2.0], [2.0, 3.0], [1.0, 2.0]]],
        ),
        (
            {"type": "MultiPolygon", "coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 0]]]]},
            [[[[1.0, 2.0], [2.0, 2.0], [2.0, 3.0], [1.0, 2.0]]]],
        ),
    ],
)
def test_convert_geometry_shapes(geom: dict[str, object], expected: object) -> None:
    before = copy.deepcopy(geom)
    out = convert_geometry(geom, _shift)
    assert out == {"type": geom["type"], "coordinates": expected}
    assert geom == before  # the input is left alone


def test_convert_geometry_collection_and_extra_members() -> None:
    geom = {
        "type": "GeometryCollection",
        "bbox": [0, 0, 1, 1],
        "geometries": [
            {"type": "Point", "coordinates": [0, 0]},
            {"type": "LineString", "coordinates": [[0, 0], [1, 1]]},
        ],
    }
    out = convert_geometry(geom, _shift)
    assert out["bbox"] == [0, 0, 1, 1]
    assert out["geometries"][0]["coordinates"] == [1.0, 2.0]
    assert out["geometries"][1]["coordinates"] == [[1.0, 2.0], [2.0, 3.0]]


def test_convert_geometry_wgs_to_gcj_and_back_is_lossless() -> None:
    ring = [[106.57, 29.55], [106.59, 29.55], [106.59, 29.57], [106.57, 29.57], [106.57, 29.55]]
    poly = {"type": "Polygon", "coordinates": [ring]}
    back = convert_geometry(convert_geometry(poly, wgs84_to_gcj02), gcj02_to_wgs84)
    for (x0, y0), (x1, y1) in zip(ring, back["coordinates"][0], strict=True):
        assert abs(x0 - x1) < 1e-9 and abs(y0 - y1) < 1e-9


@pytest.mark.parametrize(
    "geom",
    [
        {"type": "Circle", "coordinates": [0, 0]},
        {"type": "Point", "coordinates": [0]},
        {"type": "LineString", "coordinates": [1, 2]},
    ],
)
def test_convert_geometry_rejects_what_is_not_geojson(geom: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        convert_geometry(geom, _shift)
