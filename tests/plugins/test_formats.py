"""GeoJSON, KML/KMZ and CSV: round trips keep geometry and properties, re-imports add nothing,
and a malformed item is reported with its place and skipped while the rest is taken."""

from __future__ import annotations

import json

from app.services import common
from plugins.formats import csv_io, geojson, kml
from plugins.formats.csv_io import ColumnMapping

OP = "测试员"
AREA = {"type": "Polygon", "coordinates": [[[106.5, 29.5], [106.6, 29.5], [106.6, 29.6], [106.5, 29.5]]]}
ROUTE = {"type": "LineString", "coordinates": [[106.51, 29.51], [106.52, 29.53], [106.55, 29.54]]}


def fill(store) -> dict[str, str]:
    ids = {
        "hazard": common.create(store, OP, "feature", {
            "symbol": "hazard", "name": "滑坡隐患", "level": "high", "geom": common.point(106.5512345, 29.5612345),
            "note": "坡体裂缝", "props": {"监测员": "李四", "裂缝宽度_cm": 12.5, "tags": ["a", "b"]}}),
        "zone": common.create(store, OP, "feature", {"symbol": "danger_zone", "name": "危险区", "geom": AREA}),
        "route": common.create(store, OP, "feature", {"symbol": "evacuation_route", "name": "转移路线", "geom": ROUTE}),
        "shelter": common.create(store, OP, "feature", {
            "symbol": "shelter", "name": "体育馆", "capacity": 800, "shelter_kind": "short_term",
            "geom": common.point(106.53, 29.55)}),
        "unit": common.create(store, OP, "unit", {
            "name": "消防特勤一队", "type": "fire_rescue", "status": "en_route", "headcount": 24,
            "callsign": "渝消01", "geom": common.point(106.54, 29.56), "equipment": ["冲锋舟", "破拆工具"]}),
    }
    return ids


def snapshot(store) -> dict:
    return {(e.etype, e.eid): e.data for t in ("feature", "unit") for e in store.entities(t)}


def test_geojson_round_trip_keeps_geometry_and_properties(rear, ctx, tmp_path) -> None:
    from app.services.posts import init_post
    from plugins.api import PluginContext

    fill(rear.store)
    before = snapshot(rear.store)
    data = geojson.export_geojson(ctx)
    doc = json.loads(data)
    hazard = next(f for f in doc["features"] if f["properties"].get("symbol") == "hazard")
    assert hazard["geometry"] == {"type": "Point", "coordinates": [106.5512345, 29.5612345]}
    assert hazard["properties"]["监测员"] == "李四" and hazard["properties"]["裂缝宽度_cm"] == 12.5

    other = init_post(tmp_path / "other", name="区指挥部", role="rear", level="district").open_store()
    try:
        octx = PluginContext(store=other, operator=OP, post_id=other.identity.post_id)
        report = octx.write(geojson.import_geojson(octx, data))
        assert (report.created, report.problems) == (5, [])
        after = snapshot(other)
        for key, fields in before.items():
            got = dict(after[key])
            assert got.pop("post_id", None) in (None, other.identity.post_id)
            fields = {k: v for k, v in fields.items() if k != "post_id"}
            assert got == fields, key
        again = octx.write(geojson.import_geojson(octx, data))
        assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    finally:
        other.close()


def test_kml_and_kmz_round_trips_keep_geometry_and_properties(rear, ctx) -> None:
    fill(rear.store)
    before = snapshot(rear.store)
    data, kmz = kml.export_kml(ctx), kml.export_kmz(ctx)
    from lxml import etree

    root = etree.fromstring(data)
    assert root.tag == "{http://www.opengis.net/kml/2.2}kml"
    assert len(root.findall(".//{http://www.opengis.net/kml/2.2}Placemark")) == 5
    for e in rear.store.entities("feature"):  # delete, then bring them back from the file
        common.delete(rear.store, OP, "feature", e.eid)
    parsed = kml.import_kml(ctx, data)
    assert parsed.problems == [] and len(parsed.records) == 5
    by_id = {r.eid: r for r in parsed.records}
    for (etype, eid), fields in before.items():
        rec = by_id[eid]
        assert rec.etype == etype
        for k, v in fields.items():
            if k != "post_id":
                assert rec.fields[k] == v, (eid, k)
    report = ctx.write(kml.import_kmz(ctx, kmz))
    assert report.created == 0 and report.updated == 0  # the unit is unchanged, deleted ones stay deleted
    assert {p.what for p in report.problems} == {"deleted here; an import does not bring it back"}


