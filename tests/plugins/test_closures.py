"""The road closures layer plugin and the checks every plugin layer's data goes through before
it reaches the map (``ui.map.layer_data``, pure Python): GeoJSON and KML files of the post's
``closures`` folder, ended closures left out, unreadable files named while the rest is drawn,
and garbage of every kind refused with a reason."""

from __future__ import annotations

import json
import math

import pytest

from plugins.api import InputError
from plugins.closures import layer
from ui.map import layer_data


def line(name: str, *coords, **props) -> dict:
    return {"type": "Feature", "geometry": {"type": "LineString", "coordinates": list(coords)},
            "properties": {"name": name, **props}}


def test_no_folder_is_no_closures_and_a_missing_configured_path_is_an_error(ctx) -> None:
    assert layer.road_closures(ctx) == {"type": "FeatureCollection", "features": [], "problems": []}
    with pytest.raises(InputError, match="no such file or folder"):
        layer.road_closures(ctx, path="/nonexistent/closures.kml")


def test_files_of_the_folder_are_one_layer_and_a_bad_file_is_named(ctx) -> None:
    folder = ctx.data_dir / "closures"
    folder.mkdir()
    (folder / "a.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": [
        line("长江滨江路", [106.58, 29.55], [106.59, 29.552], 结束时间="2099-01-01 00:00"),
        line("旧的", [106.5, 29.5], [106.51, 29.5], until=1_000),
    ]}), "utf-8")
    (folder / "b.kml").write_text("<kml><Document><Placemark><name>x", "utf-8")
    (folder / "c.kml").write_text(
        '<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>管制区</name><Polygon><outerBoundaryIs>'
        '<LinearRing><coordinates>106.57,29.55 106.58,29.55 106.58,29.56 106.57,29.55</coordinates>'
        '</LinearRing></outerBoundaryIs></Polygon></Placemark></kml>', "utf-8")
    (folder / "readme.txt").write_text("not a layer", "utf-8")
    got = layer.road_closures(ctx)
    assert [f["properties"]["name"] for f in got["features"]] == ["长江滨江路", "管制区"]
    assert got["features"][1]["geometry"]["type"] == "Polygon"
    assert len(got["problems"]) == 1 and got["problems"][0].startswith("b.kml: not KML")
    checked = layer_data.shape(got)  # what the map will draw
    assert checked.count == 2 and checked.skipped == got["problems"]


def test_kml_with_an_entity_bomb_is_refused(ctx) -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><kml>&b;</kml>'
    with pytest.raises(InputError, match="unsafe XML"):
        layer.read_kml(bomb)


@pytest.mark.parametrize("raw, said", [
    ("<html>502 Bad Gateway</html>", "returned str, not GeoJSON"),
    (None, "returned NoneType"),
    ({"type": "Topology", "objects": {}}, "'Topology' object"),
    ({"type": "FeatureCollection", "features": "all of them"}, "without a list of features"),
    ({"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {
        "type": "Point", "coordinates": [float("nan"), 29.5]}}]}, "no feature could be drawn"),
])
def test_garbage_is_refused_with_a_reason(raw, said) -> None:
    with pytest.raises(layer_data.LayerDataError, match=said):
        layer_data.shape(raw)


def test_features_are_checked_one_by_one_and_reduced_to_words_and_styles() -> None:
    got = layer_data.shape({"type": "FeatureCollection", "style": {"color": "#123456", "onclick": "x"},
                            "features": [
        line("好的", [106.5, 29.5, 300], [106.6, 29.6], description="<script>alert(1)</script>封路",
             stroke="#ff0000", **{"stroke-width": "7", "fill": "javascript:evil()"}),
        {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[106.5, 29.5], [106.6, 29.5], [106.6, 29.6]]]}},
        {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[106.5, 29.5]]}},
        {"type": "Feature", "geometry": {"type": "GeometryCollection", "geometries": [
            {"type": "Point", "coordinates": [106.55, 29.55]}, {"type": "Point", "coordinates": [106.56, 29.56]}]}},
        "a string",
    ]})
    assert (got.count, got.kind) == (4, "point")  # a line, an area, two points
    first = got.collection["features"][0]
    assert first["geometry"]["coordinates"] == [[106.5, 29.5], [106.6, 29.6]]  # height dropped
    assert first["properties"] == {"label": "好的", "tip": ["alert(1) 封路"],
                                   "style": {"color": "#ff0000", "weight": 7.0}}
    ring = got.collection["features"][1]["geometry"]["coordinates"][0]
    assert ring[0] == ring[-1] and len(ring) == 4  # closed
    assert got.skipped == ["feature 3: a line needs at least 2 positions", "feature 5: not a Feature"]
    assert got.style == {"color": "#123456"}


def test_a_huge_layer_is_cut_and_says_so() -> None:
    many = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [100 + i * 1e-4, 30.0]}}
            for i in range(layer_data.MAX_FEATURES + 5)]
    got = layer_data.shape(many)
    assert got.count == layer_data.MAX_FEATURES
    assert got.skipped == [f"only the first {layer_data.MAX_FEATURES} features are drawn"]
    assert all(math.isfinite(f["geometry"]["coordinates"][0]) for f in got.collection["features"][:3])