def test_malformed_items_are_reported_with_their_place_and_the_rest_is_taken(rear, ctx) -> None:
    ids = fill(rear.store)
    before = snapshot(rear.store)
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "ok-1", "geometry": {"type": "Point", "coordinates": [106.6, 29.6]},
         "properties": {"name": "新隐患", "symbol": "hazard"}},
        {"type": "Feature", "id": "bad-1", "geometry": {"type": "Point", "coordinates": [306.6, 29.6]},
         "properties": {"name": "坐标错误"}},
        {"type": "Feature", "id": "bad-2", "geometry": {"type": "MultiPoint", "coordinates": []}, "properties": {}},
        {"type": "Feature", "id": ids["hazard"], "geometry": None, "properties": {"name": "无位置", "symbol": "hazard"}},
        {"type": "Feature", "id": "bad-3", "geometry": {"type": "Point", "coordinates": [106.6, 29.6]},
         "properties": {"symbol": "dragon"}},
    ]}
    parsed = geojson.import_geojson(ctx, json.dumps(doc).encode())
    report = ctx.write(parsed)
    wheres = {p.where.split(" ")[0]: p.what for p in report.problems}
    assert report.created == 1 and set(wheres) == {"features[1]", "features[2]", "features[3]", "features[4]"}
    assert "out of range" in wheres["features[1]"] and "MultiPoint" in wheres["features[2]"]
    assert "dragon" in wheres["features[4]"]
    after = snapshot(rear.store)
    assert {k: v for k, v in after.items() if k in before} == before  # nothing stored changed

    bad_kml = kml.export_kml(ctx).replace(b"106.53,29.55", b"east,north")
    parsed = kml.import_kml(ctx, bad_kml)
    assert len(parsed.problems) == 1 and parsed.problems[0].where.startswith("line ")
    assert "'east,north' is not 'lon,lat[,alt]'" in parsed.problems[0].what
    assert len(parsed.records) == 5  # the other placemarks


def test_csv_with_a_column_mapping(rear, ctx) -> None:
    data = ("编号,队伍名称,经度,纬度,类型,人数,电话\n"
            "T1,蓝天救援队,106.51,29.52,volunteer,30,13800000000\n"
            "T2,民兵应急连,abc,29.52,militia,60,\n"
            "T3,医疗队,106.53,29.53,medical,12,13900000000\n").encode("gb18030")
    header, rows = csv_io.read_table(data)
    mapping = csv_io.guess_mapping(header, entity="unit")
    assert mapping.columns == {"id": "编号", "name": "队伍名称", "lon": "经度", "lat": "纬度",
                               "type": "类型", "headcount": "人数"}
    report = ctx.write(csv_io.rows_to_parsed(header, rows, mapping, ctx.post_id))
    assert report.created == 2
    assert [str(p) for p in report.problems] == ["line 3: longitude 'abc' is not a number"]
    units = {u.get("name"): u for u in rear.store.entities("unit")}
    assert units["蓝天救援队"].get("headcount") == 30 and units["蓝天救援队"].get("props") == {"电话": 13800000000}
    shelters = b"name;lon;lat;capacity\n\xe4\xbd\x93\xe8\x82\xb2\xe9\xa6\x86;106.5;29.5;500\n"
    m = ColumnMapping({"name": "name", "lon": "lon", "lat": "lat", "capacity": "capacity"}, "shelter")
    h, r = csv_io.read_table(shelters)
    report = ctx.write(csv_io.rows_to_parsed(h, r, m))
    assert report.created == 1
    shelter = next(f for f in rear.store.entities("feature") if f.get("symbol") == "shelter")
    assert shelter.get("capacity") == 500 and shelter.get("name") == "体育馆"
    exported = csv_io.export_csv(ctx)
    again = ctx.write(csv_io.import_csv(ctx, exported))
    assert (again.created, again.updated, again.problems) == (0, 0, [])
